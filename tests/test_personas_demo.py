"""Personas on the demo studies recover their planted types, and `workbench run` and
`workbench personas` make the same personas."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from workbench.personas import fit_personas

ROOT = Path(__file__).resolve().parents[1]
DEMOS = {"webshop-nl": 4, "saas-onboarding-en": 3}


def _truth(name: str) -> pd.Series:
    path = ROOT / "surveys" / name / "survey" / "planted_types.csv"
    if not path.exists():
        pytest.skip(f"demo survey not generated yet ({path})")
    return pd.read_csv(path, dtype=str).set_index("respondent_id")["type"]


@pytest.mark.parametrize("name, k", DEMOS.items())
def test_demo_planted_types_recovered(name, k):
    from workbench.study import load_study

    truth = _truth(name)
    study = load_study(ROOT / "surveys" / name)
    res = fit_personas(study, n_boot=10)
    assert res.clusterer.algorithm == "lca" and res.clusterer.n_clusters_ == k
    assert res.k_scores.set_index("k")["bic"].idxmin() == k
    ari = adjusted_rand_score(truth.reindex(res.labels.index), res.labels)
    assert ari >= 0.9, f"ARI {ari:.2f} vs the planted types"
    assert all(c.verdict == "stable" for c in res.cards)
    assert len({c.name for c in res.cards}) == k
    lang_word = {"nl": "stabiel", "en": "stable"}[study.language]
    assert set(res.table()["verdict"]) == {lang_word}


@pytest.mark.parametrize("name", DEMOS)
def test_run_and_personas_agree(name, tmp_path):
    from workbench.cli import main
    from workbench.pipeline import run_study

    _truth(name)
    study = tmp_path / name
    shutil.copytree(ROOT / "surveys" / name, study, ignore=shutil.ignore_patterns(".workbench"))
    run = run_study(study, tmp_path / "run", progress=False, n_boot=0, write=False, parallel=False)
    assert main(["personas", str(study), "--boot", "0", "--no-png", "--out", str(tmp_path / "cli")]) == 0
    by_run = pd.read_csv(study / ".workbench" / "personas.csv", dtype=str)
    by_cli = pd.read_csv(tmp_path / "cli" / "personas.csv", dtype=str)
    pd.testing.assert_frame_equal(by_run, by_cli)  # same personas, names, interviewees and how they were placed
    how = {"nl": "Persona's: Zo is k gekozen: k = ", "en": "Personas: How k was chosen: k = "}
    lang = "nl" if name.endswith("-nl") else "en"
    assert any(n.startswith(how[lang]) for n in run.notes)  # in the study's language
    if lang == "nl":
        english = {"question(s)", "respondents", "interview participant", "chosen", "lowest", "with every"}
        assert not [n for n in run.notes if any(w in n for w in english)], run.notes
