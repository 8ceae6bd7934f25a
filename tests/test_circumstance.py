"""What is no pain point or need of the experience: the speaker's own circumstances, rhetorical
questions, and labels whose evaluation lost what it is about (sentences written for these tests)."""

from __future__ import annotations

import os

os.environ.setdefault("PYTHONHASHSEED", "0")

import pytest  # noqa: E402

from workbench.nlp import tag_texts  # noqa: E402


def _tags(texts, lang, **kw):
    doc_tags, tags = tag_texts(texts, lang=lang, return_tags=True, **kw)
    return doc_tags, tags


def _flags(texts, lang, **kw):
    doc_tags, _ = _tags(texts, lang, **kw)
    return list(zip(doc_tags["pain_point"].tolist(), doc_tags["need"].tolist(), strict=True))


# --- rhetorical questions: a complaint, no need -------------------------------------------------

RHETORICAL = {
    "en": ["So can I export it or not?", "Is it really that hard to reply to an email?",
           "Who thought this menu was a good idea?", "Seriously?", "Are you serious?"],
    "nl": ["Kan ik nou exporteren of niet?", "Is het nou echt zo moeilijk om terug te mailen?",
           "Wie verzint zo'n menu?", "Serieus?", "Hoe moeilijk kan het zijn?"],
}
ASKING = {
    "en": ["Where can I download my invoices?", "Is it difficult to set up for a team?",
           "Who can I contact about my contract?"],
    "nl": ["Waar kan ik mijn facturen downloaden?", "Is het moeilijk om in te stellen?",
           "Wie kan ik bellen over mijn contract?"],
}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_rhetorical_question_is_a_pain_point_and_no_need(lang):
    assert _flags(RHETORICAL[lang], lang) == [(1, 0)] * len(RHETORICAL[lang])


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_question_that_asks_stays_a_need(lang):
    assert [need for _, need in _flags(ASKING[lang], lang)] == [1] * len(ASKING[lang])


@pytest.mark.parametrize(("text", "lang"), [("Whether it works or not, I paid for it.", "en"),
                                            ("Of het nou werkt of niet, ik heb betaald.", "nl")])
def test_alternative_outside_a_question_is_no_complaint(text, lang):
    _, tags = _tags([text], lang)
    assert "rhetorical" not in set(tags["value"])


# --- the speaker's own circumstances: persona context, no pain point ----------------------------

OWN = {
    "en": ["Cash is a bit tight these days.", "I'm not really tech-savvy.", "I don't have much money with three kids.",
           "We're broke most of the month.", "I only buy things second-hand."],
    "nl": ["Geld is een beetje krap op het moment.", "Ik ben niet zo technisch.", "Ik heb niet veel tijd naast mijn werk.",
           "Gewoon omdat ik platzak ben.", "Ik bestel bijna nooit iets voor de volle prijs."],
}
COMPLAINTS = {
    "en": ["I can't afford the plan anymore after the price went up.", "I'm not techy and the setup screen was confusing.",
           "I never get my orders on time.", "I don't have time to chase a refund every week."],
    "nl": ["Ik kan het abonnement niet meer betalen sinds de prijsverhoging.",
           "Ik ben niet zo technisch en de app was onduidelijk.", "Ik koop nooit meer iets bij jullie.",
           "Ik heb geen tijd om elke week achter mijn geld aan te zitten."],
}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_own_circumstances_are_no_pain_point(lang):
    assert [pain for pain, _ in _flags(OWN[lang], lang)] == [0] * len(OWN[lang])


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_complaints_with_the_speaker_as_subject_stay_pain_points(lang):
    assert [pain for pain, _ in _flags(COMPLAINTS[lang], lang)] == [1] * len(COMPLAINTS[lang])


@pytest.mark.parametrize(("intro", "other", "text", "lang"), [
    ("Vertel eerst eens wat over jezelf.", "Hoe ging het bestellen?", "We wonen klein, dus niet heel ruim.", "nl"),
    ("Could you tell me a bit about yourself?", "How did the setup go?", "We rent a small flat, so not very big.", "en"),
])
def test_answer_about_oneself_weighs_more(intro, other, text, lang):
    """In an answer to a question about the participant, a first-person sentence with only a weak
    cue is about them; the same sentence after a question about the journey stays as it was."""
    assert _flags([text, text], lang, contexts=[intro, other]) == [(0, 0), (1, 0)]


@pytest.mark.parametrize(("text", "lang"), [
    ("Ik ben al jaren klant, maar de bezorger belt nooit aan.", "nl"),
    ("I've been a customer for years, but support never calls back.", "en"),
])
def test_complaint_told_in_an_introduction_stays_a_pain_point(text, lang):
    intro = {"nl": "Stel je even voor?", "en": "Tell me about yourself."}[lang]
    assert _flags([text], lang, contexts=[intro])[0][0] == 1


@pytest.mark.parametrize(("greeting", "question", "text", "lang"), [
    ("Goedemiddag Ineke, fijn dat je er bent.", "Hoe ging het retourneren?", "Ja, eerder lukt het echt niet.", "nl"),
    ("Good evening Sam, thanks for making the time.", "How did the refund go?", "Yeah, mornings just don't work.",
     "en"),
])
def test_reply_to_a_greeting_is_warm_up(greeting, question, text, lang):
    """A reply to a turn that only greets or thanks is logistics; the same words answering a
    question about the journey stay a pain point."""
    assert _flags([text, text], lang, contexts=[greeting, question]) == [(0, 0), (1, 0)]


@pytest.mark.parametrize(("text", "lang"), [
    ("Hallo! Nou, die bezorger van jullie heeft mijn bank beschadigd.", "nl"),
    ("Hi. Honestly, your app crashed on me twice this week.", "en"),
    ("Hi! The app just doesn't work on my phone.", "en"),
])
def test_a_complaint_in_reply_to_a_greeting_stays(text, lang):
    greeting = {"nl": "Hoi, welkom!", "en": "Hello, welcome!"}[lang]
    assert _flags([text], lang, contexts=[greeting])[0][0] == 1


# --- labels: an evaluation says what it is about ------------------------------------------------

@pytest.mark.parametrize(("label", "sentence", "lang"), [
    ("not a fan", "I'm still not a fan.", "en"),
    ("really not great", "Honestly, really not great.", "en"),
    ("niet goed", "Nee, echt niet goed.", "nl"),
])
def test_label_of_only_an_evaluation_is_not_signed(label, sentence, lang):
    from workbench.nlp.signable import label_problem, signable_label
    from workbench.nlp.syntax import parse

    docs = parse([sentence], lang)
    assert label_problem(label, docs, "pain_point", lang) == "object lost"
    assert signable_label([label], docs, "pain_point", lang) is None


@pytest.mark.parametrize(("label", "sentence", "lang", "expected"), [
    ("not a fan", "The reports, not a fan.", "en", "reports: not a fan"),
    ("niet goed", "De bezorging, niet goed.", "nl", "bezorging: niet goed"),
])
def test_label_of_an_evaluation_takes_its_object_from_the_sentence(label, sentence, lang, expected):
    from workbench.nlp.signable import signable_label
    from workbench.nlp.syntax import parse

    assert signable_label([label], parse([sentence], lang), "pain_point", lang) == expected


def test_label_with_a_pronoun_for_the_product_keeps_its_object():
    """'it' says what is judged (the product); the pronoun checks decide about such labels."""
    from workbench.nlp.signable import label_problem
    from workbench.nlp.syntax import parse

    assert label_problem("wouldn't recommend it", parse(["I wouldn't recommend it."], "en"), "pain_point", "en") is None
