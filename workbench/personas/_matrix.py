"""``FeatureMatrix``: features per unit, what each column means, and how gaps are handled."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.stats import norm

from ..errors import WorkbenchError

__all__ = ["FeatureMatrix", "FEATURE_KINDS", "SURVEY_KINDS", "INFO_COLUMNS", "GAP_COLUMNS", "IMPUTE_NEIGHBOURS"]

#: Column prefixes (feature kinds) in the order they appear in a matrix.
FEATURE_KINDS = ("likert", "nps", "numeric", "choice", "multi", "text", "missing")
#: The kinds built from closed survey answers (what personas are clustered on by default).
SURVEY_KINDS = ("likert", "nps", "numeric", "choice", "multi")
INFO_COLUMNS = ("column", "kind", "question_id", "question_text", "option", "label", "weight", "missing_share",
                "block", "levels")
GAP_COLUMNS = ("question_id", "question_text", "kind", "n_missing", "share")
IMPUTE_NEIGHBOURS = 5  # gaps are filled from this many most similar units (distance-based methods only)
IMPUTE_DONORS = 5_000  # ... found among at most this many units (a random sample on larger data)


@dataclass
class FeatureMatrix:
    """Features per unit (respondent or participant) with a description of every column.

    Attributes
    ----------
    frame : DataFrame
        Index: unit id; one float column per feature, unweighted, on 0..1 (scaled answers and
        one-hot options). Gaps stay NaN here: a unit that did not answer a question.
    feature_info : DataFrame
        ``column, kind, question_id, question_text, option, label, weight, missing_share, block,
        levels``; ``block`` is the question a column belongs to (the unit of weighting),
        ``levels`` the number of answer points of an ordinal column (0 for others).
    dropped : DataFrame
        ``column, reason`` for candidate columns left out (near-constant, metadata, …).
    """

    frame: pd.DataFrame
    feature_info: pd.DataFrame
    dropped: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["column", "reason"]))
    random_state: int = 0
    _filled: pd.DataFrame | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.frame)

    @property
    def columns(self) -> list[str]:
        return list(self.frame.columns)

    @property
    def index(self) -> pd.Index:
        return self.frame.index

    @property
    def kinds(self) -> list[str]:
        """Feature kinds present, in :data:`FEATURE_KINDS` order."""
        present = set(self.feature_info["kind"])
        return [k for k in FEATURE_KINDS if k in present]

    @property
    def gaps(self) -> pd.DataFrame:
        """``question_id, question_text, kind, n_missing, share``: the questions some units left open."""
        info = self.feature_info[self.feature_info["kind"].isin(SURVEY_KINDS)]
        rows = []
        for qid, grp in info.groupby("question_id", sort=False):
            miss = self.frame[list(grp["column"])].isna().all(axis=1)
            if miss.any():
                rows.append((qid, grp["question_text"].iloc[0], grp["kind"].iloc[0], int(miss.sum()),
                             float(miss.mean())))
        return pd.DataFrame(rows, columns=list(GAP_COLUMNS))

    @property
    def weights(self) -> pd.Series:
        return self.feature_info.set_index("column")["weight"].reindex(self.frame.columns).astype(float)

    def filled(self) -> pd.DataFrame:
        """The frame with its gaps filled from the most similar units (scikit-learn's
        ``KNNImputer``: the mean of the :data:`IMPUTE_NEIGHBOURS` nearest units that answered, in
        the block-weighted space); for the distance-based methods, which need a complete matrix."""
        if self._filled is None:
            f = self.frame
            if not f.isna().to_numpy().any():
                self._filled = f
            else:
                self._filled = _knn_fill(f, self.weights.to_numpy(), self.random_state)
        return self._filled

    def weighted(self) -> pd.DataFrame:
        """The filled frame with each column multiplied by its weight (what k-means & co. see)."""
        return self.filled() * self.weights

    def to_numpy(self, weighted: bool = True) -> np.ndarray:
        return (self.weighted() if weighted else self.filled()).to_numpy(dtype=float)

    def select(self, kinds: Iterable[str] | None = None, columns: Iterable[str] | None = None) -> FeatureMatrix:
        """A matrix with only the given kinds (``"likert"``, ``"text"``, …) and/or columns."""
        keep = list(self.frame.columns)
        if kinds is not None:
            wanted = set(kinds)
            unknown = wanted - set(FEATURE_KINDS)
            if unknown:
                raise WorkbenchError(
                    f"unknown feature kind(s) {sorted(unknown)}", hint=f"Use some of {', '.join(FEATURE_KINDS)}."
                )
            kind_of = self.feature_info.set_index("column")["kind"]
            keep = [c for c in keep if kind_of[c] in wanted]
        if columns is not None:
            cols = set(columns)
            keep = [c for c in keep if c in cols]
        info = self.feature_info[self.feature_info["column"].isin(keep)].reset_index(drop=True)
        filled = self._filled[keep] if self._filled is not None else None
        return FeatureMatrix(self.frame[keep], info, self.dropped, self.random_state, filled)

    def drop_units(self, units) -> FeatureMatrix:
        """The matrix without these units (rows)."""
        frame = self.frame.drop(index=list(units))
        filled = self._filled.loc[frame.index] if self._filled is not None else None
        return FeatureMatrix(frame, self.feature_info, self.dropped, self.random_state, filled)

    def lca_data(self) -> tuple[pd.DataFrame, list[str]]:
        """The answers as latent class analysis models them: one column per Likert / 0–10 /
        single-choice question (integer codes), per multi-select option (0/1) and per number
        (normal scores of its percentile ranks), gaps as NaN; and each column's model for
        :class:`~workbench.personas.PersonaClusterer` (``"ordinal:5"``, ``"categorical:3"``,
        ``"binary"``, ``"gaussian"``). Missing indicators are left out (a gap adds nothing)."""
        info = self.feature_info.set_index("column")
        cols: dict[str, np.ndarray] = {}
        models: list[str] = []
        done: set[str] = set()
        for col in self.frame.columns:
            kind, block = info.at[col, "kind"], info.at[col, "block"]
            v = self.frame[col].to_numpy(dtype=float)
            if kind == "missing":
                continue
            levels = int(info.at[col, "levels"] or 0)
            codes = v * (levels - 1) if levels >= 2 else v
            obs = codes[~np.isnan(codes)]
            if kind in ("likert", "nps", "numeric") and levels >= 2 and np.allclose(obs, np.round(obs)) \
                    and obs.min(initial=0) >= 0 and obs.max(initial=0) <= levels - 1:
                cols[col] = np.round(codes)
                models.append(f"ordinal:{levels}")
            elif kind == "choice":
                if block in done:
                    continue
                done.add(block)
                members = info.index[info["block"] == block]
                onehot = self.frame[members].to_numpy(dtype=float)
                missing = np.isnan(onehot).all(axis=1)
                known = np.nan_to_num(onehot)
                codes = np.where(known.sum(axis=1) > 0, known.argmax(axis=1), len(members)).astype(float)
                # code len(members): an option too rare to have a column of its own
                n_levels = len(members) + int((codes == len(members)).any())
                cols[f"choice:{block}"] = np.where(missing, np.nan, codes)
                models.append(f"categorical:{max(n_levels, 2)}")
            elif kind == "multi":
                cols[col] = v
                models.append("binary")
            else:  # numbers (percentile ranks), text features, answers off their stated scale
                cols[col] = norm.ppf(np.clip(v, 1e-3, 1 - 1e-3)) if kind == "numeric" and levels < 2 else v
                models.append("gaussian")
        return pd.DataFrame(cols, index=self.frame.index), models


def _knn_fill(frame: pd.DataFrame, weights: np.ndarray, seed: int) -> pd.DataFrame:
    from sklearn.impute import KNNImputer

    X = frame.to_numpy(dtype=float) * weights
    donors = X
    if len(X) > IMPUTE_DONORS:
        donors = X[np.sort(np.random.default_rng(seed).choice(len(X), IMPUTE_DONORS, replace=False))]
    imp = KNNImputer(n_neighbors=IMPUTE_NEIGHBOURS, keep_empty_features=True).fit(donors)
    filled = imp.transform(X)
    with np.errstate(divide="ignore", invalid="ignore"):
        filled = np.where(weights > 0, filled / weights, np.nan_to_num(frame.to_numpy(dtype=float)))
    # a column nobody in the donor sample answered: its mean
    out = pd.DataFrame(filled, index=frame.index, columns=frame.columns)
    return out.fillna(frame.mean()).fillna(0.0)
