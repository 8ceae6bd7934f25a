"""The parts around a street address that English-speaking countries write, and their postcodes.

:func:`address_context` takes the addresses :func:`~workbench.privacy._address.find_addresses`
found and widens each to the whole of what singles out the household:

- a unit, flat, apartment, suite or shop before it, with an optional building or complex name
  ("Unit 1207 - 88 Harbord St", "Flat 17, Kestrel House, 9 Tower Hamlets Road", "Apt 12, The
  Maples, 4 Ardee Road", "Unit 4 Silver Oaks, 12 Jacaranda Close");
- a road number or letter after the street type ("Concession Rd 7", "County Road K") and a rural
  route, rural delivery, box or flat after it ("…, RR 2", "…, RD 1", "…, flat two-one");
- a street of any shape written right before a postcode ("Swettehûs 12, 9001 ZK Grou");
- the postcode that follows the address after its town, suburb, state or province, in any
  country's shape: four digits (AU, NZ, ZA), five or ZIP+4 (US), Canadian "A1A 1A1", Indian
  "600 020" ("PO Box 11872, Hatfield 0028": only after an address, so "in 2019" stays).

It also finds, with no address around them: Canadian postcodes (a shape no other number has;
lower case only when written with its space), house numbers said in words before a capitalised
street ("fifty-one Allison Street"), and a named house after an address cue ("the house is Rose
Cottage, Knockanure").
"""

from __future__ import annotations

import re

from ._lexicon import Lexicon
from ._town import postcode_and_town, town_after, town_after_postcode

__all__ = ["address_context", "find_postal"]

Hit = tuple[int, int, str]

_NUM_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
             r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
             r"hundred|oh|zero|double)")
_NUM_WORDS = _NUM_WORD + r"(?:[- ]" + _NUM_WORD + r"){0,3}"
_UNIT_NO = r"(?:#\s*)?(?:[A-Za-z]?\d{1,5}[A-Za-z]?|[A-Z](?![\w'])|" + _NUM_WORDS + r")"
_UNIT_WORD = r"(?i:flat|apt|apartment|unit|suite|ste|shop|level|lvl|villa|townhouse|cottage)\.?"
# before an address: "Unit 1207 - ", "Flat 17, Kestrel House, ", "Unit 4 Silver Oaks, ", "Unit " (+ "6/52")
_BEFORE = re.compile(
    r"\b" + _UNIT_WORD + r"(?:\s+(?i:no)\.?)?\s*(?:" + _UNIT_NO + r"(?:\s*[,\-–/]\s*|\s+)"
    r"(?:(?:The\s+)?(?:[A-Z][\w'’\-]*\s+){0,3}[A-Z][\w'’\-]*\s*,\s*)?)?$")
# a flat named by its floor or side, before an address: "Basement Flat, ", "Ground Floor Flat, The Mews, "
_WHICH_FLAT = re.compile(
    r"\b(?i:basement|(?:lower\s|upper\s)?ground[\s-]floor|first[\s-]floor|second[\s-]floor|top[\s-]floor|attic|"
    r"garden|upper|lower|rear|front)\s+(?i:flat|apartment|maisonette)\s*,\s*"
    r"(?:(?:The\s+)?(?:[A-Z][\w'’\-]*\s+){0,3}[A-Z][\w'’\-]*\s*,\s*)?$"
    # a named house before its street: "Rose Cottage, 4 Church Lane", "The Old Rectory, 2 Mill Lane"
    r"|(?:\bThe\s+)?\b(?:[A-Z][\w'’\-]+\s){1,2}(?:Cottage|House|Farm|Lodge|Villa|Barn|Hall|Manor|Rectory|Vicarage|"
    r"Croft|Bungalow|Mill)\s*,\s*$")
# after an address: a road number or letter, then a rural route / delivery, box or unit
_ROAD_NO = re.compile(r"\s(?:\d{1,3}|[B-HJ-Z])(?=\s*[,;.!?]|\s*$)")
_AFTER = re.compile(
    r"(?:\s*,\s*|\s+)(?:(?:RR|R\.R\.|RD|R\.D\.|(?i:rural route|rural delivery|rural road|r\.r\.|box|"
    r"flat|apt|apartment|unit|suite))\.?\s*(?:" + _UNIT_NO + r"))(?![\w'])")
_POSTCODE = re.compile(
    r"(\d{5}(?:-\d{4})?|\d{4}|[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d|[1-8]\d{2} \d{3})(?![\w\-/.,:]?\d|[\w\-])")
_GAP_WORD = re.compile(r"[,\s]*((?:(?:Co|St|Mt|Ft)\.\s+)?[^\W\d_][\w'’\-]*)(?:\s+\d{1,2}(?=\s*,))?")
_CA_POSTCODE = re.compile(
    r"(?<![\w\-])([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d"
    r"|(?i:[abceghj-nprstvxy]\d[abceghj-nprstv-z] \d[abceghj-nprstv-z]\d))(?![\w\-])")
_STREET_TYPE = (r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Court|Ct|Way|Place|Pl|Crescent|Terrace|"
                r"Gardens|Square|Grove|Row|Park|Hill|Walk|Mews|Parade|Quay|Boulevard|Blvd|Highway|Hwy|Wynd)")
_STREET_WORD = re.compile(r"\b" + _STREET_TYPE + r"\b")  # a quick look first: most texts have none
_SPOKEN_HOUSE = re.compile(
    r"(?i:\b(" + _NUM_WORDS + r"))\s+((?:[A-Z][\w'’\-]+\s){1,3}" + _STREET_TYPE + r")\b\.?")
_CUE = re.compile(r"(?i)\b(?:live|lives|lived|living|moved|address|house is|home is|it'?s at|send it to|"
                  r"deliver(?:ed)? to|door is)\b[\W\w]{0,14}$")
_HOUSE_NAME = re.compile(
    r"\b([A-Z][\w'’\-]+\s(?:Cottage|House|Farm|Lodge|Villa|Barn|Hall|Manor|Homestead|Croft|Bungalow))"
    r"(?:,\s*([A-Z][\w'’\-]+)(?=\s*,))?")
_HOUSE_HEAD = re.compile(r"(?:Cottage|House|Farm|Lodge|Villa|Barn|Hall|Manor|Homestead|Croft|Bungalow)\b")
_LDL = re.compile(r"[A-Za-z]\d[A-Za-z]")  # a quick look before the Canadian shape
_TEEN_OR_TENS = re.compile(r"(?i)eleven|twelve|teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|-")


def find_postal(text: str, lex: Lexicon) -> list[Hit]:
    """Canadian postcodes, house numbers in words, named houses (see the module docstring)."""
    out: list[Hit] = [(m.start(1), m.end(1), "postcode") for m in _CA_POSTCODE.finditer(text)
                      if any(c.isalpha() for c in m.group(1)[1:3])] if _LDL.search(text) else []
    for m in _SPOKEN_HOUSE.finditer(text) if _STREET_WORD.search(text) else ():
        cue = _CUE.search(text, max(0, m.start() - 40), m.start())
        if cue or _TEEN_OR_TENS.search(m.group(1)):  # "two Oxford Street shops" stays
            out.append((m.start(), m.end(), "address"))
    for m in _HOUSE_NAME.finditer(text) if _HOUSE_HEAD.search(text) else ():
        if _CUE.search(text, max(0, m.start() - 40), m.start()):
            end = m.end(2) if m.group(2) and m.group(2).lower() not in lex.towns else m.end(1)
            out.append((m.start(), end, "address"))
    return out


def _widen(text: str, s: int, e: int) -> tuple[int, int]:
    m = _BEFORE.search(text, max(0, s - 70), s) or _WHICH_FLAT.search(text, max(0, s - 70), s)
    if m:
        s = m.start()
    if re.search(r"(?i)\b(?:road|rd|highway|hwy|route|concession|line|sideroad)\.?$", text[s:e]):
        r = _ROAD_NO.match(text, e)
        if r:
            e = r.end()
    a = _AFTER.match(text, e)
    while a:
        e = a.end()
        a = _AFTER.match(text, e)
    return s, e


def _postcode_after(text: str, e: int) -> Hit | None:
    """The postcode after an address ending at ``e``, past one to five capitalised place words
    (town, suburb, state: "Toronto ON", "Te Aro, Wellington", "Co. Kerry", "Dublin 6"), with no
    sentence end between."""
    if text[e - 1:e] == "." and not text.startswith(",", e):
        return None  # "…at 12 Main Street. Then 2019 came": the full stop may end the sentence
    pos = e
    for i in range(6):
        if i:
            q = pos + len(text[pos:pos + 4]) - len(text[pos:pos + 4].lstrip(" ,"))
            m = _POSTCODE.match(text, q)
            if m:
                return m.start(1), m.end(1), "postcode"
        w = _GAP_WORD.match(text, pos)
        if not w or not w.group(1)[0].isupper() or re.search(r"[\n!?;:]|(?<!Co)\.\s", text[pos:w.end()]):
            return None
        pos = w.end()
    return None


_NAME_WORD = r"(?:[A-ZÀ-ÖØ-Þ][\w'’\-]*|van|de|der|den|het|du|des|la|le|y|yr)"
# a street of any shape in a postal line, as the words and house number right before a postcode:
# "Swettehûs 12, 9001 ZK Grou" (Frisian), "Ulica Długa 5, …", "Chemin des Vignes 4, 1009 Pully"
_LINE = re.compile(r"(?<![\w'’\-])(" + _NAME_WORD + r"(?:\s" + _NAME_WORD + r"){0,3}\s\d{1,5}[a-zA-Z]?"
                   r"(?:[-/]\d{1,4}[a-zA-Z]?)?)\s*,?\s*$")


def _street_before(text: str, s: int, lex: Lexicon) -> Hit | None:
    """The street and house number written right before the postcode at ``s``, whatever the
    street is called: its name opens with a capital and its last word is no ordinary word
    ("Order 12345, 1234 AB" is no address)."""
    m = _LINE.search(text, max(0, s - 60), s)
    if not m or not m.group(1)[0].isupper():
        return None
    words = re.findall(r"[^\W\d_][\w'’\-]*", m.group(1))
    last = words[-1].lower() if words else ""
    if not last or last in lex.vocab or last in lex.never or last in lex.first or last in lex.keep \
            or last in lex.towns:  # "Dublin 6, D06 K7P3": a town and its district
        return None
    return m.start(1), m.end(1), "address"


def address_context(text: str, hits: list[Hit], lex: Lexicon) -> list[Hit]:
    """Wider address spans and the postcodes after them (see the module docstring)."""
    out: list[Hit] = []
    for s, e, kind in hits:
        if kind == "postcode":
            street = _street_before(text, s, lex)
            if street:
                out.append(street)
            town = town_after_postcode(text, e, lex)
            if town:
                out.append((*town, "address"))
            continue
        if kind != "address":
            continue
        s2, e2 = _widen(text, s, e)
        pc = _postcode_after(text, e2)
        if pc:  # the town, suburb, state between street and postcode belong to the address line
            out.append(pc)
            e2 = max(e2, len(text[:pc[0]].rstrip(" ,")))
        else:
            both = postcode_and_town(text, e2, lex)
            if both:  # "22 Rue de Rivoli, 75001 Paris"
                out += [(*both[0], "postcode"), (*both[1], "address")]
            else:
                e2 = town_after(text, e2, lex)
        if (s2, e2) != (s, e):
            out.append((s2, e2, "address"))
    return out
