"""Identifiers with a fixed shape, found by regular expressions plus a check where one exists.

Every finder yields ``(start, end, kind)``. Shapes are written for Dutch, Flemish, British, Irish,
American and Australian text; the check digits (through ``python-stdnum``: the 11-test of a BSN,
mod-97 of an IBAN and a Belgian national number, mod-11 of an NHS number and an Australian TFN,
mod-23 of an Irish PPS number, Luhn for card numbers) only *add* shapes that would otherwise be
too ambiguous — a typed-wrong IBAN or BSN after its cue word is still personal data and is still
removed. Contact details (phone, e-mail, handles) are in :mod:`workbench.privacy._contact`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ._contact import find_contacts
from ._ids import find_cued_ids, find_loose_ids, find_plates

__all__ = ["find_patterns", "find_spoken", "bsn_ok", "iban_ok", "luhn_ok"]

Hit = tuple[int, int, str]

# A URL with a path or a personal sub-page (bare shop domains such as bol.com stay: they are brands).
_WEB_TLD = (r"(?:com|nl|be|org|net|uk|io|eu|de|ie|fr|es|it|au|ca|nz|in|za|info|me|app|dev|shop|online|design|"
            r"studio|blog|site|xyz|tv|ai|art|photo|photography|co)")
# written: with a scheme or www; or a bare domain on a common top-level domain, with or without a path
# ("instagram.com/jess.marlowe", "jessmarlowe.design") — a bare one without a path is an
# organisation's site unless a host label is a person's name (_contact.company_site decides)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+|(?<![\w@.\-])[a-z0-9][\w-]*(?:\.[\w-]+)*\." + _WEB_TLD
                  + r"(?:/[^\s<>\"']*)?(?![\w@\-]|\.\w)", re.I)
# said aloud: "marlowe-makes dot co dot uk slash about", "pietervanhouten punt nl", "tiktok dot com
# slash at jess underscore marlowe"
_SAID_DOT = r"[ \t]+(?:dot|punt)[ \t]+"
_SPOKEN_URL = re.compile(
    r"(?<![\w@.\-])(?:www" + _SAID_DOT + r")?[a-z0-9][\w\-]*(?:" + _SAID_DOT + r"[\w\-]+)*?" + _SAID_DOT + _WEB_TLD
    + r"(?:" + _SAID_DOT + _WEB_TLD + r")?(?:[ \t]+(?:forward[ \t]+)?(?:slash|schuine[ \t]+streep)[ \t]+(?:at[ \t]+)?"
    r"[\w\-]+(?:[ \t]+(?:underscore|dash|hyphen|dot|punt|streepje|liggend[ \t]+streepje)[ \t]+[\w\-]+)*)*\b", re.I)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b", re.I)
# An IBAN typed or said in uneven groups ("NL57 ASNB 8190 937 865", "GB49 NWBK 2684 6563 21 22 33"):
# only when a prefix at a group boundary passes the mod-97 check.
_IBAN_LOOSE = re.compile(r"\b[A-Z]{2}\d{2}(?: [A-Z0-9]{1,4}){3,10}\b")
_IBAN_HOME = ("NL", "BE", "DE", "GB", "FR", "LU", "ES", "IT", "AT", "CH", "IE")
_NL_POSTCODE = re.compile(r"(?<![\w-])[1-9]\d{3}[ ]?(?!SA|SD|SS)[A-Z]{2}(?![\w-])")
_NL_POSTCODE_LOWER = re.compile(r"(?<![\w-])[1-9]\d{3}[a-z]{2}(?![\w-])|(?i:postcode\W{1,3}(?:is\s)?)([1-9]\d{3} [a-z]{2})\b")
_UK_POSTCODE_ANYCASE = re.compile(r"(?i)(?<![\w-])(?:[a-pr-uwyz][a-hk-y]?\d[a-z\d]?) ?\d[abd-hjlnp-uw-z]{2}(?![\w-])")
_ADDRESS_CUE = re.compile(r"(?i)\b(?:post ?code|address|street|road|lane|avenue|st|rd|ln|ave)\b")
_UK_POSTCODE = re.compile(r"(?<![\w-])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?) ?\d[ABD-HJLNP-UW-Z]{2}(?![\w-])")
_US_ZIP = re.compile(r"(?<=[A-Z]{2} )\d{5}(?:-\d{4})?\b|(?<=(?i:zip))(?:(?i: ?code)?(?:\s+is|:)?\s+)(\d{5}(?:-\d{4})?)\b")
_BE_POSTCODE = re.compile(r"(?<![\w-])B-[1-9]\d{3}(?!\d)")
_AU_POSTCODE = re.compile(r"\b(?:NSW|VIC|QLD|SA|WA|TAS|NT|ACT)\.?,?\s+(\d{4})(?!\d)")
_EIRCODE = re.compile(r"(?<![\w-])(?:[AC-FHKNPRTV-Y]\d{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}(?![\w-])", re.I)
_EIRCODE_CUE = re.compile(r"(?i)\b(?:eircode|post ?code|address|ireland|dublin|co\.)\b")
_NL_POSTCODE_TOWN = re.compile(  # "7511 ab Enschede" (not "1949 in Paramaribo")
    r"(?<![\w\-/.])([1-9]\d{3} ?(?!in|en|op|te|at|on|to|of|is|om|af|as|by|or)[a-z]{2})\s+([A-Z][\w'’\-]+)")
# An Indian PIN code: six digits (often written 3 + 3) after a town or a "PIN" cue ("Bengaluru 560 038")
_IN_PIN = re.compile(r"(?:\b([A-Z][a-z]+)[ \t]*[,\-]?[ \t]*|(?i:\bpin(?:[ \t]?code)?(?:\s+is)?\b)[:\s]*)([1-8]\d{2} ?\d{3})(?![\w.,/\-]?\d)")
_TOWN_POSTCODE = re.compile(r"(?<![\w\-.,/])([1-9]\d{3})[ ]+([A-Z][\w'’\-]+(?:[ \-][A-Z][\w'’\-]+)?)")
_NHS = re.compile(r"(?<![\d\-])\d{3}[ \-]?\d{3}[ \-]?\d{4}(?![\d\-])")
_PPS = re.compile(r"(?<![\w-])\d{7}[A-W][A-IW]?(?![\w-])", re.I)
_SSN = re.compile(r"(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])")
_NINO = re.compile(r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
_BE_NATIONAL = re.compile(r"(?<![\d.])\d{2}\.?\d{2}\.?\d{2}[-. ]?\d{3}\.?\d{2}(?![\d.])")
_NINE = re.compile(r"(?<![\d.\-])\d{4}[. ]?\d{2}[. ]?\d{3}(?![\d.\-])|(?<![\d.\-])\d{3}[. ]\d{3}[. ]\d{3}(?![\d.\-])")
_CARD = re.compile(r"(?<!\d)(?:\d{4}[ \-]?){3}\d{1,7}(?!\d)")

_MONTHS = (r"jan(?:uari|uary)?|feb(?:ruari|ruary)?|maart|mrt|mar(?:ch)?|apr(?:il)?|mei|may|jun[ie]?|juni|"
           r"jul[iy]?|aug(?:ustus|ust)?|sep(?:t(?:ember)?)?|o[kc]t(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_DATE_FULL = re.compile(
    r"(?i)(?<![\d/.\-])(?:(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:19|20)?\d{2}"
    r"|(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])"
    r"|(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th|e|ste|de)?\.?[ ](?:of[ ])?(?:" + _MONTHS + r")\.?,?[ ](?:(?:19|20)\d{2}|['’]\d{2})"
    r"|(?:" + _MONTHS + r")\.?[ ](?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?[ ](?:19|20)\d{2}"
    r"|(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}"
    r"|(?:0?[1-9]|1[0-2])/(?:1[3-9]|2\d|3[01])/(?:19|20)?\d{2})(?![\d/])"  # American 3/14/82
)
_WEEKDAY_BEFORE = re.compile(r"(?i)\b(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|"
                             r"wednesday|thursday|friday|saturday|sunday),?[ ]$")
_BIRTH_YEAR = re.compile(r"(?i)\b(?:born|geboren)\b(?:[ ,]+[^\W\d_]+){0,3}?[ ]+(?:in|anno)[ ]+((?:19|20)\d{2})(?![\d/\-])")
_DATE_DAY_MONTH = re.compile(
    r"(?i)(?<![\d/.\-])(?:(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th|e|ste|de)?\.?[ ](?:of[ ])?(?:" + _MONTHS + r")"
    r"|(?:" + _MONTHS + r")[ ](?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?|(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|1[0-2]))\b"
)
_DATE_MONTH_YEAR = re.compile(r"(?i)(?<![\w/.\-])(?:" + _MONTHS + r")\.?,?[ ](?:19|20)\d{2}(?!\d)")
# A date written or said out in words after a birth cue: "the third of May, nineteen seventy-nine",
# "June ninth, two thousand one", "21st Aug '84".
_ORD_WORD = (r"(?:(?:twenty|thirty)[- ]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|"
             r"eleventh|twelfth|(?:thir|four|fif|six|seven|eigh|nine)teenth|twentieth|thirtieth")
_NUM_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
             r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|oh)")
_YEAR_ANY = r"(?:(?:19|20)\d{2}|['’]\d{2}|" + _NUM_WORD + r"(?:[ -](?:and[ -])?" + _NUM_WORD + r"){1,4})"
_DAY_ANY = r"(?:(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?|" + _ORD_WORD + r")"
# The same in Dutch: "drie november negentienhonderdzevenenveertig", "de vijfentwintigste van de
# twaalfde, zesentachtig", "zeventien april tweeduizendvijf".
_NL_NUM = (r"(?:(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)[eë]n(?:twintig|dertig|veertig|vijftig|zestig|"
           r"zeventig|tachtig|negentig)|twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig|tien|elf|"
           r"twaalf|dertien|veertien|vijftien|zestien|zeventien|achttien|negentien|een|één|twee|drie|vier|vijf|zes|"
           r"zeven|acht|negen)")
_NL_DAY = r"(?:eerste|derde|achtste|" + _NL_NUM + r"(?:ste|de)?)"
# a year in one word or said apart: "negentienzevenentachtig", "negentien zevenentachtig", "negentien
# honderd en twee", "tweeduizend twee", "twee duizend en vijf"
_NL_YEAR = (r"(?:(?:negentien|twintig)(?:[ -]?honderd)?(?:[ -]?en)?[ -]?" + _NL_NUM + r"|twee[ -]?duizend(?:[ -]?en)?(?:[ -]?"
            + _NL_NUM + r")?|"
            + _NL_NUM + r"|(?:19|20)\d{2}|['’]\d{2})")
# the month as its number, as said on the phone: "the twenty-third of the seventh", "3rd of the 7th"
_MONTH_ORD = (r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
              r"|(?:0?[1-9]|1[0-2])(?:st|nd|rd|th))")
_DATE_SAID = re.compile(
    r"(?i)\b(?:(?:the|de)[ ]+)?(?:(?:" + _DAY_ANY + r"[ ]+(?:of[ ]+)?(?:" + _MONTHS + r")\.?|" + _DAY_ANY
    + r"[ ]+of[ ]+the[ ]+" + _MONTH_ORD + r"|(?:" + _MONTHS
    + r")\.?[ ]+(?:the[ ]+)?" + _DAY_ANY + r")(?:,?[ ]+(?:in[ ]+)?(?:" + _YEAR_ANY + "|" + _NL_YEAR + r"))?"
    r"|" + _NL_DAY + r"[ ]+(?:(?:" + _MONTHS + r")|van[ ]+de[ ]+" + _NL_DAY + r")(?:,?[ ]+(?:in[ ]+)?" + _NL_YEAR
    + r")?)(?![\w'])")
_BIRTH_CUE = re.compile(
    r"(?i)\b(?:geboren|geboortedatum|geb\.|geboortedag|verjaardag|jarig|born|birth ?date|date of birth|"
    r"d\.?o\.?b\.?|birthday|b-day)\b")


def bsn_ok(digits: str) -> bool:
    """The Dutch 11-test of a BSN (``stdnum.nl.bsn``).

    >>> bsn_ok("111222333"), bsn_ok("123456789")
    (True, False)
    """
    from stdnum.nl import bsn

    return bsn.is_valid(digits)


def iban_ok(text: str) -> bool:
    """ISO 13616 mod-97 check (``stdnum.iban``).

    >>> iban_ok("NL91 ABNA 0417 1643 00"), iban_ok("NL91ABNA0417164301")
    (True, False)
    """
    from stdnum import iban

    return iban.is_valid(text)


def luhn_ok(digits: str) -> bool:
    """The Luhn check of payment-card numbers (13–19 digits).

    >>> luhn_ok("4111 1111 1111 1111"), luhn_ok("4111 1111 1111 1112")
    (True, False)
    """
    from stdnum import luhn

    d = re.sub(r"\D", "", digits)
    return 13 <= len(d) <= 19 and luhn.is_valid(d)


def _valid(module: str, text: str) -> bool:
    import importlib

    return importlib.import_module(f"stdnum.{module}").is_valid(text)


def _iban_end(g: str) -> int:
    """Length of the IBAN at the start of ``g``: the longest prefix (at a group boundary) with a
    valid check, else — for a home country, typed wrong — up to the last group with a digit (so
    "BE71 0961 2345 6769 zeker" does not take the word along)."""
    cuts = [m.start() for m in re.finditer(r" ", g)] + [len(g)]
    for cut in sorted(cuts, reverse=True):
        if iban_ok(g[:cut]):
            return cut
    if g[:2].upper() not in _IBAN_HOME:
        return 0
    end = len(g)
    for cut in sorted(cuts, reverse=True):
        if any(c.isdigit() for c in g[cut:end]) or cut == 0:
            break
        end = cut
    return end


def _digits(s: str) -> int:
    return sum(c.isdigit() for c in s)


def find_patterns(text: str, keep: frozenset[str] = frozenset(), towns: frozenset[str] = frozenset()) -> Iterator[Hit]:
    """Every fixed-shape identifier in ``text`` (overlaps are resolved by the caller).

    >>> text = "Mail jan@x.nl, BSN 111222333."
    >>> sorted({(text[a:b], k) for a, b, k in find_patterns(text)})
    [('111222333', 'national_id'), ('111222333', 'number'), ('jan@x.nl', 'email')]
    """
    yield from find_contacts(text, keep)
    for m in _URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?)":
            end -= 1
        yield m.start(), end, "url"
    if " dot " in text.lower() or " punt " in text.lower():
        yield from ((m.start(), m.end(), "url") for m in _SPOKEN_URL.finditer(text))
    for m in _IBAN.finditer(text):
        end = _iban_end(m.group())
        if end and _digits(m.group()[:end]) >= 8:
            yield m.start(), m.start() + end, "iban"
    for m in _IBAN_LOOSE.finditer(text):
        g = m.group()
        end = next((cut for cut in sorted((x.start() for x in re.finditer(" ", g + " ")), reverse=True)
                    if _digits(g[:cut]) >= 8 and iban_ok(g[:cut])), 0)
        if end:
            yield m.start(), m.start() + end, "iban"
    for rx in (_NL_POSTCODE, _UK_POSTCODE):
        for m in rx.finditer(text):
            if rx is _UK_POSTCODE and not any(c.isdigit() for c in m.group()[:4]):
                continue
            yield m.start(), m.end(), "postcode"
    for m in _UK_POSTCODE_ANYCASE.finditer(text):
        if _ADDRESS_CUE.search(text, max(0, m.start() - 40), m.start()) and any(c.isdigit() for c in m.group()[:4]):
            yield m.start(), m.end(), "postcode"
    for m in _NL_POSTCODE_LOWER.finditer(text):
        if m.group(1):
            yield m.start(1), m.end(1), "postcode"
        elif m.group()[-2:] not in ("km", "cm", "mm", "kg", "gr", "ml", "uur", "pm", "am", "st", "nd", "rd", "th", "jr"):
            yield m.start(), m.end(), "postcode"
    for m in _US_ZIP.finditer(text):
        yield (m.start(1), m.end(1), "postcode") if m.group(1) else (m.start(), m.end(), "postcode")
    for m in _BE_POSTCODE.finditer(text):
        yield m.start(), m.end(), "postcode"
    for m in _AU_POSTCODE.finditer(text):
        yield m.start(1), m.end(1), "postcode"
    for m in _EIRCODE.finditer(text):
        g = m.group()
        cue = _EIRCODE_CUE.search(text, max(0, m.start() - 40), m.start())
        if (g.isupper() and any(c.isalpha() for c in g[-4:]) and any(c.isdigit() for c in g[-4:])) or cue:
            yield m.start(), m.end(), "postcode"
    for m in _NL_POSTCODE_TOWN.finditer(text):
        if m.group(2).lower() in towns:
            yield m.start(1), m.end(1), "postcode"
    for m in _IN_PIN.finditer(text):
        if m.group(1) is None or (m.group(1).lower() in towns and not re.match(r"\s+[a-z]", text[m.end():])):
            # after a town, not before a lower-case word: "London 250 000 people"
            yield m.start(2), m.end(2), "postcode"
    for m in _TOWN_POSTCODE.finditer(text):  # "9000 Gent", "2000 Antwerpen": a number before a town
        year = 1900 <= int(m.group(1)) <= 2039
        after_comma = text[max(0, m.start() - 2):m.start()].strip() == ","
        if m.group(2).lower() in towns and (not year or after_comma):
            yield m.start(1), m.end(1), "postcode"
    for m in _SSN.finditer(text):
        yield m.start(), m.end(), "national_id"
    for m in _NINO.finditer(text):
        yield m.start(), m.end(), "national_id"
    for m in _BE_NATIONAL.finditer(text):
        if _valid("be.nn", m.group()):
            yield m.start(), m.end(), "national_id"
    for m in _NINE.finditer(text):
        if bsn_ok(m.group()) or _valid("au.tfn", m.group()):
            yield m.start(), m.end(), "national_id"
    for m in _NHS.finditer(text):
        if _valid("gb.nhs", m.group()):
            yield m.start(), m.end(), "national_id"
    for m in _PPS.finditer(text):
        if _valid("ie.pps", m.group()):
            yield m.start(), m.end(), "national_id"
    yield from find_cued_ids(text)
    yield from find_loose_ids(text)
    for m in _CARD.finditer(text):
        if luhn_ok(m.group()):
            yield m.start(), m.end(), "number"
    yield from find_plates(text)
    yield from _dates(text)


_SPOKEN_KINDS = frozenset({"phone", "iban", "postcode", "plate", "national_id", "number"})


def find_spoken(text: str, lang: str, keep: frozenset[str] = frozenset(),
                towns: frozenset[str] = frozenset()) -> list[Hit]:
    """The fixed-shape identifiers said aloud, spelled or typed apart ("oh seven seven double oh
    …", "I E seven four, B O F I …", "0 1 2 2 3 - 5 6 1 4 0 9"): :func:`find_patterns` on the
    text as :func:`~workbench.privacy._spoken.normalise` writes it, spans mapped back.

    >>> text = "Postcode? Uh, bee seventeen, nine dee ex, Harborne."
    >>> [(text[a:b], k) for a, b, k in find_spoken(text, "en")]
    [('bee seventeen, nine dee ex', 'postcode')]
    """
    from ._spoken import normalise

    norm = normalise(text, lang)
    if norm is None:
        return []
    out = {(*norm.original(a, b), kind) for a, b, kind in find_patterns(norm.text, keep, towns)
           if kind in _SPOKEN_KINDS and norm.touches_run(a, b)}
    return sorted(out)


_CUE_HINTS = ("born", "birth", "dob", "d.o", "do.b", "b-day", "geb", "jarig", "verjaardag")  # a quick look before the cue pattern


def _dates(text: str) -> Iterator[Hit]:
    low = text.lower()
    spans = [m.span() for m in _BIRTH_CUE.finditer(text)] if any(w in low for w in _CUE_HINTS) else []
    said = list(_DATE_SAID.finditer(text)) if spans else []
    for b, c in spans:  # the first date after the cue: "born on the third of May, …" (not a later "not the 14th")
        # ... or the answer to a question about it: "When were you born? P: The twelfth of March, …"
        m = next((m for m in said if 0 <= m.start() - c <= 25 or (
            0 <= m.start() - c <= 70 and "?" in text[c:m.start()])), None)
        # ... or the date right before a cue that ends the clause: "op zeven november 1958 geboren"
        m = m or next((m for m in said if 0 <= b - m.end() <= 12 and not re.search(r"[.!?;:,]", text[m.end():b])), None)
        if m:
            yield m.start(), m.end(), "date"
    if not re.search(r"\d", text):
        return
    cues = [m.start() for m in _BIRTH_CUE.finditer(text)]
    for m in _DATE_FULL.finditer(text):
        g = m.group()
        years = re.findall(r"(?:19|20)\d{2}|(?<!\d)\d{2}$", g)
        year = int(years[-1]) if years else 0
        if year and year < 100:
            year += 1900 if year > 30 else 2000
        near = any(m.start() - 60 <= c <= m.end() + 20 for c in cues)
        if near or 1900 <= year <= 2012:
            wd = _WEEKDAY_BEFORE.search(text, max(0, m.start() - 12), m.start())
            yield (wd.start() if wd else m.start()), m.end(), "date"
    if cues:
        for m in _BIRTH_YEAR.finditer(text):  # "born in 1948", "geboren in 1952"
            yield m.start(1), m.end(1), "date"
        for m in _DATE_MONTH_YEAR.finditer(text):  # "born in March 1990"
            if any(m.start() - 40 <= c <= m.start() for c in cues):
                yield m.start(), m.end(), "date"
        days = list(_DATE_DAY_MONTH.finditer(text))
        for c in cues:  # the day and month nearest the cue ("birthday is 2 May, not the 5th of February")
            near = [m for m in days if c - 20 <= m.start() <= c + 60 or c - 20 <= m.end() <= c]
            if near:
                m = min(near, key=lambda m: abs(m.start() - c))
                yield m.start(), m.end(), "date"
