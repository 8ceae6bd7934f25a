"""General English recall classes (issue 20, round for unseen sets), each on sentences of our own:
the whole address with its unit, building, road number and rural route; the postcode after an
address in any English-speaking country's shape; plates after a cue in any country's shape; dates
of birth in every written and spoken form; names by position. Each class also has sentences where
the same shape is *not* personal data."""

from __future__ import annotations

import re

import pytest

from workbench.privacy import detect


def _found(text: str, kind: str) -> list[str]:
    return [h.text for h in detect(text, "en") if h.kind == kind]


@pytest.mark.parametrize("text,span", [
    ("We're in Suite 904 - 15 Lakeshore Blvd now, so update the file.", "Suite 904 - 15 Lakeshore Blvd"),
    ("Post it to Unit 3/118 Beach Road, the side gate.", "Unit 3/118 Beach Road"),
    ("Flat 6, Juniper Court, 22 Wharf Street is the one with the damp.", "Flat 6, Juniper Court, 22 Wharf Street"),
    ("Apartment 4C, The Larches, 7 Mill Lane, that's us.", "Apartment 4C, The Larches, 7 Mill Lane"),
    ("Deliver to 880 Mono Sideroad 15, RR 4, near the church.", "880 Mono Sideroad 15, RR 4"),
    ("It goes to 2210 State Highway 35, RD 3, by the orchard.", "2210 State Highway 35, RD 3"),
    ("Our place is W2291 County Road J, past the dairy.", "W2291 County Road J"),
    ("the door is, um, thirty-two Hollis Street, flat one-two, ring twice", "thirty-two Hollis Street, flat one-two"),
    ("The house is Ivy Lodge, Ballinagree, take the second left.", "Ivy Lodge, Ballinagree"),
])
def test_whole_address_with_unit_building_road_number_and_rural_route(text, span):
    assert span in _found(text, "address")


@pytest.mark.parametrize("text,postcode", [
    ("Please send it to 9 Birch Avenue, Halifax NS B3H 4R2 by Friday.", "B3H 4R2"),
    ("new place is 12 king st w toronto m5h 1a1 btw", "m5h 1a1"),
    ("The bill goes to 14 Kauri Road, Ponsonby, Auckland 1011 now.", "1011"),
    ("Mail to PO Box 7731, Rondebosch 7701, Cape Town.", "7701"),
    ("Office is 300 Main Street, Springfield IL 62701-1234.", "62701-1234"),
    ("Ship to 44 Wattle Crescent, Alice Springs NT 0870 please.", "0870"),
    ("It's Flat 2, 19 Gandhi Road, Chennai 600 017, near the temple.", "600 017"),
])
def test_postcodes_after_an_address_in_every_english_speaking_country(text, postcode):
    assert postcode in _found(text, "postcode")


@pytest.mark.parametrize("text", [
    "We lived at 12 Main Street. Then 2019 came and we sold up.",
    "The shop on 40 Queen Street sold 1500 units in March.",
    "My Galaxy A54 5G and the router model B3H-4R2 both failed.",
])
def test_numbers_after_addresses_and_code_shapes_stay(text):
    assert _found(text, "postcode") == []


@pytest.mark.parametrize("text,plate", [
    ("The reg is Charlie Delta four two, Mike Tango Yankee, a grey Corsa.", "Charlie Delta four two, Mike Tango Yankee"),
    ("Vehicle no. TN 09 BX 7312 was parked outside the bank.", "TN 09 BX 7312"),
    ("fine for HR 26 DK 0419 but i was at home", "HR 26 DK 0419"),
    ("the van was KRT559, white Transit, no note", "KRT559"),
    ("My Corolla CY 731-204 was clamped at the station.", "CY 731-204"),
    ("licence plate GHKT 882, can someone call me", "GHKT 882"),
])
def test_plates_after_a_cue_and_in_country_shapes(text, plate):
    assert plate in _found(text, "plate")


@pytest.mark.parametrize("text", [
    "Mike and Victor played golf at the hotel in India three times.",
    "the car XC90 is great on the motorway",
    "The van was ANNOYING to park.",
])
def test_spelling_words_models_and_capitals_are_no_plates(text):
    assert _found(text, "plate") == []


@pytest.mark.parametrize("text,dob", [
    ("I was born on the twelfth of October, nineteen eighty-two, in Cork.", "twelfth of October, nineteen eighty-two"),
    ("he was born April twenty-first, two thousand and three, so he's a minor", "April twenty-first, two thousand and three"),
    ("DOB is the 9th of Jan '91, check it", "9th of Jan '91"),
    ("Date of birth: 1988-02-17.", "1988-02-17"),
])
def test_dates_of_birth_in_every_written_and_spoken_form(text, dob):
    # a said date keeps its article ("the twelfth of October, …"): nothing of it may stay behind
    assert dob in [re.sub(r"^(?i:the) ", "", f) for f in _found(text, "date")]


def test_a_said_date_without_a_birth_cue_stays():
    assert _found("We moved on the third of May, nineteen seventy-nine, to Leeds.", "date") == []


@pytest.mark.parametrize("text,name", [
    ("Parcel signed for by Thulani Nkosi at reception, says the driver.", "Thulani Nkosi"),   # given name no list has
    ("Caller Dimitrios Karagiannis rang about the deposit.", "Dimitrios Karagiannis"),
    ("cheers for the help, name's Winston Okafor", "Winston Okafor"),
    ("@Aoife McGillycuddy-Brennan can you check the export before lunch", "Aoife McGillycuddy-Brennan"),
    ("The nurse, Rosalind dela Pena, was lovely.", "Rosalind dela Pena"),
])
def test_names_by_position_widened_to_the_whole_name(text, name):
    assert name in _found(text, "person")


@pytest.mark.parametrize("text,name", [
    ("lol bexa just sent me the link for the raffle", "bexa"),
    ("jojo said the router is fine now", "jojo"),
    ("ravneet still hasn't replied to the group chat", "ravneet"),
])
def test_lower_case_chat_names_before_a_verb_that_takes_a_person(text, name):
    assert name in _found(text, "person")


@pytest.mark.parametrize("text", [
    "I'm Bronagh and the meter is in the hall.",
    "idk said the bot, so I rang instead.",
    "The router said no signal again this morning.",
])
def test_contractions_chat_words_and_things_are_not_widened_into_names(text):
    found = _found(text, "person")
    assert not any(w in " ".join(found) for w in ("I'm", "idk", "router"))


@pytest.mark.parametrize("text,code", [
    ("Patient NHI QTR5512 was seen at the clinic on Monday.", "QTR5512"),
    ("My SIN is 130 692 544 and the form keeps rejecting it.", "130 692 544"),
    ("Centrelink CRN 402 117 358B, my payment is late again.", "402 117 358B"),
])
def test_government_numbers_after_their_cue_in_every_english_speaking_country(text, code):
    assert code in [h.text for h in detect(text, "en") if h.kind in ("national_id", "number")]


@pytest.mark.parametrize("text,word", [
    ("Patient NHI QTR5512 was seen at the clinic on Monday.", "NHI"),
    ("Regards, Farhan Malik, Director, Malik Fabrics Pvt Ltd", "Fabrics"),
    ("The courier got lost near Listowel, Co. Kerry again.", "Kerry"),
    ("We stayed at the Lake Louise Inn for two nights.", "Louise"),
    ("Our flight out of Indira Gandhi International was delayed.", "Gandhi"),
])
def test_code_labels_companies_counties_and_institutions_are_no_names(text, word):
    assert not any(word in f for f in _found(text, "person"))


def test_a_lower_case_nickname_that_is_also_a_town_before_a_person_verb():
    assert "kiama" in _found("so kiama said the landlord never came round", "person")
