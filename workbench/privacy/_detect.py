"""Find personal data in a text: fixed shapes, addresses, names (deduce for Dutch + our rules).

:func:`detect` returns non-overlapping :class:`Span` s. When two finders claim overlapping text,
the more specific kind wins (an e-mail address over the name inside it, an address over the
street's namesake), then the longer span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ._address import find_addresses
from ._asides import record_names
from ._contact import brand_handle, company_site, written_url
from ._learned import learned_names
from ._lexicon import lexicon
from ._patterns import find_patterns, find_spoken
from ._person import person_span, strong_before
from ._postal import address_context, find_postal
from ._rules import find_names

__all__ = ["Span", "KINDS", "detect", "rule_hits"]

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


@lru_cache(maxsize=8)
def _keep_index(words: frozenset[str]) -> tuple[dict[str, re.Pattern], re.Pattern | None]:
    """Keep phrases by their first word (lower case), each group one anchored pattern; phrases
    that start with a sign ("& other stories") in one pattern of their own."""
    groups: dict[str, list[str]] = {}
    odd: list[str] = []
    for w in words:
        m = re.match(r"\w+", w)
        if m:
            groups.setdefault(m.group().lower(), []).append(w)
        else:
            odd.append(w)

    def rx(items: list[str]) -> re.Pattern:
        alts = "|".join(re.escape(x) for x in sorted(items, key=len, reverse=True))
        return re.compile(rf"(?:{alts})(?![\w@])", re.I)

    return {k: rx(v) for k, v in groups.items()}, (rx(odd) if odd else None)


def _keep_spans(text: str, words: frozenset[str]) -> list[tuple[int, int]]:
    """Where a keep phrase (brand, product, a study's "keep" mark) stands in ``text``."""
    index, odd = _keep_index(words)
    out = []
    for m in re.finditer(r"(?<![\w@])\w+", text):
        rx = index.get(m.group().lower())
        hit = rx.match(text, m.start()) if rx is not None else None
        if hit:
            out.append((hit.start(), hit.end()))
    if odd is not None:
        out += [(m.start(), m.end()) for m in odd.finditer(text)]
    return out


def rule_hits(text: str, lang: str = "nl", known: tuple[str, ...] = (),
              names_engine: str = "auto") -> list[tuple[int, int, str]]:
    """What the rules (and deduce for Dutch) find, before overlaps are resolved and person spans
    checked: ``(start, end, kind)``. The learned name model reads these as features."""
    lex = lexicon(lang)
    hits = list(find_patterns(text, lex.keep, lex.towns))
    hits += find_spoken(text, lang, lex.keep, lex.towns)
    hits += find_addresses(text, lex)
    hits += find_postal(text, lex)
    hits += address_context(text, hits, lex)
    hits += find_names(text, lex, known)
    hits += record_names(text, hits, lex)
    if lang != "en" and names_engine != "rules":
        hits += _deduce_hits(text)
    return hits


def detect(text: str, lang: str = "nl", *, known: tuple[str, ...] = (), keep: tuple[str, ...] = (),
           own: tuple[str, ...] = (), names_engine: str = "auto") -> list[Span]:
    """Every piece of personal data in ``text``, sorted, without overlaps.

    Parameters
    ----------
    text : str
    lang : {"nl", "en"}
        Which word lists and rules apply (fixed shapes are found in both).
    known : tuple of str
        Names known to be people (the study's speakers, names marked "scrub").
    keep : tuple of str
        Phrases that are never personal data here (brands, products; marks "keep"); one said of
        as a person ("according to Zara", "Otto said") still is.
    own : tuple of str
        The study's own names (its brand or product, ``[privacy] keep``): no person even before a
        verb that takes one ("Penny blocked the payment"), only after a title or kin word.
    names_engine : {"auto", "lists", "rules"}
        "auto": Dutch names also through deduce, both languages also through the learned name
        model (:mod:`._learned`); "lists": deduce and the rules, no model; "rules": our rules only.

    >>> [(s.text, s.kind) for s in detect("Mevrouw de Jong belde vanaf 06-12345678.")]
    [('de Jong', 'person'), ('06-12345678', 'phone')]
    """
    if not isinstance(text, str) or not text.strip():
        return []
    lex = lexicon(lang)
    hits = rule_hits(text, lang, known, names_engine)
    if names_engine == "auto":
        hits += learned_names(text, lex, hits)
    known_low = {k.lower() for k in known}
    # "@Liam O'Connor-Byrne" in workplace chat: a mention of a person by full name, not a handle
    full = {(s, e) for s, e, k in hits if k == "person"}
    hits = [h for h in hits if not (h[2] == "url" and text[h[0]] == "@" and any(
        s == h[0] + 1 and e > h[1] and " " in text[s:e] for s, e in full))]
    kept = None
    own_at = _keep_spans(text, frozenset(k.lower() for k in own)) if own else []
    spans: list[tuple[int, int, str]] = []
    for s, e, kind in hits:
        if kind == "url" and (brand_handle(text[s:e], lex) if text[s] == "@" else (
                written_url(text[s:e], lex) is None or company_site(written_url(text[s:e], lex), lex))):
            continue
        if kind == "person":
            if kept is None:
                kept = _keep_spans(text, lex.keep | {k.lower() for k in keep} if keep else lex.keep)
            span = person_span(text, s, e, lex, kept, known_low)
            if span is None or any(a <= span[0] and span[1] <= b for a, b in own_at) and not strong_before(
                    text, span[0], lex):
                continue
            s, e = span
        spans.append((s, e, kind))
    return _resolve(text, spans)


def _resolve(text: str, spans: list[tuple[int, int, str]]) -> list[Span]:
    """Drop spans overlapping a better one (specific kind first, then longer)."""
    addresses = [(s, e) for s, e, k in spans if k == "address"]
    # a number inside an address read as a postcode ("Unit 1206" after a street) is part of the address
    spans = [(s, e, k) for s, e, k in spans if k not in ("postcode", "number") or not any(
        a <= s and e <= b and b - a > e - s for a, b in addresses)]
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


def learned_spans(text: str, lang: str = "nl") -> list[Span]:
    """The learned name model's person spans alone, after the same person checks as in
    :func:`detect` — to add the model to another finder's spans when measuring."""
    if not isinstance(text, str) or not text.strip():
        return []
    lex = lexicon(lang)
    kept = _keep_spans(text, lex.keep)
    out = []
    for s, e, _ in learned_names(text, lex, rule_hits(text, lang)):
        span = person_span(text, s, e, lex, kept, set())
        if span is not None:
            out.append(Span(span[0], span[1], "person", text[span[0]:span[1]]))
    return out
