"""Nothing tagged vanishes silently between the tagger and the map: a pain point or need with a
phase is an item of its phase's cell — a theme, else, said by two or more people in the same words,
its own words as a quote-labelled item —; what is said once without a readable label, or read as
no complaint or wish, is no item (a pain lane listing what is no pain would be false) but counted
in the map's note; an item said by more people ranks above one said once, one sentence tagged both a pain point and a need gives one opportunity (without a
doubled question mark), and the note about sentences without a phase counts what its list shows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from workbench import schema
from workbench.journey import build_journey_map
from workbench.journey import labels as L
from workbench.render import to_markdown
from workbench.study import load_study

RAISE = "Abonnement weer duurder en geen bericht waarom."      # five respondents, one wording
SLOW = "De levering duurde twee weken te lang."                 # one respondent
NO_CAR = "Ik heb geen auto."                                    # a negated circumstance: no complaint
HOPE = "Hoop ik, haha."                                         # no wish
QUESTION = "Waarom moet ik elke maand opnieuw mijn adres invullen?"  # tagged pain point and need
LOOSE = "Het etiket was onleesbaar."                            # three answers to a question without a phase
Q2 = {"R1": RAISE, "R2": RAISE, "R3": RAISE, "R4": RAISE, "R5": RAISE, "R6": SLOW, "R7": NO_CAR, "R8": HOPE}
Q3 = {"R1": QUESTION, "R2": QUESTION, "R3": QUESTION, "R4": "Prima.", "R5": "Prima.", "R6": "Prima.",
      "R7": "Prima.", "R8": "Prima."}
Q4 = {"R1": LOOSE, "R2": LOOSE, "R3": LOOSE, "R4": "Nee.", "R5": "Nee.", "R6": "Nee.", "R7": "Nee.", "R8": "Nee."}
#: text -> (label, cue, class) tagged in it
TAGGED = {RAISE: [("pain_point", "geen bericht", "negation")], SLOW: [("pain_point", "te lang", "delay")],
          NO_CAR: [("pain_point", "geen", "negation")], HOPE: [("need", "Hoop ik", "wish")],
          QUESTION: [("pain_point", "Waarom moet ik", "question"), ("need", "Waarom moet ik", "question")],
          LOOSE: [("pain_point", "onleesbaar", "broken")]}
PHASE = {"Q2": "use_evaluation", "Q3": "use_evaluation", "Q4": None}


def _study(folder: Path) -> Path:
    (folder / "survey").mkdir(parents=True, exist_ok=True)
    pd.DataFrame({"respondent_id": list(Q2), "Q2": list(Q2.values()), "Q3": list(Q3.values()),
                  "Q4": list(Q4.values())}).to_csv(folder / "survey" / "export.csv", index=False)
    (folder / "study.toml").write_text(
        'name = "Abonnement"\nlanguage = "nl"\nphase_model = "klassiek-5"\n\n[survey]\n'
        'paths = ["survey/export.csv"]\nformat = "plain"\nrespondent_id = "respondent_id"\n\n'
        '[survey.questions]\nQ2 = { kind = "open", phase = "use_evaluation" }\n'
        'Q3 = { kind = "open", phase = "use_evaluation" }\nQ4 = { kind = "open" }\n', encoding="utf-8")
    return folder


def _tags(study) -> tuple[pd.DataFrame, pd.DataFrame]:
    docs = study.documents()
    rows = []
    for doc_id, text, q in zip(docs["doc_id"], docs["text"].astype(str), docs["question_id"], strict=True):
        for label, cue, value in TAGGED.get(text, []):
            s = text.index(cue)
            rows.append({"doc_id": doc_id, "sent_start": 0, "sent_end": len(text), "start_char": s,
                         "end_char": s + len(cue), "text": cue, "label": label, "value": value,
                         "phase": PHASE[q] or pd.NA, "score": 0.8, "rule_id": "test"})
    tags = schema.conform(pd.DataFrame(rows), schema.TAGS)
    dt = docs[["doc_id"]].copy()
    dt["pain_point"] = dt["doc_id"].isin(tags.loc[tags["label"] == "pain_point", "doc_id"]).astype("int8")
    dt["need"] = dt["doc_id"].isin(tags.loc[tags["label"] == "need", "doc_id"]).astype("int8")
    dt["sentiment"] = 0.0
    dt["phase"] = dt["doc_id"].map(tags.dropna(subset=["phase"]).drop_duplicates("doc_id").set_index("doc_id")["phase"])
    dt["touchpoints"] = ""
    return schema.conform(dt, schema.DOC_TAGS), tags


@pytest.fixture(scope="module")
def mapped(tmp_path_factory):
    study = load_study(_study(tmp_path_factory.mktemp("vanish")))
    dt, tags = _tags(study)
    return study, tags, build_journey_map(study, dt, tags, min_evidence=2, max_items=5)


def test_every_tagged_sentence_with_a_phase_is_in_its_cell(mapped):
    study, tags, jm = mapped
    placed = tags[tags["phase"].notna() & tags["label"].isin(["pain_point", "need"])]
    text = study.documents().set_index("doc_id")["text"]
    placed = placed[~placed["doc_id"].map(text).isin([NO_CAR, HOPE])]  # no complaint, no wish: counted only
    assert placed["doc_id"].map(text).isin([RAISE, SLOW, QUESTION]).all()
    for doc_id, label, phase in zip(placed["doc_id"], placed["label"], placed["phase"], strict=True):
        lane = "pain_points" if label == "pain_point" else "needs"
        cell = jm.cell("everyone", phase, lane)
        assert any(doc_id in ids for ids in cell["evidence_ids"]), (doc_id, label)
        shown = jm.cell_evidence("everyone", phase, lane)
        assert doc_id in set(shown["doc_id"]), (doc_id, label)  # and in the evidence sheet


def test_an_item_of_five_people_ranks_above_items_said_once(mapped):
    _, _, jm = mapped
    cell = jm.cell("everyone", "use_evaluation", "pain_points")
    assert cell["n_evidence"].iloc[0] == 5
    assert "duurder" in cell["text"].iloc[0].lower()  # a readable label: a theme, or the words said
    assert cell["n_evidence"].is_monotonic_decreasing


def test_no_complaint_is_no_item_but_counted_in_the_note(mapped):
    _, _, jm = mapped
    for lane in ("pain_points", "needs"):
        cell = jm.cell("everyone", "use_evaluation", lane)
        assert not cell["text"].map(lambda x: L.is_other(x, "nl")).any()
        assert not cell["text"].str.contains("auto|Hoop ik").any()
    assert not any(NO_CAR in q for q in jm.quotes["text"])
    assert any("niet als klacht of wens gelezen" in n and "tags.csv" in n for n in jm.notes)


def test_one_sentence_tagged_pain_and_need_gives_one_opportunity(mapped):
    _, _, jm = mapped
    opps = jm.opportunities[jm.opportunities["persona"] == "everyone"]
    asked = opps[opps["text"].str.contains("adres")]
    assert len(asked) == 1, asked["text"].tolist()
    for text in opps["text"]:
        assert "?’?" not in text and "’”" not in text and "“" not in text, text
        assert text.count("?") == 1, text


def test_the_note_counts_the_texts_its_list_shows(mapped):
    _, _, jm = mapped
    md = to_markdown(jm).replace("\\", "")
    line = next(x for x in md.splitlines() if "Het etiket was onleesbaar" in x)
    assert "(n=3)" in line  # three answers, one line
    assert "3 teksten met een pijnpunt, behoefte of actie hebben geen fase (1 verschillende" in md
    assert "teksten" in md.split("\n## ")[1].split("\n")[2] and "documenten" not in md


def test_a_complaint_and_a_different_wish_in_one_sentence_stay_two_opportunities():
    from workbench.journey.assemble import _one_per_evidence

    same = frozenset({("R1@Q2", 0), ("R2@Q2", 0), ("R3@Q2", 0)})
    derived = pd.DataFrame({"persona": ["everyone"] * 3, "phase": ["p"] * 3, "value": [3.0, 2.1, 2.1],
                            "text": ["pain", "need", "need again"]})
    words = ["vervelend dat ik een account moest aanmaken", "wil als gast bestellen",
             "vervelend dat ik een account moest aanmaken"]
    kept = _one_per_evidence(derived, [same, same, same], words)
    assert kept["text"].tolist() == ["pain", "need"]
