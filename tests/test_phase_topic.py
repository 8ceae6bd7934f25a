"""A question that names no phase and no topic of its own goes on with the conversation's topic.

"En was alles in orde?" after a delivery story, "Wat ging er door je heen?", "Stond die zithoogte
erbij?": the reply takes the phase the conversation is in (the latest question or answer that
named one). The warm-up before any phase was named stays without a phase, and so does the reply
to a question with a topic of its own the phase model does not know ("Hoe vind je de sfeer?").
"""

from __future__ import annotations

import pandas as pd
import pytest

from workbench import load_study, tag_documents
from workbench.nlp.syntax import parse
from workbench.nlp.signable import label_problem
from workbench.nlp import tag_texts

STORIES = {
    "nl": ("Interviewer: Fijn dat je er bent, het duurt ongeveer een uur. Is het goed als ik je tutoyeer?\n"
           "Sanne: Ja hoor. Ik ben Sanne, ik woon in een klein huis, dus niet heel veel ruimte.\n"
           "Interviewer: Hoe ging de bezorging?\n"
           "Sanne: Die kwam een dag te laat, maar de bezorger was aardig.\n"
           "Interviewer: En was alles in orde?\n"
           "Sanne: Nee. De lampenkap had een deuk en de voet zat los.\n"
           "Interviewer: Wat ging er door je heen?\n"
           "Sanne: Ik was echt teleurgesteld.\n"
           "Interviewer: Hoe vind je de sfeer in je buurt?\n"
           "Sanne: Ongezellig, eerlijk gezegd.\n",
           "use_evaluation", ["lampenkap had een deuk", "echt teleurgesteld"], ["klein huis", "Ongezellig"]),
    "en": ("Interviewer: Thanks for joining, this takes about an hour. Is it OK to record?\n"
           "Tom: Sure. I'm Tom, we live in a small flat, so not a lot of space.\n"
           "Interviewer: How did the delivery go?\n"
           "Tom: It came a day late, but the driver was nice.\n"
           "Interviewer: And was everything all right?\n"
           "Tom: No. The lampshade had a dent and the base was loose.\n"
           "Interviewer: How did you feel?\n"
           "Tom: I was really disappointed.\n"
           "Interviewer: What do you think of the atmosphere in your street?\n"
           "Tom: Unpleasant, to be honest.\n",
           "use_evaluation", ["lampshade had a dent", "really disappointed"], ["small flat", "Unpleasant"]),
}


@pytest.mark.parametrize("lang", sorted(STORIES))
def test_a_question_without_a_topic_goes_on_with_the_conversation(tmp_path, lang):
    text, phase, carried, unplaced = STORIES[lang]
    (tmp_path / "interviews").mkdir()
    (tmp_path / "interviews" / "P01.txt").write_text(text, encoding="utf-8")
    (tmp_path / "study.toml").write_text(
        f'name = "s"\nlanguage = "{lang}"\nphase_model = "klassiek-5"\n[transcripts]\npaths = ["interviews/*.txt"]\n'
        'interviewer = ["Interviewer"]\n', encoding="utf-8")
    study = load_study(tmp_path)
    docs = study.documents()
    doc_tags, _ = tag_documents(docs, study.language, study.phase_model)
    phase_of = dict(zip(doc_tags["doc_id"], doc_tags["phase"], strict=True))
    for needle in carried:
        doc = docs.loc[docs["text"].str.contains(needle), "doc_id"].iloc[0]
        assert phase_of[doc] == phase, needle
    for needle in unplaced:  # the warm-up; a topic of its own the phase model does not know
        doc = docs.loc[docs["text"].str.contains(needle), "doc_id"].iloc[0]
        assert pd.isna(phase_of[doc]), needle


@pytest.mark.parametrize("lang, label, sentence, problem", [
    ("nl", "niet heel groot", "Niet heel groot, maar wel zichtbaar als je ervoor staat.", "concession"),
    ("nl", "niet zichtbaar", "Er zat een kras op. Niet zichtbaar,\nmaar ik heb het wel gemeld.", "concession"),
    ("en", "not very big", "Not very big, but you can see it when you stand in front of it.", "concession"),
    ("nl", "de uitleg was niet duidelijk", "De uitleg was niet duidelijk.", None),
    ("nl", "ik snap dat het niet gratis kan", "Ik snap dat het niet gratis kan, maar twintig euro is echt te veel.",
     "concession"),
    ("en", "I understand they need to check", "I understand they need to check, but three weeks is too long.",
     "concession"),
    ("nl", "ik snap niet waarom het zo lang duurde", "Ik snap niet waarom het zo lang duurde.", None),
])
def test_a_granted_point_is_no_pain_label(lang, label, sentence, problem):
    assert label_problem(label, parse([sentence], lang), "pain_point", lang) == problem


def test_a_pointing_object_left_out_of_a_wish_still_points_back():
    sentence = "Ja, dat snap ik, maar zet dat dan bij de code, dan weet je het."
    assert label_problem("zet dan bij de code", parse([sentence], "nl"), "need", "nl") == "pronoun object"
    assert label_problem("zet de voorwaarden bij de code", parse(["Zet de voorwaarden bij de code."], "nl"),
                         "need", "nl") is None


@pytest.mark.parametrize("lang, text, need", [
    ("nl", "Ik zeg hem niet op, want dan mis ik de sale.", 0),
    ("nl", "Ik blijf lid, anders mis ik de aanbiedingen.", 0),
    ("nl", "Dan mis ik de knop om op te zeggen.", 1),
    ("nl", "Ik mis een filter op prijs.", 1),
    ("en", "I keep the newsletter, otherwise I'd miss the sale.", 0),
    ("en", "I miss a filter on price.", 1),
])
def test_missing_out_as_a_consequence_is_no_need(lang, text, need):
    assert tag_texts([text], lang=lang)["need"].tolist() == [need]
