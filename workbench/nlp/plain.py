"""Negations that are no complaint, for ``journey_negation`` (see :func:`plain_negators`).

A negated statement is a pain point only when what it denies is a quality, a function or an
expectation ('werkt niet', 'kwam niet', 'niet duidelijk', "didn't arrive", 'geen reactie'). A
negator that denies the speaker's own knowing or doing, importance, or nothing at all is
*plain*: its clause is no pain point and it flips no emotion. The word classes come from
``patterns/<lang>/modifiers.json`` (``indifference``, ``cognition``, ``activity`` …).
"""

from __future__ import annotations

import numpy as np

from .batch import TokenBatch
from .lexicon import full_lexicon_for

__all__ = ["plain_negators", "NEAR"]

NEAR = 5  # words on either side of a negator that make up what it negates
WEAK = 0.2  # a lexicon polarity below this names no quality ('uitgebreid' 0.1: how much, not how good)


def plain_negators(batch: TokenBatch, c, bit: dict[str, int], lexicon, ahead_of_time: np.ndarray,
                   aside: np.ndarray | None = None, lang: str = "nl"):
    """``plain(positions)``: per negator position, whether it negates something that is no
    quality, function or expectation, so that its clause is no complaint and it flips no cue:

    - importance, need or hurry, whoever speaks (``indifference``: 'de prijs was niet het
      belangrijkste', 'dan hoef ik niet …', "it doesn't matter");
    - the speaker's own knowing, remembering or saying (``cognition``: 'weet ik niet meer',
      "I can't really say"), unless a ``cognition_block`` word says it was not known then
      ("I didn't know there was a fee");
    - the speaker's own neutral activity or perception (``activity``: 'heb niet vergeleken',
      'had er nooit iets gekocht', "didn't compare"), unless the clause has a ``modal_block``
      word ('kon niet bestellen', "wouldn't buy") or the negator is a ``determiner_negators``
      one ('ik zag geen knop');
    - nothing at all: a clause of only negators, modifiers, answer words, auxiliaries,
      first-person words and punctuation ('Nee, niet echt.', "No, I didn't.");
    - only a degree, in a clause without a subject: the negator, intensifiers and at most one
      word of no or weak polarity up to the clause's end ('Eh, niet heel uitgebreid, …',
      'Niet veel.', 'not much'): an answer about how much, no quality denied.

    Words of an aside (``aside``: per token, inside a ``context:aside`` cue such as 'eerlijk
    gezegd', 'to be honest') are no quality the negator denies.

    ``plain(positions, litotes=True)`` asks instead whether the negator denies a negative or
    belittling word — a lexicon word of negative polarity or another negator within two words
    ('dat is niet niks', 'geen kleine aankoop'): understatement for much or good, so a negated
    statement that is no complaint (the negated emotion itself still flips).

    The speaker's own: the clause has a first-person word, or nothing but modifiers and
    auxiliaries before the negator (no subject: 'Eigenlijk niet vergeleken'). The words are
    judged for every negator of the batch and the positions ``ahead_of_time`` at once.

    ``c`` is the batch's range counter (:mod:`workbench.nlp.counts`) over the word flags whose
    bits are ``bit``; ``lexicon`` the language's :class:`~workbench.nlp.lexicon.Lexicon`."""
    bounds = c.positions("boundaries")
    n_tokens = len(c.flags)
    flags = c.flags
    back, ahead = 2 * NEAR + 2, NEAR + 1

    lexicon_lang = lang
    known = np.zeros(n_tokens, dtype=np.int8)  # per token: 0 not yet, 1 + plain + 2 * own activity + 4 * litotes
    aside = np.zeros(n_tokens, dtype=bool) if aside is None else aside

    def plain(p: np.ndarray, own_activity: bool = False, litotes: bool = False) -> np.ndarray:
        if not len(p):
            return np.zeros(0, dtype=bool)
        p = np.clip(p, 0, max(n_tokens - 1, 0))
        todo = p[known[p] == 0]
        if len(todo):  # every negator and cue start asked about in this batch, judged at once
            todo = np.union1d(todo, np.concatenate([c.positions("negators").pos, ahead_of_time]))
            is_plain, is_own, is_litotes = judge(todo)
            known[todo] = 1 + is_plain.astype(np.int8) + 2 * is_own.astype(np.int8) + 4 * is_litotes.astype(np.int8)
        code = known[p] - 1
        return (code & (4 if litotes else 2 if own_activity else 1)) != 0

    def judge(p: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        k = batch.sentence_of(p)
        ss, se = batch.sent_starts[k], batch.sent_ends[k]
        clause = np.where(p > ss, np.minimum(np.maximum(ss, bounds.last(np.maximum(p - 1, 0)) + 1), p), p)
        hi = np.minimum(bounds.next(p + 1), se)
        lo = np.maximum(clause, p - back)
        # the words around each negator: ``back`` before it to ``ahead`` after it, counted by class
        # with the batch's range counter
        def count(name, a, b):
            """Per negator: the words of class ``name`` in ``[a, b)`` within its window, and how many words that is."""
            a = np.clip(np.maximum(a, p - back), 0, n_tokens)
            b = np.clip(np.minimum(b, p + ahead + 1), a, n_tokens)
            return c(name, a, b), b - a

        def some(name, a, b):
            return count(name, a, b)[0] > 0

        def only(name, a, b):
            found, size = count(name, a, b)
            return found == size

        # the words of the negated predicate lie near the negator ('had er nog nooit iets gekocht')
        near_lo, near_hi = np.maximum(lo, p - NEAR), np.minimum(hi, p + NEAR + 1)
        subjectless = (clause >= p - back) & only("lead", lo, p)
        speaker = (some("first_person", np.maximum(lo, p - 2 * NEAR), near_hi)
                   & ~some("third_person", near_lo, p)) | subjectless
        cognition = some("cognition", near_lo, near_hi) & ~some("cognition_block", lo, hi)
        activity = some("activity", near_lo, near_hi) & ~some("modal_block", lo, hi)
        own = speaker & activity  # a delay word about what the speaker did ('ik ben pas later gaan kijken')
        activity &= (flags[p] & bit["determiner_negators"]) == 0
        # ... unless it denies a quality ('ik dacht dat het niet goed was') or is a superlative
        # ('never seen such …', 'nog nooit zo …')
        quality = some("so", p + 1, np.minimum(p + 4, hi))
        steps = p[:, None] + np.arange(1, 4)[None, :]
        at_steps = np.minimum(steps, n_tokens - 1)
        polar = lexicon.polarity(batch.low[at_steps].ravel()).reshape(steps.shape)
        polar = np.where(aside[at_steps], 0.0, polar)  # 'niet veel vergeleken eerlijk gezegd'
        inside = steps < hi[:, None]
        quality |= ((polar != 0) & inside).any(axis=1)
        indifferent = some("indifference", near_lo, near_hi)
        # an answer that only says no: nothing but such words from the sentence start on
        bare = (ss >= p - back) & only("noncontent", ss, hi) & (hi <= p + ahead + 1)
        # an answer of only a degree: negator, intensifiers, at most one weak word, clause end
        step_flags = flags[at_steps]
        degree_words = ((step_flags & bit["intensifiers"]) != 0) & inside
        rest = inside & ~degree_words
        # the one word left says how, not what: a weak lexicon word or an activity ('hulp' is no degree)
        full = full_lexicon_for(lexicon_lang).polarity(batch.low[at_steps].ravel()).reshape(steps.shape)
        manner = ((np.abs(full) > 0) & (np.abs(full) < WEAK)) | ((step_flags & bit["activity"]) != 0)
        degree = subjectless & degree_words[:, 0] & (rest.sum(axis=1) <= 1) & (hi <= p + 4) \
            & ~((np.abs(polar) >= WEAK) & inside).any(axis=1) & (manner | ~rest).all(axis=1)
        # understatement: a negator denying a negative word or another negator ('niet niks')
        near2 = steps[:, :2] < hi[:, None]
        litotes = (((full[:, :2] < 0) | ((step_flags[:, :2] & bit["negators"]) != 0)) & near2).any(axis=1)
        before = np.maximum(p - 1, 0)  # 'niks' of 'niet niks'
        litotes |= (p > clause) & ((flags[before] & bit["negators"]) != 0)
        return indifferent | bare | degree | (speaker & (cognition | activity) & ~quality), own, litotes

    return plain
