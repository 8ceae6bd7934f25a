"""``fit_personas``: from a study (or its frames) to personas, cards and assignments in one call.

What is clustered: the closed survey answers (Likert, 0–10, numbers, single and multi choice),
each question weighing one (:mod:`.features`). The tagger's findings in open answers and
interviews describe the personas on their cards, but are not clustered on unless asked (``features=[..., "text"]``): so ``workbench personas`` and
``workbench run`` find the same personas whether or not the documents were tagged.

Honest k: choosing k from the data needs at least :data:`MIN_RESPONDENTS` respondents (fewer:
a clear error unless ``force=True`` or a k is given); each persona has at least ``min_size``
members (:func:`~workbench.personas.clusterer.default_min_size`), which caps k; every card
carries its bootstrap stability, and a too-small or unstable persona a warning in the study's
language. ``PersonaResult.notes`` says what was done with gaps, samples and the like.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .. import schema
from ..errors import ModelError, WorkbenchError
from ._matrix import SURVEY_KINDS
from ._notes import note, selection_text
from ._placement import PLACEMENT_COLUMNS, place_participants
from .cards import PersonaCard, build_cards, unique_names
from .clusterer import PersonaClusterer
from .facts import pct, question_short
from .features import FeatureMatrix, build_features
from .stability import StabilityReport, bootstrap_stability

__all__ = ["PersonaResult", "fit_personas", "study_frames", "auto_n_boot", "MIN_RESPONDENTS"]

MIN_RESPONDENTS = 50  # below this, k="auto" is refused unless forced


def auto_n_boot(n_respondents: int, algorithm: str = "lca") -> int:
    """Bootstrap runs for the stability check: Hennig's 100 for the fast methods up to 1,000
    respondents, then fewer (at least 30); for latent class analysis (a refit costs more) 30 up
    to 1,000 respondents, then 20. The bootstrap works on a sample of at most 2,000 rows; with
    20–30 runs a persona's mean Jaccard has a standard error of about 0.01–0.02
    (``StabilityReport.table.jaccard_se``).

    >>> auto_n_boot(300, "kmeans"), auto_n_boot(2_000, "kmeans"), auto_n_boot(300), auto_n_boot(10_000)
    (100, 50, 30, 20)
    """
    if algorithm == "lca":
        return 30 if n_respondents <= 1000 else 20
    if n_respondents <= 1000:
        return 100
    return 50 if n_respondents <= 5000 else 30


@dataclass
class PersonaResult:
    """What :func:`fit_personas` found.

    Attributes
    ----------
    assignments : DataFrame
        ``schema.PERSONAS``: one row per respondent (``placed_by`` 'survey', or 'link' when the
        respondent is a linked interviewee) and per interview participant placed by their
        interview ('interview').
    cards : list of PersonaCard
    clusterer : PersonaClusterer
        Fitted on ``clustered_on`` (LCA: its coded answers; otherwise the weighted matrix).
    features : FeatureMatrix
        Every feature of the respondents (text features included when tagged): the cards
        describe personas by these.
    stability : StabilityReport or None
    k_scores : DataFrame
        The k-selection curve: ``k, score, bic, entropy, smallest, eligible``.
    notes : list of str
        What the researcher should know: how k was chosen, gaps, samples, participants not placed.
    placements : DataFrame
        ``participant_id, respondent_id, persona, placed_by, basis``: every interview
        participant placed on a persona and how.
    clustered_on : list of str
        The feature columns the personas were clustered on.
    """

    assignments: pd.DataFrame
    cards: list[PersonaCard]
    clusterer: PersonaClusterer
    features: FeatureMatrix
    stability: StabilityReport | None
    k_scores: pd.DataFrame
    lang: str = "en"
    notes: list[str] = field(default_factory=list)
    placements: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(PLACEMENT_COLUMNS)))
    clustered_on: list[str] = field(default_factory=list)

    @property
    def labels(self) -> pd.Series:
        """Persona per respondent id."""
        return pd.Series(self.clusterer.labels_, index=self.features.index, name="persona")

    @property
    def names(self) -> dict[str, str]:
        """Current name per persona key."""
        return {c.key: c.name for c in self.cards}

    def table(self) -> pd.DataFrame:
        """One row per persona: ``persona, key, name, size, share, jaccard, verdict, nps``
        (``verdict`` in the study's language)."""
        return pd.DataFrame(
            [{"persona": c.persona, "key": c.key, "name": c.name, "size": c.size, "share": c.share,
              "jaccard": c.jaccard, "verdict": c.verdict_label or None, "nps": c.nps} for c in self.cards],
            columns=["persona", "key", "name", "size", "share", "jaccard", "verdict", "nps"],
        )

    def rename(self, names: Mapping) -> None:
        """Set researcher-given names (by key ``"k4-p0"`` or persona number); '' restores the
        generated one. Two personas cannot get the same name (a WorkbenchError says which)."""
        new = {}
        for c in self.cards:
            given = names.get(c.key, names.get(c.persona, names.get(str(c.persona))))
            new[c.persona] = (str(given).strip() or c.generated_name) if given is not None else c.name
        seen: dict[str, int] = {}
        for p, name in new.items():
            if name in seen:
                raise WorkbenchError(f"personas {seen[name]} and {p} would both be called {name!r}",
                                     hint="Give every persona its own name.")
            seen[name] = p
        for c in self.cards:
            c.name = new[c.persona]
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
        "phase_model": phase_model,
        "language": get("language"),
        "speakers": list(speakers or []),
        "attributes": dict(get("attributes") or {}),
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




def _gap_notes(fm: FeatureMatrix, algorithm: str, lang: str | None = "en") -> list[str]:
    gaps = fm.gaps
    if gaps.empty:
        return []
    how = note("gaps_lca" if algorithm == "lca" else "gaps_knn", lang)
    worst = gaps.sort_values("share", ascending=False).head(4)
    listed = "; ".join(f"{r.question_id} {r.n_missing} ({100 * r.share:.0f}%)" for r in worst.itertuples())
    more = note("gaps_more", lang, n=len(gaps) - len(worst)) if len(gaps) > len(worst) else ""
    return [note("gaps", lang, n=len(gaps), listed=listed, more=more, how=how)]


def _cluster_input(fm: FeatureMatrix, algorithm: str):
    if algorithm == "lca":
        data, models = fm.lca_data()
        return data.to_numpy(dtype=float), models
    return fm.to_numpy(weighted=True), "auto"


MIXED_SHARE, MIXED_HELD = 0.25, 0.6  # two groups, each >= 25 % of a persona and >= 60 % of its kind in it


def _mixed_notes(labels: pd.Series, clusterer, respondents, attributes, lang: str) -> list[str]:
    """A note per persona that holds two groups of a researcher's attribute question (most of the
    students and most of the home workers) which the next k separates.

    An attribute is not clustered on, so it is the researcher's own check of the personas: a
    persona made of nearly all of two of its groups is most likely two types that the chosen k
    merged (BIC is cautious with a hundred respondents)."""
    if respondents is None or not attributes or "respondent_id" not in respondents or labels.nunique() < 2:
        return []
    r = respondents.drop_duplicates("respondent_id").set_index(respondents["respondent_id"].drop_duplicates()
                                                                .astype(str))
    k = int(labels[labels >= 0].nunique())
    nxt = getattr(clusterer, "k_labels_", {}).get(k + 1)
    scores = getattr(clusterer, "k_scores_", None)
    if nxt is not None and (len(nxt) != len(labels) or scores is None
                            or not scores.loc[scores["k"] == k + 1, "eligible"].all()):
        nxt = None  # sampled rows, or personas too small at k + 1
    out = []
    for col, question in attributes.items():
        if col not in r:
            continue
        values = r[col].astype("string").str.strip().replace("", pd.NA).reindex(labels.index.astype(str))
        if values.dropna().nunique() > 40:
            continue
        for p in sorted(int(x) for x in labels.unique() if x >= 0):
            own = values[(labels == p).to_numpy()].dropna()
            top = own.value_counts().sort_values(ascending=False, kind="stable")
            if len(own) == 0 or len(top) < 2:
                continue
            (a, na), (b, nb) = list(top.items())[:2]
            held = [n_ / int((values == v).sum()) for v, n_ in ((a, na), (b, nb))]
            if nxt is None or nb / len(own) < MIXED_SHARE or min(held) < MIXED_HELD:
                continue
            mask = (labels == p).to_numpy(dtype=bool)  # bool masks: older pandas gives object arrays
            ga = pd.Series(nxt[mask & (values == a).fillna(False).to_numpy(dtype=bool)]).value_counts(normalize=True)
            gb = pd.Series(nxt[mask & (values == b).fillna(False).to_numpy(dtype=bool)]).value_counts(normalize=True)
            if ga.index[0] == gb.index[0] or min(ga.iloc[0], gb.iloc[0]) < MIXED_HELD:
                continue  # the next k does not part them: alike in their answers, one persona is right
            then = note("mixed_split", lang, k=k + 1)
            out.append(note("mixed", lang, p=p, question=question_short(question), a=a, b=b,
                            sa=pct(na / len(own)), sb=pct(nb / len(own)), then=then))
    return out


def _distances(X: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Distance of each row to its persona's mean over the answers it gave (gaps ignored)."""
    out = np.full(len(X), np.inf)
    for p in range(k):
        rows = labels == p
        with np.errstate(all="ignore"):
            centre = np.nanmean(X[rows], axis=0)
            out[rows] = np.sqrt(np.nansum((X[rows] - centre) ** 2, axis=1))
    return out


def fit_personas(
    study_or_frames,
    *,
    k: int | str = "auto",
    algorithm: str = "lca",
    features: FeatureMatrix | Sequence[str] | None = None,
    n_boot: int | str = "auto",
    random_state: int = 0,
    doc_tags: pd.DataFrame | None = None,
    names: Mapping | None = None,
    lang: str | None = None,
    k_range: tuple[int, int] | None = None,
    progress: bool = False,
    force: bool = False,
    min_size: int | str = "auto",
    max_sample: int = 5000,
) -> PersonaResult:
    """Cluster survey respondents into personas and describe them.

    Parameters
    ----------
    study_or_frames : Study or mapping
        A loaded :class:`~workbench.study.Study`, or a mapping with ``answers`` and optionally
        ``questions, respondents, documents, doc_tags, segments, phases, language``.
    k : "auto" or int
        Number of personas ("auto": lowest BIC for ``lca`` / ``gmm``, highest silhouette for
        the others, among the k whose personas all have at least ``min_size`` members).
    algorithm : {"lca", "kmeans", "agglomerative", "gmm", "hdbscan"}
        ``lca`` (latent class analysis, the default) models each answer as what it is; the
        others cluster the block-weighted feature matrix.
    features : FeatureMatrix or sequence of str, optional
        A ready matrix, or the feature kinds to cluster on (``("likert", "multi")``; add
        ``"text"`` to cluster on the tagger's findings too); default: the survey kinds.
    n_boot : int or "auto"
        Bootstrap runs for the stability check (0: skip; "auto": :func:`auto_n_boot`).
    random_state : int
    doc_tags : DataFrame, optional
        ``schema.DOC_TAGS`` of the study's documents (needs/pains, quotes, placing interviewees).
    names : mapping, optional
        Researcher-given names by persona key (``store.persona_names()``).
    lang : {"nl", "en"}, optional
        Language of the cards (default: the study's).
    k_range : (int, int), optional
        The k tried for ``k="auto"`` (default 1..8 for BIC, 2..8 for silhouette).
    force : bool
        Choose k from the data even with fewer than :data:`MIN_RESPONDENTS` respondents.
    min_size : "auto" or int
        The smallest persona a chosen k may have.
    max_sample : int
        Above this many respondents, k is chosen (and LCA fitted) on a random sample of this
        size, and the other respondents are assigned by the fitted model.

    Returns
    -------
    PersonaResult
    """
    fr = study_frames(study_or_frames)
    tags = doc_tags if doc_tags is not None else fr["doc_tags"]
    lang = lang or fr["language"] or _guess_language(fr["questions"], fr["answers"])
    answers, questions, respondents = fr["answers"], fr["questions"], fr["respondents"]
    if isinstance(features, FeatureMatrix):
        fm_all = fm = features
    else:
        fm_all = build_features(answers, questions, respondents=respondents, doc_tags=tags,
                                documents=fr["documents"], phases=fr["phases"], random_state=random_state)
        kinds = list(features) if features is not None else [*SURVEY_KINDS, "missing"]
        fm = fm_all.select(kinds=kinds)
    if not fm.columns:
        raise ModelError("no features of the chosen kinds to cluster on",
                         hint=f"The matrix has {', '.join(fm_all.kinds)}.")
    answered = set(answers.loc[answers["kind"].astype("string") != "open", "respondent_id"].astype(str))
    empty = [r for r in fm.index if r not in answered]
    notes = []
    if empty:
        notes.append(note("no_closed", lang, n=len(empty)))
        fm, fm_all = fm.drop_units(empty), fm_all.drop_units(empty)
    n = len(fm)
    if n < 3:
        raise ModelError(note("too_few", lang, n=n), hint=note("too_few_hint", lang))
    if k == "auto" and n < MIN_RESPONDENTS and not force:
        raise ModelError(note("too_few_auto", lang, n=n, min=MIN_RESPONDENTS), hint=note("too_few_auto_hint", lang))
    X, measurement = _cluster_input(fm, algorithm)
    clusterer = PersonaClusterer(algorithm=algorithm, k=k, k_range=k_range, measurement=measurement,
                                 min_size=min_size, scale=False, random_state=random_state, max_sample=max_sample)
    try:
        clusterer.fit(X)
    except ValueError as exc:
        raise ModelError(f"cannot fit personas: {exc}", hint="Try another k or algorithm.") from exc
    if clusterer.n_clusters_ == 0:
        raise ModelError("no personas found (every respondent is noise)",
                         hint="Use algorithm='lca', or a smaller min_cluster_size for HDBSCAN.")
    notes.insert(0, note("k_chosen", lang, how=selection_text(*clusterer.selection_note_, lang)))
    if n < MIN_RESPONDENTS and k == "auto":
        notes.append(note("forced", lang, n=n))
    if clusterer.n_fit_ < n:
        notes.append(note("sample", lang, fit=clusterer.n_fit_, n=n))
    if algorithm == "lca" and not clusterer.converged_:
        notes.append(note("not_converged", lang))
    notes += _gap_notes(fm, algorithm, lang)
    labels = pd.Series(clusterer.labels_, index=fm.index, name="persona")
    sizes = labels[labels >= 0].value_counts()
    small = sizes[sizes < clusterer.min_size_]
    if len(small):
        notes.append(note("small", lang, n=len(small), min=clusterer.min_size_))
    boots = auto_n_boot(n, algorithm) if n_boot == "auto" else int(n_boot)
    stab = None
    if boots > 0 and clusterer.n_clusters_ > 1:
        stab = bootstrap_stability(X, clusterer, n_boot=boots, random_state=random_state, progress=progress,
                                   min_size=clusterer.min_size_)
    weighted = (fm.frame * fm.weights).to_numpy(dtype=float)  # answers on 0..1, each question weighing one
    distances = pd.Series(_distances(weighted, clusterer.labels_, clusterer.n_clusters_), index=fm.index)
    placements, more = place_participants(labels, respondents=respondents, documents=fr["documents"], lang=lang)
    notes += more
    participants = pd.Series(placements["persona"].to_numpy(), index=placements["participant_id"].astype(str),
                             dtype="int64")
    cards = build_cards(fm_all, labels, answers=answers, questions=questions, distances=distances,
                        documents=fr["documents"], doc_tags=tags, participants=participants,
                        placed_by=dict(zip(placements["participant_id"], placements["placed_by"], strict=True)),
                        stability=stab, names=names, scrub_names=fr["speakers"], phases=fr["phases"], lang=lang,
                        phase_names={p.id: p.name(lang) for p in fr["phase_model"] or ()},
                        min_size=clusterer.min_size_, respondents=respondents, attributes=fr["attributes"])
    unique_names(cards)
    if k == "auto":
        notes += _mixed_notes(labels, clusterer, respondents, fr["attributes"], lang)
    by_p = {c.persona: c.name for c in cards}
    link = placements[placements["placed_by"] == "link"].set_index("respondent_id")["participant_id"]
    rows = pd.DataFrame({"respondent_id": labels.index, "persona": labels.to_numpy()})
    rows["participant_id"] = rows["respondent_id"].map(link) if len(link) else pd.NA
    rows["placed_by"] = np.where(rows["participant_id"].notna(), "link", "survey")
    inter = placements[placements["placed_by"].isin(["interview", "only"])]
    extra = pd.DataFrame({"respondent_id": pd.NA, "participant_id": inter["participant_id"].astype(str),
                          "persona": inter["persona"].to_numpy(), "placed_by": inter["placed_by"].to_numpy()})
    out = pd.concat([rows, extra], ignore_index=True) if len(extra) else rows
    out["persona_name"] = out["persona"].map(by_p)
    assignments = schema.conform(out, schema.PERSONAS)
    return PersonaResult(assignments=assignments, cards=cards, clusterer=clusterer, features=fm_all, stability=stab,
                         k_scores=clusterer.k_scores_, lang=lang, notes=notes, placements=placements,
                         clustered_on=fm.columns)
