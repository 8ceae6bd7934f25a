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
``(start, end, start_char, end_char, text, label, value, rule_id, score, evidence)``. ``doc._.journey_phase`` is the document's phase,
``doc._.journey_sents`` a list of ``(start, end, start_char, end_char, phase)`` per sentence.
Before running the pipeline a caller may set ``doc._.journey_role`` (``'interviewer'`` texts
get touchpoints and phases only) and ``doc._.journey_context`` (a mapping phase id -> prior
weight, e.g. from the interviewer's question).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import LEMMA, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span

from ..errors import FormatError
from .batch import TokenBatch, batches, lexsort, shared_batch
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
_RAW_KEY = "journey.raw"  # per Doc: the raw cues of journey_cues, until journey_phase ran
_NOT_START = np.uint64(2**64 - 1)  # -1 as SENT_START: 'not a sentence start'

for _name in ("journey_role", "journey_context", "journey_strict", "journey_phase", "journey_phase_scores", "journey_sents",
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
    """The LOWER hashes of a Doc's tokens."""
    return doc.to_array(LOWER).tolist() if len(doc) else []


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """``(start, end)`` token offsets of the sentences (the whole Doc when none are set)."""
    batch = TokenBatch.from_docs([doc])
    return list(zip(batch.sent_starts.tolist(), batch.sent_ends.tolist(), strict=True))


def raw_cues(doc: Doc, key: str) -> list[tuple[int, int, str, str]]:
    """The raw cue matches ``(start, end, label, rule_id)`` left by ``journey_cues``.

    Read from the Doc's run cache when ``journey_cues`` ran in this pipeline, else from the
    span group ``key`` (a pipeline where another ruler wrote the cues).
    """
    raw = doc.user_data.get(_RAW_KEY)
    if raw is not None:
        return raw
    return [(s.start, s.end, s.label_, s.id_) for s in doc.spans.get(key, ())]


def release(doc: Doc) -> None:
    """Drop the per-run cache of raw cues from ``doc.user_data``."""
    doc.user_data.pop(_RAW_KEY, None)


@Language.factory("journey_sentencizer", default_config={"punct_chars": list(SENT_END_PUNCT)})
def make_journey_sentencizer(nlp: Language, name: str, punct_chars: list[str]) -> JourneySentencizer:
    return JourneySentencizer(nlp, name, punct_chars=punct_chars)


#: Whitespace tokens of a single line break, which a cue may span (spaCy keeps them as tokens).
LINE_BREAKS = ("\n", "\r\n", " \n", "\n ", "\r")

class JourneySentencizer:
    """Sentence starts after sentence-final punctuation, set in bulk from the token arrays.

    A sentence starts after a token in ``punct_chars`` (``. ! ? …`` and line breaks) unless the
    next token is one as well (``?!``). Same boundaries as spaCy's ``sentencizer`` for these
    characters, computed for a whole ``nlp.pipe`` batch at once — except a single line break
    followed by a lower-case word: that is a hard-wrapped line of a transcript or e-mail ("toen ik
    het in mijn\nsheet plakte"), and the sentence goes on.
    """

    def __init__(self, nlp: Language, name: str = "journey_sentencizer", *,
                 punct_chars: Iterable[str] = SENT_END_PUNCT) -> None:
        self.name = name
        self.punct_chars = list(punct_chars)
        self.ends = np.array(sorted({nlp.vocab.strings.add(p) for p in self.punct_chars}), dtype=np.uint64)
        # caseless punctuation: a token is one iff its LOWER is, so the shared LOWER array will do
        self.by_lower = all(p.lower() == p == p.upper() for p in self.punct_chars)
        self.soft = np.array(sorted({nlp.vocab.strings.add(p) for p in ("\n", "\r\n") if p in self.punct_chars}),
                             dtype=np.uint64)

    def __call__(self, doc: Doc) -> Doc:
        self.set_sentences([doc])
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Process the Docs a batch at a time."""
        for docs in batches(stream, batch_size):
            self.set_sentences(docs)
            yield from docs

    def set_sentences(self, docs: list[Doc]) -> TokenBatch:
        """Set the sentence starts of ``docs``; return their token batch (offered to later components)."""
        batch = TokenBatch(docs)
        flag = self.find_sentences(batch, docs)
        values = np.where(flag, 1, _NOT_START).astype(np.uint64)
        for doc, lo, hi in zip(docs, batch.offsets[:-1].tolist(), batch.offsets[1:].tolist(), strict=True):
            if hi > lo:
                doc.from_array([SENT_START], values[lo:hi])
        return batch.share()

    def find_sentences(self, batch: TokenBatch, docs: list[Doc], texts=None) -> np.ndarray:
        """Set the sentence bounds of ``batch`` (not on the Docs); return the sentence-start flags.

        ``texts`` (the Docs' texts) are needed when ``docs`` is empty (a batch made from arrays)
        to tell a hard-wrapped line from a new one."""
        lens = np.diff(batch.offsets)
        if self.by_lower:
            marks = batch.low
        else:
            marks = np.concatenate([doc.to_array(ORTH) if len(doc) else batch.low[:0] for doc in docs])
        is_end = np.isin(marks, self.ends)
        if len(self.soft):
            if texts is None and docs:
                texts = [doc.text for doc in docs]
            self._wrapped_lines(is_end, np.flatnonzero(np.isin(marks, self.soft)), batch, texts)
        flag = np.zeros(len(marks), dtype=bool)
        flag[1:] = is_end[:-1] & ~is_end[1:]
        firsts = batch.offsets[:-1]
        flag[firsts[lens > 0]] = True
        starts = np.flatnonzero(flag)
        empty = firsts[lens == 0]
        per_doc = np.diff(np.searchsorted(starts, batch.offsets)) + (lens == 0)
        if len(empty):
            starts = np.sort(np.concatenate([empty, starts]), kind="stable")
        batch.set_sentences(starts, per_doc)
        return flag

    def _wrapped_lines(self, is_end: np.ndarray, breaks: np.ndarray, batch: TokenBatch, texts) -> None:
        """A single line break between a word and a lower-case word ends no sentence."""
        if not len(breaks) or texts is None:
            return
        offsets, idx = batch.offsets, batch.idx
        doc_of = np.searchsorted(offsets, breaks, side="right") - 1
        for g, d in zip(breaks.tolist(), doc_of.tolist(), strict=True):
            if g == offsets[d] or g + 1 >= offsets[d + 1] or is_end[g - 1]:
                continue
            text = texts[d]
            before, after = text[idx[g - 1]:idx[g - 1] + 1], text[idx[g + 1]:idx[g + 1] + 1]
            if after.islower() and before and not before.isspace():
                is_end[g] = False


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
        # a line break inside a sentence (a hard-wrapped transcript or answer: "was dat zo\nopgelost") is
        # whitespace, not a word: a cue reads across it; a blank line ("\n\n", a paragraph) is not skipped
        skip |= {add(w) for w in LINE_BREAKS}
        pairs = {tuple(add(p) for p in w.split()) for w in mods["hedges"] | mods["fillers"] if w.count(" ") == 1}
        stop = {add(p) for p in SENT_END_PUNCT + (",", ";", ":")} | {add(w) for w in mods["contrast"] if " " not in w}
        self.trie = CueTrie(skip=skip, skip_pairs=pairs, stop=stop)
        self._rules: list[tuple[str, str]] = []
        self._rule_index: dict[tuple[str, str], int] = {}
        self._rank = np.zeros(0, dtype=np.int64)
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
            for entry in fallback:  # spaCy's Matcher checks each; say which pattern it refuses
                try:
                    self.matcher.validate = True
                    super().add_patterns([entry])
                except ValueError as exc:
                    raise FormatError(f"pattern '{entry.get('id')}' is not a valid token pattern: "
                                      f"{str(exc).splitlines()[0]}", key=str(entry.get("id")),
                                      hint="Each token is a dict such as {\"LOWER\": \"word\"}; see "
                                      "workbench/data/patterns/README.md.") from None
                self._n_matcher += 1

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
        self.set_cues([doc])
        return doc.user_data[_RAW_KEY]

    def __call__(self, doc: Doc) -> Doc:
        self.set_cues([doc])
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Process the Docs a batch at a time."""
        for docs in batches(stream, batch_size):
            self.set_cues(docs)
            yield from docs

    def set_cues(self, docs: list[Doc]) -> TokenBatch:
        """Find the cues of a batch of Docs.

        Every Doc gets its sorted raw cues ``(start, end, label, rule_id)`` in its run cache
        (and as spans in ``doc.spans[spans_key]`` when a key is set); the batch keeps them as
        arrays for ``journey_negation``.
        """
        batch = shared_batch(docs) or TokenBatch.from_docs(docs).share()
        starts, ends, rules = self.find_batch(batch, docs)
        batch.cues = (starts, ends, rules, self._rules)
        doc_index = batch.doc_of(starts)
        base = batch.offsets[doc_index]
        labels = self._rules
        rows = [(s, e, *labels[r]) for s, e, r in
                zip((starts - base).tolist(), (ends - base).tolist(), rules.tolist(), strict=True)]
        bounds = np.searchsorted(doc_index, np.arange(len(docs) + 1)).tolist()
        for k, doc in enumerate(docs):
            found = rows[bounds[k]:bounds[k + 1]]
            doc.user_data[_RAW_KEY] = found
            if self.key:
                doc.spans[self.key] = [Span(doc, s, e, label=label, span_id=rid) for s, e, label, rid in found]
        return batch

    @property
    def rules(self) -> list[tuple[str, str]]:
        """The ``(label, rule id)`` of every rule number :meth:`find_batch` returns."""
        return self._rules

    def find_batch(self, batch: TokenBatch, docs: list[Doc]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """All raw cue matches of a batch as global ``(starts, ends, rules)`` arrays, sorted, no duplicates.

        Rules are numbers into :attr:`rules`; nothing is written to the Docs (they are read
        only when a pattern needs lemmas or spaCy's ``Matcher``).
        """
        if not self._loaded:
            self.initialize()
        lemma = None
        if self.trie.uses_lemma:
            parts = [np.array(self._lemmas(doc), dtype=np.uint64) for doc in docs]
            lemma = np.concatenate(parts) if parts else batch.low[:0]
        starts, ends, rules = self.trie.find_batch(batch.low, batch.limit, lemma, batch.word_index(self.trie.words))
        if self._n_matcher:
            extra = [(span.start + base, span.end + base, self._rule_id(span.label_, span.id_))
                     for doc, base in zip(docs, batch.offsets.tolist(), strict=False) for span in self.match(doc)]
            if extra:
                more = np.array(extra, dtype=np.int64)
                starts, ends, rules = (np.concatenate([a, more[:, k]]) for k, a in enumerate((starts, ends, rules)))
        if len(self._rank) != len(self._rules):
            order = sorted(range(len(self._rules)), key=self._rules.__getitem__)
            self._rank = np.empty(len(order), dtype=np.int64)
            self._rank[order] = np.arange(len(order))
        if len(starts) > 1:
            order = lexsort((self._rank[rules], ends, starts))
            starts, ends, rules = starts[order], ends[order], rules[order]
            keep = np.ones(len(starts), dtype=bool)
            keep[1:] = (starts[1:] != starts[:-1]) | (ends[1:] != ends[:-1]) | (rules[1:] != rules[:-1])
            starts, ends, rules = starts[keep], ends[keep], rules[keep]
        return starts, ends, rules

    def _rule_id(self, label: str, rid: str) -> int:
        key = (label, rid)
        if key not in self._rule_index:
            self._rule_index[key] = len(self._rules)
            self._rules.append(key)
        return self._rule_index[key]

    def _lemmas(self, doc: Doc) -> list[int]:
        """LEMMA hashes: the Doc's own lemmas, else the lookup table's (only when a pattern needs them)."""
        if doc.has_annotation("LEMMA"):
            return doc.to_array(LEMMA).tolist()
        table = lemma_table(self.lang)
        add = doc.vocab.strings.add
        return [add(table.get(t.text, t.text)) for t in doc]
