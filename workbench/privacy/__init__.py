"""One scrubber for personal data, used by every export, persona card and journey map.

It replaces participant names (given by the caller: the study knows its speakers), e-mail
addresses, phone numbers (Dutch and international), Dutch postcodes and IBANs with
placeholders. Everything else is left verbatim, so a scrubbed quote still reads as said.

>>> scrub("Mail anouk@example.nl of bel 06-12345678, ik woon op 3512 AB.", names=["Anouk"])
'Mail [e-mail] of bel [telefoon], ik woon op [postcode].'
>>> scrub("Ask Dana: dana.k@corp.com, +44 20 7946 0958", names=["Dana"], lang="en")
'Ask [name]: [email], [phone]'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["scrub", "PLACEHOLDERS"]

PLACEHOLDERS = {
    "nl": {"name": "[naam]", "email": "[e-mail]", "phone": "[telefoon]", "postcode": "[postcode]", "iban": "[IBAN]"},
    "en": {"name": "[name]", "email": "[email]", "phone": "[phone]", "postcode": "[postcode]", "iban": "[IBAN]"},
}

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
# IBAN: country code, 2 check digits, 11-30 alphanumerics, optionally grouped by 4 with spaces.
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
# Dutch postcode: 4 digits (not starting with 0), optional space, 2 capitals (not SA, SD, SS).
_POSTCODE = re.compile(r"\b[1-9]\d{3}[ ]?(?!SA|SD|SS)[A-Z]{2}\b")
# Phone numbers: +31/0031/0 prefixes, 06 mobiles, international +CC groups; at least 9 digits.
_PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)\d{1,3}[ \-.]?(?:\(0\))?[ \-.]?\d{1,4}(?:[ \-.]?\d{2,4}){2,4}(?!\w)"
    r"|(?<![\w+])0\d{1,3}[ \-.]?\d{3,4}[ \-.]?\d{2,4}(?:[ \-.]?\d{2,4})?(?!\w)"
)


@lru_cache(maxsize=256)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern | None:
    words = sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True)
    if not words:
        return None
    alts = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


def _digits(match: re.Match) -> int:
    return sum(ch.isdigit() for ch in match.group(0))


def scrub(text: str, names: Iterable[str] = (), *, lang: str = "nl") -> str:
    """Return ``text`` with personal data replaced by placeholders.

    Parameters
    ----------
    text : str
        Any text (a quote, a memo, a transcript).
    names : iterable of str
        Names to remove: participants' and interviewers' names as the study knows them
        (full names are also removed by their parts, e.g. "Anne de Vries" removes "Anne").
    lang : {"nl", "en"}
        Language of the placeholders.
    """
    if not isinstance(text, str) or not text:
        return text
    ph = PLACEHOLDERS.get(lang, PLACEHOLDERS["en"])
    out = _EMAIL.sub(ph["email"], text)
    out = _IBAN.sub(lambda m: ph["iban"] if sum(c.isdigit() for c in m.group(0)) >= 8 else m.group(0), out)
    out = _PHONE.sub(lambda m: ph["phone"] if _digits(m) >= 9 else m.group(0), out)
    out = _POSTCODE.sub(ph["postcode"], out)
    parts: set[str] = set()
    for name in names:
        if not isinstance(name, str):
            continue
        parts.add(name)
        parts.update(p for p in re.split(r"[\s\-]+", name) if len(p) >= 3 and p[0].isupper())
    pattern = _names_pattern(tuple(sorted(parts)))
    if pattern is not None:
        out = pattern.sub(ph["name"], out)
    return out
