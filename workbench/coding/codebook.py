"""The codebook: codes with a label, a definition, a place in a hierarchy, a colour and a guid.

A code is named by a stable id (``"pain_point"``, ``"touchpoint/delivery"``, ``"phase/purchase"``)
that codings refer to; what a researcher reads is its ``label`` (in the study's language).
Children point to their parent by name. The ``guid`` (a UUID string) identifies the code across
tools (REFI-QDA) and never changes once the code exists, not even when it is renamed.

>>> from workbench.phases import load_phase_model
>>> cb = default_codebook(load_phase_model("klassiek-5"), "nl")
>>> cb["pain_point"].label
'Pijnpunt'
>>> cb.children("emotion")
['emotion/positive', 'emotion/negative']
>>> cb.label("phase/purchase")
'Aankoop'
"""

from __future__ import annotations

import csv
import io
import re
import sys
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from importlib import resources
from os import PathLike
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from ..errors import StudyConfigError
from ..phases import PhaseModel

__all__ = ["Code", "Codebook", "PALETTE", "CSV_COLUMNS", "default_codebook", "code_for_tag"]

#: Paul Tol's "light" scheme: distinguishable with the common colour-vision deficiencies and light
#: enough to sit behind black text (the review widget highlights spans with it).
PALETTE = (
    "#77AADD",
    "#EE8866",
    "#EEDD88",
    "#FFAABB",
    "#99DDFF",
    "#44BBAA",
    "#BBCC33",
    "#AAAA00",
    "#DDDDDD",
)

#: The columns of a codebook CSV file, in order.
CSV_COLUMNS = ("name", "label", "definition", "parent", "colour", "phase", "guid")

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
# Default codes get name-based (uuid5) guids, so two coders who each start from the default
# codebook share guids and their projects merge; codes added later get random (uuid4) guids.
_NAMESPACE = uuid.UUID("6f1c3a52-9a7e-4c1e-8a55-5e0b7d1f2c90")


@dataclass(frozen=True)
class Code:
    """One code of a codebook.

    Parameters
    ----------
    name : str
        Stable id that codings refer to, unique in the codebook (``"touchpoint/delivery"``).
    label : str
        Display label (defaults to ``name``).
    definition : str
        When to apply the code.
    parent : str or None
        Name of the parent code (``None`` for a top-level code).
    colour : str
        ``#RRGGBB``.
    phase : str or None
        Journey phase id the code belongs to, if any.
    guid : str
        UUID string, stable for the code's lifetime.
    codable : bool
        ``False`` for a category: a code that only groups other codes and is not applied to
        text itself (REFI-QDA ``isCodable="false"``, e.g. an NVivo folder node).
    """

    name: str
    label: str = ""
    definition: str = ""
    parent: str | None = None
    colour: str = PALETTE[0]
    phase: str | None = None
    guid: str = ""
    codable: bool = True

    @property
    def display(self) -> str:
        """The label, or the name when the code has no label."""
        return self.label or self.name


def _check_name(name: object, what: str = "code name") -> str:
    if not isinstance(name, str) or not name.strip() or name != name.strip() or "\n" in name:
        raise StudyConfigError(
            f"invalid {what} {name!r}",
            key=str(name),
            hint="A code name is a non-empty text without leading/trailing spaces or line breaks.",
        )
    return name


class Codebook:
    """An ordered set of codes with a hierarchy.

    Parameters
    ----------
    codes : iterable of Code
        In display order. Parents may come after their children; every parent must exist and
        the hierarchy must not have cycles.

    Raises
    ------
    StudyConfigError
        For a duplicate name or guid, a missing parent, a cycle, or an invalid colour.
    """

    def __init__(self, codes: Iterable[Code] = ()) -> None:
        self._codes: dict[str, Code] = {}
        self._guids: dict[str, str] | None = {}  # guid -> name; None: rebuild on next use
        for code in codes:
            self._insert(code, check_parent=False)
        for code in self._codes.values():
            self._check_parent(code.name, code.parent)

    # -- reading --------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._codes)

    def __iter__(self) -> Iterator[Code]:
        return iter(list(self._codes.values()))

    def __contains__(self, name: object) -> bool:
        return name in self._codes

    def __getitem__(self, name: str) -> Code:
        try:
            return self._codes[name]
        except KeyError:
            raise StudyConfigError(
                f"unknown code '{name}'", key=str(name), hint="See Codebook.names for the codes."
            ) from None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Codebook) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"Codebook({len(self)} codes: {', '.join(self.names[:6])}{', …' if len(self) > 6 else ''})"

    @property
    def names(self) -> list[str]:
        """Code names in order."""
        return list(self._codes)

    def get(self, name: str) -> Code | None:
        """The code, or ``None`` when there is none by that name."""
        return self._codes.get(name)

    def by_guid(self, guid: str) -> Code | None:
        """The code with this guid, or ``None``."""
        if self._guids is None:  # a code was renamed or removed since the index was built
            self._guids = {c.guid: c.name for c in self._codes.values()}
        name = self._guids.get(guid)
        return self._codes.get(name) if name is not None else None

    def label(self, name: str) -> str:
        """The display label of a code (its name when unknown or unlabelled)."""
        code = self._codes.get(name)
        return code.display if code else name

    def roots(self) -> list[str]:
        """Names of the top-level codes, in order."""
        return [c.name for c in self._codes.values() if c.parent is None]

    def children(self, name: str | None) -> list[str]:
        """Names of the direct children of ``name`` (``None``: the top-level codes)."""
        if name is not None:
            self[name]
        return [c.name for c in self._codes.values() if c.parent == name]

    def ancestors(self, name: str) -> list[str]:
        """Parent, grandparent, … of ``name`` (nearest first)."""
        out = []
        parent = self[name].parent
        while parent is not None:
            out.append(parent)
            parent = self._codes[parent].parent
        return out

    def descendants(self, name: str) -> list[str]:
        """All codes below ``name``, depth first."""
        self[name]
        kids: dict[str, list[str]] = {}
        for c in self._codes.values():
            if c.parent is not None:
                kids.setdefault(c.parent, []).append(c.name)
        out, stack = [], list(reversed(kids.get(name, [])))
        while stack:  # iterative: a deep hierarchy from another tool must not exhaust the stack
            child = stack.pop()
            out.append(child)
            stack.extend(reversed(kids.get(child, [])))
        return out

    def depth(self, name: str) -> int:
        """0 for a top-level code, 1 for its children, …"""
        return len(self.ancestors(name))

    # -- changing -------------------------------------------------------------------------
    def add(
        self,
        name: str,
        label: str = "",
        definition: str = "",
        parent: str | None = None,
        colour: str | None = None,
        phase: str | None = None,
        guid: str | None = None,
        codable: bool = True,
    ) -> Code:
        """Add a code at the end and return it.

        ``colour`` defaults to the next palette colour, ``guid`` to a new random UUID;
        ``codable=False`` makes it a category (groups codes, is not applied to text).
        """
        code = Code(
            name=name,
            label=label,
            definition=definition,
            parent=parent,
            colour=colour or PALETTE[len(self._codes) % len(PALETTE)],
            phase=phase,
            guid=guid or str(uuid.uuid4()),
            codable=bool(codable),
        )
        self._insert(code, check_parent=True)
        return code

    def update(self, name: str, **changes: object) -> Code:
        """Change fields of a code (``label``, ``definition``, ``parent``, ``colour``, ``phase``, ``codable``).

        Use :meth:`rename` to change the name; the guid never changes.
        """
        old = self[name]
        bad = set(changes) - {"label", "definition", "parent", "colour", "phase", "codable"}
        if bad:
            raise StudyConfigError(
                f"cannot change '{sorted(bad)[0]}' with update()",
                key=name,
                hint="Use rename() for the name; a code's guid never changes.",
            )
        new = replace(old, **changes)
        _check_fields(new)
        if new.parent != old.parent:
            self._check_parent(name, new.parent)
        self._codes[name] = new
        return new

    def rename(self, old: str, new: str) -> Code:
        """Rename a code, keeping its position and guid; children follow."""
        self[old]
        _check_name(new)
        if new in self._codes and new != old:
            raise StudyConfigError(
                f"a code named '{new}' already exists", key=new, hint="Choose a name not used yet."
            )
        self._codes = {
            (new if k == old else k): (
                replace(c, name=new) if k == old else replace(c, parent=new) if c.parent == old else c
            )
            for k, c in self._codes.items()
        }
        self._guids = None
        return self._codes[new]

    def remove(self, name: str, *, recursive: bool = False) -> list[str]:
        """Remove a code (with ``recursive=True`` also its descendants); return removed names."""
        self[name]
        below = self.descendants(name)
        if below and not recursive:
            raise StudyConfigError(
                f"code '{name}' has child codes ({', '.join(below[:3])})",
                key=name,
                hint="Remove or move the child codes first, or pass recursive=True.",
            )
        gone = [name, *below]
        for n in gone:
            del self._codes[n]
        self._guids = None
        return gone

    def copy(self) -> Codebook:
        """An independent copy."""
        return Codebook(self)

    # -- tables ---------------------------------------------------------------------------
    def to_records(self) -> list[dict[str, str | None]]:
        """The codes as dicts with the :data:`CSV_COLUMNS` keys."""
        return [{k: asdict(c)[k] for k in CSV_COLUMNS} for c in self._codes.values()]

    def to_csv(self, path: str | PathLike) -> Path:
        """Write the codebook as UTF-8 CSV with the :data:`CSV_COLUMNS` header; return the path."""
        path = Path(path)
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
            writer.writeheader()
            for rec in self.to_records():
                writer.writerow({k: "" if v is None else v for k, v in rec.items()})
        return path

    @classmethod
    def from_csv(cls, path: str | PathLike) -> Codebook:
        """Read a codebook CSV written by :meth:`to_csv` (or by hand).

        Only ``name`` is required; an empty ``colour`` gets a palette colour, an empty ``guid`` a
        new one (so save the codebook to keep it). Row numbers in errors count data rows from 1.
        """
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise StudyConfigError(
                f"cannot read codebook: {exc}", path=path, hint="Save the codebook as a UTF-8 CSV file."
            ) from exc
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = reader.fieldnames or []
        unknown = [h for h in header if h not in CSV_COLUMNS]
        if "name" not in header or unknown:
            raise StudyConfigError(
                "the codebook CSV header is not as expected"
                + (f" (unknown column '{unknown[0]}')" if unknown else " (no 'name' column)"),
                path=path,
                row=0,
                hint=f"Use the columns {', '.join(CSV_COLUMNS)}.",
            )
        book, rows = cls(), {}
        for i, row in enumerate(reader, start=1):
            if None in row:
                raise StudyConfigError("the row has more fields than the header", path=path, row=i)
            get = {k: (row.get(k) or "").strip() for k in CSV_COLUMNS}
            try:
                book._insert(
                    Code(
                        name=get["name"],
                        label=get["label"],
                        definition=get["definition"],
                        parent=get["parent"] or None,
                        colour=get["colour"] or PALETTE[(i - 1) % len(PALETTE)],
                        phase=get["phase"] or None,
                        guid=get["guid"] or str(uuid.uuid4()),
                    ),
                    check_parent=False,
                )
                rows[get["name"]] = i
            except StudyConfigError as exc:
                raise StudyConfigError(exc.message, path=path, row=i, key=exc.key, hint=exc.hint) from None
        for code in book:
            try:
                book._check_parent(code.name, code.parent)
            except StudyConfigError as exc:
                raise StudyConfigError(
                    exc.message, path=path, row=rows[code.name], key=exc.key, hint=exc.hint
                ) from None
        return book

    # -- internals ------------------------------------------------------------------------
    def _insert(self, code: Code, *, check_parent: bool) -> None:
        _check_fields(code)
        if code.name in self._codes:
            raise StudyConfigError(
                f"code name '{code.name}' is used twice", key=code.name, hint="Code names must be unique."
            )
        if self.by_guid(code.guid) is not None:
            raise StudyConfigError(
                f"guid {code.guid} is used twice", key=code.name, hint="Every code needs its own guid."
            )
        if check_parent:
            self._check_parent(code.name, code.parent)
        self._codes[code.name] = code
        if self._guids is not None:
            self._guids[code.guid] = code.name

    def _check_parent(self, name: str, parent: str | None) -> None:
        if parent is None:
            return
        if parent not in self._codes:
            raise StudyConfigError(
                f"code '{name}' has an unknown parent '{parent}'",
                key=name,
                hint="Add the parent code first, or leave the parent empty for a top-level code.",
            )
        seen = {name}
        while parent is not None:
            if parent in seen:
                raise StudyConfigError(
                    f"making '{name}' a child of its own descendant creates a cycle",
                    key=name,
                    hint="A code cannot be placed below itself or one of its children.",
                )
            seen.add(parent)
            parent = self._codes[parent].parent


def _check_fields(code: Code) -> Code:
    _check_name(code.name)
    if code.parent is not None:
        _check_name(code.parent, "parent name")
        if code.parent == code.name:
            raise StudyConfigError(
                f"code '{code.name}' cannot be its own parent", key=code.name, hint="Leave the parent empty."
            )
    if not _HEX.match(code.colour or ""):
        raise StudyConfigError(
            f"code '{code.name}' has an invalid colour {code.colour!r}",
            key=code.name,
            hint="Write colours as #RRGGBB, e.g. #77AADD.",
        )
    try:
        uuid.UUID(code.guid)
    except (ValueError, TypeError, AttributeError):
        raise StudyConfigError(
            f"code '{code.name}' has an invalid guid {code.guid!r}",
            key=code.name,
            hint="A guid is a UUID such as 0b8e5a3c-…; leave it empty to get a new one.",
        ) from None
    return code


def _default_texts() -> dict:
    text = (resources.files("workbench") / "data" / "coding" / "default_codes.toml").read_text(
        encoding="utf-8"
    )
    return tomllib.loads(text)


def _pick(names: dict[str, str], lang: str, fallback: str) -> str:
    return names.get(lang) or names.get("en") or fallback


def default_codebook(phase_model: PhaseModel, lang: str = "nl") -> Codebook:
    """The starting codebook for a study: the tagger's labels, touchpoints and phases as codes.

    Top-level codes ``pain_point``, ``need``, ``touchpoint`` (a child ``touchpoint/<id>`` per
    touchpoint the phase model uses), ``emotion`` (``emotion/positive``, ``emotion/negative``) and
    ``phase`` (a child ``phase/<id>`` per phase, with ``phase`` set). Labels and definitions are
    in ``lang`` (``nl`` or ``en``); guids are derived from the names, so they are the same every
    time. Each top-level code has its own palette colour; children share their parent's.
    """
    texts = _default_texts()
    top, tp_names = texts["codes"], texts["touchpoints"]
    cb = Codebook()

    def add(name: str, label: str, definition: str = "", parent: str | None = None, phase: str | None = None):
        colour = cb[parent].colour if parent else PALETTE[len(cb.roots()) % len(PALETTE)]
        guid = str(uuid.uuid5(_NAMESPACE, name))
        cb.add(name, label, definition, parent=parent, colour=colour, phase=phase, guid=guid)

    def add_top(name: str, parent: str | None = None) -> None:
        add(name, _pick(top[name]["label"], lang, name), _pick(top[name]["definition"], lang, ""), parent)

    add_top("pain_point")
    add_top("need")
    add_top("touchpoint")
    seen: list[str] = []
    for phase in phase_model:
        seen.extend(t for t in phase.touchpoints if t not in seen)
    for tp in seen:
        label = _pick(tp_names.get(tp, {}), lang, tp.replace("_", " ").capitalize())
        add(f"touchpoint/{tp}", label, parent="touchpoint")
    add_top("emotion")
    add_top("emotion/positive", "emotion")
    add_top("emotion/negative", "emotion")
    add_top("phase")
    for phase in phase_model:
        add(f"phase/{phase.id}", phase.name(lang), parent="phase", phase=phase.id)
    return cb


def code_for_tag(label: str, value: object = None, codebook: Codebook | None = None) -> str:
    """The code name for a tagger suggestion (a ``TAGS`` row's ``label`` and ``value``).

    ``touchpoint`` + ``"delivery"`` → ``"touchpoint/delivery"``; ``emotion`` + ``"negative"`` →
    ``"emotion/negative"``; ``pain_point``/``need`` → themselves. With a codebook, a child code
    that does not exist falls back to its parent.

    >>> code_for_tag("touchpoint", "delivery")
    'touchpoint/delivery'
    >>> code_for_tag("need", "information")
    'need'
    """
    label = str(label)
    name = label
    if label in ("touchpoint", "emotion") and isinstance(value, str) and value:
        name = f"{label}/{value}"
    if codebook is not None and name not in codebook and label in codebook:
        return label
    return name
