"""The ``journey_phase`` component: a journey phase for every sentence and for the Doc."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from ..phases import PhaseModel, load_phase_model
from .components import lower_hashes, release, sentence_bounds
from .matching import CueTrie

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
        bounds = sentence_bounds(doc)
        starts = [b[0] for b in bounds]
        n_phases = len(self.ids)
        own = [[0.0] * n_phases for _ in bounds]
        for start, _, phase in self.trie.find(lower_hashes(doc)):
            own[bisect_right(starts, start) - 1][phase] += self.cue_weight
        for span in doc.spans.get(self.spans_key, ()):
            if span.label_ == "touchpoint":
                phases = self.touchpoint_phases.get(span.kb_id_)
                if phases:
                    row = own[bisect_right(starts, span.start) - 1]
                    for p in phases:
                        row[p] += self.touchpoint_weight / len(phases)
        context = doc._.journey_context
        prior = self.prior(context).tolist() if context else [0.0] * n_phases
        sents = []
        totals = [0.0] * n_phases
        for (start, end), row in zip(bounds, own, strict=True):
            scores = [a + b for a, b in zip(row, prior, strict=True)]
            best = max(scores) if scores else 0.0
            phase = self.ids[scores.index(best)] if best > 0 else None
            if end > start:
                last = doc[end - 1]
                sents.append((start, end, doc[start].idx, last.idx + len(last), phase))
            else:
                sents.append((start, end, 0, 0, phase))
            totals = [a + b for a, b in zip(totals, row, strict=True)]
        doc._.journey_phase_scores = {p: float(v) for p, v in zip(self.ids, totals, strict=True) if v > 0}
        overall = [a + b for a, b in zip(totals, prior, strict=True)]
        best = max(overall) if overall else 0.0
        doc._.journey_phase = self.ids[overall.index(best)] if len(doc) and best > 0 else None
        doc._.journey_sents = sents
        release(doc)
        return doc
