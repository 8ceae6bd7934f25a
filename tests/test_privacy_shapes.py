"""Identifiers in shapes seen on a seventh unseen set (issue 20), each on sentences of our own: an
IBAN typed or said in uneven groups, addresses with a flat or unit number, a direction after the
street, "No. 12, 3rd Cross Street" as written in India, French street names; and the same shapes
without an identifier, which must stay."""

from __future__ import annotations

import pytest

from workbench.privacy import detect


def _found(text: str, lang: str, kind: str) -> list[str]:
    return [h.text for h in detect(text, lang) if h.kind == kind]


@pytest.mark.parametrize("lang,text,iban", [
    ("en", "Sure, it's I E two nine, A I B K, nine three one one, five two one two, three four, five six, seventy eight. Ta.",
     "I E two nine, A I B K, nine three one one, five two one two, three four, five six, seventy eight"),
    ("nl", "Mijn rekening is N L negen een, A B N A, nul vier één zeven, één zes vier, drie nul nul. Klopt dat?",
     "N L negen een, A B N A, nul vier één zeven, één zes vier, drie nul nul"),
    ("nl", "Stort het maar op NL91 ABNA 0417 164 300 alstublieft.", "NL91 ABNA 0417 164 300"),
])
def test_an_iban_in_uneven_groups_is_found_whole(lang, text, iban):
    assert iban in _found(text, lang, "iban")


@pytest.mark.parametrize("lang,text", [
    ("en", "The parcel code is G B four nine, N W B K, two six, eight four and it never came."),
    ("en", "Order GB12 XK 4471 2 9 was sent to the wrong depot."),  # fails the check: an order code
])
def test_iban_shaped_codes_that_fail_the_check_stay(lang, text):
    assert _found(text, lang, "iban") == []


@pytest.mark.parametrize("text,address", [
    # a direction after an American street, then the unit
    ("Ship it to 2210 Magnolia Ave SW, Unit 14, Birmingham, AL 35211 please.", "2210 Magnolia Ave SW, Unit 14"),
    ("We moved to 77 Juniper St NW, Apt 3B, last spring.", "77 Juniper St NW, Apt 3B"),
    # Indian door numbers and cross/main roads, with the locality
    ("Deliver to No. 45, 7th Cross Road, Jaya Nagar, Mysuru.", "No. 45, 7th Cross Road, Jaya Nagar"),
    ("Address: #18/2, 4th Main, 1st Cross, Kora Layout, Bengaluru.", "#18/2, 4th Main, 1st Cross, Kora Layout"),
    ("It's Flat No. 7, Green Leaf Apartments, 9th Main, 3rd Cross, near the temple.",
     "Flat No. 7, Green Leaf Apartments, 9th Main, 3rd Cross"),
    # the street's type word before its name: French, Irish, Welsh, Italian
    ("Notre adresse est 57 Rue Sainte-Catherine Est, app. 4, Montréal.", "57 Rue Sainte-Catherine Est, app. 4"),
    ("I'm living at 9 Bóthar na Trá, Salthill, since the summer.", "9 Bóthar na Trá"),
    ("Post it to 21 Heol y Felin, Caerdydd.", "21 Heol y Felin"),
    ("My aunt is at 5 Via Garibaldi now.", "5 Via Garibaldi"),
])
def test_addresses_in_more_countries_shapes(text, address):
    found = " | ".join(_found(text, "en", "address"))
    assert address in found


@pytest.mark.parametrize("text", [
    "Order No. 4471, Main Street store, never sent my refund.",
    "I sent it 3 via Royal Mail and it still has not arrived.",
    "We have 2 Avenue Q tickets spare if anyone wants them.",
    "It was 4 Route 66 mugs in a box, all broken.",
    "Our kitchen is on the 2nd floor, unit price went up again.",
])
def test_the_same_shapes_without_an_address_stay(text):
    assert _found(text, "en", "address") == []


@pytest.mark.parametrize("lang,text,name", [
    # where they work, then any finite verb (not only one of address)
    ("en", "Tamsin at Halifax was a star, she found the missing payment in minutes.", "Tamsin"),
    ("en", "Dazza at the Screwfix in Croydon swapped the faulty drill, no fuss.", "Dazza"),
    ("en", "Hope from the letting agency said the deposit is protected.", "Hope"),
    # a chat opener, then a lower-case name spoken to
    ("en", "yaar anjali pls share the Swiggy receipt", "anjali"),
    ("en", "lol kirsty i saw ur review of the hotel", "kirsty"),
    ("nl", "wallah yassin jij moet die app van de bank echt updaten", "yassin"),
    # told / thanks and an unlisted lower-case nickname
    ("en", "i told dunny the router was on the blink again", "dunny"),
    # a name recalled with a hedge, between commas
    ("en", "the lady on reception, joanne i think, gave me the wrong form", "joanne"),
    ("nl", "die monteur van de cv, henk of zo, heeft de ketel verkeerd afgesteld", "henk"),
    # an ex-partner and trades people
    ("nl", "de energie staat nog op naam van mn ex ronald dus dat klopt niet", "ronald"),
    ("en", "The plumber, Gareth, left the tap dripping.", "Gareth"),
    # a surname said of a household
    ("en", "Across the road the Nowak family had no power for two days.", "Nowak"),
])
def test_names_by_their_company_in_more_classes(lang, text, name):
    assert name in _found(text, lang, "person")


@pytest.mark.parametrize("lang,text", [
    ("en", "PureGym in Leeds has had the squat racks broken since Easter."),
    ("en", "The Co-op Funeralcare in Newport was kind but expensive."),
    ("en", "lol honestly i told them twice and nothing happened"),
    ("en", "the form on the website, page two i think, keeps crashing"),
    ("nl", "die storing van gisteren, rond vijf uur of zo, duurde lang"),
    ("en", "We bought the Ikea family pack and the Smith family plan."),
])
def test_the_same_shapes_without_a_name_stay(lang, text):
    assert _found(text, lang, "person") == []


def test_a_postcode_said_with_arr_for_r():
    text = "I: Postcode? P: ess one four, six arr wye, that's Sheffield."
    assert _found(text, "en", "postcode") == ["ess one four, six arr wye"]


@pytest.mark.parametrize("text,name", [
    ("Thandiwe Dlamini, 071 382 5519, asks why the debit order went off twice.", "Thandiwe Dlamini"),
    ("Eilidh Ferguson, née Ross, DOB 03.11.1961, wants the pension letters in large print.", "Eilidh Ferguson"),
    ("Eilidh Ferguson, née Ross, DOB 03.11.1961, wants the pension letters in large print.", "Ross"),
])
def test_a_record_that_opens_with_a_full_name_and_a_date_of_birth_or_phone(text, name):
    assert name in _found(text, "en", "person")


@pytest.mark.parametrize("text", [
    "Customer Services, 0800 123 456, is open until eight.",
    "Northern Rail, 12.03.2024, cancelled my train twice.",
])
def test_a_company_that_opens_a_record_stays(text):
    assert _found(text, "en", "person") == []
