"""Comparing two waves of a journey map."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "journey"))
import build  # noqa: E402

from workbench.journey import build_journey_map, compare_maps, plot_wave_comparison  # noqa: E402
from workbench.study import load_study  # noqa: E402


@pytest.fixture(scope="module")
def jm(tmp_path_factory):
    study = load_study(build.make_study(tmp_path_factory.mktemp("waves")))
    dt, tags = build.make_tags(study)
    return build_journey_map(study, dt, tags)


def test_same_map_is_unchanged(jm):
    df = compare_maps(jm, jm)
    assert df["phase"].tolist() == jm.phase_ids
    assert (df["verdict"] == "unchanged").all()
    assert (df["themes_new"] == "").all() and (df["themes_gone"] == "").all()


def test_better_metrics_and_emotion_improve(jm):
    later = replace(jm)
    m = jm.metrics.copy()
    m.loc[m["metric"] == "nps", "value"] += 20
    e = jm.emotion.copy()
    e.loc[e["phase"] == "use_evaluation", ["mean", "se", "n"]] = [1.5, 0.1, 50]
    early_e = jm.emotion.copy()
    early_e.loc[early_e["phase"] == "use_evaluation", ["mean", "se", "n"]] = [-1.0, 0.1, 50]
    df = compare_maps(replace(jm, emotion=early_e), replace(later, metrics=m, emotion=e)).set_index("phase")
    row = df.loc["use_evaluation"]
    assert row["nps_delta"] == pytest.approx(20.0)
    assert row["emotion_sig"] and row["emotion_p"] < 0.001
    assert row["verdict"] == "improved"
    worse = compare_maps(replace(later, metrics=m, emotion=e), replace(jm, emotion=early_e)).set_index("phase")
    assert worse.loc["use_evaluation", "verdict"] == "worsened"
    fig = plot_wave_comparison(df.reset_index())
    assert len(fig.axes) == 6


def test_new_and_gone_themes(jm):
    t = jm.themes.copy()
    t.loc[:, "terms"] = "iets, heel, anders"
    t.loc[:, "text"] = "iets · anders"
    df = compare_maps(jm, replace(jm, themes=t)).set_index("phase")
    assert "iets · anders" in df.loc["use_evaluation", "themes_new"]
    assert df.loc["use_evaluation", "themes_gone"] != ""
