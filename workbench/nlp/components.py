"""spaCy components of the tagger, registered as factories any spaCy user can add::

    nlp = spacy.blank("nl")
    nlp.add_pipe("journey_sentencizer")  # sentence starts at . ! ? … and blank lines (bulk, from token arrays)
    nlp.add_pipe("journey_lemmatizer")   # spacy-lookups-data lemma_lookup table, set in bulk
    nlp.add_pipe("journey_cues")         # cue spans from the pattern files -> doc.spans["journey_cues"]
    nlp.add_pipe("journey_negation")     # negation, intensifiers, questions, roles -> doc.spans["journey"]
    nlp.add_pipe("journey_phase", config={"phase_model": "klassiek-5"})
    nlp.initialize()

spaCy's own ``sentencizer``/``senter``/``parser`` and ``lemmatizer`` work as well (slower).
Results live on the Doc: ``doc.spans["journey"]`` holds one span per cue with ``label_`` the tag
label, ``kb_id_`` the value (cue class, polarity, touchpoint id) and ``id_`` the rule id; the
scores are in ``doc.spans["journey"].attrs["scores"]`` (same order); ``doc._.journey_sentiment``
is the text's sentiment in [-1, 1] and ``doc._.journey_tags`` the same tags as plain rows
``(start, end, start_char, end_char, text, label, value, rule_id, score)``. ``doc._.journey_phase`` is the document's phase,
``doc._.journey_sents`` a list of ``(start, end, start_char, end_char, phase)`` per sentence.
Before running the pipeline a caller may set ``doc._.journey_role`` (``'interviewer'`` texts
get touchpoints and phases only) and ``doc._.journey_context`` (a mapping phase id -> prior
weight, e.g. from the interviewer's question).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from spacy.attrs import LEMMA, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span

from .matching import CueTrie, compile_token_pattern
from .resources import lemma_table, load_modifiers, load_patterns

__all__ = [
    "JourneySentencizer",
    "JourneyLemmatizer",
    "JourneyCues",
    "cue_spans",
    "sentence_bounds",
    "lower_hashes",
    "raw_cues",
    "SENT_END_PUNCT",
]

SENT_END_PUNCT = (".", "!", "?", "…", "...", "?!", "!?", "!!", "??", "\n", "\n\n", "\n\n\n", "\r\n")
_LOW_KEY = "journey.lower"  # doc.user_data caches shared by the components of one run
_BOUNDS_KEY = "journey.bounds"
_RAW_KEY = "journey.raw"
_NOT_START = np.uint64(2**64 - 1)  # -1 as SENT_START: 'not a sentence start'

for _name in ("journey_role", "journey_context", "journey_phase", "journey_phase_scores", "journey_sents",
              "journey_sentiment", "journey_tags"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def cue_spans(doc: Doc, key: str = "journey") -> list[tuple[Span, float]]:
    """The resolved cue spans of a processed Doc with their scores."""
    group = doc.spans.get(key)
    if group is None:
        return []
    scores = group.attrs.get("scores") or [0.5] * len(group)
    return list(zip(group, scores, strict=True))


def lower_hashes(doc: Doc) -> list[int]:
    """The LOWER hashes of a Doc's tokens (cached in ``doc.user_data`` during a pipeline run)."""
    low = doc.user_data.get(_LOW_KEY)
    if low is None or len(low) != len(doc):
        low = doc.to_array(LOWER).tolist() if len(doc) else []
        doc.user_data[_LOW_KEY] = low
    return low


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """``(start, end)`` token offsets of the sentences (the whole Doc when none are set)."""
    bounds = doc.user_data.get(_BOUNDS_KEY)
    if bounds is not None and (not bounds or bounds[-1][1] == len(doc)):
        return bounds
    if len(doc) and doc.has_annotation("SENT_START"):
        bounds = [(s.start, s.end) for s in doc.sents]
    else:
        bounds = [(0, len(doc))]
    doc.user_data[_BOUNDS_KEY] = bounds
    return bounds


def raw_cues(doc: Doc, key: str) -> list[tuple[int, int, str, str]]:
    """The raw cue matches ``(start, end, label, rule_id)`` left by ``journey_cues``.

    Read from the run cache when ``journey_cues`` ran in this pipeline, else from the span
    group ``key`` (a pipeline where another ruler wrote the cues).
    """
    raw = doc.user_data.get(_RAW_KEY)
    if raw is not None:
        return raw
    return [(s.start, s.end, s.label_, s.id_) for s in doc.spans.get(key, ())]


def release(doc: Doc) -> None:
    """Drop the per-run caches from ``doc.user_data``."""
    for key in (_LOW_KEY, _BOUNDS_KEY, _RAW_KEY):
        doc.user_data.pop(key, None)


@Language.factory("journey_sentencizer", default_config={"punct_chars": list(SENT_END_PUNCT)})
def make_journey_sentencizer(nlp: Language, name: str, punct_chars: list[str]) -> JourneySentencizer:
    return JourneySentencizer(nlp, name, punct_chars=punct_chars)


class JourneySentencizer:
    """Sentence starts after sentence-final punctuation, set in bulk from the token array.

    A sentence starts after a token in ``punct_chars`` (``. ! ? …`` and line breaks) unless the
    next token is one as well (``?!``). Same boundaries as spaCy's ``sentencizer`` for these
    characters, without its per-token Python loop.
    """

    def __init__(self, nlp: Language, name: str = "journey_sentencizer", *,
                 punct_chars: Iterable[str] = SENT_END_PUNCT) -> None:
        self.name = name
        self.punct_chars = list(punct_chars)
        self.ends = frozenset(nlp.vocab.strings.add(p) for p in self.punct_chars)
        self._base = np.full(256, _NOT_START, dtype=np.uint64)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        both = doc.to_array([ORTH, LOWER])
        orth = both[:, 0].tolist()
        doc.user_data[_LOW_KEY] = both[:, 1].tolist()
        ends = self.ends
        starts = [i + 1 for i in range(n - 1) if orth[i] in ends and orth[i + 1] not in ends]
        if len(self._base) < n:
            self._base = np.full(2 * n, _NOT_START, dtype=np.uint64)
        values = self._base[:n].copy()
        values[0] = 1
        if starts:
            values[starts] = 1
        doc.from_array([SENT_START], values)
        edges = [0, *starts, n]
        doc.user_data[_BOUNDS_KEY] = list(zip(edges[:-1], edges[1:], strict=True))
        return doc


@Language.factory("journey_lemmatizer", default_config={"overwrite": False})
def make_journey_lemmatizer(nlp: Language, name: str, overwrite: bool) -> JourneyLemmatizer:
    return JourneyLemmatizer(nlp, name, overwrite=overwrite)


class JourneyLemmatizer:
    """Lookup lemmas from spacy-lookups-data's ``lemma_lookup`` table, set for a whole Doc at once.

    The lemma of a token is ``table.get(token.text, token.text)``, exactly as spaCy's
    ``lemmatizer`` in ``lookup`` mode; the table is read once per language and process, and
    each distinct word form is looked up once per pipeline.
    """

    def __init__(self, nlp: Language, name: str = "journey_lemmatizer", *, overwrite: bool = False) -> None:
        self.name = name
        self.lang = nlp.lang
        self.strings = nlp.vocab.strings
        self.overwrite = overwrite
        self._cache: dict[int, int] = {}

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        """Read the lookup table (once per language and process)."""
        lemma_table(self.lang)

    def _lemma(self, orth: int) -> int:
        text = self.strings[orth]
        value = lemma_table(self.lang).get(text, text)
        lemma = self.strings.add(value)
        self._cache[orth] = lemma
        return lemma

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc) or (not self.overwrite and doc.has_annotation("LEMMA")):
            return doc
        cache = self._cache
        get = cache.get
        orth = doc.to_array(ORTH).tolist()
        lemmas = [get(h) or self._lemma(h) for h in orth]
        doc.from_array([LEMMA], np.array(lemmas, dtype=np.uint64))
        return doc


@Language.factory(
    "journey_cues",
    default_config={"spans_key": "journey_cues", "extra_patterns": []},
)
def make_journey_cues(nlp: Language, name: str, spans_key: str, extra_patterns: list[str]) -> JourneyCues:
    return JourneyCues(nlp, name, spans_key=spans_key, extra_patterns=extra_patterns)


class JourneyCues(SpanRuler):
    """A ``SpanRuler`` that loads the workbench's cue patterns for ``nlp.lang``.

    Patterns are loaded in :meth:`initialize` (or on first use when the pipeline was not
    initialized); ``extra_patterns`` are paths of more JSONL pattern files. Phrases and token
    patterns on LOWER/LEMMA are compiled into a :class:`~workbench.nlp.matching.CueTrie` that
    lets intensifiers, hedges and fillers sit inside a cue (``duurde echt heel lang`` matches
    ``duurde lang``); other token patterns (``REGEX``, ``POS`` …) run in spaCy's ``Matcher``.
    """

    def __init__(self, nlp: Language, name: str = "journey_cues", *, spans_key: str = "journey_cues",
                 extra_patterns: Iterable[str] = ()) -> None:
        self.lang = nlp.lang
        super().__init__(nlp, name, spans_key=spans_key, phrase_matcher_attr="LOWER", overwrite=True)
        self.extra_patterns = [str(p) for p in extra_patterns]
        self._loaded = False
        self._reset_trie()

    def _reset_trie(self) -> None:
        mods = load_modifiers(self.lang)
        add = self.nlp.vocab.strings.add
        skip = {add(w) for w in mods["intensifiers"] | mods["hedges"] | mods["fillers"] if " " not in w}
        pairs = {tuple(add(p) for p in w.split()) for w in mods["hedges"] | mods["fillers"] if w.count(" ") == 1}
        stop = {add(p) for p in SENT_END_PUNCT + (",", ";", ":")} | {add(w) for w in mods["contrast"] if " " not in w}
        self.trie = CueTrie(skip=skip, skip_pairs=pairs, stop=stop)
        self._rules: list[tuple[str, str]] = []
        self._rule_index: dict[tuple[str, str], int] = {}
        self._n_matcher = 0

    def clear(self) -> None:
        """Remove all patterns."""
        super().clear()
        self._reset_trie()

    def initialize(self, get_examples=None, *, nlp: Language | None = None, patterns=None,
                   extra_patterns: Iterable[str] | None = None) -> None:
        """Load the shipped patterns of the language plus ``extra_patterns`` (or ``patterns``)."""
        if extra_patterns is not None:
            self.extra_patterns = [str(p) for p in extra_patterns]
        self.clear()
        self.add_patterns(patterns if patterns is not None else load_patterns(self.lang, self.extra_patterns))
        self._loaded = True

    def add_patterns(self, patterns: list[dict]) -> None:
        """Add ruler patterns: compiled into the trie where possible, else into spaCy's Matcher."""
        tokenizer = self.nlp.tokenizer
        add = self.nlp.vocab.strings.add
        fallback = []
        for entry in patterns:
            pattern = entry["pattern"]
            key = (entry["label"], str(entry.get("id") or ""))
            if isinstance(pattern, str):
                seqs = [tuple(("L", frozenset({add(t.lower_)})) for t in tokenizer(pattern))]
            else:
                seqs = compile_token_pattern(pattern, add)
            if not seqs or not seqs[0]:
                fallback.append(entry)
                continue
            if key not in self._rule_index:
                self._rule_index[key] = len(self._rules)
                self._rules.append(key)
            self.trie.add(seqs, self._rule_index[key])
            self._patterns.append(entry)
        if fallback:
            self._n_matcher += len(fallback)
            super().add_patterns(fallback)

    def from_bytes(self, *args, **kwargs):
        out = super().from_bytes(*args, **kwargs)
        self._loaded = True
        return out

    def from_disk(self, *args, **kwargs):
        out = super().from_disk(*args, **kwargs)
        self._loaded = True
        return out

    def find_cues(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        """All raw cue matches ``(start, end, label, rule_id)`` of a Doc, sorted."""
        if not self._loaded:
            self.initialize()
        low = lower_hashes(doc)
        lem = self._lemmas(doc) if self.trie.uses_lemma else None
        rules = self._rules
        found = {(s, e, *rules[r]) for s, e, r in self.trie.find(low, lem)}
        if self._n_matcher:
            for span in self.match(doc):
                found.add((span.start, span.end, span.label_, span.id_))
        return sorted(found)

    def _lemmas(self, doc: Doc) -> list[int]:
        """LEMMA hashes: the Doc's own lemmas, else the lookup table's (only when a pattern needs them)."""
        if doc.has_annotation("LEMMA"):
            return doc.to_array(LEMMA).tolist()
        table = lemma_table(self.lang)
        add = doc.vocab.strings.add
        return [add(table.get(t.text, t.text)) for t in doc]

    def __call__(self, doc: Doc) -> Doc:
        found = self.find_cues(doc)
        doc.user_data[_RAW_KEY] = found
        if self.key:
            doc.spans[self.key] = [Span(doc, s, e, label=label, span_id=rid) for s, e, label, rid in found]
        return doc
