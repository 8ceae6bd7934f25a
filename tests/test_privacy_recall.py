"""Recall classes found from the development sets' misses (issue 20, mostly English), each on
sentences of our own: listed names typed with accents, name particles, names before a birth cue,
sign-offs and roles, linked names, unknown name pairs, plates, unit and street shapes, Indian PIN
codes, Dutch unit parts."""

from __future__ import annotations

import pytest

from workbench.privacy import detect


def _found(text: str, kind: str, lang: str = "en") -> list[str]:
    return [h.text for h in detect(text, lang) if h.kind == kind]


@pytest.mark.parametrize("text,name", [
    ("Add Siân Hughes as second driver from Monday.", "Siân Hughes"),            # listed as "Sian"
    ("Licence renewal for Pádraig Nolan is overdue.", "Pádraig Nolan"),
    ("Claim filed by Nur Aisyah binti Rahman last week.", "Nur Aisyah binti Rahman"),
    ("The policy is for my uncle, Ifan ap Gruffudd, born 2 May 1950.", "Ifan ap Gruffudd"),
    ("A place at the nursery for Tiernan, born 03/07/2022, please.", "Tiernan"),
    ("Patient Gurleen Kaur Bains, DOB 4 June 1979, missed the scan.", "Gurleen Kaur Bains"),
])
def test_names_by_accent_particle_and_birth_cue(text, name):
    assert name in _found(text, "person")


@pytest.mark.parametrize("text,names", [
    ("Diolch, Gwenllian", ["Gwenllian"]),
    ("Ta, Dazza and Kezzo x", ["Dazza", "Kezzo"]),
])
def test_sign_offs_and_linked_names(text, names):
    assert all(n in _found(text, "person") for n in names)


@pytest.mark.parametrize("text", [
    "Born in the USA is still my favourite album, says the reviewer.",
    "Thanks, and see you at the Rolling Stones gig.",
    "Ta, cheers for sorting the refund.",
])
def test_birth_cues_and_sign_offs_make_no_names_of_words(text):
    assert _found(text, "person") == []


@pytest.mark.parametrize("text,plate", [
    ("Rego's 2KT 9LM, the silver Mazda in bay 4.", "2KT 9LM"),
    ("My scooter, reg MH 12 AB 3456, was towed from the mall.", "MH 12 AB 3456"),
])
def test_plates_after_a_cue(text, plate):
    assert plate in _found(text, "plate")


@pytest.mark.parametrize("text,span", [
    ("Send the form to 31 Hazelwood Lawn, Douglas, please.", "31 Hazelwood Lawn, Douglas"),
    ("It's Room 12, 4 Tanner Close, the back entrance.", "Room 12, 4 Tanner Close"),
    ("New address: Flat No. 11, Lotus Residency, 3rd Main, Jayanagar.",
     "Flat No. 11, Lotus Residency, 3rd Main, Jayanagar"),
])
def test_unit_and_street_shapes(text, span):
    assert span in _found(text, "address")


def test_room_alone_is_no_address():
    assert _found("We waited in room 12 for over an hour.", "address") == []


@pytest.mark.parametrize("text,pin,found", [
    ("Jayanagar, Bengaluru 560 041. Please update it.", "560 041", True),
    ("My PIN code is 411014 now.", "411014", True),
    ("London 250 000 people use the line daily.", "250 000", False),
])
def test_indian_pin_codes(text, pin, found):
    assert (pin in _found(text, "postcode")) is found


@pytest.mark.parametrize("lang,text,name", [
    ("en", "Sorry, it's me again, Tesfalem Gebrehiwet, about the letter from the council.", "Tesfalem Gebrehiwet"),
    ("nl", "De brief was voor Wubshet Alemayehu, mijn buurman.", "Wubshet Alemayehu"),
])
def test_two_capitalised_words_no_list_knows_are_a_name(lang, text, name):
    assert name in _found(text, "person", lang)


@pytest.mark.parametrize("lang,text", [
    ("en", "On TikTok I'm posting the unboxing tonight."),
    ("en", "We watched it on Netflix and Disney Plus."),
])
def test_known_words_brands_and_contractions_make_no_unknown_pair(lang, text):
    assert _found(text, "person", lang) == []


@pytest.mark.parametrize("lang,text,kind,span", [
    ("nl", "Het gaat om mijn moeder, Trijntje van der Meer, geboren 3 mei 1950.", "person", "Trijntje van der Meer"),
    ("nl", "Władysław Kowalczyk heeft de sleutel nog niet gekregen.", "person", "Władysław Kowalczyk"),
    ("nl", "Mijn adres is Vinkenlaan 9 kamer 12, 6821 AB Arnhem.", "address", "Vinkenlaan 9 kamer 12"),
    ("nl", "Leveradres: Veldstraat 41 bus 0.3, 9000 Gent.", "address", "Veldstraat 41 bus 0.3"),
])
def test_dutch_particles_unfoldable_letters_and_unit_parts(lang, text, kind, span):
    assert span in _found(text, kind, lang)
