"""Visual check of the printed map: both demo studies, every persona's map and the legend page,
as PNG, SVG and PDF — no text leaves its cell, no two texts overlap, no text covers a point of
the emotion curve (measured with each format's renderer, see tests/_visual.py); nothing is
dropped silently; the files are complete (SVG with real text, one PDF with every map).

A stress map (long names and texts everywhere, long phase names, many steps, a hostile text)
checks the same rules on content no demo has.
"""

from __future__ import annotations

import io
import re
import sys
from dataclasses import replace
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _visual import layout_problems  # noqa: E402

from workbench.privacy import Policy, scrub_map  # noqa: E402
from workbench.render import plot_journey_map, plot_legend, save_book  # noqa: E402
from workbench.render._content import metric_items  # noqa: E402
from workbench.render.figure import RC, save_figure  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEMOS = ("webshop-nl", "saas-onboarding-en")
FORMATS = (("png", 150), ("png", 110), ("svg", 72), ("pdf", 72))


@pytest.fixture(scope="module")
def demo_maps(tmp_path_factory):
    """The demos' maps as `workbench run` renders them (scrubbed, with the persona cards' facts)."""
    from workbench.pipeline import run_study
    from workbench.study import copy_study

    maps = {}
    for name in DEMOS:
        folder = copy_study(ROOT / "surveys" / name, tmp_path_factory.mktemp(name) / name)
        run = run_study(folder, folder.parent / "out", progress=False, write=False, n_boot=10, parallel=False)
        with Policy.for_study(run.study).active():
            maps[name] = scrub_map(run.journey_map)
    return maps


def _figures(jm):
    for key in jm.persona_keys:
        yield key, plot_journey_map(jm, key)
    yield "legend", plot_legend(jm)


@pytest.mark.parametrize("name", DEMOS)
def test_demo_maps_have_no_overlap_in_any_format(demo_maps, name, tmp_path):
    jm = demo_maps[name]
    assert len(jm.persona_keys) >= 3
    problems = []
    for key, fig in _figures(jm):
        for fmt, dpi in FORMATS:
            problems += [f"{key} {fmt}@{dpi}: {p}" for p in layout_problems(fig, fmt, dpi)]
            buf = io.BytesIO()
            with matplotlib.rc_context(RC):
                fig.savefig(buf, format=fmt, dpi=dpi)
            assert buf.tell() > 10_000, (key, fmt)
        if key != "legend":
            hidden = fig.journey_hidden
            # what the map claims to measure and decide is shown whole on the demos (on a persona's
            # map only the funnel's metrics, everyone's and whole on everyone's map, may give way)
            assert not any(n for (lane, _), n in hidden.items() if lane in ("opportunities", "backstage"))
            for ph in jm.phase_ids:
                shared = sum(bool(it.get("shared")) for it in metric_items(jm, key, ph))
                assert hidden[("metrics", ph)] <= shared, (key, ph)
            texts = [t.get_text() for t, _ in fig.journey_boxes]
            for (lane, ph), n in hidden.items():  # whatever did not fit is counted, not dropped
                if n:
                    assert any(re.fullmatch(rf"\+{n} (meer|more)", x) for x in texts), (key, lane, ph, n)
    assert not problems, "\n".join(problems[:30])


@pytest.mark.parametrize("name", DEMOS)
def test_demo_files_are_complete(demo_maps, name, tmp_path):
    jm = demo_maps[name]
    fig = plot_journey_map(jm)
    svg, = save_figure(fig, tmp_path / "map", formats=("svg",))
    text = svg.read_text(encoding="utf-8")
    # editable: every label is a <text> element, no glyph outlines
    for ph in jm.phase_ids:
        assert f">{jm.phase_label(ph)}<" in text.replace("&amp;", "&")
    assert "<path id=\"DejaVu" not in text
    book = save_book(jm, tmp_path / "map.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page\b", book))
    assert pages == len(jm.persona_keys) + 1  # everyone, each persona, the legend
    assert b"/CreationDate" not in book
    # the printed map states what it measures, its scales and its sample sizes
    texts = " ".join(t.get_text() for t, _ in fig.journey_boxes)
    for d in jm.metrics["definition"].unique():
        assert d.split("{")[0][:25] in texts.replace("\n", " ")
    assert re.search(r"(Steekproef|Sample): \d+ (respondenten|respondents)", texts)
    assert jm.persona_name(jm.persona_keys[1]) in texts  # everyone's header names the personas


def _stress(jm):
    """The map with everything too long: names, texts, quotes, steps, backstage, targets."""
    long = "Een heel erg lange tekst die niet past " * 4
    cells = jm.cells.copy()
    cells["text"] = [f"{t} {long}" if lane in ("needs", "pain_points", "opportunities", "touchpoints") else t
                     for t, lane in zip(cells["text"], cells["lane"], strict=True)]
    quotes = cells["lane"] == "quotes"
    cells.loc[quotes, "text"] = "<script>alert(1)</script> " + long * 2
    phases = jm.phases.assign(label=[f"{x} en nog een veel te lange fasenaam" for x in jm.phases["label"]])
    personas = jm.personas.assign(name=[f"{x} met een naam van drie regels lang " * 3 for x in jm.personas["name"]])
    steps = pd.DataFrame([(p, i + 1, f"Stap {i + 1} met een lange naam") for p in jm.phase_ids for i in range(9)],
                         columns=["phase", "order", "step"])
    back = pd.DataFrame([(p, k, long, "store") for p in jm.phase_ids for k in ("owner", "system", "process")],
                        columns=["phase", "kind", "value", "source"])
    kpis = pd.DataFrame([(p, m, 99.0, "store") for p in jm.phase_ids for m in ("nps", "csat_top2", "ces_agree")],
                        columns=["phase", "metric", "target", "source"])
    facts = jm.persona_facts.assign(quote=long * 3, apart=[(long,) * 3] * len(jm.persona_facts), text=long)
    return replace(jm, name="Een studie met een titel die veel te lang is " * 3, cells=cells, phases=phases,
                   personas=personas, steps=steps, backstage=back, kpis=kpis, persona_facts=facts)


def test_stress_map_keeps_every_text_in_its_cell(demo_maps):
    jm = _stress(demo_maps["webshop-nl"])
    problems = []
    for key in jm.persona_keys[:2]:
        fig = plot_journey_map(jm, key)
        for fmt, dpi in (("png", 110), ("svg", 72)):
            problems += [f"{key} {fmt}: {p}" for p in layout_problems(fig, fmt, dpi)]
        texts = [t.get_text() for t, _ in fig.journey_boxes]
        assert any(re.fullmatch(r"\+\d+ meer", x) for x in texts)  # cut, and said so
        assert min(t.get_fontsize() for t, _ in fig.journey_boxes) >= 7
    fig = plot_legend(jm)
    problems += [f"legend: {p}" for p in layout_problems(fig, "png", 110)]
    assert not problems, "\n".join(problems[:30])
