"""Personal data out of every quote and export (AVG/GDPR), in Dutch and English.

:func:`detect` finds personal data — names (Dutch through ``deduce``, UMC Utrecht's
de-identification method; both languages through the US Census and ``faker``'s name lists of
60-odd countries, with context rules), street addresses, postcodes (NL, BE, UK, US, IE, AU), phone
numbers, e-mail addresses, personal URLs, IBANs, BSN / SSN / National Insurance / Belgian national
numbers, any code after its cue word (customer, order, booking, policy, meter numbers), dates of
birth and licence plates. :class:`Policy` replaces them with placeholders in the study's language
and gives each person one pseudonym across all outputs of a study; :func:`scrub` is the one call
every output path uses.

>>> scrub("Mail anouk@example.nl of bel 06-12345678, ik woon op Kerkstraat 12, 3512 AB.", names=["Anouk"])
'Mail [E-MAIL] of bel [TELEFOON], ik woon op [ADRES], [POSTCODE].'
>>> Policy("en").scrub("Ask Dana Whitfield: dana.k@corp.com, +44 20 7946 0958")
'Ask [PERSON-1]: [EMAIL], [PHONE]'

(A policy numbers people in the order it meets them; :func:`scrub` without a study's policy uses
one policy per process, so the number depends on what was scrubbed before.)
"""

from __future__ import annotations

from collections.abc import Iterable

from ._detect import KINDS, Span, detect
from .policy import PLACEHOLDERS, Policy, active_policy, display_id, mark, marks, shift, unmark

__all__ = ["scrub", "scrub_parts", "detect", "pseudonym", "Policy", "Span", "KINDS", "PLACEHOLDERS", "mark", "unmark", "marks",
           "active_policy", "display_id", "shift", "scrub_frame", "scrub_map"]

_DEFAULT: dict[str, Policy] = {}


def _policy(lang: str) -> Policy:
    pol = active_policy()
    if pol is not None:
        return pol
    lang = "en" if lang == "en" else "nl"
    if lang not in _DEFAULT:
        _DEFAULT[lang] = Policy(lang)
    return _DEFAULT[lang]


def scrub(text: str, names: Iterable[str] = (), *, lang: str = "nl") -> str:
    """Return ``text`` with personal data replaced by placeholders.

    Under an active study policy (``with Policy.for_study(study).active():``, as the pipeline
    does) the study's pseudonyms, participants and marks are used and ``lang`` is the study's;
    otherwise a per-process policy for ``lang`` (pseudonyms consistent within the process).

    Parameters
    ----------
    text : str
        Any text (a quote, a memo, a transcript).
    names : iterable of str
        More names known to be people (e.g. speaker labels); every part of a full name counts.
    lang : {"nl", "en"}
        Rules and placeholder language when no policy is active.
    """
    if not isinstance(text, str) or not text:
        return text
    return _policy(lang).scrub(text, names)


def scrub_parts(text: str, ranges: Iterable[tuple[int, int]], names: Iterable[str] = (), *,
                lang: str = "nl") -> list[str]:
    """Each ``text[start:end]`` of ``ranges`` scrubbed as it reads inside ``text`` (scrubbed once): a
    cue span that holds only part of a name ("Groot" of "mevrouw De Groot") is judged in its
    sentence, not on its own ("Groot" alone is a word), and a piece of personal data a span cuts
    into becomes its whole placeholder.

    >>> scrub_parts("Mijn buurvrouw, mevrouw De Groot, was blij.", [(27, 32), (0, 14)], lang="nl")  # doctest: +ELLIPSIS
    ['[PERSOON-...]', 'Mijn buurvrouw']
    """
    ranges = list(ranges)
    if not isinstance(text, str) or not text:
        return [text for _ in ranges]
    out, edits = _policy(lang).scrub_with_offsets(text, names)
    parts = []
    for start, end in ranges:
        if not 0 <= start <= end <= len(text):
            parts.append(scrub(text[start:end], names, lang=lang))
            continue
        a, b = shift(start, edits), shift(end, edits)
        for s, e, n in edits:  # an end inside a replaced piece goes to the end of its placeholder
            if s < end < e:
                b = shift(s, edits) + n
        parts.append(out[a:b])
    return parts


def pseudonym(respondent_id: str, *, lang: str = "nl") -> str:
    """The readable pseudonym of a survey respondent (``R-017``) under the active policy (numbers
    stored in the study store), or a per-process one."""
    return _policy(lang).pseudonym(respondent_id)


_MAP_TEXT = ("text", "detail", "label", "name", "example", "examples", "quote", "description")


def scrub_map(jm):
    """A copy of a :class:`~workbench.journey.JourneyMap` whose texts (cells, quotes, evidence,
    themes, opportunities) went through the policy — what every renderer draws from."""
    import dataclasses

    import pandas as pd

    # The researcher's own words (an opportunity they wrote or edited) are not study data: kept.
    opp = jm.opportunities
    own: set[str] = set()
    if isinstance(opp, pd.DataFrame) and len(opp) and {"origin", "text", "derived_text"} <= set(opp.columns):
        mine = (opp["origin"].astype("string") != "derived") | (opp["text"].astype("string")
                                                               != opp["derived_text"].astype("string"))
        own = set(opp.loc[mine.fillna(True), "text"].dropna().astype(str))
    changes = {}
    for f in dataclasses.fields(jm):
        frame = getattr(jm, f.name)
        if f.name in ("phases", "personas") or not isinstance(frame, pd.DataFrame) or frame.empty:
            continue
        cols = [c for c in frame.columns if c in _MAP_TEXT]
        if cols:
            changes[f.name] = scrub_frame(frame, cols, lang=jm.lang, keep=own)
    return dataclasses.replace(jm, **changes) if changes else jm


def scrub_frame(df, columns: Iterable[str], *, lang: str = "nl", keep: Iterable[str] = ()):
    """A copy of ``df`` with the text ``columns`` scrubbed (each distinct text once); texts in
    ``keep`` (the researcher's own) are left as written."""
    import pandas as pd

    out = df.copy()
    pol = _policy(lang)
    keep = set(keep)
    for col in columns:
        if col in out.columns and len(out):
            s = out[col]
            uniq = s.dropna().unique()
            mapping = {u: pol.scrub(u) if isinstance(u, str) and u not in keep else u for u in uniq}
            out[col] = s.map(mapping, na_action="ignore").astype(s.dtype if s.dtype != object else object)
            if pd.api.types.is_string_dtype(s.dtype) and s.dtype != object:
                out[col] = out[col].astype(s.dtype)
    return out
