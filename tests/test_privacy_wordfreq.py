"""A name or a word, told by how often the word is written (wordfreq), on sentences of our own.

Classes: an everyday word of the language in lower case is no name ("niks", "mee"); a given name
before a capitalised everyday word that no list has as a surname is a brand or product ("Frank
Energie", "Percy Pig"); a capitalised word seldom written at all is a name even as a sentence's
first word, with a verb that takes a person after it; a first name that is also a rare word is a
name in lower case with such a verb ("mo said"). Each class has its counterpart that must stay
(a frequent brand, a hyphenated brand, a frequent word, a real surname after a given name)."""

from __future__ import annotations

import pytest

from workbench.privacy import detect
from workbench.privacy._lexicon import lexicon


def _names(text: str, lang: str) -> list[str]:
    return [h.text for h in detect(text, lang) if h.kind == "person"]


def test_word_frequencies_come_from_the_installed_wheel():
    en, nl = lexicon("en"), lexicon("nl")
    assert en.rarity("the") > 7 > en.rarity("kevin") > 3 > en.rarity("nkemdirim")
    assert "hope" in en.common and "kevin" not in en.common  # a word of English only, a name everywhere
    assert nl.everyday("niks") and nl.everyday("energie") and not nl.everyday("sanne")


@pytest.mark.parametrize("text", [
    "Drie weken wachten op de monteur en er gebeurde niks, helemaal niks.",
    "Neem je pasje mee als je naar de balie gaat, anders kunnen ze niks.",
    "Bedankt voor niks, de storing is er nog steeds.",
])
def test_an_everyday_word_in_lower_case_is_no_name(text):
    assert _names(text, "nl") == []


@pytest.mark.parametrize("text,lang", [
    ("Sinds we bij Frank Energie zitten is de maandtermijn lager.", "nl"),
    ("The corner shop sold out of Percy Pig again before lunch.", "en"),
    ("Our income protection is through Sun Life, and the claim form is six pages.", "en"),
])
def test_a_given_name_before_an_everyday_word_is_a_brand(text, lang):
    assert _names(text, lang) == []


@pytest.mark.parametrize("text,lang,name", [
    ("Ik heb met Pieter Bakker gebeld over de meterstand.", "nl", "Pieter Bakker"),
    ("Sarah Power from billing rang me back within the hour.", "en", "Sarah Power"),
    ("Emma Stone at the front desk printed the receipt again.", "en", "Emma Stone"),
])
def test_a_given_name_before_a_surname_that_is_a_word_stays_a_person(text, lang, name):
    assert name in _names(text, lang)


@pytest.mark.parametrize("text,name", [
    ("Nkemdirim said the parcel would arrive on Friday.", "Nkemdirim"),
    ("Ifeoluwa promised me a refund by the weekend.", "Ifeoluwa"),
])
def test_a_rare_capitalised_word_before_a_person_verb_is_a_name_at_sentence_start(text, name):
    assert _names(text, "en") == [name]


@pytest.mark.parametrize("text", [
    "Medicare said the claim was still open.",
    "Dis-Chem said the script had expired.",
    "Vodafone promised a callback that never came.",
])
def test_a_known_or_hyphenated_brand_at_sentence_start_stays(text):
    assert _names(text, "en") == []


def test_a_first_name_that_is_a_rare_word_is_a_name_in_lower_case_with_a_verb():
    assert _names("mo said he would be late for the viewing", "en") == ["mo"]
    assert _names("did they rob you at the counter or what", "en") == []
    assert _names("will said nothing about the fee", "en") == []  # "will": far too frequent a word


@pytest.mark.parametrize("text,lang,name", [
    ("Please pause the direct debit for June and July, Hae-won Park", "en", "Hae-won Park"),
    ("Kunt u de aansluiting overzetten? Vr.gr. Oksana Hrytsenko 06 12 34 56 78", "nl", "Oksana Hrytsenko"),
    ("Kind regards, Seo-yeon Hwang", "en", "Seo-yeon Hwang"),
])
def test_the_name_that_signs_a_message(text, lang, name):
    assert name in _names(text, lang)


@pytest.mark.parametrize("text,lang", [
    ("We spent the bank holiday in Cork, Kinsale", "en"),
    ("Honestly the quickest delivery I have had, Zalando", "en"),
    ("Het was prima geregeld, Bedankt", "nl"),
])
def test_a_place_brand_or_word_after_the_last_comma_stays(text, lang):
    assert _names(text, lang) == []


@pytest.mark.parametrize("text,lang,name", [
    ("Transcript. Agent Tomasz: can you confirm the name? Customer: Ifeoma Nwachukwu, that's right.", "en",
     "Ifeoma Nwachukwu"),
    ("Chidubem: hello, is my order on its way?", "en", "Chidubem"),
    ("Klant: Dunya Achterberg, ik wacht al drie weken.", "nl", "Dunya Achterberg"),
])
def test_names_that_label_a_turn_in_a_transcript(text, lang, name):
    assert name in _names(text, lang)


@pytest.mark.parametrize("text", [
    "Note: the meter was read on Friday.",
    "Update: Vodafone replied at last.",
    "Customer: Yes, that is the right address.",
])
def test_labels_that_are_words_or_brands_stay(text):
    assert _names(text, "en") == []


@pytest.mark.parametrize("text,lang,name", [
    ("mo wants the spare key back before friday", "en", "mo"),
    ("kez says the van is outside", "en", "kez"),
    ("sterre komt vanavond de sleutel brengen", "nl", "sterre"),
])
def test_a_lower_case_name_that_opens_a_chat_message_before_its_verb(text, lang, name):
    assert _names(text, lang) == [name]


@pytest.mark.parametrize("text,lang", [
    ("bill arrived late again and the total is wrong", "en"),
    ("jack lifts are in the boot of the car", "en"),
    ("rego is due next month for the little car", "en"),
    ("niks werkt meer sinds de update", "nl"),
])
def test_a_lower_case_word_that_opens_a_message_stays(text, lang):
    assert _names(text, lang) == []
