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

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd

from .. import schema
from ..errors import DuplicateIdError, EmptyFileError, FormatError, SurveyError
from . import _typing
from ._messages import note
from ._survey_files import EXPORT_HINT, Table, read_table
from ._vendors import FORMATS, Column, Layout, detect, layout

__all__ = ["Survey", "parse_survey", "read_survey", "detect_format", "FORMATS"]

_ROLES = ("attribute", "ignore", "id")
_SETTINGS = ("role", "kind", "phase", "metric", "scale")
_METRICS = ("nps", "csat", "ces")


@dataclass
class Survey:
    """A parsed survey export.

    Attributes
    ----------
    source : str
        The export's name as given (used in the frames' ``source`` column).
    format : str
        'qualtrics', 'qualtrics-legacy', 'surveymonkey', 'googleforms', 'limesurvey', 'typeform',
        'msforms', 'spss' or 'plain'.
    file_type : str
        'csv' or 'xlsx'.
    encoding, delimiter : str
        Detected text encoding and field delimiter ('' for XLSX).
    respondents, questions, answers : DataFrame
        ``schema.RESPONDENTS`` (+ attribute columns), ``schema.QUESTIONS``, ``schema.ANSWERS``.
    sheet : str
        XLSX: the sheet that was read.
    attributes : dict
        The researcher's attribute questions (``role = "attribute"``): their column in
        ``respondents`` -> question text. Persona cards profile each persona by them.
    warnings : list of str
        What was read in an unexpected way (the sheet chosen, repaired characters, answers
        off a declared scale), one sentence each.
    """

    source: str
    format: str
    file_type: str
    encoding: str
    delimiter: str
    respondents: pd.DataFrame = field(repr=False)
    questions: pd.DataFrame = field(repr=False)
    answers: pd.DataFrame = field(repr=False)
    sheet: str = ""
    warnings: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list, repr=False)
    attributes: dict[str, str] = field(default_factory=dict)


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
                          hint=EXPORT_HINT)
    return fmt


# --- the pieces of a survey ---------------------------------------------------------------------


def _width(rows: list[list[str]]) -> int:
    w = 0
    for r in rows:
        n = len(r)
        while n and not str(r[n - 1]).strip():
            n -= 1
        w = max(w, n)
    return w


def unknown_setting(key: str, known: list[str], path) -> SurveyError:
    """The error for a question setting that names no column (with the closest column ids)."""
    close = difflib.get_close_matches(str(key), known, n=5, cutoff=0.5)
    listing = ", ".join(close) if close else ", ".join(known[:20]) + (" …" if len(known) > 20 else "")
    return SurveyError(f"survey.questions names '{key}', which is not a column of this export", path=path,
                       key=f"survey.questions.{key}", hint=f"{'Did you mean' if close else 'Columns are'}: {listing}.")


def _settings(questions: Mapping[str, Mapping[str, str]] | None, columns: list[Column], path: Path, strict: bool):
    known = [c.id for c in columns] + sorted({c.family for c in columns if c.family})
    out: dict[str, dict[str, str]] = {}
    for key, conf in (questions or {}).items():
        if key not in known and not strict:
            continue
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=5, cutoff=0.5)
            listing = ", ".join(close) if close else ", ".join(known[:20]) + (" …" if len(known) > 20 else "")
            raise SurveyError(f"survey.questions names '{key}', which is not a column of this export", path=path,
                              key=f"survey.questions.{key}",
                              hint=f"{'Did you mean' if close else 'Columns are'}: {listing}.")
        conf = dict(conf)
        for name, value in conf.items():
            if name == "scale":
                if not (isinstance(value, (list, tuple)) and len(value) >= 2 and all(isinstance(v, str) for v in value)):
                    raise SurveyError(f"scale for question {key} must list at least two answer labels, lowest first",
                                      path=path, key=f"survey.questions.{key}.scale",
                                      hint='Write scale = ["Nooit", "Soms", "Vaak", "Altijd"].')
                continue
            allowed = {"role": _ROLES, "kind": schema.ANSWER_KINDS, "metric": _METRICS}.get(name)
            if name not in _SETTINGS or (allowed and value not in allowed):
                what = f"{name} = {value!r}" if name in _SETTINGS else f"setting '{name}'"
                choices = allowed if name in _SETTINGS else _SETTINGS
                raise SurveyError(f"unknown {what} for question {key}", path=path,
                                  key=f"survey.questions.{key}.{name}", hint=f"Use one of: {', '.join(choices)}.")
        out[key] = conf
    return out


def _respondent_ids(cols, id_col: Column | None, table: Table, start: int, path: Path) -> np.ndarray:
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
    questions: Mapping[str, Mapping[str, object]] | None = None,
    source: str | None = None,
    sheet: str | None = None,
    strict_questions: bool = True,
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
        ``kind`` (one of ``schema.ANSWER_KINDS``, overrides detection), ``scale`` (the answer
        labels of a Likert question, lowest first: declares the scale), ``phase`` and ``metric``
        ('nps', 'csat', 'ces'), copied into the questions frame.
    source : str, optional
        Name for the frames' ``source`` column (default: ``path`` as given).
    sheet : str, optional
        XLSX: the sheet to read (default: the one whose shape is a table of responses; the
        choice is named in ``Survey.warnings`` when the workbook has several).
    strict_questions : bool
        Refuse ``questions`` settings for columns this export does not have (default). The study
        loader, reading several exports, checks that each setting fits one of them instead
        (``Survey.columns`` lists every export's column ids).

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
    table = read_table(path, sheet=sheet)
    head = table.rows[:3]
    fmt = format if format != "auto" else detect(head)
    if fmt is None:
        raise FormatError("this does not look like a survey export (fewer than two named columns)", path=path,
                          row=table.rownums[0], hint=EXPORT_HINT)
    lay = layout(fmt, head, _width(head))
    width = _width(table.rows[: lay.header_rows])
    if width != len(lay.columns):
        lay = layout(fmt, head, width)
    data = table.rows[lay.header_rows :]
    if not data:
        raise EmptyFileError("the export has a header but no responses", path=path,
                             row=table.rownums[min(lay.header_rows, len(table.rownums)) - 1], hint=EXPORT_HINT)
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
    survey = _assemble(table, lay, cols, path, source, respondent_id, questions, strict_questions)
    survey.columns = [c.id for c in lay.columns] + sorted({c.family for c in lay.columns if c.family})
    survey.sheet = table.sheet
    survey.warnings = table.warnings + lay.warnings + survey.warnings
    return survey


def _assemble(table: Table, lay: Layout, cols, path: Path, source: str, respondent_id, questions,
              strict: bool = True) -> Survey:
    columns = lay.columns
    settings = _settings(questions, columns, path, strict)

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

    notes: list[str] = []
    for col in columns:
        if col.role == "question" and not conf(col) and _code_column(cols[col.pos]):
            col.role = "meta"  # a token, network id or order number: an identifier, never a question
            n = sum(1 for v in cols[col.pos] if v.strip())
            notes.append(note("code_column", qid=col.text.strip() or col.id, n=n,
                              override=f'"{col.id}"' if not re.fullmatch(r"\w+", col.id) else col.id))
    partial = _partial_rows(columns, cols)
    if partial:
        notes.append(note("partial_responses", n=len(partial), total=cols.shape[1],
                          shown=", ".join(str(rids[i]) for i in partial[:5]) + (" …" if len(partial) > 5 else "")))
    ids = {c.id for c in columns}
    for col in columns:
        if col.role == "question" and not conf(col):
            source_id = _derived_from(col, cols[col.pos], ids)
            if source_id:
                col.role = "meta"  # the vendor's own computation from another question: an attribute
                notes.append(note("derived_column", qid=col.id, source=source_id))
    attrs: dict[str, pd.Series] = {}
    declared: dict[str, str] = {}
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
            if role == "attribute":
                declared[name] = col.text.strip() or col.id
            continue
        if c.get("kind") or c.get("role"):
            col.family = None  # a column with its own settings is typed on its own
        qcols.append(col)

    respondents = schema.conform(
        pd.concat([pd.DataFrame({"respondent_id": rids, "source": source}), pd.DataFrame(attrs)], axis=1),
        schema.RESPONDENTS, extra=True,
    )
    builder = _Builder(lay, cols, table.delimiter == ";", table.rownums)
    i = 0
    while i < len(qcols):
        col = qcols[i]
        j = i + 1
        while col.family and j < len(qcols) and qcols[j].family == col.family:
            j += 1
        builder.add(qcols[i:j], conf(col) if j - i == 1 else dict(settings.get(col.family, {})))
        i = j
    qframe, answers = builder.frames(rids, source)
    return Survey(source, lay.format, table.file_type, table.encoding, table.delimiter, respondents, qframe, answers,
                  warnings=notes + builder.warnings, attributes=declared)


# a column the survey tool computes from another: Qualtrics' "Q7_NPS_GROUP", a "_GROUP", score or
# sentiment column next to its question
_DERIVED_ID = re.compile(r"^(.+?)_(?:NPS_GROUP|GROUP|NPS|SCORE|SENTIMENT(?:_?(?:SCORE|POLARITY))?|TOPICS|"
                         r"PARENT_TOPICS|TOPIC_SENTIMENT_(?:SCORE|LABEL))$", re.I)
_NPS_GROUPS = {"promoter", "passive", "detractor", "promotor", "promotors", "passief", "passieven", "criticaster",
               "criticasters", "detractors", "promoters", "passives", "neutral", "neutraal"}


_FALSE = {"false", "0", "no", "nee", "onwaar", "n"}
_PARTIAL_STATUS = {"partial", "incomplete", "gedeeltelijk", "onvolledig", "partially complete", "unfinished"}


def _partial_rows(columns: list[Column], cols) -> list[int]:
    """Positions of responses the export marks unfinished: Qualtrics ``Finished`` False or ``Progress``
    below 100, a completion status "Partial" / "Incomplete" (SurveyMonkey, LimeSurvey without submitdate)."""
    bad = np.zeros(cols.shape[1], dtype=bool)
    for col in columns:
        if col.role == "question":
            continue
        name = (col.id or col.text).strip().casefold()
        values = pd.Series(cols[col.pos], dtype=object).astype(str).str.strip()
        if name in ("finished", "completed", "complete", "voltooid"):
            bad |= values.str.casefold().isin(_FALSE).to_numpy()
        elif name in ("progress", "voortgang"):
            bad |= (pd.to_numeric(values.str.rstrip("%"), errors="coerce") < 100).to_numpy()
        elif name in ("response status", "completion status", "status van reactie", "voltooiingsstatus"):
            bad |= values.str.casefold().isin(_PARTIAL_STATUS).to_numpy()
    return np.flatnonzero(bad).tolist()


def _derived_from(col: Column, values, ids: set[str]) -> str | None:
    """The id of the question a column is computed from (``Q7_NPS_GROUP`` from ``Q7``), or None."""
    m = _DERIVED_ID.match(col.id)
    if m and m.group(1) in ids:
        return m.group(1)
    filled = {str(v).strip().casefold() for v in values if str(v).strip()}
    if len(filled) >= 2 and filled <= _NPS_GROUPS and filled & {"promoter", "promotor", "promoters", "promotors"}:
        return "NPS"
    return None


_CODE = re.compile(r"^(?=[^\s]*\d)(?=[^\s]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9_\-:.{}]{5,}$")


def _code_column(values: list[str], least: int = 5) -> bool:
    """Whether a column holds identifiers: at least ``least`` answers, all different, each one
    code of letters and digits without spaces (a response token, a network id, an order number)."""
    filled = [v.strip() for v in values if v and v.strip()]
    return len(filled) >= least and len(set(filled)) == len(filled) and all(_CODE.match(v) for v in filled)


def kind_note(qid: str, text: str, kind: str, openness) -> str:
    """The note for a question whose kind (choice or open text) was a close call, with the override
    (a :class:`~._messages.Note`: the study loader says it in the study's language)."""
    shown = text if len(text) <= 60 else text[:57].rstrip() + "…"
    key = qid if re.fullmatch(r"[A-Za-z0-9_-]+", qid) else '"' + qid.replace("\\", "\\\\").replace('"', '\\"') + '"'
    same = qid == text
    return note("kind_close_open" if kind == "open" else "kind_close_choice", override=key,
                about_en=f"question {qid}" if same else f"question {qid} ('{shown}')",
                about_nl=f"vraag {qid}" if same else f"vraag {qid} ('{shown}')",
                evidence_en=openness.because("en"), evidence_nl=openness.because("nl"))


class _Builder:
    """Types question columns and collects their answers (as arrays, joined once at the end)."""

    def __init__(self, lay: Layout, cols, decimal_comma: bool, rownums: list[int] | None = None) -> None:
        self.cols, self.decimal_comma = cols, decimal_comma
        self.rownums = list(rownums or [])[lay.header_rows:]  # the file's row number of each response
        self.empty_values = lay.empty_values
        self.cat = _typing.load_likert()
        self.questions: list[dict] = []
        self.parts: list[tuple[np.ndarray, int, np.ndarray, np.ndarray]] = []
        self.warnings: list[str] = []

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

    def add(self, group: list[Column], conf: dict) -> None:
        forced = conf.get("kind")
        loaded = [self._values(c) for c in group]
        counts = [c for _, _, c in loaded]
        loaded = [(i, v) for i, v, _ in loaded]
        if conf.get("scale"):
            for col, (idx, vals), cnt in zip(group, loaded, counts, strict=True):
                typed, off = _typing.declared_scale(cnt, list(conf["scale"]), self.cat)
                if off:
                    shown = ", ".join(repr(v) for v in off[:5]) + (" …" if len(off) > 5 else "")
                    self.warnings.append(note("off_scale", qid=col.id, n=len(off), shown=shown))
                self._unscored(col, cnt, typed, declared=True)
                self._add_typed(col, idx, vals, cnt, typed, conf)
            return
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
            elif typed.openness is not None and typed.openness.close:
                self.warnings.append(kind_note(col.id, col.text, typed.kind, typed.openness))
            self._scale_notes(col, cnt, typed)
            self._unscored(col, cnt, typed)
            self._add_typed(col, idx, vals, cnt, typed, conf)

    def _scale_notes(self, col: Column, counts: pd.Series, typed) -> None:
        """Say which answers were read as a scale label worded a little differently, and which choice
        question is a known scale but for one answer (with the declaration that makes it a scale)."""
        if typed.non_numbers:
            odd = set(typed.non_numbers)
            s = pd.Series(self.cols[col.pos], dtype=object)
            pos = np.flatnonzero(s.isin(odd).to_numpy())
            rows = [str(self.rownums[p]) if p < len(self.rownums) else str(p + 1) for p in pos]
            shown = ", ".join(repr(v) for v in typed.non_numbers[:5]) + (" …" if len(odd) > 5 else "")
            self.warnings.append(note("non_numbers", qid=col.id, n=len(pos), shown=shown,
                                      rows=", ".join(rows[:12]) + (" …" if len(rows) > 12 else "")))
        if typed.loose:
            pairs = ", ".join(f"{u.strip()!r} = {typed.options[int(typed.num[u]) - 1]!r}" for u in typed.loose[:5])
            self.warnings.append(note("scale_loose", qid=col.id, pairs=pairs))
        if typed.near_scale:
            known = {_typing.norm_label(lab) for lab in typed.near_scale}
            off = [str(u).strip() for u in counts.index if _typing.norm_label(str(u)) not in known]
            labels = ", ".join(f'"{lab}"' for lab in typed.near_scale)
            self.warnings.append(note("scale_near", qid=col.id, off=", ".join(repr(o) for o in off[:3]),
                                      labels=labels))

    def _unscored(self, col: Column, counts: pd.Series, typed, declared: bool = False) -> None:
        """Say which answers of a rating question have no score: an opt-out ("N/A", "I have not made a
        claim") once per answer, as not applicable; answers on no point of the scale in one line."""
        if typed.kind != "likert":
            return
        num = typed.num or {}
        missing = [(u, int(n)) for u, n in counts.items() if u not in num]
        off = []
        for u, n in missing:
            if _typing.opt_out(u, self.cat):
                self.warnings.append(note("not_applicable", qid=col.id, n=n, label=u.strip()))
            else:
                off.append((u, n))
        if off and not declared:  # a declared scale says its own (off_scale)
            shown = ", ".join(repr(u.strip()) for u, _ in off[:5]) + (" …" if len(off) > 5 else "")
            self.warnings.append(note("off_likert", qid=col.id, n=sum(n for _, n in off), shown=shown))

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
