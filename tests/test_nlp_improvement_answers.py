"""Answers to an improvement question are needs even when terse (workbench.nlp.improvement).

A researcher reads the answers to "Wat zou je verbeteren?" / "What's one thing you'd change?"
as wishes; before, only the few that held a wish word reached the map. Texts are our own.
"""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.nlp import tag_documents, tag_texts
from workbench.nlp.improvement import asks_improvement, is_non_answer


def _tag(texts: list[str], lang: str, question: str | None):
    contexts = [question] * len(texts) if question else None
    return tag_texts(texts, lang, contexts=contexts, return_tags=True)


@pytest.mark.parametrize(("question", "lang"), [
    ("Wat zou je verbeteren?", "nl"),
    ("Wat moet de webwinkel beter doen?", "nl"),
    ("Laatste vraag: wat zou de bank moeten verbeteren?", "nl"),
    ("Wat zou u willen dat de verzekeraar anders doet?", "nl"),
    ("Wat zou je helpen in zo'n geval?", "nl"),
    ("What's one thing you'd change about the shop?", "en"),
    ("Anything we could do better?", "en"),
    ("Right. If you could change one thing there?", "en"),
    ("What would you have wanted?", "en"),
    ("How could we improve?", "en"),
])
def test_improvement_questions_are_recognised(question, lang):
    assert asks_improvement(question, lang)


@pytest.mark.parametrize(("question", "lang"), [
    ("Hoe ging het bestellen?", "nl"),
    ("Wat is er veranderd sinds je verhuisde?", "nl"),
    ("Stel dat je weer zou verhuizen, wat zou je dan anders doen?", "nl"),  # the participant's own plan
    ("Heb je nog opmerkingen?", "nl"),
    ("What changed after that?", "en"),
    ("Why did you change insurers?", "en"),
    ("Anything else you'd like to tell us?", "en"),
])
def test_other_questions_are_not(question, lang):
    assert not asks_improvement(question, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Een telefoonnummer.", "nl"),
    ("Pinautomaten in de winkel!!", "nl"),
    ("Eén contactpersoon voor alles.", "nl"),
    ("Gewoon een factuur op papier, kort, op één pagina.", "nl"),
    ("Hou je aan je beloftes.", "nl"),
    ("De wachtrij weg, of een knop voor een medewerker.", "nl"),
])
def test_terse_dutch_answers_to_an_improvement_question_are_needs(text, lang):
    doc_tags, tags = _tag([text], lang, "Wat zou je verbeteren aan de bank?")
    assert doc_tags["need"].tolist() == [1]
    assert (tags["label"].astype(str) == "need").any()


@pytest.mark.parametrize("text", [
    "An email address.",
    "Card top ups in the shop!!",
    "a login code by email instead of the selfie when you switch laptop",
    "drop the voice menu",
    "quicker answers",
])
def test_terse_english_answers_to_an_improvement_question_are_needs(text):
    doc_tags, _ = _tag([text], "en", "What's one thing you'd change?")
    assert doc_tags["need"].tolist() == [1]


def test_the_same_answers_without_the_question_are_not_made_needs():
    doc_tags, _ = _tag(["An email address.", "A tracker for my claim."], "en", "How did you hear about us?")
    assert doc_tags["need"].tolist() == [0, 0]


@pytest.mark.parametrize(("texts", "lang", "question"), [
    (["nee", "niks", "n.v.t.", "geen idee", "Nee hoor, alles prima zo."], "nl", "Wat zou je verbeteren?"),
    (["nothing", "Nothing really, all good.", "keep it up", "idk", "-", "nothing major"], "en",
     "What's one thing you'd change?"),
])
def test_non_answers_get_no_need_and_no_pain(texts, lang, question):
    doc_tags, _ = _tag(texts, lang, question)
    assert doc_tags["need"].tolist() == [0] * len(texts)
    assert doc_tags["pain_point"].tolist() == [0] * len(texts)
    assert all(is_non_answer(t, lang) for t in texts if t != "keep it up") or lang == "en"


def test_praise_in_answer_to_an_improvement_question_is_no_need():
    doc_tags, _ = _tag(["The website is great, I love it."], "en", "Anything we could do better?")
    assert doc_tags["need"].tolist() == [0]


def test_a_complaint_in_such_an_answer_stays_a_pain_point():
    doc_tags, tags = _tag(["The website crashes every time I log in."], "en", "Anything we could do better?")
    assert doc_tags["pain_point"].tolist() == [1]
    assert "answer.improvement.en" not in set(tags["rule_id"])


def test_interview_answer_after_an_improvement_question_is_a_need():
    docs = pd.DataFrame({
        "doc_id": ["P9#000", "P9#001", "P9#002", "P9#003"],
        "source": "P9", "kind": "segment",
        "role": ["interviewer", "participant", "interviewer", "participant"],
        "text": ["Hoe ging het overstappen?", "Dat ging vlot.", "Als je één ding mocht veranderen, wat zou je veranderen?",
                 "Eén vaste contactpersoon."],
        "context": [None, "Hoe ging het overstappen?", None,
                    "Als je één ding mocht veranderen, wat zou je veranderen?"],
    })
    doc_tags, tags = tag_documents(docs, "nl")
    assert doc_tags.set_index("doc_id").loc["P9#003", "need"] == 1
    assert doc_tags.set_index("doc_id").loc["P9#001", "need"] == 0
    row = tags[tags["doc_id"] == "P9#003"]
    assert row["text"].tolist()[-1] == "Eén vaste contactpersoon."


@pytest.mark.parametrize(("text", "lang"), [
    ("If the bank had a student account I'd stay for sure.", "en"),
    ("If they fixed the card limits I'd move everything over.", "en"),
    ("I'd switch today if they offered a joint account.", "en"),
    ("Als ze een gezamenlijke rekening hadden, zou ik zeker blijven.", "nl"),
    ("What I want is a way to tell the app that I'm travelling, so it doesn't freeze my card.", "en"),
    ("And a way to warn the app before a big purchase.", "en"),
])
def test_conditional_wishes_are_needs(text, lang):
    doc_tags, _ = _tag([text], lang, None)
    assert doc_tags["need"].tolist() == [1]


def test_a_recommendation_to_others_is_no_wish():
    doc_tags, _ = _tag(["Wil je een rustige plek, dan zouden we de achterkant aanraden."], "nl", None)
    assert doc_tags["need"].tolist() == [0]


def test_a_wished_for_thing_that_works_is_no_praise():
    text = "A fixed delivery day and a tracker that just works. That's it, really."
    doc_tags, tags = _tag([text], "en", "What would you have wanted instead?")
    assert doc_tags["need"].tolist() == [1]
    wish = tags.loc[tags["rule_id"] == "answer.improvement.en", "text"].tolist()
    assert wish == ["A fixed delivery day and a tracker that just works."]


@pytest.mark.parametrize(("sentence", "lang", "label"), [
    ("A tracker for my insurance claim.", "en", "wants a tracker for my insurance claim"),
    ("Een vaste contactpersoon.", "nl", "wil een vaste contactpersoon"),
])
def test_a_need_naming_the_thing_wanted_is_labelled_as_a_wish(sentence, lang, label):
    from workbench.nlp.phrases import theme_phrase
    from workbench.nlp.syntax import parse

    phrase = theme_phrase(parse([sentence], lang)[0], (0, len(sentence)), "need")
    assert phrase is not None and phrase.label == label and phrase.complete
