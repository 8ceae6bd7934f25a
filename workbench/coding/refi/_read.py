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

__all__ = ["OFFSET_UNITS", "Selection", "Source", "Note", "Case", "Project", "read_project", "choose_unit", "convert"]

#: Units a tool may count ``startPosition``/``endPosition`` in (the standard says code points).
OFFSET_UNITS = ("codepoints", "utf16", "utf8")

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_DRIVE = re.compile(r"^[A-Za-z]:")
_GUIDISH = re.compile(r"^\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}?$")


@dataclass
class Selection:
    """A ``<PlainTextSelection>``: raw positions, codings, its description and notes.

    ``codings`` holds ``(code guid, user guid, time, note guids)`` per ``<Coding>``.
    """

    guid: str
    name: str
    start: int
    end: int
    user: str
    created: str | None
    codings: list[tuple[str, str, str | None, list[str]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    description: str = ""


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
    description: str = ""
    values: dict[str, str] = field(default_factory=dict)  # variable guid -> value (a tool's file attributes)

    @property
    def text(self) -> str:
        """The text with newlines normalised to ``\\n`` (what positions are mapped into)."""
        return (self.raw or "").replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class Note:
    """A ``<Note>``: a memo with text of its own."""

    text: str
    user: str
    created: str | None
    modified: str | None
    name: str


@dataclass
class Case:
    """A ``<Case>``: its variable values (variable guid -> value), sources and description."""

    guid: str
    name: str
    description: str
    values: dict[str, str]
    sources: list[str]
    selections: int = 0


@dataclass
class Project:
    """Everything the importer uses from a project file."""

    origin: str
    name: str
    users: dict[str, str]
    codes: list[RefiCode]
    sources: list[Source]
    notes: dict[str, Note]
    project_notes: list[str]
    variables: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # guid -> (name, type, description)
    cases: list[Case] = field(default_factory=list)
    description: str = ""
    other_sources: int = 0  # PDF, picture, audio and video sources (not imported)
    sets: int = 0
    problems: list[str] = field(default_factory=list)  # shared guids and other things read oddly


def _int(value: str | None, where: str, what: str) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        raise QdpxError(
            f"{what} {value!r} is not a whole number", path=where, hint="The project file is malformed; export it again."
        ) from None


def _member(ref: str) -> str | None:
    """The archive member a ``plainTextPath`` names (``None``: outside the archive)."""
    rel = ref[len("internal://"):] if ref.lower().startswith("internal://") else ref
    rel = rel.replace("\\", "/")
    if _SCHEME.match(rel) or rel.startswith("/") or _DRIVE.match(rel):
        return None
    while rel.startswith("./"):
        rel = rel[2:]
    return rel


def _text_of(ar: SafeArchive, el: ET.Element, where: str) -> tuple[str | None, str]:
    content = kid(el, "PlainTextContent")
    if content is not None and content.text:
        return content.text, ""
    ref = (el.get("plainTextPath") or "").strip()
    if not ref:
        return None, "no plain text (only rich text or media)"
    rel = _member(ref)
    if rel is None:
        return None, f"the text is outside the archive ({ref}); only files inside the .qdpx are read"
    if ".." in PurePosixPath(rel).parts or "\x00" in rel:
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


def _refs(el: ET.Element, name: str = "NoteRef") -> list[str]:
    return [norm_guid(r.get("targetGUID")) for r in kids(el, name) if r.get("targetGUID")]


def _desc(el: ET.Element) -> str:
    d = kid(el, "Description")
    return (d.text or "") if d is not None else ""


def _selection(el: ET.Element, where: str) -> Selection:
    sel = Selection(
        guid=norm_guid(el.get("guid")),
        name=el.get("name") or "",
        start=_int(el.get("startPosition"), where, "startPosition"),
        end=_int(el.get("endPosition"), where, "endPosition"),
        user=norm_guid(el.get("creatingUser")),
        created=el.get("creationDateTime"),
        description=_desc(el),
    )
    for c in kids(el, "Coding"):
        ref = kid(c, "CodeRef")
        if ref is not None and ref.get("targetGUID"):
            user = norm_guid(c.get("creatingUser")) or sel.user
            sel.codings.append((norm_guid(ref.get("targetGUID")), user, c.get("creationDateTime") or sel.created,
                                _refs(c)))
    sel.notes = _refs(el)
    return sel


def _values(el: ET.Element) -> dict[str, str]:
    """``<VariableValue>`` children as variable guid -> value text."""
    values = {}
    for vv in kids(el, "VariableValue"):
        ref = kid(vv, "VariableRef")
        val = next((x for x in vv if local(x.tag).endswith("Value") and x is not ref), None)
        if ref is not None and val is not None and val.text is not None:
            values[norm_guid(ref.get("targetGUID"))] = val.text
    return values


def _grandkids(root: ET.Element, wrapper: str, name: str) -> list[ET.Element]:
    el = kid(root, wrapper)
    return kids(el, name) if el is not None else []


def _source_name(el: ET.Element) -> str:
    """The source's name; without one, the file name its ``plainTextPath`` gives (not a guid)."""
    name = (el.get("name") or "").strip()
    if name:
        return name
    for attr in ("plainTextPath", "richTextPath"):
        rel = _member((el.get(attr) or "").strip()) or ""
        stem = PurePosixPath(rel).stem if rel else ""
        if stem and not _GUIDISH.match(stem):
            return stem
    return (el.get("guid") or "").strip()


def _shared(kind: str, guids: list[str]) -> list[str]:
    seen, out = set(), []
    for g in guids:
        if g in seen:
            out.append(f"two {kind} share the guid {g}: the first is used where it is referred to")
        seen.add(g)
    return out


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
                users.setdefault(norm_guid(u.get("guid")), (u.get("name") or u.get("id") or "").strip())
        book = kid(root, "CodeBook")
        codes, problems = read_codes(kid(book, "Codes") if book is not None else None, where=where,
                                     limits=ar.limits)
        sources, other = [], 0
        wrapper = kid(root, "Sources")
        for el in (wrapper if wrapper is not None else ()):
            if local(el.tag) != "TextSource":
                other += 1
                continue
            raw, reason = _text_of(ar, el, where)
            src = Source(norm_guid(el.get("guid")), _source_name(el), raw, reason, description=_desc(el))
            src.selections = [_selection(s, where) for s in kids(el, "PlainTextSelection")]
            src.source_codings = len(kids(el, "Coding"))
            src.notes = _refs(el)
            src.values = _values(el)
            sources.append(src)
        notes: dict[str, Note] = {}
        for n in _grandkids(root, "Notes", "Note"):
            text, _ = _text_of(ar, n, where)
            guid = norm_guid(n.get("guid"))
            if text and text.strip() and guid and guid not in notes:
                notes[guid] = Note(text, norm_guid(n.get("creatingUser")), n.get("creationDateTime"),
                                   n.get("modifiedDateTime"), (n.get("name") or "").strip())
        variables = {}
        for v in _grandkids(root, "Variables", "Variable"):
            if v.get("guid") and (v.get("name") or "").strip():
                variables.setdefault(norm_guid(v.get("guid")), (
                    v.get("name").strip(), (v.get("typeOfVariable") or "Text").strip(), _desc(v)))
        cases = []
        for c in _grandkids(root, "Cases", "Case"):
            cases.append(Case(norm_guid(c.get("guid")), (c.get("name") or "").strip(), _desc(c), _values(c),
                              _refs(c, "SourceRef"), len(kids(c, "SelectionRef"))))
        problems += _shared("sources", [s.guid for s in sources]) + _shared(
            "notes", [norm_guid(n.get("guid")) for n in _grandkids(root, "Notes", "Note")]) + _shared(
            "cases", [c.guid for c in cases]) + _shared(
            "variables", [norm_guid(v.get("guid")) for v in _grandkids(root, "Variables", "Variable")])
        sets = len(_grandkids(root, "Sets", "Set"))
    return Project(root.get("origin") or "", (root.get("name") or "").strip(), users, codes, sources, notes,
                   _refs(root), variables, cases, _desc(root), other, sets, problems)


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
