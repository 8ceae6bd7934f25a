"""Survey export layouts: which tool wrote a file, and what each of its columns is.

A vendor's header rows say which columns are metadata (dates, IP address, collector …), which
one holds the respondent id, which are questions, and which columns belong together (the rows of
a matrix, the choices of a multi-select). :func:`layout` turns the header rows into a list of
:class:`Column` descriptions; typing the answers is left to :mod:`._typing`.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["FORMATS", "Column", "Layout", "detect", "layout"]

FORMATS = ("qualtrics", "qualtrics-legacy", "surveymonkey", "googleforms", "limesurvey", "typeform", "msforms",
           "spss", "plain")

#: The third header row :func:`workbench.io._survey_files.read_table` gives an SPSS file: each
#: variable's storage (it also tells :func:`detect` the file is SPSS).
SPSS_KINDS = ("SPSS:string", "SPSS:numeric")

_QUALTRICS_META = {
    "startdate", "enddate", "status", "ipaddress", "progress", "duration (in seconds)", "finished",
    "recordeddate", "responseid", "recipientlastname", "recipientfirstname", "recipientemail",
    "externalreference", "externaldatareference", "locationlatitude", "locationlongitude",
    "locationaccuracy", "distributionchannel", "userlanguage", "responseset", "name", "emailaddress",
}  # fmt: skip
_SM_META = re.compile(
    r"^(respondent[ -]?id|collector[ -]?id|start ?date|end ?date|ip[ -]?ad(dress|res)|e-?mail ?ad(dress|res)|"
    r"first ?name|last ?name|custom ?data ?\d*|begindatum|einddatum|voornaam|achternaam|"
    r"aangepaste gegevens ?\d*)$",
    re.I,
)
_SM_GENERIC = {"response", "open-ended response", "antwoord", "open antwoord", "reactie", "open reactie", ""}
_SM_OTHER = re.compile(r"^(other|anders|andere|autre|otro)\b.*|open-ended response|open antwoord|open reactie|"
                       r"offene antwort|réponse ouverte|respuesta abierta", re.I)
_GF_META = {"timestamp", "tijdstempel", "email address", "e-mailadres", "e-mail address", "score", "punten",
            "totale score", "total score"}  # fmt: skip
_LS_META = {
    "id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr", "refurl",
    "token", "interviewtime", "optout", "emailstatus",
}  # fmt: skip
_LS_TIME = re.compile(r"^(grouptime\d+|.+time)$", re.I)
_LS_CODE = re.compile(r"^([A-Za-z][A-Za-z0-9_]*)((?:\[[^\]]*\])*)$")
_LS_HEADER = re.compile(r"^([A-Za-z][A-Za-z0-9_]*(?:\[[^\]]*\])*)\.\s+(.*)$", re.S)
_LS_OPEN_SUB = re.compile(r"^(other|comment|.*comment)$", re.I)
# Typeform: "#" (or "Token") is the response id; dates, network id, tags and the ending are metadata.
_TF_ID = {"#", "token", "response id", "response_id"}
_TF_META = re.compile(r"^(start|submit|stage|end) date \(utc\)$|^(network id|response type|tags|ending|"
                      r"ending id|score|landed at|submitted at)$", re.I)
# Microsoft Forms (English and Dutch Excel export): id, times, e-mail, name; a quiz adds points and
# feedback per question ("Points - Q1", "Feedback - Q1"; "Punten - …", "Feedback - …").
_MSF_ID = {"id"}
_MSF_META = re.compile(r"^(start time|completion time|last modified time|email|e-mail|name|total points|"
                       r"quiz feedback|begintijd|tijd van voltooien|voltooiingstijd|tijd van laatste wijziging|"
                       r"naam|totaal aantal punten|quizfeedback|grade posted time|"
                       r"(points|punten|feedback) - .*)$", re.I | re.S)
_PLAIN_ID = {"id", "respondent", "respondentid", "responseid", "respondentnr", "respondentnummer",
             "respondentno", "deelnemer", "deelnemerid", "participant", "participantid", "responsid"}  # fmt: skip
_QID = re.compile(r"^(?:\d+_)?QID\d")  # a question's ImportId, also in a Loop & Merge block ("2_QID47_TEXT")
_LS_TIME_TEXT = re.compile(r"^(?:group|question) time\b|^(?:groeps|vraag)tijd\b|^(?:gruppen|fragen)zeit\b", re.I)
_IMPORT_ID = re.compile(r"""^\s*\{\s*['"]ImportId['"]\s*:\s*['"]([^'"]*)['"]""")
_QUALTRICS_SUB = re.compile(r"^(.+)_(\d+)$")
_GF_GRID = re.compile(r"^(.*\S)\s*\[([^\]]+)\]\s*$", re.S)


@dataclass
class Column:
    """One column of a survey export.

    ``role`` is 'id' (the respondent id), 'meta' (metadata: a respondent attribute, never a
    question) or 'question'. Columns with the same ``family`` are the rows of one matrix or the
    choices of one multi-select question; ``option`` is such a column's own label.
    """

    pos: int
    id: str
    text: str
    role: str = "question"
    family: str | None = None
    option: str | None = None
    names: tuple[str, ...] = ()  # other names the user may call the column by (header texts)
    open_text: bool = False  # a text box: answers are open text unless numbers or dates


@dataclass
class Layout:
    """What :func:`layout` found: the vendor, its number of header rows and the columns."""

    format: str
    header_rows: int
    columns: list[Column]
    empty_values: frozenset[str] = field(default_factory=frozenset)
    warnings: list[str] = field(default_factory=list)


def _norm(cell: str) -> str:
    return re.sub(r"\s+", " ", str(cell)).strip().casefold()


@lru_cache(maxsize=1)
def _headers() -> dict[str, dict[str, str]]:
    """``workbench/data/survey_headers.toml`` as {vendor: {normalised text: code}}."""
    text = resources.files("workbench").joinpath("data/survey_headers.toml").read_text(encoding="utf-8")
    out: dict[str, dict[str, str]] = {}
    for vendor, codes in tomllib.loads(text).items():
        out[vendor] = {_norm(t): code for code, texts in codes.items() for t in texts}
    return out


def _ls_meta(cell: str) -> str | None:
    """The LimeSurvey metadata code of a header cell given as code or as text, else None."""
    n = _norm(cell)
    if n in _LS_META:
        return n
    return _headers()["limesurvey"].get(n)


def _sm_second_row(first: list[str], second: list[str]) -> bool:
    """Whether ``second`` is SurveyMonkey's sub-header row ("Response", "Open-Ended Response", options)."""
    words = _headers()["surveymonkey"]
    hits = sum(1 for a, b in zip(first, second, strict=False) if _norm(b) in words and a.strip())
    filled = [b for b in second if b.strip()]
    return hits >= 1 and all(len(b) <= 80 for b in filled)


def _row(rows: list[list[str]], i: int, width: int) -> list[str]:
    r = rows[i][:width] if i < len(rows) else []
    return [str(c) for c in r] + [""] * (width - len(r))


def detect(header_rows: list[list[str]]) -> str | None:
    """The vendor of an export from its first rows, or None when it does not look like a survey."""
    if not header_rows or not header_rows[0]:
        return None
    first = [_norm(c) for c in header_rows[0]]
    second = [_norm(c) for c in header_rows[1]] if len(header_rows) > 1 else []
    third = header_rows[2] if len(header_rows) > 2 else []
    names = set(first)
    if third and all(str(c) in SPSS_KINDS for c in third):
        return "spss"
    if any(_IMPORT_ID.match(str(c)) for c in third) and ({"responseid", "startdate"} & names):
        return "qualtrics"
    if first and first[0] == "v1" and ("responseid" in second or {"v2", "v3"} <= names):
        return "qualtrics-legacy"
    if "responseid" in names and ({"startdate", "enddate", "recordeddate"} & names):
        return "qualtrics"
    respondent = any(re.fullmatch(r"respondent[ -]?id", c) for c in first)
    if respondent and any(re.fullmatch(r"collector[ -]?id", c) for c in first):
        return "surveymonkey"
    if len(header_rows) > 1 and _sm_second_row([str(c) for c in header_rows[0]], [str(c) for c in header_rows[1]]):
        return "surveymonkey"
    if first[0] in ("timestamp", "tijdstempel", "zeitstempel", "horodateur", "marca temporal"):
        return "googleforms"
    if first[0] in _TF_ID and any(_TF_META.match(c) and "(utc)" in c or c == "network id" for c in first):
        return "typeform"
    if first[0] in _MSF_ID and sum(1 for c in first[1:4] if _MSF_META.match(c)) >= 2:
        return "msforms"
    codes = {_ls_meta(_LS_HEADER.sub(r"\1", c)) for c in first}
    if "id" in codes and ({"submitdate", "lastpage", "startlanguage"} & codes):
        return "limesurvey"
    if sum(1 for c in first if c) >= 2:
        return "plain"
    return None


def layout(fmt: str, header_rows: list[list[str]], width: int) -> Layout:
    """Describe every column of an export of vendor ``fmt`` from its header rows."""
    builder = {
        "qualtrics": _qualtrics,
        "qualtrics-legacy": _qualtrics_legacy,
        "surveymonkey": _surveymonkey,
        "googleforms": _googleforms,
        "limesurvey": _limesurvey,
        "typeform": _typeform,
        "msforms": _msforms,
        "spss": _spss,
        "plain": _plain,
    }[fmt]
    out = builder(header_rows, width)
    seen: dict[str, int] = {}
    for col in out.columns:  # ids must be unique: 'Opmerking', 'Opmerking.1', …
        base = col.id
        if base in seen:
            seen[base] += 1
            col.id = f"{base}.{seen[base]}"
        else:
            seen[base] = 0
    return out


def _families(columns: list[Column], parent_of) -> None:
    """Give adjacent question columns with the same parent id a common ``family``."""
    i = 0
    while i < len(columns):
        parent = parent_of(columns[i]) if columns[i].role == "question" else None
        j = i + 1
        while parent and j < len(columns) and columns[j].role == "question" and parent_of(columns[j]) == parent:
            j += 1
        if parent and j - i >= 2:
            for col in columns[i:j]:
                col.family = parent
        i = j


def _qualtrics(rows: list[list[str]], width: int) -> Layout:
    ids, texts = _row(rows, 0, width), _row(rows, 1, width)
    imports = [(_IMPORT_ID.match(c) or None) for c in _row(rows, 2, width)]
    has_import = any(imports)
    columns = []
    for pos in range(width):
        cid, text = ids[pos].strip() or f"column_{pos + 1}", texts[pos]
        if cid.casefold() == "responseid":
            role = "id"
        elif has_import:
            m = imports[pos]
            role = "question" if m and _QID.match(m.group(1)) else "meta"
        else:
            role = "meta" if cid.casefold() in _QUALTRICS_META or text.strip() == cid else "question"
        option = text.rsplit(" - ", 1)[1].strip() if role == "question" and " - " in text else None
        columns.append(Column(pos, cid, text, role, option=option, names=(text,), open_text=cid.endswith("_TEXT")))

    def parent(col: Column) -> str | None:
        m = _QUALTRICS_SUB.match(col.id)
        return m.group(1) if m else None

    _families(columns, parent)
    return Layout("qualtrics", 3 if has_import else 2, columns, frozenset({"-99"}))


def _qualtrics_legacy(rows: list[list[str]], width: int) -> Layout:
    ids, texts = _row(rows, 0, width), _row(rows, 1, width)
    columns = []
    for pos in range(width):
        cid, text = ids[pos].strip(), texts[pos]
        label = text.strip()
        if re.fullmatch(r"V\d+", cid) or cid.casefold() in _QUALTRICS_META or label == cid or not cid:
            name = label or cid or f"column_{pos + 1}"
            role = "id" if name.casefold() == "responseid" else "meta"
            columns.append(Column(pos, name, text, role, names=(cid,)))
        else:
            option = text.rsplit("-", 1)[1].strip() if "-" in text else None
            columns.append(Column(pos, cid, text, "question", option=option, names=(text,),
                                  open_text=cid.endswith("_TEXT")))

    def parent(col: Column) -> str | None:
        m = _QUALTRICS_SUB.match(col.id)
        return m.group(1) if m else None

    _families(columns, parent)
    return Layout("qualtrics-legacy", 2, columns, frozenset({"-99"}))


def _surveymonkey(rows: list[list[str]], width: int) -> Layout:
    first, second = _row(rows, 0, width), _row(rows, 1, width)
    columns: list[Column] = []
    groups: list[list[int]] = []
    for pos in range(width):
        head = first[pos].strip()
        if head and _SM_META.match(head) and not second[pos].strip():
            role = "id" if re.fullmatch(r"respondent[ -]?id", head, re.I) else "meta"
            columns.append(Column(pos, head, head, role))
        elif head or not groups:
            groups.append([pos])
        else:
            groups[-1].append(pos)
    generic = _SM_GENERIC | set(_headers()["surveymonkey"])
    for q, group in enumerate(groups, start=1):
        head = first[group[0]].strip()
        if len(group) == 1 and _norm(second[group[0]]) in generic:
            box = bool(_SM_OTHER.match(second[group[0]].strip()))
            columns.append(Column(group[0], f"Q{q}", head, names=(head,), open_text=box))
            continue
        for k, pos in enumerate(group, start=1):
            sub = second[pos].strip()
            text = f"{head} - {sub}" if sub else head
            other = bool(_SM_OTHER.match(sub)) or _norm(sub) in generic
            columns.append(Column(pos, f"Q{q}_{k}", text, family=None if other else f"Q{q}",
                                  option=None if other else sub, names=(text,), open_text=other))
    columns.sort(key=lambda c: c.pos)
    return Layout("surveymonkey", 2, columns)


def _googleforms(rows: list[list[str]], width: int) -> Layout:
    heads = _row(rows, 0, width)
    columns: list[Column] = []
    q, prev = 0, None
    for pos, head in enumerate(heads):
        if _norm(head) in _GF_META:
            columns.append(Column(pos, head.strip(), head, "meta"))
            prev = None
            continue
        m = _GF_GRID.match(head)
        stem = m.group(1) if m else None
        if stem is None or stem != prev:
            q += 1
            k = 0
        if stem is not None:
            k += 1
            columns.append(Column(pos, f"Q{q}_{k}", head, family=f"Q{q}", option=m.group(2).strip(),
                                  names=(head,)))
        else:
            columns.append(Column(pos, f"Q{q}", head, names=(head,)))
        prev = stem
    fams: dict[str, list[Column]] = {}
    for col in columns:
        if col.family:
            fams.setdefault(col.family, []).append(col)
    for fam in fams.values():  # a lone "[…]" column is an ordinary question
        if len(fam) == 1:
            fam[0].id, fam[0].family, fam[0].option = fam[0].family, None, None
    return Layout("googleforms", 1, columns)


def _ls_texts_in_second_row(first: list[str], second: list[str]) -> bool:
    """Whether an export has a second header row of texts under the codes (resaved by Excel,
    or exported with "question code and text" in two rows)."""
    pos_id = next((p for p, c in enumerate(first) if _ls_meta(c) == "id"), None)
    if pos_id is None or not second:
        return False
    if _ls_meta(second[pos_id]) == "id":
        return True
    meta_texts = sum(1 for a, b in zip(first, second, strict=False) if _ls_meta(a) and _ls_meta(b) == _ls_meta(a))
    return meta_texts >= 2 and not second[pos_id].strip().isdigit()


def _limesurvey(rows: list[list[str]], width: int) -> Layout:
    first, second = _row(rows, 0, width), _row(rows, 1, width)
    two = _ls_texts_in_second_row(first, second)
    columns = []
    q, prev, k = 0, None, 0
    for pos, head in enumerate(first):
        m = _LS_HEADER.match(head.strip())
        code, text = (m.group(1), m.group(2)) if m else (head.strip(), head.strip())
        names = (head, second[pos]) if two else (head,)
        if two and second[pos].strip():
            text = second[pos].strip()
        meta = _ls_meta(code)
        cm = _LS_CODE.match(code)
        if meta == "id":
            columns.append(Column(pos, "id", text, "id", names=names))
        elif meta or (cm and _LS_TIME.match(code)) or _LS_TIME_TEXT.match(code):
            columns.append(Column(pos, meta or code or f"column_{pos + 1}", text, "meta", names=names))
        elif cm:
            subs = re.findall(r"\[([^\]]*)\]", cm.group(2))
            family = option = None
            box = bool(subs) and bool(_LS_OPEN_SUB.match(subs[-1]))
            if subs and not box:
                family = cm.group(1)
                label = _GF_GRID.match(text)
                option = label.group(2).strip() if label else subs[0]
            columns.append(Column(pos, code, text, family=family, option=option, names=names, open_text=box))
        elif code:  # a full-text heading: ids Q1, Q2 …, grids "text [option]" as families
            grid = _GF_GRID.match(code)
            stem = grid.group(1) if grid else None
            if stem is None or stem != prev:
                q, k = q + 1, 0
            if stem is not None:
                k += 1
                columns.append(Column(pos, f"Q{q}_{k}", text, family=f"Q{q}", option=grid.group(2).strip(),
                                      names=names))
            else:
                columns.append(Column(pos, f"Q{q}", text, names=names))
            prev = stem
        else:
            columns.append(Column(pos, f"column_{pos + 1}", text, "meta", names=names))
    for col in columns:  # a family of one is an ordinary question
        if col.family and sum(c.family == col.family for c in columns) == 1:
            col.family = col.option = None
            if re.fullmatch(r"Q\d+_1", col.id):
                col.id = col.id[:-2]
    return Layout("limesurvey", 2 if two else 1, columns)


def _one_header_row(fmt: str, rows: list[list[str]], width: int, ids: set[str], meta: re.Pattern) -> Layout:
    """A vendor with one header row of question texts, an id column and metadata named by ``meta``."""
    columns, q = [], 0
    for pos, head in enumerate(_row(rows, 0, width)):
        name = head.strip() or f"column_{pos + 1}"
        if _norm(name) in ids and not any(c.role == "id" for c in columns):
            columns.append(Column(pos, name, name, "id"))
        elif meta.match(_norm(name)):
            columns.append(Column(pos, name, name, "meta"))
        else:
            q += 1
            columns.append(Column(pos, f"Q{q}", name, names=(name,)))
    return Layout(fmt, 1, columns)


def _typeform(rows: list[list[str]], width: int) -> Layout:
    return _one_header_row("typeform", rows, width, _TF_ID, _TF_META)


def _msforms(rows: list[list[str]], width: int) -> Layout:
    return _one_header_row("msforms", rows, width, _MSF_ID, _MSF_META)


_SPSS_ID = {"responseid", "respondentid", "respondent_id", "respid", "id", "token", "record", "respondent",
            "response_id", "uuid"}  # fmt: skip


def _spss(rows: list[list[str]], width: int) -> Layout:
    """An SPSS file: variable names (ids) and labels (question texts); the third header row (storage)
    is not needed: open text or choice is decided from the answers. Metadata are the variables the survey tools write (Qualtrics, SurveyMonkey,
    LimeSurvey, Typeform, Microsoft Forms names); ``Q5_1``, ``Q5_2`` … are one matrix."""
    names, texts = _row(rows, 0, width), _row(rows, 1, width)
    columns: list[Column] = []
    for pos in range(width):
        name, text = names[pos].strip() or f"column_{pos + 1}", texts[pos].strip() or names[pos].strip()
        n = _norm(name)
        if n in _SPSS_ID and not any(c.role == "id" for c in columns):
            role = "id"
        elif (n in _QUALTRICS_META or _ls_meta(n) or _SM_META.match(name) or _TF_META.match(n) or _MSF_META.match(n)
              or _LS_TIME.match(name)):
            role = "meta"
        else:
            role = "question"
        option = text.rsplit(" - ", 1)[1].strip() if role == "question" and " - " in text else None
        columns.append(Column(pos, name, text, role, option=option, names=(text,),
                              open_text=role == "question" and name.endswith("_TEXT")))

    def parent(col: Column) -> str | None:
        m = _QUALTRICS_SUB.match(col.id)
        return m.group(1) if m and not col.open_text else None

    _families(columns, parent)
    return Layout("spss", 3, columns, frozenset({"-99"}))


def _plain(rows: list[list[str]], width: int) -> Layout:
    heads = _row(rows, 0, width)
    columns = []
    for pos, head in enumerate(heads):
        name = head.strip() or f"column_{pos + 1}"
        key = re.sub(r"[^a-z0-9]", "", name.casefold())
        role = "id" if pos == 0 and key in _PLAIN_ID else "question"
        columns.append(Column(pos, name, name, role))
    return Layout("plain", 1, columns)

