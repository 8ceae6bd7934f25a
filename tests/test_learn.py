"""Learning from codes: training, determinism, persistence, rescoring, cross-validation and the CLI.

The labelled examples are lines of the rule tagger's English evaluation set
(workbench/data/eval/en.jsonl), used here as generic labelled data.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import f1_score

from workbench.cli import main
from workbench.coding import Store
from workbench.coding.learn import (
    CV_COLUMNS,
    SYSTEMS,
    cross_validate,
    examples_from_codings,
    load_model,
    predict,
    read_labelled,
    rescore_suggestions,
    rule_cues,
    save_model,
    train_from_store,
    train_model,
)
from workbench.errors import ModelError, WorkbenchError

EVAL = Path(__file__).resolve().parents[1] / "workbench" / "data" / "eval" / "en.jsonl"
LABELS = ["pain_point", "need"]


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    lines = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines() if line]
    return random.Random(0).sample(lines, len(lines))


def frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame({label: [r[label] for r in rows] for label in LABELS})


@pytest.fixture(scope="module")
def model(rows):
    train = rows[:150]
    return train_model([r["text"] for r in train], frame(train), "en", epochs=5)


def test_learns_something_on_held_out_data(model, rows):
    test = rows[150:]
    pred = predict(model, [r["text"] for r in test])
    assert list(pred.columns) == ["pain_point", "need", "pain_point_score", "need_score"]
    assert str(pred["pain_point"].dtype) == "int8" and pred["need_score"].between(0, 1).all()
    for label in LABELS:
        truth = np.array([r[label] for r in test])
        always_yes = f1_score(truth, np.ones_like(truth))  # the F1 a no-skill classifier can reach
        assert f1_score(truth, pred[label]) > always_yes + 0.05, label
    assert set(model.thresholds) == set(LABELS) and all(0 < t < 1 for t in model.thresholds.values())


def test_same_seed_same_predictions(rows):
    small = rows[:40]
    texts = [r["text"] for r in small]
    cues = rule_cues(texts, "en")
    a = train_model(texts, frame(small), "en", epochs=2, cues=cues)
    b = train_model(texts, frame(small), "en", epochs=2, cues=cues)
    probe = [r["text"] for r in rows[40:60]]
    pd.testing.assert_frame_equal(predict(a, probe), predict(b, probe))


def test_save_load_round_trip(model, rows, tmp_path):
    save_model(model, tmp_path / "m")
    meta = json.loads((tmp_path / "m" / "meta.json").read_text(encoding="utf-8"))
    assert meta["labels"] == LABELS and meta["lang"] == "en" and set(meta["thresholds"]) == set(LABELS)
    loaded = load_model(tmp_path / "m")
    probe = [r["text"] for r in rows[150:170]]
    pd.testing.assert_frame_equal(predict(loaded, probe), predict(model, probe))


def test_load_errors(tmp_path):
    with pytest.raises(ModelError, match="no meta.json"):
        load_model(tmp_path)
    (tmp_path / "meta.json").write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(ModelError, match="not describe"):
        load_model(tmp_path)


def test_too_few_examples_and_bad_labels():
    with pytest.raises(ModelError, match="too few examples of label 'need'"):
        train_model(["a", "b", "c", "d", "e", "f"], pd.DataFrame({"need": [1, 0, 1, 0, 0, 0]}), "en")
    with pytest.raises(ModelError, match="other than 0/1"):
        train_model(["a", "b"], pd.DataFrame({"need": [1, 2]}), "en")


def test_cross_validate_compares_three_systems(rows):
    small = rows[:60]
    cv = cross_validate([r["text"] for r in small], frame(small), "en", folds=2, epochs=2)
    assert list(cv.columns) == list(CV_COLUMNS)
    assert set(cv["system"]) == set(SYSTEMS)
    for system in SYSTEMS:
        mine = cv[cv["system"] == system].set_index("label")
        assert set(mine.index) == {"pain_point", "need", "macro"}
        assert mine.loc["pain_point", "n"] == 60
        assert mine.loc["macro", "f1"] == pytest.approx(mine.loc[LABELS, "f1"].mean())
    assert cv["f1"].between(0, 1).all()


@pytest.fixture
def study(tmp_path, rows):
    """A study store where one coder decided pain_point/need suggestions on 30 documents."""
    docs = pd.DataFrame({"doc_id": [f"d{i:02d}" for i in range(40)], "text": [r["text"] for r in rows[:40]]})
    suggestions = []
    with Store.open(tmp_path) as store:
        for i, (doc, r) in enumerate(zip(docs["doc_id"], rows[:40], strict=True)):
            for label in LABELS:
                suggestions.append(
                    {"doc_id": doc, "start_char": 0, "end_char": 3, "label": label, "score": 0.65}
                )
                if i < 30:
                    store.decide(doc, 0, 3, label, "accepted" if r[label] else "rejected", "anna")
            suggestions.append(
                {
                    "doc_id": doc,
                    "start_char": 4,
                    "end_char": 6,
                    "label": "touchpoint",
                    "value": "app",
                    "score": 0.75,
                }
            )
    return tmp_path, docs, pd.DataFrame(suggestions)


def test_examples_and_rescoring_from_store(study, rows):
    folder, docs, suggestions = study
    with Store.open(folder) as store:
        examples = examples_from_codings(store.codings(), docs)
    assert len(examples) == 30 and examples["pain_point"].tolist() == [r["pain_point"] for r in rows[:30]]
    model = train_from_store(folder, docs, "en", epochs=2)
    undecided = suggestions[suggestions["doc_id"] >= "d30"]
    out = rescore_suggestions(model, undecided, docs)
    assert len(out) == len(undecided)
    assert {"score", "rule_score", "uncertainty"} <= set(out.columns)
    assert out["uncertainty"].between(0, 1).all()
    ours = out["label"].isin(LABELS)
    assert (out.loc[~ours, "score"] == 0.75).all() and (out.loc[ours, "rule_score"] == 0.65).all()
    expected = predict(model, docs["text"].iloc[30:].tolist())["pain_point_score"].to_numpy()
    assert out.loc[out["label"] == "pain_point", "score"].to_numpy() == pytest.approx(expected)
    t = model.thresholds["pain_point"]
    pain = out[out["label"] == "pain_point"]
    assert pain["uncertainty"].to_numpy() == pytest.approx(1 - np.abs(pain["score"] - t) / max(t, 1 - t))
    with pytest.raises(WorkbenchError, match="not in the documents"):
        rescore_suggestions(model, undecided, docs.iloc[:35])


def write_csv(path: Path, rows: list[dict]) -> Path:
    pd.DataFrame(
        {
            "answer": [r["text"] for r in rows],
            "pain": ["ja" if r["pain_point"] else "nee" for r in rows],
            "need": [r["need"] for r in rows],
        }
    ).to_csv(path, index=False)
    return path


def test_cli_train(tmp_path, rows, capsys):
    csv = write_csv(tmp_path / "labelled.csv", rows[:60])
    out = tmp_path / "model"
    argv = [
        "train",
        str(csv),
        "--text-column",
        "answer",
        "--label-columns",
        "pain,need",
        "--lang",
        "en",
        "--out",
        str(out),
        "--epochs",
        "2",
        "--folds",
        "2",
    ]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "workbench" in printed and "tfidf_logreg" in printed and "saved to" in printed
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["labels"] == ["pain", "need"] and {r["system"] for r in meta["cv"]} == set(SYSTEMS)
    assert len(predict(load_model(out), ["The app crashes all the time."])) == 1


def test_cli_train_errors(tmp_path, rows, capsys):
    csv = write_csv(tmp_path / "labelled.csv", rows[:10])
    base = ["train", str(csv), "--lang", "en", "--out", str(tmp_path / "m"), "--folds", "0"]
    assert main([*base, "--text-column", "text", "--label-columns", "pain"]) == 2
    err = capsys.readouterr().err
    assert "column(s) not found: text" in err and "answer, pain, need" in err
    table = pd.read_csv(csv, dtype=str)
    table.loc[3, "need"] = "maybe"
    table.to_csv(csv, index=False)
    assert main([*base, "--text-column", "answer", "--label-columns", "need"]) == 2
    err = capsys.readouterr().err
    assert "row 4" in err and "'maybe'" in err


def test_read_labelled_blank_is_missing(tmp_path):
    path = tmp_path / "l.csv"
    path.write_text("text;need\nGraag een app;ja\nTe duur;\n;1\n", encoding="utf-8")
    texts, labels = read_labelled(path, "text", ["need"])
    assert texts == ["Graag een app", "Te duur"]
    assert labels["need"].tolist() == [1, pd.NA]


def test_a_label_with_too_few_examples_is_decided_by_the_rules_or_their_vetoed_form():
    """Out of fold, the model is kept only where it beats the rules; else the rules decide, or the
    rules less the texts the model scores very low (a veto)."""
    import numpy as np

    from workbench.coding._textmodel import _choose_mode

    truth = np.array([1, 1, 1, 0, 0, 0, 0, 0])
    rules = np.array([1, 1, 1, 1, 0, 0, 0, 0], dtype=bool)  # one false positive
    noisy = np.array([0.6, 0.2, 0.7, 0.9, 0.1, 0.8, 0.3, 0.2])  # the model alone is worse
    assert _choose_mode(noisy, rules, truth, 0.5) == ("rules", 0.0)
    vetoes = np.array([0.6, 0.4, 0.7, 0.05, 0.1, 0.8, 0.3, 0.2])  # scores the rules' false positive lowest
    mode, cut = _choose_mode(vetoes, rules, truth, 0.5)
    assert mode == "veto" and 0.05 < cut <= 0.4
    sharp = np.array([0.9, 0.8, 0.7, 0.1, 0.1, 0.2, 0.3, 0.2])
    assert _choose_mode(sharp, np.zeros(8, dtype=bool), truth, 0.5) == ("model", 0.5)


def test_codes_that_agree_with_the_rules_give_the_rules_decisions_on_new_text(rows):
    """A researcher whose codes for a label are exactly what the rules found gets a model that
    decides that label as the rules do on texts it has not seen (the rules are the prior)."""
    texts = [r["text"] for r in rows[:150]]
    cues = rule_cues(texts, "en")
    labels = frame(rows[:150]).assign(need=cues.rules["need"].astype(int).to_numpy())
    agreed = train_model(texts, labels, "en", epochs=3, cues=cues)
    assert agreed.stack["need"]["mode"] == "rules"
    probe = [r["text"] for r in rows[150:]]
    expected = rule_cues(probe, "en").rules["need"].astype(int).to_numpy()
    assert 0 < expected.sum() < len(probe)
    np.testing.assert_array_equal(predict(agreed, probe)["need"].to_numpy(), expected)
