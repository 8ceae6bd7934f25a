"""One exception family for everything a user can get wrong.

Every error names the file (and line, row or key where known) and says what to do.
The CLI prints ``str(error)`` and exits with status 2; nothing else is shown.

>>> raise SurveyError("ragged row", path="s.csv", row=12, hint="Every row needs 9 fields.")
Traceback (most recent call last):
...
workbench.errors.SurveyError: s.csv, row 12: ragged row
  hint: Every row needs 9 fields.
"""

from __future__ import annotations

from os import PathLike

__all__ = [
    "WorkbenchError",
    "StudyConfigError",
    "FormatError",
    "EmptyFileError",
    "DecodeError",
    "TranscriptError",
    "SurveyError",
    "DuplicateIdError",
    "StoreError",
    "QdpxError",
    "ModelError",
    "OutputError",
]


class WorkbenchError(Exception):
    """Base class: a problem with the user's input or project that they can fix.

    Parameters
    ----------
    message : str
        What is wrong, in one sentence.
    path : str or PathLike, optional
        The file concerned.
    line, row : int, optional
        1-based line of a text file, or 1-based data row of a table (header rows excluded
        unless said otherwise).
    key : str, optional
        A dotted configuration key (``survey.columns``) or a column name.
    hint : str, optional
        What the user can do about it.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | PathLike | None = None,
        line: int | None = None,
        row: int | None = None,
        key: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.row = row
        self.key = key
        self.hint = hint
        super().__init__(self.__str__())

    @property
    def location(self) -> str:
        parts = []
        if self.path:
            parts.append(self.path)
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.key is not None:
            parts.append(f"key '{self.key}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        loc = self.location
        text = f"{loc}: {self.message}" if loc else self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def __reduce__(self):  # keep the keyword arguments when pickled (multiprocessing)
        return (
            _rebuild,
            (type(self), self.message, self.path, self.line, self.row, self.key, self.hint),
        )


def _rebuild(cls, message, path, line, row, key, hint):
    return cls(message, path=path, line=line, row=row, key=key, hint=hint)


class StudyConfigError(WorkbenchError):
    """``study.toml`` is missing, malformed, or has an unknown or invalid key."""


class FormatError(WorkbenchError):
    """A file's format is unknown or not what its extension promises (e.g. a corrupt DOCX/XLSX)."""


class EmptyFileError(FormatError):
    """A file has no content to read."""


class DecodeError(FormatError):
    """A text file's bytes cannot be decoded in any supported encoding."""


class TranscriptError(WorkbenchError):
    """A transcript cannot be parsed (e.g. a malformed WebVTT timestamp)."""


class SurveyError(WorkbenchError):
    """A survey export cannot be parsed (e.g. ragged rows, unknown column role)."""


class DuplicateIdError(WorkbenchError):
    """Two records claim the same id (respondent, segment, code)."""


class StoreError(WorkbenchError):
    """The study store (SQLite) cannot be opened, migrated or written."""


class QdpxError(WorkbenchError):
    """A REFI-QDA ``.qdpx``/``.qdc`` file is invalid, unsafe or unsupported."""


class ModelError(WorkbenchError):
    """An NLP or clustering model is missing, incompatible or cannot be trained."""


class OutputError(WorkbenchError):
    """An output file cannot be written: the disk is full, the folder read-only or not yours."""
