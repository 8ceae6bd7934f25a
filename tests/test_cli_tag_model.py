"""`workbench tag INPUT.csv --model MODEL_DIR` uses a model trained by `workbench train`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from workbench.cli import main
from workbench.coding import Store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("model")
    rows = [json.loads(line) for line in (ROOT / "workbench/data/dev/nl.jsonl").read_text(encoding="utf-8").splitlines()]
    labelled = pd.DataFrame(rows[:160])[["text", "pain_point", "need"]]
    labelled.to_csv(tmp / "labelled.csv", index=False)
    assert main(["train", str(tmp / "labelled.csv"), "--text-column", "text", "--label-columns",
                 "pain_point,need", "--lang", "nl", "--out", str(tmp / "model"), "--folds", "0"]) == 0
    return tmp / "model"


def test_tag_csv_with_a_trained_model(model_dir, tmp_path, capsys):
    src = tmp_path / "reviews.csv"
    pd.DataFrame({"id": [1, 2, 3], "opmerking": [
        "Mijn pakket is na twee weken nog steeds niet aangekomen.",
        "Ik zou graag een optie willen om de bezorgdag zelf te kiezen.",
        "",
    ]}).to_csv(src, sep=";", index=False)
    out = tmp_path / "tagged.csv"
    assert main(["tag", str(src), "--text-column", "opmerking", "--lang", "nl", "--model", str(model_dir),
                 "--out", str(out)]) == 0
    tagged = pd.read_csv(out, sep=";")
    assert {"pain_point", "need", "pain_point_score", "need_score", "phase", "touchpoints"} <= set(tagged.columns)
    assert tagged["pain_point"].isin([0, 1]).all() and tagged["need"].isin([0, 1]).all()
    assert tagged["pain_point_score"].between(0, 1).all()
    assert tagged.loc[0, "pain_point_score"] > tagged.loc[1, "pain_point_score"]
    assert tagged.loc[1, "need_score"] > tagged.loc[0, "need_score"]


def test_tag_study_stores_suggestions_for_review(tmp_path, capsys):
    study = tmp_path / "study"
    shutil.copytree(ROOT / "surveys" / "saas-onboarding-en", study, ignore=shutil.ignore_patterns(".workbench"))
    assert main(["tag", str(study)]) == 0
    assert "suggestions stored" in capsys.readouterr().out
    with Store.open(study) as store:
        tags = store.suggestions()
        assert len(tags) > 500 and set(tags["label"].astype(str)) == {"pain_point", "need", "touchpoint", "emotion"}
        assert len(store.doc_tags()) > 300
    assert main(["tag", str(study), "--model", "x"]) == 2
