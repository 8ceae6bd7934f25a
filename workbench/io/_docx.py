"""Word (``.docx``) transcripts, read with python-docx.

Three layouts are understood, also mixed in one document:

* paragraphs starting with a label, as in plain text (``Anouk: …``, ``[00:01:23] Anouk: …``,
  an Otter-style "Anouk  0:05" paragraph followed by text paragraphs);
* paragraphs starting with the speaker's name in bold (``**Anouk** Ik zocht …``, with or
  without a colon);
* tables of ``(speaker, text)`` or ``(time, speaker, text)`` rows, as transcription services
  export them (a header row such as "Spreker | Tekst" is skipped; consecutive rows of one
  speaker become one turn).

Paragraphs without a label continue the current turn; paragraphs before the first label
(title, date, notes) belong to no turn.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from os import PathLike

from ..errors import FormatError
from ._plaintext import _BTS, _HEADER, _OTTER
from ._speakers import NAME, accept_labels, label_key, plausible_label, seconds
from ._subtitles import RawTurn

__all__ = ["parse_docx"]

_BOLD_NAME = re.compile(rf"[ \t]*(?P<name>{NAME})[ \t]*:?[ \t]*$")
_LEADING_TS = re.compile(rf"[ \t]*:?[ \t]*(?:(?P<ts>{_BTS})(?=\s|$))?[ \t:]*")
_TIME_CELL = re.compile(rf"[ \t]*(?P<start>{_BTS})(?:[ \t]*(?:-->|-|–|—|to|tot)[ \t]*(?P<end>{_BTS}))?[ \t]*$")
_HEADER_WORDS = frozenset(
    {
        "speaker", "spreker", "naam", "name", "text", "tekst", "transcript", "transcriptie",
        "time", "tijd", "timestamp", "tijdstip", "tijdcode", "timecode", "start", "end",
        "begin", "eind", "einde", "duration", "duur", "",
    }
)

# Items of the document in order: (kind, speaker, text, start, end, whole text), kind being
# "label" (a labelled paragraph), "row" (a table row with a speaker) or "text".
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


def _paragraph(element) -> tuple | None:
    """Classify one ``<w:p>`` element (read with lxml directly: python-docx's proxies are slow)."""
    runs = [(_run_text(r), r) for r in element.iter(_W_R)]
    text = "".join(t for t, _ in runs)
    if not text.strip():
        return None
    bold = ""
    for run_text, run in runs:
        if not run_text:
            continue
        if _is_bold(run):
            bold += run_text
        elif run_text.strip() or not bold:
            break
        else:
            bold += run_text
    if bold.strip() and text.startswith(bold):
        m = _BOLD_NAME.match(bold)
        if m is not None and plausible_label(m.group("name")):
            rest = text[len(bold) :]
            t = _LEADING_TS.match(rest)
            ts = t.group("ts")
            start = seconds(ts) if ts else _NAN
            return ("label", m.group("name").strip(), rest[t.end() :], start, _NAN, text)
    first = text.split("\n", 1)[0]
    m = _HEADER.match(first)
    if m is not None:
        name = m.group("pl") or m.group("md") or m.group("br")
        if plausible_label(name):
            ts = m.group("ts1") or m.group("ts2") or m.group("ts_md") or m.group("ts3")
            return ("label", name.strip(), text[m.end() :], seconds(ts) if ts else _NAN, _NAN, text)
    m = _OTTER.match(first)
    if m is not None and plausible_label(m.group("name")):
        start = seconds(m.group("ts"))
        return ("label", m.group("name").strip(), text[len(first) :], start, _NAN, text)
    return ("text", None, text, _NAN, _NAN, text)


def _rows(table) -> list[tuple]:
    items = []
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
        if len(rest) >= 2 and rest[0] and plausible_label(rest[0]):
            text = "\n".join(c for c in rest[1:] if c)
            items.append(("row", rest[0], text, start, end, " ".join(c for c in rest if c)))
        elif any(rest):
            text = "\n".join(c for c in rest if c)
            items.append(("text", None, text, start, end, text))
    return items


def parse_docx(data: bytes, path: str | PathLike | None = None, interviewer: Iterable[str] = ()) -> list[RawTurn]:
    """Turns of a Word transcript (see the module docstring).

    Raises
    ------
    FormatError
        When the bytes are not a readable ``.docx`` (corrupt, not a zip, an old ``.doc``).
    """
    from docx.table import Table

    document = _open(data, path)
    items: list[tuple] = []
    body = document.element.body
    for element in body.iterchildren(_W_P, _W_TBL):
        if element.tag == _W_TBL:
            items.extend(_rows(Table(element, document._body)))
        else:
            item = _paragraph(element)
            if item is not None:
                items.append(item)

    accepted = accept_labels(
        [label_key(it[1]) for it in items if it[0] in ("label", "row")], forced=interviewer
    )
    turns: list[list] = []  # [speaker, [texts], start, end, from_row]
    for kind, speaker, text, start, end, whole in items:
        if kind == "text" or label_key(speaker) not in accepted:
            if turns and whole.strip():  # before the first turn: title, notes
                turns[-1][1].append(whole.strip())
            continue
        if kind == "row" and turns and turns[-1][4] and label_key(turns[-1][0]) == label_key(speaker):
            turns[-1][1].append(text.strip())
            if end == end:
                turns[-1][3] = end
            continue
        turns.append([speaker, [text.strip()] if text.strip() else [], start, end, kind == "row"])
    out = []
    for speaker, texts, start, end, _ in turns:
        body = "\n".join(t for t in texts if t)
        if body:
            out.append((speaker, body, start, end))
    return out
