"""Personas on the Dutch demo study recover its planted respondent types."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from workbench.errors import WorkbenchError
from workbench.personas import fit_personas

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEMO = Path(__file__).resolve().parents[1] / "surveys" / "webshop-nl"
EXPORT = DEMO / "survey" / "qualtrics_export.csv"
TRUTH = DEMO / "survey" / "planted_types.csv"


def _demo():
    if not (EXPORT.exists() and TRUTH.exists()):
        pytest.skip(f"demo survey not generated yet ({EXPORT.relative_to(DEMO.parents[1])}, planted_types.csv)")
    try:
        from workbench.study import load_study

        return load_study(DEMO)
    except WorkbenchError:
        # the study's interviews may be missing; the survey alone is enough for personas
        from workbench.io.surveys import parse_survey

        cfg = tomllib.loads((DEMO / "study.toml").read_text(encoding="utf-8"))
        qs = cfg["survey"]["questions"]
        s = parse_survey(EXPORT, format="qualtrics", respondent_id="ResponseId", questions=qs)
        questions = s.questions.copy()
        for qid, conf in qs.items():
            for key in ("phase", "metric"):
                if key in conf:
                    questions.loc[questions["question_id"] == qid, key] = conf[key]
        return {"answers": s.answers, "questions": questions, "respondents": s.respondents, "language": "nl"}


def test_demo_planted_types_recovered():
    study = _demo()
    truth = pd.read_csv(TRUTH).set_index("respondent_id")["type"]
    res = fit_personas(study, n_boot=20)
    assert res.clusterer.n_clusters_ == 4
    assert res.k_scores.set_index("k")["score"].idxmax() == 4
    ari = adjusted_rand_score(truth.reindex(res.labels.index), res.labels)
    assert ari >= 0.8, f"ARI {ari:.2f} vs the planted types"
    assert all(c.verdict == "stable" for c in res.cards)
    assert len({c.name for c in res.cards}) == 4
