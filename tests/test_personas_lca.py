"""Latent class analysis on planted surveys read through the survey reader: the planted types
come back, in both languages, with 5- and 7-point scales, multi-selects and gaps."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from workbench.io.surveys import parse_survey
from workbench.personas import fit_personas, make_survey
from workbench.personas._lca import encode, fit_stepmix, n_parameters


def _frames(survey, tmp_path):
    s = parse_survey(survey.write(tmp_path / "export.csv"))
    return {"answers": s.answers, "questions": s.questions, "respondents": s.respondents,
            "language": survey.design["lang"]}, s


def test_planted_survey_reads_as_designed(tmp_path):
    survey = make_survey(3, 150, lang="nl", points=7, multi_options=(6,), n_numbers=1, gap_share=0.2, seed=4)
    frames, s = _frames(survey, tmp_path)
    kinds = s.questions.set_index("question_id")["kind"].astype(str)
    likert = s.questions[kinds.to_numpy() == "likert"]
    assert len(likert) == 10 + 3 + 1 and set(likert["scale_max"]) == {7.0}
    assert (kinds == "multi_choice").sum() == 1 and (kinds == "nps").sum() == 1
    assert sorted(survey.truth.value_counts()) == sorted(survey.design["sizes"]) and min(survey.design["sizes"]) >= 12
    blank = survey.table.filter(like="getal 1").iloc[:, 0].eq("").mean()
    assert 0.1 < blank < 0.3


@pytest.mark.parametrize("lang, points, k, n, seed", [("nl", 5, 4, 300, 11), ("en", 7, 3, 240, 12)])
def test_lca_finds_the_planted_types(tmp_path, lang, points, k, n, seed):
    survey = make_survey(k, n, lang=lang, points=points, multi_options=(12,), n_choice=2, n_numbers=1,
                         gap_share=0.15, n_noise=1, seed=seed)
    frames, _ = _frames(survey, tmp_path)
    res = fit_personas(frames, n_boot=5)
    assert res.clusterer.n_clusters_ == k
    assert adjusted_rand_score(survey.truth.reindex(res.labels.index), res.labels) >= 0.9
    gaps = {"nl": ("Open gelaten:", "latente-klassenanalyse"), "en": ("Gaps:", "latent class analysis")}[res.lang]
    assert any(n.startswith(gaps[0]) and gaps[1] in n for n in res.notes)
    assert len({c.name for c in res.cards}) == k and all(c.verdict for c in res.cards)


def test_a_channel_question_no_longer_makes_its_own_personas(tmp_path):
    # four types, a 12-option channel question with three channels per type: one question
    # among others, not eight personas of channel combinations
    survey = make_survey(4, 320, lang="en", n_statements=8, n_satisfaction=0, multi_options=(12,), n_choice=1,
                         n_numbers=0, n_noise=1, seed=5)
    frames, _ = _frames(survey, tmp_path)
    for algorithm in ("lca", "kmeans"):
        res = fit_personas(frames, algorithm=algorithm, n_boot=0)
        assert res.clusterer.n_clusters_ == 4, algorithm
        assert adjusted_rand_score(survey.truth.reindex(res.labels.index), res.labels) >= 0.8, algorithm


def test_the_ordinal_model_fits_any_item_shape_with_one_class():
    # one class, k + L - 2 = L - 1 free parameters per item: the item's own answer distribution
    rng = np.random.default_rng(0)
    X = np.column_stack([rng.choice(5, 400, p=[0.05, 0.1, 0.2, 0.25, 0.4]),
                         rng.choice(7, 400, p=[0.3, 0.05, 0.05, 0.2, 0.05, 0.05, 0.3])]).astype(float)
    Z, desc = encode(X, ["ordinal:5", "ordinal:7"])
    sm, converged = fit_stepmix(Z, desc, 1, n_init=1, random_state=0)
    for j, L in enumerate((5, 7)):
        probs = np.exp(sm._mm.models[f"ordinal:{L}"]._log_probs()[0, 0])
        observed = np.bincount(X[:, j].astype(int), minlength=L) / 400
        np.testing.assert_allclose(probs, observed, atol=0.01)
    assert converged and sm.n_parameters == n_parameters(["ordinal:5", "ordinal:7"], 1) == 4 + 6
    assert n_parameters(["ordinal:5", "categorical:3", "binary", "gaussian"], 3) == 2 + 6 + 6 + 3 + 6
