"""REFI-QDA plumbing: namespaces, guids, XML helpers and a ZIP reader that refuses hostile files.

Nothing here is specific to projects or codebooks; :mod:`workbench.coding.refi` documents the format.

Safety rules for ``.qdpx`` files from elsewhere (enforced by :class:`SafeArchive` and
:func:`parse_xml`):

- XML is parsed with :mod:`defusedxml` and DTDs are refused: no entity expansion (billion
  laughs), no external entities (XXE). REFI-QDA files never need a DTD.
- Nothing is extracted to disk. Members are read into memory by name; a member name that is
  absolute or contains ``..`` makes the whole archive refused.
- Before anything is read, the declared sizes are checked against :class:`Limits` (total and per
  member size, compression ratio); while reading, a member that inflates beyond its declared size
  is refused too (a lying header).
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from os import PathLike
from pathlib import Path, PurePosixPath

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from ...errors import QdpxError

__all__ = [
    "PROJECT_NS",
    "CODEBOOK_NS",
    "Limits",
    "SafeArchive",
    "parse_xml",
    "make_guid",
    "norm_guid",
    "clean_xml_text",
    "local",
    "kids",
    "kid",
    "to_bytes",
]

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"

# uuid5 namespace for the guids the workbench derives (sources, selections, users, …), so that
# exporting the same study twice gives the same guids and the file can be diffed.
_GUID_NS = uuid.UUID("2b0c7d1e-5f4a-4b8e-9c3d-7a1e6f0b9d42")
_BAD_XML_CHARS = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DRIVE = re.compile(r"^[A-Za-z]:")
_MB = 1024 * 1024


def make_guid(*parts: object) -> str:
    """A deterministic guid (uuid5) from the parts."""
    return str(uuid.uuid5(_GUID_NS, "\x1f".join(str(p) for p in parts)))


def norm_guid(value: str | None) -> str:
    """A guid as a lookup key: braces and surrounding space removed, lower case ('' for None)."""
    return (value or "").strip().strip("{}").strip().lower()


def clean_xml_text(text: object) -> str:
    """``text`` without the characters XML 1.0 cannot hold (most C0 control characters)."""
    return _BAD_XML_CHARS.sub("", str(text))


def local(tag: object) -> str:
    """The local name of an element tag (``{urn:…}Code`` -> ``Code``)."""
    return str(tag).rsplit("}", 1)[-1]


def kids(el: ET.Element, name: str) -> list[ET.Element]:
    """The direct children named ``name``, whatever their namespace."""
    return [c for c in el if local(c.tag) == name]


def kid(el: ET.Element, name: str) -> ET.Element | None:
    """The first direct child named ``name``, or ``None``."""
    return next((c for c in el if local(c.tag) == name), None)


def to_bytes(root: ET.Element, namespace: str) -> bytes:
    """Serialise an element tree (tags as ``{namespace}Name``) as indented UTF-8 XML."""
    for el in root.iter():  # ElementTree's default_namespace refuses unqualified attributes
        el.tag = local(el.tag)
    root.set("xmlns", namespace)
    ET.indent(root, space="  ")
    # A parser turns a literal CR in text into LF; a character reference keeps it (memos and
    # descriptions written on Windows keep their line ends). Attributes are escaped already.
    return ET.tostring(root, encoding="utf-8", xml_declaration=True).replace(b"\r", b"&#13;")


def parse_xml(data: bytes, *, path: str) -> ET.Element:
    """Parse untrusted XML safely (no DTD, no entities); errors name ``path`` and the line."""
    try:
        return SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise QdpxError(
            f"refused unsafe XML ({type(exc).__name__}: the file declares a DTD or entities)",
            path=path,
            hint="REFI-QDA files never need a DTD or entities; this file may be crafted to attack the "
            "reader (entity expansion or external entities). Re-export it from the QDA program.",
        ) from None
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise QdpxError(
            f"malformed XML: {exc.msg if hasattr(exc, 'msg') else exc}",
            path=path,
            line=line,
            hint="The file is damaged or not REFI-QDA XML; export the project again.",
        ) from None


@dataclass(frozen=True)
class Limits:
    """Size limits for reading a ``.qdpx`` (protection against zip bombs).

    Parameters
    ----------
    max_total : int
        Largest total uncompressed size of all members, in bytes (default 512 MB).
    max_member : int
        Largest uncompressed size of one member (default 256 MB).
    max_ratio : float
        Largest compression ratio (uncompressed / compressed) of a member bigger than
        ``ratio_floor`` (default 100).
    ratio_floor : int
        Members up to this size (default 1 MB) are exempt from the ratio check: small, very
        repetitive files compress well without being dangerous.
    max_members : int
        Largest number of members (default 100 000).
    max_depth : int
        Deepest nesting of codes (default 200 levels; real code trees have fewer than ten).
    """

    max_total: int = 512 * _MB
    max_member: int = 256 * _MB
    max_ratio: float = 100.0
    ratio_floor: int = _MB
    max_members: int = 100_000
    max_depth: int = 200


_LIMIT_HINT = (
    "The archive is far larger than a QDA project should be and may be a zip bomb. If it is a real "
    "project, raise the limits (import_qdpx(..., limits=Limits(max_total=…, max_ratio=…)))."
)


class SafeArchive:
    """A ``.qdpx`` (ZIP) opened for reading members into memory, after safety checks.

    Parameters
    ----------
    path : path
        The archive.
    limits : Limits, optional
        Size limits (defaults: see :class:`Limits`).

    Raises
    ------
    QdpxError
        The file is missing, not a ZIP, corrupt, encrypted, has an unsafe member name or is
        larger than the limits allow.
    """

    def __init__(self, path: str | PathLike, limits: Limits | None = None) -> None:
        self.path = Path(path)
        self.limits = limits or Limits()
        if not self.path.is_file():
            raise QdpxError("no such file", path=self.path, hint="Check the path of the .qdpx file.")
        try:
            self._zip = zipfile.ZipFile(self.path)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
            raise QdpxError(
                f"not a readable ZIP archive ({exc})",
                path=self.path,
                hint="A .qdpx file is a ZIP archive; export the project again from the QDA program "
                "(REFI-QDA project export), and check that the download was complete.",
            ) from None
        self._infos: dict[str, zipfile.ZipInfo] = {}
        self._check(infos)

    def _check(self, infos: list[zipfile.ZipInfo]) -> None:
        lim = self.limits
        if len(infos) > lim.max_members:
            raise QdpxError(f"the archive has {len(infos)} members", path=self.path, hint=_LIMIT_HINT)
        total = 0
        for info in infos:
            name = info.filename.replace("\\", "/")
            parts = PurePosixPath(name).parts
            if name.startswith("/") or _DRIVE.match(name) or ".." in parts or "\x00" in name:
                raise QdpxError(
                    f"unsafe member name '{info.filename}' (absolute or with '..')",
                    path=self.path,
                    hint="A member name may not point outside the archive (a 'zip slip' attack); "
                    "the file was not made by a QDA program. Do not use it.",
                )
            if info.flag_bits & 0x1:
                raise QdpxError(
                    f"member '{name}' is encrypted", path=self.path, hint="Export the project without a password."
                )
            if info.is_dir():
                continue
            if info.file_size > lim.max_member:
                raise QdpxError(
                    f"member '{name}' is {info.file_size / _MB:.0f} MB uncompressed "
                    f"(limit {lim.max_member / _MB:.0f} MB)",
                    path=self.path,
                    hint=_LIMIT_HINT,
                )
            if info.file_size > lim.ratio_floor:
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > lim.max_ratio:
                    raise QdpxError(
                        f"member '{name}' expands {ratio:.0f}:1 (limit {lim.max_ratio:.0f}:1)",
                        path=self.path,
                        hint=_LIMIT_HINT,
                    )
            total += info.file_size
            if total > lim.max_total:
                raise QdpxError(
                    f"the archive holds more than {lim.max_total / _MB:.0f} MB uncompressed",
                    path=self.path,
                    hint=_LIMIT_HINT,
                )
            self._infos[name] = info

    def __enter__(self) -> SafeArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the archive."""
        self._zip.close()

    def names(self) -> Iterator[str]:
        """Member names (``/`` separated), in archive order, directories left out."""
        return iter(self._infos)

    def find(self, name: str) -> str | None:
        """The member called ``name``, matched exactly, else ignoring case; ``None`` if absent."""
        name = name.replace("\\", "/")
        if name in self._infos:
            return name
        folded = name.casefold()
        return next((n for n in self._infos if n.casefold() == folded), None)

    def read(self, name: str) -> bytes:
        """The bytes of member ``name`` (as returned by :meth:`names` or :meth:`find`)."""
        info = self._infos[name]
        where = f"{self.path}:{name}"
        try:
            with self._zip.open(info) as fh:
                data = fh.read(info.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
            raise QdpxError(
                f"cannot read the member: {exc}",
                path=where,
                hint="The archive is damaged (or uses an unsupported compression); export the project again.",
            ) from None
        if len(data) > info.file_size:
            raise QdpxError(
                "the member is larger than its header says",
                path=where,
                hint="The archive was tampered with (a zip bomb trick); do not use it.",
            )
        return data
