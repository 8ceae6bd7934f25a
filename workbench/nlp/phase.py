"""The ``journey_phase`` component: a journey phase for every sentence and for the Doc."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from ..phases import PhaseModel, load_phase_model
from .batch import TokenBatch, batches, get_ext, ranges, set_ext, shared_batch
from .components import release
from .matching import CueTrie
from .resolve import TOUCH

__all__ = ["JourneyPhase"]


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


class JourneyPhase:
    """Give every sentence and the Doc a journey phase.

    A sentence's evidence is its own phase cue words (``cue_weight`` each, from the phase
    model's ``cues``) plus the touchpoints it names (``touchpoint_weight``, shared by the
    phases listing that touchpoint), plus ``doc._.journey_context`` (prior weights per phase).
    The Doc's phase is the most evidenced phase over its sentences (with the context once);
    with no evidence at all it is ``None``. Ties go to the earlier phase of the model.
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
        for i, phase in enumerate(model.phases):
            seqs = [tuple(("L", frozenset({t.lower})) for t in self.tokenizer(cue.lower()))
                    for cue in phase.cues.get(self.lang, ())]
            self.trie.add([s for s in seqs if s], i)
        self._lists = None
        self.touchpoint_phases: dict[str, list[int]] = {}
        for i, phase in enumerate(model.phases):
            for tp in phase.touchpoints:
                self.touchpoint_phases.setdefault(tp, []).append(i)

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
        for k, doc in enumerate(docs):
            context = get_ext(doc, "journey_context")
            if context:
                if prior is None:
                    prior = np.zeros((len(docs), len(self.ids)))
                prior[k] = self.prior(context)
        touch = self._touchpoints(docs, batch)
        sent_phase, doc_phase, totals = self.score_batch(batch, prior, touch)
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
                    touch: tuple[np.ndarray, np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Phases of the sentences and Docs of a batch, as phase numbers (``len(ids)``: none).

        ``prior`` holds the context weights per Doc and phase (or None); ``touch`` the
        ``(sentence, phase, weight)`` of the touchpoint evidence. Also returns the Docs' totals
        per phase (without the prior).
        """
        n_docs = len(batch.offsets) - 1
        n_phases = len(self.ids)
        n_sents = len(batch.sent_starts)
        starts, _, phases = self.trie.find_batch(batch.low, batch.limit, index=batch.word_index(self.trie.words))
        sent, phase, weight = touch
        # summed in order, cue words then touchpoints (bincount adds one by one, as the rules did)
        cell = np.concatenate([batch.sentence_of(starts) * n_phases + phases, sent * n_phases + phase])
        own = np.bincount(cell, weights=np.concatenate([np.full(len(starts), float(self.cue_weight)), weight]),
                          minlength=n_sents * n_phases).reshape(n_sents, n_phases)
        sent_doc = np.repeat(np.arange(n_docs), np.diff(batch.sent_offsets))
        cell = (sent_doc[:, None] * n_phases + np.arange(n_phases)[None, :]).ravel()
        totals = np.bincount(cell, weights=own.ravel(), minlength=n_docs * n_phases).reshape(n_docs, n_phases)
        if prior is not None:
            scores = own + prior[sent_doc]
            overall = totals + prior
        else:
            scores, overall = own, totals
        none = n_phases
        if n_phases:
            sent_phase = np.where(scores.max(axis=1) > 0, scores.argmax(axis=1), none)
            doc_phase = np.where(overall.max(axis=1) > 0, overall.argmax(axis=1), none)
        else:
            sent_phase = np.full(n_sents, none)
            doc_phase = np.full(n_docs, none)
        return sent_phase, doc_phase, totals

    def touch_evidence(self, batch: TokenBatch, start: np.ndarray, tag: np.ndarray, value: np.ndarray
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Sentence, phase and weight of the touchpoint evidence among tags (global ``start``)."""
        touch = np.flatnonzero(tag == TOUCH)
        if not len(touch):
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0)
        lookup = self._phase_lists()
        which = np.array([lookup[0].get(v, 0) for v in value[touch].tolist()], dtype=np.int64)
        owner, k = ranges(lookup[1][which], lookup[1][which + 1])
        return batch.sentence_of(start[touch])[owner], lookup[2][k], lookup[3][k]

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
            _, _, start, _, tag, value = batch.tags[:6]
            return self.touch_evidence(batch, start, tag, value)
        # the span group (or, without one, the rows of journey_negation)
        rows: list[tuple[int, int, float]] = []
        items = []
        for doc, base in zip(docs, batch.offsets.tolist(), strict=False):
            group = doc.spans.get(self.spans_key) if self.spans_key else None
            if group is not None:
                found = [(sp.start, sp.kb_id_) for sp in group if sp.label_ == "touchpoint"]
            else:
                found = [(row[0], row[6]) for row in get_ext(doc, "journey_tags") or () if row[5] == "touchpoint"]
            if found:
                sents = batch.sentence_of(np.array([start + base for start, _ in found], dtype=np.int64))
                items.extend(zip(sents.tolist(), [value for _, value in found], strict=True))
        for k, value in items:
            phases = self.touchpoint_phases.get(value)
            if phases:
                w = self.touchpoint_weight / len(phases)
                rows.extend((k, p, w) for p in phases)
        if not rows:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0)
        arr = np.array(rows)
        return arr[:, 0].astype(np.int64), arr[:, 1].astype(np.int64), arr[:, 2]
