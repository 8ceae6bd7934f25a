"""Which sentences are small talk, read from the tagger's own ``context`` cues (``context.jsonl``).

The tagger drops the pain points, needs and emotions of a sentence with a ``context:smalltalk``
cue (warm-up, interview logistics, sign-offs: 'Ik heb even een kopje thee gepakt', 'Sorry about
the mess', "I'd better get going") or a ``context:joke`` marker ('Joking.', which makes the
sentence before it a joke). Other readers of the text — the actions lane — ask :func:`small_talk`
so that such a sentence is no journey content there either.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["small_talk"]

_TALK = ("context:smalltalk", "context:joke")


def small_talk(texts: Sequence[str], lang: str) -> list[bool]:
    """Per text (a sentence or a short turn): whether it holds a small-talk cue or is followed, within
    the text, by a joke marker. Only the sentencizer and the cue matcher run (no parse, no tags)."""
    from .components import raw_cues
    from .pipeline import make_pipeline

    nlp = make_pipeline(lang)
    steps = [nlp.get_pipe(name) for name in ("journey_sentencizer", "journey_cues") if name in nlp.pipe_names]
    out = []
    for text in texts:
        doc = nlp.make_doc(text or "")
        for step in steps:
            doc = step(doc)
        labels = {label for _, _, label, _ in raw_cues(doc, "journey_cues")}
        out.append(bool(labels.intersection(_TALK)))
    return out
