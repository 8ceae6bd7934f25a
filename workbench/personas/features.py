"""The feature matrix personas are clustered on: one row per respondent, readable columns.

Every column is named ``<kind>:<question id>[=<option>]`` so a persona card can say in words
what sets a persona apart, and ``FeatureMatrix.feature_info`` carries the question text and a
label for each column.

============  ======================================  ==========================================
prefix        built from                              value
============  ======================================  ==========================================
``likert:``   likert answers (``value_num``)          (x - scale_min) / (scale_max - scale_min)
``nps:``      0..10 recommend answers                 x / 10
``numeric:``  numeric answers                         (x - median) / (2 * IQR), clipped to +-1.5
``choice:``   single choice, one column per option    1 if chosen, else 0
``multi:``    multi-select, one column per option     1 if ticked, else 0
``text:``     tags of the unit's own open answers     share of its documents with a pain point /
              or interview (``DOC_TAGS``)             need per phase; 1 if a touchpoint is named
``missing:``  indicator for a scaled column           1 where the answer was missing (added only
              missing for more than 20 % of units)    when > ``missing_threshold``)
============  ======================================  ==========================================

Numeric answers that look like a rating (integers spanning at most 10, e.g. a 1..5 scale the
reader typed as numeric) are min-max scaled to 0..1 like Likert items; other numeric answers
are robust-scaled and halved so their interquartile range is 0.5, the IQR of a
uniformly answered Likert item on 0..1; all columns thus live on comparable 0..1-like scales
and need no further standardisation (standardising would blow up rare one-hot columns).
Missing scaled values are imputed with the column mean, missing one-hot values with 0.

Weighting (``FeatureMatrix.weights``; the clusterer sees ``value * weight``) keeps the persona
step about attitudes and behaviour: by default Likert, NPS, numeric, multi-select and text
columns weigh 1, single-choice (demographics such as age band or household) columns weigh
``demographic_weight`` (0.5: a quarter of the squared-distance contribution), missing
indicators 0.5. Single-choice columns are further divided by sqrt(2): a different answer changes two
one-hot columns, so this makes it count ``demographic_weight ** 2`` in squared distance, where a
full-range Likert step counts 1. Near-constant columns (a scaled column with a standard deviation below
``min_std``, a one-hot column chosen by fewer than ``max(2, min_share * n)`` units or by all but
that many), survey metadata (Qualtrics/LimeSurvey system fields such as ``Duration``,
``Progress``, ``Finished``) and ``date`` questions are left out; ``FeatureMatrix.dropped`` says
why each was dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import WorkbenchError

__all__ = [
    "FeatureMatrix",
    "build_features",
    "features_for_participants",
    "text_features",
    "DEFAULT_WEIGHTS",
    "FEATURE_KINDS",
]

#: Column prefixes (feature kinds) in the order they appear in a matrix.
FEATURE_KINDS = ("likert", "nps", "numeric", "choice", "multi", "text", "missing")
#: Default weight per feature kind (``choice`` is overridden by ``demographic_weight``).
DEFAULT_WEIGHTS = {
    "likert": 1.0,
    "nps": 1.0,
    "numeric": 1.0,
    "choice": 0.5,
    "multi": 1.0,
    "text": 1.0,
    "missing": 0.5,
}
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
INFO_COLUMNS = ("column", "kind", "question_id", "question_text", "option", "label", "weight", "missing_share")


@dataclass
class FeatureMatrix:
    """Features per unit (respondent or participant) with a description of every column.

    Attributes
    ----------
    frame : DataFrame
        Index: unit id (``respondent_id`` or ``participant_id``); one float column per feature,
        unweighted (0..1 for scaled and one-hot columns).
    feature_info : DataFrame
        ``column, kind, question_id, question_text, option, label, weight, missing_share``.
    dropped : DataFrame
        ``column, reason`` for candidate columns left out (near-constant, metadata, …).
    """

    frame: pd.DataFrame
    feature_info: pd.DataFrame
    dropped: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["column", "reason"]))

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
    def weights(self) -> pd.Series:
        return self.feature_info.set_index("column")["weight"].reindex(self.frame.columns).astype(float)

    def weighted(self) -> pd.DataFrame:
        """The frame with each column multiplied by its weight (what the clusterer sees)."""
        return self.frame * self.weights

    def to_numpy(self, weighted: bool = True) -> np.ndarray:
        return (self.weighted() if weighted else self.frame).to_numpy(dtype=float)

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
        return FeatureMatrix(self.frame[keep], info, self.dropped)


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


def _scaled_column(values: pd.Series, kind: str, lo: float, hi: float) -> pd.Series:
    if kind == "nps":
        return values / 10.0
    if kind == "likert":
        if not np.isfinite(lo) or not np.isfinite(hi):
            lo, hi = float(values.min()), float(values.max())
        return (values - lo) / (hi - lo) if hi > lo else values * 0.0
    obs = values.dropna()
    if obs.nunique() <= 11 and bool((obs == obs.round()).all()) and float(obs.max() - obs.min()) <= 10:
        # a rating scale read as numbers (no scale range known): min-max scale like a Likert item
        lo, hi = float(obs.min()), float(obs.max())
        return (values - lo) / (hi - lo) if hi > lo else values * 0.0
    med = float(values.median())
    q1, q3 = float(values.quantile(0.25)), float(values.quantile(0.75))
    iqr = q3 - q1 or float(values.std()) or 1.0
    return ((values - med) / (2.0 * iqr)).clip(-1.5, 1.5)


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
    demographic_weight: float = 0.5,
    weights: Mapping[str, float] | None = None,
    min_std: float = 0.02,
    min_share: float = 0.02,
    missing_threshold: float = 0.2,
    phases: Sequence[str] | None = None,
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
        Weight of single-choice (demographic) columns.
    weights : mapping, optional
        Weight per feature kind, overriding :data:`DEFAULT_WEIGHTS`.
    min_std, min_share : float
        Near-constant thresholds (see the module docstring).
    missing_threshold : float
        Add a ``missing:`` indicator for a scaled column missing for more than this share.
    phases : sequence of str, optional
        Phase ids (in order) for the ``text:`` share columns; default: phases found in the tags.

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
    # two one-hot columns change when a single-choice answer changes: scale them by 1/sqrt(2) so
    # a different answer counts weight**2 in squared distance, as a full-range Likert step does.
    w["choice"] = w["choice"] / np.sqrt(2.0)
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
        if kind in _SCALED:
            vals = grp.dropna(subset=["value_num"]).drop_duplicates("respondent_id").set_index("respondent_id")
            s = vals["value_num"].astype(float).reindex(units)
            col = f"{prefix}:{qid}"
            if s.notna().sum() < 2:
                dropped.append((col, "answered by fewer than 2 units"))
                continue
            lo = float(q.at[qid, "scale_min"]) if qid in q.index else np.nan
            hi = float(q.at[qid, "scale_max"]) if qid in q.index else np.nan
            scaled = _scaled_column(s, kind, lo, hi)
            if float(scaled.std(ddof=0)) < min_std:
                dropped.append((col, "near-constant"))
                continue
            miss = float(s.isna().mean())
            cols[col] = scaled.fillna(scaled.mean())
            info.append(dict(column=col, kind=prefix, question_id=qid, question_text=qtext, option=pd.NA,
                             label=qtext, weight=w[prefix], missing_share=miss))
            if miss > missing_threshold:
                mcol = f"missing:{qid}"
                cols[mcol] = s.isna().astype(float)
                info.append(dict(column=mcol, kind="missing", question_id=qid, question_text=qtext,
                                 option=pd.NA, label=f"{qtext} (missing)", weight=w["missing"],
                                 missing_share=0.0))
        else:
            texts = grp.dropna(subset=["value_text"])
            counts = texts.drop_duplicates(["respondent_id", "value_text"])["value_text"].value_counts(sort=False)
            for option in counts.index:
                col = f"{prefix}:{qid}={option}"
                c = int(counts[option])
                if c < min_count or c > n - min_count:
                    dropped.append((col, "near-constant (rare or near-universal option)"))
                    continue
                chosen = texts.loc[texts["value_text"] == option, "respondent_id"].astype("string")
                cols[col] = pd.Series(units.isin(chosen).astype(float), index=units)
                info.append(dict(column=col, kind=prefix, question_id=qid, question_text=qtext,
                                 option=str(option), label=f"{qtext}: {option}", weight=w[prefix],
                                 missing_share=0.0))

    frame = pd.DataFrame(cols, index=units) if cols else pd.DataFrame(index=units)
    info_df = pd.DataFrame(info, columns=list(INFO_COLUMNS))
    if text_features and doc_tags is not None and documents is not None:
        tf = text_features_fn(documents, doc_tags, unit="respondent_id", units=units, phases=phases,
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
    return FeatureMatrix(frame.astype(float), info_df.reset_index(drop=True),
                         pd.DataFrame(dropped, columns=["column", "reason"]))


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
                         label=label, weight=weight, missing_share=0.0))

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
    frame.index.name = unit
    return FeatureMatrix(frame.astype(float), info_df, pd.DataFrame(dropped, columns=["column", "reason"]))


text_features_fn = text_features  # build_features has a parameter of the same name


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
