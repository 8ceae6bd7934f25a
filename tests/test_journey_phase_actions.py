"""End to end on a small study of our own (issue 14, C6 + C7): interview turns and survey answers
about a subscription, loaded from files, tagged and mapped; the phases and actions of named
sentences are what a researcher would sign."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.journey import EVERYONE, build_journey_map
from workbench.nlp import tag_documents
from workbench.study import load_study

STUDIES = {
    "nl": {
        "model": "retentie-5",
        "interview": (
            "Interviewer: Hoe kwam je bij FietsAbo terecht?\n"
            "Noor: Ik zag een advertentie in de trein. Ik heb toen de prijzen vergeleken met twee andere aanbieders.\n"
            "Interviewer: En het aanmelden?\n"
            "Noor: Ik heb een proefrit gedaan bij de winkel. Dat ging prima.\n"
            "Interviewer: Hoe verliep het opzeggen?\n"
            "Noor: Ik heb gebeld, een half uur gewacht. Daarna hoorde ik twee weken niks, heel vervelend.\n"
            "Interviewer: Hoe voelde dat?\n"
            "Noor: Ik voelde me echt aan mijn lot overgelaten.\n"
        ),
        "survey": ("respondent_id,Q1,Q2\n"
                   "R1,\"Opzeggen kon alleen per telefoon, dat is echt omslachtig.\",6\n"
                   "R2,Ik heb de klantenservice gebeld maar kreeg nooit antwoord.,4\n"
                   "R3,Mooie fietsen.,9\n"),
        "q1": "Wat wil je ons nog meegeven?",
        # (sentence, phase) of pain points / needs
        "placed": [("hoorde ik twee weken niks", "retention"), ("Opzeggen kon alleen per telefoon", "retention")],
        # (action contains, phase)
        "actions": [("prijzen vergeleken", "consideration"), ("proefrit gedaan", "purchase"),
                    ("gebeld", "retention"), ("klantenservice gebeld", "retention")],
        "not_actions": ["lot overgelaten", "hoorde"],
    },
    "en": {
        "model": "klassiek-5",
        "interview": (
            "Interviewer: How did you find GymBox?\n"
            "Mia: I saw an ad on the bus. I compared the prices with two other gyms.\n"
            "Interviewer: And signing up?\n"
            "Mia: I did a trial class at the club. It went fine.\n"
            "Interviewer: How did cancelling go?\n"
            "Mia: I called them and waited for half an hour. Then I saw nothing for two weeks, really annoying.\n"
            "Interviewer: How did that feel?\n"
            "Mia: I felt completely ignored by the staff.\n"
        ),
        "survey": ("respondent_id,Q1,Q2\n"
                   "R1,\"Cancelling was only possible by phone, which is a hassle.\",6\n"
                   "R2,I called customer service but never got an answer.,4\n"
                   "R3,Great bikes.,9\n"),
        "q1": "Anything else you want to tell us?",
        "placed": [("saw nothing for two weeks", "use_evaluation"),
                   ("Cancelling was only possible by phone", "use_evaluation")],
        "actions": [("compared the prices", "consideration"), ("did a trial class", "purchase"),
                    ("called them", "use_evaluation"), ("called customer service", "use_evaluation")],
        "not_actions": ["ignored", "saw nothing"],
    },
}


def _make(folder, lang: str) -> None:
    spec = STUDIES[lang]
    (folder / "interviews").mkdir(parents=True)
    (folder / "survey").mkdir()
    (folder / "interviews" / "P01.txt").write_text(spec["interview"], encoding="utf-8")
    header = f"respondent_id,\"{spec['q1']}\",NPS\n"
    (folder / "survey" / "export.csv").write_text(header + spec["survey"].split("\n", 1)[1], encoding="utf-8")
    (folder / "study.toml").write_text(
        f'name = "Eigen studie"\nlanguage = "{lang}"\nphase_model = "{spec["model"]}"\n\n'
        '[transcripts]\npaths = ["interviews/*.txt"]\ninterviewer = ["Interviewer"]\n\n'
        '[survey]\npaths = ["survey/export.csv"]\nformat = "plain"\nrespondent_id = "respondent_id"\n',
        encoding="utf-8")


@pytest.fixture(scope="module", params=sorted(STUDIES))
def mapped(request, tmp_path_factory):
    lang = request.param
    folder = tmp_path_factory.mktemp(f"own-{lang}")
    _make(folder, lang)
    study = load_study(folder)
    doc_tags, tags = tag_documents(study.documents(), study.language, study.phase_model, questions=study.questions)
    jm = build_journey_map(study, doc_tags, tags)
    texts = study.documents().set_index("doc_id")["text"]
    return lang, jm, texts


def _phases_of(jm, texts, needle: str) -> set:
    r = jm.resolved[jm.resolved["label"].isin(["pain_point", "need"])]
    found = {ph for d, a, b, ph in zip(r["doc_id"], r["sent_start"], r["sent_end"], r["phase"], strict=True)
             if needle in str(texts[d])[int(a):int(b)]}
    if any(needle in str(t) for t in jm.unplaced["text"]):
        found.add(None)
    return found


def test_named_sentences_are_in_their_phase(mapped):
    lang, jm, texts = mapped
    for needle, phase in STUDIES[lang]["placed"]:
        assert _phases_of(jm, texts, needle) == {phase}, needle


def test_actions_lane_holds_what_the_customer_did_in_its_phase(mapped):
    lang, jm, _ = mapped
    c = jm.cells[(jm.cells["persona"] == EVERYONE) & (jm.cells["lane"] == "actions")]
    lane = list(zip(c["text"], c["phase"], strict=True))
    for needle, phase in STUDIES[lang]["actions"]:
        assert any(needle in str(t) and p == phase for t, p in lane), (needle, phase, lane)
    for needle in STUDIES[lang]["not_actions"]:
        assert not any(needle in str(t) for t, _ in lane), (needle, lane)


def test_an_action_without_a_phase_is_listed_as_phase_unknown(tmp_path):
    """An action in a sentence nothing places is not dropped: it goes to 'phase unknown'."""
    folder = tmp_path / "s"
    _make(folder, "nl")
    extra = "Interviewer: Nog iets?\nNoor: Ik heb zelf een bel op het stuur gemonteerd.\n"
    (folder / "interviews" / "P02.txt").write_text(extra, encoding="utf-8")
    study = load_study(folder)
    doc_tags, tags = tag_documents(study.documents(), study.language, study.phase_model, questions=study.questions)
    jm = build_journey_map(study, doc_tags, tags)
    u = jm.unplaced
    assert isinstance(u, pd.DataFrame)
    rows = u[u["text"].str.contains("een bel op het stuur")]
    assert rows["label"].tolist() == ["action"]
