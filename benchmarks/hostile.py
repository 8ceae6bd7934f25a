"""Hostile-input benchmark: time of every reader against input size, to show it stays linear.

Run:  python benchmarks/hostile.py [--scale 1] [--repeat 3] [--only KIND,KIND]

For each reader (the same ones the fuzz suite holds to its rule: tests/hostile_inputs.py) and
each hostile shape of input, the input is built at sizes n, 2n, 4n, 8n and read; the script prints
the best of ``--repeat`` times and the ratio time(8n) / (8 × time(n)). About 1 means linear; a
value growing towards 8 means quadratic — a file a few times larger would hang the reader.
Nothing is asserted (timings belong in benchmarks, not in tests).

Shapes: long lines, many lines, a flood of WebVTT voice/markup tags (open, unclosed, classes),
many quoted multi-line cells, trailing delimiters, a wide XLSX stored dimension, deep nesting in
study.toml and REFI codes, long globs — the shapes that broke or hung readers in issue 18.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
from hostile_inputs import READERS, _deep, _set_dimension  # noqa: E402

from workbench.errors import WorkbenchError  # noqa: E402


def vtt(unit: str):
    return lambda n: ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + unit * n + " hallo\n").encode()


def vtt_cues(n):
    return ("WEBVTT\n\n" + "".join(f"{i}\n00:00:{i % 60:02d}.000 --> 00:00:{i % 60:02d}.500\n<v Anna>Ja <b>zeker</b></v>\n\n"
                                   for i in range(n))).encode()


def txt_turns(n):
    return "".join(f"[00:00:{i % 60:02d}] {'Interviewer' if i % 2 else 'Anouk'}: de levering duurde lang\n"
                   for i in range(n)).encode()


def long_line(n):
    return ("Anouk: " + "heel " * n + "\n").encode()


def csv_quoted(n):
    return ("ResponseId,Q1,Q2\n" + "".join(f'R{i},5,"regel een\nregel ""twee"", drie"\n' for i in range(n))).encode()


def csv_trailing(n):
    return ("ResponseId,Q1,Q2,,,\n" + "".join(f"R{i},5,Prima,,,\n" for i in range(n))).encode()


def funnel_rows(n):
    return ("phase,step,count,kind,\n" + "".join(f"awareness,stap {i},{i},funnel,\n" for i in range(n))).encode()


def funnel_long_header(n):
    return ("phase,step,count" + ',"x' * n + "\n").encode()


def table_rows(n):
    return ("text;pain_point;need;\n" + "".join(f'"Ik wil; {i}";1;0;\n' for i in range(n))).encode()


def xlsx_rows(n):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["unit", "coder", "code"])
    for i in range(n):
        wb.active.append([f"u{i}", "anna", "x"])
    buf = io.BytesIO()
    wb.save(buf)
    return _set_dimension(buf.getvalue(), "A1:XFD1048576")


def toml_deep(n):
    return b'name = "S"\nlanguage = "nl"\nx = ' + b"[" * n + b"]" * n + b"\n"


def toml_long(n):
    return b'name = "S"\nlanguage = "nl"\ndescription = """' + b"lang " * n + b'"""\n'


def qdc_codes(n, deep=False):
    body = _deep(n) if deep else "".join(f'<Code guid="6f0e4a1c-2b3d-4e5f-8a9b-{i:012d}" name="c{i}" isCodable="true"/>'
                                         for i in range(n))
    return (f'<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="b">'
            f"<Codes>{body}</Codes></CodeBook>").encode()


def codebook_rows(n):
    return ("name,label,parent\n" + "".join(f"code_{i},Code {i},{'code_0' if i else ''}\n" for i in range(n))).encode()


# kind, shape, suffix, builder, base n
CASES = [
    ("transcripts", "vtt: '<v Anna' never closed", ".vtt", vtt("<v Anna"), 250),
    ("transcripts", "vtt: '<v ' flood", ".vtt", vtt("<v "), 250),
    ("transcripts", "vtt: class chain '<c.x'", ".vtt", vtt("<c.x"), 500),
    ("transcripts", "vtt: closed voice tags", ".vtt", vtt("<v Anna>x</v>"), 2000),
    ("transcripts", "vtt: many cues", ".vtt", vtt_cues, 2000),
    ("transcripts", "txt: many stamped turns", ".txt", txt_turns, 5000),
    ("transcripts", "txt: one long line", ".txt", long_line, 50_000),
    ("surveys", "csv: quoted multi-line cells", ".csv", csv_quoted, 2000),
    ("surveys", "csv: trailing delimiters", ".csv", csv_trailing, 2000),
    ("funnel", "rows with a trailing delimiter", ".csv", funnel_rows, 5000),
    ("funnel", "header of unclosed quotes", ".csv", funnel_long_header, 5000),
    ("tables", "csv rows, quoted delimiters", ".csv", table_rows, 5000),
    ("tables", "xlsx, dimension A1:XFD1048576", ".xlsx", xlsx_rows, 1000),
    ("study_toml", "deep arrays", ".toml", toml_deep, 100),
    ("study_toml", "long description", ".toml", toml_long, 50_000),
    ("codebook_csv", "many codes", ".csv", codebook_rows, 1000),
    ("qdc", "many codes", ".qdc", qdc_codes, 1000),
    ("qdc", "nested codes", ".qdc", lambda n: qdc_codes(n, deep=True), 100),
]


def time_read(kind: str, suffix: str, data: bytes, repeat: int) -> tuple[float, str]:
    best, what = float("inf"), ""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("study.toml" if kind == "study_toml" else f"case{suffix}")
        path.write_bytes(data)
        for _ in range(repeat):
            t0 = time.perf_counter()
            try:
                READERS[kind](path)
                what = "loaded"
            except WorkbenchError:
                what = "error"
            except Exception as exc:  # noqa: BLE001 - reported, not hidden
                what = f"CRASH {type(exc).__name__}"
            best = min(best, time.perf_counter() - t0)
    return best, what


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every base size (default 1)")
    ap.add_argument("--repeat", type=int, default=3, help="best of this many reads (default 3)")
    ap.add_argument("--only", default="", help="comma-separated kinds to run")
    args = ap.parse_args()
    only = {k for k in args.only.split(",") if k}
    print(f"{'reader':<13} {'input shape':<34} {'n':>8} {'bytes':>10} {'time(n)':>9} {'time(8n)':>9} "
          f"{'ratio':>6}  outcome")
    for kind, shape, suffix, build, base in CASES:
        if only and kind not in only:
            continue
        n = max(1, int(base * args.scale))
        times, outcome, size = [], "", 0
        for k in (1, 2, 4, 8):
            data = build(n * k)
            size = len(data)
            t, outcome = time_read(kind, suffix, data, args.repeat)
            times.append(t)
        ratio = times[-1] / (8 * times[0]) if times[0] > 0 else float("nan")
        print(f"{kind:<13} {shape:<34} {n:>8} {size:>10,} {times[0]:>9.4f} {times[-1]:>9.4f} {ratio:>6.2f}  {outcome}",
              flush=True)


if __name__ == "__main__":
    main()
