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
    ("en", "Contact: House No. 17, 2nd Main Road, Jayanagar, Bengaluru 560011.",
     "House No. 17, 2nd Main Road, Jayanagar, Bengaluru"),  # with its locality and town
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


def test_a_town_and_its_district_before_a_postcode_is_no_street_but_part_of_the_line():
    text = "Send it to my daughter: Aoife, 14 Dartmouth Square, Dublin 6, D06 K7P3."
    assert _addresses(text, "en") == ["14 Dartmouth Square, Dublin 6"]


# The town of an address line (issue 20): after street and number it joins the address, with a
# county or state; after a postcode it is an address of its own; in running text it stays.
@pytest.mark.parametrize(("lang", "text", "address"), [
    ("en", "Please post it to 7 Larch Way, Harrogate HG2 8QT, thanks.", "7 Larch Way, Harrogate"),
    ("en", "We moved to 14 Elm Road Leeds LS6 2AB last spring.", "14 Elm Road Leeds"),
    ("en", "Post to 3 Front Street, Newcastle upon Tyne NE1 4AA.", "3 Front Street, Newcastle upon Tyne"),
    ("en", "Ship it to 9 Grafton Gate, Milton Keynes, Buckinghamshire, MK9 1AB.",
     "9 Grafton Gate, Milton Keynes, Buckinghamshire"),
    ("en", "Bill goes to 1 Main St, Springfield, IL 62704 every month.", "1 Main St, Springfield, IL"),
    ("en", "Old address: 88 Harbour Road, Tarrowby, NSW.", "88 Harbour Road, Tarrowby, NSW"),  # unknown town
    ("en", "We are moving to 5 Mill Lane, Glenbrack and need the router moved.", "5 Mill Lane, Glenbrack"),
    ("en", "The invoice said Garden Flat, 12 Orchard Grove, Bath.", "Garden Flat, 12 Orchard Grove, Bath"),
    ("en", "Write to 4 Quarry Close, Ballinagh, Co. Cavan please.", "4 Quarry Close, Ballinagh, Co. Cavan"),
    ("nl", "Het adres is Molenstraat 8, Hilversum, dat klopt.", "Molenstraat 8, Hilversum"),
    ("nl", "Post gaat naar Dorpsweg 4 te Putten.", "Dorpsweg 4 te Putten"),
    ("nl", "Het pakket ging naar de Havenkade 11 zwart, niet naar 11 rood.", "Havenkade 11 zwart"),
    ("nl", "Mijn adres is Wilhelminastraat 5, Bergen op Zoom, al jaren.", "Wilhelminastraat 5, Bergen op Zoom"),
    ("en", "Send it to 6 Holywell Hill, St. Albans AL1 1BT please.", "6 Holywell Hill, St. Albans"),
    ("en", "Ivy Cottage, 2 Mill Lane, Nether Stowey, Somerset.", "Ivy Cottage, 2 Mill Lane, Nether Stowey, Somerset"),
    ("en", "Post it to 7 Elm Grove, Hove, East Sussex, BN3 1AB.", "7 Elm Grove, Hove, East Sussex"),
])
def test_the_town_of_an_address_line_joins_the_address(lang, text, address):
    assert address in _addresses(text, lang)


@pytest.mark.parametrize(("lang", "text", "postcode", "town"), [
    ("nl", "Stuur het naar Kerkstraat 12, 4611 AB Bergen op Zoom.", "4611 AB", "Bergen op Zoom"),
    ("nl", "Adres: Laan van Meerdervoort 5, 2517 AA Den Haag, tel 070-1234567.", "2517 AA", "Den Haag"),
    ("nl", "Wij wonen Vismarkt 3, 3500 Hasselt, al tien jaar.", "3500", "Hasselt"),
    ("nl", "Postadres Brink 2, 7981 AB Diever.", "7981 AB", "Diever"),
    ("nl", "Mijn zus woont in 5211 AB 's-Hertogenbosch sinds mei.", "5211 AB", "'s-Hertogenbosch"),
    ("en", "Kind regards, Ailsa Reid, 4 Comely Bank, EH4 1AW Edinburgh", "EH4 1AW", "Edinburgh"),
    ("en", "Our flat was at 14 Rue Oberkampf, 75011 Paris, back then.", "75011", "Paris"),
])
def test_the_town_after_a_postcode_is_an_address_of_its_own(lang, text, postcode, town):
    spans = [(s.text, s.kind) for s in detect(text, lang)]
    assert (postcode, "postcode") in spans and (town, "address") in spans


@pytest.mark.parametrize(("lang", "text", "town"), [
    ("nl", "Ik woon in Utrecht en de bezorging duurt altijd lang.", "Utrecht"),
    ("nl", "Ik woon op Dorpsstraat 4 in Putten, dat is vlak bij de winkel.", "Putten"),
    ("en", "The shop in Leeds closed early again.", "Leeds"),
    ("en", "I lived at 12 Rose Street in Glasgow for years.", "Glasgow"),
])
def test_a_town_in_running_text_stays(lang, text, town):
    assert town not in " ".join(s.text for s in detect(text, lang))


@pytest.mark.parametrize(("text", "address"), [
    ("I live at 12 Main Street, Sarah, and the heating is off.", "12 Main Street"),  # a person spoken to
    ("It went to 14 Hill Road, Thanks for checking.", "14 Hill Road"),  # an ordinary word
    ("The boiler at 3 Lime Street, Florence said, is broken again.", "3 Lime Street"),  # a person speaking
])
def test_a_word_after_the_street_that_is_no_town_stays_out(text, address):
    assert _addresses(text, "en") == [address]


def test_the_article_before_a_street_in_running_text_is_no_part_of_it():
    text = "Ik bel namens de buren van de Javastraat 98, de router is stuk."
    assert _addresses(text, "nl") == ["Javastraat 98"]


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


def _kinds(text: str, lang: str) -> list[tuple[str, str]]:
    return [(s.text, s.kind) for s in detect(text, lang)]


@pytest.mark.parametrize(("lang", "text", "found"), [
    # a German street: its suffix ("-straße", "-allee", "-platz", "-str."), a house number, the
    # five-digit postcode and the town after it
    ("en", "My aunt lives at Hauptstraße 5, 10115 Berlin since May.",
     [("Hauptstraße 5", "address"), ("10115", "postcode"), ("Berlin", "address")]),
    ("nl", "Stuur het naar Goethestraße 27, 60313 Frankfurt am Main.",
     [("Goethestraße 27", "address"), ("60313", "postcode"), ("Frankfurt am Main", "address")]),
    ("en", "The parcel went to Bahnhofstr. 3a, 80335 München instead.",
     [("Bahnhofstr. 3a", "address"), ("80335", "postcode"), ("München", "address")]),
    ("nl", "Ze woont sinds kort op de Lindenallee 12 in Keulen.", [("Lindenallee 12", "address")]),
    ("en", "Schillerplatz 8 is where the shop used to be.", [("Schillerplatz 8", "address")]),
])
def test_a_german_street_address(lang, text, found):
    assert all(f in _kinds(text, lang) for f in found)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The Hauptstraße is closed for works all summer."),  # a street named, no house number
    ("en", "We paid 12345 euros for the Bahnhof renovation."),
])
def test_a_german_street_word_without_a_house_number_is_no_address(lang, text):
    assert not [k for _, k in _kinds(text, lang) if k in ("address", "postcode")]
