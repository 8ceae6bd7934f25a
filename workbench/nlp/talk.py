"""Which sentences are small talk, read from the tagger's own ``context`` cues (``context.jsonl``).

The tagger drops the pain points, needs and emotions of a sentence with a ``context:smalltalk``
cue (warm-up, interview logistics, sign-offs: 'Ik heb even een kopje thee gepakt', 'Sorry about
the mess', "I'd better get going", 'Succes met het onderzoek!') or a ``context:joke`` marker
('Joking.', which makes the sentence before it a joke). Other readers of the text — the actions
lane — ask :func:`small_talk` so that such a sentence is no journey content there either.

:func:`no_content` is wider: also someone else's story (``context:other``: 'a friend of mine had
…'; ``context:others`` as the subject the sentence opens with, with no other first-person word:
'Mijn buurman heeft ook vaak storing', 'My neighbour has outages too'). The reading of an
answer to an improvement question (:mod:`workbench.nlp.improvement`) asks it, so that such an
answer is no wish of the speaker's.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["small_talk", "no_content"]

_TALK = ("context:smalltalk", "context:joke")
_STORY = ("context:other",)


def _cues(texts: Sequence[str], lang: str):
    """Per text: its Doc (sentencizer and cue matcher only) and its raw cues."""
    from .components import raw_cues
    from .pipeline import make_pipeline

    nlp = make_pipeline(lang)
    steps = [nlp.get_pipe(name) for name in ("journey_sentencizer", "journey_cues") if name in nlp.pipe_names]
    for text in texts:
        doc = nlp.make_doc(text or "")
        for step in steps:
            doc = step(doc)
        yield doc, raw_cues(doc, "journey_cues")


def small_talk(texts: Sequence[str], lang: str) -> list[bool]:
    """Per text (a sentence or a short turn): whether it holds a small-talk cue or is followed, within
    the text, by a joke marker. Only the sentencizer and the cue matcher run (no parse, no tags)."""
    return [bool({label for _, _, label, _ in cues}.intersection(_TALK)) for _, cues in _cues(texts, lang)]


def no_content(texts: Sequence[str], lang: str) -> list[bool]:
    """Per text (a sentence): whether it is small talk (:func:`small_talk`) or someone else's story —
    a ``context:other`` cue, or a ``context:others`` cue (a relative, a neighbour) opening the
    sentence with no first-person word outside it."""
    from .resources import load_modifiers

    first = load_modifiers(lang)["first_person"]
    out = []
    for doc, cues in _cues(texts, lang):
        labels = {label for _, _, label, _ in cues}
        told = bool(labels.intersection(_TALK + _STORY))
        opening = next((t.i for t in doc if not t.is_punct and not t.is_space), None)
        for start, end, label, _ in cues:
            if label == "context:others" and start == opening:
                told |= not any(t.lower_ in first for t in doc if not start <= t.i < end)
        out.append(told)
    return out
