"""The ``journey_phase`` component: a journey phase for every sentence and for the Doc."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from ..phases import PhaseModel, load_phase_model
from .batch import TokenBatch, batches, get_ext, ranges, set_ext, shared_batch
from .components import release
from .matching import CueTrie
from .phase_cues import CONTACT_CHANNELS, CompoundCues, SplitCues, TypoCues, _Words, cue_forms, set_aside
from .resolve import TOUCH

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["JourneyPhase", "continuation_words"]

#: weight of a weak cue word (a phase model's ``weak_cues``) against a strong one's ``cue_weight``
WEAK_FACTOR = 0.5
#: how much the context (the question, the turn) and the weak evidence count beside a strong cue:
#: enough to break a tie between strong cues, never enough to outweigh one
TIE_BREAK = 0.25
#: a researcher's one-word verb cue written at least this often (wordfreq Zipf) is a general verb with
#: several senses ('stayed' 4.5, 'left' 5.6, 'bleef' 4.9; the more frequent a word, the more meanings it
#: has), not a domain word ('verify' 3.9, 'blocked' 4.3, 'opgezegd' 3.5)
GENERAL_VERB_ZIPF = 4.5
#: how much a question's phase counts beside a sentence's own strong cue (a share of ``cue_weight``):
#: with a touchpoint of its phase it outweighs the cue, alone it never does — a declared phase
#: (``KNOWN_PHASE_WEIGHT``) included
QUESTION_BESIDE_CUE = 0.5


@lru_cache(maxsize=4)
def continuation_words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words that may lead a sentence, and the markers that make it go on with the story of
    the sentence before it (``data/continuation.toml``)."""
    data = tomllib.loads((resources.files("workbench") / "data" / "continuation.toml").read_text(encoding="utf-8"))
    table = data.get(lang, {})
    return frozenset(table.get("lead", ())), frozenset(table.get("markers", ()))


@Language.factory(
    "journey_phase",
    default_config={
        "phase_model": "klassiek-5",
        "spans_key": "journey",
        "cue_weight": 1.0,
        "touchpoint_weight": 0.8,
    },
)
def make_journey_phase(nlp: Language, name: str, phase_model: str, spans_key: str, cue_weight: float,
                       touchpoint_weight: float) -> JourneyPhase:
    return JourneyPhase(nlp, name, phase_model=phase_model, spans_key=spans_key, cue_weight=cue_weight,
                        touchpoint_weight=touchpoint_weight)


def _only(score: np.ndarray) -> np.ndarray:
    """Per row the phase with the highest score when it is the only one (else none: ``n``)."""
    top = score.max(axis=1, keepdims=True)
    single = (np.isclose(score, top) & (top > 0)).sum(axis=1) == 1
    return np.where(single, score.argmax(axis=1), score.shape[1])


class JourneyPhase:
    """Give every sentence and the Doc a journey phase.

    A sentence is placed by the first of these that names a phase:

    1. its own strong cue words (``cue_weight`` each, the phase model's ``cues``), with the
       touchpoints it names and the question's prior beside them: the phase these name most
       (the rest of the turn and weak cue words only break ties);
    2. otherwise, when it goes on with the story of the sentence before it ("Daarna hoorde ik
       drie weken niks", "Die heb ik gestuurd", see :func:`continuation_words`), that
       sentence's phase — or none, when that one has none;
    3. otherwise its question: ``doc._.journey_context`` (prior weights per phase from the
       interviewer's question or a question's declared phase);
    4. otherwise the touchpoints it names (``touchpoint_weight``, shared by the phases listing
       that touchpoint: a channel is used in every phase, so it does not beat the question);
    5. otherwise the strong cues of the other sentences of its text (the turn, the answer);
    6. otherwise its weak cue words (``weak_cues``: "zag", "hoorde", "again" — words that as
       often mean something else — half a cue each).

    A strong cue the sentence is not about (denied by the speaker, counterfactual, intended,
    avoided, someone else's, listed among criteria: :func:`~workbench.nlp.phase_cues.set_aside`)
    counts as a weak one. A *channel cue* — a strong cue that is a contact touchpoint
    (:data:`~workbench.nlp.phase_cues.CONTACT_CHANNELS`: "gebeld", "called") — counts as strong
    only in a text that names no other matter and answers no question; elsewhere it places its
    sentence after the question and the turn's matter ("Ik heb twee keer gebeld" in the story of a
    stuck authorisation) and only breaks ties beside a strong cue.

    With none of these a sentence has no phase (``None``): an unknown phase is better than a
    false one. The Doc's phase is the most evidenced phase over its sentences, strong cues and
    context first, weak evidence only when there is nothing else. Ties go to the earlier phase.

    A *strict* Doc (``doc._.journey_strict``: an open answer to a survey question without a
    phase, "Wat zou je verbeteren?") is placed only on clear evidence: its weak cue words
    place nothing, and a tie between phases leaves the sentence (and the Doc) without a phase —
    a general question's answer has no interview around it to settle what its words leave open.
    """

    def __init__(self, nlp: Language, name: str = "journey_phase", *, phase_model: str | PhaseModel = "klassiek-5",
                 spans_key: str = "journey", cue_weight: float = 1.0, touchpoint_weight: float = 0.8) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.lang = nlp.lang
        self.tokenizer = nlp.tokenizer
        self.spans_key = spans_key
        self.cue_weight = cue_weight
        self.touchpoint_weight = touchpoint_weight
        self.set_phase_model(phase_model)

    def set_phase_model(self, phase_model: str | dict | PhaseModel) -> None:
        """Use another phase model (shipped id, TOML path, mapping or :class:`PhaseModel`)."""
        model = load_phase_model(phase_model)
        self.model = model
        self.ids = model.ids
        self.trie = CueTrie()
        n = len(model.phases)
        single: dict[str, list[int]] = {}
        pairs: dict[tuple[str, str], list[int]] = {}
        add = self.vocab.strings.add
        # rule i: a strong cue of phase i; n + i: a weak one; 2n + i: a strong one that needs its sense context
        for i, phase in enumerate(model.phases):
            for rule, cues in ((i, phase.cues), (n + i, phase.weak_cues)):
                split = [[t.lower_ for t in self.tokenizer(cue.lower())] for cue in cues.get(self.lang, ())]
                for toks in split:
                    if not toks:
                        continue
                    # a strong cue matches its inflected forms too ('machtigingen', 'claims')
                    seq = tuple(("L", frozenset(add(f) for f in (cue_forms(t, self.lang) if rule < n else {t})))
                                for t in toks)
                    sensed = rule == i and self._ambiguous(toks, model)
                    self.trie.add([seq], 2 * n + i if sensed else rule)
                    if rule < n and len(toks) == 1 and not sensed:
                        single.setdefault(toks[0], []).append(rule)
                    if rule < n and len(toks) == 2:
                        pairs.setdefault((toks[0], toks[1]), []).append(2 * n + i if sensed else rule)
        self.compounds = CompoundCues(self.lang, single)
        self.typos = TypoCues(self.lang, single)
        self._compound_hits: dict[int, tuple[int, ...]] = {}
        self._context = _Words(self.lang, self.vocab.strings)
        self.split = SplitCues(self.lang, self.vocab.strings, pairs)
        self._clause_end = np.union1d(self._context.boundary, self._context.comma)
        lead, markers = continuation_words(self.lang)
        strings = self.vocab.strings
        self._lead = np.array(sorted(strings.add(w) for w in lead), dtype=np.uint64)
        self._markers = np.array(sorted(strings.add(w) for w in markers), dtype=np.uint64)
        self._lists = None
        self.touchpoint_phases: dict[str, list[int]] = {}
        for i, phase in enumerate(model.phases):
            for tp in phase.touchpoints:
                self.touchpoint_phases.setdefault(tp, []).append(i)

    def _ambiguous(self, words: list[str], model: PhaseModel) -> bool:
        """A researcher's own one-word cue that is a general verb — it can be a verb, is no noun first,
        and is written often (``GENERAL_VERB_ZIPF``: 'stayed', 'left', 'bleef') — has other senses
        ('stayed at a hotel'), so it counts as a strong cue only beside its sense context (see
        :meth:`score_batch`). The shipped models' cues are vetted."""
        if model.curated or len(words) != 1:
            return False
        from wordfreq import zipf_frequency

        from .wordclass import can_be_verb, mostly_noun

        word = words[0]
        return word.isalpha() and can_be_verb(word, self.lang) and not mostly_noun(word, self.lang) \
            and zipf_frequency(word, self.lang) >= GENERAL_VERB_ZIPF

    def prior(self, context: Mapping[str, float] | None) -> np.ndarray:
        """The prior weights of ``doc._.journey_context`` as a vector over the model's phases."""
        vec = np.zeros(len(self.ids))
        for pid, weight in (context or {}).items():
            if pid in self.ids:
                vec[self.ids.index(pid)] += float(weight)
        return vec

    def __call__(self, doc: Doc) -> Doc:
        self.set_phases([doc])
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Process the Docs a batch at a time."""
        for docs in batches(stream, batch_size):
            self.set_phases(docs)
            yield from docs

    def set_phases(self, docs: list[Doc]) -> TokenBatch:
        """Give the sentences and the Docs of a batch their phases."""
        batch = shared_batch(docs) or TokenBatch.from_docs(docs).share()
        prior = None
        strict = np.array([bool(get_ext(doc, "journey_strict")) for doc in docs], dtype=bool)
        for k, doc in enumerate(docs):
            context = get_ext(doc, "journey_context")
            if context:
                if prior is None:
                    prior = np.zeros((len(docs), len(self.ids)))
                prior[k] = self.prior(context)
        touch = self._touchpoints(docs, batch)
        interviewer = np.array([get_ext(doc, "journey_role") == "interviewer" for doc in docs], dtype=bool)
        sent_phase, doc_phase, totals = self.score_batch(batch, prior, touch, strict if strict.any() else None,
                                                         interviewer)
        ids = [*self.ids, None]
        sent_phase = [ids[p] for p in sent_phase.tolist()]
        doc_phase = doc_phase.tolist()
        base = batch.offsets.tolist()
        bounds = batch.sent_offsets.tolist()
        starts, ends = batch.sent_starts, batch.sent_ends
        sent_doc = np.repeat(np.arange(len(docs)), np.diff(batch.sent_offsets))
        first, last = np.zeros(len(starts), dtype=np.int64), np.zeros(len(starts), dtype=np.int64)
        filled = np.flatnonzero(ends > starts)  # an empty Doc has one empty sentence at (0, 0)
        first[filled], last[filled] = batch.char_span(starts[filled], ends[filled])
        first, last = first.tolist(), last.tolist()
        local_s = (starts - batch.offsets[sent_doc]).tolist()
        local_e = (ends - batch.offsets[sent_doc]).tolist()
        has_total = (totals > 0).any(axis=1).tolist()
        for k, doc in enumerate(docs):
            lo, hi = bounds[k], bounds[k + 1]
            sents = list(zip(local_s[lo:hi], local_e[lo:hi], first[lo:hi], last[lo:hi], sent_phase[lo:hi], strict=True))
            if has_total[k]:
                set_ext(doc, "journey_phase_scores",
                        {p: float(v) for p, v in zip(self.ids, totals[k].tolist(), strict=True) if v > 0})
            else:
                set_ext(doc, "journey_phase_scores", {})
            set_ext(doc, "journey_phase", ids[doc_phase[k]] if base[k + 1] > base[k] else None)
            set_ext(doc, "journey_sents", sents)
            release(doc)
        return batch

    def score_batch(self, batch: TokenBatch, prior: np.ndarray | None,
                    touch: tuple[np.ndarray, ...],
                    strict: np.ndarray | None = None,
                    interviewer: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Phases of the sentences and Docs of a batch, as phase numbers (``len(ids)``: none).

        ``prior`` holds the context weights per Doc and phase (or None); ``touch`` the
        ``(sentence, phase, weight[, positions])`` of the touchpoint evidence (``positions``: the
        tokens the touchpoints cover); ``strict`` per Doc whether it is placed on clear evidence
        only; ``interviewer`` per Doc whether it is a question (its cues all count: "Ben je niet
        overgestapt?" asks about switching). Also returns the Docs' totals per phase (strong cues
        and touchpoints, without weak words and prior). See the class doc.
        """
        n_docs = len(batch.offsets) - 1
        n_phases = len(self.ids)
        n_sents = len(batch.sent_starts)
        none = n_phases
        if not n_phases:
            return np.full(n_sents, none), np.full(n_docs, none), np.zeros((n_docs, 0))
        starts, _, rules = self.trie.find_batch(batch.low, batch.limit, index=batch.word_index(self.trie.words))
        starts, rules = self._with_compounds(batch, starts, rules)
        if len(starts):  # a word counts once per phase ('recommend' and 'recommended' both match 'recommended')
            pairs = np.unique(np.stack([starts.astype(np.int64), rules.astype(np.int64)]), axis=1)
            starts, rules = pairs[0], pairs[1]
        sensed = rules >= 2 * n_phases  # a one-word verb cue of a researcher's own list
        weak_hit = (rules >= n_phases) & ~sensed
        plain = rules < n_phases
        sent_of = batch.sentence_of(starts)
        size = n_sents * n_phases
        # a cue the sentence is not about ('ik ga niet overstappen', 'mijn buurvrouw is overgestapt')
        # is weak evidence; a channel cue ('gebeld', 'telefoon': a cue that is also a touchpoint)
        # places a sentence only when no matter of another phase does (see the class doc)
        aside = np.zeros(len(starts), dtype=bool)
        own_rule = np.where(sensed, rules - 2 * n_phases, rules)  # the phase of a strong cue, sensed or not
        if len(touch) > 3 and sensed.any():  # a channel verb ('called') is judged as a channel, not by its sense
            channel_verb = sensed & np.isin(starts, touch[3])
            plain, sensed = plain | channel_verb, sensed & ~channel_verb
        strongish = plain | sensed
        if strongish.any():
            aside[strongish] = set_aside(batch, starts[strongish], self._context, sent_of[strongish],
                                         own_rule[strongish], batch.others)
            if interviewer is not None and interviewer.any():
                aside &= ~interviewer[batch.doc_of(starts)]
        sent, phase, weight = touch[:3]
        own = plain & ~aside
        channel_hit = own & np.isin(starts, touch[3]) if len(touch) > 3 else np.zeros_like(aside)
        if channel_hit.any():  # in a text that names no other matter and answers no question, the channel is it
            hit_doc = batch.doc_of(starts)
            named = np.zeros(n_docs, dtype=bool)
            named[hit_doc[own & ~channel_hit]] = True
            if prior is not None:
                named |= prior.max(axis=1) > 0
            channel_hit &= named[hit_doc]
        matter = own & ~channel_hit

        def count(mask: np.ndarray, shift: int = 0) -> np.ndarray:
            return np.bincount(sent_of[mask] * n_phases + own_rule[mask] - shift, minlength=size
                               ).reshape(n_sents, n_phases)
        strong = count(matter) * float(self.cue_weight)
        channel = count(channel_hit) * float(self.cue_weight)
        words = (count(weak_hit, n_phases) + count(aside)) * (WEAK_FACTOR * float(self.cue_weight))
        sensed &= ~aside  # a sensed cue set aside is weak evidence like any other
        touched = np.bincount(sent * n_phases + phase, weights=weight, minlength=size).reshape(n_sents, n_phases)
        sent_doc = np.repeat(np.arange(n_docs), np.diff(batch.sent_offsets))
        ctx_doc = np.zeros((n_docs, n_phases)) if prior is None else prior.astype(float)
        demoted = np.zeros((n_sents, n_phases))
        if sensed.any():
            # ... in its sense when its sentence names the phase otherwise too (another cue, a touchpoint of
            # the phase) or its question asks about the phase ('stayed' after 'Did you think of leaving?');
            # otherwise a weak cue ('We stayed at a hotel …' is no staying a customer)
            at, ph = sent_of[sensed], rules[sensed] - 2 * n_phases
            sense = (strong[at, ph] > 0) | (words[at, ph] > 0) | (touched[at, ph] > 0) | (ctx_doc[sent_doc[at], ph] > 0)
            strong += np.bincount(at[sense] * n_phases + ph[sense], minlength=size
                                  ).reshape(n_sents, n_phases) * float(self.cue_weight)
            demoted = np.bincount(at[~sense] * n_phases + ph[~sense], minlength=size
                                  ).reshape(n_sents, n_phases) * (WEAK_FACTOR * float(self.cue_weight))
            words += demoted
        weak = words + touched
        cell = (sent_doc[:, None] * n_phases + np.arange(n_phases)[None, :]).ravel()

        def per_doc(x: np.ndarray) -> np.ndarray:
            return np.bincount(cell, weights=x.ravel(), minlength=n_docs * n_phases).reshape(n_docs, n_phases)

        strong_doc = per_doc(strong)
        channel_doc = per_doc(channel)
        no_matter = (strong_doc.max(axis=1) == 0)[:, None]
        # what the Doc names (its scores, a question's prior): weak words left out ("Wat had je
        # graag anders gezien?" is about no phase); its channel cues when it names no other matter
        # (a demoted cue still tells what a question asks about: 'Did you think about leaving?')
        totals = strong_doc + per_doc(touched) + channel_doc * no_matter + per_doc(demoted)
        # the turn: the strong cues of the text's other sentences, as much as a question says
        turn = strong_doc[sent_doc] - strong
        tsum = turn.sum(axis=1, keepdims=True)
        turn = np.divide(turn, tsum, out=np.zeros_like(turn), where=tsum > 0) * 0.5

        def pick(score: np.ndarray) -> np.ndarray:
            return np.where(score.max(axis=1) > 0, score.argmax(axis=1), none)

        has_strong = strong.max(axis=1) > 0
        question = ctx_doc[sent_doc]
        asked = question.max(axis=1) > 0
        # a channel cue yields to the question and to the matter of the turn ('Ik heb twee keer
        # gebeld' in the story of a stuck authorisation), and places the sentence when neither names one
        has_channel = channel.max(axis=1) > 0
        by_turn = has_channel & (turn.max(axis=1) > 0)
        # beside a strong cue the touchpoints and the question count (a sister who 'had er al eens
        # besteld' is word of mouth), the question at most half a cue: a question alone never outweighs
        # the sentence's own cue ('charged after I cancelled' answering a delivery question is billing);
        # the rest of the turn and weak words break ties
        beside = np.minimum(question, QUESTION_BESIDE_CUE * float(self.cue_weight))
        sent_phase = np.where(has_strong, pick(strong + touched + beside + TIE_BREAK * (turn + words + channel)),
                              np.where(asked, pick(question + TIE_BREAK * (turn + weak + channel)),
                                       np.where(by_turn, pick(turn + TIE_BREAK * (channel + weak)),
                                                np.where(has_channel, pick(channel + touched + TIE_BREAK * words),
                                                         np.where(touched.max(axis=1) > 0,
                                                                  pick(touched + TIE_BREAK * (turn + words)),
                                                                  pick(turn + TIE_BREAK * words))))))
        if strict is not None and strict.any():  # clear evidence only: no weak words, none on a tie,
            # and each sentence on its own: the other sentences of an answer only break ties ("Het opzeggen
            # ging vlot. De rest viel tegen." — the rest is not the cancelling)
            clear = np.where(has_strong, _only(strong + touched + beside + TIE_BREAK * (turn + channel)),
                             np.where(asked, _only(question + TIE_BREAK * (turn + touched + channel)),
                                      np.where(by_turn, _only(turn + TIE_BREAK * channel),
                                               np.where(has_channel, _only(channel + touched),
                                                        np.where(touched.max(axis=1) > 0,
                                                                 _only(touched + TIE_BREAK * turn), none)))))
            sent_phase = np.where(strict[sent_doc], clear, sent_phase)
        # a sentence that goes on with the story takes the phase of the one before it (unless its
        # own strong cues say otherwise); chains follow back to the first sentence that does not
        # (its weak cues are not its own phase: "daarna hoorde ik niks" is no awareness), and
        # has none when that one has none
        follows = self._continues(batch) & ~has_strong
        follows[batch.sent_offsets[:-1][np.diff(batch.sent_offsets) > 0]] = False  # a text's first sentence
        if follows.any():
            anchor = np.where(follows, 0, np.arange(n_sents))
            np.maximum.accumulate(anchor, out=anchor)
            sent_phase = np.where(follows, sent_phase[anchor], sent_phase)
        overall = strong_doc + ctx_doc + TIE_BREAK * per_doc(touched * has_strong[:, None])
        doc_phase = np.where(overall.max(axis=1) > 0, overall.argmax(axis=1), pick(per_doc(weak * ~follows[:, None])))
        if strict is not None and strict.any():
            doc_phase = np.where(strict, np.where(overall.max(axis=1) > 0, _only(overall),
                                                  _only(per_doc(touched * ~follows[:, None]))), doc_phase)
        return sent_phase, doc_phase, totals

    def _with_compounds(self, batch: TokenBatch, starts: np.ndarray, rules: np.ndarray
                        ) -> tuple[np.ndarray, np.ndarray]:
        """The trie's hits plus the Dutch compounds of single-word cues ('rolstoelmachtiging'), the
        cues typed wrong ('cancellnig', :class:`~workbench.nlp.phase_cues.TypoCues`) and a verb's
        cue split from its particle ('viel de verbinding weg', :class:`~workbench.nlp.phase_cues.SplitCues`)."""
        if self.split.on and len(batch.low):
            at, found = self.split.hits(batch, self._clause_end)
            if len(at):
                starts = np.concatenate([starts, at.astype(starts.dtype)])
                rules = np.concatenate([rules, found.astype(rules.dtype)])
        if not (self.compounds.on or self.typos.on) or not len(batch.low):
            return starts, rules
        uniq, inverse = np.unique(batch.low, return_inverse=True)
        hits, strings, seen = [], self.vocab.strings, self._compound_hits
        for j, h in enumerate(uniq.tolist()):
            found = seen.get(h)
            if found is None:
                try:
                    word = strings[h]
                except KeyError:
                    word = None
                found = () if word is None else (self.compounds.on and self.compounds.rules(word)) or \
                    (self.typos.on and self.typos.rules(word)) or ()
                seen[h] = found
            if found:
                hits.append((j, found))
        if not hits:
            return starts, rules
        extra_s, extra_r = [], []
        for j, found in hits:
            pos = np.flatnonzero(inverse == j)
            for rule in found:
                extra_s.append(pos)
                extra_r.append(np.full(len(pos), rule, dtype=rules.dtype))
        return np.concatenate([starts, *extra_s]), np.concatenate([rules, *extra_r])

    def _continues(self, batch: TokenBatch) -> np.ndarray:
        """Per sentence: whether it opens with a continuation marker (after lead words)."""
        starts, ends = batch.sent_starts, batch.sent_ends
        out = np.zeros(len(starts), dtype=bool)
        if not len(self._markers):
            return out
        led = np.ones(len(starts), dtype=bool)  # every word so far was a lead word
        for k in range(3):
            at = starts + k
            valid = at < ends
            words = batch.low[np.where(valid, at, 0)] if len(batch.low) else np.zeros(len(starts), dtype=np.uint64)
            out |= led & valid & np.isin(words, self._markers)
            led &= valid & np.isin(words, self._lead)
        return out

    def touch_evidence(self, batch: TokenBatch, start: np.ndarray, tag: np.ndarray, value: np.ndarray,
                       end: np.ndarray | None = None) -> tuple[np.ndarray, ...]:
        """Sentence, phase and weight of the touchpoint evidence among tags (global ``start``),
        and the token positions the contact channels among them cover (:data:`CONTACT_CHANNELS`;
        their first tokens without ``end``)."""
        touch = np.flatnonzero(tag == TOUCH)
        if not len(touch):
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0), empty
        lookup = self._phase_lists()
        which = np.array([lookup[0].get(v, 0) for v in value[touch].tolist()], dtype=np.int64)
        owner, k = ranges(lookup[1][which], lookup[1][which + 1])
        contact = touch[np.isin(value[touch], list(CONTACT_CHANNELS))]
        covered = start[contact] if end is None else ranges(start[contact], end[contact])[1]
        return batch.sentence_of(start[touch])[owner], lookup[2][k], lookup[3][k], covered

    def _phase_lists(self):
        """Touchpoint id -> row; per row the range of its (phase, weight) entries."""
        if self._lists is None:
            ids = {tp: k + 1 for k, tp in enumerate(self.touchpoint_phases)}  # row 0: no phases
            ptr, phases, weights = [0, 0], [], []
            for tp in self.touchpoint_phases:
                listed = self.touchpoint_phases[tp]
                phases.extend(listed)
                weights.extend([self.touchpoint_weight / len(listed)] * len(listed))
                ptr.append(len(phases))
            self._lists = (ids, np.array(ptr, dtype=np.int64), np.array(phases, dtype=np.int64),
                           np.array(weights, dtype=float))
        return self._lists

    def _touchpoints(self, docs: list[Doc], batch: TokenBatch) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Sentence, phase and weight of every touchpoint evidence, in span order."""
        if batch.tags is not None and batch.tags[0] == self.spans_key:
            _, _, start, end, tag, value = batch.tags[:6]
            return self.touch_evidence(batch, start, tag, value, end)
        # the span group (or, without one, the rows of journey_negation)
        rows: list[tuple[int, int, float]] = []
        items = []
        covered: list[int] = []
        for doc, base in zip(docs, batch.offsets.tolist(), strict=False):
            group = doc.spans.get(self.spans_key) if self.spans_key else None
            if group is not None:
                found = [(sp.start, sp.end, sp.kb_id_) for sp in group if sp.label_ == "touchpoint"]
            else:
                found = [(row[0], row[1], row[6]) for row in get_ext(doc, "journey_tags") or ()
                         if row[5] == "touchpoint"]
            if found:
                sents = batch.sentence_of(np.array([start + base for start, _, _ in found], dtype=np.int64))
                items.extend(zip(sents.tolist(), [value for _, _, value in found], strict=True))
                covered.extend(p + base for a, b, value in found if value in CONTACT_CHANNELS for p in range(a, b))
        for k, value in items:
            phases = self.touchpoint_phases.get(value)
            if phases:
                w = self.touchpoint_weight / len(phases)
                rows.extend((k, p, w) for p in phases)
        if not rows:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0), np.array(covered, dtype=np.int64)
        arr = np.array(rows)
        return arr[:, 0].astype(np.int64), arr[:, 1].astype(np.int64), arr[:, 2], np.array(covered, dtype=np.int64)
