"""The JourneyMapView widget: callbacks in plain pytest."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "journey"))
import build  # noqa: E402

from workbench.journey import build_journey_map  # noqa: E402
from workbench.journey.view import JourneyMapView  # noqa: E402
from workbench.study import load_study  # noqa: E402


@pytest.fixture(scope="module")
def jm(tmp_path_factory):
    study = load_study(build.make_study(tmp_path_factory.mktemp("view")))
    dt, tags = build.make_tags(study)
    return build_journey_map(study, dt, tags, personas=build.make_personas())


def test_grid_follows_persona_and_lanes(jm):
    v = JourneyMapView(jm)
    n_phases = len(jm.phase_ids)
    assert len(v.buttons) == len(v.lanes.value) * n_phases
    v.lanes.value = ("touchpoints", "pain_points")
    assert set(lane for lane, _ in v.buttons) == {"touchpoints", "pain_points"}
    assert len(v.grid.children) == (n_phases + 1) * 3
    assert "(n=3)" in v.buttons[("touchpoints", "awareness")].description
    v.persona.value = "k2-p1"
    assert "(n=1)" in v.buttons[("touchpoints", "awareness")].description
    assert v.buttons[("touchpoints", "awareness")].button_style == "warning"  # thin


def test_click_shows_quotes_and_evidence(jm):
    v = JourneyMapView(jm)
    v.lanes.value = ("pain_points", "quotes")
    v.buttons[("pain_points", "use_evaluation")].click()
    assert v.selected == ("pain_points", "use_evaluation")
    html = v.detail.outputs[0]["data"]["text/html"]
    assert "<table>" in html and "P01#003" in html and "<blockquote>" in html
    assert "<script>alert" not in html  # hostile text escaped
    v.buttons[("quotes", "awareness")].click()
    assert len(v.detail.outputs) == 1
