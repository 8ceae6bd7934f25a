"""Speaker labels, timestamps and interviewer detection, shared by all transcript readers.

A *label* is the speaker's name as written at the start of a turn ("Interviewer", "Anouk",
"Anne-Marie de Vries", "R", "P01"). Readers first collect every candidate label, then decide
with :func:`accept_labels` which candidates really are speakers, so a sentence such as
"Let op: …" inside a turn is not mistaken for one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

__all__ = [
    "INTERVIEWER_WORDS",
    "PARTICIPANT_WORDS",
    "TS",
    "NAME",
    "label_key",
    "role_word",
    "plausible_label",
    "accept_labels",
    "detect_roles",
    "seconds",
]

#: Labels that mark the interviewer (compared case-insensitively, trailing numbers removed).
INTERVIEWER_WORDS = frozenset(
    {
        "interviewer", "interviewster", "onderzoeker", "onderzoekster", "moderator",
        "researcher", "facilitator", "gespreksleider", "int", "i", "q", "vraag",
    }
)
#: Labels that mark the interviewed participant.
PARTICIPANT_WORDS = frozenset(
    {
        "r", "respondent", "participant", "deelnemer", "deelneemster", "geïnterviewde",
        "geinterviewde", "interviewee", "a", "antwoord", "p",
    }
)
# Generic speaker words: certainly labels, but they say nothing about the role.
_SPEAKER_WORDS = frozenset({"speaker", "spreker", "spk", "spk_", "persoon", "person", "stem", "voice"})

# Words that look like a label at a line start ("Datum: 12 maart", "Let op: …") but are not.
_NOT_SPEAKERS = frozenset(
    {
        "datum", "date", "tijd", "time", "tijdstip", "duur", "duration", "locatie", "location",
        "plaats", "place", "titel", "title", "onderwerp", "subject", "project", "notitie",
        "notities", "note", "notes", "opmerking", "opmerkingen", "nb", "n.b.", "let op", "ps",
        "p.s.", "tip", "bron", "source", "transcript", "transcriptie", "interview", "taal",
        "language", "deelnemers", "participants", "aanwezig", "aanwezigen", "present",
        "samenvatting", "summary", "conclusie", "conclusion", "thema", "topic", "doel", "goal",
        "opname", "recording", "versie", "version", "link", "url", "email", "e-mail", "tel",
        "telefoon", "phone", "adres", "address", "leeftijd", "age", "geslacht", "gender",
        "beroep", "occupation", "woonplaats", "voorbeeld", "example", "bijvoorbeeld", "bijv",
        "bv", "eg", "e.g", "e.g.", "ie", "i.e.", "ok", "oké", "oke", "ja", "nee", "yes", "no",
        "nou", "dus", "maar", "want", "toen", "zoals", "namelijk", "kortom", "stel", "kijk",
        "well", "so", "but", "because", "then", "like", "warning", "waarschuwing", "let wel",
        "inaudible", "onverstaanbaar", "lacht", "gelach", "laughs", "laughter", "crosstalk",
        "pauze", "pause", "stilte", "silence", "onduidelijk", "unclear", "muziek", "music",
    }
)
# Lower-case words allowed inside a multi-word name ("Anne-Marie de Vries", "Jan van den Berg").
_PARTICLES = frozenset(
    {"de", "van", "der", "den", "ter", "ten", "te", "het", "'t", "la", "le", "du", "da", "di",
     "von", "zu", "in", "op", "el", "al", "bin", "ben", "y"}
)

#: A timestamp as transcripts write it: ``01:23``, ``1:02:03``, ``00:01:23.5``, ``00:01:23,250``.
TS = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_TS_PARTS = re.compile(r"(?:(\d+):)?(\d+):(\d+)(?:[.,](\d+))?")
#: A speaker name: one to four words, the first starting with a letter.
NAME = r"[^\W\d_][\w'’.\-]*(?:[ ]+[\w'’.\-]+){0,3}"

_TRAILING_NUMBER = re.compile(r"[\s_\-#.]*\d+$")
_SPACES = re.compile(r"\s+")


def seconds(ts: str) -> float:
    """Seconds of a timestamp such as ``'01:23'``, ``'1:02:03.5'`` or ``'00:00:01,250'``.

    >>> seconds("1:02:03.5")
    3723.5
    >>> seconds("01:23")
    83.0
    """
    m = _TS_PARTS.search(ts)
    if m is None:
        return float("nan")
    hours, minutes, secs, frac = m.groups()
    value = int(hours or 0) * 3600 + int(minutes) * 60 + int(secs)
    if frac:
        value += int(frac) / 10 ** len(frac)
    return float(value)


@lru_cache(maxsize=8192)
def label_key(label: str) -> str:
    """The form labels are compared in: case-folded, inner whitespace collapsed."""
    return _SPACES.sub(" ", label.strip()).casefold()


@lru_cache(maxsize=8192)
def role_word(label: str) -> str | None:
    """``'interviewer'`` or ``'participant'`` when the label is a known role word, else ``None``.

    Trailing numbers and punctuation are ignored, so "Interviewer 2", "Int." and "P01" count.

    >>> role_word("Onderzoeker"), role_word("R"), role_word("P01"), role_word("Anouk")
    ('interviewer', 'participant', 'participant', None)
    """
    key = label_key(label).rstrip(".:")
    base = _TRAILING_NUMBER.sub("", key) or key
    for word in (key, base):
        if word in INTERVIEWER_WORDS:
            return "interviewer"
        if word in PARTICIPANT_WORDS:
            return "participant"
    return None


@lru_cache(maxsize=8192)
def _known(key: str) -> bool:
    base = _TRAILING_NUMBER.sub("", key.rstrip(".:")) or key
    return role_word(key) is not None or base in _SPEAKER_WORDS


@lru_cache(maxsize=8192)
def plausible_label(name: str) -> bool:
    """Whether ``name`` can be a speaker label at all (before counting occurrences).

    It must be short, start with a capital (or be a role word or an id with a digit such as
    ``spk_0``), have capitals or name particles in its other words ("Anne-Marie de Vries"),
    and not be a word that is known to introduce something else ("Let op", "Datum").
    """
    name = name.strip()
    if not name or len(name) > 40:
        return False
    key = label_key(name)
    if _known(key):
        return True
    if key in _NOT_SPEAKERS:
        return False
    words = name.split()
    if not (words[0][0].isupper() or any(c.isdigit() for c in words[0])):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.casefold() in _PARTICLES for w in words[1:])


def accept_labels(candidates: Sequence[str], forced: Iterable[str] = ()) -> set[str]:
    """Decide which candidate labels are speakers.

    Parameters
    ----------
    candidates : sequence of str
        The label keys (see :func:`label_key`) of all candidate label occurrences, in file order.
    forced : iterable of str
        Labels that are speakers whatever their count (e.g. the study's interviewer labels).

    Returns
    -------
    set of str
        The accepted label keys. A label is accepted when it is a known role or speaker word,
        is forced, or occurs at least twice. A label that occurs once is accepted only while
        fewer than two speakers are otherwise known (a very short interview), and never when
        it comes before the conversation proper starts (header lines such as
        "Interviewer: Sanne Bakker" above a conversation between "Sanne" and "Anouk").
    """
    counts = Counter(candidates)
    forced_keys = {label_key(f) for f in forced}
    accepted = {k for k, n in counts.items() if n >= 2 or k in forced_keys or _known(k)}
    repeated = [k for k, n in counts.items() if n >= 2]
    if len(repeated) >= 2:
        first_repeated = next(i for i, k in enumerate(candidates) if counts[k] >= 2)
        accepted -= {
            k for k in candidates[:first_repeated] if counts[k] == 1 and k not in forced_keys
        }
    if len(accepted) < 2:
        accepted |= {k for k, n in counts.items() if n == 1}
    return accepted


def detect_roles(
    speakers: Sequence[str],
    texts: Sequence[str],
    interviewer: Iterable[str] | None = None,
) -> dict[str, str]:
    """Assign ``'interviewer'`` or ``'participant'`` to every speaker of one transcript.

    Parameters
    ----------
    speakers : sequence of str
        The speaker label of each turn, in order.
    texts : sequence of str
        The text of each turn (same length as ``speakers``).
    interviewer : iterable of str, optional
        Labels that are the interviewer (case-insensitive), e.g. from ``study.toml``. When
        one of them occurs in the transcript they decide alone: those speakers are
        interviewers, all others participants. When none occurs, detection runs as usual.

    Returns
    -------
    dict
        ``{label_key(speaker): role}`` for every speaker.

    Notes
    -----
    Without ``interviewer``, known role words decide ("Interviewer", "Onderzoeker", "I", "Q"
    are interviewers; "Respondent", "Deelnemer", "R", "A" participants). When no speaker is
    an interviewer by name, the speaker among the unnamed ones whose turns most often end in
    a question mark is the interviewer (ties: the one who speaks first); all others are
    participants. A transcript with a single speaker has no interviewer.

    Examples
    --------
    >>> detect_roles(["Sanne", "Anouk", "Sanne"], ["Hoe ging dat?", "Goed.", "En toen?"])
    {'sanne': 'interviewer', 'anouk': 'participant'}
    >>> detect_roles(["Int", "Jan"], ["Vertel!", "Ja?"])
    {'int': 'interviewer', 'jan': 'participant'}
    """
    keys = [label_key(s) for s in speakers]
    order = list(dict.fromkeys(keys))
    given = {label_key(i) for i in interviewer or ()}
    if given & set(order):
        return {k: "interviewer" if k in given else "participant" for k in order}
    by_word = {k: role_word(k) for k in order}
    roles = {k: by_word[k] or "participant" for k in order}
    if "interviewer" in by_word.values() or len(order) < 2:
        return roles
    unnamed = [k for k in order if by_word[k] is None]
    if not unnamed:
        return roles
    questions = Counter(k for k, t in zip(keys, texts, strict=True) if t.rstrip().endswith("?"))
    # max() keeps the first of equal counts, and ``unnamed`` is in order of first appearance.
    roles[max(unnamed, key=lambda k: questions[k])] = "interviewer"
    return roles
