"""Reading a survey export's cells: CSV (any delimiter and encoding) or an Excel workbook.

:func:`read_table` gives the non-empty rows as lists of strings, with the line (CSV) or sheet row
(XLSX) where each starts, and the warnings about what was read in an unexpected way:

* the encoding (see :mod:`.text`: repaired mojibake, control characters, mixed lines);
* a workbook with several sheets: the one that holds the responses is chosen by its shape (a
  header row of named columns over rows of answers, not a sheet of notes), and named in a
  warning; ``sheet=`` chooses it by name;
* trailing delimiters and a sheet's stored used range wider than its data are harmless and
  ignored;
* a quote that is never closed would swallow every later row into one cell: it is refused with
  the row where it opens, and so is a quoted cell that holds what look like whole rows.
"""

from __future__ import annotations

import csv
import io
import re
import warnings as _warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from ..errors import EmptyFileError, FormatError, SurveyError
from ._messages import note
from ._vendors import SPSS_KINDS
from .text import decode

__all__ = ["Table", "read_table", "EXPORT_HINT"]

EXPORT_HINT = "Export the survey results as CSV, Excel (.xlsx) or SPSS (.sav) from the survey tool."
_TRANSCRIPT = re.compile(r"^\s*(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s*)?(?:\*\*)?[A-Z][\w .'-]{0,30}:(?:\*\*)?\s+\S")
_QUOTE_HINT = ("A quote (\") opens a value on this row and is never closed, so the rows after it would be read "
               "as one answer. Close the quote, or re-export the file from the survey tool.")


@dataclass
class Table:
    rows: list[list[str]]
    rownums: list[int]  # 1-based line (CSV) or sheet row (XLSX) where each record starts
    file_type: str
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    warnings: list[str] = field(default_factory=list)


def read_table(path: Path, *, sheet: str | None = None) -> Table:
    """The cells of a CSV or XLSX export (see the module docstring)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SurveyError(f"cannot read the file: {exc.strerror or exc}", path=path,
                          hint="Check the path in study.toml (globs are relative to the study folder).") from None
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise EmptyFileError("the file is empty", path=path, hint=EXPORT_HINT)
    if data.startswith(b"%PDF"):
        raise FormatError("this is a PDF document, not a survey export", path=path, hint=EXPORT_HINT)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FormatError("this is an old Excel 97-2003 (.xls) workbook", path=path,
                          hint="Open it in Excel and save it as .xlsx or as CSV UTF-8.")
    if data.startswith(b"PK\x03\x04") or path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(data, path, sheet)
    if data[:4] in (b"$FL2", b"$FL3") or path.suffix.lower() in (".sav", ".zsav"):
        return _read_sav(path)
    if sheet:
        raise SurveyError(f"survey.sheet = '{sheet}' is set, but this is a CSV file (it has no sheets)",
                          path=path, key="survey.sheet", hint="Remove survey.sheet, or export the survey as .xlsx.")
    decoded = decode(data, path=path)
    table = _read_csv(decoded.text, decoded.encoding, path)
    table.warnings = decoded.warnings + table.warnings
    return table


def _xlsx_cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, datetime):
        return v.date().isoformat() if v.time() == time(0) else v.isoformat(sep=" ")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    return str(v)


def _sheet_rows(ws) -> tuple[list[list[str]], list[int]]:
    rows, rownums = [], []
    for i, row in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
        cells = [_xlsx_cell(v) for v in row]
        if any(c.strip() for c in cells):
            n = len(cells)
            while n and not cells[n - 1].strip():  # a stored used range wider than the data
                n -= 1
            rows.append(cells[:n])
            rownums.append(i)
    return rows, rownums


def _shape(rows: list[list[str]]) -> tuple:
    """How much a sheet looks like a table of responses (compared as a tuple, larger is better):
    a first row of named columns, rows of about that width under it, then its size."""
    if not rows:
        return (0, 0, 0, 0)
    from ._vendors import detect

    head = [c for c in rows[0] if c.strip()]
    width = len(rows[0])
    named = len(head) >= 2 and len(head) >= 0.8 * width and len({c.strip() for c in head}) == len(head)
    body = rows[1:]
    fitting = sum(1 for r in body if sum(1 for c in r if c.strip()) >= max(2, 0.5 * len(head)))
    vendor = detect(rows[:3]) not in (None, "plain")
    return (int(vendor), int(named and fitting >= 0.5 * max(1, len(body))), min(width, 1000), len(body))


def _read_xlsx(data: bytes, path: Path, sheet: str | None) -> Table:
    import openpyxl

    hint = "Open the file in Excel and save it again as .xlsx, or export the survey as CSV."
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FormatError("the Excel file is corrupt (not a valid .xlsx archive)", path=path, hint=hint) from None
    if "word/document.xml" in names:
        raise FormatError("this is a Word document, not a survey export (a transcript?)", path=path,
                          hint="List .docx interviews under [transcripts] in study.toml.")
    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheets = {ws.title: _sheet_rows(ws) for ws in wb.worksheets}
            wb.close()
    except Exception as exc:  # openpyxl raises many kinds (KeyError, InvalidFileException, XML errors)
        raise FormatError(f"the Excel file is corrupt or unsupported ({type(exc).__name__})", path=path,
                          hint=hint) from None
    filled = [name for name, (rows, _) in sheets.items() if rows]
    notes: list[str] = []
    if sheet is not None:
        if sheet not in sheets:
            raise SurveyError(f"the workbook has no sheet '{sheet}'", path=path, key="survey.sheet",
                              hint=f"Its sheets are: {', '.join(repr(s) for s in sheets)}.")
        chosen = sheet
    elif not filled:
        raise EmptyFileError("the Excel sheet is empty", path=path, hint=EXPORT_HINT)
    else:
        chosen = max(filled, key=lambda name: _shape(sheets[name][0]))  # max keeps the first of equals
        if len(filled) > 1:
            others = ", ".join(repr(s) for s in filled if s != chosen)
            notes.append(note("sheet_chosen", n=len(filled), chosen=chosen, others=others))
    rows, rownums = sheets[chosen]
    if not rows:
        raise EmptyFileError(f"the Excel sheet '{chosen}' is empty", path=path, hint=EXPORT_HINT)
    return Table(rows, rownums, "xlsx", sheet=chosen, warnings=notes)


def _looks_like_transcript(text: str) -> bool:
    lines = [ln for ln in text[:20000].splitlines() if ln.strip()][:12]
    if not lines:
        return False
    if lines[0].strip().upper().startswith("WEBVTT") or any("-->" in ln for ln in lines[:6]):
        return True
    return sum(bool(_TRANSCRIPT.match(ln)) for ln in lines) >= max(3, len(lines) // 2)


def _sniff(text: str) -> tuple[str, float, int]:
    """(delimiter, share of records with the usual field count, that field count).

    Trailing empty fields (``a,b,c,``) are not counted: Excel writes them after a wider range."""
    sample = text[:100_000]
    best = (",", 0.0, 1)
    for delim in (",", ";", "\t"):
        counts = []
        try:
            for rec in csv.reader(io.StringIO(sample, newline=""), delimiter=delim):
                n = len(rec)
                while n > 1 and not rec[n - 1].strip():
                    n -= 1
                if any(c.strip() for c in rec):
                    counts.append(n)
                if len(counts) > 40:
                    break
        except csv.Error:
            continue
        if len(sample) < len(text) and len(counts) > 1:
            counts.pop()  # the last record may be cut off
        if not counts:
            continue
        usual = max(set(counts), key=counts.count)
        share = sum(1 for c in counts if c == usual or (c < usual and c >= 2)) / len(counts)
        if (usual >= 2, share >= 0.8, usual, share) > (best[2] >= 2, best[1] >= 0.8, best[2], best[1]):
            best = (delim, share, usual)
    return best


def _swallowed(rec: list[str], delim: str, width: int) -> int | None:
    """Index of a field that holds what look like two or more whole rows (an unclosed quote)."""
    if width < 3:
        return None
    for k, cell in enumerate(rec):
        if cell.count("\n") < 2:
            continue
        rows = [ln for ln in cell.split("\n") if ln.count(delim) >= width - 1]
        if len(rows) >= 2:
            return k
    return None


def _read_csv(text: str, encoding: str, path: Path) -> Table:
    if _looks_like_transcript(text):
        raise FormatError("this looks like an interview transcript, not a survey export", path=path,
                          hint="List transcripts under [transcripts] in study.toml, surveys under [survey].")
    delim, share, fields = _sniff(text)
    if fields < 2 or share < 0.5:
        raise FormatError("this does not look like a survey table (no consistent ',', ';' or tab columns)",
                          path=path, hint=EXPORT_HINT)
    rows, rownums = [], []
    multiline = []  # records that run over several lines (a quoted value with newlines)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True)
    line = 0
    try:
        for rec in reader:
            start, line = line + 1, reader.line_num
            if any(rec) and (len(rec) > 1 or rec[0].strip()):
                if line > start:
                    multiline.append(len(rows))
                rows.append(rec)
                rownums.append(start)
    except csv.Error as exc:
        start = line + 1
        if "unexpected end of data" in str(exc) or "EOF" in str(exc):
            raise SurveyError("a quoted value is never closed: every line after it would be one answer",
                              path=path, row=start, hint=_QUOTE_HINT) from None
        raise SurveyError(f"malformed CSV: {exc}", path=path, row=start,
                          hint="Check the quotes on this line; re-export the file if it was edited by hand.") from None
    for i in multiline:
        rec, start = rows[i], rownums[i]
        k = _swallowed(rec, delim, fields)
        if k is not None:
            raise SurveyError(f"a quoted value in column {k + 1} runs over {rec[k].count(chr(10)) + 1} lines that look "
                              "like rows of their own", path=path, row=start, hint=_QUOTE_HINT)
    return Table(rows, rownums, "csv", encoding, delim)


def _sav_cell(v: object, labels: dict | None) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if labels and v in labels:
        return str(labels[v])
    if isinstance(v, datetime | date):
        return _xlsx_cell(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    return str(v)


def _read_sav(path: Path) -> Table:
    """An SPSS data file (.sav/.zsav, as Qualtrics, SurveyMonkey, LimeSurvey and SPSS write it), read
    with ``pyreadstat`` (the ReadStat library: maintained, no SPSS needed). Three header rows: the
    variable names, their labels (the question texts) and their storage (:data:`SPSS_KINDS`).
    A variable's value labels replace its codes when every code it holds has one ("4" becomes
    "Tevreden"); a variable labelled only in part (0 = "Zeer onwaarschijnlijk" … 10) keeps its
    numbers. User-defined missing values are empty."""
    import pyreadstat

    try:  # read_sav reads the compressed .zsav too
        frame, meta = pyreadstat.read_sav(str(path), apply_value_formats=False, user_missing=False)
    except Exception as exc:  # ReadStat raises its own error kinds for every kind of damage
        raise FormatError(f"the SPSS file cannot be read ({type(exc).__name__}: {str(exc)[:120]})", path=path,
                          hint="Export it again from the survey tool or SPSS (File > Save As > .sav), "
                               "or export the survey as CSV.") from None
    names = [str(c) for c in frame.columns]
    texts = [str((meta.column_names_to_labels or {}).get(c) or c) for c in names]
    kinds = [SPSS_KINDS[0] if meta.readstat_variable_types.get(c) == "string" else SPSS_KINDS[1] for c in names]
    value_labels = {}
    for c in names:
        labels = meta.variable_value_labels.get(c)
        if labels:
            held = set(frame[c].dropna().unique().tolist())
            if held and held <= set(labels):
                value_labels[c] = labels
    rows = [names, texts, kinds]
    for rec in frame.itertuples(index=False, name=None):
        rows.append([_sav_cell(v, value_labels.get(c)) for c, v in zip(names, rec, strict=True)])
    return Table(rows, list(range(1, len(rows) + 1)), "sav", meta.file_encoding or "")
