"""REFI-QDA exchange: move a study's coding to and from NVivo, ATLAS.ti, MAXQDA and QualCoder.

>>> report = export_qdpx(study, store, "webshop.qdpx")          # doctest: +SKIP
>>> report = import_qdpx("from-nvivo.qdpx", study, store)       # doctest: +SKIP
>>> print(report.summary())                                     # doctest: +SKIP

Codebook (``.qdc``, :func:`write_qdc` / :func:`read_qdc`)
    Codes nested by parent, with their guid, ``name`` = the label, ``color`` and
    ``isCodable="true"``. The description holds the definition and a last line
    ``[workbench] {"name": …, "phase": …}`` with the stable code name and phase, so a round trip
    through another tool keeps them.

Project (``.qdpx``, :func:`export_qdpx`)
    A ZIP with ``project.qde`` and ``sources/<guid>.txt`` (UTF-8). Contents, in schema order:

    - ``Users``: every coder (guids derived from the name, so they are equal across studies).
    - ``CodeBook``: the store's codebook (the default one when none was saved), plus any code
      used by a coding but missing from it. Memos about a code are ``NoteRef``\\ s of the code.
    - ``Variables`` and ``Cases``: one case per interview participant, named by the participant
      id, with a ``SourceRef`` to each of their transcripts. When the participant is linked to a
      survey respondent, the case's variables are the respondent id, the respondent's attribute
      columns and their answers to (single) choice questions (demographics), all as Text
      variables, and ``SelectionRef``\\ s point at the respondent's open answers.
    - ``Sources``: one ``TextSource`` per transcript (its canonical text, the text segment offsets
      point into, named by the file stem) and **one per open survey question** (named by the
      question id, described by the question text). The question's answers follow each other as
      blocks ``[<respondent_id>]`` newline answer, separated by a blank line, so other tools show
      who wrote what; the answers' offsets are tracked (per question rather than per respondent:
      researchers read and code survey answers question by question, and a survey of 340
      respondents would otherwise give 340 tiny sources).
    - Each accepted coding (decision ``accepted``: accepted suggestions, manual and imported
      codings; rejected ones are left out) is a ``PlainTextSelection`` with one ``Coding``
      (``CodeRef``, ``creatingUser``, ``creationDateTime``). Positions are Unicode code points,
      ``startPosition`` = the segment's ``char_start`` (or the answer's offset) + the coding's
      ``start_char``; ``endPosition`` is exclusive.
    - ``Notes``: every memo (``PlainTextContent``). A memo about a document is referenced from a
      selection spanning that document, a memo about a code from the code, other memos from the
      project.

    Guids are derived from the study name and stable ids, and member times are fixed, so the same
    study and store always give the same bytes.

Import (:func:`import_qdpx`)
    Reads projects from NVivo, ATLAS.ti, MAXQDA, QualCoder and others, tolerating: an inner file
    not named ``project.qde`` (exactly one ``*.qde`` is needed), ``sources/`` or ``Sources/``,
    ``plainTextPath`` with or without ``internal://`` or relative, inline ``PlainTextContent``,
    guids in braces or upper case, no Users, flat codes, no Cases, codes without colour (they get
    palette colours), Windows line endings (normalised; positions are shifted to match).

    *Offsets.* The standard counts code points, but tools also write UTF-16 code units or UTF-8
    bytes, and count ``\\r\\n`` as one or two. With ``offsets='auto'`` every unit is tried on all
    selections of the project: the unit under which the most positions are valid (within the text,
    on a character boundary), then under which the most spans start and end on word boundaries,
    wins (ties: code points). Pass ``offsets='codepoints'|'utf16'|'utf8'`` (CLI ``--offsets``) to
    force a unit; newline counting is still detected per source.

    *Sources.* Each text source is matched to a study text: a transcript's canonical text or an
    open question's answer text as exported (see above), in this order: equal text; the source
    contains the study text (a tool added a header: positions shifted); the study text contains
    the source (trimmed); the same name (source name without extension = transcript stem,
    participant id or question id: each selection is then found by its text, nearest its relative
    position). A selection is stored on every segment (or answer) it overlaps, clipped to it, so a
    selection over three turns gives three codings. Unmatched sources are reported; with
    ``add_sources=True`` (CLI ``--add-sources``) those that parse as transcripts (``Name: text``
    turns) are written as ``.txt`` files into the folder of the first ``[transcripts]`` pattern
    that takes ``.txt`` files, the study is reloaded (``report.study``) and they are matched again.

    *Codes* are merged into the store's codebook (the default one when none is saved) by guid,
    then by name (the ``[workbench]`` tag name or the REFI name equals a code name), then by
    label (case-insensitive, when exactly one code has it); other codes are added with their
    guid. Nothing is duplicated. *Codings* are stored with :meth:`Store.import_codings` (origin
    ``imported``, in one transaction, identical codings skipped) under their ``User`` name and
    creation time; ``coder`` names codings whose user is unknown (default: the project's
    ``origin``, else ``'imported'``). *Notes* become memos (on the first document of the selection
    or the code that refers to them); a memo with the same text, document and code is not added
    twice.

Safety
    Files from elsewhere are untrusted: XML is parsed with defusedxml with DTDs refused (no
    billion laughs, no XXE); nothing is extracted, members are read into memory by name; member
    names that are absolute or contain ``..`` make the archive refused; total size, member size
    and compression ratio are checked before reading (:class:`Limits`: 512 MB, 256 MB, 100:1),
    and a member inflating beyond its declared size is refused. Every problem raises
    :class:`~workbench.errors.QdpxError` naming the file and what to do.
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
