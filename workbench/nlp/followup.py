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


def tagging_contexts(documents: pd.DataFrame, lang: str) -> list | None:
    """Per document the context to tag it with: ``context``, and for a participant turn after a
    follow-up question also the participant's turn before that question (see the module doc)."""
    if "context" not in documents.columns:
        return None
    contexts = list(documents["context"])
    if not {"source", "role", "text"} <= set(documents.columns) or lang not in ("nl", "en"):
        return contexts
    kinds = documents["kind"] if "kind" in documents.columns else pd.Series("segment", index=documents.index)
    last_turn: dict = {}   # source -> the participant's latest turn
    before_q: dict = {}    # source -> the participant's turn before the latest question
    for i, (src, kind, role, text, ctx) in enumerate(zip(documents["source"], kinds, documents["role"],
                                                         documents["text"], contexts, strict=True)):
        if kind != "segment" or not isinstance(src, str):
            continue
        if role == "interviewer":
            before_q[src] = last_turn.get(src)
            continue
        prev = before_q.get(src)
        if isinstance(ctx, str) and isinstance(prev, str) and prev.strip() and is_follow_up(ctx, lang):
            contexts[i] = f"{prev}\n{ctx}"
        if isinstance(text, str):
            last_turn[src] = text
    return contexts
