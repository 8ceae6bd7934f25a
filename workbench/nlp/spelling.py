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
from collections import Counter
from functools import lru_cache

__all__ = ["letters_key", "spelling", "typo_penalty", "respell", "one_edit", "words_key", "near_copies"]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # "wasn't" is one word ('wasn' is no typo of 'was')
#: below this Zipf frequency a word is unknown to the language (a typo or a rare name)
UNKNOWN = 1.5
_CAP = 4.0
#: a known word one typo from a word this much commoner (Zipf) that the evidence uses more is that word misspelt
COMMONER = 2.5


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


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by at most one letter added, dropped, changed or two
    neighbours swapped ('aso'/'also', 'ays'/'days', 'plase'/'please', 'teh'/'the')."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((j for j, (x, y) in enumerate(zip(short, long_, strict=False)) if x != y), len(short))
    return short[i:] == long_[i + 1:]


def words_key(text: str) -> tuple[str, ...]:
    """The words of ``text``, case folded, without punctuation, emoji and spacing: copies that
    differ only in those have the same key."""
    return tuple(_WORD.findall(str(text).casefold().replace("'", "").replace("’", "")))


def near_copies(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are one sentence typed twice: the same words up to case,
    punctuation and emoji, each pair of words at most one typo apart ('Aso no coriander' /
    'Also no coriander', 'fort he' / 'for the'), the letters of the whole the same when a space
    moved. Short words (three letters or fewer) must match exactly unless a letter was added or
    dropped, so 'cat'/'car' stay apart."""
    x, y = words_key(a), words_key(b)
    if x == y:
        return bool(x)
    if not x or not y:
        return False
    if "".join(x) == "".join(y):  # a moved space ('fort he')
        return True
    if len(x) == len(y):
        typos = 0
        for u, v in zip(x, y, strict=True):
            if u == v:
                continue
            if not one_edit(u, v) or (len(u) == len(v) and min(len(u), len(v)) <= 3 and sorted(u) != sorted(v)):
                return False
            typos += 1
        return typos <= max(1, len(x) // 4)
    return abs(len(x) - len(y)) <= 1 and len(x) + len(y) >= 6 and "".join(sorted("".join(x))) == \
        "".join(sorted("".join(y)))


def respell(label: str, texts, lang: str) -> str:
    """``label`` with each word unknown to the language replaced by a word of ``texts`` that is
    known and has the same letters ('splti' -> 'split' when a member wrote 'split') or is one
    typo away ('ays' -> 'days', 'Aso' -> 'Also'; of several, the one the texts use most)."""
    words = _WORD.findall(label)
    used: Counter = Counter(w.casefold() for text in texts for w in _WORD.findall(str(text)))
    bad = {w for w in words if len(w) > 2 and _zipf(w.casefold(), lang) < UNKNOWN}
    near: dict[str, str] = {}  # a word one typo from a far commoner one the evidence uses more ('aso' of 'also')
    for w in set(words) - bad:
        if len(w) > 1 and w.isupper():
            continue  # an acronym ('SSO') is no typo of a commoner word ('so')
        f = w.casefold()
        # a typo drops or swaps a letter ('ays', 'Aso'); a word one letter shorter is another word ('min' of 'in')
        cands = [v for v in used if v != f and len(v) >= len(f) and one_edit(v, f) and used[v] > used[f]
                 and _zipf(v, lang) - _zipf(f, lang) >= COMMONER]
        if cands:
            near[w] = max(cands, key=lambda v: (used[v], _zipf(v, lang), v))
    bad |= set(near)
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
        fix = near.get(w) or known.get(letters_key(w))
        if not fix:  # one letter added, dropped or changed: the known word the evidence mostly uses
            close = [v for v in used if v != w.casefold() and len(v) > 1 and one_edit(v, w.casefold())
                     and _zipf(v, lang) >= UNKNOWN]
            fix = max(close, key=lambda v: (used[v], _zipf(v, lang), v)) if close else None
        if fix:
            fix = fix.lower() if w.islower() else fix[:1].upper() + fix[1:] if w[:1].isupper() else fix
            label = re.sub(rf"(?<!\w){re.escape(w)}(?!\w)", fix, label)
    return label
