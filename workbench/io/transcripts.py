"""Interview transcripts: plain text, Markdown, WebVTT, SRT and Word, read into segments.

Every reader gives a :class:`Transcript`: the canonical text of the interview and one row per
speaker turn in :data:`workbench.schema.SEGMENTS`, whose ``char_start``/``char_end`` point into
that text (``transcript.text[char_start:char_end] == text``). For ``.txt`` and ``.md`` the
canonical text is the file itself; for ``.vtt``, ``.srt`` and ``.docx`` it is a readable plain
transcript built from the turns::

    [00:00:01] Interviewer: Hoe kwam u bij ons terecht?

    [00:00:04] Anouk: Via Instagram, ik zag een advertentie.

Who is the interviewer is decided by :func:`detect_roles`.

>>> t = parse_transcript_bytes(b"Interviewer: Hoe ging het?\\nAnouk: Prima.\\n", "P01.txt")
>>> t.segments[["segment_id", "speaker", "role", "text"]].to_dict("records")[1]
{'segment_id': 'P01#001', 'speaker': 'Anouk', 'role': 'participant', 'text': 'Prima.'}
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path, PurePath

import pandas as pd

from .. import schema
from ..errors import EmptyFileError, FormatError
from ._boilerplate import edge_boilerplate
from ._docx import docx_lines, parse_docx
from ._messages import note
from ._plaintext import parse_plain
from ._speakers import detect_roles, device_label, label_key, person, split_label
from ._subtitles import Parsed, RawTurn, looks_timed, parse_srt, parse_timed_text, parse_vtt
from .text import decode, normalize_newlines

__all__ = [
    "Transcript",
    "FORMATS",
    "KINDS",
    "parse_transcript",
    "parse_transcript_bytes",
    "parse_document",
    "read_transcript",
    "detect_roles",
]

#: File extension -> format name.
FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".vtt": "vtt", ".srt": "srt", ".docx": "docx"}
#: What a text file can be: an interview with speaker turns, a participant's own document
#: (diary, written answer, e-mail: quotable), or the researcher's notes (never quoted).
KINDS = ("transcript", "document", "notes")

_LABEL_HINT = (
    "Start every turn on a new line with the speaker's name and a colon, e.g. "
    "'Interviewer: Hoe kwam u bij ons terecht?' and 'Anouk: Via Instagram.' "
    "(also understood: 'I:'/'R:', '[P01] …', '**Anouk**: …', '[00:01:23] Anouk: …')."
)
_EMPTY_HINTS = {
    "txt": _LABEL_HINT,
    "md": _LABEL_HINT,
    "vtt": "Export the transcript again from Zoom or Teams; a WebVTT file needs timed cues with text.",
    "srt": "Export the transcript again; an SRT file needs numbered, timed blocks with text.",
    "docx": "Start every turn with the speaker's name and a colon ('Anouk: …'), a bold name, or "
    "use a table with a speaker column and a text column.",
}
_PARAGRAPHS = re.compile(r"\S(?:.*\S)?(?:\n[^\S\n]*\S.*)*")
_LINES = re.compile(r"\S(?:.*\S)?")


@dataclass
class Transcript:
    """One interview transcript (or document), parsed.

    Attributes
    ----------
    source : str
        The path as given (the study loader passes it relative to the study folder).
    format : str
        ``'txt'``, ``'md'``, ``'vtt'``, ``'srt'`` or ``'docx'``.
    encoding : str
        The detected text encoding (``'utf-8'``, ``'utf-8-sig'``, ``'utf-16'``, ``'cp1252'``, a
        detected legacy code page, ``'utf-8+cp1252'`` for a mix of lines); ``''`` for ``.docx``.
    text : str
        The canonical text that the segments' offsets point into (newlines are ``\\n``).
    segments : pandas.DataFrame
        One row per turn (or paragraph of a document), :data:`workbench.schema.SEGMENTS`.
    kind : str
        ``'transcript'``, ``'document'`` or ``'notes'`` (see :data:`KINDS`).
    layout : str
        How the turns were found: 'labels', 'otter', 'teams' (Teams' Word download), 'voice tags', 'name lines', 'table',
        'timed cues', 'paragraphs' (a document), …
    warnings : list of str
        What was read in an unexpected way (skipped cues, repaired characters, a file without
        speakers read as a document), each starting with the line concerned where there is one.
    """

    source: str
    format: str
    encoding: str
    text: str
    segments: pd.DataFrame
    kind: str = "transcript"
    layout: str = ""
    warnings: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        return (
            f"Transcript(source={self.source!r}, format={self.format!r}, kind={self.kind!r}, "
            f"encoding={self.encoding!r}, turns={len(self.segments)}, chars={len(self.text)})"
        )


def _format_of(name: str | PathLike) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix not in FORMATS:
        supported = ", ".join(sorted(set(FORMATS)))
        hint = f"Supported transcript formats: {supported}."
        if suffix == ".doc":
            hint += " Open the file in Word and save it as .docx."
        elif suffix in (".rtf", ".odt", ".pdf"):
            hint += " Save or export the transcript as .docx or plain text (.txt)."
        raise FormatError(f"unknown transcript format '{suffix or '(none)'}'", path=name, hint=hint)
    return FORMATS[suffix]


def _clock(secs: float) -> str:
    whole = int(secs)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def _render(turns: list[RawTurn]) -> tuple[str, list[int]]:
    """Build the readable canonical text; return it and each turn's text offset."""
    parts: list[str] = []
    offsets = []
    pos = 0
    for speaker, text, start, _ in turns:
        prefix = f"[{_clock(start)}] {speaker}: " if not math.isnan(start) else f"{speaker}: "
        pos += len(prefix)
        offsets.append(pos)
        parts += (prefix, text, "\n\n")
        pos += len(text) + 2
    return "".join(parts), offsets


def _frame(stem, source, participant_id, speakers, roles, starts, ends, texts, char_start, verbatim=True):
    n = len(speakers)
    return schema.conform(pd.DataFrame(
        {
            "segment_id": [f"{stem}#{i:03d}" for i in range(n)],
            "source": [source] * n,
            "participant_id": [participant_id] * n,
            "speaker": speakers,
            "role": roles,
            "turn": range(n),
            "start_s": pd.array(starts, dtype="float64"),
            "end_s": pd.array(ends, dtype="float64"),
            "text": texts,
            "char_start": char_start,
            "char_end": [a + len(t) for a, t in zip(char_start, texts, strict=True)],
            "verbatim": [verbatim] * n,
        }
    ), schema.SEGMENTS)


def parse_document(
    text: str,
    *,
    source: str,
    participant_id: str | None = None,
    kind: str = "document",
    format: str = "txt",
    encoding: str = "utf-8",
) -> Transcript:
    """A text without speaker turns as one participant's segments: one per paragraph.

    Parameters
    ----------
    text : str
        The document's text (the canonical text the offsets point into).
    source : str
        The file's name as given; its stem makes the segment ids.
    participant_id : str, optional
        Whose document it is (default: the file stem). Every segment has this speaker and the
        role 'participant'.
    kind : str
        ``'document'`` (a participant's own words: diary, written answer, e-mail; quotable) or
        ``'notes'`` (the researcher's field notes or paraphrases: codable and taggable, but
        ``verbatim`` is False, so the journey map never quotes them as a participant's words).

    Paragraphs are separated by blank lines; a text without blank lines has one paragraph per
    line.

    >>> t = parse_document("Dag 1\\nBesteld.\\n\\nDag 2\\nNiets gehoord.", source="dagboek.txt", kind="notes")
    >>> t.segments[["segment_id", "speaker", "text", "verbatim"]].to_dict("records")[1]
    {'segment_id': 'dagboek#001', 'speaker': 'dagboek', 'text': 'Dag 2\\nNiets gehoord.', 'verbatim': False}
    """
    if kind not in ("document", "notes"):
        raise ValueError(f"kind must be 'document' or 'notes', not {kind!r}")
    text = normalize_newlines(text)
    stem = PurePath(source).stem
    pid = participant_id or stem
    rx = _PARAGRAPHS if re.search(r"\n[^\S\n]*\n", text) else _LINES
    spans = [(m.start(), m.group()) for m in rx.finditer(text)]
    if not spans:
        raise EmptyFileError("the document is empty", path=source, hint="Check the file; it holds no text.")
    n = len(spans)
    frame = _frame(stem, source, pid, [pid] * n, ["participant"] * n, [math.nan] * n, [math.nan] * n,
                   [t for _, t in spans], [a for a, _ in spans], verbatim=kind == "document")
    return Transcript(source, format, encoding, text, frame, kind, "paragraphs")


def _document_text(data: bytes, fmt: str, source: str, warnings: list[str]) -> tuple[str, str]:
    """The plain text of a file read as a document, and its encoding."""
    if fmt == "docx":
        lines, _ = docx_lines(data, source)
        return "\n\n".join(ln for ln in lines if ln.strip()), ""
    decoded = decode(data, path=source)
    warnings.extend(decoded.warnings)
    text = normalize_newlines(decoded.text)
    if fmt in ("vtt", "srt") or looks_timed(text):
        parser = {"vtt": parse_vtt, "srt": parse_srt}.get(fmt, parse_timed_text)
        return "\n\n".join(t[1] for t in parser(text, source).turns), decoded.encoding
    return text, decoded.encoding


def _drop_tool_lines(turns: list[RawTurn], char_start: list[int] | None, original, warnings: list[str]):
    """Turns without the transcription tool's lines at the start of the first turn and the end of
    the last ("Transcribed by https://otter.ai", "Meeting ended after 00:24:51"), each dropped
    line a warning with its line in the file (``original()``: the text the reader read).

    ``char_start`` (plain text: offsets into the file) moves with a turn's new start; a turn that
    held nothing but tool lines is dropped.
    """
    if not turns:
        return turns, char_start
    out, starts = list(turns), list(char_start) if char_start is not None else None
    keep = [True] * len(out)
    source_text = None
    for i in sorted({0, len(out) - 1}):
        speaker, body, start, end = out[i]
        a, b, dropped = edge_boilerplate(body, start=i == 0, end=i == len(out) - 1)
        if not dropped:
            continue
        by_line: dict = {}  # the sentences of one line, one warning
        for off, line in dropped:
            if starts is not None:
                where = source_text_line(original(), starts[i] + off)
            else:
                source_text = original() if source_text is None else source_text
                found = source_text.rfind(line) if i == len(out) - 1 else source_text.find(line)
                where = source_text_line(source_text, found) if found >= 0 else "?"
            last = off >= b if b > a else i == len(out) - 1  # after the speech kept, or before it
            by_line[where] = (f"{by_line[where][0]} {line}" if where in by_line else line, last)
        for where, (line, last) in by_line.items():
            warnings.append(note("tool_line", line=where, text=line if len(line) <= 80 else line[:77] + "…",
                                 which_en="last" if last else "first", which_nl="laatste" if last else "eerste"))
        out[i] = (speaker, body[a:b], start, end)
        if starts is not None:
            starts[i] += a
        keep[i] = b > a
    if not all(keep):
        out = [t for t, k in zip(out, keep, strict=True) if k]
        starts = [c for c, k in zip(starts, keep, strict=True) if k] if starts is not None else None
    return out, starts


def _speaker_names(labels: list[str], warnings: list[str]) -> list[str]:
    """The person in each speaker label, without the device and the suffix Zoom and Teams add
    ("Tom Baxter (Guest)" -> "Tom Baxter"); a label that is only a device ("iPad (2)") stays the
    speaker, with a warning that it names no person."""
    names = {}
    for label in dict.fromkeys(labels):
        name = person(label) or label.strip()
        names[label] = name
        if device_label(label):
            warnings.append(note("device_speaker", label=label.strip(), name=name))
    return [names[s] for s in labels]


def source_text_line(text: str, offset: int) -> int:
    """The 1-based line of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1


def parse_transcript_bytes(
    data: bytes,
    name: str | PathLike,
    *,
    participant_id: str | None = None,
    interviewer: Iterable[str] | None = None,
    source: str | None = None,
    kind: str = "transcript",
) -> Transcript:
    """Parse a transcript from its bytes (an upload); ``name`` gives the format and the stem.

    Takes the same keyword arguments as :func:`parse_transcript`.
    """
    fmt = _format_of(name)
    source = str(name) if source is None else source
    stem = PurePath(name).stem
    pid = participant_id or stem
    if kind not in KINDS:
        raise FormatError(f"unknown kind of text '{kind}'", path=source, hint=f"Use one of: {', '.join(KINDS)}.")
    if isinstance(interviewer, str):  # a single label, not its characters
        interviewer = [interviewer]
    interviewer = [str(i) for i in (interviewer or ()) if str(i).strip()]
    if not data.strip():
        raise EmptyFileError("the transcript is empty", path=source, hint=_EMPTY_HINTS[fmt])
    warnings: list[str] = []
    if kind != "transcript":
        text, encoding = _document_text(data, fmt, source, warnings)
        t = parse_document(text, source=source, participant_id=pid, kind=kind, format=fmt, encoding=encoding)
        t.warnings = warnings
        return t

    plain = None
    if fmt == "docx":
        encoding = ""
        parsed = parse_docx(data, source, interviewer)
    else:
        decoded = decode(data, path=source)
        warnings.extend(decoded.warnings)
        text, encoding = normalize_newlines(decoded.text), decoded.encoding
        if not text.strip():
            raise EmptyFileError("the transcript is empty", path=source, hint=_EMPTY_HINTS[fmt])
        if fmt == "vtt":
            parsed = parse_vtt(text, source, interviewer)
        elif fmt == "srt":
            parsed = parse_srt(text, source, interviewer)
        elif looks_timed(text):
            parsed = parse_timed_text(text, source, interviewer)
            parsed.layout = f"timed cues, {parsed.layout}"
        else:
            plain = parse_plain(text, interviewer)
            parsed = Parsed([], plain.hints, plain.warnings, plain.layout)
    warnings.extend(parsed.warnings)
    if plain is not None:
        turns = [(s, text[a:b], start, math.nan) for s, start, a, b in plain.turns]
        char_start = [t[2] for t in plain.turns]
    else:
        turns, char_start = list(parsed.turns), None
    if fmt == "docx" and plain is None:
        original = lambda: "\n".join(docx_lines(data, source)[0])  # noqa: E731 - read again only when needed
    else:
        original = lambda: text  # noqa: E731
    turns, char_start = _drop_tool_lines(turns, char_start, original, warnings)
    speakers, texts = [t[0] for t in turns], [t[1] for t in turns]
    starts, ends = [t[2] for t in turns], [t[3] for t in turns]
    if plain is None:
        text, char_start = _render(turns)

    if not speakers:
        if fmt in ("txt", "md", "docx"):
            text, encoding = _document_text(data, fmt, source, []) if fmt == "docx" else (text, encoding)
            if not text.strip():
                raise EmptyFileError("the transcript is empty", path=source, hint=_EMPTY_HINTS[fmt])
            t = parse_document(text, source=source, participant_id=pid, kind="document", format=fmt,
                               encoding=encoding)
            t.warnings = warnings + [note("as_document", pid=pid)]
            return t
        raise EmptyFileError("no speaker turns found", path=source, hint=_EMPTY_HINTS[fmt])
    hints = dict(parsed.hints)
    for s in dict.fromkeys(speakers):  # "Tom Baxter (Guest)": a participant, whichever reader found it
        hint = split_label(s)[1]
        if hint is not None:
            hints.setdefault(label_key(s), hint)
    roles = detect_roles(speakers, texts, interviewer, hints)
    frame = _frame(stem, source, pid, _speaker_names(speakers, warnings), [roles[label_key(s)] for s in speakers],
                   starts, ends, texts, char_start)
    return Transcript(source, fmt, encoding, text, frame, "transcript", parsed.layout, warnings)


def parse_transcript(
    path: str | PathLike,
    *,
    participant_id: str | None = None,
    interviewer: Iterable[str] | None = None,
    source: str | None = None,
    kind: str = "transcript",
) -> Transcript:
    """Read an interview transcript file (or a document without speakers).

    Parameters
    ----------
    path : str or PathLike
        A ``.txt``, ``.md``, ``.vtt``, ``.srt`` or ``.docx`` file.
    participant_id : str, optional
        The interviewed participant; default: the file stem (``interviews/P01.vtt`` -> ``P01``).
    interviewer : iterable of str, optional
        Speaker labels that are the interviewer (case-insensitive). When one of them occurs in
        the file it decides the roles; otherwise they are detected (see :func:`detect_roles`).
    source : str, optional
        The name to record in ``source`` and in error messages (default: ``path`` as given).
    kind : str
        'transcript' (speaker turns; a file without any is read as a document, with a
        warning), 'document' or 'notes' (see :func:`parse_document`).

    Returns
    -------
    Transcript
        The canonical text and the segments (:data:`workbench.schema.SEGMENTS`); segment ids
        are ``'<stem>#<turn:03d>'`` (in a study, :func:`workbench.load_study` replaces a stem
        that holds a name by the participant id: see :func:`workbench.io._participants.segment_keys`).

    Raises
    ------
    FormatError
        Unknown extension, file not found, or a corrupt ``.docx``.
    EmptyFileError
        The file is empty, or a subtitle file has no text.
    DecodeError
        The bytes are not text in any encoding (a binary file).
    TranscriptError
        A WebVTT file without its header, or a WebVTT/SRT file in which no cue can be read,
        with the line number (single malformed cues are skipped with a warning).

    Examples
    --------
    >>> t = parse_transcript("tests/fixtures/transcripts/P01.vtt")  # doctest: +SKIP
    >>> t.segments.loc[0, ["speaker", "role", "start_s"]].tolist()  # doctest: +SKIP
    ['Sanne Bakker', 'interviewer', 1.0]
    """
    shown = str(path) if source is None else source
    _format_of(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise FormatError(
            "transcript file not found", path=shown, hint="Check the file name and the folder."
        ) from None
    except IsADirectoryError:
        raise FormatError(
            "expected a transcript file, found a folder", path=shown, hint="Name a file in it."
        ) from None
    except OSError as exc:
        raise FormatError(f"cannot read the file ({exc.strerror})", path=shown) from None
    return parse_transcript_bytes(
        data, path, participant_id=participant_id, interviewer=interviewer, source=shown, kind=kind
    )


def read_transcript(path: str | PathLike, **kwargs) -> pd.DataFrame:
    """The segments of a transcript file: ``parse_transcript(path, **kwargs).segments``."""
    return parse_transcript(path, **kwargs).segments
