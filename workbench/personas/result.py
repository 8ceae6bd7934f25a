"""``fit_personas``: from a study (or its frames) to personas, cards and assignments in one call."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.neighbors import NearestCentroid
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from .. import schema
from ..errors import ModelError, WorkbenchError
from .cards import PersonaCard, build_cards
from .clusterer import PersonaClusterer
from .features import FeatureMatrix, build_features, features_for_participants
from .stability import StabilityReport, bootstrap_stability

__all__ = ["PersonaResult", "fit_personas", "study_frames"]


@dataclass
class PersonaResult:
    """What :func:`fit_personas` found.

    Attributes
    ----------
    assignments : DataFrame
        ``schema.PERSONAS``: one row per respondent (``placed_by`` 'survey', or 'link' when the
        respondent is a linked interviewee) and per unlinked interview participant ('interview').
    cards : list of PersonaCard
    clusterer : PersonaClusterer
        Fitted on ``features.to_numpy()`` (weighted).
    features : FeatureMatrix
    stability : StabilityReport or None
    k_scores : DataFrame
        ``k, score``: the k-selection curve (``clusterer.criterion_``).
    notes : list of str
        Things the researcher should know (respondents without answers, participants not placed).
    """

    assignments: pd.DataFrame
    cards: list[PersonaCard]
    clusterer: PersonaClusterer
    features: FeatureMatrix
    stability: StabilityReport | None
    k_scores: pd.DataFrame
    lang: str = "en"
    notes: list[str] = field(default_factory=list)

    @property
    def labels(self) -> pd.Series:
        """Persona per respondent id."""
        return pd.Series(self.clusterer.labels_, index=self.features.index, name="persona")

    @property
    def names(self) -> dict[str, str]:
        """Current name per persona key."""
        return {c.key: c.name for c in self.cards}

    def table(self) -> pd.DataFrame:
        """One row per persona: ``persona, key, name, size, share, jaccard, verdict, nps``."""
        return pd.DataFrame(
            [{"persona": c.persona, "key": c.key, "name": c.name, "size": c.size, "share": c.share,
              "jaccard": c.jaccard, "verdict": c.verdict, "nps": c.nps} for c in self.cards]
        )

    def rename(self, names: Mapping) -> None:
        """Set researcher-given names (by key ``"k4-p0"`` or persona number); '' restores the generated one."""
        for c in self.cards:
            new = names.get(c.key, names.get(c.persona, names.get(str(c.persona))))
            if new is not None:
                c.name = str(new).strip() or c.generated_name
        by_p = {c.persona: c.name for c in self.cards}
        self.assignments["persona_name"] = self.assignments["persona"].map(by_p).astype("string")

    def save(self, out_dir: str | Path, *, png: bool = True) -> dict[str, Path]:
        """Write personas.csv, personas.md, personas.html, persona_<n>.png and k_selection.png."""
        from .export import save_result

        return save_result(self, out_dir, png=png)


def study_frames(study_or_frames) -> dict:
    """The frames personas need, from a Study or a mapping (keys as the Study's attributes)."""
    if isinstance(study_or_frames, Mapping):
        src = dict(study_or_frames)
        get = src.get
    else:
        def get(name, default=None):
            return getattr(study_or_frames, name, default)
    answers = get("answers")
    if answers is None or len(answers) == 0:
        raise WorkbenchError("the study has no survey answers to build personas from",
                             hint="Add a survey export to study.toml ([survey] paths = [...]).")
    docs = get("documents")
    if callable(docs):
        docs = docs()
    tags = get("doc_tags")
    if callable(tags):
        tags = tags()
    phase_model = get("phase_model")
    speakers = get("speaker_names")
    if callable(speakers):
        speakers = speakers()
    elif speakers is None and get("segments") is not None and len(get("segments")):
        seg = get("segments")
        speakers = sorted(seg.loc[seg["role"].astype("string") == "participant", "speaker"].dropna().unique())
    return {
        "answers": answers,
        "questions": get("questions"),
        "respondents": get("respondents"),
        "documents": docs,
        "doc_tags": tags,
        "phases": list(phase_model.ids) if phase_model is not None else get("phases"),
        "language": get("language"),
        "speakers": list(speakers or []),
    }


def _guess_language(questions, answers) -> str:
    """nl or en from the question texts (when no study says which)."""
    try:
        from ..nlp.langid import detect_language
    except ImportError:  # pragma: no cover - the NLP package is part of the workbench
        return "en"
    src = questions if questions is not None and len(questions) else answers.drop_duplicates("question_id")
    text = " ".join(src["question_text"].dropna().astype(str).head(40))
    return detect_language(text, default="en") if text else "en"


def _place_participants(features, labels, documents, doc_tags, respondents, phases):
    """Persona of unlinked interview participants from their interview's text features."""
    if documents is None or doc_tags is None or documents.empty:
        return pd.Series(dtype="int64"), []
    seg = documents[(documents["kind"].astype("string") == "segment") & documents["participant_id"].notna()]
    everyone = sorted(seg["participant_id"].astype(str).unique())
    linked = set()
    if respondents is not None and "participant_id" in respondents:
        linked = set(respondents["participant_id"].dropna().astype(str))
    unlinked = [p for p in everyone if p not in linked]
    if not unlinked:
        return pd.Series(dtype="int64"), []
    text_cols = [c for c in features.columns if c.startswith("text:")]
    keep = labels >= 0
    Xr = features.frame.loc[keep, text_cols]
    if not text_cols or Xr.std(ddof=0).max() == 0 or labels[keep].nunique() < 2:
        return pd.Series(dtype="int64"), [
            f"{len(unlinked)} interview participant(s) not placed ({', '.join(unlinked)}): no text features to "
            "place them by (tag the open answers and interviews first)."
        ]
    with warnings.catch_warnings():  # constant text columns within a persona are expected
        warnings.simplefilter("ignore", UserWarning)
        model = make_pipeline(StandardScaler(), NearestCentroid()).fit(Xr.to_numpy(), labels[keep].to_numpy())
    Xp = features_for_participants(documents, doc_tags, participants=unlinked, columns=text_cols, phases=phases)
    return pd.Series(model.predict(Xp.frame.to_numpy()).astype("int64"), index=Xp.index), []


def fit_personas(
    study_or_frames,
    *,
    k: int | str = "auto",
    algorithm: str = "kmeans",
    features: FeatureMatrix | Sequence[str] | None = None,
    n_boot: int = 100,
    random_state: int = 0,
    doc_tags: pd.DataFrame | None = None,
    names: Mapping | None = None,
    lang: str | None = None,
    k_range: tuple[int, int] = (2, 8),
    progress: bool = False,
) -> PersonaResult:
    """Cluster survey respondents into personas and describe them.

    Parameters
    ----------
    study_or_frames : Study or mapping
        A loaded :class:`~workbench.study.Study`, or a mapping with ``answers`` and optionally
        ``questions, respondents, documents, doc_tags, segments, phases, language``.
    k : "auto" or int
        Number of personas ("auto": best silhouette, or BIC for ``gmm``, in ``k_range``).
    algorithm : {"kmeans", "agglomerative", "gmm", "hdbscan"}
    features : FeatureMatrix or sequence of str, optional
        A ready matrix, or the feature kinds to use (``("likert", "multi")``); default: all
        kinds :func:`build_features` makes.
    n_boot : int
        Bootstrap runs for the stability check (0: skip).
    random_state : int
    doc_tags : DataFrame, optional
        ``schema.DOC_TAGS`` of the study's documents (for text features, needs/pains, quotes).
    names : mapping, optional
        Researcher-given names by persona key (``store.persona_names()``).
    lang : {"nl", "en"}, optional
        Language of generated names and warnings (default: the study's).

    Returns
    -------
    PersonaResult
    """
    fr = study_frames(study_or_frames)
    tags = doc_tags if doc_tags is not None else fr["doc_tags"]
    lang = lang or fr["language"] or _guess_language(fr["questions"], fr["answers"])
    answers, questions, respondents = fr["answers"], fr["questions"], fr["respondents"]
    if isinstance(features, FeatureMatrix):
        fm = features
    else:
        fm = build_features(answers, questions, respondents=respondents, doc_tags=tags,
                            documents=fr["documents"], phases=fr["phases"])
        if features is not None:
            fm = fm.select(kinds=features)
    answered = set(answers.loc[answers["kind"].astype("string") != "open", "respondent_id"].astype(str))
    empty = [r for r in fm.index if r not in answered]
    notes = []
    if empty:
        notes.append(f"{len(empty)} respondent(s) without closed answers are left out of the personas.")
        fm = FeatureMatrix(fm.frame.drop(index=empty), fm.feature_info, fm.dropped)
    if len(fm) < 3:
        raise ModelError(f"only {len(fm)} respondents with answers: too few for personas",
                         hint="Personas need a survey with (many) more respondents.")
    X = fm.to_numpy(weighted=True)
    clusterer = PersonaClusterer(algorithm=algorithm, k=k, k_range=k_range, scale=False,
                                 random_state=random_state)
    try:
        clusterer.fit(X)
    except ValueError as exc:
        raise ModelError(f"cannot fit personas: {exc}", hint="Try another k or algorithm.") from exc
    if clusterer.n_clusters_ == 0:
        raise ModelError("no personas found (every respondent is noise)",
                         hint="Use algorithm='kmeans', or a smaller min_cluster_size for HDBSCAN.")
    labels = pd.Series(clusterer.labels_, index=fm.index, name="persona")
    stab = bootstrap_stability(X, clusterer, n_boot=n_boot, random_state=random_state, progress=progress) \
        if n_boot > 0 else None
    centers = clusterer.cluster_centers_
    dist = np.full(len(X), np.inf)
    ok = clusterer.labels_ >= 0
    dist[ok] = np.linalg.norm(X[ok] - centers[clusterer.labels_[ok]], axis=1)
    distances = pd.Series(dist, index=fm.index)

    # interview participants: linked ones via their survey answers, others by their interview
    link = pd.Series(dtype="string")
    if respondents is not None and "participant_id" in respondents:
        link = respondents.set_index(respondents["respondent_id"].astype(str))["participant_id"]
    linked = {str(p): int(labels[r]) for r, p in link.dropna().items() if r in labels.index}
    placed, more = _place_participants(fm, labels, fr["documents"], tags, respondents, fr["phases"])
    notes += more
    participants = pd.Series({**linked, **placed.to_dict()}, dtype="int64")
    cards = build_cards(fm, labels, answers=answers, questions=questions, distances=distances,
                        documents=fr["documents"], doc_tags=tags, participants=participants, stability=stab,
                        names=names, scrub_names=fr["speakers"], phases=fr["phases"], lang=lang)
    by_p = {c.persona: c.name for c in cards}
    rows = pd.DataFrame({"respondent_id": labels.index, "persona": labels.to_numpy()})
    rows["participant_id"] = rows["respondent_id"].map(link) if len(link) else pd.NA
    rows["placed_by"] = np.where(rows["participant_id"].notna(), "link", "survey")
    extra = pd.DataFrame({"respondent_id": pd.NA, "participant_id": placed.index.astype(str),
                          "persona": placed.to_numpy(), "placed_by": "interview"})
    out = pd.concat([rows, extra], ignore_index=True) if len(extra) else rows
    out["persona_name"] = out["persona"].map(by_p)
    assignments = schema.conform(out, schema.PERSONAS)
    return PersonaResult(assignments=assignments, cards=cards, clusterer=clusterer, features=fm, stability=stab,
                         k_scores=clusterer.k_scores_, lang=lang, notes=notes)
