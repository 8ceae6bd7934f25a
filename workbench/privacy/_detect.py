"""Find personal data in a text: fixed shapes, addresses, names (deduce for Dutch + our rules).

:func:`detect` returns non-overlapping :class:`Span` s. When two finders claim overlapping text,
the more specific kind wins (an e-mail address over the name inside it, an address over the
street's namesake), then the longer span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ._lexicon import Lexicon, lexicon
from ._patterns import find_patterns
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


def _trim_title(text: str, s: int, e: int, lex: Lexicon) -> int:
    """Move the start of a person span past titles, cue and ordinary words ("mevrouw", "Mr.",
    "de heer", "collega", "Volgens")."""
    while True:
        m = re.match(r"([^\W\d_]+)\.?,?\s+", text[s:e])
        if not m:
            return s
        word = m.group(1).lower()
        if word in lex.titles or (word == "de" and text[s + m.end():e].lower().startswith("heer")) or (
                word not in lex.interfix and (word in lex.cues or word in lex.never or (
                    word in lex.words and word not in lex.first and word not in lex.surname))):
            s += m.end()
            continue
        return s


_WEAK = frozenset({"to", "from", "with", "via", "met", "naar", "namens", "spoke", "speak", "talked", "talk", "asked",
                   "ask", "thanks", "thank", "sprak", "gesproken", "gebeld", "belde", "vroeg", "cheers", "regards",
                   "groetjes", "groeten", "gr", "mvg"})


def _strong_before(text: str, s: int, lex: Lexicon) -> bool:
    """A title or a kin/role word right before ``s`` ("Mrs. Fletcher", "mijn opa Otto"): a name
    even when a brand has the same name."""
    words = re.findall(r"[^\W\d_]+", text[max(0, s - 30):s])
    tail = text[max(0, s - 30):s].rstrip(" .,")
    if not words or not tail.lower().endswith(words[-1].lower()):
        return False
    w = words[-1].lower()
    return w in lex.titles or (w in lex.cues and w not in _WEAK)


_ARTICLE_BEFORE = re.compile(r"(?:^|[\s(])(?:de|het|'t|een|the|a|an)\s+$")
_TO_PLACE = re.compile(r"(?i)\b(?:to|from|at|via|naar|vanuit)\s+$")
_IN_PLACE = re.compile(r"(?i)\b(?:in|naar|uit|te|richting|near|outside|around)\s+$")


@lru_cache(maxsize=4)
def _brand_before_rx(keep: frozenset[str]) -> re.Pattern:
    alts = "|".join(re.escape(w) for w in sorted(keep, key=len, reverse=True))
    return re.compile(rf"(?i)(?<![\w@])(?:{alts})\s+$")


def _BRAND_BEFORE(lex: Lexicon) -> re.Pattern:  # noqa: N802
    return _brand_before_rx(lex.keep)


_OF_TOWN = re.compile(r"(?:van|uit|naar|in|te|bij|from|of|to|in|near)\s+(.+)$")


def _not_a_person(text: str, s: int, low: str, lex: Lexicon) -> bool:
    """A found "name" that reads as something else here: a place ("Brussel", "centrum van
    Brussel"), an ordinary word (deduce's "Engels"), or a capitalised word after an article
    ("bij de Dirk", "the Bureaus": a shop, a business)."""
    of = _OF_TOWN.match(low)
    core = of.group(1) if of else low
    if core in lex.places or core in lex.towns:
        # a first name that is also a town is a person unless the town reading is spelled out
        before = text[max(0, s - 12):s]
        if core not in lex.first or of or _IN_PLACE.search(before) or (
                core in lex.cities and _TO_PLACE.search(before)):
            return True  # "in Sydney", "flew to Sydney" (a big city); "according to Gary" stays a name
    if _BRAND_BEFORE(lex).search(text[max(0, s - 40):s]):
        return True  # "Ikea Billy", "Gazelle Chamonix": a product of a brand
    if re.match(r"\s+(?:NSW|VIC|QLD|TAS|ACT|WA|SA|NT|[A-Z]{2})\s+\d{4,5}\b", text[s + len(low):]):
        return True  # "Bondi NSW 2026", "Springfield IL 62704": a town before a state and postcode
    if " " not in low and low in lex.never and low not in lex.first:
        return True
    return bool(_ARTICLE_BEFORE.search(text[max(0, s - 6):s])) and not (
        low.endswith("s") and low[:-1] in lex.surname)


def _trim_tail(text: str, s: int, e: int, lex: Lexicon) -> int:
    """Move the end of a person span back over ordinary words and dangling interfixes
    ("Sarah Johnson van het Engelse" -> "Sarah Johnson") and trailing punctuation."""
    while True:
        while e > s and text[e - 1] in " .,-'’":
            e -= 1
        m = re.search(r"\s([^\s]+)$", text[s:e])
        if not m:
            return e
        last = m.group(1).lower()
        if last in lex.interfix or last in lex.never or (last in lex.words and last not in lex.surname):
            e = s + m.start()
            continue
        return e


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
            s = _trim_title(text, s, e, lex)
            e = _trim_tail(text, s, e, lex)
            if e <= s or any(s < ke and ks < e for ks, ke in kept) and not _strong_before(text, s, lex):
                continue  # part of a brand or product ("Ben & Jerry's", "stofzuiger van Bosch")
            if re.search(r"\b[1-9]\d{3}\s*$", text[max(0, s - 8):s]):
                continue  # "2000 Antwerpen": the place after a postcode
            low = text[s:e].lower()
            if low in lex.titles or low in lex.interfix or low in known_low:
                spans.append((s, e, kind)) if low in known_low else None
                continue
            if not _strong_before(text, s, lex) and _not_a_person(text, s, low, lex):
                continue
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
