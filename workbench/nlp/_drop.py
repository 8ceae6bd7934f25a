"""Dropping tags after tagging, the one way every post-step does it."""

from __future__ import annotations

import numpy as np
import pandas as pd


def drop_tags(doc_tags: pd.DataFrame, tags: pd.DataFrame, drop: np.ndarray, label: str
              ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``tags`` without the rows ``drop`` marks (all of ``label``), and ``doc_tags`` with ``label``
    cleared for the documents that lost their last tag of it."""
    touched = set(tags["doc_id"].to_numpy()[drop].tolist())
    tags = tags[~drop].reset_index(drop=True)
    still = set(tags.loc[tags["label"].astype(str) == label, "doc_id"])
    lost = doc_tags["doc_id"].isin(touched - still).to_numpy()
    if lost.any():
        doc_tags = doc_tags.copy()
        doc_tags.loc[lost, label] = 0
    return doc_tags, tags
