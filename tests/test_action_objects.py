"""One thing customers did, told with different objects, is one action on the map: 'gegoogeld op
bank', 'gegoogeld op spiegel' and 'gegoogeld op bureau' are one item counted by everyone who said
one of them, not three thin items (the Dutch demo's awareness cell listed four such). Sentences are
written for these tests."""

from __future__ import annotations

import pandas as pd

from workbench.journey.lanes import action_hits
from workbench.phases import load_phase_model


def _hits(texts: list[str], lang: str, phase: str = "awareness") -> pd.DataFrame:
    docs = pd.DataFrame({"text": texts, "kind": "segment"}, index=[f"P{i:02d}#003" for i in range(1, len(texts) + 1)])
    return action_hits(docs, load_phase_model("klassiek-5"), lang, doc_phase=pd.Series(phase, index=docs.index))


def test_same_verb_and_preposition_with_other_objects_is_one_action_counted_by_all():
    hits = _hits(["Ik heb gegoogeld op bank.", "Ik heb gegoogeld op spiegel.", "Ik heb gegoogeld op spiegel.",
                  "Ik heb gegoogeld op eettafel."], "nl")
    assert hits["item"].nunique() == 1
    item = hits["item"].iloc[0]
    assert item.startswith("gegoogeld op spiegel /")  # the object most people named first
    assert {"bank", "eettafel"} <= set(item.replace("/", " ").split())
    assert hits["doc_id"].nunique() == 4


def test_english_objects_merge_and_a_misparsed_adverb_is_no_object():
    hits = _hits(["I recommended it to two colleagues.", "I recommended it to my sister."], "en")
    assert hits["item"].nunique() == 1 and " / " in hits["item"].iloc[0]
    hits = _hits(["I filled in the form twice.", "I filled in the complaint form."], "en")
    assert not hits["item"].str.contains("twice /").any()


def test_different_verbs_or_phases_stay_apart():
    hits = _hits(["Ik heb gegoogeld op bank.", "Ik heb gezocht op spiegel."], "nl")
    assert hits["item"].nunique() == 2
    docs = pd.DataFrame({"text": ["Ik heb gegoogeld op bank.", "Ik heb gegoogeld op spiegel."], "kind": "segment"},
                        index=["P01#003", "P02#003"])
    hits = action_hits(docs, load_phase_model("klassiek-5"), "nl",
                       doc_phase=pd.Series(["awareness", "purchase"], index=docs.index))
    assert hits["item"].nunique() == 2
