"""Codes in REFI-QDA: the workbench codebook as ``<Codes>`` and back, ``.qdc`` files, merging.

A workbench code becomes a REFI ``<Code>`` with ``name`` = its label (what a researcher sees in
NVivo, ATLAS.ti, MAXQDA or QualCoder), ``color``, ``isCodable="true"`` and, as ``<Description>``,
its definition followed by one tag line that keeps what REFI has no place for::

    [workbench] {"name": "touchpoint/delivery", "phase": "purchase"}

On import the tag gives back the stable name and phase; codes from other tools have no tag and
are named after their REFI name.
"""

from __future__ import annotations

import json
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from ...errors import QdpxError, StudyConfigError
from ..codebook import PALETTE, Code, Codebook
from ._xml import CODEBOOK_NS, clean_xml_text, kid, kids, local, norm_guid, parse_xml, to_bytes

__all__ = ["RefiCode", "codes_element", "read_codes", "codebook_from_refi", "merge_codes", "write_qdc", "read_qdc"]

_TAG = "[workbench]"
_TAG_RE = re.compile(r"\s*\[workbench\]\s*(\{.*\})\s*\Z", re.S)
_RGB = re.compile(r"^#?([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")


@dataclass
class RefiCode:
    """A ``<Code>`` as read from a file (depth-first order, parents before children)."""

    guid: str
    name: str
    colour: str | None
    description: str
    parent_guid: str | None
    codable: bool = True

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
    codebook: Codebook, ns: str, *, note_refs: dict[str, list[str]] | None = None
) -> ET.Element:
    """``<Codes>`` for the codebook, nested by parent (tags in namespace ``ns``).

    ``note_refs`` maps a code name to the guids of notes about it (project files only).
    """
    note_refs = note_refs or {}

    def build(parent: ET.Element, name: str) -> None:
        code = codebook[name]
        el = ET.SubElement(
            parent,
            f"{{{ns}}}Code",
            guid=code.guid,
            name=clean_xml_text(code.display),
            isCodable="true",
            color=code.colour.upper(),
        )
        ET.SubElement(el, f"{{{ns}}}Description").text = clean_xml_text(_description(code))
        for guid in note_refs.get(name, ()):
            ET.SubElement(el, f"{{{ns}}}NoteRef", targetGUID=guid)
        for child in codebook.children(name):
            build(el, child)

    codes = ET.Element(f"{{{ns}}}Codes")
    for root in codebook.roots():
        build(codes, root)
    return codes


def read_codes(codes: ET.Element | None) -> tuple[list[RefiCode], dict[str, list[str]]]:
    """The codes below a ``<Codes>`` element, and the note guids each code refers to."""
    out: list[RefiCode] = []
    notes: dict[str, list[str]] = {}

    def walk(el: ET.Element, parent: str | None) -> None:
        guid = norm_guid(el.get("guid"))
        name = (el.get("name") or "").strip()
        if not guid or not name:
            return
        desc = kid(el, "Description")
        out.append(
            RefiCode(
                guid=guid,
                name=" ".join(name.split()),
                colour=_colour(el.get("color")),
                description=(desc.text or "") if desc is not None else "",
                parent_guid=parent,
                codable=(el.get("isCodable") or "true").strip().lower() in ("true", "1"),
            )
        )
        notes[guid] = [norm_guid(r.get("targetGUID")) for r in kids(el, "NoteRef") if r.get("targetGUID")]
        for child in kids(el, "Code"):
            walk(child, guid)

    if codes is not None:
        for el in kids(codes, "Code"):
            walk(el, None)
    return out, notes


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
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"refi-code:{guid}"))


def _free_name(book: Codebook, wanted: str, parent: str | None) -> str:
    if wanted not in book:
        return wanted
    if parent:
        candidate = f"{parent}/{wanted}"
        if candidate not in book:
            return candidate
        wanted = candidate
    n = 2
    while f"{wanted} ({n})" in book:
        n += 1
    return f"{wanted} ({n})"


def _add(book: Codebook, rc: RefiCode, parent: str | None, phases: set[str] | None) -> str:
    tag = rc.tag
    wanted = str(tag.get("name") or rc.name).strip() or rc.name
    wanted = " ".join(wanted.split())
    name = _free_name(book, wanted, parent)
    phase = tag.get("phase") if isinstance(tag.get("phase"), str) else None
    if phases is not None and phase not in phases:
        phase = None
    book.add(
        name,
        label=rc.name if rc.name != name else "",
        definition=rc.definition,
        parent=parent,
        colour=rc.colour or PALETTE[len(book) % len(PALETTE)],
        phase=phase,
        guid=_valid_guid(rc.guid) if book.by_guid(_valid_guid(rc.guid)) is None else None,
    )
    return name


def codebook_from_refi(codes: list[RefiCode]) -> Codebook:
    """A new codebook from REFI codes (names from the workbench tag, else the REFI name)."""
    book = Codebook()
    names: dict[str, str] = {}
    for rc in codes:
        names[rc.guid] = _add(book, rc, names.get(rc.parent_guid or ""), None)
    return book


def merge_codes(
    codebook: Codebook, codes: list[RefiCode], phases: set[str] | None = None
) -> tuple[Codebook, dict[str, str], list[str]]:
    """Merge REFI codes into a copy of ``codebook``.

    A REFI code is the same as a workbench code when their guids are equal, else when its tag
    name or REFI name equals the code's name, else when its REFI name equals the label of exactly
    one code (ignoring case). Other codes are added below their (mapped) parent, keeping their
    guid. Nothing is ever duplicated.

    Returns
    -------
    codebook : Codebook
        The merged copy.
    mapping : dict
        REFI guid (normalised) -> workbench code name, for every code.
    added : list of str
        Names of the codes that were added.
    """
    book = codebook.copy()
    mapping: dict[str, str] = {}
    added: list[str] = []
    for rc in codes:
        hit = book.by_guid(_valid_guid(rc.guid))
        if hit is None:
            tag_name = rc.tag.get("name")
            for cand in (tag_name, rc.name):
                if isinstance(cand, str) and cand in book:
                    hit = book[cand]
                    break
        if hit is None:
            folded = rc.name.casefold()
            same = [c for c in book if c.display.casefold() == folded]
            if len(same) == 1:
                hit = same[0]
        if hit is not None:
            mapping[rc.guid] = hit.name
            continue
        name = _add(book, rc, mapping.get(rc.parent_guid or ""), phases)
        mapping[rc.guid] = name
        added.append(name)
    return book, mapping, added


def write_qdc(codebook: Codebook, path: str | PathLike) -> Path:
    """Write a codebook as a REFI-QDA codebook file (``.qdc``, ``urn:QDA-XML:codebook:1.0``).

    Codes are nested by parent; ``name`` is the label, ``color`` the colour; the description
    holds the definition and a ``[workbench]`` tag line with the stable name and phase.

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


def read_qdc(path: str | PathLike) -> Codebook:
    """Read a REFI-QDA codebook file (``.qdc``) into a :class:`~workbench.coding.Codebook`.

    Codes keep their guid, colour (``#RGB`` is widened to ``#RRGGBB``; missing colours get
    palette colours) and hierarchy; the definition is the description. Files written by the
    workbench give back the stable names and phases of their ``[workbench]`` tags.

    Raises
    ------
    QdpxError
        The file is missing, unsafe or malformed XML, or not a REFI codebook.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise QdpxError(f"cannot read the codebook: {exc.strerror}", path=path, hint="Check the path.") from None
    root = parse_xml(data, path=str(path))
    if local(root.tag) != "CodeBook":
        raise QdpxError(
            f"not a REFI-QDA codebook (root element <{local(root.tag)}>)",
            path=path,
            hint="A .qdc file has <CodeBook> as its root; for a project use import_qdpx.",
        )
    codes, _ = read_codes(kid(root, "Codes"))
    try:
        return codebook_from_refi(codes)
    except StudyConfigError as exc:
        raise QdpxError(exc.message, path=path, key=exc.key, hint=exc.hint) from None
