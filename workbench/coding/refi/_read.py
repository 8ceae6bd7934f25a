"""Reading a REFI-QDA project (``.qdpx``) from any tool into plain records, and offset units.

Tolerated quirks: an inner project file not called ``project.qde`` (exactly one ``*.qde`` is
required), ``sources/`` or ``Sources/``, ``plainTextPath`` with or without ``internal://`` (or a
relative path), inline ``<PlainTextContent>``, braces and upper case in guids, absent optional
parts (Users, nested codes, Cases), codes without a colour, any namespace (or none).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import PurePosixPath

from ...errors import QdpxError, WorkbenchError
from ...io.text import decode_text
from ._codes import RefiCode, read_codes
from ._xml import Limits, SafeArchive, kid, kids, local, norm_guid, parse_xml

__all__ = ["OFFSET_UNITS", "Selection", "Source", "Project", "read_project", "choose_unit", "convert"]

#: Units a tool may count ``startPosition``/``endPosition`` in (the standard says code points).
OFFSET_UNITS = ("codepoints", "utf16", "utf8")

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass
class Selection:
    """A ``<PlainTextSelection>``: raw positions, codings ``(code guid, user guid, time)``, notes."""

    guid: str
    name: str
    start: int
    end: int
    user: str
    created: str | None
    codings: list[tuple[str, str, str | None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Source:
    """A ``<TextSource>`` with its decoded text (``None`` with a ``reason`` when unreadable)."""

    guid: str
    name: str
    raw: str | None
    reason: str = ""
    selections: list[Selection] = field(default_factory=list)
    source_codings: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The text with newlines normalised to ``\\n`` (what positions are mapped into)."""
        return (self.raw or "").replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class Project:
    """Everything the importer uses from a project file."""

    origin: str
    users: dict[str, str]
    codes: list[RefiCode]
    code_notes: dict[str, list[str]]
    sources: list[Source]
    notes: dict[str, tuple[str, str, str | None]]  # guid -> (text, user guid, created)
    project_notes: list[str]
    other_sources: int = 0  # PDF, picture, audio and video sources (not imported)


def _int(value: str | None, where: str, what: str) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        raise QdpxError(
            f"{what} {value!r} is not a whole number", path=where, hint="The project file is malformed; export it again."
        ) from None


def _text_of(ar: SafeArchive, el: ET.Element, where: str) -> tuple[str | None, str]:
    content = kid(el, "PlainTextContent")
    if content is not None and content.text:
        return content.text, ""
    ref = (el.get("plainTextPath") or "").strip()
    if not ref:
        return None, "no plain text (only rich text or media)"
    rel = ref[len("internal://"):] if ref.lower().startswith("internal://") else ref
    rel = rel.replace("\\", "/")
    if _SCHEME.match(rel) or rel.startswith("/") or _DRIVE.match(rel):
        return None, f"the text is outside the archive ({ref}); only files inside the .qdpx are read"
    while rel.startswith("./"):
        rel = rel[2:]
    if ".." in PurePosixPath(rel).parts:
        raise QdpxError(
            f"source path '{ref}' points outside the archive",
            path=where,
            hint="A source path may not contain '..'; the file was not made by a QDA program.",
        )
    member = ar.find(rel) or ar.find(f"sources/{rel}")
    if member is None:
        raise QdpxError(
            f"source '{el.get('name') or el.get('guid')}' refers to '{ref}', which is not in the archive",
            path=where,
            hint="The export is incomplete: export the project again with its source files "
            "(they belong in the archive's sources/ folder).",
        )
    data = ar.read(member)
    try:
        text, _enc = decode_text(data, path=f"{ar.path}:{member}")
    except WorkbenchError as exc:
        raise QdpxError(exc.message, path=exc.path, hint="REFI-QDA text sources are UTF-8.") from None
    return text, ""


def _selection(el: ET.Element, where: str) -> Selection:
    sel = Selection(
        guid=norm_guid(el.get("guid")),
        name=el.get("name") or "",
        start=_int(el.get("startPosition"), where, "startPosition"),
        end=_int(el.get("endPosition"), where, "endPosition"),
        user=norm_guid(el.get("creatingUser")),
        created=el.get("creationDateTime"),
    )
    for c in kids(el, "Coding"):
        ref = kid(c, "CodeRef")
        if ref is not None and ref.get("targetGUID"):
            user = norm_guid(c.get("creatingUser")) or sel.user
            sel.codings.append((norm_guid(ref.get("targetGUID")), user, c.get("creationDateTime") or sel.created))
    sel.notes = [norm_guid(r.get("targetGUID")) for r in kids(el, "NoteRef") if r.get("targetGUID")]
    return sel


def _grandkids(root: ET.Element, wrapper: str, name: str) -> list[ET.Element]:
    el = kid(root, wrapper)
    return kids(el, name) if el is not None else []


def read_project(path, limits: Limits | None = None) -> Project:
    """Read a ``.qdpx`` safely into a :class:`Project` (see the module docstring for quirks)."""
    with SafeArchive(path, limits) as ar:
        qdes = [n for n in ar.names() if n.lower().endswith(".qde")]
        if not qdes:
            raise QdpxError(
                "the archive holds no project file (*.qde)",
                path=ar.path,
                hint="A .qdpx contains project.qde; is this a REFI-QDA project export (not a .qdc codebook "
                "or a tool's own project format)?",
            )
        if len(qdes) > 1:
            raise QdpxError(
                f"the archive holds {len(qdes)} project files ({', '.join(qdes[:4])})",
                path=ar.path,
                hint="A .qdpx has exactly one .qde file; export each project separately.",
            )
        where = f"{ar.path}:{qdes[0]}"
        root = parse_xml(ar.read(qdes[0]), path=where)
        if local(root.tag) != "Project":
            raise QdpxError(
                f"not a REFI-QDA project (root element <{local(root.tag)}>)",
                path=where,
                hint="The .qde file must have <Project> as its root element.",
            )
        users = {}
        for u in _grandkids(root, "Users", "User"):
            if u.get("guid"):
                users[norm_guid(u.get("guid"))] = (u.get("name") or u.get("id") or "").strip()
        book = kid(root, "CodeBook")
        codes, code_notes = read_codes(kid(book, "Codes") if book is not None else None)
        sources, other = [], 0
        wrapper = kid(root, "Sources")
        for el in (wrapper if wrapper is not None else ()):
            if local(el.tag) != "TextSource":
                other += 1
                continue
            raw, reason = _text_of(ar, el, where)
            src = Source(norm_guid(el.get("guid")), (el.get("name") or el.get("guid") or "").strip(), raw, reason)
            src.selections = [_selection(s, where) for s in kids(el, "PlainTextSelection")]
            src.source_codings = len(kids(el, "Coding"))
            src.notes = [norm_guid(r.get("targetGUID")) for r in kids(el, "NoteRef") if r.get("targetGUID")]
            sources.append(src)
        notes = {}
        for n in _grandkids(root, "Notes", "Note"):
            text, _ = _text_of(ar, n, where)
            if text and text.strip() and n.get("guid"):
                notes[norm_guid(n.get("guid"))] = (text, norm_guid(n.get("creatingUser")), n.get("creationDateTime"))
        project_notes = [norm_guid(r.get("targetGUID")) for r in kids(root, "NoteRef") if r.get("targetGUID")]
    return Project(root.get("origin") or "", users, codes, code_notes, sources, notes, project_notes, other)


# -- offsets --------------------------------------------------------------------------------
def _sizes(text: str, unit: str) -> list[int] | None:
    """Cumulative unit counts before each code point (``None``: identical to code points)."""
    if unit == "codepoints" or text.isascii():
        return None
    if unit == "utf16":
        return [0, *accumulate(2 if ord(c) > 0xFFFF else 1 for c in text)]
    return [0, *accumulate(1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4
                           for o in map(ord, text))]


def _at(pos: int, cum: list[int] | None, n: int) -> int | None:
    if cum is None:
        return pos if 0 <= pos <= n else None
    i = bisect_left(cum, pos)
    return i if i < len(cum) and cum[i] == pos else None


def convert(src: Source, unit: str, newlines: str) -> list[tuple[int, int] | None]:
    """Each selection's span in code points of ``src.text``; ``None`` where out of range.

    ``newlines='raw'``: positions count the file's ``\\r\\n`` as two characters; ``'normalised'``:
    they count positions in the text with ``\\n`` line ends.
    """
    raw = src.raw or ""
    base = raw if newlines == "raw" else src.text
    cum = _sizes(base, unit)
    crlf = [i for i in range(len(raw) - 1) if raw[i] == "\r" and raw[i + 1] == "\n"] if newlines == "raw" else []
    out: list[tuple[int, int] | None] = []
    for sel in src.selections:
        a, b = _at(sel.start, cum, len(base)), _at(sel.end, cum, len(base))
        if a is None or b is None or b <= a:
            out.append(None)
            continue
        if crlf:
            a, b = a - bisect_left(crlf, a), b - bisect_left(crlf, b)
        out.append((a, b))
    return out


def _score(text: str, spans: list[tuple[int, int] | None]) -> tuple[int, int]:
    def edge(p: int) -> bool:
        return p <= 0 or p >= len(text) or not (text[p - 1].isalnum() and text[p].isalnum())

    ok = [s for s in spans if s is not None]
    return len(ok), sum(edge(a) + edge(b) for a, b in ok)


def _modes(src: Source) -> tuple[str, ...]:
    return ("raw", "normalised") if src.raw and "\r\n" in src.raw else ("raw",)


def choose_unit(sources: list[Source], unit: str = "auto") -> tuple[str, dict[str, str]]:
    """The offset unit of a project and the newline counting of each source.

    With ``unit='auto'`` every unit is tried on every selection; the unit under which the most
    positions are valid (in range, on character boundaries) and then the most spans start and
    end at word boundaries wins; ties go to code points (the standard), then UTF-16.
    """
    readable = [s for s in sources if s.raw is not None and s.selections]
    units = OFFSET_UNITS if unit == "auto" else (unit,)
    totals: dict[str, tuple[int, int]] = {}
    best_mode: dict[str, dict[str, str]] = {}
    for u in units:
        valid = edges = 0
        best_mode[u] = {}
        for src in readable:
            scored = [(_score(src.text, convert(src, u, m)), -i, m) for i, m in enumerate(_modes(src))]
            (v, e), _, mode = max(scored)
            valid, edges = valid + v, edges + e
            best_mode[u][src.guid] = mode
        totals[u] = (valid, edges)
    chosen = max(units, key=lambda u: (*totals[u], -units.index(u)))
    return chosen, best_mode[chosen]
