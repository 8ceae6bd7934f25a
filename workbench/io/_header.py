"""Header lines that say who took part ("Interviewer: Sanne Bakker", "Deelnemers: Anouk en Jan").

A transcript often opens with a block of metadata: a title, the date, and who interviewed whom.
Such a line is written like a turn ("Interviewer: Laura Bennett" looks like the interviewer
saying "Laura Bennett"), so every reader (plain text, Otter, Word, the NOTE blocks and first
cues of WebVTT and SRT) asks the same questions of it here: does it name people under a role
word, and is its value a bare personal name (or a participant code) and nothing else? Such a
line before the first real turn is metadata, never a turn; the names it gives tell the roles of
the speakers that use them ("Laura: …" is the interviewer), and the reader reports it.

>>> people_line("Interviewer: Laura Bennett")
('interviewer', ['Laura Bennett'])
>>> people_line("Deelnemers: Anouk en Jan")
('participant', ['Anouk', 'Jan'])
>>> bare_person("Laura Bennett"), bare_person("Goedemorgen Anouk"), bare_person("P06")
(True, False, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ._messages import Note, note
from ._speakers import _PARTICLES, label_key, plausible_label, role_word, split_label

__all__ = ["people_line", "bare_person", "header_person", "match_hints", "header_note", "header_skipped", "KEY_VALUE"]

# A header line naming who took part: "Interviewer: Sanne Bakker", "Deelnemers: Anouk en Jan".
ROLE_LIST_WORDS = {
    "deelnemers": "participant", "participants": "participant", "respondenten": "participant",
    "geïnterviewden": "participant", "interviewees": "participant", "naam": "participant",
    "name": "participant", "interviewers": "interviewer", "onderzoekers": "interviewer",
    "moderators": "interviewer", "aanwezig": None, "aanwezigen": None, "present": None,
}  # fmt: skip
KEY_VALUE = re.compile(r"[ \t]*(?:\*\*)?(?P<key>[^\W\d_][\w\- ]{0,30}?)(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*(?P<value>.*\S)?[ \t]*$")
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_NAME_SPLIT = re.compile(r"\s*(?:[,;&/+]|\ben\b|\band\b)\s*", re.I)
# role words that abbreviate ("I", "Q", "A", "R", "P") or mean the question and the answer: in a
# Q/A transcript "Q: Laura Bennett" is a turn, not a header
_TURN_WORDS = frozenset({"i", "q", "a", "r", "p", "int", "vraag", "antwoord"})
_CODE = re.compile(r"[A-Za-z]{1,3}[-_ ]?\d{1,4}")
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
# a name with a description in brackets after it: "Margaret (73, Norfolk)", "Henk (P04, 67 jaar)"
_DESCRIBED = re.compile(r"^(?P<name>.*?\S)\s*[(\[][^()\[\]]{1,60}[)\]]\s*$")


def _undescribed(value: str) -> str:
    """A header value without the description in brackets after the name."""
    m = _DESCRIBED.match(value or "")
    return m.group("name") if m else (value or "")


def names_in(value: str) -> list[str]:
    """The names a header value lists ("Anouk, Jan en Sanne Bakker"); [] when it is not a list of names."""
    parts = [p.strip(" .") for p in _NAME_SPLIT.split(_undescribed(value)) if p and p.strip(" .")]
    out = []
    for p in parts:
        who = split_label(p)[0]
        if not plausible_label(p) or len(who.split()) > 5 or not all(_NAME_WORD.match(w) for w in who.split()):
            return []
        out.append(who)
    return out


def people_line(line: str) -> tuple[str | None, list[str]] | None:
    """``(role, names)`` when ``line`` is "role word: names" (the role ``None`` for "Aanwezig: …"),
    else ``None``."""
    m = KEY_VALUE.match(line) if line.strip() else None
    if m is None:
        return None
    key = label_key(m.group("key"))
    role = ROLE_LIST_WORDS[key] if key in ROLE_LIST_WORDS else role_word(key)
    if role is None and key not in ROLE_LIST_WORDS:
        return None
    names = names_in(m.group("value") or "")
    return (role, names) if names else None


@lru_cache(maxsize=1)
def _first_name_tests():
    """(a first name, a first name that is no ordinary word), from the privacy lexicon (Dutch and English)."""
    try:
        from ..privacy._lexicon import lexicon

        lexicons = [lexicon("nl"), lexicon("en")]
    except Exception:  # noqa: BLE001 - without the lexicon, only speakers of the file name people
        return (lambda w: False), (lambda w: False)

    def first(w: str) -> bool:
        return any(w in lex.first and w not in lex.never for lex in lexicons)

    def only_name(w: str) -> bool:
        return first(w) and not any(w in lex.common for lex in lexicons)

    return first, only_name


def bare_person(value: str) -> bool:
    """Whether ``value`` is a personal name and nothing else ("Laura Bennett", "Anne-Marie de Vries",
    "J. de Boer", "Sanne") or a participant code ("P06", "R-12"): not a greeting, a sentence or a
    question ("Goedemorgen Anouk", "Welkom!", "Anouk?")."""
    v = _without_stop(value)
    if _CODE.fullmatch(v):
        return True
    words = v.split()
    if not 1 <= len(words) <= 5 or not words[0][:1].isupper():
        return False
    if not all(_INITIALS.fullmatch(w) or w.casefold() in _PARTICLES or (w[0].isupper() and _NAME_WORD.match(w))
               for w in words):
        return False
    named = [w.casefold() for w in words if not _INITIALS.fullmatch(w) and w.casefold() not in _PARTICLES]
    if not named:
        return False
    first, only_name = _first_name_tests()
    if len(words) == 1:
        return only_name(named[0])
    return first(named[0]) or bool(_INITIALS.fullmatch(words[0]))


def header_person(line: str) -> tuple[str, str] | None:
    """``(role, name)`` when ``line`` is a role word of one person and a bare name ("Interviewer:
    Laura Bennett", "Deelnemer: P04"): metadata wherever it stands before the first real turn."""
    m = KEY_VALUE.match(line) if line.strip() else None
    if m is None or not m.group("value"):
        return None
    key = label_key(m.group("key"))
    role = role_word(key)
    base = re.sub(r"[\s_\-#.]*\d*$", "", key)  # "I", "Q2", "R1", "P01": a turn's label, not a header's
    value = _undescribed(m.group("value"))
    if role is None or base in _TURN_WORDS or not bare_person(value):
        return None
    return role, split_label(_without_stop(value))[0]


def _without_stop(value: str) -> str:
    """The value without a full stop at its end (kept after an initial: "J.")."""
    v = (value or "").strip()
    words = v.split()
    return v[:-1].rstrip() if v.endswith(".") and not _INITIALS.fullmatch(words[-1]) else v


def match_hints(hints: dict[str, str], keys: Iterable[str]) -> dict[str, str]:
    """Roles from a header's names, given to the speakers they name (full name or first name)."""
    keys = list(dict.fromkeys(keys))
    out = {}
    for k in keys:
        if k in hints:
            out[k] = hints[k]
            continue
        first = k.split()[0] if k else ""
        same = [r for h, r in hints.items() if h.split()[0] == first]
        if len(set(same)) == 1 and sum(1 for o in keys if o.split()[:1] == [first]) == 1:
            out[k] = same[0]
    return out


def _where(nums: list[int], ranges: bool = True) -> tuple[str, str]:
    """'line 3' / 'lines 1, 2 and 4' / 'lines 1–5' in English and Dutch."""
    if len(nums) == 1:
        return f"line {nums[0]}", f"regel {nums[0]}"
    if ranges and nums == list(range(nums[0], nums[-1] + 1)) and len(nums) > 2:
        return f"lines {nums[0]}–{nums[-1]}", f"regels {nums[0]}–{nums[-1]}"
    listed = ", ".join(map(str, nums[:-1]))
    return f"lines {listed} and {nums[-1]}", f"regels {listed} en {nums[-1]}"


def header_note(lines: list[tuple[int, str]]) -> Note:
    """The load message for header lines read as who took part: ``[(1-based line, text)]``."""
    where_en, where_nl = _where([n for n, _ in lines], ranges=False)
    shown = "; ".join(repr(t.strip()[:60]) for _, t in lines)
    return note("header_people", where_en=where_en, where_nl=where_nl, shown=shown)


def header_skipped(lines: list[tuple[int, str]]) -> Note:
    """The load message for a title block above the first speaker that is no turn: ``[(1-based line, text)]``.

    >>> str(header_skipped([(1, "Interview 4"), (3, "Attendees"), (5, "Transcript")]))
    "lines 1, 3 and 5: header above the first speaker skipped ('Interview 4 / Attendees / Transcript')"
    """
    where_en, where_nl = _where([n for n, _ in lines])
    text = " / ".join(t.strip() for _, t in lines)
    return note("header_skipped", where_en=where_en, where_nl=where_nl, text=text if len(text) <= 80 else text[:77] + "…")
