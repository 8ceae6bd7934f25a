"""Names and non-names decided by context (issue 20, round for unseen sets), each on sentences of
our own: a kin aside, a chat opener or an emoji sign-off, where someone works and then a verb, a
surname with initials as on a form, names spelled letter by letter; and the things people give a
person's name (pets, chatbots, storms, wards), names in a list of brands or towns, company
service numbers, and dates of birth said in words in Dutch or as the answer to a question."""

from __future__ import annotations

import pytest

from workbench.privacy import detect


def _found(text: str, lang: str, kind: str = "person") -> list[str]:
    return [h.text for h in detect(text, lang) if h.kind == kind]


@pytest.mark.parametrize("lang,text,name", [
    # a kin aside or "is my <kin>": also a word, a town or a brand that is a first name
    ("en", "Lincoln, my son, set the whole thing up on his laptop.", "Lincoln"),
    ("en", "I: And May, is that your mum on the account? P: Yes, she lives with us.", "May"),
    ("nl", "Storm is mijn oudste en hij regelt alles online.", "Storm"),
    # a chat message that opens with an exclamation or thanks, then a lower-case name
    ("en", "lol hope just sent me the link, works now", "hope"),
    ("en", "lmao joy said the refund came through finally", "joy"),
    ("en", "haha tobi ur bank app is ancient", "tobi"),
    ("en", "ta bazza for sorting the router", "bazza"),
    ("nl", "haha sem stuurde me net een screenshot van de fout", "sem"),
    ("nl", "omg roos stuurde me net de link", "roos"),
    ("nl", "lotte zn moeder heeft ook die storing gehad", "lotte"),
    # a lower-case listed first name that signs after an emoji
    ("nl", "pakket is eindelijk binnen, dank jullie 😊 ilse", "ilse"),
    # where they work, then a verb that takes a person: also a word or an unlisted name at the start
    ("en", "Faith from Aviva rang me back the same afternoon.", "Faith"),
    ("en", "Ife at the Croydon lettings office promised a new boiler.", "Ife"),
    ("en", "ask nkem she has the spare key", "nkem"),
    ("en", "Faith on the ward was lovely to my mum all week.", "Faith"),  # a shift or ward is where they work
    # surname first, then initials, as on a form or a callback note
    ("nl", "Visser, M. wil teruggebeld worden over de meterstand.", "Visser, M"),
    ("en", "Adeyemi, T.O. to be called back about the refund.", "Adeyemi, T.O"),
    # a listed surname after a speaker's role and its colon, with the rest of the name
    ("en", "Account holder: Nguyen Van Long, please send the card to the new address.", "Nguyen Van Long"),
    # a name spelled letter by letter
    ("en", "It's Siobhan, S-I-O-B-H-A-N, the Irish spelling.", "S-I-O-B-H-A-N"),
    ("nl", "Mijn achternaam is Kuipers, K-U-I-P-E-R-S, zonder c.", "K-U-I-P-E-R-S"),
])
def test_names_found_by_their_context(lang, text, name):
    assert name in _found(text, lang)


@pytest.mark.parametrize("lang,text", [
    ("en", "Uh, my husband, he does the bills and I do the shopping."),
    ("en", "I drive a Lincoln, my husband hates it."),
    ("en", "Minecraft is my son's favourite game and the app keeps crashing."),
    ("en", "omg bill was huge this month, no idea why"),
    ("en", "lol this is my sister's account actually"),
    ("en", "thanks again for the quick reply"),
    ("nl", "bedankt allemaal voor de hulp"),
    ("nl", "Dit is mijn man, hij belt straks terug."),
    ("en", "Yes, A. is the right option on the form."),
    ("en", "Hope at the end of the day said nothing about it."),
    ("en", "ask if she knows the code"),
    ("en", "We tested the A-B split and it was fine."),
])
def test_the_same_shapes_without_a_person_stay(lang, text):
    assert _found(text, lang) == []


@pytest.mark.parametrize("lang,text", [
    # pets, chatbots and voice assistants, storms, wards
    ("en", "Our dog Charlie chewed the charger and the warranty won't cover it."),
    ("en", "The chatbot \"Olivia\" kept sending me back to the FAQ page."),
    ("en", "Storm Agnes took the fence down and the insurer is dragging its feet."),
    ("en", "Dad was on Rowan ward for a week and the meals were cold."),
    ("nl", "Onze kat Moos heeft de kabel van de router doorgebeten."),
    ("nl", "De chatbot die Eva heet begrijpt geen enkele vraag."),
    ("nl", "Ons konijn Flip is bang van de robotstofzuiger."),
    # a list whose other items are brands, places or councils, or a list of towns
    ("en", "Charles Schwab, Barclays and Wells Fargo: three pensions, three logins."),
    ("en", "Jordan, Sydney and Paris were the stops on the tour we booked."),
    ("en", "Croydon Council, Sutton Council, they all say it's the other one's road."),
])
def test_things_named_like_people_stay(lang, text):
    assert _found(text, lang) == []


def test_a_list_of_people_and_a_name_before_a_brand_list_stay_names():
    assert _found("I met Sarah, Tom and Priya at the Tesco in Bow.", "en") == ["Sarah", "Tom", "Priya"]
    assert "Gary" in _found("Thanks to Gary, Tesco and Aldi sorted it out.", "en")
    assert "Storm de Vries" in _found("Storm de Vries belde gisteren over de factuur.", "nl")


@pytest.mark.parametrize("lang,text", [
    ("en", "I held for forty minutes on 0345 600 1234 and then got cut off."),
    ("en", "Called the freephone 0800 917 2222 from the back of the card."),
    ("en", "The outage line, 1800 555 123, was engaged all evening."),
    ("en", "Ring 1-888-555-0142 for the claims team."),
    ("nl", "Klantenservice: 088-123 45 00, maar daar krijg je niemand aan de lijn."),
    ("nl", "Het informatienummer 0900-8844 kost ook nog geld per minuut."),
])
def test_company_service_numbers_are_no_personal_phone(lang, text):
    assert _found(text, lang, "phone") == []


@pytest.mark.parametrize("lang,text,number", [
    ("en", "Call me on 0800 123 4567, that's my work line.", "0800 123 4567"),
    ("nl", "Mijn nummer is 088 123 45 67 op het werk.", "088 123 45 67"),
    ("en", "My mobile is 07700 900 461 if the driver gets lost.", "07700 900 461"),
    ("nl", "Bel naar 030 241 7855, dat is ons vaste nummer.", "030 241 7855"),
])
def test_a_number_given_as_ones_own_and_geographic_numbers_stay_phones(lang, text, number):
    assert number in _found(text, lang, "phone")


@pytest.mark.parametrize("lang,text,dob", [
    ("nl", "Ik ben geboren op twaalf maart negentienhonderdachtenvijftig, schrijft u dat op?",
     "twaalf maart negentienhonderdachtenvijftig"),
    ("nl", "Mijn geboortedatum is de derde van de vierde, tweeënnegentig.", "de derde van de vierde, tweeënnegentig"),
    ("nl", "I: Wanneer is uw zoon geboren? P: Zes juni tweeduizendtwaalf.", "Zes juni tweeduizendtwaalf"),
    ("en", "I: And your date of birth, for the form? P: The ninth of July, nineteen sixty-one.",
     "The ninth of July, nineteen sixty-one"),
])
def test_dates_of_birth_said_in_dutch_words_or_as_the_answer(lang, text, dob):
    assert dob in _found(text, lang, "date")


def test_a_said_date_far_from_any_birth_question_stays():
    text = "Geboren en getogen in Zwolle. We verhuisden op drie maart negentienhonderdnegentig naar Kampen."
    assert _found(text, "nl", "date") == []


@pytest.mark.parametrize("text,code", [
    ("My Medicare number's 4012 55671 2, and the IRN is 1.", "4012 55671 2"),
    ("Medicare no. 4012 55671 2, the app still won't take it.", "4012 55671 2"),
])
def test_an_id_after_its_cue_with_s_or_no_keeps_every_digit(text, code):
    assert code in _found(text, "en", "national_id")
