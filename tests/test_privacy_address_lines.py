"""Addresses the street lists cannot know (issue 20): a street of any shape written right before
a postcode, and an Indian door number with its "House"/"Plot" word. Each class also keeps what is
no address. Every sentence is our own."""

from __future__ import annotations

import pytest

from workbench.privacy import detect


def _addresses(text: str, lang: str) -> list[str]:
    return [s.text for s in detect(text, lang) if s.kind == "address"]


@pytest.mark.parametrize(("lang", "text", "address"), [
    ("nl", "Stuur de papieren naar Swettehûs 12, 9001 ZK Grou.", "Swettehûs 12"),
    ("nl", "Postadres: fam. Hoekstra, De Pôlle 7, 8401 AB Gorredijk.", "De Pôlle 7"),
    ("nl", "Mijn moeder woont Tsjerkebuorren 3a, 9264 TN Earnewâld.", "Tsjerkebuorren 3a"),
    ("en", "Contact: House No. 17, 2nd Main Road, Jayanagar, Bengaluru 560011.", "House No. 17, 2nd Main Road"),
    ("en", "Deliver to Plot No. 4, 3rd Cross Road, please.", "Plot No. 4, 3rd Cross Road"),
])
def test_an_address_of_any_shape_before_a_postcode(lang, text, address):
    assert address in _addresses(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Bestelling 4471, 3512 AB was het afleveradres niet."),
    ("nl", "Order 12345, 1234 AB klopte niet."),
    ("nl", "In 2019, 3512 AB was toen nog ons adres."),
    ("en", "My order No. 4471, Main Street store, never came."),
])
def test_a_number_before_a_postcode_or_a_store_is_no_street(lang, text):
    assert _addresses(text, lang) == []


def test_a_town_and_its_district_before_a_postcode_is_no_street():
    text = "Send it to my daughter: Aoife, 14 Dartmouth Square, Dublin 6, D06 K7P3."
    assert _addresses(text, "en") == ["14 Dartmouth Square"]


@pytest.mark.parametrize(("text", "date"), [
    ("I: Can you confirm your date of birth? P: Twenty-third of the seventh, ninety-one. I: Thanks.",
     "Twenty-third of the seventh, ninety-one"),
    ("She was born on the 3rd of the 7th, 1991, in Cork.", "the 3rd of the 7th, 1991"),
])
def test_a_date_of_birth_with_the_month_said_as_its_number(text, date):
    assert [s.text for s in detect(text, "en") if s.kind == "date"] == [date]


def test_a_day_of_the_month_without_a_birth_cue_stays():
    assert detect("The parcel came on the third of the seventh, two weeks late.", "en") == []


@pytest.mark.parametrize(("text", "plate"), [
    ("My plate is ab12 cde, a silver Golf.", "ab12 cde"),  # typed in lower case: all of it, not "ab12"
    ("Reg AB12 CDE, parked outside.", "AB12 CDE"),
])
def test_a_british_plate_after_its_cue_in_any_case(text, plate):
    assert [s.text for s in detect(text, "en") if s.kind == "plate"] == [plate]
