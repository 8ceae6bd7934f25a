"""Study text is inert in every output: a demo copy with script, markup, javascript: links and
spreadsheet formulas planted in open answers, a choice option, a transcript and the study's name
goes through `workbench run`; no output file carries live markup or a formula, and the planted
text is still there, shown as text."""

from __future__ import annotations

import csv

import openpyxl
import pytest
from _plant import FORMULA_START, live_markup, plant

from workbench._escape import FORMULA_STARTS, md_escape, safe_url
from workbench.pipeline import run_study


@pytest.fixture(scope="module")
def planted_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("xss")
    study = plant(tmp / "webshop-nl")
    out = tmp / "out"
    run = run_study(study, out, k=4, progress=False, n_boot=5)
    return run, out


def test_no_live_markup_in_any_text_output(planted_run):
    _, out = planted_run
    files = [p for p in out.iterdir() if p.suffix in {".md", ".html", ".svg", ".csv"}]
    assert {p.name for p in files} >= {"journey_map.md", "journey_map.html", "personas.md", "personas.html",
                                       "summary.md", "tags.csv"}
    for p in files:
        found = live_markup(p.read_text(encoding="utf-8"), markdown=p.suffix == ".md")
        assert not found, f"{p.name}: {found[:3]}"


def test_planted_text_is_shown_escaped(planted_run):
    run, out = planted_run
    html = (out / "journey_map.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror" in html  # the study name, shown as text
    cards = (out / "personas.html").read_text(encoding="utf-8") + (out / "personas.md").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror" in cards  # the planted choice option, on the cards
    # the planted answers are evidence on the map, their payloads shown as text
    assert "&lt;script&gt;window.__wbXss" in html
    assert "onerror=&quot;window.__wbXss" in html
    md = (out / "journey_map.md").read_text(encoding="utf-8")
    assert "wbXss" not in md or "&lt;" in md  # where a payload reaches the Markdown, it is escaped
    assert run.study.name.endswith("<img src=x onerror=alert(9)>")


def test_no_formula_in_spreadsheets(planted_run):
    _, out = planted_run
    wb = openpyxl.load_workbook(out / "journey_map.xlsx")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    assert c.value.lstrip(" \u00a0")[:1] not in FORMULA_STARTS or c.value.startswith("'"), \
                        (ws.title, c.coordinate, c.value)
    for name in ("tags.csv", "doc_tags.csv", "personas.csv"):
        with open(out / name, encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    assert not cell.startswith(FORMULA_START), (name, cell)


def test_escape_helpers():
    assert "<" not in md_escape("<script>alert(1)</script>")
    assert "\\[" in md_escape("[x](javascript:alert(1))")
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "java\tscript:alert(1)", "jav&#x09;ascript:x",
                "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)", "//evil.example/x"):
        assert safe_url(bad) is None, bad
    for good in ("https://example.org", "http://a.b/c?d=e", "mailto:a@b.nl", "#e12", "evidence/x.html"):
        assert safe_url(good) == good
