"""spaCy components of the tagger, registered as factories any spaCy user can add::

    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("journey_cues")        # cue spans from the pattern files -> doc.spans["journey_cues"]
    nlp.add_pipe("journey_negation")    # negation, intensifiers, hypotheticals, roles -> doc.spans["journey"]
    nlp.add_pipe("journey_phase", config={"phase_model": "klassiek-5"})
    nlp.initialize()

Results live on the Doc: ``doc.spans["journey"]`` holds one span per cue with ``label_`` the tag
label, ``kb_id_`` the value (cue class, polarity, touchpoint id) and ``id_`` the rule id; the
scores are in ``doc.spans["journey"].attrs["scores"]`` (same order). ``doc._.journey_phase`` is
the document's phase, ``doc._.journey_sents`` a list of ``(start, end, start_char, end_char,
phase)`` per sentence. Before running the pipeline a caller may set ``doc._.journey_role``
(``'interviewer'`` texts get touchpoints and phases only) and ``doc._.journey_context`` (a
mapping phase id -> prior weight, e.g. from the interviewer's question).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping

import numpy as np
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span

from ..phases import PhaseModel, load_phase_model
from .resources import load_modifiers, load_patterns, split_label

__all__ = ["JourneyCues", "JourneyNegation", "JourneyPhase", "cue_spans"]

for _name, _default in (
    ("journey_role", None),
    ("journey_context", None),
    ("journey_phase", None),
    ("journey_phase_scores", None),
    ("journey_sents", None),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def cue_spans(doc: Doc, key: str = "journey") -> list[tuple[Span, float]]:
    """The resolved cue spans of a processed Doc with their scores."""
    group = doc.spans.get(key)
    if group is None:
        return []
    scores = group.attrs.get("scores") or [0.5] * len(group)
    return list(zip(group, scores, strict=True))


@Language.factory(
    "journey_cues",
    default_config={"spans_key": "journey_cues", "extra_patterns": []},
)
def make_journey_cues(nlp: Language, name: str, spans_key: str, extra_patterns: list[str]) -> JourneyCues:
    return JourneyCues(nlp, name, spans_key=spans_key, extra_patterns=extra_patterns)


class JourneyCues(SpanRuler):
    """A ``SpanRuler`` that loads the workbench's cue patterns for ``nlp.lang``.

    Patterns are loaded in :meth:`initialize` (or on first use when the pipeline was not
    initialized); ``extra_patterns`` are paths of more JSONL pattern files.
    """

    def __init__(self, nlp: Language, name: str = "journey_cues", *, spans_key: str = "journey_cues",
                 extra_patterns: Iterable[str] = ()) -> None:
        super().__init__(nlp, name, spans_key=spans_key, phrase_matcher_attr="LOWER", overwrite=True)
        self.lang = nlp.lang
        self.extra_patterns = [str(p) for p in extra_patterns]
        self._loaded = False

    def initialize(self, get_examples=None, *, nlp: Language | None = None, patterns=None,
                   extra_patterns: Iterable[str] | None = None) -> None:
        """Load the shipped patterns of the language plus ``extra_patterns`` (or ``patterns``)."""
        if extra_patterns is not None:
            self.extra_patterns = [str(p) for p in extra_patterns]
        self.clear()
        self.add_patterns(patterns if patterns is not None else load_patterns(self.lang, self.extra_patterns))
        self._loaded = True

    def add_patterns(self, patterns: list[dict]) -> None:
        """Add ruler patterns; phrases are tokenized only (matching is on LOWER) and grouped per rule."""
        phrases: dict[str, list[str]] = {}
        tokens = []
        for entry in patterns:
            if not isinstance(entry.get("pattern"), str):
                tokens.append(entry)
                continue
            label = repr((entry["label"], entry.get("id", "")))
            if label not in phrases:
                key = self.nlp.vocab.strings.as_int(label)
                self._match_label_id_map[key] = {"label": entry["label"], "id": entry.get("id", "")}
                phrases[label] = []
            phrases[label].append(entry["pattern"])
            self._patterns.append(entry)
        if tokens:
            super().add_patterns(tokens)
        make_doc = self.nlp.tokenizer
        for label, texts in phrases.items():
            self.phrase_matcher.add(label, [make_doc(t) for t in texts])

    def from_bytes(self, *args, **kwargs):
        out = super().from_bytes(*args, **kwargs)
        self._loaded = True
        return out

    def from_disk(self, *args, **kwargs):
        out = super().from_disk(*args, **kwargs)
        self._loaded = True
        return out

    def __call__(self, doc: Doc) -> Doc:
        if not self._loaded:
            self.initialize()
        if len(doc) and not doc.has_annotation("LEMMA"):
            # LEMMA patterns need lemmas: without a lemmatizer, fall back to the lower-case form.
            for token in doc:
                token.lemma_ = token.lower_
        return super().__call__(doc)


@Language.factory(
    "journey_negation",
    default_config={"input_key": "journey_cues", "spans_key": "journey", "window": 3},
)
def make_journey_negation(nlp: Language, name: str, input_key: str, spans_key: str, window: int) -> JourneyNegation:
    return JourneyNegation(nlp, name, input_key=input_key, spans_key=spans_key, window=window)


class JourneyNegation:
    """Resolve raw cue spans into tags: negation, intensifiers, hypotheticals, questions, roles.

    - A negator (``niet``, ``geen``, ``not``, ``n't`` …) up to ``window`` tokens before a cue, in
      the same clause, drops a pain point or need and flips an emotion's polarity.
    - Intensifiers (``heel``, ``echt``, ``really`` …) in or just before a cue raise its score.
    - Pain points and emotions after a hypothetical marker (``if``, ``mocht``) are dropped.
    - Emotion words inside a wish (``het zou fijn zijn als``) are not emotions.
    - ``need:question`` cues count only in a sentence ending in '?'; ``need:regret`` cues
      (``jammer dat``) are also a pain point when a lack follows (``geen``, ``niet``, ``pas``).
    - Texts with ``doc._.journey_role == 'interviewer'`` keep touchpoints only.
    """

    def __init__(self, nlp: Language, name: str = "journey_negation", *, input_key: str = "journey_cues",
                 spans_key: str = "journey", window: int = 3) -> None:
        self.name = name
        self.lang = nlp.lang
        self.input_key = input_key
        self.spans_key = spans_key
        self.window = window
        self.mods = load_modifiers(self.lang)

    def _negated(self, low: list[str], start: int, sent_start: int) -> bool:
        neg, bound, inten = self.mods["negators"], self.mods["boundaries"], self.mods["intensifiers"]
        seen = 0
        i = start - 1
        while i >= sent_start and seen < self.window:
            word = low[i]
            if word in bound:
                return False
            if word in neg:
                return True
            if word not in inten:
                seen += 1
            i -= 1
        return False

    def _hypothetical(self, low: list[str], start: int, sent_start: int) -> bool:
        hyp = self.mods["hypothetical"]
        before = low[sent_start:start]
        if any(w in hyp for w in before):
            return True
        return any(f"{a} {b}" in hyp for a, b in zip(before, before[1:], strict=False))

    def __call__(self, doc: Doc) -> Doc:
        raw = doc.spans.get(self.input_key)
        interviewer = doc._.journey_role == "interviewer"
        kept: list[tuple[Span, str, str, float]] = []
        if raw:
            kept = self._resolve(doc, raw, interviewer)
        spans = [Span(doc, s.start, s.end, label=tag, kb_id=value, span_id=s.id_) for s, tag, value, _ in kept]
        doc.spans[self.spans_key] = spans
        doc.spans[self.spans_key].attrs["scores"] = [round(score, 3) for *_, score in kept]
        return doc

    def _resolve(self, doc: Doc, raw, interviewer: bool) -> list[tuple[Span, str, str, float]]:
        by_tag: dict[str, list[Span]] = {}
        for span in raw:
            tag, _ = split_label(span.label_)
            if interviewer and tag != "touchpoint":
                continue
            by_tag.setdefault(tag, []).append(span)
        if not by_tag:
            return []
        low = [t.lower_ for t in doc]
        if doc.has_annotation("SENT_START"):
            bounds = [(s.start, s.end) for s in doc.sents]
        else:
            bounds = [(0, len(doc))]
        starts = [b[0] for b in bounds]
        mods = self.mods
        out: list[tuple[Span, str, str, float]] = []
        needs: list[Span] = []
        for tag in ("touchpoint", "need", "pain_point", "emotion"):
            for span in _longest(by_tag.get(tag, ())):
                _, value = split_label(span.label_)
                score = 0.55 + 0.1 * min(len(span) - 1, 3)
                if tag == "touchpoint":
                    out.append((span, tag, value, min(score + 0.1, 0.95)))
                    continue
                sent_start, sent_end = bounds[bisect_right(starts, span.start) - 1]
                if tag == "need" and value == "question" and doc[sent_end - 1].text != "?":
                    continue
                own_negator = any(w in mods["negators"] for w in low[span.start : span.end])
                negated = not own_negator and self._negated(low, span.start, sent_start)
                if tag in ("need", "pain_point") and negated:
                    continue
                if tag in ("pain_point", "emotion") and self._hypothetical(low, span.start, sent_start):
                    continue
                if tag == "emotion" and any(n.start < span.end and span.start < n.end for n in needs):
                    continue
                if tag == "emotion" and negated:
                    value = "negative" if value == "positive" else "positive"
                    score -= 0.05
                boost = sum(1 for w in low[max(sent_start, span.start - 2) : span.end] if w in mods["intensifiers"])
                score = min(score + 0.1 * min(boost, 2), 0.99)
                out.append((span, tag, value, score))
                if tag == "need":
                    needs.append(span)
                    if value == "regret" and any(w in mods["lack"] for w in low[span.end : sent_end]):
                        out.append((span, "pain_point", "regret", score))
        out.sort(key=lambda item: (item[0].start, item[0].end, item[1]))
        return out


def _longest(spans: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans, preferring the longest (then the earliest)."""
    ordered = sorted(spans, key=lambda s: (-(s.end - s.start), s.start))
    taken: set[int] = set()
    out = []
    for span in ordered:
        if not taken.intersection(range(span.start, span.end)):
            out.append(span)
            taken.update(range(span.start, span.end))
    return sorted(out, key=lambda s: s.start)


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
        self.matcher = PhraseMatcher(self.vocab, attr="LOWER")
        for phase in model.phases:
            cues = phase.cues.get(self.lang, ())
            if cues:
                self.matcher.add(phase.id, [self.tokenizer(c) for c in cues])
        self._key_index = {self.vocab.strings[p]: i for i, p in enumerate(self.ids)}
        self.touchpoint_phases: dict[str, list[int]] = {}
        for i, phase in enumerate(model.phases):
            for tp in phase.touchpoints:
                self.touchpoint_phases.setdefault(tp, []).append(i)

    def prior(self, context: Mapping[str, float] | None) -> np.ndarray:
        vec = np.zeros(len(self.ids))
        for pid, weight in (context or {}).items():
            if pid in self.ids:
                vec[self.ids.index(pid)] += float(weight)
        return vec

    def __call__(self, doc: Doc) -> Doc:
        if doc.has_annotation("SENT_START"):
            bounds = [(s.start, s.end, s.start_char, s.end_char) for s in doc.sents]
        else:
            bounds = [(0, len(doc), 0, len(doc.text))]
        starts = [b[0] for b in bounds]
        own = np.zeros((len(bounds), len(self.ids)))
        for key, start, _ in self.matcher(doc):
            own[bisect_right(starts, start) - 1, self._key_index[key]] += self.cue_weight
        for span in doc.spans.get(self.spans_key, ()):
            if span.label_ == "touchpoint":
                phases = self.touchpoint_phases.get(span.kb_id_)
                if phases:
                    own[bisect_right(starts, span.start) - 1, phases] += self.touchpoint_weight / len(phases)
        prior = self.prior(doc._.journey_context)
        total = own + prior
        sents = []
        for (start, end, cs, ce), row in zip(bounds, total, strict=True):
            phase = self.ids[int(row.argmax())] if row.max() > 0 else None
            sents.append((start, end, cs, ce, phase))
        doc_scores = own.sum(axis=0)
        doc._.journey_phase_scores = {p: float(v) for p, v in zip(self.ids, doc_scores, strict=False) if v > 0}
        overall = doc_scores + prior
        doc._.journey_phase = self.ids[int(overall.argmax())] if len(doc) and overall.max() > 0 else None
        doc._.journey_sents = sents
        return doc
