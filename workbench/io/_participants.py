"""Participant ids that are pseudonyms, also when the file names hold the participants' names.

A transcript's participant id defaults to its file stem, and the id is what every quote, persona
card and REFI case shows. Researchers name files after people ("P01_anna.vtt",
"anna-de-vries.docx"), so the stem would carry a name to the client. :func:`participant_ids`
makes the id a pseudonym instead:

* a stem with a code and a name ("P01_anna", "anna_P01", "03-kees") gets the code ("P01",
  "P03");
* a stem that is a name alone ("anna-de-vries", "Kees") gets the next free P-number, in the
  order of the stems, so the same files give the same ids every time;
* any other stem ("P01", "interview3", "teams_export") stays as it is, and an id set in
  study.toml (``[transcripts] participants = {...}``) always wins.

A part of a stem is a name when it is a word of a speaker's name in that very file, or a first
name in the privacy lexicon (:mod:`workbench.privacy._lexicon`) that is not a frequent word of
the study's language only ("dagboek", "sessie", "groep" are no names; "jan", "daan" are). Each change is reported once, as a :class:`~._messages.Note`.

>>> ids, notes = participant_ids({"P01_anna": ["Anna de Vries"], "P02": [], "jan-bos": ["Jan Bos"]})
>>> ids
{'P01_anna': 'P01', 'P02': 'P02', 'jan-bos': 'P03'}
>>> [str(n).split(";")[0] for _, n in notes]
['the file name holds a name', 'the file name holds a name']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ._messages import Note, note
from ._speakers import _PARTICLES, _known, label_key

__all__ = ["participant_ids", "segment_keys"]

_PARTS = re.compile(r"[\s_\-.+]+")
_CODE = re.compile(r"(?P<letters>[A-Za-z]{0,3})(?P<digits>\d{1,4})$")
_ID_NUMBER = re.compile(r"P(\d+)$")


def _name_words(speakers: Iterable[str]) -> set[str]:
    words = set()
    for s in speakers:
        key = label_key(str(s))
        if _known(key):
            continue
        words |= {w for w in key.split() if len(w) >= 2 and w not in _PARTICLES}
    return words


def _lexicon_first_names(language: str):
    """A test 'is this word a first name and not an ordinary word' from the privacy lexicon."""
    try:
        from ..privacy._lexicon import lexicon

        lex = lexicon(language)
    except Exception:  # noqa: BLE001 - without the lexicon, speaker names alone decide
        return lambda word: False
    # "jan", "daan", "roos" are words too, but not words used far more in the language than in
    # others (``common``); months, days and stop words (``never``) are no names in a file name.
    return lambda word: word in lex.first and word not in lex.common and word not in lex.never


class _FirstNames:
    """The lexicon's first-name test, loaded on first use (most stems are plain codes)."""

    def __init__(self, language: str) -> None:
        self.language, self.test = language, None

    def __call__(self, word: str) -> bool:
        if self.test is None:
            self.test = _lexicon_first_names(self.language)
        return self.test(word)


def _holds_name(stem: str, speakers: Iterable[str], is_first_name) -> bool:
    """Whether a word of ``stem`` is a speaker's name in the file or a first name (not "P01",
    "teams_export", "dagboek")."""
    parts = [p for p in _PARTS.split(stem) if p]
    words = [p.casefold() for p in parts if p.isalpha() and len(p) >= 2]
    if len(parts) < 2 and any(_CODE.match(p) for p in parts) or not words:
        return False
    known = _name_words(speakers)
    return any(w in known for w in words) or any(is_first_name(w) for w in words if w not in _PARTICLES)


def segment_keys(
    speakers_by_stem: Mapping[str, Iterable[str]],
    ids: Mapping[str, str],
    language: str = "nl",
) -> dict[str, str]:
    """What each transcript's segment ids start with (``<key>#<turn>``): its file stem, unless the
    stem holds a name, then its participant id (``ids``, from :func:`participant_ids`).

    A stem chosen as an id in study.toml is checked too: ``anna = "P07"`` gives ``P07#001``, not
    ``anna#001``. Keys are unique: when the participant id is another file's key or stem (an
    interview and a diary of one person), ``-2``, ``-3`` … follow it, in the order of the stems.
    No key is the stem of another file, so mapping old ids (``<stem>#``) to new ones is one step.

    >>> segment_keys({"P01_anna": [], "P02": [], "dagboek_anna": []}, {"P01_anna": "P01", "P02": "P02",
    ...              "dagboek_anna": "P01"})
    {'P02': 'P02', 'P01_anna': 'P01', 'dagboek_anna': 'P01-2'}
    """
    names = _FirstNames(language)
    named = [s for s in sorted(speakers_by_stem) if _holds_name(s, speakers_by_stem[s], names)]
    keys = {s: s for s in sorted(speakers_by_stem) if s not in named}
    taken = set(speakers_by_stem)
    for stem in named:
        base = str(ids.get(stem, stem))
        if base == stem:  # no pseudonym to use: the researcher's own choice in study.toml
            keys[stem] = stem
            continue
        key, n = base, 1
        while key in taken:
            n += 1
            key = f"{base}-{n}"
        keys[stem] = key
        taken.add(key)
    return keys


def participant_ids(
    speakers_by_stem: Mapping[str, Iterable[str]],
    explicit: Mapping[str, str] | None = None,
    language: str = "nl",
) -> tuple[dict[str, str], list[tuple[str, Note]]]:
    """The participant id of each transcript stem, and a note per stem whose id was changed.

    Parameters
    ----------
    speakers_by_stem : mapping
        File stem -> the speaker labels read from that file (empty for documents).
    explicit : mapping, optional
        ``[transcripts] participants`` from study.toml: stem -> id. These win.
    language : str
        The study's language, for the lexicon of first names.

    Returns
    -------
    (dict, list)
        ``{stem: participant id}`` and ``[(stem, note)]`` for the stems that held a name, plus
        one note per id that several such stems share.
    """
    explicit = dict(explicit or {})
    names = _FirstNames(language)
    ids: dict[str, str] = {}
    name_only: list[str] = []
    changed: list[str] = []
    for stem in sorted(speakers_by_stem):
        if stem in explicit:
            ids[stem] = explicit[stem]
            continue
        codes = [p for p in _PARTS.split(stem) if p and _CODE.match(p)]
        if len(codes) > 1 or not _holds_name(stem, speakers_by_stem[stem], names):
            ids[stem] = stem
            continue
        changed.append(stem)
        if codes:
            m = _CODE.match(codes[0])
            letters = m.group("letters").upper() or "P"
            ids[stem] = letters + m.group("digits").zfill(2)
        else:
            name_only.append(stem)
    used = {int(m.group(1)) for v in [*ids.values(), *map(str, explicit.values())] if (m := _ID_NUMBER.match(v))}
    used |= {int(m.group("digits")) for stem in ids for p in _PARTS.split(stem)
             if (m := _CODE.match(p)) and m.group("letters").upper() in ("", "P")}
    number = 1
    for stem in name_only:
        while number in used:
            number += 1
        used.add(number)
        ids[stem] = f"P{number:02d}"
    # An explicit id that names another file's stem ("diary" = "Interview_Anouk", as a REFI import
    # writes for the texts of one case) follows that file to its pseudonym.
    for stem, value in explicit.items():
        if stem in ids and value in ids and value not in explicit and value in changed:
            ids[stem] = ids[value]
    keys = segment_keys(speakers_by_stem, ids, language)
    notes = [(stem, note("pseudonym", pid=ids[stem], seg=keys[stem])) for stem in changed]
    notes += [(stem, note("named_file", seg=key)) for stem, key in keys.items() if key != stem and stem not in changed]
    by_id: dict[str, list[str]] = {}
    for stem, pid in ids.items():
        by_id.setdefault(pid, []).append(stem)
    for pid, stems in by_id.items():
        moved = [s for s in stems if s in changed]
        if sum(s not in explicit for s in stems) > 1 and moved:  # not when study.toml ties them
            notes.append((moved[0], note("shared_id", files=", ".join(stems), pid=pid)))
    return ids, notes
