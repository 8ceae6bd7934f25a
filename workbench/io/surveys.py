"""Survey exports: Qualtrics, SurveyMonkey, Google Forms, LimeSurvey and plain tables.

:func:`parse_survey` reads a CSV (any of ``,`` ``;`` tab; UTF-8, UTF-8 with BOM or Windows-1252)
or XLSX export, recognises the tool that wrote it, and returns tidy frames: one row per
respondent (``schema.RESPONDENTS`` plus the metadata and attribute columns), one per question
(``schema.QUESTIONS``) and one per answer given (``schema.ANSWERS``). Answers are typed per
question over all rows: Likert (Dutch and English labels, see ``data/likert.toml``), NPS,
numbers, dates, single and multiple choice, open text.

>>> from pathlib import Path
>>> survey = parse_survey(Path(__file__).parents[2] / "tests/fixtures/surveys/plain_en.csv")
>>> survey.format, len(survey.respondents)
('plain', 4)
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import warnings
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd

from .. import schema
from ..errors import DuplicateIdError, EmptyFileError, FormatError, SurveyError
from . import _typing
from ._vendors import FORMATS, Column, Layout, detect, layout
from .text import decode_text

__all__ = ["Survey", "parse_survey", "read_survey", "detect_format", "FORMATS"]

_ROLES = ("attribute", "ignore", "id")
_SETTINGS = ("role", "kind", "phase", "metric")
_METRICS = ("nps", "csat", "ces")
_EXPORT_HINT = "Export the survey results as CSV or Excel (.xlsx) from the survey tool."
_TRANSCRIPT = re.compile(r"^\s*(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s*)?(?:\*\*)?[A-Z][\w .'-]{0,30}:(?:\*\*)?\s+\S")


@dataclass
class Survey:
    """A parsed survey export.

    Attributes
    ----------
    source : str
        The export's name as given (used in the frames' ``source`` column).
    format : str
        'qualtrics', 'qualtrics-legacy', 'surveymonkey', 'googleforms', 'limesurvey' or 'plain'.
    file_type : str
        'csv' or 'xlsx'.
    encoding, delimiter : str
        Detected text encoding and field delimiter ('' for XLSX).
    respondents, questions, answers : DataFrame
        ``schema.RESPONDENTS`` (+ attribute columns), ``schema.QUESTIONS``, ``schema.ANSWERS``.
    """

    source: str
    format: str
    file_type: str
    encoding: str
    delimiter: str
    respondents: pd.DataFrame = field(repr=False)
    questions: pd.DataFrame = field(repr=False)
    answers: pd.DataFrame = field(repr=False)


@dataclass
class _Table:
    rows: list[list[str]]
    rownums: list[int]  # 1-based line (CSV) or sheet row (XLSX) where each record starts
    file_type: str
    encoding: str = ""
    delimiter: str = ""


def detect_format(header_rows: list[list[str]]) -> str:
    """Name the tool that wrote a survey export, from its first rows.

    Parameters
    ----------
    header_rows : list of list of str
        The export's first rows (three are enough).

    Returns
    -------
    str
        One of :data:`FORMATS`.

    Raises
    ------
    FormatError
        When the rows do not look like a survey export (fewer than two named columns).

    Examples
    --------
    >>> detect_format([["Timestamp", "Hoe heeft u ons gevonden?"]])
    'googleforms'
    >>> detect_format([["id", "submitdate", "lastpage", "startlanguage", "Q1"]])
    'limesurvey'
    """
    fmt = detect([[str(c) for c in r] for r in header_rows])
    if fmt is None:
        raise FormatError("this does not look like a survey export (fewer than two named columns)",
                          hint=_EXPORT_HINT)
    return fmt


# --- reading the file ---------------------------------------------------------------------------


def _read_table(path: Path) -> _Table:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SurveyError(f"cannot read the file: {exc.strerror or exc}", path=path,
                          hint="Check the path in study.toml (globs are relative to the study folder).") from None
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise EmptyFileError("the file is empty", path=path, hint=_EXPORT_HINT)
    if data.startswith(b"%PDF"):
        raise FormatError("this is a PDF document, not a survey export", path=path, hint=_EXPORT_HINT)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FormatError("this is an old Excel 97-2003 (.xls) workbook", path=path,
                          hint="Open it in Excel and save it as .xlsx or as CSV UTF-8.")
    if data.startswith(b"PK\x03\x04") or path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(data, path)
    text, encoding = decode_text(data, path=path)
    return _read_csv(text, encoding, path)


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


def _read_xlsx(data: bytes, path: Path) -> _Table:
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
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheets = wb.worksheets
            sizes = [ws.max_row or 0 for ws in sheets]
            ws = sheets[int(np.argmax(sizes))] if sheets and max(sizes) > (sheets[0].max_row or 0) else sheets[0]
            rows, rownums = [], []
            for i, row in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
                cells = [_xlsx_cell(v) for v in row]
                if any(c.strip() for c in cells):
                    rows.append(cells)
                    rownums.append(i)
            wb.close()
    except Exception as exc:  # openpyxl raises many kinds (KeyError, InvalidFileException, XML errors)
        raise FormatError(f"the Excel file is corrupt or unsupported ({type(exc).__name__})", path=path,
                          hint=hint) from None
    if not rows:
        raise EmptyFileError("the Excel sheet is empty", path=path, hint=_EXPORT_HINT)
    return _Table(rows, rownums, "xlsx")


def _looks_like_transcript(text: str) -> bool:
    lines = [ln for ln in text[:20000].splitlines() if ln.strip()][:12]
    if not lines:
        return False
    if lines[0].strip().upper().startswith("WEBVTT") or any("-->" in ln for ln in lines[:6]):
        return True
    return sum(bool(_TRANSCRIPT.match(ln)) for ln in lines) >= max(3, len(lines) // 2)


def _sniff(text: str) -> tuple[str, float, int]:
    """(delimiter, share of records with the usual field count, that field count)."""
    sample = text[:100_000]
    best = (",", 0.0, 1)
    for delim in (",", ";", "\t"):
        counts = []
        try:
            for rec in csv.reader(io.StringIO(sample, newline=""), delimiter=delim):
                if any(c.strip() for c in rec):
                    counts.append(len(rec))
                if len(counts) > 40:
                    break
        except csv.Error:
            continue
        if len(sample) < len(text) and len(counts) > 1:
            counts.pop()  # the last record may be cut off
        if not counts:
            continue
        usual = max(set(counts), key=counts.count)
        share = counts.count(usual) / len(counts)
        if (usual >= 2, share >= 0.8, usual, share) > (best[2] >= 2, best[1] >= 0.8, best[2], best[1]):
            best = (delim, share, usual)
    return best


def _read_csv(text: str, encoding: str, path: Path) -> _Table:
    if _looks_like_transcript(text):
        raise FormatError("this looks like an interview transcript, not a survey export", path=path,
                          hint="List transcripts under [transcripts] in study.toml, surveys under [survey].")
    delim, share, fields = _sniff(text)
    if fields < 2 or share < 0.5:
        raise FormatError("this does not look like a survey table (no consistent ',', ';' or tab columns)",
                          path=path, hint=_EXPORT_HINT)
    rows, rownums = [], []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    line = 0
    try:
        for rec in reader:
            start, line = line + 1, reader.line_num
            if any(rec) and (len(rec) > 1 or rec[0].strip()):
                rows.append(rec)
                rownums.append(start)
    except csv.Error as exc:
        raise SurveyError(f"malformed CSV: {exc}", path=path, row=line + 1,
                          hint="Check the quotes on this line; re-export the file if it was edited by hand.") from None
    return _Table(rows, rownums, "csv", encoding, delim)


# --- the pieces of a survey ---------------------------------------------------------------------


def _width(rows: list[list[str]]) -> int:
    w = 0
    for r in rows:
        n = len(r)
        while n and not str(r[n - 1]).strip():
            n -= 1
        w = max(w, n)
    return w


def _settings(questions: Mapping[str, Mapping[str, str]] | None, columns: list[Column], path: Path):
    known = [c.id for c in columns] + sorted({c.family for c in columns if c.family})
    out: dict[str, dict[str, str]] = {}
    for key, conf in (questions or {}).items():
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=5, cutoff=0.5)
            listing = ", ".join(close) if close else ", ".join(known[:20]) + (" …" if len(known) > 20 else "")
            raise SurveyError(f"survey.questions names '{key}', which is not a column of this export", path=path,
                              key=f"survey.questions.{key}",
                              hint=f"{'Did you mean' if close else 'Columns are'}: {listing}.")
        conf = dict(conf)
        for name, value in conf.items():
            allowed = {"role": _ROLES, "kind": schema.ANSWER_KINDS, "metric": _METRICS}.get(name)
            if name not in _SETTINGS or (allowed and value not in allowed):
                what = f"{name} = {value!r}" if name in _SETTINGS else f"setting '{name}'"
                choices = allowed if name in _SETTINGS else _SETTINGS
                raise SurveyError(f"unknown {what} for question {key}", path=path,
                                  key=f"survey.questions.{key}.{name}", hint=f"Use one of: {', '.join(choices)}.")
        out[key] = conf
    return out


def _respondent_ids(cols, id_col: Column | None, table: _Table, start: int, path: Path) -> np.ndarray:
    n = cols.shape[1]
    if id_col is None:
        width = max(4, len(str(n)))
        return np.array([f"R{i:0{width}d}" for i in range(1, n + 1)], dtype=object)
    ids = pd.Series(cols[id_col.pos], dtype=object).str.strip()
    blank = np.flatnonzero(ids.eq("").to_numpy())
    if len(blank):
        raise SurveyError(f"the respondent id ({id_col.id}) is empty", path=path, row=table.rownums[start + blank[0]],
                          hint="Every response needs an id; remove the row or set survey.respondent_id.")
    dup = ids.duplicated(keep=False).to_numpy()
    if dup.any():
        first = int(np.flatnonzero(dup)[0])
        second = int(np.flatnonzero(dup & (ids == ids.iloc[first]).to_numpy())[1])
        a, b = table.rownums[start + first], table.rownums[start + second]
        raise DuplicateIdError(f"respondent id '{ids.iloc[first]}' occurs twice: rows {a} and {b}", path=path,
                               row=b, key=id_col.id, hint="Remove the duplicate response or choose another id column "
                               "with survey.respondent_id.")
    return ids.to_numpy(dtype=object)


def _find_column(name: str, columns: list[Column], path: Path) -> Column:
    for col in columns:
        if col.id == name:
            return col
    for col in columns:
        if name in col.names or col.text.strip() == name:
            return col
    listing = ", ".join(c.id for c in columns)
    raise SurveyError(f"the respondent id column '{name}' is not in this export", path=path,
                      key="survey.respondent_id", hint=f"Columns are: {listing}.")


def _family_text(col: Column) -> str:
    if col.option and col.text.endswith(f"[{col.option}]"):
        return col.text[: -len(col.option) - 2].rstrip()
    if " - " in col.text:
        return col.text.rsplit(" - ", 1)[0].rstrip()
    return col.text


def parse_survey(
    path: str | PathLike,
    *,
    format: str = "auto",
    respondent_id: str | None = None,
    questions: Mapping[str, Mapping[str, str]] | None = None,
    source: str | None = None,
) -> Survey:
    """Read a survey export into respondents, questions and answers.

    Parameters
    ----------
    path : str or PathLike
        A CSV or XLSX export.
    format : str
        'auto' (detect) or one of :data:`FORMATS` to force a layout.
    respondent_id : str, optional
        The column holding the respondent id (question id or header text); default: the
        vendor's id column, or ids 'R0001', … generated from the row order.
    questions : mapping, optional
        Per question id (or matrix / multi-select parent id): ``role`` ('attribute' moves the
        column to the respondents frame, 'ignore' drops it, 'id' makes it the respondent id),
        ``kind`` (one of ``schema.ANSWER_KINDS``, overrides detection), ``phase`` and ``metric``
        ('nps', 'csat', 'ces'), copied into the questions frame.
    source : str, optional
        Name for the frames' ``source`` column (default: ``path`` as given).

    Returns
    -------
    Survey

    Raises
    ------
    FormatError
        Unknown format, not a survey (a PDF, a transcript), corrupt XLSX; ``EmptyFileError``
        and ``DecodeError`` are kinds of ``FormatError``.
    SurveyError
        Ragged rows, unknown columns in ``questions`` or ``respondent_id``.
    DuplicateIdError
        Two responses with the same respondent id.
    """
    path = Path(path)
    source = source if source is not None else str(path)
    if format != "auto" and format not in FORMATS:
        raise FormatError(f"unknown survey format '{format}'", path=path, key="survey.format",
                          hint=f"Use 'auto' or one of: {', '.join(FORMATS)}.")
    table = _read_table(path)
    head = table.rows[:3]
    fmt = format if format != "auto" else detect(head)
    if fmt is None:
        raise FormatError("this does not look like a survey export (fewer than two named columns)", path=path,
                          row=table.rownums[0], hint=_EXPORT_HINT)
    lay = layout(fmt, head, _width(head))
    width = _width(table.rows[: lay.header_rows])
    if width != len(lay.columns):
        lay = layout(fmt, head, width)
    data = table.rows[lay.header_rows :]
    if not data:
        raise EmptyFileError("the export has a header but no responses", path=path,
                             row=table.rownums[min(lay.header_rows, len(table.rownums)) - 1], hint=_EXPORT_HINT)
    for i, rec in enumerate(data):
        if len(rec) > width:
            if any(str(c).strip() for c in rec[width:]):
                raise SurveyError(f"row has {len(rec)} fields but the header has {width}", path=path,
                                  row=table.rownums[lay.header_rows + i],
                                  hint="A value probably contains an unquoted delimiter; quote it or re-export.")
            data[i] = rec[:width]
        elif len(rec) < width:
            data[i] = rec + [""] * (width - len(rec))
    cols = np.array(data, dtype=object).T  # one object array per column
    return _assemble(table, lay, cols, path, source, respondent_id, questions)


def _assemble(table: _Table, lay: Layout, cols, path: Path, source: str, respondent_id, questions) -> Survey:
    columns = lay.columns
    settings = _settings(questions, columns, path)

    def conf(col: Column) -> dict[str, str]:
        merged = dict(settings.get(col.family, {})) if col.family else {}
        merged.update(settings.get(col.id, {}))
        return merged

    id_col = next((c for c in columns if c.role == "id"), None)
    chosen = [c for c in columns if conf(c).get("role") == "id"]
    if respondent_id is not None:
        chosen = [_find_column(respondent_id, columns, path)] + chosen
    if len({c.id for c in chosen}) > 1:
        raise SurveyError(f"two respondent id columns chosen: {', '.join(sorted({c.id for c in chosen}))}", path=path,
                          key="survey.respondent_id", hint="Keep one: survey.respondent_id or one role = 'id'.")
    if chosen:
        if id_col is not None and id_col is not chosen[0]:
            id_col.role = "meta"
        id_col = chosen[0]
        id_col.role = "id"
    start = lay.header_rows
    rids = _respondent_ids(cols, id_col, table, start, path)

    attrs: dict[str, pd.Series] = {}
    qcols: list[Column] = []
    for col in columns:
        c = conf(col)
        role = c.get("role")
        if col.role == "id" or role == "ignore":
            continue
        if role == "attribute" or (col.role == "meta" and not ({"kind", "phase", "metric"} & set(c))):
            values = pd.Series(cols[col.pos], dtype=object)
            name = col.id if col.id not in schema.RESPONDENTS else f"survey_{col.id}"
            attrs[name] = values.where(values.str.strip().ne(""), None).astype("string")
            continue
        if c.get("kind") or c.get("role"):
            col.family = None  # a column with its own settings is typed on its own
        qcols.append(col)

    respondents = schema.conform(
        pd.concat([pd.DataFrame({"respondent_id": rids, "source": source}), pd.DataFrame(attrs)], axis=1),
        schema.RESPONDENTS, extra=True,
    )
    builder = _Builder(lay, cols, table.delimiter == ";")
    i = 0
    while i < len(qcols):
        col = qcols[i]
        j = i + 1
        while col.family and j < len(qcols) and qcols[j].family == col.family:
            j += 1
        builder.add(qcols[i:j], conf(col) if j - i == 1 else dict(settings.get(col.family, {})))
        i = j
    qframe, answers = builder.frames(rids, source)
    return Survey(source, lay.format, table.file_type, table.encoding, table.delimiter, respondents, qframe, answers)


class _Builder:
    """Types question columns and collects their answers (as arrays, joined once at the end)."""

    def __init__(self, lay: Layout, cols, decimal_comma: bool) -> None:
        self.cols, self.decimal_comma = cols, decimal_comma
        self.empty_values = lay.empty_values
        self.cat = _typing.load_likert()
        self.questions: list[dict] = []
        self.parts: list[tuple[np.ndarray, int, np.ndarray, np.ndarray]] = []

    def _values(self, col: Column) -> tuple[np.ndarray, pd.Series, pd.Series]:
        """(row positions, values, value counts) of a column's non-empty answers."""
        s = pd.Series(self.cols[col.pos], dtype=object)
        counts = s.value_counts(sort=False)
        empties = [u for u in counts.index if not u or u[0].isspace() or u[-1].isspace() or u in self.empty_values]
        empties = [u for u in empties if not u.strip() or u.strip() in self.empty_values]
        if not empties:
            return np.arange(len(s)), s, counts
        idx = np.flatnonzero(~s.isin(empties).to_numpy())
        return idx, s.iloc[idx].reset_index(drop=True), counts[~counts.index.isin(empties)]

    def add(self, group: list[Column], conf: dict[str, str]) -> None:
        forced = conf.get("kind")
        loaded = [self._values(c) for c in group]
        counts = [c for _, _, c in loaded]
        loaded = [(i, v) for i, v, _ in loaded]
        if len(group) > 1 and forced in (None, "multi_choice"):
            labels = _typing.multi_family(counts, [c.option for c in group], self.cat)
            if labels is not None:
                self._multi_family(group, loaded, labels, conf)
                return
        fit = _typing.family_fit(counts, self.cat) if len(group) > 1 and forced in (None, "likert") else None
        for col, (idx, vals), cnt in zip(group, loaded, counts, strict=True):
            one = _typing.refit(fit, cnt, self.cat) if fit is not None else None
            typed = _typing.type_column(cnt, col.text, cat=self.cat, decimal_comma=self.decimal_comma,
                                        forced=forced, fit=one)
            if col.open_text and forced is None and typed.kind in ("choice", "multi_choice"):
                typed = _typing.ColumnType("open")
            self._add_typed(col, idx, vals, cnt, typed, conf)

    def _question(self, qid: str, text: str, pos: int, typed: _typing.ColumnType, conf: dict) -> int:
        self.questions.append({
            "question_id": qid, "question_text": text, "kind": typed.kind, "position": pos,
            "scale_min": typed.scale_min, "scale_max": typed.scale_max,
            "options": " | ".join(o for o in typed.options if o) if typed.options else pd.NA,
            "phase": conf.get("phase", pd.NA), "metric": conf.get("metric", typed.metric or pd.NA),
        })  # fmt: skip
        return len(self.questions) - 1

    def _add_typed(self, col: Column, idx: np.ndarray, vals: pd.Series, counts: pd.Series, typed, conf) -> None:
        q = self._question(col.id, col.text, col.pos, typed, conf)
        if typed.kind == "multi_choice":
            exploded = vals.map(typed.split).explode()
            idx = idx[exploded.index.to_numpy()]
            num = np.full(len(exploded), np.nan)
            text = exploded.to_numpy(dtype=object)
        else:
            num = vals.map(typed.num).to_numpy(dtype=float) if typed.num is not None else np.full(len(vals), np.nan)
            text = vals.to_numpy(dtype=object)
            if typed.text is not None:
                text = vals.map(typed.text).fillna(vals).to_numpy(dtype=object)
            elif typed.kind != "open":
                padded = {u: u.strip() for u in counts.index if u != u.strip()}
                if padded:
                    text = vals.map(lambda u: padded.get(u, u)).to_numpy(dtype=object)
        self.parts.append((idx, q, num, text))

    def _multi_family(self, group: list[Column], loaded, labels: list[str], conf: dict) -> None:
        counts = {lab: len(idx) for lab, (idx, _) in zip(labels, loaded, strict=True)}
        options = [lab for lab in labels if lab]
        typed = _typing.ColumnType("multi_choice", options=options)
        head = group[0]
        q = self._question(head.family, _family_text(head), head.pos, typed, conf)
        for label, (idx, _) in zip(labels, loaded, strict=True):
            if len(idx) and counts[label]:
                self.parts.append((idx, q, np.full(len(idx), np.nan), np.full(len(idx), label, dtype=object)))

    def frames(self, rids: np.ndarray, source: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        qframe = pd.DataFrame(self.questions, columns=[c for c in schema.QUESTIONS if c != "source"])
        qframe["source"] = source
        qframe = schema.conform(qframe, schema.QUESTIONS)
        if not self.parts:
            return qframe, schema.empty(schema.ANSWERS)
        ridx = np.concatenate([p[0] for p in self.parts])
        qidx = np.concatenate([np.full(len(p[0]), p[1]) for p in self.parts])
        order = np.lexsort((qidx, ridx))
        ridx, qidx = ridx[order], qidx[order]
        kinds = pd.Categorical(qframe["kind"].to_numpy()[qidx], categories=schema.ANSWER_KINDS)
        answers = pd.DataFrame({
            "respondent_id": rids[ridx],
            "question_id": qframe["question_id"].to_numpy(dtype=object)[qidx],
            "question_text": qframe["question_text"].to_numpy(dtype=object)[qidx],
            "kind": kinds,
            "value_num": np.concatenate([p[2] for p in self.parts])[order],
            "value_text": np.concatenate([p[3] for p in self.parts])[order],
        })  # fmt: skip
        return qframe, schema.conform(answers, schema.ANSWERS)


def read_survey(path: str | PathLike, **kwargs) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Shortcut for :func:`parse_survey`: return ``(respondents, answers)``."""
    survey = parse_survey(path, **kwargs)
    return survey.respondents, survey.answers
