"""The persona feature matrix: scaling, one question = one weight, gaps, LCA coding, text features."""

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
    assert np.isnan(f.at["r4", "likert:Q1"])  # a gap stays a gap: never everyone's mean or median
    np.testing.assert_allclose(f["nps:Q2"], [0, 0.5, 1, 0.8, 0.9, 1.0])
    # numbers: percentile ranks, so the 1000 outlier is simply the highest
    np.testing.assert_allclose(f["numeric:Q3"], (np.array([1, 3, 5, 6, 4, 2]) - 0.5) / 6)
    assert f["choice:Q4=a"].tolist() == [1, 1, 0, 0, 0, 1]
    # r2 ticked nothing: the multi-select question was left open (NaN), not "none of these" (0)
    assert f["multi:Q5=y"].tolist()[:2] == [0, 1] and np.isnan(f.at["r2", "multi:Q5=y"])
    info = fm.feature_info.set_index("column")
    assert info.at["likert:Q1", "levels"] == 5 and info.at["nps:Q2", "levels"] == 11
    assert info.at["numeric:Q3", "levels"] == 0 and info.at["multi:Q5=x", "block"] == "Q5"


def _block_variance(fm):
    X = fm.frame * fm.weights
    blocks = fm.feature_info.set_index("column")["block"]
    return X.var(ddof=0).groupby(blocks.reindex(X.columns).to_numpy()).sum()


def test_each_question_weighs_one(small):
    answers, qs = small
    fm = build_features(answers, qs)
    # every question, however many columns encode it, has the variance of one evenly spread answer
    np.testing.assert_allclose(_block_variance(fm)[["Q1", "Q2", "Q3", "Q4", "Q5"]], 1 / 12)
    w = fm.weights
    assert w["choice:Q4=a"] == w["choice:Q4=b"] and w["multi:Q5=x"] == w["multi:Q5=y"]
    half = build_features(answers, qs, demographic_weight=0.5)
    assert _block_variance(half)["Q4"] == pytest.approx(0.25 / 12)


def test_a_many_option_question_does_not_outweigh_the_rest():
    # 12 channels, a respondent ticks 3: one question, however many columns it has
    rng = np.random.default_rng(0)
    rows = []
    for i in range(200):
        rid = f"r{i}"
        rows.append((rid, "Q1", "Stelling", "likert", float(rng.integers(1, 6)), "x"))
        rows.append((rid, "Q3", "Bijna iedereen eens", "likert", 5.0 if rng.random() < 0.9 else 4.0, "x"))
        for ch in rng.choice(12, 3, replace=False):
            rows.append((rid, "Q2", "Kanalen", "multi_choice", np.nan, f"kanaal {ch}"))
    fm = build_features(_answers(rows))
    var = _block_variance(fm)
    assert var["Q2"] == pytest.approx(var["Q1"]) == pytest.approx(1 / 12)
    # a question nearly everyone answers alike is scaled up at most 4x, not to a full question
    assert var["Q3"] < 1 / 12 and fm.weights["likert:Q3"] <= 4.0 + 1e-9


def test_gaps_are_reported_and_filled_from_similar_respondents():
    rows = []
    for i in range(40):
        rid = f"r{i}"
        group = i % 2
        rows.append((rid, "Q1", "A", "likert", 1.0 if group == 0 else 5.0, "x"))
        rows.append((rid, "Q2", "B", "likert", 1.0 if group == 0 else 5.0, "x"))
        if i not in (0, 1):  # r0 (group 0) and r1 (group 1) left Q3 open
            rows.append((rid, "Q3", "C", "likert", 2.0 if group == 0 else 4.0, "x"))
    fm = build_features(_answers(rows))
    gaps = fm.gaps.set_index("question_id")
    assert list(gaps.index) == ["Q3"] and gaps.at["Q3", "n_missing"] == 2 and gaps.at["Q3", "share"] == 0.05
    filled = fm.filled()
    # filled from the five most similar respondents, who answered like their own group (no scale
    # range known: 2..4 observed -> 0..1), not with everyone's median (0.5)
    assert filled.at["r0", "likert:Q3"] == 0.0 and filled.at["r1", "likert:Q3"] == 1.0
    assert not filled.isna().any().any() and np.isnan(fm.frame.at["r0", "likert:Q3"])


def test_lca_coding(small):
    answers, qs = small
    data, models = build_features(answers, qs).lca_data()
    assert list(data.columns) == ["likert:Q1", "nps:Q2", "numeric:Q3", "choice:Q4", "multi:Q5=x", "multi:Q5=y"]
    assert models == ["ordinal:5", "ordinal:11", "gaussian", "categorical:2", "binary", "binary"]
    assert data["likert:Q1"].tolist()[:4] == [0, 2, 4, 3] and np.isnan(data.at["r4", "likert:Q1"])
    assert data["nps:Q2"].tolist() == [0, 5, 10, 8, 9, 10]
    assert data["choice:Q4"].tolist() == [0, 0, 1, 1, 1, 0]
    assert np.isnan(data.at["r2", "multi:Q5=x"])
    assert data["numeric:Q3"].is_monotonic_increasing is False and data["numeric:Q3"].idxmax() == "r3"


def test_info_and_dropped(small):
    answers, qs = small
    fm = build_features(answers, qs)
    info = fm.feature_info.set_index("column")
    assert list(fm.feature_info.columns[:4]) == ["column", "kind", "question_id", "question_text"]
    assert info.at["choice:Q4=a", "label"] == "Leeftijd: a"
    assert info.at["likert:Q1", "missing_share"] == pytest.approx(1 / 6)
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
    assert _block_variance(fm)["missing:Q1"] == pytest.approx(0.5**2 / 12)  # half a question


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


def test_an_answer_off_its_stated_scale_is_modelled_as_a_number():
    rows = [(f"r{i}", "Q1", "t", "likert", float(v), "x") for i, v in enumerate([1, 2, 3, 4, 5, 6, 2, 3])]
    qs = schema.conform(pd.DataFrame({"question_id": ["Q1"], "question_text": ["t"], "kind": ["likert"],
                                      "scale_min": [1.0], "scale_max": [5.0]}), schema.QUESTIONS)
    data, models = build_features(_answers(rows), qs).lca_data()
    assert models == ["gaussian"] and data["likert:Q1"].max() == 1.25  # a 6 on a 1..5 scale: no crash
