"""Word (``.docx``) transcripts, read with python-docx.

The document is read as lines: every paragraph, and every line of a paragraph broken with
Shift+Enter (a soft line break), is one line, so "Interviewer: …" and "Jan: …" in one paragraph
are two turns. The lines then go to the plain-text reader (:mod:`._plaintext`) or, when they are
timed cues (Teams' and Stream's transcript download: a timing line, a name, the text), to the
cue reader (:mod:`._subtitles`). Understood, also mixed in one document:

* lines starting with a label, as in plain text (``Anouk: …``, ``[00:01:23] Anouk: …``,
  an Otter- or Teams-style "Anouk  0:05" line followed by text lines);
* lines starting with the speaker's name in bold (``**Anouk** Ik zocht …``, with or
  without a colon);
* tables of ``(speaker, text)`` or ``(time, speaker, text)`` rows, as transcription services
  export them (a header row such as "Spreker | Tekst" is skipped; consecutive rows of one
  speaker become one turn).

Lines without a label continue the current turn; lines before the first label (title, date,
notes) belong to no turn.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from os import PathLike

from ..errors import FormatError
from ._plaintext import _BTS, Mark, parse_plain
from ._speakers import NAME_LF, label_key, plausible_label, seconds
from ._subtitles import Parsed, looks_timed, parse_timed_text

__all__ = ["parse_docx", "docx_lines"]

_BOLD_NAME = re.compile(rf"[ \t]*(?P<name>{NAME_LF})[ \t]*:?[ \t]*$")
_LEADING_TS = re.compile(rf"[ \t]*:?[ \t]*(?:(?P<ts>{_BTS})(?=\s|$))?[ \t:]*")
_TIME_CELL = re.compile(rf"[ \t]*(?P<start>{_BTS})(?:[ \t]*(?:-->|-|–|—|to|tot)[ \t]*(?P<end>{_BTS}))?[ \t]*$")
_HEADER_WORDS = frozenset(
    {
        "speaker", "spreker", "naam", "name", "text", "tekst", "transcript", "transcriptie",
        "time", "tijd", "timestamp", "tijdstip", "tijdcode", "timecode", "start", "end",
        "begin", "eind", "einde", "duration", "duur", "",
    }
)

_NAN = float("nan")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_P, _W_TBL, _W_R, _W_T, _W_TAB = _W + "p", _W + "tbl", _W + "r", _W + "t", _W + "tab"
_W_BREAKS, _W_HYPHEN = (_W + "br", _W + "cr"), _W + "noBreakHyphen"


def _open(data: bytes, path):
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - python-docx is a dependency
        raise FormatError(
            "reading .docx needs python-docx", path=path, hint="pip install python-docx"
        ) from exc
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # corrupt zips and XML surface as many different exception types
        raise FormatError(
            f"not a readable Word document ({type(exc).__name__}: {exc})",
            path=path,
            hint="Open the file in Word and save it again as 'Word Document (.docx)'; an old "
            "'.doc' file renamed to '.docx' does not work.",
        ) from exc


def _is_bold(run) -> bool:
    rpr = run.rPr
    b = rpr.b if rpr is not None else None
    return b is not None and bool(b.val)


def _run_text(run) -> str:
    """The text of a ``<w:r>``, as python-docx's ``Run.text`` gives it (without its XPath cost)."""
    parts = []
    for child in run:
        tag = child.tag
        if tag == _W_T:
            parts.append(child.text or "")
        elif tag == _W_TAB:
            parts.append("\t")
        elif tag in _W_BREAKS:
            parts.append("\n")
        elif tag == _W_HYPHEN:
            parts.append("-")
    return "".join(parts)


def _lines_of(element) -> list[tuple[str, str]]:
    """The lines of one ``<w:p>`` (split at soft breaks), each as (text, its leading bold text).

    Read with lxml directly: python-docx's proxies are slow."""
    lines: list[list] = [["", "", True]]  # text, leading bold text, still in the leading bold part
    for run in element.iter(_W_R):
        bold = _is_bold(run)
        pieces = _run_text(run).split("\n")
        for k, piece in enumerate(pieces):
            if k:
                lines.append(["", "", True])
            cur = lines[-1]
            if cur[2] and piece:
                if bold:
                    cur[1] += piece
                elif piece.strip() or not cur[1]:
                    cur[2] = False
                else:
                    cur[1] += piece
            cur[0] += piece
    return [(t, b if b.strip() and t.startswith(b) else "") for t, b, _ in lines]


def _bold_mark(text: str, bold: str) -> Mark | None:
    m = _BOLD_NAME.match(bold)
    if m is None or not plausible_label(m.group("name"), True):
        return None
    rest = text[len(bold) :]
    t = _LEADING_TS.match(rest)
    ts = t.group("ts")
    return Mark(m.group("name").strip(), len(bold) + t.end(), seconds(ts) if ts else _NAN, _NAN, "bold")


def _row_lines(table) -> list[tuple[str, Mark | None]]:
    out: list[tuple[str, Mark | None]] = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) not in seen:  # merged cells repeat the same element
                seen.add(id(cell._tc))
                cells.append(cell.text.strip())
        if all(c.casefold().rstrip(":") in _HEADER_WORDS for c in cells):
            continue
        start = end = _NAN
        rest = []
        for c in cells:
            m = _TIME_CELL.match(c) if start != start else None
            if m is not None:
                start = seconds(m.group("start"))
                end = seconds(m.group("end")) if m.group("end") else _NAN
            else:
                rest.append(c)
        if len(rest) >= 2 and rest[0] and "\n" not in rest[0] and plausible_label(rest[0], True):
            body = "\n".join(c for c in rest[1:] if c).split("\n")
            out.append((f"{rest[0]}\t{body[0]}", Mark(rest[0], len(rest[0]) + 1, start, end, "row")))
            out.extend((ln, None) for ln in body[1:])
        elif any(rest):
            out.extend((ln, None) for ln in "\n".join(c for c in rest if c).split("\n"))
    return out


def docx_lines(data: bytes, path=None) -> tuple[list[str], dict[int, Mark]]:
    """The document's lines in order (paragraphs, soft-broken lines, table rows) and the labels
    found in its formatting: bold names at a line start, speaker cells of table rows.

    Raises
    ------
    FormatError
        When the bytes are not a readable ``.docx``.
    """
    from docx.table import Table

    document = _open(data, path)
    lines: list[str] = []
    marks: dict[int, Mark] = {}
    body = document.element.body
    for element in body.iterchildren(_W_P, _W_TBL):
        if element.tag == _W_TBL:
            items = _row_lines(Table(element, document._body))
        else:
            items = []
            for text, bold in _lines_of(element):
                items.append((text, _bold_mark(text, bold) if bold else None))
        for text, mark in items:
            if mark is not None:
                marks[len(lines)] = mark
            lines.append(text.replace("\r", " "))
    return lines, marks


def parse_docx(data: bytes, path: str | PathLike | None = None, interviewer: Iterable[str] = ()) -> Parsed:
    """Turns of a Word transcript (see the module docstring).

    Raises
    ------
    FormatError
        When the bytes are not a readable ``.docx`` (corrupt, not a zip, an old ``.doc``).
    """
    lines, marks = docx_lines(data, path)
    text = "\n".join(lines)
    if looks_timed(text):
        return parse_timed_text(text, path, interviewer)
    plain = parse_plain(text, interviewer, marks)
    turns: list[list] = []  # [speaker, text, start, end, from_row]
    for (speaker, start, cs, ce), line in zip(plain.turns, plain.line_of_turn, strict=True):
        mark = marks.get(line)
        row = mark is not None and mark.form == "row"
        body = text[cs:ce]
        end = mark.end if mark is not None else _NAN
        if row and turns and turns[-1][4] and label_key(turns[-1][0]) == label_key(speaker):
            turns[-1][1] += "\n" + body
            if end == end:
                turns[-1][3] = end
            continue
        turns.append([speaker, body, start, end, row])
    layout = "table" if any(m.form == "row" for m in marks.values()) else plain.layout
    if layout == "otter" and _teams(lines, plain):
        layout = "teams"
    return Parsed([(s, b, a, e) for s, b, a, e, _ in turns], plain.hints, plain.warnings, layout)


# Teams' Word download: a title block ending in the meeting's length ("31m 40s", "1h 2m 5s"), and
# guests marked "(Guest)"/"(Extern)" after their name; Otter's Word export has neither.
_TEAMS_LENGTH = re.compile(r"[ \t]*(?:\d+h[ \t]*)?\d+m[ \t]*\d+s[ \t]*$")
_TEAMS_SUFFIX = re.compile(r"\((?:guest|gast|external|extern|externe)\)\s*$", re.I)


def _teams(lines: list[str], plain) -> bool:
    """Whether the name-and-time lines of a Word file are Teams' (not Otter's)."""
    first = plain.line_of_turn[0] if plain.line_of_turn else 0
    return (any(_TEAMS_LENGTH.match(ln) for ln in lines[:first])
            or any(_TEAMS_SUFFIX.search(t[0]) for t in plain.turns))
