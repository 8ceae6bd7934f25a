"""Text features: what the tagger found in a unit's own open answers or interview turns.

They describe personas (needs and pains per phase on the cards) and place interview
participants on personas; by default they are not clustered on (see :func:`~workbench.personas.fit_personas`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._matrix import INFO_COLUMNS, FeatureMatrix

__all__ = ["text_features", "features_for_participants"]


def text_features(
    documents: pd.DataFrame,
    doc_tags: pd.DataFrame,
    *,
    unit: str = "respondent_id",
    units: Sequence[str] | None = None,
    phases: Sequence[str] | None = None,
    weight: float = 1.0,
    min_count: int = 1,
    columns: Sequence[str] | None = None,
) -> FeatureMatrix:
    """``text:`` features of each unit from the tags of its own documents.

    For ``unit="respondent_id"`` the unit's documents are its open answers; for
    ``unit="participant_id"`` the participant's own interview turns (interviewer turns are
    ignored). Columns: ``text:pain_share:<phase>`` and ``text:need_share:<phase>`` (share of the
    unit's documents with a pain point / need in that phase; ``any`` for all phases),
    ``text:sentiment`` (mean, rescaled to 0..1) and ``text:touchpoint:<id>`` (1 if named).
    With ``columns`` the result is aligned to those columns (absent ones are 0).
    """
    docs = documents
    if unit == "respondent_id":
        docs = docs[(docs["kind"].astype("string") == "answer") & docs["respondent_id"].notna()]
    else:
        docs = docs[(docs["kind"].astype("string") == "segment") & docs["participant_id"].notna()]
        if "role" in docs.columns:
            docs = docs[docs["role"].astype("string") != "interviewer"]
    docs = docs[["doc_id", unit]].astype("string")
    tags = doc_tags.drop_duplicates("doc_id").copy()
    tags["doc_id"] = tags["doc_id"].astype("string")
    m = docs.merge(tags, on="doc_id", how="left")
    if units is None:
        units = pd.Index(m[unit].dropna().unique(), name=unit)
    units = pd.Index(units, name=unit)
    m = m[m[unit].isin(units)]
    for c in ("pain_point", "need", "sentiment"):
        m[c] = pd.to_numeric(m.get(c, 0), errors="coerce").fillna(0.0).astype(float)
    m["phase"] = m.get("phase", pd.Series(pd.NA, index=m.index)).astype("string")
    ndocs = m.groupby(unit).size().reindex(units).fillna(0.0)
    denom = ndocs.replace(0, np.nan)
    if phases is None:
        phases = sorted(p for p in m["phase"].dropna().unique())
    cols: dict[str, pd.Series] = {}
    info: list[dict] = []

    def add(col: str, values: pd.Series, label: str, option: str) -> None:
        cols[col] = values.reindex(units).fillna(0.0).astype(float)
        info.append(dict(column=col, kind="text", question_id=pd.NA, question_text=label, option=option,
                         label=label, weight=weight, missing_share=0.0, block="text", levels=0))

    for what, flag in (("pain", "pain_point"), ("need", "need")):
        add(f"text:{what}_share:any", m.groupby(unit)[flag].sum() / denom, f"{what} (any phase)", "any")
        for ph in phases:
            sub = m[m["phase"] == ph]
            add(f"text:{what}_share:{ph}", sub.groupby(unit)[flag].sum() / denom, f"{what} in {ph}", str(ph))
    add("text:sentiment", (m.groupby(unit)["sentiment"].mean() + 1.0) / 2.0, "sentiment", "sentiment")
    cols["text:sentiment"] = cols["text:sentiment"].where(ndocs > 0, 0.5)
    tp = m.get("touchpoints", pd.Series("", index=m.index)).astype("string").fillna("")
    exploded = (
        pd.DataFrame({unit: m[unit], "tp": tp.str.split(";")}).explode("tp").assign(tp=lambda d: d["tp"].str.strip())
    )
    exploded = exploded[exploded["tp"].notna() & (exploded["tp"] != "")].drop_duplicates()
    dropped: list[tuple[str, str]] = []
    for tp_id, grp in exploded.groupby("tp", sort=True):
        col = f"text:touchpoint:{tp_id}"
        if columns is None and len(grp) < min_count:
            dropped.append((col, "near-constant (rare touchpoint)"))
            continue
        add(col, pd.Series(1.0, index=pd.Index(grp[unit].unique())), f"touchpoint {tp_id}", str(tp_id))
    frame = pd.DataFrame(cols, index=units)
    info_df = pd.DataFrame(info, columns=list(INFO_COLUMNS))
    if columns is not None:
        wanted = [c for c in columns if c.startswith("text:")]
        frame = frame.reindex(columns=wanted, fill_value=0.0)
        if "text:sentiment" in wanted:
            frame["text:sentiment"] = cols["text:sentiment"]
        info_df = info_df.set_index("column").reindex(wanted).reset_index()
        info_df["kind"] = "text"
        info_df["weight"] = info_df["weight"].fillna(weight)
        info_df["block"] = "text"
        info_df["levels"] = 0
    frame.index.name = unit
    return FeatureMatrix(frame.astype(float), info_df, pd.DataFrame(dropped, columns=["column", "reason"]))



def features_for_participants(
    documents: pd.DataFrame,
    doc_tags: pd.DataFrame,
    *,
    participants: Sequence[str] | None = None,
    columns: Sequence[str] | None = None,
    phases: Sequence[str] | None = None,
) -> FeatureMatrix:
    """Text features of interview participants from their tagged interview turns.

    Parameters
    ----------
    documents, doc_tags : DataFrame
        ``schema.DOCUMENTS`` (segments are used) and ``schema.DOC_TAGS``.
    participants : sequence of str, optional
        Which participants (default: all with participant turns).
    columns : sequence of str, optional
        Align to these ``text:`` columns, e.g. those of the respondents' matrix, so a model
        trained on respondents can place participants.
    phases : sequence of str, optional
        Phase ids for the share columns.
    """
    return text_features(documents, doc_tags, unit="participant_id", units=participants, phases=phases,
                         columns=columns)
