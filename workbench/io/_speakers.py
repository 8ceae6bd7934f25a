"""Speaker labels, timestamps and interviewer detection, shared by all transcript readers.

A *label* is the speaker's name as written at the start of a turn ("Interviewer", "Anouk",
"Anne-Marie de Vries", "R", "P01", "Anna de Vries’s iPhone", "Tom (Gast)"). Readers first collect
every candidate label with the *layout* it appears in (a colon after the name, a timestamp, a name
line above the text, the first line of a subtitle cue …), then decide with :func:`choose_labels`
which candidates really are speakers, so a sentence such as "Let op: …" inside a turn is not
mistaken for one, while a person who speaks only once in the file's own turn layout is.

Zoom and Teams add things to a person's name: the device they joined from ("Anna de Vries’s
iPhone", "Kees’ iPad", "iPhone van Jan") and suffixes in parentheses ("Sanne Bakker (zij/haar)",
"Tom (Gast)"). :func:`split_label` takes these off, so one person is one speaker; a suffix that
names a role ("(interviewer)", "(moderator)", "(gast)") is kept as a hint for :func:`detect_roles`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "INTERVIEWER_WORDS",
    "PARTICIPANT_WORDS",
    "TS",
    "NAME",
    "NAME_LF",
    "Candidate",
    "label_key",
    "role_word",
    "split_label",
    "first_last",
    "person",
    "device_label",
    "plausible_label",
    "accept_labels",
    "choose_labels",
    "detect_roles",
    "seconds",
]

#: Labels that mark the interviewer (compared case-insensitively, trailing numbers removed).
INTERVIEWER_WORDS = frozenset(
    {
        "interviewer", "interviewster", "onderzoeker", "onderzoekster", "moderator", "moderatorin",
        "researcher", "facilitator", "gespreksleider", "gespreksleidster", "int", "i", "q", "vraag",
        "host", "interviewerin",
    }
)
#: Labels that mark the interviewed participant.
PARTICIPANT_WORDS = frozenset(
    {
        "r", "respondent", "participant", "deelnemer", "deelneemster", "geïnterviewde",
        "geinterviewde", "interviewee", "a", "antwoord", "p", "teilnehmer", "teilnehmerin",
    }
)
# Words in a name's parenthesised suffix that hint at a role ("Tom (Gast)", "Sanne (moderator)").
_HINT_INTERVIEWER = INTERVIEWER_WORDS - {"i", "q", "vraag", "int"} | {"organisator", "organizer", "organiser"}
_HINT_PARTICIPANT = PARTICIPANT_WORDS - {"a", "p", "r", "antwoord"} | {
    "gast", "guest", "extern", "external", "bezoeker", "visitor", "klant", "customer", "gebruiker", "user",
}
# Generic speaker words: certainly labels, but they say nothing about the role.
_SPEAKER_WORDS = frozenset(
    {"speaker", "spreker", "spk", "spk_", "persoon", "person", "stem", "voice", "unknown speaker",
     "onbekende spreker", "sprecher"}
)

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
        "naam", "name", "functie", "function", "rol", "role", "organisatie", "organization",
        "organisation", "bedrijf", "company", "sessie", "session", "interviewnummer", "nummer",
        "number", "opnamedatum", "dag", "day", "week", "maand", "month", "jaar", "year", "kanaal",
        "channel", "platform", "medium", "methode", "method", "context", "achtergrond",
        "background", "voordelen", "voordeel", "nadelen", "nadeel", "pros", "cons", "advantages",
        "disadvantages", "stap", "step", "vraagje", "question", "answer", "update", "status",
        "actie", "actiepunt", "actiepunten", "action", "actions", "todo", "besluit", "decision",
        "resultaat", "result", "uitkomst", "outcome", "probleem", "problem", "oplossing",
        "solution", "reden", "reason", "idee", "idea", "feedback", "quote", "citaat", "tijdcode",
        "timecode", "goede vraag", "good question", "zie", "see", "https", "http", "www",
        "edit", "edited", "bewerkt", "aantekening", "aantekeningen", "observatie", "observation",
        "memo", "moderatorgids", "gids", "guide", "agenda", "afspraak", "appointment",
        # e-mail headers: a forwarded e-mail is a document, not a conversation between "Van" and "Aan"
        "van", "aan", "cc", "bcc", "from", "to", "sent", "verzonden", "re", "fw", "fwd", "reply-to",
        "beantwoorden", "bijlage", "bijlagen", "attachment", "attachments",
    }
)
# Lower-case words allowed inside a multi-word name ("Anne-Marie de Vries", "Jan van den Berg").
_PARTICLES = frozenset(
    {"de", "van", "der", "den", "ter", "ten", "te", "het", "'t", "’t", "la", "le", "du", "da", "di",
     "von", "zu", "in", "op", "el", "al", "bin", "ben", "y", "dos", "das", "del", "della", "vd", "v.d."}
)

#: A timestamp as transcripts write it: ``01:23``, ``1:02:03``, ``00:01:23.5``, ``00:01:23,250``.
TS = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_TS_PARTS = re.compile(r"(?:(\d+):)?(\d+):(\d+)(?:[.,](\d+))?")
#: A speaker name: one to seven words, the first starting with a letter, and up to two suffixes
#: in parentheses that are not timestamps ("Tom (Gast)", "Noor (zij/haar) (Gast)").
NAME = r"[^\W\d_][\w'’.\-]*(?:[ ]+[\w'’.\-]+){0,6}(?:[ ]*\((?![ ]*\d{1,2}:\d)[^()\n]{1,30}\)){0,2}"
#: A speaker name, also in the "Surname, First name" order that Teams and Otter write from a
#: company directory ("Bakker, Sanne", "Vries, Anna de", "de Vries, Anna (Gast)").
NAME_LF = rf"{NAME}(?:,[ ]+{NAME})?"

_TRAILING_NUMBER = re.compile(r"(?:[\s_\-#.]*\d+|[\s_\-#.]+[a-z])$")
_SPACES = re.compile(r"\s+")
_PAREN = re.compile(r"\s*\(([^()]{1,30})\)\s*$")
_DEVICES = (
    r"i(?:phone|pad|mac|pod)|macbook(?:[- ](?:pro|air))?|mac|imac|galaxy|samsung|pixel|android|huawei|"
    r"xiaomi|redmi|oneplus|nokia|motorola|moto|oppo|surface|chromebook|thinkpad|smartphone|phone|"
    r"telefoon|mobiel|tablet|laptop|werklaptop|computer|pc|desktop|zoom ?rooms?"
)
_DEVICE_OWNER = re.compile(rf"^(?P<name>.+?)(?:['’]s|['’])[ ]+(?:{_DEVICES})\b.*$", re.I)
_DEVICE_VAN = re.compile(rf"^(?:{_DEVICES})\b[\w .\-]*?[ ]+(?:van|of|de)[ ]+(?P<name>.+)$", re.I)
_WORD_CHARS = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_LAST_FIRST = re.compile(r"^(?P<last>[^,]+),[ ]*(?P<first>[^,]+)$")


def _name_words(words: list[str]) -> bool:
    """Words of one half of a "Surname, First name" label: capitalised words or particles."""
    return (
        1 <= len(words) <= 4
        and all(_WORD_CHARS.match(w) and (w[0].isupper() or w.casefold() in _PARTICLES) for w in words)
        and any(w[0].isupper() for w in words)
        and not any(w.casefold() not in _PARTICLES and (w.casefold() in _NOT_SPEAKERS or w.casefold() in _stop_words())
                    for w in words)
    )


def first_last(name: str) -> str:
    """"Surname, First name" as "First name Surname"; any other text unchanged.

    Teams and Otter write names from a company directory surname first. Name particles go with
    the surname wherever they stand, so both Dutch directory orders give the same person.

    >>> first_last("Bakker, Sanne"), first_last("Vries, Anna de"), first_last("de Vries, Anna")
    ('Sanne Bakker', 'Anna de Vries', 'Anna de Vries')
    >>> first_last("Dam, Marieke van"), first_last("Groot, J.P. de")
    ('Marieke van Dam', 'J.P. de Groot')
    >>> first_last("Nou, kijk"), first_last("Ja, Anouk")
    ('Nou, kijk', 'Ja, Anouk')
    """
    m = _LAST_FIRST.match(name)
    if m is None:
        return name
    last, first = m.group("last").split(), m.group("first").split()
    if not (_name_words(last) and _name_words(first)) or any(w[0].islower() for w in first[:1]):
        return name
    return " ".join(first + last)


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
def split_label(label: str) -> tuple[str, str | None]:
    """The person in a speaker label and a role hint from its suffix (``None`` when there is none).

    Device names and parenthesised suffixes that Zoom and Teams add are removed.

    >>> split_label("Anna de Vries’s iPhone")
    ('Anna de Vries', None)
    >>> split_label("Kees' iPad"), split_label("iPhone van Jan de Boer")
    (('Kees', None), ('Jan de Boer', None))
    >>> split_label("Sanne Bakker (zij/haar)"), split_label("Tom (Gast)")
    (('Sanne Bakker', None), ('Tom', 'participant'))
    >>> split_label("Bakker, Sanne (Extern)")
    ('Bakker, Sanne', 'participant')
    """
    name = _SPACES.sub(" ", label.strip())
    hint = None
    while True:
        m = _PAREN.search(name)
        if m is None or m.start() == 0:
            break
        words = {w for w in re.split(r"[\s/,;]+", m.group(1).casefold().strip(" .")) if w}
        if hint is None and words & _HINT_INTERVIEWER:
            hint = "interviewer"
        elif hint is None and words & _HINT_PARTICIPANT:
            hint = "participant"
        name = name[: m.start()].rstrip()
    for rx in (_DEVICE_OWNER, _DEVICE_VAN):
        m = rx.match(name)
        if m is not None and m.group("name").strip():
            name = m.group("name").strip()
            break
    return name, hint


# A label that is only a device ("iPad (2)", "iPhone", "Galaxy S22", "MacBook Pro", "Zoom user"): the
# device word, then at most three model words (numbers, codes such as S22, Pro/Max/Mini/Air …).
_MODEL = r"(?:\d{1,4}|[a-z]{0,2}\d{1,4}[a-z]{0,3}|pro|max|mini|air|plus|ultra|lite|se|fe|xl|note|tab|fold|flip|go)"
_DEVICE_ONLY = re.compile(rf"^(?:{_DEVICES}|zoom[ -]?(?:user|gebruiker)|(?:android|samsung)[ -]?(?:phone|tablet))"
                          rf"(?:[ \-]+{_MODEL}){{0,3}}$", re.I)


def device_label(label: str) -> bool:
    """Whether a speaker label names a device and no person (Zoom shows a device's name when the
    person did not give theirs).

    >>> [device_label(x) for x in ("iPad (2)", "Galaxy S22", "MacBook Pro", "Zoom user", "iPhone 15 Pro Max")]
    [True, True, True, True, True]
    >>> [device_label(x) for x in ("Priya’s MacBook Pro", "Mac", "Anouk", "iPhone van Jan")]
    [False, False, False, False]
    """
    name = split_label(label)[0]
    return name.casefold() != "mac" and _DEVICE_ONLY.match(name) is not None


def person(label: str) -> str:
    """The person in a speaker label (see :func:`split_label`)."""
    return split_label(label)[0]


@lru_cache(maxsize=8192)
def label_key(label: str) -> str:
    """The form speakers are compared in: the person (:func:`split_label`) in first-name order
    (:func:`first_last`), case-folded, so "Bakker, Sanne" in a Teams file is the study's
    interviewer "Sanne Bakker".

    >>> label_key("Bakker, Sanne (Gast)") == label_key("Sanne Bakker")
    True
    """
    return _SPACES.sub(" ", first_last(split_label(label)[0])).casefold()


@lru_cache(maxsize=8192)
def role_word(label: str) -> str | None:
    """``'interviewer'`` or ``'participant'`` when the label is a known role word, else ``None``.

    Trailing numbers, a trailing single letter and punctuation are ignored, so "Interviewer 2",
    "Int.", "P01" and "Respondent B" count.

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
    return role_word(key) is not None or base in _SPEAKER_WORDS or key in _SPEAKER_WORDS


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """Function words of Dutch and English (spaCy's lists): never the first word of a name."""
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.nl.stop_words import STOP_WORDS as NL

    return frozenset(NL | EN) - _PARTICLES


@lru_cache(maxsize=8192)
def plausible_label(name: str, relaxed: bool = False) -> bool:
    """Whether ``name`` can be a speaker label at all (before counting occurrences).

    It must be short, not be a word known to introduce something else ("Let op", "Datum"), and
    (after :func:`split_label`) start with a capital (or be a role word or an id with a digit
    such as ``spk_0``) with capitals or name particles in its other words ("Anne-Marie de
    Vries"). ``relaxed`` also allows lower-case names ("Priya sharma", "jan de boer"): every word
    made of letters, and no word a Dutch or English function word unless a name particle.
    Readers use it only where the file's layout says a name stands (see :func:`choose_labels`).
    """
    name = name.strip()
    if not name or len(name) > 60:
        return False
    who = first_last(split_label(name)[0])
    key = label_key(name)
    if _known(key):
        return True
    if key in _NOT_SPEAKERS or label_key(name.split("(")[0]) in _NOT_SPEAKERS:
        return False
    words = who.split()
    if "," in who:  # a comma that is not a "Surname, First name" label: a sentence
        return False
    if not words or len(words) > 5 or words[0].casefold() in _NOT_SPEAKERS:
        return False
    if not (words[0][0].isupper() or any(c.isdigit() for c in words[0])):
        strict = False
    else:
        strict = all(w[0].isupper() or w[0].isdigit() or w.casefold() in _PARTICLES for w in words[1:])
    if strict or not relaxed:
        return strict
    if not all(_WORD_CHARS.match(w) for w in words):
        return False
    stops = _stop_words()
    first = words[0].casefold()
    return first not in stops and first not in _PARTICLES and not any(
        w.casefold() in stops for w in words[1:]
    )


class Candidate(NamedTuple):
    """One place where a speaker label may start a turn.

    ``key`` is :func:`label_key` of the label; ``strict`` whether it passes the strict
    :func:`plausible_label` (otherwise only the relaxed one); ``layout`` any hashable description
    of how it is written (e.g. ``("colon", has_timestamp, starts_paragraph)``).
    """

    key: str
    strict: bool = True
    layout: Hashable = None


def choose_labels(candidates: Sequence[Candidate], forced: Iterable[str] = ()) -> set[str]:
    """Decide which candidate labels are speakers.

    Parameters
    ----------
    candidates : sequence of Candidate
        Every candidate label occurrence, in file order.
    forced : iterable of str
        Labels that are speakers whatever their count (e.g. the study's interviewer labels).

    Returns
    -------
    set of str
        The accepted label keys.

    Notes
    -----
    *Confident* labels are known role or speaker words, forced labels, and strictly plausible
    labels that occur at least twice. They show the file's turn layout(s). Any other candidate
    (a person who speaks once, a lower-case name) is accepted when it is written in that layout
    and comes after the conversation has started (not a header line such as "Interviewer:
    Sanne Bakker" above a conversation between "Sanne" and "Anouk"). When fewer than two labels
    are confident, repeated lower-case names count as confident, and in a very short exchange
    every strictly plausible label is accepted.
    """
    forced_keys = {label_key(f) for f in forced}
    counts = Counter(c.key for c in candidates)
    strict = {c.key for c in candidates if c.strict}

    def confident(repeated_relaxed: bool) -> set[str]:
        return {
            k for k in counts
            if _known(k) or k in forced_keys or (counts[k] >= 2 and (k in strict or repeated_relaxed))
        }

    sure = confident(False)
    if len(sure) < 2:
        sure = confident(True)
    layouts = Counter(c.layout for c in candidates if c.key in sure)
    total = sum(layouts.values())
    usual = {lay for lay, n in layouts.items() if n >= max(2, 0.2 * total)}
    if layouts and not usual:
        usual = {layouts.most_common(1)[0][0]}
    first_sure = next((i for i, c in enumerate(candidates) if c.key in sure), len(candidates))
    # A label before the conversation proper (once-only, not confident) is a header line.
    repeated = [k for k in sure if counts[k] >= 2]
    started_at = first_sure
    if len(repeated) >= 2:
        started_at = next(i for i, c in enumerate(candidates) if c.key in repeated)
    accepted = set(sure)
    if len(repeated) >= 2:  # header lines before the first repeated label are not turns
        accepted -= {
            c.key for c in candidates[:started_at]
            if counts[c.key] == 1 and c.key not in forced_keys
        }
    for i, c in enumerate(candidates):
        if c.key not in accepted and i > started_at and c.layout in usual:
            accepted.add(c.key)
    if len(accepted) < 2:
        accepted |= {k for k, n in counts.items() if n == 1 and k in strict}
    return accepted


def accept_labels(candidates: Sequence[str], forced: Iterable[str] = ()) -> set[str]:
    """:func:`choose_labels` for label keys of one layout, all strictly plausible.

    >>> sorted(accept_labels(["sanne", "anouk", "sanne", "anouk", "let op"]))
    ['anouk', 'let op', 'sanne']
    """
    return choose_labels([Candidate(k) for k in candidates], forced)


# Question tags at the end of a statement ("…, toch?", "…, weet je?", "…, right?"): not questions.
_TAG_QUESTION = re.compile(
    r"(?:^|[,;\s])(?:toch|hè|he|hé|niet|nietwaar|weet je|weet u|snap je|zie je|begrijp je|ja|nee|of niet|"
    r"right|you know|isn't it|don't you|didn't i|eh|hoor|ok|oké|okay)\s*\?+\s*$",
    re.I,
)


def _is_question(text: str) -> bool:
    t = text.rstrip()
    return t.endswith("?") and _TAG_QUESTION.search(t[-30:]) is None


def detect_roles(
    speakers: Sequence[str],
    texts: Sequence[str],
    interviewer: Iterable[str] | None = None,
    hints: Mapping[str, str] | None = None,
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
    hints : mapping, optional
        ``{label_key: role}`` from the file itself: a header line ("Interviewer: Sanne Bakker")
        or a name suffix ("Tom (Gast)").

    Returns
    -------
    dict
        ``{label_key(speaker): role}`` for every speaker.

    Notes
    -----
    Without ``interviewer``, known role words decide ("Interviewer", "Onderzoeker", "I", "Q"
    are interviewers; "Respondent", "Deelnemer", "R", "A" participants), then the file's own
    hints. When no speaker is an interviewer by either, the interviewer is the speaker among the
    others with the highest ``q² / turns``, ``q`` being the turns that end in a real question
    (question tags such as "…, toch?" or "…, right?" do not count): the moderator of a focus
    group asks many questions, and most of their turns are questions, while a talkative
    participant asks a few. Ties go to the one who speaks first. A transcript with a single
    speaker has no interviewer.

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
    hints = dict(hints or {})
    by_word = {k: role_word(k) or hints.get(k) for k in order}
    roles = {k: by_word[k] or "participant" for k in order}
    if "interviewer" in by_word.values() or len(order) < 2:
        return roles
    unnamed = [k for k in order if by_word[k] is None]
    if not unnamed:
        return roles
    turns = Counter(keys)
    questions = Counter(k for k, t in zip(keys, texts, strict=True) if _is_question(t))
    # max() keeps the first of equal scores, and ``unnamed`` is in order of first appearance.
    roles[max(unnamed, key=lambda k: questions[k] ** 2 / turns[k])] = "interviewer"
    return roles
