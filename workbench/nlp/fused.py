"""The tagger's fused batch path: all four components on the token arrays of a batch, no Doc writes.

:func:`~workbench.nlp.tag_texts` does not need the Docs, only the column values of its frames.
When its pipeline is exactly the blank one of :func:`~workbench.nlp.make_pipeline`
(``journey_sentencizer``, ``journey_cues``, ``journey_lexicon``, ``journey_negation``, ``journey_phase``) and it runs
in one process, it takes a batch's token arrays (spaCy's tokenization, composed per word without
making Docs, see :mod:`workbench.nlp.words`) and hands them to :class:`FusedTagger`, which runs
the components' batch methods in a row (sentence bounds, cue matches, lexicon words, negation and scores,
phases) and returns the columns of the batch as arrays. Nothing is
written to the Docs (no sentence starts, spans or extension values), which is what makes it
faster than ``nlp.pipe``; the tags are the same as the components give one by one (tested).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from .. import schema
from .batch import SharedWords, TokenBatch
from .resolve import _TAG_ORDER, NEED, PAIN, TOUCH, evidence_texts, sentiments
from .words import WordTokenizer, tokenize_each

__all__ = ["FusedTagger", "BatchTags", "FUSED_PIPE_NAMES"]

FUSED_PIPE_NAMES = ["journey_sentencizer", "journey_cues", "journey_lexicon", "journey_negation", "journey_phase"]
_LABEL_TYPE = schema.TAGS["label"][0]
_LABEL_CODES = np.array([_LABEL_TYPE.categories.get_loc(label) for label in _TAG_ORDER], dtype=np.int8)


@dataclass
class BatchTags:
    """The column values of one batch of texts.

    Per tag (in the order the component path lists them: Doc after Doc): ``doc`` (index in the
    batch), ``sent_start``, ``sent_end``, ``start_char``, ``end_char`` (int64 arrays), ``text``,
    ``label`` (a Categorical of ``schema.TAGS``' label type), ``value``, ``phase``, ``rule_id``,
    ``evidence`` (object arrays), ``score`` (a list). Per text: ``pain_point``, ``need``, ``sentiment``,
    ``phase`` and ``touchpoints`` (suffixed ``doc_``).
    """

    doc: np.ndarray
    columns: dict[str, list]
    doc_pain: np.ndarray
    doc_need: np.ndarray
    doc_sentiment: list[float]
    doc_phase: list[str | None]
    doc_touchpoints: list[str]


class FusedTagger:
    """Run the tagger's components of ``nlp`` on a batch of Docs at once, writing nothing to them.

    Parameters
    ----------
    nlp : Language
        A pipeline whose ``pipe_names`` are :data:`FUSED_PIPE_NAMES` (see :meth:`supports`).
    """

    def __init__(self, nlp: Language) -> None:
        if not self.supports(nlp):
            raise ValueError(f"the fused path needs the components {FUSED_PIPE_NAMES}, not {nlp.pipe_names}")
        self.sentencizer = nlp.get_pipe("journey_sentencizer")
        self.cues = nlp.get_pipe("journey_cues")
        self.lexicon = nlp.get_pipe("journey_lexicon")
        self.negation = nlp.get_pipe("journey_negation")
        self.phase = nlp.get_pipe("journey_phase")
        self.procs = (self.sentencizer, self.cues, self.lexicon, self.negation, self.phase)
        self.tokenizer = nlp.tokenizer
        self._shared: tuple[tuple, SharedWords] | None = None
        self._word_tokenizer: WordTokenizer | None = None
        self._rule_table: tuple[list, np.ndarray] | None = None
        if not self.cues._loaded:
            self.cues.initialize()
        self._words()  # the shared word table, built with the pipeline (as its other tables are)

    def _words(self) -> SharedWords:
        """One word look-up for the cue trie, the negation classes and the phase trie."""
        members = (self.cues.trie.words, self.lexicon.lexicon, self.lexicon.flags, self.negation.flags,
                   self.phase.trie.words)
        if self._shared is None or any(a is not b for a, b in zip(self._shared[0], members, strict=True)):
            self._shared = (members, SharedWords(members))
        return self._shared[1]

    def _rule_ids(self, table: list[tuple[str, str]]) -> np.ndarray:
        """The rule ids of the rule table as an object array (a table only grows: kept per table and length)."""
        kept = self._rule_table
        if kept is None or kept[0] is not table or len(kept[1]) != len(table):
            kept = self._rule_table = (table, np.array([rid for _, rid in table], dtype=object))
        return kept[1]

    @classmethod
    def of(cls, nlp: Language) -> FusedTagger:
        """The fused tagger of ``nlp``, built once per pipeline (its tables are kept)."""
        procs = tuple(nlp.get_pipe(name) for name in FUSED_PIPE_NAMES)
        tagger = getattr(procs[0], "_fused", None)  # kept on the pipeline's first component
        if tagger is None or tagger.procs != procs or tagger.tokenizer is not nlp.tokenizer:
            tagger = cls(nlp)
            procs[0]._fused = tagger
        return tagger

    @staticmethod
    def supports(nlp: Language) -> bool:
        """Whether ``nlp`` is exactly the tagger's blank pipeline (nothing else to run)."""
        return nlp.pipe_names == FUSED_PIPE_NAMES

    def prior(self, contexts: Sequence[dict | None]) -> np.ndarray | None:
        """Per text, the context prior over the phases (None when no text has one)."""
        rows = [(k, c) for k, c in enumerate(contexts) if c]
        if not rows:
            return None
        out = np.zeros((len(contexts), len(self.phase.ids)))
        for k, context in rows:
            out[k] = self.phase.prior(context)
        return out

    @property
    def needs_docs(self) -> bool:
        """Whether a component reads the Docs themselves (sentence marks by ORTH, lemma patterns,
        patterns for spaCy's ``Matcher``); otherwise :meth:`tag` takes token arrays only."""
        if not self.cues._loaded:
            self.cues.initialize()
        return not self.sentencizer.by_lower or self.cues.trie.uses_lemma or bool(self.cues._n_matcher)

    def tokenize(self, texts: Sequence[str]) -> TokenBatch:
        """The token arrays of ``texts``, exactly as ``nlp.make_doc`` tokenizes them.

        Composed from spaCy's tokenization of each distinct word, kept between batches
        (:class:`~workbench.nlp.words.WordTokenizer`): no Doc is made for a text whose words
        are separated by single spaces, the rest go through spaCy's tokenizer one by one. A
        custom tokenizer (one without spaCy's rules and affix settings, e.g. a whitespace
        tokenizer put on ``nlp.tokenizer``) tokenizes every text itself.
        """
        if not WordTokenizer.supports(self.tokenizer):
            rows, lens = tokenize_each(self.tokenizer, texts)
        else:
            if self._word_tokenizer is None or self._word_tokenizer.tokenizer is not self.tokenizer:
                self._word_tokenizer = WordTokenizer(self.tokenizer)
            rows, lens = self._word_tokenizer(texts)
        return TokenBatch.from_arrays(rows, lens, [len(t) for t in texts])

    def tag(self, docs: list[Doc] | TokenBatch, texts: Sequence[str], interviewer: np.ndarray,
            prior: np.ndarray | None = None, strict: np.ndarray | None = None) -> BatchTags:
        """Tag a batch of Docs (tokenized ``texts``), or the token arrays of :meth:`tokenize`.

        Parameters
        ----------
        docs : list of Doc or TokenBatch
            The tokenized texts (as ``nlp.make_doc`` gives them), or their :meth:`tokenize`
            arrays (when not :attr:`needs_docs`).
        texts : sequence of str
            Their texts (for the span texts).
        interviewer : ndarray of bool
            Per Doc: the text is the interviewer's (touchpoints and phases only).
        prior : ndarray, optional
            Per Doc and phase: the context prior (:meth:`prior`).
        strict : ndarray of bool, optional
            Per Doc: placed in a phase on clear evidence only (an open answer to a question
            without a phase; see :class:`~workbench.nlp.phase.JourneyPhase`).
        """
        if isinstance(docs, TokenBatch):
            batch, docs = docs, []
        else:
            batch = TokenBatch(docs, [len(text) for text in texts])
        if not self.cues._loaded:
            self.cues.initialize()
        self._words().fill(batch)
        self.sentencizer.find_sentences(batch, docs, texts)
        starts, ends, rules = self.cues.find_batch(batch, docs)
        starts, ends, rules = self.lexicon.merge(batch, starts, ends, rules, self.cues.rules)
        d, s, e, tag, value, rule, score, table, ev_doc, ev_sign, ev_score, ev_weight, evidence = \
            self.negation.resolve_batch(batch, interviewer, starts, ends, rules, self.cues.rules)
        touch = self.phase.touch_evidence(batch, s, tag, value, e)
        sent_phase, doc_phase, _ = self.phase.score_batch(batch, prior, touch, strict, interviewer)
        ids = np.array([*self.phase.ids, None], dtype=object)
        n = len(texts)
        # per tag
        k = batch.sentence_of(s)
        sent_first, sent_last = batch.char_span(batch.sent_starts[k], batch.sent_ends[k])
        start_char, end_char = batch.char_span(s, e)
        columns = {
            "sent_start": sent_first,
            "sent_end": sent_last,
            "start_char": start_char,
            "end_char": end_char,
            "text": [texts[i][x:y] for i, x, y in zip(d.tolist(), start_char.tolist(), end_char.tolist(), strict=True)],
            "label": pd.Categorical.from_codes(_LABEL_CODES[tag], dtype=_LABEL_TYPE),
            "value": value,  # object arrays (pandas makes a string column of one faster than of a list)
            "phase": ids[sent_phase[k]],
            "score": score,  # Python floats already (resolve_batch rounds and lists them)
            "rule_id": self._rule_ids(table)[rule],
            "evidence": evidence_texts(evidence, lambda p: _words(batch, texts, p), batch.low),
        }
        # per text
        pain = np.zeros(n, dtype=np.int64)
        pain[d[tag == PAIN]] = 1
        need = np.zeros(n, dtype=np.int64)
        need[d[tag == NEED]] = 1
        touchpoints = [""] * n
        is_touch = tag == TOUCH
        if is_touch.any():  # per text: its distinct touchpoints, sorted (the tags come text by text)
            touch_doc, touch_value = d[is_touch], value[is_touch].tolist()
            bounds = [0, *(np.flatnonzero(np.diff(touch_doc)) + 1).tolist(), len(touch_value)]
            for i, a, b in zip(touch_doc[bounds[:-1]].tolist(), bounds[:-1], bounds[1:], strict=True):
                touchpoints[i] = "; ".join(sorted(set(touch_value[a:b])))
        lens = np.diff(batch.offsets)
        phase = np.where(lens > 0, doc_phase, len(self.phase.ids))
        return BatchTags(
            doc=d,
            columns=columns,
            doc_pain=pain,
            doc_need=need,
            doc_sentiment=sentiments(n, ev_doc, ev_sign, ev_score, ev_weight),  # Python floats
            doc_phase=ids[phase].tolist(),
            doc_touchpoints=touchpoints,
        )


def _words(batch: TokenBatch, texts: Sequence[str], pos: np.ndarray) -> list[str]:
    """The texts of the tokens at global positions ``pos``."""
    owner = batch.doc_of(pos).tolist()
    start = batch.idx[pos].tolist()
    stop = (batch.idx[pos] + batch.length[pos]).tolist()
    return [texts[i][a:b] for i, a, b in zip(owner, start, stop, strict=True)]
