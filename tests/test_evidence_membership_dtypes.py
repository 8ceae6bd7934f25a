"""Persona membership of evidence documents: linking interview and survey documents to their
persona must not warn (a warning printed in the middle of `workbench run`'s progress bar)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from workbench.journey._evidence import membership

GROUPS = pd.DataFrame({"persona_id": [0, 1], "persona": ["planners", "hurried"]})


def _docs(respondents, participants, index):
    return pd.DataFrame({"respondent_id": pd.array(respondents, dtype="string"),
                         "participant_id": pd.array(participants, dtype="string")}, index=index)


CASES = {
    # interviews only: no document has a respondent, so the survey side is all missing
    "interviews only": (_docs([None, None], ["P01", "P02"], ["P01#001", "P02#001"]),
                        pd.DataFrame({"respondent_id": [None], "participant_id": ["P01"], "persona": [1]}),
                        {("P01#001", "hurried")}),
    # survey only: no document has a participant
    "survey only": (_docs(["R1", "R2"], [None, None], ["R1@Q1", "R2@Q1"]),
                    pd.DataFrame({"respondent_id": ["R1", "R2"], "participant_id": [None, None],
                                  "persona": [0, -1]}),
                    {("R1@Q1", "planners")}),
    "no document in a persona": (_docs(["R1", "R2"], [None, None], ["R1@Q1", "R2@Q1"]),
                                 pd.DataFrame({"respondent_id": ["R9"], "participant_id": [None], "persona": [1]}),
                                 set()),
    "both": (_docs(["R1", None], [None, "P01"], ["R1@Q1", "P01#001"]),
             pd.DataFrame({"respondent_id": ["R1", None], "participant_id": [None, "P01"], "persona": [0, 1]}),
             {("R1@Q1", "planners"), ("P01#001", "hurried")}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_membership_without_warnings(case):
    docs, personas, expected = CASES[case]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = membership(docs, personas, GROUPS)
    # pandas points its warnings at the caller: none may come from the workbench's own code
    ours = [f"{w.category.__name__}: {w.message}" for w in caught if "workbench" in w.filename]
    assert not ours, ours
    assert set(out.loc[out["persona"] == "everyone", "doc_id"]) == set(docs.index)
    mine = {(d, p) for d, p in out[["doc_id", "persona"]].itertuples(index=False) if p != "everyone"}
    assert mine == expected
