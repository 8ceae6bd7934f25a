"""Generators of hostile and broken input for every reader, and the one rule they are held to.

Shared by the property-based suite (``tests/test_hostile_fuzz.py``), the regression corpus
(``tests/test_hostile_corpus.py``, ``tests/fixtures/hostile/``) and ``benchmarks/hostile.py``.

The rule (:func:`outcome`): a reader either loads the input or raises a
:class:`~workbench.errors.WorkbenchError`; any other exception is a crash.

Inputs are built from pieces real files are made of (speaker labels, time stamps, WebVTT cue
headers and voice tags, quotes, delimiters, Likert labels, XML elements, TOML tables) mixed with
the pieces that break readers (unclosed quotes, trailing delimiters, control characters, byte-order
marks, mixed encodings, very long lines, deep nesting), so Hypothesis explores the space near
real files rather than random bytes only.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import strategies as st

from workbench.errors import WorkbenchError

# -- the rule ---------------------------------------------------------------------------------


def outcome(fn: Callable[[], object]) -> str:
    """``"loaded"`` or ``"error"`` (a WorkbenchError); any other exception propagates."""
    try:
        fn()
    except WorkbenchError as exc:
        assert str(exc).strip(), "a WorkbenchError without a message"
        return "error"
    return "loaded"


# -- readers, by kind: (file suffixes, function of a path) -----------------------------------------
def _transcript(path: Path):
    from workbench.io.transcripts import parse_transcript

    return parse_transcript(path)


def _survey(path: Path):
    from workbench.io.surveys import parse_survey

    return parse_survey(path)


def _study_toml(path: Path):
    from workbench.config import read_config

    return read_config(path)


def _funnel(path: Path):
    from workbench.phases import load_phase_model
    from workbench.study import read_funnel

    return read_funnel(path, load_phase_model("klassiek-5"))


def _codebook_csv(path: Path):
    from workbench.coding.codebook import Codebook

    return Codebook.from_csv(path)


def _qdc(path: Path):
    from workbench.coding.refi import read_qdc

    return read_qdc(path)


def _qdpx(path: Path):
    from workbench.coding.refi._read import read_project

    return read_project(path)


def _table(path: Path):
    from workbench.coding._tables import read_table

    return read_table(path)


READERS: dict[str, Callable[[Path], object]] = {
    "transcripts": _transcript,
    "surveys": _survey,
    "study_toml": _study_toml,
    "funnel": _funnel,
    "codebook_csv": _codebook_csv,
    "qdc": _qdc,
    "qdpx": _qdpx,
    "tables": _table,
}

# -- text pieces ------------------------------------------------------------------------------
HOSTILE_CHARS = ["\x00", "\x1b", "\x85", "\x9d", "\u2028", "\u202e", "\ufeff", "\ufffd", "\r", "\t", "\x0c",
                 "\u00e9", "\u00c3\u00a9", "😀", "\ud7ff", "<", ">", "&", '"', "'", ";", ",", "=", "\\"]
WORDS = ["Interviewer", "Anouk", "P01", "levering", "te laat", "graag", "=SUM(A1)", "<script>alert(1)</script>",
         "javascript:alert(1)", "Zeer mee eens", "Strongly agree", "10", "-1", "1e309", "NaN", "", " ",
         "a" * 300]

text_piece = st.one_of(st.sampled_from(WORDS), st.sampled_from(HOSTILE_CHARS),
                       st.text(max_size=12), st.integers(-10**6, 10**6).map(str))
free_text = st.lists(text_piece, max_size=12).map("".join)


def _encode(text: str, how: str) -> bytes:
    if how == "utf-8":
        return text.encode("utf-8", "surrogatepass")
    if how == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    if how == "utf-16":
        return text.encode("utf-16", "surrogatepass")
    if how == "cp1252":
        return text.encode("cp1252", "replace")
    # mixed: every other line cp1252 (the export that went through two programs)
    lines = text.split("\n")
    return b"\n".join(line.encode("cp1252", "replace") if i % 2 else line.encode("utf-8", "surrogatepass")
                      for i, line in enumerate(lines))


encoding = st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252", "mixed"])
newline = st.sampled_from(["\n", "\r\n", "\r"])


# -- transcripts ------------------------------------------------------------------------------
stamp = st.sampled_from(["00:00:01.000 --> 00:00:02.000", "00:01.000 --> 00:02.000", "1:00:00,000 --> 1:00:01,000",
                         "99:99:99.999 --> 00:00:00.000", "00:00:01.000 -->", "[00:01:23]", "(01:23)", "0:05"])
speaker = st.sampled_from(["Interviewer:", "I:", "R:", "Anouk:", "**Anouk**:", "[P01]", "Onderzoeker:", ":", "::"])
vtt_tag = st.sampled_from(["<v Anouk>", "<v.loud Bram>", "</v>", "<c.yellow>", "</c>", "<b>", "</b>", "<i>",
                           "<00:00:01.500>", "<v ", "<", "<<v>>", "<ruby>", "<rt>"])
transcript_line = st.one_of(
    st.tuples(speaker, free_text).map(" ".join),
    st.tuples(stamp, st.sampled_from(["", " align:start position:0%"])).map("".join),
    st.lists(st.one_of(vtt_tag, text_piece), max_size=20).map("".join),
    st.sampled_from(["WEBVTT", "WEBVTT - Zoom", "NOTE a note", "1", "2", "", "", "STYLE", "::cue {}"]),
    free_text,
)


@st.composite
def transcripts(draw) -> tuple[str, bytes]:
    """(suffix, bytes) of a transcript-like file."""
    suffix = draw(st.sampled_from([".txt", ".md", ".vtt", ".srt"]))
    lines = draw(st.lists(transcript_line, max_size=40))
    if suffix == ".vtt" and draw(st.booleans()):
        lines = ["WEBVTT", ""] + lines
    return suffix, _encode(draw(newline).join(lines), draw(encoding))


# -- CSV tables ----------------------------------------------------------------------------------
cell = st.one_of(text_piece, st.sampled_from(['"quoted, with comma"', '"unclosed', 'a"b', '""', '"x""y"',
                                              "line\nbreak", '"line\nbreak"', "=cmd|' /C calc'!A0"]))


@st.composite
def csv_text(draw, header: list[str] | None = None, min_rows: int = 0, max_rows: int = 12) -> str:
    delim = draw(st.sampled_from([",", ";", "\t", "|"]))
    head = header if header is not None else draw(st.lists(st.one_of(st.sampled_from(
        ["ResponseId", "Q1", "Q2_1", "Timestamp", "submitdate", "Respondent ID", "text", "", "Q1"]), text_piece),
        min_size=1, max_size=8))
    width = len(head)
    rows = [head]
    for _ in range(draw(st.integers(min_rows, max_rows))):
        n = draw(st.sampled_from([width, width, width, width + 1, max(width - 1, 0), width + 3]))
        rows.append(draw(st.lists(cell, min_size=n, max_size=n)))
    trailing = draw(st.sampled_from(["", "", delim, delim * 3]))
    return draw(newline).join(delim.join(r) + trailing for r in rows) + draw(st.sampled_from(["", "\n", "\n\n"]))


@st.composite
def surveys_csv(draw) -> tuple[str, bytes]:
    text = draw(csv_text())
    if draw(st.booleans()):  # a vendor's extra header rows
        extra = draw(st.sampled_from(['"{""ImportId"":""QID1""}"', "Response,Open-Ended Response", "V1,V2,V3"]))
        first, _, rest = text.partition("\n")
        text = f"{first}\n{extra}\n{rest}"
    return ".csv", _encode(text, draw(encoding))


@st.composite
def funnels(draw) -> tuple[str, bytes]:
    header = draw(st.sampled_from([["phase", "step", "count"], ["phase", "step", "count", "kind"],
                                   ["phase", "step", "count", ""], ["Phase", "Step", "Count", "Kind", "x"],
                                   ["phase", "count"]]))
    return ".csv", _encode(draw(csv_text(header=header)), draw(encoding))


@st.composite
def tables_csv(draw) -> tuple[str, bytes]:
    header = draw(st.sampled_from([["text", "pain_point", "need"], ["unit", "coder", "code"],
                                   ["unit", "coder", "code", ""], ["text", "", "label", "text"]]))
    return ".csv", _encode(draw(csv_text(header=header)), draw(encoding))


@st.composite
def codebook_csvs(draw) -> tuple[str, bytes]:
    header = draw(st.sampled_from([["name", "label", "definition", "parent", "colour", "phase", "guid"],
                                   ["name"], ["name", "parent"], ["name", "colour", ""], ["label"]]))
    return ".csv", _encode(draw(csv_text(header=header)), draw(encoding))


# -- XLSX ---------------------------------------------------------------------------------------
@st.composite
def xlsx_files(draw, header: list[str] | None = None) -> tuple[str, bytes]:
    """An XLSX workbook; its stored dimension may claim a much wider/longer range than the data."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    head = header or draw(st.lists(st.sampled_from(["Respondent ID", "Q1", "text", "unit", "coder", "code", ""]),
                                   min_size=1, max_size=6))
    ws.append(head)
    for _ in range(draw(st.integers(0, 8))):
        row = draw(st.lists(st.one_of(text_piece.map(lambda s: s.replace("\x00", "")), st.integers(-5, 10),
                                      st.floats(allow_nan=True, allow_infinity=False), st.none()),
                            max_size=len(head) + 2))
        ws.append([_xlsx_safe(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    dim = draw(st.sampled_from([None, "A1:Z100", "A1:XFD1048576", "A1:E9", "B2", "A0:ZZZZ1"]))
    if dim:
        data = _set_dimension(data, dim)
    return ".xlsx", data


def _xlsx_safe(v):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v


def _set_dimension(data: bytes, ref: str) -> bytes:
    import re

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                body = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>'.encode(), body)
            dst.writestr(info, body)
    return out.getvalue()


# -- study.toml ---------------------------------------------------------------------------------
toml_line = st.one_of(
    st.sampled_from(['name = "Studie"', 'language = "nl"', 'language = "xx"', 'phase_model = "klassiek-5"',
                     'phase_model = "nope"', 'phase_model = "../x.toml"', 'phase_model = "/etc/x.toml"',
                     "[transcripts]", "[survey]", "[funnel]", "[link]", "[survey.questions]", "[phase_model]",
                     'paths = ["interviews/*.txt"]', 'paths = ["../*.txt"]', 'paths = ["/etc/passwd"]',
                     'paths = ["**/*.txt"]', 'paths = "x"', "paths = []", 'path = "../funnel.csv"',
                     'path = "funnel.csv"', "allow_outside = true", 'allow_outside = "yes"',
                     'Q1 = { phase = "purchase", metric = "csat" }', 'Q1 = { role = 3 }', "x = 1",
                     'format = "qualtrics"', "interviewer = [1, 2]", 'participants = { a = 1 }',
                     'map = { P01 = "R1" }', '[[phase_model.phases]]', 'id = "a"', "name = 3", "[name]"]),
    st.integers(1, 2000).map(lambda n: "x = " + "[" * n + "]" * n),
    st.integers(1, 2000).map(lambda n: "x = " + "{a = " * n + "1" + "}" * n),
    st.tuples(st.sampled_from(["name", "language", "q"]), text_piece).map(lambda kv: f'{kv[0]} = "{kv[1]}"'),
    free_text,
)


@st.composite
def study_tomls(draw) -> tuple[str, bytes]:
    lines = draw(st.lists(toml_line, max_size=25))
    if draw(st.booleans()):
        lines = ['name = "Studie"', 'language = "nl"'] + lines
    return ".toml", _encode("\n".join(lines), draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16",
                                                                   "cp1252"])))


# -- REFI-QDA XML: .qdc and .qdpx ----------------------------------------------------------------
NS_C = "urn:QDA-XML:codebook:1.0"
NS_P = "urn:QDA-XML:project:1.0"
GUIDS = ["6f0e4a1c-2b3d-4e5f-8a9b-0c1d2e3f4a5b", "not-a-guid", "", "6F0E4A1C-2B3D-4E5F-8A9B-0C1D2E3F4A5C"]


@st.composite
def code_tree(draw, depth: int = 0) -> str:
    n = draw(st.integers(0, 3 if depth < 3 else 0))
    attrs = {"guid": draw(st.sampled_from(GUIDS)), "name": _xml_attr(draw(free_text)),
             "isCodable": draw(st.sampled_from(["true", "false", "maybe"])),
             "color": draw(st.sampled_from(["#ff0000", "#F00", "red", ""]))}
    a = " ".join(f'{k}="{v}"' for k, v in attrs.items() if draw(st.booleans()) or k == "name")
    kids = "".join(draw(code_tree(depth + 1)) for _ in range(n))
    return f"<Code {a}>{kids}</Code>"


def _xml_attr(s: str) -> str:
    return (s.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            .encode("utf-8", "replace").decode("utf-8"))


def _deep(n: int) -> str:
    return f'<Code guid="{GUIDS[0]}" name="d" isCodable="true">' * n + "</Code>" * n


@st.composite
def qdc_files(draw) -> tuple[str, bytes]:
    codes = "".join(draw(st.lists(code_tree(), max_size=4)))
    if draw(st.integers(0, 4)) == 0:
        codes += _deep(draw(st.sampled_from([50, 500, 5000])))
    body = f'<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="{NS_C}" origin="fuzz"><Codes>{codes}</Codes></CodeBook>'
    return ".qdc", _mutate(draw, body.encode("utf-8", "replace"))


def _mutate(draw, data: bytes) -> bytes:
    how = draw(st.sampled_from(["none", "none", "truncate", "flip", "doctype"]))
    if how == "truncate" and data:
        return data[: draw(st.integers(0, len(data) - 1))]
    if how == "flip" and data:
        i = draw(st.integers(0, len(data) - 1))
        return data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1:]
    if how == "doctype":
        return data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1)
    return data


@st.composite
def qdpx_files(draw) -> tuple[str, bytes]:
    text = draw(free_text)
    src_guid = GUIDS[0]
    start, end = draw(st.integers(-5, 50)), draw(st.integers(-5, 50))
    codes = "".join(draw(st.lists(code_tree(), max_size=3)))
    if draw(st.integers(0, 4)) == 0:
        codes += _deep(draw(st.sampled_from([50, 500, 5000])))
    path = draw(st.sampled_from(["internal://P01.txt", "relative://P01.txt", "internal://../../etc/passwd",
                                 "absolute:///etc/passwd", "internal://missing.txt"]))
    qde = (f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="{NS_P}" name="fuzz" origin="fuzz">'
           f"<CodeBook><Codes>{codes}</Codes></CodeBook><Sources>"
           f'<TextSource guid="{src_guid}" name="P01" plainTextPath="{path}">'
           f'<PlainTextSelection guid="{GUIDS[3]}" startPosition="{start}" endPosition="{end}">'
           f'<Coding guid="{GUIDS[0]}"><CodeRef targetGUID="{GUIDS[0]}"/></Coding></PlainTextSelection>'
           "</TextSource></Sources></Project>")
    members = {"project.qde": _mutate(draw, qde.encode("utf-8", "replace")),
               "sources/P01.txt": text.encode("utf-8", "surrogatepass")}
    if draw(st.integers(0, 5)) == 0:
        members["second.qde"] = b"<Project/>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    data = buf.getvalue()
    return ".qdpx", data if draw(st.integers(0, 6)) else data[: len(data) // 2]


#: kind -> strategy of (suffix, bytes)
STRATEGIES = {
    "transcripts": transcripts(),
    "surveys": st.one_of(surveys_csv(), xlsx_files()),
    "study_toml": study_tomls(),
    "funnel": funnels(),
    "codebook_csv": codebook_csvs(),
    "qdc": qdc_files(),
    "qdpx": qdpx_files(),
    "tables": st.one_of(tables_csv(), xlsx_files(header=["text", "pain_point", "need"]),
                        xlsx_files(header=["unit", "coder", "code"])),
}


def write_case(folder: Path, kind: str, suffix: str, data: bytes, name: str = "case") -> Path:
    """Write one input where its reader expects it (a study.toml is named study.toml)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ("study.toml" if kind == "study_toml" else f"{name}{suffix}")
    path.write_bytes(data)
    return path
