"""The persona feature matrix: scaling, one-hot, missing values, weights, text features."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _personas_data import make_study

from workbench import schema
from workbench.errors import WorkbenchError
from workbench.personas import build_features, features_for_participants


def _answers(rows):
    return schema.conform(pd.DataFrame(rows, columns=list(schema.ANSWERS)), schema.ANSWERS)


@pytest.fixture
def small():
    rows = []
    for i, (lik, nps, num, choice, multi) in enumerate(
        [(1, 0, 10, "a", ["x"]), (3, 5, 20, "a", ["x", "y"]), (5, 10, 30, "b", []), (4, 8, 1000, "b", ["y"]),
         (None, 9, 25, "b", ["x"]), (2, 10, 15, "a", ["y"])]
    ):
        rid = f"r{i}"
        if lik is not None:
            rows.append((rid, "Q1", "Stelling - Ik let op de prijs", "likert", float(lik), str(lik)))
        rows.append((rid, "Q2", "Aanbevelen?", "nps", float(nps), str(nps)))
        rows.append((rid, "Q3", "Bedrag", "numeric", float(num), str(num)))
        rows.append((rid, "Q4", "Leeftijd", "choice", np.nan, choice))
        for m in multi:
            rows.append((rid, "Q5", "Kanalen", "multi_choice", np.nan, m))
        rows.append((rid, "Q6", "Constant", "likert", 3.0, "3"))
        rows.append((rid, "Progress", "Progress", "numeric", 100.0, "100"))
        rows.append((rid, "Q7", "Open", "open", np.nan, "tekst"))
    qs = schema.conform(pd.DataFrame({"question_id": ["Q1", "Q2", "Q6"], "question_text": ["Stelling - Ik let op de prijs",
                                      "Aanbevelen?", "Constant"], "kind": ["likert", "nps", "likert"],
                                      "scale_min": [1.0, 0.0, 1.0], "scale_max": [5.0, 10.0, 5.0]}), schema.QUESTIONS)
    return _answers(rows), qs


def test_columns_and_scaling(small):
    answers, qs = small
    fm = build_features(answers, qs)
    f = fm.frame
    assert list(f.index) == [f"r{i}" for i in range(6)]
    assert f.columns.tolist() == ["likert:Q1", "nps:Q2", "numeric:Q3", "choice:Q4=a", "choice:Q4=b",
                                  "multi:Q5=x", "multi:Q5=y"]
    np.testing.assert_allclose(f.loc[["r0", "r1", "r2", "r3", "r5"], "likert:Q1"], [0, 0.5, 1, 0.75, 0.25])
    assert f.at["r4", "likert:Q1"] == pytest.approx(f["likert:Q1"].drop("r4").mean())  # imputed with the mean
    np.testing.assert_allclose(f["nps:Q2"], [0, 0.5, 1, 0.8, 0.9, 1.0])
    # numeric: (x - median) / (2 IQR), clipped at +-1.5 -> the 1000 outlier is clipped
    x = pd.Series([10, 20, 30, 1000, 25, 15], dtype=float)
    iqr = x.quantile(0.75) - x.quantile(0.25)
    expected = ((x - x.median()) / (2 * iqr)).clip(-1.5, 1.5)
    np.testing.assert_allclose(f["numeric:Q3"], expected)
    assert f["numeric:Q3"].max() == 1.5
    assert f["choice:Q4=a"].tolist() == [1, 1, 0, 0, 0, 1]
    assert f["multi:Q5=y"].tolist() == [0, 1, 0, 1, 0, 1]


def test_info_weights_and_dropped(small):
    answers, qs = small
    fm = build_features(answers, qs, demographic_weight=0.25)
    info = fm.feature_info.set_index("column")
    assert list(fm.feature_info.columns[:4]) == ["column", "kind", "question_id", "question_text"]
    assert info.at["choice:Q4=a", "weight"] == pytest.approx(0.25 / np.sqrt(2))
    assert info.at["likert:Q1", "weight"] == 1.0
    assert info.at["choice:Q4=a", "label"] == "Leeftijd: a"
    assert info.at["likert:Q1", "missing_share"] == pytest.approx(1 / 6)
    np.testing.assert_allclose(fm.weighted()["choice:Q4=a"], fm.frame["choice:Q4=a"] * 0.25 / np.sqrt(2))
    reasons = fm.dropped.set_index("column")["reason"]
    assert reasons["likert:Q6"] == "near-constant"
    assert reasons["numeric:Progress"] == "survey metadata"
    assert fm.kinds == ["likert", "nps", "numeric", "choice", "multi"]
    assert fm.select(kinds=["choice"]).columns == ["choice:Q4=a", "choice:Q4=b"]
    with pytest.raises(WorkbenchError):
        fm.select(kinds=["bogus"])


def test_missing_indicator_and_exclusions(small):
    answers, qs = small
    more_missing = answers[~((answers["question_id"] == "Q1") & answers["respondent_id"].isin(["r0", "r1"]))]
    fm = build_features(more_missing, qs, exclude_questions=["Q3"], include=("likert", "nps"))
    assert "missing:Q1" in fm.columns and fm.frame["missing:Q1"].tolist() == [1, 1, 0, 0, 1, 0]
    assert "numeric:Q3" not in fm.columns
    assert not any(c.startswith("choice:") for c in fm.columns)
    assert fm.feature_info.set_index("column").at["missing:Q1", "weight"] == 0.5


def test_respondents_define_rows(small):
    answers, qs = small
    resp = schema.conform(pd.DataFrame({"respondent_id": ["r5", "r0", "zz"]}), schema.RESPONDENTS)
    fm = build_features(answers, qs, respondents=resp)
    assert list(fm.index) == ["r5", "r0", "zz"]


def test_bad_input():
    with pytest.raises(WorkbenchError, match="lacks column"):
        build_features(pd.DataFrame({"x": [1]}))
    with pytest.raises(WorkbenchError, match="no usable"):
        build_features(_answers([("a", "Q1", "t", "open", np.nan, "x")]))


def test_text_features_and_participants():
    s = make_study(n_per_type=10)
    fm = build_features(s["answers"], s["questions"], respondents=s["respondents"], doc_tags=s["doc_tags"],
                        documents=s["documents"], phases=s["phases"])
    f = fm.frame
    assert f.at["R001", "text:pain_share:purchase"] == 1.0  # a price type: its one answer is a purchase pain
    assert f.at["R001", "text:need_share:purchase"] == 0.0
    assert f.at["R015", "text:need_share:use_evaluation"] == 1.0
    assert f.at["R001", "text:touchpoint:checkout"] == 1.0 and f.at["R015", "text:touchpoint:checkout"] == 0.0
    assert f.at["R001", "text:sentiment"] == pytest.approx(0.25)
    text_cols = [c for c in fm.columns if c.startswith("text:")]
    pf = features_for_participants(s["documents"], s["doc_tags"], columns=text_cols, phases=s["phases"])
    assert pf.columns == text_cols
    assert sorted(pf.index) == ["P01", "P02"]
    assert pf.frame.at["P02", "text:need_share:consideration"] == 1.0  # interviewer turns are not counted
    assert pf.frame.at["P01", "text:touchpoint:checkout"] == 1.0
    assert pf.frame.at["P01", "text:touchpoint:payment_page"] == 0.0
