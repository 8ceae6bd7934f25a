"""The `workbench personas` command and the PersonaExplorer widget."""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest
from _personas_data import make_study

from workbench.cli import main
from workbench.personas import PersonaExplorer


@pytest.fixture
def survey_csv(tmp_path):
    rng = np.random.default_rng(1)
    path = tmp_path / "survey.csv"
    means = [[4.6, 4.5, 1.5, 1.5], [1.5, 1.6, 4.6, 4.4], [1.5, 4.6, 1.6, 4.5]]
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["respondent", "Prijs is belangrijk", "Ik wacht op korting", "Snel geleverd", "Duurzaam",
                    "Leeftijd"])
        for i in range(90):
            m = means[i % 3]
            vals = [int(np.clip(np.rint(x + rng.normal(0, 0.5)), 1, 5)) for x in m]
            w.writerow([f"r{i:03d}", *vals, ["18-34", "35-54", "55+"][rng.integers(0, 3)]])
    return path


def test_cli_on_a_survey_file(survey_csv, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["personas", str(survey_csv), "--boot", "10", "--out", str(out), "--no-png"]) == 0
    text = capsys.readouterr().out
    assert "3 persona's uit 90 respondenten (lca; k = 3: laagste BIC van k = 1..8" in text  # a Dutch survey
    # the curve: BIC, entropy and smallest persona per k, the chosen k marked
    assert "BIC  entropie  kleinste" in text and "<- gekozen" in text
    assert "stabiel" in text and "grootte" in text  # the survey is Dutch: so are the verdicts
    assert sorted(p.name for p in out.iterdir()) == ["k_selection.csv", "personas.csv", "personas.html",
                                                     "personas.md"]
    df = pd.read_csv(out / "personas.csv")
    assert len(df) == 90 and df["persona"].nunique() == 3


def test_cli_fixed_k_and_algorithm(survey_csv, tmp_path, capsys):
    out = tmp_path / "o2"
    assert main(["personas", str(survey_csv), "--k", "2", "--algorithm", "agglomerative", "--boot", "0",
                 "--seed", "3", "--out", str(out), "--no-png"]) == 0
    text = capsys.readouterr().out
    assert "2 persona's uit" in text and "k = 2 opgegeven" in text and "stabiliteit niet bepaald" in text


def test_cli_refuses_auto_on_a_small_sample(survey_csv, tmp_path, capsys):
    small = tmp_path / "small.csv"
    small.write_text("\n".join(survey_csv.read_text(encoding="utf-8").splitlines()[:31]) + "\n", encoding="utf-8")
    assert main(["personas", str(small), "--boot", "0", "--out", str(tmp_path / "o"), "--no-png"]) == 2
    err = capsys.readouterr().err
    assert "maar 30 respondenten: te weinig om het aantal persona's uit de data te kiezen" in err and "--k 3" in err
    assert main(["personas", str(small), "--boot", "0", "--force", "--out", str(tmp_path / "o"), "--no-png"]) == 0
    assert "geforceerd" in capsys.readouterr().out  # the note, in the survey's language (Dutch)


def test_cli_errors(tmp_path, capsys):
    assert main(["personas", str(tmp_path / "missing.csv"), "--out", str(tmp_path / "o")]) == 2
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["personas", "x.csv", "--k", "many", "--out", "o"])


def test_explorer_run_rename_save():
    s = make_study(n_per_type=25)
    saved = []
    ex = PersonaExplorer(s, on_save=saved.append, n_boot=5, names={"k3-p2": "Groene Gerda"})
    assert "likert" in ex.groups.value and "text" not in ex.groups.value and "text" in dict(ex.groups.options).values()
    ex.k.value = 3
    ex.run_button.click()
    assert ex.result is not None and ex.result.clusterer.n_clusters_ == 3
    assert len(ex.name_fields) == 3
    assert ex.name_fields["k3-p2"].value == "Groene Gerda"
    assert "<table>" in ex.stability_html.value and "Jaccard" in ex.stability_html.value
    assert ex.scores_image.value[:4] == b"\x89PNG" and ex.projection_image.value[:4] == b"\x89PNG"
    ex.name_fields["k3-p0"].value = "Koopjes Kees"
    ex.save_button.click()
    assert saved == [{"k3-p0": "Koopjes Kees", "k3-p1": ex.result.cards[1].name, "k3-p2": "Groene Gerda"}]
    assert ex.result.cards[0].name == "Koopjes Kees"
    assert "saved 3" in ex.status.value
    # a second run keeps the saved names
    ex.algorithm.value = "gmm"
    ex.run_button.click()
    assert ex.result.clusterer.algorithm == "gmm"
    assert ex.name_fields["k3-p0"].value == "Koopjes Kees"


def test_explorer_feature_groups_and_errors():
    s = make_study(n_per_type=15)
    ex = PersonaExplorer(s, n_boot=0)
    assert ex.algorithm.value == "lca" and "text" not in ex.groups.value  # what fit_personas clusters on
    ex.groups.value = ()
    assert ex.run() is None and "at least one" in ex.status.value
    tiny = PersonaExplorer(make_study(n_per_type=2), n_boot=0)
    tiny.k.value = 8  # more personas than respondents: an error message, no raise
    tiny.run_button.click()
    assert tiny.result is None and "error" in tiny.status.value and "should be &gt;= k=8" in tiny.status.value
    ex.algorithm.value = "kmeans"
    ex.groups.value = ("likert",)
    ex.k.value = "auto"
    res = ex.run()
    assert res is not None and all(c.startswith("likert:") for c in res.clustered_on)
