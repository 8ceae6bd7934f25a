"""Tag texts and study documents: pain points, needs, touchpoints, emotion and journey phase.

The frames that come out are ``schema.DOC_TAGS`` (one row per text) and ``schema.TAGS`` (one
row per cue span). Docs are streamed through ``nlp.pipe`` (whose components work a batch at a
time) and turned into column values as they come out, so memory stays bounded by the rows,
never by the Docs.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from .. import schema
from ..errors import StudyConfigError, WorkbenchError
from ..phases import PhaseModel, load_phase_model
from .batch import get_ext, set_ext
from .components import cue_spans
from ._drop import drop_tags
from .circumstance import circumstance_pains
from .contact_offer import cue_sentence, is_contact_offer, may_hold_offer
from .followup import tagging_contexts
from .improvement import improvement_needs
from .praise import praise_answers
from .fused import BatchTags, FusedTagger
from .langid import detect_language
from .pipeline import SUPPORTED_LANGS, make_pipeline
from .resolve import TEXT_KEY

__all__ = ["tag_texts", "tag_documents", "doc_rows", "CONTEXT_WEIGHT", "KNOWN_PHASE_WEIGHT"]

CONTEXT_WEIGHT = 0.5  # prior given to the phase evidenced by the context text (interviewer's question)
KNOWN_PHASE_WEIGHT = 1.0  # prior given to a phase declared for the question (QUESTIONS.phase)
_TAG_COLS = list(schema.TAGS)


def _clean(value) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    return str(value)


def _optional(values: Sequence | None, n: int, name: str) -> list:
    if values is None:
        return [None] * n
    values = list(values)
    if len(values) != n:
        raise WorkbenchError(
            f"{name} has {len(values)} items for {n} texts",
            key=name,
            hint=f"Pass one {name[:-1]} per text (None where there is none).",
        )
    return [None if _clean(v) == "" else v for v in values]


@lru_cache(maxsize=16)
def _shipped_model(spec: str) -> PhaseModel:
    return load_phase_model(spec)


def _phase_model(spec) -> PhaseModel:
    """The phase model; a shipped id is read once per process."""
    if isinstance(spec, str) and not spec.endswith(".toml"):
        return _shipped_model(spec)
    return load_phase_model(spec)


class _Columns:
    """TAGS columns and DOC_TAGS values, filled Doc by Doc."""

    def __init__(self, n: int) -> None:
        self.tags: dict[str, list] = {col: [] for col in _TAG_COLS}
        self.position: list[int] = []
        self.chunks: list[dict] = []  # the TAGS columns of the batches of add_batch, kept as they come
        self.chunk_position: list[np.ndarray] = []
        self.in_order = True  # False once a second language's Docs follow the first's
        self._ids: tuple[list[str], np.ndarray] | None = None
        self.pain = np.zeros(n, dtype=np.int64)
        self.need = np.zeros(n, dtype=np.int64)
        self.sentiment = np.zeros(n, dtype=np.float64)
        self.phase = np.full(n, None, dtype=object)
        self.touchpoints = np.full(n, "", dtype=object)

    def add(self, i: int, doc: Doc, doc_id: str, text: str) -> None:
        """Add the tags of Doc ``doc`` (input position ``i``)."""
        rows = get_ext(doc, "journey_tags")
        if rows is None:  # a pipeline without journey_negation's rows: read the span group
            rows = [(s.start, s.end, s.start_char, s.end_char, s.text, s.label_, s.kb_id_, s.id_, score, "")
                    for s, score in cue_spans(doc)]
        self.sentiment[i] = float(get_ext(doc, "journey_sentiment") or 0.0)
        self.phase[i] = get_ext(doc, "journey_phase")
        if not rows:
            return
        sents = get_ext(doc, "journey_sents") or []
        starts = [s[0] for s in sents]
        cols = self.tags
        touchpoints = set()
        for start, _, start_char, end_char, span_text, label, value, rule_id, score, *because in rows:
            if sents:
                _, _, sent_start, sent_end, phase = sents[max(0, bisect_right(starts, start) - 1)]
            else:
                sent_start, sent_end, phase = 0, len(text), None
            cols["doc_id"].append(doc_id)
            cols["sent_start"].append(sent_start)
            cols["sent_end"].append(sent_end)
            cols["start_char"].append(start_char)
            cols["end_char"].append(end_char)
            cols["text"].append(span_text)
            cols["label"].append(label)
            cols["value"].append(value)
            cols["phase"].append(phase)
            cols["score"].append(float(score))
            cols["rule_id"].append(rule_id)
            cols["evidence"].append(because[0] if because else "")
            if label == "pain_point":
                self.pain[i] = 1
            elif label == "need":
                self.need[i] = 1
            elif label == "touchpoint":
                touchpoints.add(value)
        self.position.extend([i] * len(rows))
        self.touchpoints[i] = "; ".join(sorted(touchpoints))

    def add_batch(self, positions: list[int], ids: list[str], result: BatchTags) -> None:
        """Add the tags of a batch tagged by :class:`~workbench.nlp.fused.FusedTagger`."""
        at = np.array(positions, dtype=np.int64)
        self.pain[at] = result.doc_pain
        self.need[at] = result.doc_need
        self.sentiment[at] = result.doc_sentiment
        self.phase[at] = result.doc_phase
        self.touchpoints[at] = result.doc_touchpoints
        if not len(result.doc):
            return
        where = at[result.doc]
        if self._ids is None or self._ids[0] is not ids:  # the ids as an object array, made once per call
            self._ids = (ids, np.array(ids, dtype=object))
        self.chunks.append({"doc_id": self._ids[1][where], **result.columns})
        self.chunk_position.append(where)

    def _tag_columns(self) -> tuple[dict[str, object], np.ndarray]:
        """The TAGS columns of :meth:`add` and :meth:`add_batch` (in that order) and each row's
        input position. Columns that come as arrays (batches only) stay arrays."""
        position = np.array(self.position, dtype=np.int64)
        if not self.chunks:
            return self.tags, position
        parts = ([self.tags] if self.position else []) + self.chunks
        if len(parts) == 1:
            return parts[0], self.chunk_position[0]
        cols = {}
        for col in _TAG_COLS:
            values = [part[col] for part in parts]
            if all(isinstance(v, pd.Categorical) for v in values):
                cols[col] = pd.Categorical.from_codes(np.concatenate([v.codes for v in values]), dtype=values[0].dtype)
            elif all(isinstance(v, np.ndarray) for v in values):
                cols[col] = np.concatenate(values)
            else:
                cols[col] = list(itertools.chain.from_iterable(values))
        return cols, np.concatenate([position, *self.chunk_position])

    def frames(self, ids: list[str], texts: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The DOC_TAGS frame (plus ``text``) and the TAGS frame, in input order.

        Built column by column in the schemas' order and dtypes (:func:`workbench.schema.from_columns`)."""
        doc_tags = schema.from_columns({"doc_id": ids, "pain_point": self.pain, "need": self.need, "sentiment": self.sentiment,
                                 "phase": self.phase, "touchpoints": self.touchpoints}, schema.DOC_TAGS)
        doc_tags["text"] = pd.array(texts, dtype="string")
        if not self.position and not self.chunks:
            return doc_tags, schema.empty(schema.TAGS)
        cols, position = self._tag_columns()
        if not self.in_order:  # several languages: back to input order
            order = np.argsort(position, kind="stable")
            cols = {col: values[order] if isinstance(values, np.ndarray | pd.Categorical)
                    else [values[k] for k in order.tolist()] for col, values in cols.items()}
        return doc_tags, schema.from_columns(cols, schema.TAGS)


def doc_rows(doc: Doc, doc_id: str) -> tuple[list[tuple], tuple]:
    """Turn a processed Doc into TAGS rows and one DOC_TAGS row (plain tuples)."""
    cols = _Columns(1)
    cols.add(0, doc, doc_id, doc.text)
    tags = list(zip(*(cols.tags[col] for col in _TAG_COLS), strict=True))
    return tags, (doc_id, int(cols.pain[0]), int(cols.need[0]), float(cols.sentiment[0]), cols.phase[0],
                  cols.touchpoints[0])


def _prime_contexts(nlp: Language, cache: dict, contexts: Iterable[str | None], batch_size: int) -> None:
    """Score every distinct context once, in batches (an interview has one question per turn, so
    scoring each context on its own would cost a pipeline call per document)."""
    new = list(dict.fromkeys(c for c in contexts if c and c not in cache))
    if not new:
        return

    def docs() -> Iterator[Doc]:
        for context in new:
            doc = nlp.make_doc(context)
            set_ext(doc, "journey_role", "interviewer")
            yield doc

    for context, doc in zip(new, nlp.pipe(docs(), batch_size=batch_size), strict=True):
        _cache_context(cache, context, get_ext(doc, "journey_phase_scores") or {})


#: the cache key of the contexts that name several phases (see :func:`_context_prior`)
_SEVERAL = ("several phases",)
#: a question names a phase with this much evidence: a strong cue word, or a touchpoint of that phase alone
NAMES_PHASE = 0.8


def _cache_context(cache: dict, context: str, scores: Mapping[str, float]) -> None:
    """The prior of a context from its phase scores (shares of ``CONTEXT_WEIGHT``); a context that
    names two phases or more is noted in ``cache[_SEVERAL]``."""
    total = sum(scores.values())
    cache[context] = {p: CONTEXT_WEIGHT * v / total for p, v in scores.items()} if total else {}
    if sum(v >= NAMES_PHASE for v in scores.values()) >= 2:
        cache.setdefault(_SEVERAL, set()).add(context)


def _context_prior(nlp: Language, cache: dict, context: str | None, known: str | None,
                   strict: bool = False) -> dict | None:
    """The prior weights per phase for a text from its context (the question) and the phase declared
    for it. A ``strict`` text (an open answer to a survey question without a declared phase) gets no
    prior from a question that names several phases ("Had u problemen met de installatie, een storing
    of de klantenservice?"): such a question says what the answers may be about, not which one each is."""
    prior: dict[str, float] = {}
    if context:
        if context not in cache:
            doc = nlp.make_doc(context)
            set_ext(doc, "journey_role", "interviewer")
            _cache_context(cache, context, get_ext(nlp(doc), "journey_phase_scores") or {})
        if not (strict and context in cache.get(_SEVERAL, ())):
            prior.update(cache[context])
    if known:
        prior[known] = prior.get(known, 0.0) + KNOWN_PHASE_WEIGHT
    return prior or None


def tag_texts(
    texts: Iterable[str | None],
    lang: str = "nl",
    phase_model: str | dict | PhaseModel = "klassiek-5",
    *,
    contexts: Sequence[str | None] | None = None,
    roles: Sequence[str | None] | None = None,
    ids: Sequence[str] | None = None,
    context_phases: Sequence[str | None] | None = None,
    strict: Sequence[bool] | None = None,
    pipeline: str | None = None,
    extra_patterns: Sequence[str | Path] = (),
    home: Sequence[str] = (),
    batch_size: int = 1000,
    n_process: int = 1,
    progress: bool = False,
    return_tags: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Tag texts with pain points, needs, touchpoints, emotion and a journey phase.

    Parameters
    ----------
    texts : iterable of str
        The texts; ``None``, NaN and empty texts give a row without tags.
    lang : {'nl', 'en', 'auto'}
        Language; ``'auto'`` decides per text (:func:`workbench.nlp.detect_language`).
    phase_model : str, dict or PhaseModel
        Phase model (shipped id, TOML path, mapping, or loaded model).
    contexts : sequence of str, optional
        Per text: the interviewer's preceding question or the survey question text. Its phase
        cues are a prior for the text's sentences; an answer to a question asking for an
        improvement gets a need (:mod:`workbench.nlp.improvement`); an answer to a question
        asking what went well keeps only the pain points that clearly complain
        (:mod:`workbench.nlp.praise`).
    roles : sequence of str, optional
        Per text: ``'interviewer'`` texts get touchpoints and phases only.
    ids : sequence of str, optional
        Document ids (default: the row position as text).
    context_phases : sequence of str, optional
        Per text: a phase id declared for its question (``QUESTIONS.phase``), or None.
    strict : sequence of bool, optional
        Per text: place it in a phase on clear evidence only — its own strong cue words,
        touchpoints and question, never weak cue words alone, no phase on a tie (for an open
        answer to a question without a phase; :func:`tag_documents` sets it).
    pipeline : str, optional
        An installed trained spaCy pipeline to use instead of the blank one.
    extra_patterns : sequence of paths
        More JSONL cue pattern files.
    home : sequence of str
        The names of the company studied (its brand, products; :meth:`workbench.Study.own_names`).
        A story told about another company ("At my old bank …", "Bij de concurrent …", "With
        Vodafone …") holds no pain point or need of this one, over the next sentences of the text
        too, until a sentence names one of these (or says "here", "hier", "bij jullie").
    batch_size, n_process : int
        Texts per batch, and processes (``n_process > 1`` runs ``nlp.pipe`` in worker processes;
        with one process the tagger's own pipeline runs on the fused batch path, see
        :mod:`workbench.nlp.fused`).
    progress : bool
        Show a tqdm progress bar.
    return_tags : bool
        Also return the TAGS frame.

    Returns
    -------
    DataFrame or (DataFrame, DataFrame)
        ``schema.DOC_TAGS`` columns plus ``text``, in input order; with ``return_tags`` also
        the ``schema.TAGS`` frame.

    Examples
    --------
    >>> out = tag_texts(["De levering duurde echt te lang.", "Ik zou graag een app hebben."])
    >>> out[["pain_point", "need", "phase"]].values.tolist()
    [[1, 0, 'use_evaluation'], [0, 1, <NA>]]
    """
    texts = [_clean(t) for t in texts]
    n = len(texts)
    if lang not in SUPPORTED_LANGS + ("auto",):
        raise WorkbenchError(f"unsupported language '{lang}'", key="lang", hint="Use 'nl', 'en' or 'auto'.")
    model = _phase_model(phase_model)
    contexts = _optional(contexts, n, "contexts")
    roles = _optional(roles, n, "roles")
    known = _optional(context_phases, n, "context_phases")
    strict = [bool(x) for x in _optional(strict, n, "strict")]
    for phase in {k for k in known if k is not None}:
        if phase not in model.ids:
            raise StudyConfigError(
                f"phase '{phase}' is not in phase model '{model.id}'",
                key="phase",
                hint=f"Use one of {', '.join(model.ids)}.",
            )
    ids = [str(i) for i in range(n)] if ids is None else [str(i) for i in ids]
    if len(ids) != n:
        raise WorkbenchError(f"ids has {len(ids)} items for {n} texts", key="ids")
    langs = [detect_language(t) for t in texts] if lang == "auto" else [lang] * n

    columns = _Columns(n)
    bar = _progress(n, progress)
    for language in SUPPORTED_LANGS:
        positions = [i for i in range(n) if langs[i] == language]
        if not positions:
            continue
        columns.in_order = columns.in_order and not columns.position and not columns.chunks
        nlp = make_pipeline(language, model, pipeline, extra_patterns=tuple(extra_patterns), spans=False)
        if "journey_negation" in nlp.pipe_names:  # the pipeline is cached: every call sets its own
            nlp.get_pipe("journey_negation").set_home(home)
        cache: dict[str, dict] = {}
        todo = [i for i in positions if texts[i] and not texts[i].isspace()]  # what strip() leaves, without a copy
        bar.update(len(positions) - len(todo))  # empty texts: a row without tags
        _prime_contexts(nlp, cache, (contexts[i] for i in todo), batch_size)

        if n_process == 1 and FusedTagger.supports(nlp):
            _tag_fused(nlp, todo, texts, ids, roles, [contexts, known, cache, strict], batch_size, columns, bar)
            continue

        def docs(todo=todo, nlp=nlp, cache=cache) -> Iterator[Doc]:
            for i in todo:
                doc = nlp.make_doc(texts[i])
                doc.user_data[TEXT_KEY] = texts[i]
                if roles[i] is not None:
                    set_ext(doc, "journey_role", roles[i])
                if contexts[i] is not None or known[i] is not None:
                    set_ext(doc, "journey_context", _context_prior(nlp, cache, contexts[i], known[i], strict[i]))
                if strict[i]:
                    set_ext(doc, "journey_strict", True)
                yield doc

        done = 0
        for i, doc in zip(todo, nlp.pipe(docs(), batch_size=batch_size, n_process=n_process), strict=False):
            columns.add(i, doc, ids[i], texts[i])
            done += 1
            if done == batch_size:
                bar.update(done)
                done = 0
        bar.update(done)
    bar.close()
    doc_tags, tags = columns.frames(ids, texts)
    # an answer to "Wat zou je verbeteren?" is a wish even without a wish word ("Eén vast aanspreekpunt.")
    doc_tags, tags = improvement_needs(doc_tags, tags, ids, texts, contexts, roles, langs)
    # the speaker's own budget, skills or habits ("omdat ik blut ben") are persona context, no pain point
    doc_tags, tags = circumstance_pains(doc_tags, tags, ids, texts, contexts, roles, langs)
    # an answer to "What did you like?" is praise unless it clearly complains ("cheap if you split ticket")
    doc_tags, tags = praise_answers(doc_tags, tags, ids, texts, contexts, roles, langs)
    doc_tags, tags = _drop_contact_offers(doc_tags, tags, ids, texts)
    return (doc_tags, tags) if return_tags else doc_tags


def _drop_contact_offers(doc_tags: pd.DataFrame, tags: pd.DataFrame, ids: list[str], texts: list[str]):
    """No need in a sentence that offers the writer's contact ("Bel me gerust: 06-…"): see
    :mod:`workbench.nlp.contact_offer`, the one place that rule lives."""
    if not len(tags):
        return doc_tags, tags
    label = tags["label"].array  # a Categorical of schema.TAGS' label type
    need = label.codes == label.categories.get_loc("need")
    if not need.any():
        return doc_tags, tags
    text_of = dict(zip(ids, texts, strict=True))
    rows = np.flatnonzero(need)
    columns = [tags[col].to_numpy()[rows].tolist() for col in ("doc_id", "sent_start", "sent_end", "start_char")]
    offer = np.zeros(len(rows), dtype=bool)
    may: dict[tuple, bool] = {}  # per tagger sentence: whether it can hold an offer at all
    for k, (d, a, b, c) in enumerate(zip(*columns, strict=True)):
        text = text_of.get(d, "")
        if (d, a, b) not in may:
            may[d, a, b] = may_hold_offer(text[a:b])
        offer[k] = may[d, a, b] and is_contact_offer(cue_sentence(text, a, b, c))
    if not offer.any():
        return doc_tags, tags
    drop = np.zeros(len(tags), dtype=bool)
    drop[rows[offer]] = True
    return drop_tags(doc_tags, tags, drop, "need")


def _tag_fused(nlp: Language, todo: list[int], texts: list[str], ids: list[str], roles: list, context: list,
               batch_size: int, columns: _Columns, bar) -> None:
    """Tag the texts ``todo`` a batch at a time on the fused path (same tags as ``nlp.pipe``)."""
    contexts, known, cache, strict = context
    fused = FusedTagger.of(nlp)
    make_doc = nlp.make_doc
    arrays_only = not fused.needs_docs
    for i in todo:
        if len(texts[i]) > nlp.max_length:
            make_doc(texts[i])  # spaCy's error for a text over nlp.max_length
    for lo in range(0, len(todo), max(1, batch_size)):
        chunk = todo[lo:lo + max(1, batch_size)]
        chunk_texts = [texts[i] for i in chunk]
        docs = fused.tokenize(chunk_texts) if arrays_only else [make_doc(t) for t in chunk_texts]
        interviewer = np.array([roles[i] == "interviewer" for i in chunk], dtype=bool)
        priors = [_context_prior(nlp, cache, contexts[i], known[i], strict[i]) if contexts[i] is not None or known[i] is not None
                  else None for i in chunk]
        sure = np.array([strict[i] for i in chunk], dtype=bool)
        result = fused.tag(docs, chunk_texts, interviewer, fused.prior(priors), sure if sure.any() else None)
        columns.add_batch(chunk, ids, result)
        bar.update(len(chunk))


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, show: bool):
    if not show:
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="tagging", unit="text")


def _names_phase(lang: str, phase_model, kw: Mapping) -> Callable[[str], bool] | None:
    """Whether a text names a journey phase (strong cues or touchpoints), as the tagger reads a
    question's context; None for ``lang='auto'``."""
    if lang not in SUPPORTED_LANGS:
        return None
    nlp = make_pipeline(lang, _phase_model(phase_model), kw.get("pipeline"),
                        extra_patterns=tuple(kw.get("extra_patterns", ())), spans=False)
    cache: dict[str, dict] = {}
    return lambda text: bool(_context_prior(nlp, cache, text, None))


#: determiners that point back: 'die zithoogte' is the topic already talked about
_POINTING = {"nl": {"die", "dat", "deze", "dit", "zo'n", "zulke"}, "en": {"that", "this", "those", "these", "such"}}


#: the nouns of "in orde", "all right", "in order": how it went, no topic
_IN_ORDER = {"nl": {"orde", "oké", "ok"}, "en": {"right", "order", "ok", "okay"}}


def _opens_topic(lang: str, pipeline: str | None) -> Callable[[str], bool] | None:
    """Whether a question names a topic of its own: a noun not pointed back to ("Hoe vind je de
    sfeer in de club?" does, "Stond die zithoogte erbij?" and "Was alles in orde?" do not)."""
    if lang not in SUPPORTED_LANGS:
        return None
    from .syntax import parse

    def opens(question: str) -> bool:
        doc = parse([question], lang, pipeline=pipeline)[0]
        return any(t.pos_ in ("NOUN", "PROPN") and t.lower_ not in _IN_ORDER[lang]
                   and not any(c.lower_ in _POINTING[lang] for c in t.children) for t in doc)
    return opens


def tag_documents(
    documents: pd.DataFrame,
    lang: str = "nl",
    phase_model: str | dict | PhaseModel = "klassiek-5",
    *,
    questions: pd.DataFrame | None = None,
    question_phases: Mapping[str, str] | None = None,
    **kw,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Tag a ``schema.DOCUMENTS`` frame.

    Interviewer turns are tagged for phase and touchpoints only. A turn's context is the
    interviewer's question, after a follow-up question ("Hoe voelde dat?") with the participant's
    turn before it (:mod:`workbench.nlp.followup`). An answer's context is its
    question text; when the question has a declared phase (``questions.phase`` or
    ``question_phases``), that phase is a prior for the answer. An answer to a question without
    one ("Wat zou je verbeteren?") is placed by its own words on clear evidence only (``strict``
    in :func:`tag_texts`).

    Parameters
    ----------
    documents : DataFrame
        ``schema.DOCUMENTS`` rows.
    lang, phase_model
        As in :func:`tag_texts`.
    questions : DataFrame, optional
        ``schema.QUESTIONS``; its ``phase`` column gives the declared phases.
    question_phases : mapping, optional
        question id -> phase id (overrides ``questions``).
    **kw
        Passed to :func:`tag_texts` (``pipeline``, ``batch_size``, ``n_process``, ``progress`` …).

    Returns
    -------
    (DataFrame, DataFrame)
        ``schema.DOC_TAGS`` and ``schema.TAGS``.
    """
    missing = [c for c in ("doc_id", "text") if c not in documents.columns]
    if missing:
        raise WorkbenchError(
            f"documents lack the column(s) {', '.join(missing)}",
            key=missing[0],
            hint=f"Pass a schema.DOCUMENTS frame; it has {', '.join(documents.columns)}.",
        )
    phases: dict[str, str] = {}
    if questions is not None and {"question_id", "phase"} <= set(questions.columns):
        for qid, phase in zip(questions["question_id"], questions["phase"], strict=False):
            if _clean(phase):
                phases[str(qid)] = str(phase)
    phases.update(question_phases or {})
    col = documents.get
    qids = col("question_id") if "question_id" in documents.columns else pd.Series([None] * len(documents))
    known = [phases.get(_clean(q)) if _clean(q) else None for q in qids]
    strict = [bool(_clean(q)) and k is None for q, k in zip(qids, known, strict=True)]
    roles = [_clean(r) or None for r in col("role")] if "role" in documents.columns else None
    # a follow-up question carries the answer before it; a question naming no phase, the topic
    contexts = tagging_contexts(documents, lang, _names_phase(lang, phase_model, kw), _opens_topic(lang, kw.get("pipeline")))
    doc_tags, tags = tag_texts(
        list(documents["text"]),
        lang,
        phase_model,
        contexts=contexts,
        roles=roles,
        ids=[_clean(i) for i in documents["doc_id"]],
        context_phases=known,
        strict=strict,
        return_tags=True,
        **kw,
    )
    doc_tags, tags = _keep_declared(doc_tags, tags, known)
    return schema.conform(doc_tags, schema.DOC_TAGS), tags


def _keep_declared(doc_tags: pd.DataFrame, tags: pd.DataFrame, known: list) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An answer to a question with a declared phase is in that phase, and so is every sentence of
    it that its own strong cue words do not place elsewhere: the researcher scoped the question
    ("Problems with your deliveries?"), yet "I was charged after I cancelled" in its answer is
    billing (:data:`~workbench.nlp.phase.QUESTION_BESIDE_CUE`: the question alone never outweighs a
    sentence's own cue). The declared phase is the tagger's prior, so the tagger already gave it to
    the other sentences; here it fills a sentence the tagger left without one."""
    declared = pd.Series(known, index=doc_tags.index, dtype="object")
    has = declared.notna().to_numpy()
    if not has.any():
        return doc_tags, tags
    doc_tags = doc_tags.copy()
    doc_tags.loc[has, "phase"] = declared[has].to_numpy()
    if len(tags) and "phase" in tags.columns:
        of = dict(zip(doc_tags.loc[has, "doc_id"], declared[has], strict=True))
        moved = tags["doc_id"].map(of)
        if moved.notna().any():
            tags = tags.copy()
            tags["phase"] = tags["phase"].where(tags["phase"].notna(), moved.astype(tags["phase"].dtype))
    return doc_tags, tags
