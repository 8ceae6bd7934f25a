"""REFI-QDA exchange: move whole projects to and from NVivo, ATLAS.ti, MAXQDA and QualCoder.

>>> report = export_qdpx(study, store, "webshop.qdpx")          # doctest: +SKIP
>>> report = import_qdpx("from-nvivo.qdpx", "my-study", store)  # doctest: +SKIP
>>> print(report.summary())                                     # doctest: +SKIP

Codebook (``.qdc``, :func:`write_qdc` / :func:`read_qdc`, :func:`import_qdc`)
    Codes nested by parent, with their guid, ``name`` = the label, ``color`` and ``isCodable``
    (``false`` for a category, :attr:`Code.codable`). The description holds the definition and a
    last line ``[workbench] {"name": …, "phase": …}`` with the stable code name and phase, so a
    round trip through another tool keeps them. ``hierarchy_separator='/'`` turns a flat
    codebook whose names carry the hierarchy (Taguette's ``Bezorging/overig``) into a tree.

Project (``.qdpx``, :func:`export_qdpx`)
    A ZIP with ``project.qde`` and ``sources/<guid>.txt`` (UTF-8), in schema order:

    - ``Users``: every coder and memo writer (guids derived from the name), sorted by name.
    - ``CodeBook``: the codes in use (by a coding or memo) with their ancestors, and every code
      that is not one of the workbench's default codes; ``all_codes=True`` writes all of them.
      Memos about a code are ``NoteRef``\\ s of the code.
    - ``Variables`` and ``Cases``: the cases kept from an imported project (their guid, name,
      description, typed values and sources) and one case per interview participant, named by
      the participant id, with a ``SourceRef`` to each of their texts; a participant linked to a
      survey respondent gets the respondent id, attribute columns and choice answers as Text
      variables.
    - ``Sources``: one ``TextSource`` per transcript, document or notes (its canonical text, the
      text segment offsets point into; once the study has texts without speaker turns each
      source carries a ``text kind`` variable value: transcript, document or notes) and **one per open survey question** (named by the question id,
      described by the question text; blocks ``[<respondent_id>]`` newline answer, separated by a
      blank line). A source that came from a project keeps that project's guid, name and
      description, so the tool recognises it.
    - Each accepted coding is a ``PlainTextSelection`` with one ``Coding`` (``CodeRef``,
      ``creatingUser``, ``creationDateTime``); a coding's memo is the selection's
      ``Description`` (QualCoder's coding memo). The pieces of an imported selection that spanned
      several turns are one selection again, under its original guid. Positions are Unicode code
      points, ``endPosition`` exclusive.
    - ``Notes``: every other memo as a Note with its text (``PlainTextContent``), its title,
      author and times. A memo about a passage or a turn is also a selection of that text
      without a coding, whose ``Description`` is the memo text (QualCoder shows it as an
      annotation) and whose ``NoteRef`` points at the Note; a memo about a source is a
      ``NoteRef`` of the source, about a code one of the code, others the project's.

    Guids are derived from the study name and stable ids or kept from the imported project, and
    member times are fixed: the same study and store always give the same bytes, and
    export -> import into an empty study -> export gives the same project.

Import (:func:`import_qdpx`, :func:`import_file`)
    Reads projects from NVivo, ATLAS.ti, MAXQDA, QualCoder and others, tolerating: an inner file
    not named ``project.qde`` (exactly one ``*.qde`` is needed), ``sources/`` or ``Sources/``,
    ``plainTextPath`` with or without ``internal://`` or relative, inline ``PlainTextContent``,
    guids in braces or upper case, no Users, flat codes, no Cases, codes without colour (they get
    palette colours), sources without a name (named after their file), Windows line endings
    (normalised; positions are shifted to match).

    *Offsets.* The standard counts code points, but tools also write UTF-16 code units or UTF-8
    bytes, and count ``\\r\\n`` as one or two. With ``offsets='auto'`` every unit is tried on all
    selections of the project: the unit under which the most positions are valid (within the text,
    on a character boundary), then under which the most spans start and end on word boundaries,
    wins (ties: code points). Pass ``offsets='codepoints'|'utf16'|'utf8'`` (CLI ``--offsets``) to
    force a unit; newline counting is still detected per source.

    *Sources.* Each text source is matched to a study text: a transcript's or document's
    canonical text or an open question's answer text as exported, in this order: equal text; the
    source contains the study text (a tool added a header: positions shifted); the study text
    contains the source (trimmed); the same name (each selection is then found by its text,
    nearest its relative position). A selection is stored on every segment (or answer) it
    overlaps, clipped to it, so a selection over three turns gives three codings that share the
    selection's guid. Sources that match nothing are added to the study folder when the study
    has no texts yet (``workbench new S`` then ``workbench import S p.qdpx``) or with
    ``add_sources=True`` (CLI ``--add-sources``): as an interview (``.txt`` in the folder of the
    first ``[transcripts]`` pattern that takes them) when two or more speakers take turns that
    hold the text and every selection; else as a participant's document (``docs/``, declared in
    ``study.toml`` as ``[transcripts] documents``) or, when the project marks the text as the
    researcher's notes (a variable such as ``text kind``/``Soort`` = ``notes``/``veldnotities``,
    or a name such as "Veldnotities bezoek 3"), as notes (``notes/``, ``[transcripts] notes``).
    A variable that says ``document`` keeps speaker-like labels ("Vraag:", "Antwoord:") from
    becoming speakers. Texts of one case share its participant (``[transcripts] participants``).
    The study is reloaded (``report.study``); the added texts are read by the study loader and
    the selections placed in the text it made: when the loader changed characters (a byte-order
    mark, control characters, repaired mojibake) they move with the text, and those starting or
    ending on a changed character are skipped and reported, never shifted.

    *Codes* are merged into the store's codebook (the default one when none is saved) by guid;
    then by the ``[workbench]`` tag's name under the same parent; then by path (the names from
    the root equal the labels from the root of exactly one code, ignoring case) -- never by a
    bare name, so "overig" under "Bezorging" and under "Prijs" stay two codes. Other codes are
    added with their guid, named by their path. Codes sharing a guid are kept apart (the later
    one gets a derived guid) and reported; codings referring to the guid go to the first.
    Categories (``isCodable="false"``) stay categories.

    *Codings* are stored with :meth:`Store.import_codings` (origin ``imported``, in one
    transaction, identical codings skipped) under their ``User`` name and creation time, with the
    selection's ``Description`` and the ``Coding``'s notes as the coding's memo; ``coder`` names
    codings whose user is unknown (default: the project's ``origin``, else ``'imported'``).
    Every ``User`` becomes a coder. *Notes* become memos tied to what refers to them: a passage
    (a selection's ``NoteRef``, or the ``Description`` of a selection without coding), a source,
    a code, or the project (also notes nobody refers to: QualCoder's journals); title, author and
    times are kept, and a memo is not added twice. *Cases* and *variables* are kept with their
    types, tied to the participant whose id is the case's name or whose text the case refers
    to, and to the respondent named by the case or its ``respondent_id`` variable. ``Sets`` and
    case references to single selections are not kept (the report says how many).

Safety
    Files from elsewhere are untrusted: XML is parsed with defusedxml with DTDs refused (no
    billion laughs, no XXE); nothing is extracted, members are read into memory by name; member
    names and ``plainTextPath``\\ s that are absolute or contain ``..`` make the archive refused
    (paths to files outside the archive are never read); total size, member size, compression
    ratio and code nesting are checked (:class:`Limits`: 512 MB, 256 MB, 100:1, 200 levels), and
    a member inflating beyond its declared size is refused. Every walk over the code tree is
    iterative. Every problem raises :class:`~workbench.errors.QdpxError` naming the file and
    what to do.
"""

from __future__ import annotations

from importlib import resources
from os import PathLike
from pathlib import Path

from ...errors import QdpxError
from ._codes import read_qdc, write_qdc
from ._export import ExportReport, export_qdpx
from ._import import ImportReport, import_file, import_qdc, import_qdpx
from ._read import OFFSET_UNITS
from ._sources import answer_sources
from ._xml import CODEBOOK_NS, PROJECT_NS, Limits, SafeArchive

__all__ = [
    "write_qdc",
    "read_qdc",
    "export_qdpx",
    "import_qdpx",
    "import_qdc",
    "import_file",
    "ExportReport",
    "ImportReport",
    "Limits",
    "OFFSET_UNITS",
    "PROJECT_NS",
    "CODEBOOK_NS",
    "answer_sources",
    "schema_path",
    "validate_qdpx",
    "validate_qdc",
]


def schema_path(name: str = "Project.xsd") -> Path:
    """Path of a packaged REFI-QDA schema (``Project.xsd`` or ``Codebook.xsd``)."""
    path = Path(str(resources.files("workbench") / "data" / "refi-qda" / name))
    if not path.is_file():
        raise QdpxError(f"no packaged schema {name}", hint="Use Project.xsd or Codebook.xsd.")
    return path


def _validate(data: bytes, xsd: str, where: str) -> None:
    try:
        import xmlschema
    except ModuleNotFoundError:  # pragma: no cover - a test dependency
        raise QdpxError("validation needs the xmlschema package", hint="pip install xmlschema") from None
    from defusedxml import ElementTree as SafeET

    schema = xmlschema.XMLSchema(str(schema_path(xsd)))
    tree = SafeET.fromstring(data, forbid_dtd=True)
    error = next(iter(schema.iter_errors(tree)), None)
    if error is not None:
        raise QdpxError(
            f"does not validate against {xsd}: {error.reason} (at {error.path})",
            path=where,
            hint="The file does not follow the REFI-QDA standard; other programs may refuse it.",
        )


def validate_qdpx(path: str | PathLike) -> None:
    """Check a ``.qdpx``'s project file against the packaged ``Project.xsd``.

    Raises
    ------
    QdpxError
        The archive is unsafe or unreadable, or the first schema violation.
    """
    with SafeArchive(path) as ar:
        qdes = [n for n in ar.names() if n.lower().endswith(".qde")]
        if len(qdes) != 1:
            raise QdpxError(f"expected one .qde file, found {len(qdes)}", path=path)
        _validate(ar.read(qdes[0]), "Project.xsd", f"{path}:{qdes[0]}")


def validate_qdc(path: str | PathLike) -> None:
    """Check a ``.qdc`` codebook against the packaged ``Codebook.xsd`` (raises QdpxError)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise QdpxError(f"cannot read: {exc.strerror}", path=path) from None
    _validate(data, "Codebook.xsd", str(path))
