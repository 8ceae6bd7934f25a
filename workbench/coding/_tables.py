"""Reading small user tables (labelled examples, codings) from CSV or Excel, with clear errors."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from os import PathLike
from pathlib import Path

import pandas as pd

from ..errors import EmptyFileError, FormatError, WorkbenchError
from ..io.text import decode_text

__all__ = ["read_table", "require_columns", "parse_binary", "TRUE_WORDS", "FALSE_WORDS"]

TRUE_WORDS = frozenset({"1", "1.0", "yes", "y", "true", "t", "ja", "j", "waar"})
FALSE_WORDS = frozenset({"0", "0.0", "no", "n", "false", "f", "nee", "onwaar"})


def read_table(path: str | PathLike) -> pd.DataFrame:
    """A CSV (any of ``, ; tab``, UTF-8/cp1252) or ``.xlsx`` file as a frame of strings.

    Empty cells are ``""``. Raises :class:`~workbench.errors.FormatError` (or a subclass) when
    the file is missing, empty or not a table.
    """
    path = Path(path)
    if not path.is_file():
        raise FormatError("no such file", path=path, hint="Check the path.")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            frame = pd.read_excel(path, dtype=str).fillna("")
        except (zipfile.BadZipFile, ValueError, KeyError, OSError) as exc:
            raise FormatError(
                f"cannot read the workbook: {exc}",
                path=path,
                hint="Save it again from Excel as .xlsx or CSV.",
            ) from None
    else:
        data = path.read_bytes()
        if not data.strip():
            raise EmptyFileError("the file is empty", path=path, hint="Export the table again.")
        text, _ = decode_text(data, path=path)
        first = text.split("\n", 1)[0]
        sep = max((",", ";", "\t"), key=first.count)
        try:
            frame = pd.read_csv(
                io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, quoting=csv.QUOTE_MINIMAL
            )
        except (pd.errors.ParserError, csv.Error) as exc:
            raise FormatError(
                f"not a readable CSV table: {exc}",
                path=path,
                hint="Every row needs the same number of fields; quote texts that contain the separator.",
            ) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    if frame.empty:
        raise EmptyFileError("the table has no data rows", path=path, hint="Add rows below the header.")
    return frame


def require_columns(frame: pd.DataFrame, columns: Sequence[str], path: str | PathLike | None = None) -> None:
    """Raise a :class:`WorkbenchError` naming the missing columns and listing the ones present."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise WorkbenchError(
            f"column(s) not found: {', '.join(missing)}",
            path=path,
            key=missing[0],
            hint=f"The table has the columns: {', '.join(map(str, frame.columns))}.",
        )


def parse_binary(values: pd.Series, column: str, path: str | PathLike | None = None) -> pd.Series:
    """0/1 (nullable ``Int8``) from 0/1, yes/no, true/false, ja/nee cells; blank is missing.

    Raises :class:`WorkbenchError` with the 1-based data row of the first other value.
    """
    out = []
    for i, value in enumerate(values.tolist()):
        word = (
            ""
            if value is None or (isinstance(value, float) and value != value)
            else str(value).strip().lower()
        )
        if word in TRUE_WORDS:
            out.append(1)
        elif word in FALSE_WORDS:
            out.append(0)
        elif word == "":
            out.append(None)
        else:
            raise WorkbenchError(
                f"column '{column}' has the value {value!r}, which is not a yes/no label",
                path=path,
                row=i + 1,
                key=column,
                hint="Use 1/0, yes/no, true/false or ja/nee (an empty cell means: not labelled).",
            )
    return pd.Series(pd.array(out, dtype="Int8"), index=values.index, name=column)
