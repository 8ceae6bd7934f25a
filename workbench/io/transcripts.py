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
from collections.abc import Iterable
from dataclasses import dataclass
from os import PathLike
from pathlib import Path, PurePath

import pandas as pd

from .. import schema
from ..errors import EmptyFileError, FormatError
from ._docx import parse_docx
from ._plaintext import parse_plain
from ._speakers import detect_roles, label_key
from ._subtitles import RawTurn, parse_srt, parse_vtt
from .text import decode_text, normalize_newlines

__all__ = [
    "Transcript",
    "FORMATS",
    "parse_transcript",
    "parse_transcript_bytes",
    "read_transcript",
    "detect_roles",
]

#: File extension -> format name.
FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".vtt": "vtt", ".srt": "srt", ".docx": "docx"}

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


@dataclass
class Transcript:
    """One interview transcript, parsed.

    Attributes
    ----------
    source : str
        The path as given (the study loader passes it relative to the study folder).
    format : str
        ``'txt'``, ``'md'``, ``'vtt'``, ``'srt'`` or ``'docx'``.
    encoding : str
        The detected text encoding (``'utf-8'``, ``'utf-8-sig'``, ``'utf-16'``, ``'cp1252'``);
        ``''`` for ``.docx``.
    text : str
        The canonical text that the segments' offsets point into (newlines are ``\\n``).
    segments : pandas.DataFrame
        One row per turn, :data:`workbench.schema.SEGMENTS`.
    """

    source: str
    format: str
    encoding: str
    text: str
    segments: pd.DataFrame

    def __repr__(self) -> str:
        return (
            f"Transcript(source={self.source!r}, format={self.format!r}, "
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


def parse_transcript_bytes(
    data: bytes,
    name: str | PathLike,
    *,
    participant_id: str | None = None,
    interviewer: Iterable[str] | None = None,
    source: str | None = None,
) -> Transcript:
    """Parse a transcript from its bytes (an upload); ``name`` gives the format and the stem.

    Takes the same keyword arguments as :func:`parse_transcript`.
    """
    fmt = _format_of(name)
    source = str(name) if source is None else source
    stem = PurePath(name).stem
    if isinstance(interviewer, str):  # a single label, not its characters
        interviewer = [interviewer]
    interviewer = [str(i) for i in (interviewer or ()) if str(i).strip()]
    if not data.strip():
        raise EmptyFileError("the transcript is empty", path=source, hint=_EMPTY_HINTS[fmt])

    if fmt == "docx":
        encoding = ""
        raw = parse_docx(data, source, interviewer)
    else:
        text, encoding = decode_text(data, path=source)
        text = normalize_newlines(text)
        if not text.strip():
            raise EmptyFileError("the transcript is empty", path=source, hint=_EMPTY_HINTS[fmt])
        if fmt == "vtt":
            raw = parse_vtt(text, source, interviewer)
        elif fmt == "srt":
            raw = parse_srt(text, source, interviewer)
        else:
            plain = parse_plain(text, interviewer)
            speakers = [t[0] for t in plain]
            starts = [t[1] for t in plain]
            char_start = [t[2] for t in plain]
            char_end = [t[3] for t in plain]
            texts = [text[a:b] for a, b in zip(char_start, char_end, strict=True)]
            ends = [math.nan] * len(plain)
    if fmt in ("docx", "vtt", "srt"):
        speakers = [t[0] for t in raw]
        texts = [t[1] for t in raw]
        starts = [t[2] for t in raw]
        ends = [t[3] for t in raw]
        text, char_start = _render(raw)
        char_end = [a + len(t) for a, t in zip(char_start, texts, strict=True)]

    if not speakers:
        raise EmptyFileError("no speaker turns found", path=source, hint=_EMPTY_HINTS[fmt])
    roles = detect_roles(speakers, texts, interviewer)
    n = len(speakers)
    frame = pd.DataFrame(
        {
            "segment_id": [f"{stem}#{i:03d}" for i in range(n)],
            "source": [source] * n,
            "participant_id": [participant_id or stem] * n,
            "speaker": speakers,
            "role": [roles[label_key(s)] for s in speakers],
            "turn": range(n),
            "start_s": pd.array(starts, dtype="float64"),
            "end_s": pd.array(ends, dtype="float64"),
            "text": texts,
            "char_start": char_start,
            "char_end": char_end,
        }
    )
    return Transcript(source, fmt, encoding, text, schema.conform(frame, schema.SEGMENTS))


def parse_transcript(
    path: str | PathLike,
    *,
    participant_id: str | None = None,
    interviewer: Iterable[str] | None = None,
    source: str | None = None,
) -> Transcript:
    """Read an interview transcript file.

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

    Returns
    -------
    Transcript
        The canonical text and the segments (:data:`workbench.schema.SEGMENTS`); segment ids
        are ``'<stem>#<turn:03d>'``.

    Raises
    ------
    FormatError
        Unknown extension, file not found, or a corrupt ``.docx``.
    EmptyFileError
        The file is empty or has no recognisable speaker turns.
    DecodeError
        The bytes are not UTF-8, UTF-16 (with BOM) or Windows-1252 text.
    TranscriptError
        A malformed WebVTT/SRT file (missing header, bad timing line), with the line number.

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
        data, path, participant_id=participant_id, interviewer=interviewer, source=shown
    )


def read_transcript(path: str | PathLike, **kwargs) -> pd.DataFrame:
    """The segments of a transcript file: ``parse_transcript(path, **kwargs).segments``."""
    return parse_transcript(path, **kwargs).segments
