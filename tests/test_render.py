"""Renderers: A3 figure, hostile text harmless in HTML, XLSX, Markdown and SVG."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "journey"))
import build  # noqa: E402

from workbench.journey import build_journey_map  # noqa: E402
from workbench.render import plot_journey_map, save_figure, to_html, to_markdown, to_xlsx  # noqa: E402
from workbench.render._common import neutralise_formula  # noqa: E402
from workbench.study import load_study  # noqa: E402


@pytest.fixture(scope="module")
def jm(tmp_path_factory):
    study = load_study(build.make_study(tmp_path_factory.mktemp("hostile")))
    dt, tags = build.make_tags(study)
    return build_journey_map(study, dt, tags, personas=build.make_personas(), min_evidence=3)


def test_hostile_text_is_on_the_map(jm):
    # the fixture really carries hostile text into the map (else the tests below prove nothing)
    assert jm.quotes["text"].str.contains("<script>").any()
    assert jm.persona_name("k2-p1").startswith("=")


def test_html_escapes_everything(jm):
    html = to_html(jm)
    assert html.count("<script") == 1  # only the page's own switcher
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<i>haaster</i>" not in html and "<b>studie</b>" not in html
    assert not re.search(r"<(link|img|iframe)\b|src=|href=['\"]http", html)
    assert "<details" in html and "<select id='persona'>" in html
    assert "dun bewijs" in html


def test_xlsx_has_no_formula_cells(jm, tmp_path):
    path = to_xlsx(jm, tmp_path / "map.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Iedereen", "De <i>haaster< i>", "=De twijfelaar", "Kansen", "Bewijs"]
    seen = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.value[:1] not in ("=", "+", "-", "@", "＝", "\t", "\r"), cell.value
                    seen += "HYPERLINK" in cell.value or "@SUM" in cell.value
    assert seen > 0


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "＝cmd", "＋1", "－1", "＠x", " =x"])
def test_neutralise_formula(text):
    assert neutralise_formula(text).startswith("'")


def test_markdown_escapes(jm):
    md = to_markdown(jm)
    assert "<script" not in md and "&lt;script&gt;" in md
    assert "<i>" not in md and "<b>" not in md
    for line in md.splitlines():
        if line.startswith("|"):
            n_phases = len(jm.phase_ids)
            assert len(re.findall(r"(?<!\\)\|", line)) == n_phases + 2, line


def _texts(fig):
    return [t for t, _ in fig.journey_boxes]


def test_figure_is_a3_legible_and_marks_thin(jm, tmp_path):
    fig = plot_journey_map(jm)
    w, h = fig.get_size_inches()
    assert (round(w, 1), round(h, 1)) == (16.5, 11.7)
    texts = _texts(fig)
    assert min(t.get_fontsize() for t in texts) >= 7
    # thin items are grey italic, and the footer says so with the threshold
    assert any(t.get_style() == "italic" and t.get_color() == "#666666" and "(1)" in t.get_text() for t in texts)
    assert any("dun bewijs (n < 3)" in t.get_text() for t in texts)
    assert any(p.get_hatch() for ax in fig.axes for p in ax.patches)
    assert any("$5" in t.get_text() for t in texts)  # shown literally, not as math
    paths = save_figure(fig, tmp_path / "map")
    assert [p.suffix for p in paths] == [".png", ".svg", ".pdf"] and all(p.stat().st_size > 0 for p in paths)
    svg = paths[1].read_text(encoding="utf-8")
    # real, editable text (svg.fonttype = none), escaped: the quote's <script> is text, never markup
    assert svg.count("<text") > 50 and "Bewustwording" in svg and "<path id=\"DejaVu" not in svg
    assert "<script" not in svg and "&lt;script&gt;" in svg
    assert "<a " not in svg and "href=\"http" not in svg


def test_figure_per_persona(jm):
    fig = plot_journey_map(jm, persona="k2-p0", lang="en")
    assert any(t.get_text() == "De <i>haaster</i>" for t in _texts(fig))  # the persona header, as text
    with pytest.raises(KeyError):
        plot_journey_map(jm, persona="nobody")
