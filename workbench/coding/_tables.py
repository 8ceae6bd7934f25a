"""Reading small user tables (labelled examples, codings) from CSV or Excel, with clear errors."""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from pathlib import Path

import pandas as pd

from .._tabular import csv_rows, rows_frame, sniff_delimiter, xlsx_rows
from ..errors import EmptyFileError, FormatError, WorkbenchError
from ..io.text import decode_text

__all__ = ["read_table", "require_columns", "parse_binary", "TRUE_WORDS", "FALSE_WORDS"]

TRUE_WORDS = frozenset({"1", "1.0", "yes", "y", "true", "t", "ja", "j", "waar"})
FALSE_WORDS = frozenset({"0", "0.0", "no", "n", "false", "f", "nee", "onwaar"})


def read_table(path: str | PathLike, *, warnings: list[str] | None = None) -> pd.DataFrame:
    """A CSV (any of ``, ; tab |``, UTF-8/cp1252) or ``.xlsx`` file as a frame of strings.

    Empty cells are ``""``; the CSV delimiter found is in ``frame.attrs["delimiter"]``. The
    table is read strictly (:mod:`workbench._tabular`): trailing delimiters and a workbook's
    too-wide stored dimension are ignored, but a broken quote or a row with more or fewer
    fields than the header raises :class:`~workbench.errors.FormatError` with its line (row),
    as do a missing, empty or unreadable file. ``warnings`` receives what decoding repaired.
    """
    path = Path(path)
    if not path.is_file():
        raise FormatError("no such file", path=path, hint="Check the path.")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        frame = rows_frame(xlsx_rows(path), path=path, unit="row")
        frame.attrs["delimiter"] = ","
        return frame
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FormatError(f"cannot read the file: {exc.strerror or exc}", path=path) from None
    if not data.strip():
        raise EmptyFileError("the file is empty", path=path, hint="Export the table again.")
    text, _ = decode_text(data, path=path, warnings=warnings)
    delimiter = sniff_delimiter(text)
    frame = rows_frame(csv_rows(text, delimiter=delimiter, path=path), path=path)
    frame.attrs["delimiter"] = delimiter
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
