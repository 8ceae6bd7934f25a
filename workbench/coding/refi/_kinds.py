"""What a project's text is: an interview transcript, a participant's document, or notes.

A QDA project does not say whether a text has speaker turns, so the importer reads that from
the text (see ``_sources._is_transcript``). Whether a text without turns is a participant's own
words (a *document*: diary, written answer, e-mail; quotable) or the researcher's *notes* (field
notes, memos, observations: codable, never quoted as a participant's words) the project can
say in two ways:

- a variable on the source (``VariableValue`` of a ``TextSource``; a file attribute in
  QualCoder), named like ``text kind``, ``type`` or ``soort`` (:data:`KIND_NAMES`), whose value names
  the kind (``notes``, ``field notes``, ``veldnotities``, ``memo`` … or ``document``,
  ``diary``, ``e-mail`` … or ``interview``). The export writes ``text kind`` on every text
  when a study has documents or notes, so a round trip keeps the kind;
- the source's name: "Veldnotities bezoek 3", "Field notes visit", "memo observatie" are
  notes (only for a text without speaker turns: "Interview notes P03" with turns stays an
  interview).
"""

from __future__ import annotations

import re

__all__ = ["KIND_VARIABLE", "KIND_NAMES", "marked_kind", "named_notes"]

#: The variable the export writes on each text source (values: transcript, document, notes).
KIND_VARIABLE = "text kind"
#: Variable names (case folded) read as the kind of a text.
KIND_NAMES = frozenset({
    "text kind", "kind", "type", "text type", "document type", "source type", "file type", "soort",
    "soort tekst", "tekstsoort", "type tekst", "documenttype", "soort document", "brontype",
})
_WORDS = {
    "notes": ("notes", "note", "field notes", "field note", "fieldnotes", "memo", "memos", "observation",
              "observations", "research notes", "interview notes", "notities", "veldnotities", "notitie",
              "aantekeningen", "observatie", "observaties", "memo's"),
    "document": ("document", "documents", "diary", "dagboek", "e-mail", "email", "mail", "letter", "brief",
                 "written answer", "written answers", "schriftelijk antwoord", "answers", "antwoorden",
                 "essay", "journal entry", "post", "bericht", "review"),
    "transcript": ("transcript", "interview", "transcriptie", "focus group", "focusgroep", "gesprek",
                   "interview transcript"),
}
_KIND_OF = {w: kind for kind, words in _WORDS.items() for w in words}
# Notes in a name: English words, and Dutch ones also inside compounds ("bezoeknotities").
_NOTES_NAME = re.compile(r"\b(?:field ?notes?|notes?|memos?|observations?)\b|notitie|aantekening|observatie")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[\W_\d]+", " ", text.casefold()).split())


def marked_kind(values: dict[str, str], variables: dict[str, tuple[str, str, str]]) -> tuple[str | None, str]:
    """The kind a source's variables give it, and how it was read ('' when none does).

    ``values``: variable guid -> value; ``variables``: guid -> (name, type, description).

    >>> marked_kind({"v": "Veldnotities"}, {"v": ("Soort", "Text", "")})
    ('notes', "variable 'Soort' = 'Veldnotities'")
    >>> marked_kind({"v": "klant"}, {"v": ("type", "Text", "")})
    (None, '')
    """
    for guid, value in values.items():
        name = variables.get(guid, ("", "", ""))[0]
        if name.strip().casefold() not in KIND_NAMES:
            continue
        kind = _KIND_OF.get(" ".join(value.casefold().replace("_", " ").split()))
        if kind is not None:
            return kind, f"variable '{name}' = '{value}'"
    return None, ""


def named_notes(name: str) -> bool:
    """Whether a source's name says it holds the researcher's notes.

    >>> [named_notes(n) for n in ("Veldnotities bezoek 3", "field_notes-visit", "Dagboek Anouk", "Notebook")]
    [True, True, False, False]
    """
    return _NOTES_NAME.search(_norm(name)) is not None
