"""Personal data out of the tables ``workbench themes`` and ``workbench tag`` write (issue 20).

One policy for every text that leaves the workbench (:class:`workbench.privacy.Policy`): these
commands echo the input rows, so by default

* **identifying columns are dropped** — a column named like an e-mail address, a name, a phone
  number, an address, a postcode, a date of birth, an IP address or an account number
  ("E-mailadres", "Naam", "Phone", "Telefoonnummer"), or whose answers are mostly e-mail addresses
  or phone numbers whatever its name;
* **every other text column is scrubbed** — names, phone numbers, e-mail addresses … become the
  policy's placeholders (``[TELEFOON]``, ``[PERSOON-1]``); columns of numbers, dates and times are
  left as they are;
* **theme quotes** are scrubbed the same way; **labels, aspects and phrases** (and ``tag``'s
  evidence) too, and any piece of personal data found in the texts is replaced in them whatever its
  case (labels are lower case: "klacht over henk" becomes "klacht over [PERSOON-1]").

``--no-scrub-tables`` (internal use only) keeps the tables as read, as ``workbench run`` does.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable

import pandas as pd

from ..privacy import Policy

__all__ = ["Scrubber", "identifying_columns"]

_ID_HEADER = re.compile(
    r"(?i)(?:e-?mail|\bnaam\b|voornaam|achternaam|tussenvoegsel|\bname\b|first\s*name|last\s*name|surname|full\s*name|"
    r"telefoon|phone|mobiel|mobile|\bgsm\b|\btel\b|\badres\b|\baddress\b|straat|street|postcode|zip\s*code|"
    r"woonplaats|geboortedatum|date\s+of\s+birth|birth\s*date|\bbsn\b|\biban\b|ip[\s-]*ad)"
)
_EMAIL = re.compile(r"^\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*$")
_PHONE = re.compile(r"^\s*(?:\+|0)\d[\d\s().-]{7,}\s*$")  # as typed: "06-11223344", "+31 6 …"; not an id
_PLAIN = re.compile(r"^[\d\s/.:,+\-–T]*(?:[A-Z]{2,5})?\s*$")  # numbers, dates, times ("2026/11/01 13:09 CET")
_PLACEHOLDER = re.compile(r"^\[[A-Z0-9-]+\]$")


def identifying_columns(frame: pd.DataFrame, keep: Iterable[str] = ()) -> list[str]:
    """The columns that identify a person (by name, or by holding e-mail addresses or phone numbers)."""
    keep = set(keep)
    out = []
    for col in frame.columns:
        if col in keep:
            continue
        values = frame[col].dropna().astype(str).str.strip()
        values = values[values != ""]
        short = len(str(col).split()) <= 5
        if short and _ID_HEADER.search(str(col)):
            out.append(col)
            continue
        distinct = values.unique()
        if len(distinct) and sum(bool(_EMAIL.match(v) or _PHONE.match(v)) for v in distinct) * 2 > len(distinct):
            out.append(col)
    return out


class Scrubber:
    """Scrubs the tables of one command under one policy (pseudonyms consistent across its files)."""

    def __init__(self, lang: str) -> None:
        self.policy = Policy("en" if lang == "en" else "nl")
        self.terms: dict[str, str] = {}  # personal data found (case-folded) -> its placeholder
        self._rx: re.Pattern | None = None

    def _scrub(self, text: str) -> str:
        out, edits = self.policy.scrub_with_offsets(text)
        shift = 0
        for start, end, new in edits:
            surface = text[start:end].strip().casefold()
            placeholder = out[start + shift:start + shift + new]
            if len(surface) >= 2 and _PLACEHOLDER.match(placeholder):
                self.terms.setdefault(surface, placeholder)
                self._rx = None
            shift += new - (end - start)
        return out

    def texts(self, values: pd.Series) -> pd.Series:
        """The column with each distinct text scrubbed once."""
        mapping = {v: self._scrub(v) for v in values.dropna().unique() if isinstance(v, str) and v.strip()}
        return values.map(lambda v: mapping.get(v, v) if isinstance(v, str) else v)

    def words(self, text: object) -> object:
        """A label, aspect or phrase: scrubbed, and every piece of personal data found in the texts
        replaced whatever its case."""
        if not isinstance(text, str) or not text:
            return text
        text = self.policy.scrub(text)
        if self.terms:
            if self._rx is None:
                alts = "|".join(re.escape(t) for t in sorted(self.terms, key=len, reverse=True))
                self._rx = re.compile(rf"(?i)(?<!\w)(?:{alts})(?!\w)")
            text = self._rx.sub(lambda m: self.terms.get(m.group(0).casefold(), m.group(0)), text)
        return text

    def rows(self, frame: pd.DataFrame, *, text_columns: Iterable[str] = (), what: str = "") -> pd.DataFrame:
        """The input rows without identifying columns, every text column scrubbed (the columns in
        ``text_columns`` always, as texts, never dropped). Says on stderr what was dropped."""
        text_columns = list(text_columns)
        dropped = identifying_columns(frame, keep=text_columns)
        out = frame.drop(columns=dropped)
        for col in out.columns:
            values = out[col]
            if col not in text_columns:
                distinct = values.dropna().astype(str).unique()
                if not len(distinct) or all(_PLAIN.match(v) for v in distinct):
                    continue  # numbers, dates, times: no personal data to find, and a date is no birth date
            out[col] = self.texts(values.astype(object))
        if dropped:
            print(f"note: {what or 'output'}: identifying column(s) left out: {', '.join(map(str, dropped))} "
                  "(personal data; --no-scrub-tables keeps them, for internal use only)", file=sys.stderr)
        return out

    def theme_table(self, themes: pd.DataFrame) -> pd.DataFrame:
        """The themes table with its quotes scrubbed and its labels, aspects and phrases free of
        personal data."""
        out = themes.copy()
        if "quotes" in out:
            out["quotes"] = self.texts(out["quotes"].astype(object)).astype(out["quotes"].dtype)
        for col in ("label", "aspect", "phrases"):
            if col in out:
                out[col] = out[col].astype(object).map(self.words).astype(out[col].dtype)
        return out
