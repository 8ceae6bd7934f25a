"""Answers to an improvement question are wishes, even when they are terse.

A survey question "Wat zou je verbeteren?" or an interviewer's "If you could change one thing,
what would it be?" asks for a wish, so the answer names what the participant wants even when it
holds no wish word at all: "Eén vast aanspreekpunt.", "A phone number.", "faster replies",
"Kom je afspraken na.". The cue patterns read a sentence on its own and miss these;
:func:`improvement_needs` adds them after tagging, from the question (the tagging context).

An answer gets a need (``need:improvement``, rule ``answer.improvement.<lang>``) on its first
sentence that

- bears content: not only the words of a non-answer ("nee", "niks", "n.v.t.", "geen idee",
  "nothing", "all good", "keep it up"),
- has no pain point cue of its own (a complaint stays a pain point: the cue patterns and the
  codebook decide whether it is a wish too),
- is not praise: a positive word with a praising verb ("de app is top", "I love it"; not "A clear
  price and an import that just works"),
- is not a question back ("Hoe bedoel je?"),
- is not small talk or someone else's story ("Succes met het onderzoek!", "Why is this survey so
  long", "My neighbour has outages all the time too": :func:`~workbench.nlp.talk.no_content`),

when the answer as a whole has no need yet (a bare negator's pain point, "warn people that they
never call", does not make it a complaint). A non-answer loses the pain point of its bare negator
("nothing major"). Which questions ask for an improvement, and the
words of a non-answer, are per language in ``data/improvement.toml``.

>>> asks_improvement("Wat zou je verbeteren?", "nl"), asks_improvement("What's one thing you'd change?", "en")
(True, True)
>>> asks_improvement("Hoe ging het overstappen?", "nl"), asks_improvement("What changed after that?", "en")
(False, False)
>>> is_non_answer("Nee, niks eigenlijk.", "nl"), is_non_answer("A phone number.", "en")
(True, False)
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from .. import schema
from ._drop import drop_tags
from .talk import no_content

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["asks_improvement", "is_non_answer", "improvement_needs", "RULE", "SCORE"]

RULE = "answer.improvement"
SCORE = 0.55
_SENTENCE = re.compile(r"[^.!?…\n]+[.!?…]*")
_WORD = re.compile(r"[\w']+")
#: pain point cues too weak to make a wish a complaint: a bare negator ('warn people that they never call')
_WEAK = {"negation"}


@lru_cache(maxsize=4)
def _cues(lang: str) -> tuple[re.Pattern | None, frozenset[str], frozenset[str], frozenset[str]]:
    data = tomllib.loads((resources.files("workbench") / "data" / "improvement.toml").read_text(encoding="utf-8"))
    table = data.get(lang, {})
    asks = table.get("asks", [])
    pattern = re.compile("|".join(f"(?:{a})" for a in asks), re.IGNORECASE) if asks else None
    return (pattern, frozenset(table.get("empty", ())), frozenset(table.get("praise", ())),
            frozenset(table.get("wished", ())))


def _words(text: str) -> list[str]:
    return [w.replace("\u2019", "'") for w in _WORD.findall(text.lower().replace("\u2019", "'"))]


def asks_improvement(question: str | None, lang: str) -> bool:
    """Whether a question asks for an improvement or a wish (the last line of a tagging context:
    the question actually asked, after the topic or the answer before a follow-up)."""
    if not isinstance(question, str) or not question.strip():
        return False
    pattern = _cues(lang)[0]
    asked = question.strip().splitlines()[-1]
    return bool(pattern and pattern.search(asked))


def is_non_answer(text: str, lang: str) -> bool:
    """Whether a text is made of non-answer words only ("nee", "niks", "geen idee", "all good")."""
    empty = _cues(lang)[1]
    return all(w in empty or w.isdigit() for w in _words(text))


def _praise(text: str, lang: str) -> bool:
    """A praising verb, in a sentence that does not open like a wished-for thing ('A clear price')."""
    _, _, praise, wished = _cues(lang)
    words = _words(text)
    return bool(words) and words[0] not in wished and any(w in praise for w in words)


def improvement_needs(doc_tags: pd.DataFrame, tags: pd.DataFrame, ids: list[str], texts: list[str],
                      contexts: list, roles: list, lang_of: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Add a need to each answer to an improvement question that has none (see the module doc).

    ``contexts``, ``roles`` and ``lang_of`` are per text, as :func:`~workbench.nlp.tagger.tag_texts`
    has them; the frames are its DOC_TAGS (plus ``text``) and TAGS frames, in input order."""
    todo = [i for i, ctx in enumerate(contexts) if roles[i] != "interviewer" and lang_of[i] in ("nl", "en")
            and texts[i] and asks_improvement(ctx, lang_of[i])]
    if not todo:
        return doc_tags, tags
    doc_tags, tags = _quiet_non_answers(doc_tags, tags, [ids[i] for i in todo if is_non_answer(texts[i], lang_of[i])])
    need = doc_tags["need"].to_numpy().copy()
    todo = [i for i in todo if not need[i]]
    if not todo:
        return doc_tags, tags
    by_doc: dict[str, list[tuple]] = {}
    if len(tags):
        wanted = {ids[i] for i in todo}
        cols = [tags[c].tolist() for c in ("doc_id", "sent_start", "sent_end", "start_char", "label", "value")]
        for d, a, b, c, label, value in zip(*cols, strict=True):
            if d in wanted:
                by_doc.setdefault(d, []).append((a, b, c, str(label), str(value)))
    phases = doc_tags["phase"].tolist()
    new: list[tuple] = []
    for i in todo:
        row = _wish_sentence(texts[i], by_doc.get(ids[i], []), lang_of[i])
        if row is None:
            continue
        a, b, sa, sb = row
        phase = phases[i] if isinstance(phases[i], str) else None
        new.append((ids[i], sa, sb, a, b, texts[i][a:b], "need", "improvement", phase, SCORE,
                    f"{RULE}.{lang_of[i]}", "answer to an improvement question"))
        need[i] = 1
    if not new:
        return doc_tags, tags
    doc_tags = doc_tags.copy()
    doc_tags["need"] = need.astype(doc_tags["need"].dtype)
    added = schema.from_columns(dict(zip(schema.TAGS, map(list, zip(*new, strict=True)), strict=True)), schema.TAGS)
    out = pd.concat([tags, added], ignore_index=True) if len(tags) else added
    position = {d: k for k, d in enumerate(ids)}
    order = np.argsort(np.array([position.get(d, -1) for d in out["doc_id"].tolist()]), kind="stable")
    return doc_tags, schema.conform(out.iloc[order].reset_index(drop=True), schema.TAGS)


def _quiet_non_answers(doc_tags: pd.DataFrame, tags: pd.DataFrame, empty: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """No pain point from the bare negator of a non-answer ('nothing major', 'nee, niet echt')."""
    if not empty or not len(tags):
        return doc_tags, tags
    drop = (tags["doc_id"].isin(empty) & (tags["label"].astype(str) == "pain_point")
            & tags["value"].isin(_WEAK)).to_numpy()
    return drop_tags(doc_tags, tags, drop, "pain_point")


def _wish_sentence(text: str, rows: list[tuple], lang: str) -> tuple[int, int, int, int] | None:
    """The span of the answer's first wish sentence and its tagger sentence bounds, or None."""
    for m in _SENTENCE.finditer(text):
        chunk = m.group()
        a = m.start() + len(chunk) - len(chunk.lstrip())
        b = m.start() + len(chunk.rstrip())
        if b <= a or is_non_answer(chunk, lang) or chunk.rstrip().endswith("?"):
            continue
        mine = [r for r in rows if a <= r[2] < b]
        if any(label == "pain_point" and value not in _WEAK for _, _, _, label, value in mine):
            continue
        positive = any(label == "emotion" and value == "positive" for _, _, _, label, value in mine)
        if positive and _praise(chunk, lang):
            continue
        if no_content([chunk], lang)[0]:
            continue
        sa, sb = (mine[0][0], mine[0][1]) if mine else (a, b)
        return a, b, min(sa, a), max(sb, b)
    return None
