"""Codes in REFI-QDA: the workbench codebook as ``<Codes>`` and back, ``.qdc`` files, merging.

A workbench code becomes a REFI ``<Code>`` with ``name`` = its label (what a researcher sees in
NVivo, ATLAS.ti, MAXQDA or QualCoder), ``color``, ``isCodable`` (``false`` for a category) and,
as ``<Description>``, its definition followed by one tag line that keeps what REFI has no place
for::

    [workbench] {"name": "touchpoint/delivery", "phase": "purchase"}

On import the tag gives back the stable name and phase. Codes from other tools have no tag:
they are named by their path (``Bezorging/overig``), so that codes with the same name under
different parents stay apart.

Every walk over the code tree is iterative: a file with codes nested thousands deep gives a
clear :class:`~workbench.errors.QdpxError` (:attr:`Limits.max_depth`), never a RecursionError.
"""

from __future__ import annotations

import json
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from ...errors import QdpxError, StudyConfigError
from ..codebook import PALETTE, Code, Codebook
from ._xml import CODEBOOK_NS, Limits, clean_xml_text, kid, kids, local, norm_guid, parse_xml, to_bytes

__all__ = [
    "RefiCode", "codes_element", "read_codes", "split_paths", "merge_codes", "write_qdc", "read_qdc",
    "code_paths",
]

_TAG = "[workbench]"
_TAG_RE = re.compile(r"\s*\[workbench\]\s*(\{.*\})\s*\Z", re.S)
_RGB = re.compile(r"^#?([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")


@dataclass
class RefiCode:
    """A ``<Code>`` as read from a file (depth-first order, parents before children).

    ``guid`` is the guid as written (normalised); ``uid`` is unique in the project: the guid,
    or, for a code that reuses the guid of a code before it, one derived from both.
    ``parent`` is the index of the parent in the list of codes.
    """

    guid: str
    uid: str
    name: str
    colour: str | None
    description: str
    parent: int | None
    codable: bool = True
    notes: list[str] = field(default_factory=list)

    @property
    def tag(self) -> dict:
        """The ``[workbench]`` tag of the description (``{}`` when there is none)."""
        m = _TAG_RE.search(self.description)
        if not m:
            return {}
        try:
            data = json.loads(m.group(1))
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    @property
    def definition(self) -> str:
        """The description without the tag line."""
        return _TAG_RE.sub("", self.description).strip()


def _description(code: Code) -> str:
    tag = {"name": code.name}
    if code.phase:
        tag["phase"] = code.phase
    text = code.definition.strip()
    return (text + "\n\n" if text else "") + f"{_TAG} {json.dumps(tag, ensure_ascii=False)}"


def codes_element(
    codebook: Codebook,
    ns: str,
    *,
    note_refs: dict[str, list[str]] | None = None,
    include: set[str] | None = None,
) -> ET.Element:
    """``<Codes>`` for the codebook, nested by parent (tags in namespace ``ns``).

    ``note_refs`` maps a code name to the guids of notes about it (project files only);
    ``include`` limits the codes written (their ancestors must be included too).
    """
    note_refs = note_refs or {}
    kids_of: dict[str | None, list[str]] = {}
    for code in codebook:
        if include is None or code.name in include:
            kids_of.setdefault(code.parent, []).append(code.name)
    codes = ET.Element(f"{{{ns}}}Codes")
    stack = [(codes, name) for name in reversed(kids_of.get(None, []))]
    while stack:
        parent, name = stack.pop()
        code = codebook[name]
        el = ET.SubElement(
            parent,
            f"{{{ns}}}Code",
            guid=code.guid,
            name=clean_xml_text(code.display),
            isCodable="true" if code.codable else "false",
            color=code.colour.upper(),
        )
        ET.SubElement(el, f"{{{ns}}}Description").text = clean_xml_text(_description(code))
        for guid in note_refs.get(name, ()):
            ET.SubElement(el, f"{{{ns}}}NoteRef", targetGUID=guid)
        stack.extend((el, child) for child in reversed(kids_of.get(name, [])))
    return codes


def _derived_guid(*parts: object) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "refi-code:" + "\x1f".join(map(str, parts))))


def read_codes(
    codes: ET.Element | None, *, where: str = "", limits: Limits | None = None
) -> tuple[list[RefiCode], list[str]]:
    """The codes below a ``<Codes>`` element, and a note on each guid used by several codes.

    A code whose guid an earlier code already has keeps its place, children and codings of its
    own elements, under a guid derived from both (so it is never dropped or merged).
    """
    max_depth = (limits or Limits()).max_depth
    out: list[RefiCode] = []
    seen: dict[str, int] = {}
    dupes: list[str] = []
    stack = [(el, None, 1) for el in reversed(kids(codes, "Code"))] if codes is not None else []
    while stack:
        el, parent, depth = stack.pop()
        if depth > max_depth:
            raise QdpxError(
                f"codes are nested more than {max_depth} levels deep",
                path=where or None,
                hint="No QDA program nests codes this deep; the file is damaged or crafted. If it is a real "
                "project, raise the limit (Limits(max_depth=…)).",
            )
        guid = norm_guid(el.get("guid"))
        name = " ".join((el.get("name") or "").split())
        if not guid or not name:
            dupes.append(f"a code without {'guid' if not guid else 'name'} was skipped (with its children)")
            continue
        uid = guid
        if guid in seen:
            first = out[seen[guid]]
            uid = _derived_guid(guid, len(out), name)
            dupes.append(f"codes '{first.name}' and '{name}' share the guid {guid}: kept apart, codings "
                         f"that refer to it go to '{first.name}'")
        else:
            seen[guid] = len(out)
        desc = kid(el, "Description")
        out.append(
            RefiCode(
                guid=guid,
                uid=uid,
                name=name,
                colour=_colour(el.get("color")),
                description=(desc.text or "") if desc is not None else "",
                parent=parent,
                codable=(el.get("isCodable") or "true").strip().lower() in ("true", "1"),
                notes=[norm_guid(r.get("targetGUID")) for r in kids(el, "NoteRef") if r.get("targetGUID")],
            )
        )
        index = len(out) - 1
        stack.extend((child, index, depth + 1) for child in reversed(kids(el, "Code")))
    return out, dupes


def code_paths(codes: list[RefiCode]) -> list[tuple[str, ...]]:
    """The path of names from the root to each code (parents come before their children)."""
    paths: list[tuple[str, ...]] = []
    for rc in codes:
        paths.append((*paths[rc.parent], rc.name) if rc.parent is not None else (rc.name,))
    return paths


def split_paths(codes: list[RefiCode], sep: str) -> list[RefiCode]:
    """Codes whose names hold ``sep`` (``Bezorging/overig``) placed in a hierarchy.

    Missing parents are added as categories (not codable) with guids derived from their path;
    an existing code with the parent's path becomes the parent.
    """
    if not sep:
        return codes
    out: list[RefiCode] = []
    by_path: dict[tuple[str, ...], int] = {}
    moved: dict[int, int] = {}  # old index -> new index
    old_paths: list[tuple[str, ...]] = []
    for i, rc in enumerate(codes):
        base = old_paths[rc.parent] if rc.parent is not None else ()
        parts = tuple(p.strip() for p in rc.name.split(sep) if p.strip()) or (rc.name,)
        path = base + parts
        old_paths.append(path)
        parent = moved.get(rc.parent) if rc.parent is not None else None
        for depth in range(len(base) + 1, len(path)):
            prefix = path[:depth]
            if prefix not in by_path:
                out.append(RefiCode(_derived_guid("path", *prefix), _derived_guid("path", *prefix), prefix[-1],
                                    None, "", parent, codable=False))
                by_path[prefix] = len(out) - 1
            parent = by_path[prefix]
        if path in by_path:
            j = by_path[path]
            if out[j].guid == _derived_guid("path", *path):
                # a category made for an earlier child: this code takes its place (and its children)
                out[j] = RefiCode(rc.guid, rc.uid, parts[-1], rc.colour, rc.description, out[j].parent,
                                  rc.codable, rc.notes)
                moved[i] = j
                continue
        out.append(RefiCode(rc.guid, rc.uid, parts[-1], rc.colour, rc.description, parent, rc.codable, rc.notes))
        by_path.setdefault(path, len(out) - 1)
        moved[i] = len(out) - 1
    return out


def _colour(value: str | None) -> str | None:
    m = _RGB.match((value or "").strip())
    if not m:
        return None
    hexa = m.group(1)
    if len(hexa) == 3:
        hexa = "".join(c * 2 for c in hexa)
    return "#" + hexa.upper()


def _valid_guid(guid: str) -> str:
    try:
        return str(uuid.UUID(guid))
    except ValueError:
        return _derived_guid(guid)


def _key(parts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(" ".join(p.split()).casefold() for p in parts)


def _book_paths(book: Codebook) -> dict[str, tuple[str, ...]]:
    paths: dict[str, tuple[str, ...]] = {}
    for code in book:
        chain = [code.display] + [book[a].display for a in book.ancestors(code.name)]
        paths[code.name] = _key(tuple(reversed(chain)))
    return paths


def _free_name(book: Codebook, wanted: str) -> str:
    if wanted not in book:
        return wanted
    n = 2
    while f"{wanted} ({n})" in book:
        n += 1
    return f"{wanted} ({n})"


def merge_codes(
    codebook: Codebook, codes: list[RefiCode], phases: set[str] | None = None
) -> tuple[Codebook, dict[int, str], list[str], dict[str, int]]:
    """Merge REFI codes into a copy of ``codebook``.

    A REFI code is the same as a workbench code when their guids are equal; else when the
    ``[workbench]`` tag names the code and both sit under the same parent; else when its path
    of names from the root equals the path of labels of exactly one code (ignoring case). A
    workbench code takes at most one REFI code. Other codes are added below their (mapped)
    parent, keeping their guid, named by their path (``Bezorging/overig``).

    Returns
    -------
    codebook : Codebook
        The merged copy.
    mapping : dict
        Index of each REFI code -> workbench code name.
    added : list of str
        Names of the codes that were added.
    how : dict
        How many codes were matched ``'guid'``, ``'name'``, ``'path'``.
    """
    book = codebook.copy()
    paths = _book_paths(book)
    by_path: dict[tuple[str, ...], list[str]] = {}
    for name, path in paths.items():
        by_path.setdefault(path, []).append(name)
    refi_paths = code_paths(codes)
    mapping: dict[int, str] = {}
    claimed: set[str] = set()
    added: list[str] = []
    how = {"guid": 0, "name": 0, "path": 0}
    for i, rc in enumerate(codes):
        parent = mapping.get(rc.parent) if rc.parent is not None else None
        hit, way = book.by_guid(_valid_guid(rc.uid)), "guid"
        if hit is None or hit.name in claimed:
            hit, way = None, "name"
            tag_name = rc.tag.get("name")
            if isinstance(tag_name, str) and tag_name in book and tag_name not in claimed:
                if book[tag_name].parent == parent:
                    hit = book[tag_name]
        if hit is None:
            way = "path"
            same = [n for n in by_path.get(_key(refi_paths[i]), []) if n not in claimed]
            if len(same) == 1:
                hit = book[same[0]]
        if hit is not None:
            mapping[i] = hit.name
            claimed.add(hit.name)
            how[way] += 1
            continue
        name = _add(book, rc, parent, phases)
        mapping[i] = name
        claimed.add(name)
        added.append(name)
        path = (*paths[parent], *_key((rc.name,))) if parent is not None else _key((rc.name,))
        paths[name] = path
        by_path.setdefault(path, []).append(name)
    return book, mapping, added, how


def _add(book: Codebook, rc: RefiCode, parent: str | None, phases: set[str] | None) -> str:
    tag = rc.tag
    wanted = str(tag.get("name") or "").strip()
    wanted = " ".join(wanted.split()) or (f"{parent}/{rc.name}" if parent else rc.name)
    name = _free_name(book, wanted)
    phase = tag.get("phase") if isinstance(tag.get("phase"), str) else None
    if phases is not None and phase not in phases:
        phase = None
    guid = _valid_guid(rc.uid)
    book.add(
        name,
        label=rc.name if rc.name != name else "",
        definition=rc.definition,
        parent=parent,
        colour=rc.colour or PALETTE[len(book) % len(PALETTE)],
        phase=phase,
        guid=guid if book.by_guid(guid) is None else None,
        codable=rc.codable,
    )
    return name


def write_qdc(codebook: Codebook, path: str | PathLike) -> Path:
    """Write a codebook as a REFI-QDA codebook file (``.qdc``, ``urn:QDA-XML:codebook:1.0``).

    Codes are nested by parent; ``name`` is the label, ``color`` the colour, categories are
    ``isCodable="false"``; the description holds the definition and a ``[workbench]`` tag line
    with the stable name and phase.

    Raises
    ------
    QdpxError
        The codebook is empty (a ``.qdc`` needs at least one code) or the file cannot be written.
    """
    path = Path(path)
    if len(codebook) == 0:
        raise QdpxError("the codebook has no codes", path=path, hint="A .qdc file needs at least one code.")
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", origin="Journey Workbench")
    root.append(codes_element(codebook, CODEBOOK_NS))
    try:
        path.write_bytes(to_bytes(root, CODEBOOK_NS))
    except OSError as exc:
        raise QdpxError(f"cannot write the codebook: {exc.strerror}", path=path, hint="Check the folder.") from None
    return path


def read_qdc_codes(path: str | PathLike, limits: Limits | None = None) -> tuple[list[RefiCode], list[str]]:
    """The codes of a ``.qdc`` file and notes on shared guids (see :func:`read_codes`)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise QdpxError(f"cannot read the codebook: {exc.strerror}", path=path, hint="Check the path.") from None
    limits = limits or Limits()
    if len(data) > limits.max_member:
        raise QdpxError(f"the codebook is {len(data) // 2**20} MB", path=path,
                        hint="A codebook is far smaller; raise Limits(max_member=…) if it is real.")
    root = parse_xml(data, path=str(path))
    if local(root.tag) != "CodeBook":
        raise QdpxError(
            f"not a REFI-QDA codebook (root element <{local(root.tag)}>)",
            path=path,
            hint="A .qdc file has <CodeBook> as its root; for a project use import_qdpx.",
        )
    return read_codes(kid(root, "Codes"), where=str(path), limits=limits)


def read_qdc(path: str | PathLike, *, hierarchy_separator: str | None = None,
             limits: Limits | None = None) -> Codebook:
    """Read a REFI-QDA codebook file (``.qdc``) into a :class:`~workbench.coding.Codebook`.

    Codes keep their guid, colour (``#RGB`` is widened to ``#RRGGBB``; missing colours get
    palette colours), hierarchy and whether they are codable; the definition is the
    description. Files written by the workbench give back the stable names and phases of their
    ``[workbench]`` tags. ``hierarchy_separator='/'`` turns flat names such as
    ``Bezorging/overig`` (Taguette) into a hierarchy.

    Raises
    ------
    QdpxError
        The file is missing, unsafe or malformed XML, or not a REFI codebook.
    """
    codes, _ = read_qdc_codes(path, limits)
    if hierarchy_separator:
        codes = split_paths(codes, hierarchy_separator)
    try:
        return merge_codes(Codebook(), codes)[0]
    except StudyConfigError as exc:
        raise QdpxError(exc.message, path=path, key=exc.key, hint=exc.hint) from None
