"""The town (and county, state or province) of an address line.

A town written as part of an address singles out the household together with the street, so it
is scrubbed with it; a town in running text ("ik woon in Utrecht", "the shop in Leeds") stays,
because researchers need it. A town is part of an address line when it follows

- a street and house number, after a comma or a space, or after "te" ("14 Elm Road, Leeds",
  "41 Kingsway Manchester", "Kerkstraat 12 te Gouda", "1 Main St, Springfield, IL 62704"):
  the town joins the address span, with a county, state or province after it ("Buffalo, NY",
  "Ballincollig, Co. Cork", "Bondi NSW");
- a postcode (the Dutch and Belgian order: "3512 AB Utrecht", "8000 Brugge", and British
  "EH10 4HN Edinburgh"): the town is an address span of its own after the postcode (in a chat
  typed in lower case too, when it ends the clause: "1234ab dorpsveld").

A town from the place lists (deduce's Dutch places, GeoNames) may have several words ("Den Haag",
"Bergen op Zoom", "Newcastle upon Tyne", "Milton Keynes"); a town the lists do not know
("Hebden Bridge", "Bondi") counts when it stands where a town stands — after a comma behind the
street, before a postcode or a state — and is no ordinary word and no first name ("12 Main
Street, Sarah": a person spoken to; "…, Thanks").
"""

from __future__ import annotations

import re

from ._lexicon import Lexicon

__all__ = ["town_after", "town_after_postcode", "postcode_and_town"]

_WORD = re.compile(r"(?:['’]s-|(?:St|Ste|Mt|Ft)\.?[ ])?[A-ZÀ-ÖØ-Þ](?:[^\W\d_]|['’])*(?:-(?:[^\W\d_]|['’])+)*(?![\w\-])")
_LINK = re.compile(r"\s(?:(?:upon|on|op|aan|den|de|der|van|la|le|les|sur|en|under|next|the|am|an|im|bij)\s){0,3}")
_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH "
    "OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY "  # United States
    "NSW VIC QLD SA WA TAS NT ACT "  # Australia
    "ON QC BC AB MB SK NS NB NL PE YT NU".split())  # Canada
# British counties without "-shire" (and Northern Irish ones), said after the town
_COUNTIES = (r"Sussex|Essex|Kent|Surrey|Norfolk|Suffolk|Devon|Cornwall|Dorset|Somerset|Cumbria|Durham|"
             r"Northumberland|Merseyside|Middlesex|Rutland|Tyne and Wear|Manchester|Midlands|Fife|Lothian|"
             r"Glamorgan|Gwynedd|Powys|Dyfed|Clwyd|Antrim|Armagh|Tyrone|Fermanagh|Highland|Isle of Wight")
_STATE = re.compile(
    r"(,\s*|\s)((?P<code>[A-Z]{2,3})(?![\w'’\-])|(?:Co\.?|County)\s[A-Z][\w'’\-]+"
    r"|(?:(?:North|South|East|West|Mid|Greater)\s)?(?:[A-Z][a-z]+shire|" + _COUNTIES + r")\b"
    r"|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")
_DISTRICT = re.compile(r"\s\d{1,2}(?=\s*[,;.!?)]|\s*$)")  # "Dublin 6", "Dublin 6, D06 K7P3"
_BOUNDARY = re.compile(r"\s*(?:[,;:.!?)\-–—]|$|\s[a-z]|\d|[A-Z]{1,2}\d)")  # then a postcode


_AFTER_STREET = re.compile(r",[ \t]*|[ \t]+(?:te[ \t]+)?")  # between a street's number and its town
_AFTER_POSTCODE = re.compile(r",?[ \t]+")
_COUNTY_WORD = re.compile(r"shire$|" + _COUNTIES)
_LOWER_TOWN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*(?=\s*(?:[,;.!?)]|$))")


def _town(text: str, pos: int, lex: Lexicon, loose: bool) -> int | None:
    """End of the town written at ``pos``: the longest run of capitalised words (with "upon",
    "op", "aan den" between) that the place lists know — not a listed first name that speaks
    ("…, Kent said"); when ``loose`` also a longer run of up to three capitalised words ("Nether
    Stowey" past a listed "Nether") that are no ordinary words (unless a county follows) and open
    with no first name, followed by a boundary."""
    ends = town_words(text, pos)
    if not ends:
        return None
    known = known_end(text, pos, ends, lex.towns)
    nxt = re.match(r"[ \t]+([a-z]+)", text[known:known + 20]) if known else None
    if known and text[pos:known].lower() in lex.first and nxt and nxt.group(1) in lex.verb_forms:
        return None  # "12 High Street, Kent said no": a person who speaks
    if not loose:
        return known
    plain = [e for e in ends if not re.search(r"\s[a-z]", text[pos:e])]  # no "op", "upon" in an unknown town
    for e in reversed(plain[:3]):  # the whole run of capitals ("Nether Stowey"), not a listed first part
        if known and e <= known:
            break
        words = [w.lower() for w in re.findall(r"[\w'’\-]+", text[pos:e])]
        county = _state(text, e, lex) > e
        if words[0] in lex.first or words[0] in lex.never or words[0] in lex.keep or all(
                w in lex.vocab for w in words) and not county:  # "Little Snoring, Norfolk": a county says town
            continue
        if _BOUNDARY.match(text, e) or county:
            return e
    return known


def known_end(text: str, pos: int, ends: list[int], names: frozenset[str]) -> int | None:
    """The longest of ``text[pos:e]`` for ``e`` in ``ends`` that ``names`` holds ("Bergen op Zoom"
    before "Bergen"; "St. Albans" as "st albans")."""
    for e in reversed(ends):
        if re.sub(r"\.(?=\s)|(?<=\s)\s+", "", text[pos:e].replace("’", "'")).lower() in names:
            return e
    return None


def town_words(text: str, pos: int) -> list[int]:
    """Where a town's name written at ``pos`` may end: after each of up to four capitalised words
    (with "upon", "op", "aan den" between)."""
    m = _WORD.match(text, pos)
    if not m:
        return []
    ends = [m.end()]
    while len(ends) < 4:
        link = _LINK.match(text, ends[-1])
        nxt = _WORD.match(text, link.end()) if link else None
        if not nxt:
            break
        ends.append(nxt.end())
    return ends


def _state(text: str, e: int, lex: Lexicon) -> int:
    """``e`` moved past a county, state or province after a town ("…, NY", "… NSW", ", Co. Cork",
    ", West Yorkshire", ", Illinois"), or past a Dublin district number."""
    d = _DISTRICT.match(text, e)
    if d:
        return d.end()
    m = _STATE.match(text, e)
    if not m:
        return e
    if m.group("code"):
        return m.end() if m.group("code") in _STATES else e
    word = m.group(2)
    if word.startswith(("Co", "County")) or _COUNTY_WORD.search(word) or word.lower() in lex.cities:
        return m.end()
    return e


def town_after(text: str, end: int, lex: Lexicon) -> int:
    """``end`` of an address moved past the town of its address line, if one follows: after a
    comma (a town the lists know, or one where only a town stands), after a space or "te" (a
    known town)."""
    m = _AFTER_STREET.match(text, end)
    if not m or m.end() >= len(text):
        return end
    comma = text[end] == ","
    e = _town(text, m.end(), lex, loose=comma)
    return _state(text, e, lex) if e else end


def town_after_postcode(text: str, end: int, lex: Lexicon) -> tuple[int, int] | None:
    """The town written right after a postcode ending at ``end`` ("3512 AB Utrecht", "8000
    Brugge", "EH10 4HN, Edinburgh"): its ``(start, end)``, with a state or province after it."""
    m = _AFTER_POSTCODE.match(text, end)
    if not m:
        return None
    e = _town(text, m.end(), lex, loose=True)
    if e:
        return m.end(), _state(text, e, lex)
    low = _LOWER_TOWN.match(text, m.end())  # typed in lower case, ending the line: "1234ab dorpsveld"
    if low and (low.group() in lex.towns or low.group() not in lex.vocab and low.group() not in lex.never):
        return low.span()
    return None


_NUMBER_POSTCODE = re.compile(r",?[ \t]*((?:[A-Z]-)?\d{4,5})[ \t]+")


def postcode_and_town(text: str, end: int, lex: Lexicon) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A postcode of four or five digits and a known town right after an address ending at
    ``end`` ("22 Rue de Rivoli, 75001 Paris", "Hauptstraße 5, 10115 Berlin"): their spans."""
    m = _NUMBER_POSTCODE.match(text, end)
    if not m:
        return None
    e = _town(text, m.end(), lex, loose=False)
    return (m.span(1), (m.end(), _state(text, e, lex))) if e else None
