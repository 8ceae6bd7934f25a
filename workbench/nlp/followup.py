"""Probing follow-up questions: an interviewer's "Hoe voelde dat?" or "Why was that?" is about the
answer before it, so that answer is context for the reply too.

A participant turn's context is the interviewer's question before it (``DOCUMENTS.context``);
its phase cues are a prior for the turn's sentences. A follow-up question names no phase of its
own, so "Ik werd er echt boos van" after "Hoe voelde dat?" had no phase although the answer
before the question was about a price increase. :func:`tagging_contexts` gives such a turn the
participant's previous turn (in the same transcript) and the question as context. A follow-up is
a short question — its last sentence at most ``max_words`` words, without a comma (a topic of its
own up front: "And inviting colleagues, how did that go?") — holding one of the words of
``data/continuation.toml`` ``[followup]`` ("dat", "daarover", "that" …; not "toen" or "then": the
reply to "Wat deed je toen?" is about the next step).

A question that names no phase and no new topic ("En was alles in orde?", "Wat ging er door je
heen?", "Stond die zithoogte erbij?", "What did you do?") goes on with the conversation's topic:
when the caller says how to tell whether a text names a phase (``names_phase``) and whether a
question opens a topic of its own (``opens_topic``: a noun of its own, "Hoe vind je de sfeer in de
club?"), the reply's context is the latest text of the same transcript that names a phase (an
interviewer's question or an answer) and then the question. Before any question or answer names a
phase (the warm-up: "Zoals ik al mailde, gaat het over …", "Vertel eens iets over jezelf") there is
no topic, and the turn has none; a question with a topic the phase model does not know leaves its
reply without a phase, as before (an unknown phase beats a false one).

>>> docs = pd.DataFrame({"source": "P1", "kind": "segment", "role": ["interviewer", "participant",
...                      "interviewer", "participant"], "text": ["Hoe ging het opzeggen?",
...                      "Alleen per brief.", "Hoe voelde dat?", "Ik werd boos."],
...                      "context": [None, "Hoe ging het opzeggen?", None, "Hoe voelde dat?"]})
>>> tagging_contexts(docs, "nl")[3]
'Alleen per brief.\\nHoe voelde dat?'
>>> tagging_contexts(docs, "nl")[1]
'Hoe ging het opzeggen?'
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

import pandas as pd

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["is_follow_up", "tagging_contexts"]

_SENTENCES = re.compile(r"[^.!?…]+[.!?…]*")
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4)
def _followup(lang: str) -> tuple[frozenset[str], int]:
    data = tomllib.loads((resources.files("workbench") / "data" / "continuation.toml").read_text(encoding="utf-8"))
    table = data.get("followup", {})
    return frozenset(table.get(lang, ())), int(table.get("max_words", 8))


def is_follow_up(question: str, lang: str) -> bool:
    """Whether an interviewer's turn ends in a short question about the answer before it.

    >>> is_follow_up("Oké. Hoe voelde dat?", "nl"), is_follow_up("Dat snap ik. Hoe ging het bestellen?", "nl")
    (True, False)
    >>> is_follow_up("Why was that?", "en"), is_follow_up("What did you do then?", "en")
    (True, False)
    >>> is_follow_up("And inviting colleagues, how did that go?", "en")
    False
    """
    words, most = _followup(lang)
    parts = [p.strip() for p in _SENTENCES.findall(question or "") if p.strip()]
    if not parts or not parts[-1].endswith("?"):
        return False
    if "," in parts[-1]:  # a topic of its own up front: "En de app, hoe ging dat?"
        return False
    tokens = [t.lower() for t in _WORD.findall(parts[-1])]
    return len(tokens) <= most and any(t in words for t in tokens)


def _asked(text: str) -> str:
    """The question sentences of an interviewer's turn (the whole turn when it asks none)."""
    asked = " ".join(p.strip() for p in _SENTENCES.findall(text) if p.strip().endswith("?"))
    return asked or text


def tagging_contexts(documents: pd.DataFrame, lang: str, names_phase: Callable[[str], bool] | None = None,
                     opens_topic: Callable[[str], bool] | None = None) -> list | None:
    """Per document the context to tag it with: ``context``, and for a participant turn after a
    follow-up question also the participant's turn before that question; with ``names_phase``,
    after a question that names no phase the latest text of the transcript that does (see the
    module doc)."""
    if "context" not in documents.columns:
        return None
    contexts = list(documents["context"])
    if not {"source", "role", "text"} <= set(documents.columns) or lang not in ("nl", "en"):
        return contexts
    kinds = documents["kind"] if "kind" in documents.columns else pd.Series("segment", index=documents.index)
    last_turn: dict = {}   # source -> the participant's latest turn
    before_q: dict = {}    # source -> the participant's turn before the latest question
    topic: dict = {}       # source -> the latest text that names a phase (with names_phase)
    named: dict = {}       # text -> whether it names a phase (questions repeat)

    def names(text) -> bool:
        if not isinstance(text, str) or not text.strip():
            return False
        if text not in named:
            named[text] = bool(names_phase(text))
        return named[text]
    for i, (src, kind, role, text, ctx) in enumerate(zip(documents["source"], kinds, documents["role"],
                                                         documents["text"], contexts, strict=True)):
        if kind != "segment" or not isinstance(src, str):
            continue
        if role == "interviewer":
            before_q[src] = last_turn.get(src)
            asked = " ".join(p.strip() for p in _SENTENCES.findall(str(text)) if p.strip().endswith("?"))
            if names_phase is not None and asked and names(asked):
                topic[src] = asked  # what it asks sets the topic; the warm-up's "zoals ik al mailde" does not
            continue
        prev = before_q.get(src)
        if isinstance(ctx, str) and isinstance(prev, str) and prev.strip() and is_follow_up(ctx, lang):
            contexts[i] = f"{prev}\n{ctx}"
        elif names_phase is not None and isinstance(ctx, str) and src in topic and not names(ctx) \
                and not (opens_topic is not None and opens_topic(_asked(ctx))):
            contexts[i] = f"{topic[src]}\n{ctx}"
        if isinstance(text, str):
            last_turn[src] = text
            if names_phase is not None and names(text):
                topic[src] = text
    return contexts
