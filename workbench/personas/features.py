"""The feature matrix personas are clustered on: one row per respondent, readable columns,
every question weighing the same however it is encoded.

Every column is named ``<kind>:<question id>[=<option>]`` so a persona card can say in words
what sets a persona apart, and ``FeatureMatrix.feature_info`` carries the question text, a label
and the question (``block``) of each column.

============  ======================================  ==========================================
prefix        built from                              value (0..1)
============  ======================================  ==========================================
``likert:``   Likert answers (``value_num``)          (x − scale_min) / (scale_max − scale_min):
                                                      ordinal, one column, order kept
``nps:``      0..10 recommend answers                 x / 10 (ordinal, 11 points)
``numeric:``  numbers                                 a rating (integers spanning at most 10
                                                      points): min-max scaled and ordinal; other
                                                      numbers: their percentile rank (robust to
                                                      outliers and skew)
``choice:``   single choice, one column per option    1 if chosen, else 0
``multi:``    multi-select, one column per option     1 if ticked, else 0
``text:``     tags of the unit's own open answers     see :func:`text_features`
``missing:``  a question more than 20 % left open     1 where the answer is missing
============  ======================================  ==========================================

Each question weighs one, however it is encoded (``weight`` per column; the distance-based
methods see ``value * weight``): the columns of one question (its ``block``: one column for a
scaled answer, one per option for a choice or multi-select question) are scaled together so
that the question's total variance is 1/12 — that of an answer spread evenly over 0..1 —
times its kind's weight² (default 1; missing indicators 0.5; all ``text:`` columns together
form one block). So a 12-option channel question counts as one question, not twelve, and a
single choice, whose options differ all-or-nothing, no longer splits respondents into lumps
of answer combinations. On planted surveys this beat weighting by each question's largest
possible difference (range) for k-means and Ward (``benchmarks/personas.py``). A block's
variance is taken over the answers given, and counted as at least 1/16 of 1/12, so a question
nearly everyone answers alike is not blown up.

Gaps: a respondent who left a question open has NaN in ``frame`` (a multi-select question
with nothing ticked counts as left open). Latent class analysis models gaps as they are (a gap
adds nothing to the likelihood); the distance-based methods use :meth:`FeatureMatrix.filled`,
where each gap is filled from the five most similar respondents (scikit-learn's
``KNNImputer``) — never with everyone's median. ``FeatureMatrix.gaps`` lists the questions
with gaps, and :func:`~workbench.personas.fit_personas` says what was done with them.

Near-constant columns (a scaled column with a standard deviation below ``min_std``, an option
chosen by fewer than ``max(2, min_share * n)`` units or by all but that many), survey metadata
(Qualtrics/LimeSurvey system fields such as ``Duration``, ``Progress``) and ``date`` questions are
left out; ``FeatureMatrix.dropped`` says why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import WorkbenchError
from ._matrix import FEATURE_KINDS, INFO_COLUMNS, SURVEY_KINDS, FeatureMatrix
from ._text import features_for_participants, text_features
from ._text import text_features as _text_features

__all__ = [
    "FeatureMatrix",
    "build_features",
    "features_for_participants",
    "text_features",
    "DEFAULT_WEIGHTS",
    "FEATURE_KINDS",
    "SURVEY_KINDS",
]

#: Weight per feature kind: a question's total variance is 1/12 times its kind's weight squared.
DEFAULT_WEIGHTS = {"likert": 1.0, "nps": 1.0, "numeric": 1.0, "choice": 1.0, "multi": 1.0, "text": 1.0,
                   "missing": 0.5}
_PREFIX = {"likert": "likert", "nps": "nps", "numeric": "numeric", "choice": "choice", "multi_choice": "multi"}
_SCALED = ("likert", "nps", "numeric")
# System fields of survey tools: never persona features.
METADATA_PATTERN = re.compile(
    r"^(start_?date|end_?date|status|ip_?address|ipaddr|progress|duration.*|finished|recorded_?date|"
    r"response_?id|recipient.*|external_?(reference|data_?reference)|location.*|distribution_?channel|"
    r"user_?language|q_.*|_record_?id|submitdate|lastpage|startlanguage|seed|datestamp|refurl|"
    r"timestamp|tijdstempel|interview_?id|respondent_?id|collector_?id|custom_?data.*)$",
    re.IGNORECASE,
)


def _question_table(answers: pd.DataFrame, questions: pd.DataFrame | None) -> pd.DataFrame:
    if questions is not None and len(questions):
        q = questions.drop_duplicates("question_id").set_index("question_id")
    else:
        q = answers.drop_duplicates("question_id").set_index("question_id")[["question_text", "kind"]]
    for col in ("scale_min", "scale_max"):
        if col not in q.columns:
            q[col] = np.nan
    return q


def _text_of(q: pd.DataFrame, qid: str, fallback: str = "") -> str:
    if qid in q.index and "question_text" in q.columns:
        t = q.at[qid, "question_text"]
        if isinstance(t, str) and t:
            return t
    return fallback or qid


def _scaled_column(values: pd.Series, kind: str, lo: float, hi: float) -> tuple[pd.Series, int]:
    """(values on 0..1, number of ordinal levels or 0 for a continuous number)."""
    obs = values.dropna()
    integers = bool((obs == obs.round()).all())
    if kind == "nps":
        return values / 10.0, 11
    if kind == "likert" and np.isfinite(lo) and np.isfinite(hi) and hi > lo:
        return (values - lo) / (hi - lo), int(hi - lo) + 1 if integers and hi - lo == round(hi - lo) else 0
    if obs.nunique() <= 11 and integers and float(obs.max() - obs.min()) <= 10:
        # a rating scale (or a Likert item without a known range) read as numbers
        lo, hi = float(obs.min()), float(obs.max())
        if hi == lo:
            return values * 0.0, 0
        return (values - lo) / (hi - lo), int(hi - lo) + 1
    ranks = values.rank(method="average")  # percentile ranks in (0, 1): robust to outliers and skew
    return (ranks - 0.5) / float(obs.size), 0


def _info(col, kind, qid, qtext, option, label, weight, miss, block, levels=0) -> dict:
    return dict(zip(INFO_COLUMNS, (col, kind, qid, qtext, option, label, weight, miss, block, levels), strict=True))


UNIFORM_VAR = 1.0 / 12.0  # variance of an answer spread evenly over 0..1
MAX_BOOST = 4.0  # a question's columns are scaled up at most this much


def _block_weights(frame: pd.DataFrame, info: pd.DataFrame) -> np.ndarray:
    """Per column: its kind's weight x sqrt(1/12 / total variance of its question's columns)."""
    var = frame.var(ddof=0).reindex(info["column"]).fillna(0.0).to_numpy()
    total = pd.Series(var).groupby(info["block"].to_numpy()).transform("sum").to_numpy()
    scale = np.sqrt(UNIFORM_VAR / np.maximum(total, UNIFORM_VAR / MAX_BOOST**2))
    return info["weight"].astype(float).to_numpy() * scale


def build_features(
    answers: pd.DataFrame,
    questions: pd.DataFrame | None = None,
    *,
    respondents: pd.DataFrame | None = None,
    doc_tags: pd.DataFrame | None = None,
    documents: pd.DataFrame | None = None,
    include: Sequence[str] = ("likert", "nps", "numeric", "choice", "multi_choice"),
    text_features: bool = True,
    exclude_questions: Iterable[str] = (),
    demographic_weight: float = 1.0,
    weights: Mapping[str, float] | None = None,
    min_std: float = 0.02,
    min_share: float = 0.02,
    missing_threshold: float = 0.2,
    phases: Sequence[str] | None = None,
    random_state: int = 0,
) -> FeatureMatrix:
    """Build the persona feature matrix of survey respondents.

    Parameters
    ----------
    answers : DataFrame
        ``schema.ANSWERS`` (long: one row per respondent x question, per option for multi-select).
    questions : DataFrame, optional
        ``schema.QUESTIONS``; gives scale ranges and texts (else taken from ``answers``).
    respondents : DataFrame, optional
        ``schema.RESPONDENTS``; its ``respondent_id`` order is the row order (all respondents
        get a row, even those without answers). Default: respondents in ``answers``.
    doc_tags, documents : DataFrame, optional
        ``schema.DOC_TAGS`` and ``schema.DOCUMENTS``: with both, ``text:`` features are built from
        each respondent's open answers (see :func:`text_features`).
    include : sequence of str
        Answer kinds to use (``ANSWER_KINDS`` names).
    text_features : bool
        Add ``text:`` columns when ``doc_tags`` and ``documents`` are given.
    exclude_questions : iterable of str
        Question ids to leave out.
    demographic_weight : float
        Weight of a single-choice question (default 1: like any question; 0.5 weighs
        demographics such as an age band down).
    weights : mapping, optional
        Weight per feature kind, overriding :data:`DEFAULT_WEIGHTS`.
    min_std, min_share : float
        Near-constant thresholds (see the module docstring).
    missing_threshold : float
        Add a ``missing:`` indicator for a question left open by more than this share.
    phases : sequence of str, optional
        Phase ids (in order) for the ``text:`` share columns; default: phases found in the tags.
    random_state : int
        Seed for the sample of respondents gaps are filled from (more than 5,000 respondents).

    Returns
    -------
    FeatureMatrix

    Examples
    --------
    >>> ans = pd.DataFrame({"respondent_id": ["a", "b", "c"], "question_id": ["Q1"] * 3,
    ...     "question_text": ["Prijs telt"] * 3, "kind": ["likert"] * 3,
    ...     "value_num": [1.0, 3.0, 5.0], "value_text": ["x", "y", "z"]})
    >>> build_features(ans).frame["likert:Q1"].tolist()
    [0.0, 0.5, 1.0]
    """
    missing = {"respondent_id", "question_id", "kind"} - set(answers.columns)
    if missing:
        raise WorkbenchError(
            f"answers frame lacks column(s) {sorted(missing)}",
            hint="Pass study.answers (schema.ANSWERS) to build_features.",
        )
    w = {**DEFAULT_WEIGHTS, "choice": demographic_weight, **(weights or {})}
    if respondents is not None and len(respondents):
        units = pd.Index(respondents["respondent_id"].astype("string").dropna().unique(), name="respondent_id")
    else:
        units = pd.Index(answers["respondent_id"].astype("string").dropna().unique(), name="respondent_id")
    if len(units) == 0:
        raise WorkbenchError("no respondents to build features for", hint="Check that the survey has answers.")
    n = len(units)
    q = _question_table(answers, questions)
    excluded = set(exclude_questions)
    a = answers[answers["kind"].astype("string").isin(list(include))]
    a = a[a["respondent_id"].astype("string").isin(units)]
    cols: dict[str, pd.Series] = {}
    info: list[dict] = []
    dropped: list[tuple[str, str]] = []
    min_count = max(2, int(np.ceil(min_share * n)))

    for qid, grp in a.groupby(a["question_id"].astype("string"), sort=False):
        qid = str(qid)
        kind = str(grp["kind"].iloc[0])
        prefix = _PREFIX[kind]
        if qid in excluded:
            dropped.append((f"{prefix}:{qid}", "excluded"))
            continue
        if METADATA_PATTERN.match(qid):
            dropped.append((f"{prefix}:{qid}", "survey metadata"))
            continue
        qtext = _text_of(q, qid, str(grp["question_text"].iloc[0]) if "question_text" in grp else "")
        answered = units.isin(grp["respondent_id"].astype("string"))
        if kind in _SCALED:
            vals = grp.dropna(subset=["value_num"]).drop_duplicates("respondent_id").set_index("respondent_id")
            s = vals["value_num"].astype(float).reindex(units)
            col = f"{prefix}:{qid}"
            if s.notna().sum() < 2:
                dropped.append((col, "answered by fewer than 2 units"))
                continue
            lo = float(q.at[qid, "scale_min"]) if qid in q.index else np.nan
            hi = float(q.at[qid, "scale_max"]) if qid in q.index else np.nan
            scaled, levels = _scaled_column(s, kind, lo, hi)
            if float(scaled.std(ddof=0)) < min_std:
                dropped.append((col, "near-constant"))
                continue
            answered = s.notna().to_numpy()
            cols[col] = scaled
            info.append(_info(col, prefix, qid, qtext, pd.NA, qtext, w[prefix], 1 - answered.mean(), qid, levels))
        else:
            texts = grp.dropna(subset=["value_text"])
            counts = texts.drop_duplicates(["respondent_id", "value_text"])["value_text"].value_counts(sort=False)
            keep = [o for o in counts.index if min_count <= int(counts[o]) <= n - min_count]
            dropped += [(f"{prefix}:{qid}={o}", "near-constant (rare or near-universal option)")
                        for o in counts.index if o not in keep]
            if not keep:
                continue
            for option in keep:
                col = f"{prefix}:{qid}={option}"
                chosen = texts.loc[texts["value_text"] == option, "respondent_id"].astype("string")
                cols[col] = pd.Series(np.where(answered, units.isin(chosen), np.nan), index=units, dtype=float)
                info.append(_info(col, prefix, qid, qtext, str(option), f"{qtext}: {option}", w[prefix],
                                  1 - answered.mean(), qid))
        if (~np.asarray(answered)).mean() > missing_threshold:
            mcol = f"missing:{qid}"
            cols[mcol] = pd.Series((~np.asarray(answered)).astype(float), index=units)
            info.append(_info(mcol, "missing", qid, qtext, pd.NA, f"{qtext} (missing)", w["missing"], 0.0, mcol))

    frame = pd.DataFrame(cols, index=units) if cols else pd.DataFrame(index=units)
    info_df = pd.DataFrame(info, columns=list(INFO_COLUMNS))
    if text_features and doc_tags is not None and documents is not None:
        tf = _text_features(documents, doc_tags, unit="respondent_id", units=units, phases=phases,
                            weight=w["text"], min_count=min_count)
        frame = pd.concat([frame, tf.frame], axis=1)
        info_df = pd.concat([info_df, tf.feature_info], ignore_index=True) if len(info_df) else tf.feature_info
        dropped.extend(tf.dropped.itertuples(index=False, name=None))
    if frame.shape[1] == 0:
        raise WorkbenchError(
            "no usable persona features",
            hint="The survey needs likert, nps, numeric or choice questions answered by several respondents.",
        )
    frame.index.name = units.name
    info_df = info_df.reset_index(drop=True)
    info_df["weight"] = _block_weights(frame, info_df)
    return FeatureMatrix(frame.astype(float), info_df.reset_index(drop=True),
                         pd.DataFrame(dropped, columns=["column", "reason"]), random_state)
