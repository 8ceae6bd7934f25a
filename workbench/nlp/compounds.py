"""Multi-word names a study uses as one unit ("delay repay", "eigen risico", "slimme meter").

A study names its own things with noun compounds written as two words. A label must not cut
them ("automatic delay" of "Automatic delay repay, …" reads as if delays were automatic), and a
cue word that is only the first part of such a name ("delay" of "Delay Repay") is no complaint
about that word: the name is the scheme, not a delay.

:func:`study_compounds` finds them in the study's own texts, without a parse: two content words
(no stop word, no apostrophe-less contraction) said next to each other in at least
:data:`MIN_COUNT` different texts (copies of one text count once), where the second word
follows the first in at least :data:`MIN_SHARE` of its occurrences — the second word hardly
occurs without the first, so the two are one name.

>>> sorted(study_compounds(["Delay Repay took ages.", "I claimed delay repay.",
...                          "Delay repay paid out.", "The delay was long."], "en"))
[('delay', 'repay')]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

__all__ = ["study_compounds", "with_compounds", "cue_in_modifier", "cue_past_names", "MIN_COUNT", "MIN_SHARE"]

#: how often a pair must be said to be a name of the study
MIN_COUNT = 3
#: the share of the second word's occurrences that follow the first word
MIN_SHARE = 0.6

_RUN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*(?:\s+[^\W\d_]+(?:[-'’][^\W\d_]+)*)*")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _stop(lang: str) -> frozenset[str]:
    from .phrases import _w

    if lang == "nl":
        from spacy.lang.nl.stop_words import STOP_WORDS
    else:
        from spacy.lang.en.stop_words import STOP_WORDS
    return frozenset(STOP_WORDS) | _w(lang, "bare_contractions") | _w(lang, "not_aspect")


def study_compounds(texts: Iterable[str], lang: str) -> frozenset[tuple[str, str]]:
    """The pairs of words (lower case) the texts use as one name (see the module doc)."""
    stop = _stop(lang)
    pairs: Counter = Counter()
    words: Counter = Counter()
    seen: set[tuple[str, ...]] = set()
    for text in texts:
        runs = [tuple(_WORD.findall(run)) for run in _RUN.findall(str(text).lower())]  # not parted by punctuation
        if tuple(w for r in runs for w in r) in seen:
            continue  # a copy of a text says nothing new: a name is used across different texts
        seen.add(tuple(w for r in runs for w in r))
        for ws in runs:
            words.update(ws)
            pairs.update(zip(ws, ws[1:], strict=False))
    return frozenset((a, b) for (a, b), n in pairs.items()
                     if n >= MIN_COUNT and n >= MIN_SHARE * words[b] and a != b
                     and len(a) >= 3 and len(b) >= 3 and a not in stop and b not in stop)


def _next(doc, t):
    return doc[t.i + 1] if t.i + 1 < len(doc) else None


def cue_in_modifier(doc, span: tuple[int, int] | None, compounds: frozenset) -> bool:
    """Whether the cue ``span`` (character offsets) is only the first word of one of the study's
    names ("delay" of "Delay Repay")."""
    if not compounds or span is None:
        return False
    toks = [t for t in doc if span[0] <= t.idx < span[1] and t.is_alpha]
    if not toks:
        return False
    return all((n := _next(doc, t)) is not None and (t.lower_, n.lower_) in compounds and not
               (span[0] <= n.idx < span[1]) for t in toks)


def _insert(text: str, at: str, add: str, before: bool) -> str:
    """``text`` with ``add`` put after (or before) the first whole-word ``at``."""
    m = re.search(rf"(?<![\w-]){re.escape(at)}(?![\w-])", text, flags=re.IGNORECASE)
    if not m:
        return text
    if before:
        return f"{text[:m.start()]}{add} {text[m.start():]}"
    return f"{text[:m.end()]} {add}{text[m.end():]}"


def with_compounds(phrase, doc, compounds: frozenset):
    """``phrase`` with each of the study's names it cut made whole again: the word it left out
    is put back next to the word it kept, in its label and its aspect ('automatic delay repay',
    not 'automatic delay'); the aspect key becomes the name, so a theme of the scheme is not one
    of the word's other sense."""
    if phrase is None or not compounds or not phrase.tokens:
        return phrase
    kept = {t.i for t in phrase.tokens}
    label, aspect, key = phrase.label, phrase.aspect, phrase.aspect_key
    for t in sorted(phrase.tokens, key=lambda x: x.i):
        n = _next(doc, t)
        p = doc[t.i - 1] if t.i > 0 else None
        if n is not None and n.i not in kept and (t.lower_, n.lower_) in compounds:
            label = _insert(label, t.text, n.text, before=False)
            if aspect and aspect.split()[-1].lower() == t.lower_:
                aspect, key = f"{aspect} {n.text}", f"{t.lower_} {n.lower_}"
        elif p is not None and p.i not in kept and (p.lower_, t.lower_) in compounds:
            label = _insert(label, t.text, p.text, before=True)
            if aspect and aspect.split()[0].lower() == t.lower_:
                aspect, key = f"{p.text} {aspect}", f"{p.lower_} {t.lower_}"
    if (label, aspect, key) == (phrase.label, phrase.aspect, phrase.aspect_key):
        return phrase
    return replace(phrase, label=label, aspect=aspect, aspect_key=key)


def cue_past_names(texts: list[str], lang: str, compounds: frozenset) -> list[tuple[tuple[int, int], str] | None]:
    """For sentences whose pain-point cue was only a name's first word: the cue the tagger finds
    when the study's names are masked (letters of the same length, so offsets hold) — its span
    and class ('took 19 days' of "Claimed delay repay, took 19 days.", 'kept crashing' of
    "Claimed Delay Repay but form kept crashing"); None when the sentence holds no other pain
    point ("Let me claim delay repay in one tap" is a wish, "I put in a Delay Repay claim" an
    action)."""
    from . import tag_texts

    if not texts:
        return []
    masked = []
    for text in texts:
        out = text
        for a, b in compounds:
            out = re.sub(rf"(?<![\w-]){re.escape(a)}(?=\s+{re.escape(b)}(?![\w-]))",
                         lambda m: "Q" + "q" * (len(m.group(0)) - 1), out, flags=re.IGNORECASE)
        masked.append(out)
    _, tags = tag_texts(masked, lang=lang, ids=[str(i) for i in range(len(masked))], return_tags=True)
    found: list[tuple[tuple[int, int], str] | None] = [None] * len(texts)
    pains = tags[tags["label"].astype(str) == "pain_point"].sort_values(["doc_id", "start_char"], kind="stable")
    for d, a, b, cls in zip(pains["doc_id"], pains["start_char"], pains["end_char"], pains["value"], strict=True):
        i = int(d)
        if found[i] is None:
            found[i] = ((int(a), int(b)), str(cls))
    return found
