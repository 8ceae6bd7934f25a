"""Find personal data in a text: fixed shapes, addresses, names (deduce for Dutch + our rules).

:func:`detect` returns non-overlapping :class:`Span` s. When two finders claim overlapping text,
the more specific kind wins (an e-mail address over the name inside it, an address over the
street's namesake), then the longer span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ._lexicon import lexicon
from ._patterns import find_patterns
from ._person import person_span
from ._rules import find_addresses, find_names

__all__ = ["Span", "KINDS", "detect"]

KINDS = ("email", "url", "iban", "national_id", "phone", "plate", "postcode", "address", "date", "number",
         "person")
_RANK = {k: i for i, k in enumerate(KINDS)}


@dataclass(frozen=True)
class Span:
    """A piece of personal data: ``text[start:end]`` of ``kind`` (one of :data:`KINDS`)."""

    start: int
    end: int
    kind: str
    text: str


# A sentence needs deduce only when it has something deduce could call a name: a capitalised
# word after its first word, a title, or an initial. Most customer sentences have none.
_DEDUCE_GATE = re.compile(r"(?<=[^\s.!?:])[ \t,;'\"(]+[A-Z\u00C0-\u00DE]|\b[A-Z]\.|^\W*[A-Z][a-z]+\s+[A-Z]", re.M)


def _deduce_hits(text: str) -> list[tuple[int, int, str]]:
    from ._deduce import deduce_names

    hits: list[tuple[int, int, str]] = []
    for m in re.finditer(r"[^\n.!?]+[.!?]*", text):
        chunk = m.group()
        if _DEDUCE_GATE.search(chunk):
            hits.extend((m.start() + a, m.start() + b, k) for a, b, k in deduce_names(chunk))
    return hits


@lru_cache(maxsize=4)
def _keep_pattern(words: frozenset[str]) -> re.Pattern:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w@])(?:{alts})(?![\w@])", re.I)


def detect(text: str, lang: str = "nl", *, known: tuple[str, ...] = (), keep: tuple[str, ...] = (),
           names_engine: str = "auto") -> list[Span]:
    """Every piece of personal data in ``text``, sorted, without overlaps.

    Parameters
    ----------
    text : str
    lang : {"nl", "en"}
        Which word lists and rules apply (fixed shapes are found in both).
    known : tuple of str
        Names known to be people (the study's speakers, names marked "scrub").
    keep : tuple of str
        Phrases that are never personal data here (brands, products; marks "keep").
    names_engine : {"auto", "rules"}
        "auto": Dutch names also through deduce; "rules": our rules only.

    >>> [(s.text, s.kind) for s in detect("Mevrouw de Jong belde vanaf 06-12345678.")]
    [('de Jong', 'person'), ('06-12345678', 'phone')]
    """
    if not isinstance(text, str) or not text.strip():
        return []
    lex = lexicon(lang)
    hits = list(find_patterns(text, lex.keep, lex.towns))
    hits += find_addresses(text, lex)
    hits += find_names(text, lex, known)
    if lang != "en" and names_engine == "auto":
        hits += _deduce_hits(text)
    known_low = {k.lower() for k in known}
    keep_words = lex.keep | {k.lower() for k in keep}
    kept = [(m.start(), m.end()) for m in _keep_pattern(frozenset(keep_words)).finditer(text)] if keep_words else []
    spans: list[tuple[int, int, str]] = []
    for s, e, kind in hits:
        if kind == "person":
            span = person_span(text, s, e, lex, kept, known_low)
            if span is None:
                continue
            s, e = span
        spans.append((s, e, kind))
    return _resolve(text, spans)


def _resolve(text: str, spans: list[tuple[int, int, str]]) -> list[Span]:
    """Drop spans overlapping a better one (specific kind first, then longer)."""
    order = sorted(set(spans), key=lambda x: (_RANK[x[2]], -(x[1] - x[0]), x[0]))
    taken: list[tuple[int, int, str]] = []
    for s, e, k in order:
        clash = [t for t in taken if s < t[1] and t[0] < e]
        if not clash:
            taken.append((s, e, k))
        elif k == "person" and all(t[2] == "person" for t in clash):
            continue
        elif k in ("address", "person") and all(t[2] == k for t in clash):
            continue
    taken.sort()
    merged: list[tuple[int, int, str]] = []
    for s, e, k in taken:  # "Jan" + "de Vries" found apart, or address pieces: join when only a space apart
        if merged and merged[-1][2] == k and k in ("person", "address") and text[merged[-1][1]:s].strip() == "":
            merged[-1] = (merged[-1][0], e, k)
        else:
            merged.append((s, e, k))
    return [Span(s, e, k, text[s:e]) for s, e, k in merged]
