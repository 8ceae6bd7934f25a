"""Clean copies over typo'd ones: survey answers are often pasted or retyped, and a label or quote
should be the copy spelled right when one exists among the evidence.

A typo that swaps letters or a space ("splti", "twcie", "mniutes", "ont he line") keeps the
letters of the word or sentence it misspells, so copies are found by their letters alone
(:func:`letters_key`), and of two copies the one whose words are more common (wordfreq Zipf
frequency, :func:`spelling`) is the clean one. Nothing is corrected that no member spelled right.

>>> respell("cheap if you splti ticket", ["cheap if you split ticket"], "en")
'cheap if you split ticket'
>>> typo_penalty(["Trespasser ont he line", "Trespasser on the line"], "en")[1]
0.0
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["letters_key", "spelling", "typo_penalty", "respell"]

_WORD = re.compile(r"[^\W\d_]+")
#: below this Zipf frequency a word is unknown to the language (a typo or a rare name)
UNKNOWN = 1.5
_CAP = 4.0


@lru_cache(maxsize=65536)
def _zipf(word: str, lang: str) -> float:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return _CAP
    return zipf_frequency(word, lang)


def letters_key(text: str) -> str:
    """The letters of ``text`` in sorted order, case folded: copies that differ by a swapped letter
    or a moved space have the same key."""
    return "".join(sorted(c for c in str(text).casefold() if c.isalpha()))


def spelling(text: str, lang: str) -> float:
    """How well ``text`` is spelled: the sum over its words of their Zipf frequency, capped (a
    common word counts as much as the commonest)."""
    return sum(min(_zipf(w, lang), _CAP) for w in _WORD.findall(str(text).casefold()))


def typo_penalty(texts: list[str], lang: str) -> list[float]:
    """Per text, how much worse it is spelled than the best copy of it among ``texts`` (same
    :func:`letters_key`); 0.0 for the best copy and for a text without copies."""
    keys = [letters_key(t) for t in texts]
    score = [spelling(t, lang) for t in texts]
    best: dict[str, float] = {}
    for k, s in zip(keys, score, strict=True):
        best[k] = max(best.get(k, s), s)
    return [round(best[k] - s, 3) for k, s in zip(keys, score, strict=True)]


def respell(label: str, texts, lang: str) -> str:
    """``label`` with each word unknown to the language replaced by a word of ``texts`` with the
    same letters that is known ('splti' -> 'split' when a member wrote 'split')."""
    words = _WORD.findall(label)
    bad = {w for w in words if len(w) > 2 and _zipf(w.casefold(), lang) < UNKNOWN}
    if not bad:
        return label
    keys = {letters_key(w) for w in bad}
    known: dict[str, str] = {}  # per letters, the commonest known word with them ('split' over 'spilt')
    for text in texts:
        for w in _WORD.findall(str(text)):
            k = letters_key(w)
            if k in keys and _zipf(w.casefold(), lang) >= UNKNOWN and (
                    k not in known or _zipf(w.casefold(), lang) > _zipf(known[k].casefold(), lang)):
                known[k] = w
    for w in bad:
        fix = known.get(letters_key(w))
        if fix:
            fix = fix.lower() if w.islower() else fix
            label = re.sub(rf"(?<!\w){re.escape(w)}(?!\w)", fix, label)
    return label
