"""Numbers and codes tied to a person, found by the word before them; licence plates.

A number after its cue word is personal data whatever its shape or check digit ("klantnummer bij
Menzis is 2048 771 39", "Policy number AV-3371948-02 with Aviva", "booking reference is K7XQ2P",
"MPRN 10009876543"): the cue words are in ``workbench/data/privacy/id_cues.txt``. Between cue
and code may stand "is", ":", "nr", a possessive, a preposition and a company's name.

Licence plates: the fourteen Dutch sidecodes with dashes, and without dashes in the plate
alphabet (no vowels: "XVG47T"); Belgian 1-ABC-234 and 1ABC234 (also the Californian shape,
8KDR294); British AB12 CDE; Irish 191-D-12345 with a county code; any plate-shaped code after a
cue word ("kenteken", "nummerplaat", "reg", "rego", "plate": "rego DK 93 RT").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ._contact import service_number

__all__ = ["find_cued_ids", "find_loose_ids", "find_plates", "service_number"]

Hit = tuple[int, int, str]

_FILLER = frozenset({
    "is", "was", "are", "were", "nr", "no", "number", "nummer", "num", "bij", "van", "with", "at", "for", "of",
    "from", "on", "my", "our", "your", "his", "her", "their", "mijn", "onze", "ons", "zijn", "haar", "hun", "uw",
    "de", "het", "the", "a", "an", "een", "new", "old", "nieuwe", "oude", "nog", "still", "again", "steeds", "nu",
    "now", "staat", "stond", "listed", "under", "itself", "zelf", "code", "ending", "ends", "eindigt", "eindigend",
    "op", "in"})
_WORD = re.compile(r"[\s:#=(\-–]*([^\W\d_][\w'’&]*)\.?")
_VALUE = re.compile(r"(?:['’]s)?[\s:#=(]*((?:[A-Z]{1,4} |[A-Za-z]{1,5}[-/]?)?\d[\dA-Za-z]*(?:(?:[-./]|[ ](?=[A-Za-z]?\d))[\dA-Za-z]+)*"
                    r"(?: [A-Z]\b)?)")
_AFTER_UNIT = re.compile(r"(?i)\s*(?:%|euro|eur\b|dollars?|pounds?|quid|bucks|cents?|pence|p\b|km|kg|uur|hours?|"
                         r"minut|min\b|dagen|days?|weken|weeks?|maanden|months?|jaar|years?|keer|times|x\b)")
_CURRENCY_BEFORE = re.compile(r"[€$£]\s*$")
_SENT_GAP = re.compile(r"[.!?;\n]")
_DIGIT = re.compile(r"\d")


def _sections() -> dict[str, frozenset[str]]:
    from ._lexicon import read_sections

    return read_sections("id_cues")


@lru_cache(maxsize=1)
def _cue_rx() -> tuple[re.Pattern, frozenset[str]]:
    sec = _sections()
    cues = sorted(sec["national"] | sec["account"], key=len, reverse=True)
    alts = "|".join(re.escape(c).replace(r"\ ", r"[\s\-]?") for c in cues)
    return re.compile(rf"(?i)(?<![\w\-])(?:{alts})(?![\w\-])(?:(?<=no|nr)\.|(?<=ref)\.)?"), sec["national"]


def _plausible(value: str, text: str, start: int, end: int) -> bool:
    """A code, not an amount, a time, a year or an ordinary word."""
    digits = sum(c.isdigit() for c in value)
    letters = sum(c.isalpha() for c in value)
    if digits >= 4:
        if re.fullmatch(r"(?:19|20)\d{2}", value) or re.fullmatch(r"\d{1,2}[.:]\d{2}", value) or _dateish(value):
            return False  # a year, a time, a date
    elif not (len(value) >= 5 and digits >= 2 and letters and value.upper() == value):
        return False  # "K7XQ2P" yes, "3 items" or "2b" no
    return not (_CURRENCY_BEFORE.search(text[max(0, start - 3):start]) or _AFTER_UNIT.match(text, end))


def find_cued_ids(text: str) -> Iterator[Hit]:
    """``(start, end, kind)`` of every code after an ID cue word; kind "national_id" or "number".

    >>> text = "Mijn klantnummer bij Menzis is 2048 771 39 en mijn order van 2023 kwam niet."
    >>> [(text[a:b], k) for a, b, k in find_cued_ids(text)]
    [('2048 771 39', 'number')]
    """
    if _DIGIT.search(text) is None:
        return
    rx, national = _cue_rx()
    for m in rx.finditer(text):
        cue = m.group().lower().rstrip(".")
        kind = "national_id" if " ".join(cue.replace("-", " ").split()) in national or cue in national else "number"
        pos, other, last = m.end(), 0, ""
        for _ in range(7):
            v = _VALUE.match(text, pos)
            if v and not _SENT_GAP.search(text, pos, v.start(1)):
                value = v.group(1).rstrip(".-/")
                end = v.start(1) + len(value)
                said = not other or last in ("is", "was", "are", "were", "nummer", "number", "nr", "no", "ending", "ends",
                                             "eindigt", "op", "in") or \
                    ":" in text[pos:v.start(1)]
                if said and _plausible(value, text, v.start(1), end):
                    yield v.start(1), end, kind
                break
            w = _WORD.match(text, pos)
            if not w or _SENT_GAP.search(text, pos, w.start(1)):
                break
            last = w.group(1).lower()
            if last not in _FILLER and not w.group(1)[:1].isupper():
                other += 1  # "reference on the letter is CLM/2023/55817": then it must be "is" before the code
                if other > 2:
                    break
            pos = w.end()


# Any long number or letter-digit code is an identifier unless its context says it is something else.
_LONG_DIGITS = re.compile(r"(?<![\w.,/\-+€$£₹#@])(?:[A-Z]{1,4}[ \-])?\d+(?:(?:[ ]|[ ]?[./\-][ ]?)\d+)*(?!\w|[.,/\-]\d)")
_CODE = re.compile(r"(?<![\w.\-/@])[A-Za-z0-9]+(?:[\-/.][A-Za-z0-9]+)*(?![\w@]|[\-/.][A-Za-z0-9])")
_AMOUNT = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*(?:[.,]\d{1,2})?")
_MONEY_BEFORE = re.compile(r"(?i)(?:[€$£₹]|\b(?:eur|euro|usd|gbp|inr|rs\.?|aud|nzd|cad))\s*$")
_UNIT_AFTER = re.compile(
    r"(?i)\s*(?:%|procent|percent|euro|eur\b|dollars?|pounds?|quid|rupees?|lakhs?|crores?|cents?|pence|"
    r"km|kg|mb|gb|tb|kb|mbps|gbps|kwh|mwh|m3|m²|m2|liters?|litres?|ml|mg|stuks|items|points|punten|"
    r"miles|mijl|followers|volgers|views|likes|steps|stappen|calories|subscribers|users|gebruikers|klanten|"
    r"customers|people|mensen|inwoners|residents|households|huishoudens|downloads|times|keer)\b")
_PRODUCT_WORDS = frozenset({"model", "modelnummer", "type", "typenummer", "serie", "series", "versie", "version",
                            "firmware", "artikel", "artikelnummer", "art", "sku", "part", "onderdeel", "v", "ver",
                            "error", "fout", "foutcode", "foutmelding", "errorcode", "update", "build"})
_MODEL_SHAPE = re.compile(r"[A-Za-z]+[\- ]?\d{1,4}|\d{1,5}[A-Za-z]{1,4}|\d{1,4}(?:st|nd|rd|th|e|de|ste)")
_TIME_RANGE = re.compile(r"(?:[01]?\d|2[0-3])[.:][0-5]\d\s?[\-–]\s?(?:[01]?\d|2[0-3])[.:][0-5]\d")
def _dateish(value: str) -> bool:
    """A date, a span of years or of times written with digits ("12.03.2024", "2019-2023", "0900-1730")."""
    groups = re.split(r"[ ./\-]+", value)
    if len(groups) > 1 and all(re.fullmatch(r"(?:19|20)\d{2}", g) for g in groups):
        return True
    if len(groups) > 1 and all(re.fullmatch(r"(?:[01]\d|2[0-3])[0-5]\d", g) for g in groups):
        return True
    if len(groups) == 3 and all(g.isdigit() for g in groups):
        d, m, y = (int(x) for x in (groups if len(groups[0]) <= 2 else groups[::-1]))
        return 1 <= d <= 31 and 1 <= m <= 12 and (len(groups[2]) in (2, 4) or len(groups[0]) == 4)
    return False


def _other_reading(text: str, start: int, end: int) -> bool:
    """A number whose context makes it an amount, a quantity or a date, not an identifier."""
    value = text[start:end]
    if _AMOUNT.fullmatch(value) or _dateish(value) or _TIME_RANGE.fullmatch(value):
        return True
    return bool(_MONEY_BEFORE.search(text[max(0, start - 6):start]) or _UNIT_AFTER.match(text, end))


def _product(text: str, start: int) -> bool:
    """A model number after a brand or product word ("Sony WH-1000XM4", "model 55PUS8007")."""
    words = re.findall(r"[^\W\d_][\w'’&\-]*", text[max(0, start - 30):start])
    if not words or not text[:start].rstrip().endswith(words[-1]):
        return False
    w = words[-1]
    if w.lower() in _PRODUCT_WORDS:
        return True
    before = text[:start - len(w) - 1].rstrip()
    return w[:1].isupper() and not w.isupper() and bool(before) and before[-1:] not in ".!?:;\n" and \
        w.lower() not in _cue_words()


@lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    sec = _sections()
    return frozenset(w for c in sec["national"] | sec["account"] for w in c.split())


def find_loose_ids(text: str) -> Iterator[Hit]:
    """Identifier candidates without a cue word: a run of at least 7 digits (also grouped by
    spaces, dashes, dots or slashes, after up to four capitals: "RR 7734 1902 556"), or a code of
    letters and digits of at least 6 characters with at least 2 digits ("BQMPY4821K",
    "IRL-MTR-558201") — unless it reads as an amount, a quantity, a date, years, opening hours, a
    service number or a product's model number.

    >>> text = "Aadhaar 3642 1050 6067, PAN BQMPY4821K; €1.250.000 for 2019-2023, the Sony WH-1000XM4."
    >>> [text[a:b] for a, b, _ in find_loose_ids(text)]
    ['3642 1050 6067', 'BQMPY4821K']
    """
    if _DIGIT.search(text) is None:
        return
    seen: list[tuple[int, int]] = []
    cue_words = _cue_rx()[0]
    for m in _LONG_DIGITS.finditer(text):
        value = m.group().rstrip(" ./-")
        start, end = m.start(), m.start() + len(value)
        head = re.match(r"[A-Z]{1,4}[ \-]", value)
        if head and cue_words.fullmatch(head.group()[:-1]):
            start += head.end()  # "BSN 111222333": the cue word is no part of the number
            value = value[head.end():]
        if sum(c.isdigit() for c in value) < 7 or service_number(value) or _other_reading(text, start, end):
            continue
        seen.append((start, end))
        yield start, end, "number"
    for m in _CODE.finditer(text):
        value = m.group()
        digits = sum(c.isdigit() for c in value)
        alnum = sum(c.isalnum() for c in value)
        if digits < 2 or alnum < 6 or digits == alnum or any(s <= m.start() < e for s, e in seen):
            continue
        if text[m.start() - 1:m.start()] == "#" and digits < 5:
            continue  # "#COVID19", "#WK2024" are hashtags; "#A7731920" an order number
        if _MODEL_SHAPE.fullmatch(value) or (digits < 7 and _product(text, m.start())) or \
                value[:2].lower() == "0x" or any(len(g) > 2 and g.isalpha() and g.islower()
                                                 for g in re.split(r"[\-/.]", value)):
            continue  # "Galaxy S21", "x64-based", "0x800f0985": a model, a word, an error code
            continue
        if _other_reading(text, m.start(), m.end()):
            continue
        yield m.start(), m.end(), "number"


# Dutch sidecodes 1-14 (letter L, digit D; group lengths)
_SIDECODES = [
    (2, 2, 2, "LDD"), (2, 2, 2, "DDL"), (2, 2, 2, "DLD"), (2, 2, 2, "LDL"), (2, 2, 2, "LLD"), (2, 2, 2, "DLL"),
    (2, 3, 1, "DLD"), (1, 3, 2, "DLD"), (2, 3, 1, "LDL"), (1, 3, 2, "LDL"), (3, 2, 1, "LDL"), (1, 2, 3, "LDL"),
    (1, 2, 3, "DLD"), (3, 2, 1, "DLD"),
]
_NL_LETTERS = "BDFGHJKLNPRSTVXZ"  # the plate alphabet since sidecode 4: no vowels, no C, M, Q, W, Y


def _sidecode(n1: int, n2: int, n3: int, kinds: str, letter: str, sep: str) -> str:
    parts = [(letter if k == "L" else r"\d") + "{" + str(n) + "}" for n, k in zip((n1, n2, n3), kinds, strict=True)]
    return sep.join(parts)


_NL_PLATE = re.compile(r"(?<![\w-])(?:" + "|".join(_sidecode(*s, "[A-Z]", "-") for s in _SIDECODES) + r")(?![\w-])")
_NL_PLATE_ANYCASE = re.compile(_NL_PLATE.pattern, re.I)
_NL_COMPACT = re.compile(r"(?<![\w-])(?:" + "|".join(_sidecode(*s, f"[{_NL_LETTERS}]", "") for s in _SIDECODES[3:])
                         + r")(?![\w-])")
_BE_PLATE = re.compile(r"(?<![\w-])[1-9]-?[A-Z]{3}-?\d{3}(?![\w-])")  # also California's 8KDR294
_UK_PLATE = re.compile(r"(?<![\w-])[A-Z]{2}\d{2} ?[A-Z]{3}(?![\w-])")
_UK_PLATE_ANYCASE = re.compile(_UK_PLATE.pattern, re.I)
_IE_PLATE = re.compile(r"(?<![\w-])\d{2,3}[- ](?:C|CE|CN|CW|D|DL|G|KE|KK|KY|L|LD|LH|LK|LM|LS|MH|MN|MO|OY|RN|SO|T|TN|"
                       r"TS|W|WD|WH|WW|WX)[- ]\d{1,6}(?![\w-])", re.I)
# India: a state code, the district number, a series and four digits ("MH 12 AB 3456", "DL 3C AY 2207");
# South Africa: Western Cape "CA 123-456", the provinces' "AB 12 CD GP".
_IN_PLATE = re.compile(
    r"(?<![\w-])(?:AN|AP|AR|AS|BR|CG|CH|DD|DL|DN|GA|GJ|HP|HR|JH|JK|KA|KL|LA|LD|MH|ML|MN|MP|MZ|NL|OD|OR|PB|PY|RJ|SK|"
    r"TN|TR|TS|UK|UP|WB)[ -]?\d{1,2}[A-Z]?[ -]?[A-Z]{1,3}[ -]?\d{4}(?![\w-])")
_CAPS_DIGIT = re.compile(r"[A-Z]{2}[ -]?\d")
_CODE_HINT = re.compile(r"[A-Z]\d|\d[A-Z]")
_ZA_PLATE = re.compile(r"(?<![\w-])(?:C[A-HJ-Z]{1,2} \d{2,3}-\d{3}|[A-Z]{2,3} ?\d{2,3} ?[A-Z]{2} ?(?:GP|MP|NW|EC|NC|FS|ZN))(?![\w-])")
# A vehicle word right before a code ("the ute was NBW482", "our van, KX19 PLM"): the code must be
# written in capitals with letters and digits, five characters or more (not "the car XC90").
_VEHICLE_CUE = re.compile(
    r"(?i)\b(?:car|ute|van|truck|lorry|vehicle|motorbike|motorcycle|scooter|bike|taxi|cab|trailer|caravan|"
    r"campervan|motorhome|suv|jeep|sedan|hatchback|wagon)(?:['’]s)?(?:\s+(?:no\.?|number|reg))?[,:]?\s+(?:(?:is|was)[,:]?\s+)?(?=[A-Z0-9])")
_PLATE_CUE = re.compile(
    r"(?i)\b(?:vehicle (?:no\.?|number|reg(?:istration)?)|kenteken(?:nummer|plaat)?|nummerplaat|nummerbord|licen[cs]e plate|number plate|plate number|"
    r"registration(?: number| no\.?)?|reg(?: no\.?| number)?|rego|plates?|tag number)\b(?:['’]s\b)?[^\S\n]*"
    r"(?:is|was|:|nr\.?)?[^\S\n]*")  # "Rego's 1HJ 7WQ"
_PLATE_VALUE = re.compile(r"[A-Za-z0-9]{1,8}(?:[- ][A-Za-z0-9]{1,5}){0,3}")  # "KA 05 MN 4821" (India)


def _plate_value(text: str, pos: int) -> int:
    """End of a plate-shaped code at ``pos`` (groups of letters and digits, 4–10 characters with
    a letter and a digit; a word standing apart is not part of it: "reg LR69 XKD and"), or 0."""
    m = _PLATE_VALUE.match(text, pos)
    if not m:
        return 0
    parts = re.split(r"([- ])", m.group())
    if parts[0].isalpha() and (parts[0].islower() or len(parts[0]) > 4 or len(parts[0]) == 4 and not parts[0].isupper()) \
            and (len(parts) == 1 or parts[1] == " "):
        return 0  # "registration was in 2019"
    value = parts[0]
    for sep, group in zip(parts[1::2], parts[2::2], strict=False):
        if sep == " " and group.isalpha() and (group.islower() or len(group) > 3):
            break
        value += sep + group
    core = re.sub(r"[- ]", "", value)
    if not (4 <= len(core) <= 10 and any(c.isdigit() for c in core) and any(c.isalpha() for c in core)):
        return 0
    return pos + len(value)


def find_plates(text: str) -> Iterator[Hit]:
    """Licence plates (see the module docstring).

    >>> text = "Kenteken XVG47T, de 1-ABC-234 en reg 191-D-12345; rego DK 93 RT."
    >>> [text[a:b] for a, b, _ in sorted(set(find_plates(text)))]
    ['XVG47T', '1-ABC-234', '191-D-12345', 'DK 93 RT']
    """
    if _DIGIT.search(text) is None:
        return
    shapes = (_NL_PLATE, _NL_COMPACT, _BE_PLATE, _UK_PLATE, _IE_PLATE)
    if _CAPS_DIGIT.search(text):  # a quick look first: most texts have no "KA 05", "CA 482"
        shapes += (_IN_PLATE, _ZA_PLATE)
    for rx in shapes:
        for m in rx.finditer(text):
            g = m.group()
            if rx is _NL_PLATE and sum(c.isalpha() for c in g) < 2 and not re.search(r"[A-Z]{2}", g):
                continue
            yield m.start(), m.end(), "plate"
    for m in _PLATE_CUE.finditer(text):
        end = _plate_value(text, m.end())
        if end:
            yield m.end(), end, "plate"
    for m in _VEHICLE_CUE.finditer(text) if _CODE_HINT.search(text) else ():
        end = _plate_value(text, m.end())
        code = text[m.end():end]
        if end and code == code.upper() and len(re.sub(r"[- ]", "", code)) >= 5:
            yield m.end(), end, "plate"
    for rx in (_NL_PLATE_ANYCASE, _UK_PLATE_ANYCASE):  # typed in lower case after a cue: "my plate is ab12 cde"
        for m in rx.finditer(text):
            if _PLATE_CUE.search(text, max(0, m.start() - 40), m.start()):
                yield m.start(), m.end(), "plate"
