"""Contact details: phone numbers, e-mail addresses and social-media handles, as people write and
say them.

Phone numbers follow one grammar for the Dutch, Belgian, British, Irish, American and Australian
ways of writing them — an optional country code (``+31``, ``0044``), an optional area code in
brackets (``(020)``, ``(0)``), then groups of digits joined by spaces, hyphens, dots or slashes —
and Google's ``phonenumbers`` (libphonenumber) decides whether the digits can be a number of that
country (length and country code; fictional ranges such as 555 or 07700 900 are accepted, since a
made-up number in a quote identifies the same way). Numbers read out digit by digit or in pairs
("nul zes, twaalf, vierendertig", "oh seven seven double oh") are written out by
:mod:`workbench.privacy._spoken` and found by the same grammar.

E-mail addresses are found written correctly, with a typo (``jan@gmail,com``, spaces around ``@``),
disguised (``anna[at]kpn.nl``, ``sarah (at) outlook (dot) com``) or spoken ("jake dot miller at
gmail dot com", "petra punt jansen apenstaartje gmail punt com"). A handle (``@sarah.bakes``) is
a personal page: it counts as a URL unless it is a brand's (the keep list).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["find_contacts", "service_number", "written_url"]

Hit = tuple[int, int, str]

_REGIONS = ("NL", "BE", "GB", "IE", "AU", "US")
_SEP = r"(?:[ \t]?[\-./][ \t]?|[ \t])"
_PHONE = re.compile(
    r"(?<![\w+@/.\-])(?:(?:\+|00)[ \t]?\d{1,3}" + _SEP + r"?(?:\(0\)" + _SEP + r"?)?)?"
    r"(?:\(\d{1,5}\)" + _SEP + r"?)?"
    r"\d{1,11}(?:" + _SEP + r"\d{1,11}){0,6}(?![\w\-]|[.,/]\d)")

_TLD = (r"(?:com|nl|be|org|net|info|eu|de|fr|io|co|uk|ie|au|us|ca|nz|biz|me|online|shop|email|live|"
        r"gov|edu|ac)")
_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,}\b")
# A second-level ending ("co.uk") is joined by a bare dot: "jan@x.nl, de …" ends at "nl" — the
# comma and the word after it are the sentence, not a typed ".de".
_EMAIL_TYPO = re.compile(
    r"(?<![\w.+\-])[\w.+\-]+[ \t]?@@?[ \t]?[\w\-]+(?:[ \t]?[.,][ \t]?[\w\-]+)*?[ \t]?[.,][ \t]?" + _TLD
    + r"(?:\." + _TLD + r")?\b", re.I)
_AT = r"(?:\[at\]|\(at\)|\{at\}|at|apenstaartje|apestaartje|a-teken|at-teken|@)"
_DOT_WORD = r"(?:\[dot\]|\(dot\)|\{dot\}|dot|punt|\[punt\]|\(punt\))"
_DOT = r"(?:" + _DOT_WORD + r"|\.)"
_JOIN = r"(?:dot|punt|underscore|liggend streepje|streepje|dash|hyphen|\.|_|-)"
_SPOKEN_EMAIL = re.compile(
    r"(?<![\w@])[\w+\-]+(?:[ \t]+" + _JOIN + r"[ \t]+[\w+\-]+(?:[ \t][\w+\-]+)?)*[ \t]*" + _AT + r"[ \t]*[\w\-]+"
    r"(?:[ \t]*" + _DOT + r"[ \t]*[\w\-]+)*?[ \t]*" + _DOT + r"[ \t]*" + _TLD + r"(?:(?:\.|[ \t]+" + _DOT_WORD
    + r"[ \t]+)" + _TLD + r")?\b(?![ \t]+(?:forward[ \t]+)?(?:slash|schuine))", re.I)  # "… dot com slash …" is a web address
_HANDLE = re.compile(r"(?<![\w@.])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\w@]|\.[A-Za-z]{2,}\b)")

def _possible(raw: str, digits: str) -> bool:
    import phonenumbers as pn

    lead = raw.lstrip("( ")
    if lead.startswith(("+", "00")):
        num = "+" + digits[2:] if lead.startswith("00") else "+" + digits
        try:
            return pn.is_possible_number(pn.parse(num, None))
        except pn.NumberParseException:
            return False
    if not 9 <= len(digits) <= 11:
        return False
    if digits[0] != "0":  # national numbers start with the trunk 0, except the American and
        # Australian toll-free shapes: (312) 555-0199, 1-800-555-0199, 1300 655 506
        return _us_shape(raw) or re.fullmatch(r"1[38]00\d{6}", digits) is not None
    for region in _REGIONS:
        if region == "US" and digits[0] == "0":
            continue
        try:
            if pn.is_possible_number(pn.parse(digits, region)):
                return region != "US" or _us_shape(raw)
        except pn.NumberParseException:
            continue
    return False


# Numbers no private person has: freephone, shared-cost and premium lines, company-wide numbers.
# NL 0800/0900/0906/0909 and 088 (the "bedrijfsnummer"); UK 0800/0808 and the 11-digit 03xx and
# 084x/087x lines; IE 1800/1850/1890; AU 1800/1300; North American toll-free 800/833/…/888.
_SERVICE = re.compile(r"0800|0808|090[069]|088|0(?=\d{10}$)(?:3[0347]|84|87[0-3])|1[38]00|18[59]0|13\d{4}$"
                      r"|1?8(?:00|33|44|55|66|77|88)(?=\d{7}$)")


# "call me on 0800 …", "mijn nummer is 088 …": the speaker gives it as their own, whatever its shape
_OWN_NUMBER = re.compile(r"(?i)\b(?:me|mij|my|mijn|m'n|mn|our|ons|onze)\b[^.!?\d]{0,24}$")


def service_number(raw: str) -> bool:
    """A company's service or toll-free line ("0800 028 4110", "088-851 10 00", "0345 300 0400",
    "1800 372 999", "1-888-555-0100", "13 22 00"): the number of an organisation, not of a person.

    >>> service_number("0345 300 0400"), service_number("+31 88 722 4000"), service_number("030 241 7855")
    (True, True, False)
    """
    digits = re.sub(r"\D", "", raw)
    lead = raw.strip().lstrip("(")
    if lead.startswith(("+", "00")):
        rest = digits[2:] if lead.startswith("00") else digits
        for cc in ("31", "44", "32", "353"):
            if rest.startswith(cc):
                return _SERVICE.match("0" + rest[len(cc):]) is not None
        return False
    return _SERVICE.match(digits) is not None


def _us_shape(raw: str) -> bool:
    """A North American number as written: (312) 555-0199, 312-555-0199, 312.555.0199, 1-800-…"""
    return re.fullmatch(r"(?:1[ \-.])?(?:\(\d{3}\)[ \-.]?|\d{3}[ \-.])\d{3}[ \-.]\d{4}", raw.strip()) is not None


def find_contacts(text: str, keep: frozenset[str] = frozenset()) -> Iterator[Hit]:
    """Phone numbers, e-mail addresses and handles in ``text``; ``keep``: brand handles to leave.

    >>> text = "Bel 06 - 23 45 67 89 of mail jan@gmail,com; ik ben @jorrit.bakt"
    >>> [(text[a:b], k) for a, b, k in sorted(find_contacts(text))]
    [('06 - 23 45 67 89', 'phone'), ('jan@gmail,com', 'email'), ('@jorrit.bakt', 'url')]
    """
    if "@" in text or " at " in text or "apenst" in text or "[at]" in text or "(at)" in text:
        for rx in (_EMAIL, _EMAIL_TYPO, _SPOKEN_EMAIL):
            for m in rx.finditer(text):
                if rx is _SPOKEN_EMAIL and re.fullmatch(r"[\w.+\-]+@[\w\-.]+", m.group()) is None and \
                        not re.search(r"(?i)\b(?:dot|punt)\b|\(|\[|apenst|a-teken|at-teken", m.group()):
                    continue  # "at home. Com..." is no address: a spoken one says "dot"/"punt"
                yield m.start(), m.end(), "email"
        for m in _HANDLE.finditer(text):
            if m.group(1).lower() not in keep and not m.group(1).isdigit():
                yield m.start(), m.end(), "url"
    for m in _PHONE.finditer(text):
        raw = m.group()
        digits = re.sub(r"\D", "", raw)
        if 8 <= len(digits) <= 15 and _possible(raw, digits) and not (service_number(raw) and not _OWN_NUMBER.search(text, max(0, m.start() - 30), m.start())):
            yield m.start(), m.end(), "phone"


_HANDLE_PART = re.compile(r"[A-Z]{2,}(?=[A-Z][a-z]|[^A-Za-z]|$)|[A-Z]?[a-z]+|[A-Z]+")


def brand_handle(handle: str, lex) -> bool:
    """A social handle of a company or product, not of a person: "@eBay", "@united", "@AppleSupport",
    "@TeamYouTube", "@hulu_support" — the whole handle or each of its parts (split at ``_``,
    ``.``, digits and capitals) a word or a listed brand, and no part a listed first name
    ("@roosje_bakt", "@JaneDoesNails" are people; so is a handle of unknown words, "@bronnie.bakes").

    >>> from workbench.privacy._lexicon import lexicon
    >>> [brand_handle(h, lexicon("en")) for h in ("@AppleSupport", "@chloe_does_nails", "@bronnie.bakes")]
    [True, False, False]
    """
    core = handle.lstrip("@")
    whole = core.lower()
    if whole in lex.keep or (whole in lex.vocab and whole not in lex.first):
        return True
    parts = [p.lower() for p in _HANDLE_PART.findall(core)]
    return bool(parts) and all(
        (p in lex.vocab or p in lex.keep) and p not in lex.first for p in parts)


def written_url(url: str, lex) -> str | None:
    """A web address said aloud as it is written ("marlowe dot co dot uk slash about" ->
    "marlowe.co.uk/about"); a written one as it is; None when the words before "dot"/"punt" are an
    everyday word ("the dot com bubble", "is punt nl of punt com"), so no address at all."""
    if not re.search(r"(?i)\s(?:dot|punt)\s", url):
        return url
    host = re.match(r"(?i)(?:www\s+(?:dot|punt)\s+)?([\w\-]+)", url)
    if host is None or lex.everyday(host.group(1).lower()) or host.group(1).lower() in lex.never:
        return None
    out = re.sub(r"(?i)\s+(?:dot|punt)\s+", ".", url)
    out = re.sub(r"(?i)\s+(?:forward\s+)?(?:slash|schuine\s+streep)\s+(?:at\s+)?", "/", out)
    return re.sub(r"(?i)\s+(?:underscore|dash|hyphen|streepje|liggend\s+streepje)\s+", "_", out)


def company_site(url: str, lex) -> bool:
    """A bare web address of an organisation ("www.eneco.nl", "https://otter.ai"), not a personal
    page: no path, and no host label that is a person's name ("www.janjansen.nl", "pietdevries.com";
    a profile path such as "linkedin.com/in/..." always counts as personal).

    >>> from workbench.privacy._lexicon import lexicon
    >>> [company_site(u, lexicon("nl")) for u in ("www.octopus.energy", "https://www.janjansen.nl", "bol.com/nl/p/123")]
    [True, False, False]
    """
    m = re.match(r"(?i)(?:https?://)?(?:www\.)?([^/\s?#]+)(.*)$", url)
    if not m or m.group(2).strip("/.,;:!?)") or "@" in url:
        return False
    labels = m.group(1).lower().split(".")[:-1] or m.group(1).lower().split(".")
    for label in labels:
        if label in lex.keep or all(p in lex.keep or p in lex.vocab for p in re.split(r"[-_]", label)):
            continue  # a brand's own site ("Boots.com", "Amazon.nl"), or one of words ("ing-verificatie.nl")
        for part in re.split(r"[-_]", label):
            if part in lex.first and part not in lex.vocab or part in lex.surname and part not in lex.vocab:
                return False
            for i in range(2, len(part) - 1):  # "janjansen", "pietdevries"
                head, tail = part[:i], part[i:]
                tail = next((tail[len(x):] for x in sorted(lex.interfix, key=len, reverse=True)
                             if tail.startswith(x) and tail[len(x):] in lex.surname), tail)
                if head in lex.first and tail in lex.surname:
                    return False
    return True

