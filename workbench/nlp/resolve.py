"""The ``journey_negation`` component: turn raw cue matches into tags, with their scores and the sentiment."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from .components import lower_hashes, raw_cues, sentence_bounds
from .resources import load_modifiers, split_label

__all__ = ["JourneyNegation", "PAIN_SENTIMENT_WEIGHT"]

PAIN_SENTIMENT_WEIGHT = 0.6  # a pain point without an emotion word still counts as negative evidence
CONTRAST_WEIGHT = 1.5  # evidence after 'maar'/'but' in a sentence weighs this much more
_TAG_ORDER = ("touchpoint", "need", "emotion", "pain_point")


@Language.factory(
    "journey_negation",
    default_config={"input_key": "journey_cues", "spans_key": "journey", "window": 3},
)
def make_journey_negation(nlp: Language, name: str, input_key: str, spans_key: str, window: int) -> JourneyNegation:
    return JourneyNegation(nlp, name, input_key=input_key, spans_key=spans_key, window=window)


class JourneyNegation:
    """Resolve raw cue spans into tags: negation, intensifiers, hedges, hypotheticals, questions, roles.

    - Overlapping cues of one tag label keep the longest.
    - A negator (``niet``, ``geen``, ``not``, ``n't`` …) up to ``window`` words before a cue in
      the same clause (intensifiers, hedges and fillers not counted), or right after a cue that
      opens a Dutch clause (``Lastig was het niet``), drops a pain point or need and flips an
      emotion's polarity.
    - Intensifiers (``heel``, ``echt``, ``really`` …) in or just before a cue raise its score;
      hedges (``een beetje``, ``a bit``) lower it.
    - Pain points and emotions after a hypothetical marker (``mocht``, ``if``) are dropped.
    - In a question (sentence ending in ``?``) that addresses the listener (``vond u``, ``did
      you``) without the speaker's own ``ik``/``my`` and without ``waarom``/``why``, pain points
      and emotions are dropped: asking about difficulty is not reporting one.
    - Emotion words inside a wish (``het zou fijn zijn als``) are not emotions.
    - ``question`` cues (``need:question``, ``pain_point:question``) count only in a sentence
      ending in ``?``; a bare ``?`` cue tags the whole question. A rhetorical question (``?!``,
      ``??``, or opening with ``waarom``/``why``) is no need. Negators inside a need cue
      (``heb geen app nodig``) negate it.
    - ``need:regret`` cues (``jammer dat``) are also a pain point when a lack follows (``geen``,
      ``niet``, ``pas``).
    - Texts with ``doc._.journey_role == 'interviewer'`` keep touchpoints only.

    The text's sentiment (``doc._.journey_sentiment``, in [-1, 1]) is the weighted mean of the
    emotions (signed scores) and, weaker, the pain points that carry no emotion word.
    """

    def __init__(self, nlp: Language, name: str = "journey_negation", *, input_key: str = "journey_cues",
                 spans_key: str = "journey", window: int = 3) -> None:
        self.name = name
        self.lang = nlp.lang
        self.input_key = input_key
        self.spans_key = spans_key
        self.window = window
        add = nlp.vocab.strings.add
        mods = load_modifiers(self.lang)
        self.words = {key: frozenset(add(w) for w in words if " " not in w) for key, words in mods.items()}
        self.pairs = {key: frozenset(tuple(add(p) for p in w.split()) for w in words if w.count(" ") == 1)
                      for key, words in mods.items()}
        self.neutral = self.words["intensifiers"] | self.words["hedges"] | self.words["fillers"]
        self.subordinators = frozenset(add(w) for w in ("dat", "die", "wat", "om", "als", "wie", "waar", "waarin"))
        self.question = add("?")
        self.exclaim = add("!")

    # --- scope helpers ------------------------------------------------------------------------

    def _clause_start(self, low: list[int], start: int, sent_start: int) -> int:
        bound = self.words["boundaries"]
        i = start - 1
        while i >= sent_start and low[i] not in bound:
            i -= 1
        return i + 1

    def _negated(self, low: list[int], start: int, end: int, clause_start: int, sent_end: int) -> bool:
        neg, neutral = self.words["negators"], self.neutral
        seen = 0
        i = start - 1
        while i >= clause_start and seen < self.window:
            if low[i] in neg:
                return True
            if low[i] not in neutral:
                seen += 1
            i -= 1
        if self.lang == "nl" and end - start == 1 and all(low[k] in neutral for k in range(clause_start, start)):
            # topicalised cue: 'Moeilijk vond ik het niet', 'Problemen heb ik niet gehad'
            stop = self.words["boundaries"] | self.subordinators
            for k in range(end, min(end + 5, sent_end)):
                if low[k] in stop:
                    break
                if low[k] in neg:
                    return True
        return False

    def _has(self, key: str, low: list[int], lo: int, hi: int) -> bool:
        words, pairs = self.words[key], self.pairs[key]
        if any(low[k] in words for k in range(lo, hi)):
            return True
        return bool(pairs) and any((low[k], low[k + 1]) in pairs for k in range(lo, hi - 1))

    def _elicitation(self, low: list[int], sent_start: int, sent_end: int) -> bool:
        """A question asking about the listener's experience (not a complaint in question form)."""
        tail = low[max(sent_start, sent_end - 3) : sent_end]
        if self.question not in tail or self.exclaim in tail:
            return False
        if self._has("first_person", low, sent_start, sent_end):
            return False
        if self._has("complaint_questions", low, sent_start, sent_end):
            return False
        return self._has("second_person", low, sent_start, sent_end)

    # --- the component ------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        raw = raw_cues(doc, self.input_key)
        kept: list[tuple[int, int, str, str, str, float]] = []
        sentiment = 0.0
        if raw:
            kept, sentiment = self._resolve(doc, raw, doc._.journey_role == "interviewer")
        spans = [Span(doc, s, e, label=tag, kb_id=value, span_id=rid) for s, e, tag, value, rid, _ in kept]
        doc.spans[self.spans_key] = spans
        doc.spans[self.spans_key].attrs["scores"] = [score for *_, score in kept]
        doc._.journey_tags = [(sp.start, sp.end, sp.start_char, sp.end_char, sp.text, tag, value, rid, score)
                              for sp, (_, _, tag, value, rid, score) in zip(spans, kept, strict=True)]
        doc._.journey_sentiment = sentiment
        return doc

    def _resolve(self, doc: Doc, raw, interviewer: bool) -> tuple[list[tuple[int, int, str, str, str, float]], float]:
        by_tag: dict[str, list[tuple[int, int, str, str]]] = {}
        for cue in raw:
            tag, _ = split_label(cue[2])
            if interviewer and tag != "touchpoint":
                continue
            by_tag.setdefault(tag, []).append(cue)
        if not by_tag:
            return [], 0.0
        low = lower_hashes(doc)
        bounds = sentence_bounds(doc)
        starts = [b[0] for b in bounds]
        w = self.words
        out: list[tuple[int, int, str, str, str, float]] = []
        needs: list[tuple[int, int]] = []
        emotions: list[tuple[int, int]] = []
        evidence: list[tuple[float, float]] = []  # (signed value, weight)
        elicit: dict[int, bool] = {}
        for tag in _TAG_ORDER:
            for start, end, label, rid in _longest(by_tag.get(tag, ())):
                _, value = split_label(label)
                size = sum(1 for i in range(start, end) if low[i] not in self.neutral) or end - start
                score = 0.55 + 0.1 * min(size - 1, 3)
                if tag == "touchpoint":
                    out.append((start, end, tag, value, rid, round(min(score + 0.1, 0.95), 3)))
                    continue
                k = bisect_right(starts, start) - 1
                sent_start, sent_end = bounds[k]
                if k not in elicit:
                    elicit[k] = self._elicitation(low, sent_start, sent_end)
                if value == "question":
                    if not self._question(low, start, sent_start, sent_end) or elicit[k]:
                        continue
                    if tag == "need" and self._rhetorical(low, sent_start, sent_end):
                        continue
                    if tag == "need" and low[start] == self.question:
                        start, end = sent_start, sent_end  # a bare '?' cue tags the whole question
                if tag in ("pain_point", "emotion") and elicit[k]:
                    continue
                clause = self._clause_start(low, start, sent_start)
                own = any(low[i] in w["negators"] for i in range(start, end))
                if own and tag == "need" and value != "question":
                    negated = True  # need cues never spell a negation: 'heb geen app nodig'
                else:
                    negated = not own and self._negated(low, start, end, clause, sent_end)
                if tag in ("need", "pain_point") and negated:
                    continue
                if tag in ("pain_point", "emotion") and self._has("hypothetical", low, clause, start):
                    continue
                if tag == "emotion" and any(ns <= start and end <= ne + 1 for ns, ne in needs):
                    continue
                if tag == "emotion" and negated:
                    value = "negative" if value == "positive" else "positive"
                    score -= 0.1
                lo = max(clause, start - 2)
                boost = sum(1 for i in range(lo, end) if low[i] in w["intensifiers"])
                hedge = self._has("hedges", low, lo, end)
                score = round(min(max(score + 0.1 * min(boost, 2) - 0.15 * hedge, 0.05), 0.99), 3)
                out.append((start, end, tag, value, rid, score))
                weight = CONTRAST_WEIGHT if self._has("contrast", low, sent_start, start) else 1.0
                if tag == "need":
                    needs.append((start, end))
                    if value == "regret" and self._has("lack", low, end, sent_end):
                        out.append((start, end, "pain_point", "regret", rid, score))
                        evidence.append((-PAIN_SENTIMENT_WEIGHT * score, weight))
                elif tag == "emotion":
                    emotions.append((start, end))
                    evidence.append((score if value == "positive" else -score, weight))
                elif not any(es < end and start < ee for es, ee in emotions):
                    evidence.append((-PAIN_SENTIMENT_WEIGHT * score, weight))
        out.sort(key=lambda item: (item[0], item[1], item[2]))
        total = sum(wt for _, wt in evidence)
        sentiment = round(sum(v * wt for v, wt in evidence) / total, 3) if total else 0.0
        return out, sentiment

    def _question(self, low: list[int], start: int, sent_start: int, sent_end: int) -> bool:
        """The cue sits in a question: its sentence ends in '?' (possibly followed by '!')."""
        return self.question in low[max(start, sent_end - 3) : sent_end]

    def _rhetorical(self, low: list[int], sent_start: int, sent_end: int) -> bool:
        """A complaint in question form ('Waarom duurt dat zo lang?!'), not a request for information."""
        tail = low[max(sent_start, sent_end - 3) : sent_end]
        if self.exclaim in tail or tail.count(self.question) > 1:
            return True
        words = self.words["complaint_questions"]
        if low[sent_start] in words:
            return True
        pairs = self.pairs["complaint_questions"]
        return sent_end - sent_start > 1 and (low[sent_start], low[sent_start + 1]) in pairs


def _longest(cues: Iterable[tuple]) -> list[tuple]:
    """Non-overlapping cues ``(start, end, ...)``, preferring the longest (then the earliest)."""
    ordered = sorted(cues, key=lambda c: (c[0] - c[1], c[0]))
    taken: set[int] = set()
    out = []
    for cue in ordered:
        if not taken.intersection(range(cue[0], cue[1])):
            out.append(cue)
            taken.update(range(cue[0], cue[1]))
    return sorted(out)
