"""Small user tables (CSV or XLSX) read strictly: every cell kept, every oddity named.

Used for the tables a researcher hands the workbench besides the study's exports: ``funnel.csv``,
and the CSV/XLSX files given to ``workbench tag``, ``agreement`` and ``train``. The rules:

- The delimiter is the one of ``, ; tab |`` that occurs most often in the header line (outside
  quotes); the file is then read with Python's :mod:`csv` module in strict mode, which is linear
  in the file's size and, unlike a lenient reader, refuses an unterminated quote instead of
  swallowing the rest of the file into one cell.
- Trailing delimiters (``a,b,`` in the header and/or rows) make an unnamed column that is empty in
  every row: it is dropped. An unnamed column that holds data is kept as ``column N``.
- A row with more fields than the header (beyond empty trailing ones) or fewer than the named
  columns is refused with its line: it is almost always a delimiter or line break inside an
  unquoted text, and reading on would shift that row's values into the wrong columns.
- Blank lines are skipped; repeated column names become ``name.1``, ``name.2`` (as pandas does).
- An XLSX workbook's stored dimension is ignored (``reset_dimensions``): the used range some
  programs write is often wider or longer than the data, which is then read as empty cells.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from os import PathLike
from pathlib import Path

import pandas as pd

from .errors import EmptyFileError, FormatError

__all__ = ["sniff_delimiter", "csv_rows", "xlsx_rows", "rows_frame", "MAX_XLSX_BYTES", "DELIMITERS"]

DELIMITERS = (",", ";", "\t", "|")
#: An XLSX file whose parts unpack to more than this is refused (a "zip bomb" or not a small table).
MAX_XLSX_BYTES = 200_000_000

_QUOTED = re.compile(r'"[^"]*"')


def sniff_delimiter(text: str, delimiters: Iterable[str] = DELIMITERS) -> str:
    """The delimiter of a CSV text: the candidate seen most often in its first non-blank line,
    outside double quotes (``,`` when none occurs).

    >>> sniff_delimiter('naam;"opmerking, lang";score\\n')
    ';'
    """
    first = next((line for line in text.splitlines() if line.strip()), "")
    bare = _QUOTED.sub("", first)
    best = max(delimiters, key=bare.count)
    return best if bare.count(best) else ","


def csv_rows(text: str, *, delimiter: str, path: str | PathLike | None = None) -> Iterator[tuple[int, list[str]]]:
    """``(line, fields)`` for every non-blank record of a CSV text (``line``: 1-based line where
    the record starts). Raises :class:`FormatError` with the line on a broken quote."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _csv_error(exc, start, path) from None
        if any(cell.strip() for cell in row):
            yield start, row


def _csv_error(exc: csv.Error, line: int, path) -> FormatError:
    text = str(exc)
    if "end of data" in text or "EOF" in text:
        return FormatError(
            "a quote opened here is never closed: the rest of the file would be read as one cell",
            path=path, line=line,
            hint='Close the quote, or double a quote that is part of the text ("" inside a quoted cell).')
    if "expected after" in text:
        return FormatError(
            "a quoted cell goes on after its closing quote",
            path=path, line=line,
            hint='Double a quote that is part of the text ("" inside a quoted cell) or quote the whole cell.')
    if "field larger" in text:
        return FormatError(
            f"a cell is longer than {csv.field_size_limit():,} characters",
            path=path, line=line, hint="Check for an unclosed quote, or split the text.")
    return FormatError(f"not a readable CSV: {text}", path=path, line=line,
                       hint="Check quotes and delimiters.")


def xlsx_rows(path: str | PathLike) -> Iterator[tuple[int, list[str]]]:
    """``(row, cells as text)`` for every non-blank row of the first worksheet of an XLSX file
    (``row``: the spreadsheet's 1-based row number)."""
    import openpyxl

    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            size = sum(info.file_size for info in zf.infolist())
        if size > MAX_XLSX_BYTES:
            raise FormatError(
                f"the workbook unpacks to {size:,} bytes; tables up to {MAX_XLSX_BYTES:,} are read",
                path=path, hint="Save the table as CSV, or split it.")
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FormatError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged file; all mean the same
        raise FormatError(
            f"cannot read the workbook: {type(exc).__name__}: {exc}"[:300],
            path=path, hint="Save it again from Excel as .xlsx, or as CSV.") from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise EmptyFileError("the workbook has no worksheet", path=path, hint="Export the table again.")
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # the stored used range is often wider than the data
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = ["" if v is None else _cell_text(v) for v in values]
            if any(c.strip() for c in cells):
                yield number, cells
    except FormatError:
        raise
    except Exception as exc:
        raise FormatError(
            f"cannot read the workbook: {type(exc).__name__}: {exc}"[:300],
            path=path, hint="Save it again from Excel as .xlsx, or as CSV.") from None
    finally:
        book.close()


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def rows_frame(rows: Iterable[tuple[int, list[str]]], *, path: str | PathLike | None = None,
               unit: str = "line", places: bool = False) -> pd.DataFrame:
    """A frame of strings from ``(place, fields)`` records, the first being the header.

    ``unit``: how places are named in errors (``"line"`` for CSV, ``"row"`` for XLSX);
    ``places``: index the frame by each record's line (or row) instead of 0, 1, 2, …
    """
    it = iter(rows)
    first = next(it, None)
    if first is None:
        raise EmptyFileError("the file is empty", path=path, hint="Export the table again.")
    header = [h.strip() for h in first[1]]
    named = max((i + 1 for i, h in enumerate(header) if h), default=0)
    if named == 0:
        raise FormatError("the header row has no column names", path=path,
                          **{unit: first[0]}, hint="The first row must name the columns.")
    width = len(header)
    body: list[list[str]] = []
    where: list[int] = []
    used = named  # columns up to here hold a name or data
    for place, fields in it:
        n = len(fields)
        if n > width and any(f.strip() for f in fields[width:]):
            raise FormatError(
                f"this row has {n} fields, the header has {width}",
                path=path, **{unit: place},
                hint="A delimiter or line break inside a text that is not quoted? Quote such texts "
                "(\"…\"), or remove the extra fields.")
        if n < named:
            raise FormatError(
                f"this row has {n} fields, the header names {named} columns",
                path=path, **{unit: place},
                hint="A line break inside a text that is not quoted? Quote such texts, or fill the row.")
        row = fields[:width] + [""] * (width - min(n, width))
        for i in range(width - 1, used - 1, -1):
            if row[i].strip():
                used = i + 1
                break
        body.append(row)
        where.append(place)
    if not body:
        raise EmptyFileError("the table has no data rows", path=path, hint="Add rows below the header.")
    columns = _names(header[:used])
    index = pd.Index(where, name=unit) if places else None
    return pd.DataFrame([r[:used] for r in body], columns=columns, index=index, dtype=str)


def _names(header: list[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] | dict = {}
    for i, name in enumerate(header):
        base = name or f"column {i + 1}"
        name, k = base, 0
        while name in seen:
            k += 1
            name = f"{base}.{k}"
        seen[name] = 0
        out.append(name)
    return out
