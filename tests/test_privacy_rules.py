"""The detector's general mechanisms, each on sentences of our own (not the labelled sets' lines):
codes after their cue word, plates and postcodes of six countries, street shapes, names from the
world lists and by context, and the readings that make a "name" a place, a brand or a word."""

from __future__ import annotations

import pytest

from workbench.privacy import detect
from workbench.privacy._lexicon import lexicon


def _found(text: str, lang: str, kind: str | None = None) -> list[str]:
    return [h.text for h in detect(text, lang) if kind is None or h.kind == kind]


@pytest.mark.parametrize("lang,text,code", [
    ("nl", "Het relatienummer bij Eneco is 3307 412 88, al jaren hetzelfde.", "3307 412 88"),
    ("nl", "Mijn reserveringsnummer is HX-55120934 voor de camping.", "HX-55120934"),
    ("nl", "Het documentnummer is PT7R2KX90 volgens de gemeente.", "PT7R2KX90"),
    ("nl", "De EAN-code van de gasmeter is 871694830000123456.", "871694830000123456"),
    ("en", "Confirmation code is QZ4M8T if you need it.", "QZ4M8T"),
    ("en", "Membership no. GYM-0048812 with PureFit was never cancelled.", "GYM-0048812"),
    ("en", "The case reference in the email is CR/2024/00913.", "CR/2024/00913"),
    ("en", "Our GPRN is 2387741 for the gas.", "2387741"),
])
def test_a_code_after_its_cue_word_goes_whatever_its_shape(lang, text, code):
    assert code in _found(text, lang)


@pytest.mark.parametrize("lang,text", [
    ("en", "In order to get 1500 points you have to spend £300."),
    ("en", "My account was charged 2499 pence twice in 2023."),
    ("nl", "Mijn bestelling van 2024 kwam pas na 3 weken."),
    ("nl", "De referentie in de brief klopte, maar het bedrag van € 1250 niet."),
])
def test_years_amounts_and_counts_near_a_cue_word_stay(lang, text):
    assert [h for h in detect(text, lang) if h.kind in ("number", "national_id")] == []


@pytest.mark.parametrize("lang,text,plate", [
    ("nl", "Ik kreeg een boete voor de TZJ82B terwijl ik thuis was.", "TZJ82B"),     # sidecode 11, no dashes
    ("nl", "De bus met kenteken 52-BLT-7 stond dubbel geparkeerd.", "52-BLT-7"),
    ("nl", "Zijn bestelbus, VZ-640-H, stond voor de deur.", "VZ-640-H"),
    ("nl", "De politie noteerde 2-HFK-731 bij de grens.", "2-HFK-731"),           # Belgian
    ("nl", "Mijn nummerplaat is 1KTZ044, dat staat op de boete.", "1KTZ044"),
    ("en", "A car with 6JWK381 blocked the drive.", "6JWK381"),                       # Californian shape
    ("en", "The taxi was 172-KK-9031 according to the receipt.", "172-KK-9031"),     # Irish
    ("en", "Reg KM21 BXT, silver Corsa.", "KM21 BXT"),
    ("en", "My rego is XQ 44 BD and it expired.", "XQ 44 BD"),
    ("nl", "kenteken is ft-328-x denk ik", "ft-328-x"),
])
def test_licence_plates_of_six_countries(lang, text, plate):
    assert plate in _found(text, lang, "plate")


@pytest.mark.parametrize("lang,text", [
    ("en", "The iPhone 15 and the Galaxy S24 both lost signal, so did my Model 3."),
    ("en", "The RTX4090 and the A4 printer arrived with COVID-19 leaflets and an MP3 player."),
    ("nl", "Ik heb de plate van de barbecue vervangen in 2019."),
])
def test_product_codes_are_no_plates(lang, text):
    assert _found(text, lang, "plate") == []


@pytest.mark.parametrize("lang,text,kind,span", [
    ("nl", "Ons adres is Molenweg 3, 6812 gh Arnhem.", "postcode", "6812 gh"),
    ("en", "Our zip 30303 is wrong on the label.", "postcode", "30303"),
    ("nl", "We wonen aan de Laan van Nieuw Oosteinde 41 in Amstelveen.", "address", "Laan van Nieuw Oosteinde 41"),
    ("en", "I'm in Unit 7, Block B, Harbour Rd since May.", "address", "Unit 7, Block B, Harbour Rd"),
    ("nl", "Stuur het naar Burg. Reigerstraat 8 alstublieft.", "address", "Burg. Reigerstraat 8"),
    ("en", "We live at 9 Northgate and the van never comes.", "address", "9 Northgate"),
])
def test_postcodes_and_street_shapes(lang, text, kind, span):
    assert span in _found(text, lang, kind)


def test_a_street_ends_where_its_name_words_stop():
    text = "De dochter van Nadia en Bilal staat ingeschreven op Dorpsstraat 14-II, toch geen plek."
    assert _found(text, "nl", "address") == ["Dorpsstraat 14-II"]
    assert _found(text, "nl", "person") == ["Nadia", "Bilal"]


@pytest.mark.parametrize("lang,text", [
    ("nl", "Mijn moeder is geboren op 9/4/1951 in Nickerie."),      # not the postcode "1951 in"
    ("nl", "Lijn 7 naar het centrum reed niet."),                    # a street that is a word needs "ik woon op"
    ("en", "On the 3rd of March the Metro Blue Line was down."),     # no ordinal house number
])
def test_no_postcode_or_address_in_dates_lines_and_ordinals(lang, text):
    assert [h for h in detect(text, lang) if h.kind in ("postcode", "address", "person")] == []


def test_the_world_lists_know_names_the_census_does_not():
    lex = lexicon("en")
    for name in ("adaeze", "wojciech", "thandiwe", "priyanka", "aoibheann", "mehmet"):
        assert name in lex.first, name
    assert "doctor" not in lex.first and "prima" not in lexicon("nl").first  # the lists' odd entries are words


@pytest.mark.parametrize("lang,text,names", [
    ("en", "Adaeze's husband fixed the router in the end.", ["Adaeze"]),
    ("en", "The bill is in the name of Liu Yang, who moved out.", ["Liu Yang"]),
    ("en", "The letter says Ms B. Hollins though I'm a Mr.", ["B. Hollins"]),
    ("en", "Hiya, Bex here, the app logged me out again.", ["Bex"]),
    ("en", "They passed me to a Deborah, then to a Kofi.", ["Deborah", "Kofi"]),
    ("en", "Our cleaner, Lexus, found the missing card.", ["Lexus"]),
    ("en", "hi its oisin again, still no refund", ["oisin"]),
    ("en", "I asked daz in the warehouse and he shrugged.", ["daz"]),
    ("en", "Grace from the service desk called me back.", ["Grace"]),
    ("en", "According to Zara the parcel left Tuesday.", ["Zara"]),
    ("nl", "Dag Mirjam, dank voor het snelle antwoord!", ["Mirjam"]),
    ("nl", "Den Claes van het derde huis heeft ook geen stroom.", ["Claes"]),
    ("nl", "Ik ben Lieve Janssens en ik bel over mijn factuur.", ["Lieve Janssens"]),
    ("nl", "Onze mantelzorger Ria komt elke dinsdag.", ["Ria"]),
    ("nl", "Het pakket ligt bij Fam. Dijkstra op nummer 3.", ["Dijkstra"]),
])
def test_names_by_list_and_context(lang, text, names):
    assert _found(text, lang, "person") == names


@pytest.mark.parametrize("lang,text", [
    ("en", "St Bernard's sent me home after four hours."),
    ("en", "The Florence Nightingale Museum was closed on Monday."),
    ("en", "We walked up Harcourt Street to the Luas Red Line stop."),
    ("en", "The train from Derby and Preston was cancelled."),
    ("en", "Deliveries to Clifton, NJ 07011 take a week."),
    ("en", "Bed 4 on Ward 9 had no call button."),
    ("en", "The Amazon Prime Day deal on the Philips Hue bulbs was fake."),
    ("en", "Bill payments are due on the first; Grace periods are short."),
    ("en", "This is awesome. Jet2 and Dr Pepper are fine too."),
    ("nl", "Het Willem Alexander Ziekenhuis belde niet terug, en Rotterdam Centraal was dicht."),
    ("nl", "In het AZ Sint-Maarten was het druk, de Dr. Kuyperstraat was afgesloten."),
    ("nl", "De Dr. Oetker pizza en de Volkswagen Golf staan in de folder."),
    ("nl", "Lieve mensen van de gemeente, waarom duurt het zo lang?"),
    ("nl", "Volgens de mevrouw van Vitens was de storing voorbij."),
    ("nl", "Zowel de pizza als de friet kwam koud aan, ik gaf een rode roos aan de bezorger."),
    ("en", "Imperial College London lost my application; the Father's Day cards sold out."),
    ("nl", "Op de Markt en aan de Vecht was het erg druk."),
])
def test_places_institutions_brands_and_words_that_look_like_names_stay(lang, text):
    assert _found(text, lang, "person") == []


@pytest.mark.parametrize("lang,text,dob", [
    ("en", "My DOB is 7/23/79 but the form flips it.", "7/23/79"),
    ("en", "Dad was born in 1944 and has no smartphone.", "1944"),
    ("nl", "Mijn zoon is geboren op dinsdag 4 maart 2008.", "dinsdag 4 maart 2008"),
    ("en", "My birthday is 9 July, not the 14th of August as you wrote.", "9 July"),
])
def test_dates_of_birth_and_only_those(lang, text, dob):
    assert _found(text, lang, "date") == [dob]


def test_card_digits_after_ending():
    assert _found("The card ending 7702 was charged twice; sort code 40-11-62.", "en", "number") == ["7702", "40-11-62"]


@pytest.mark.parametrize("lang,text,names", [
    ("en", "Mary-Kate and her brother Jamal came along.", ["Mary-Kate", "Jamal"]),
    ("en", "Deliver to 12 Ocean Pkwy, Apt 3, Brooklyn please; Emma will sign.", ["Emma"]),
])
def test_double_first_names_and_the_town_of_an_address(lang, text, names):
    assert _found(text, lang, "person") == names


def test_a_birth_year_written_short():
    assert _found("Geboortedatum: 7 mei '61, dat staat ook op de pas.", "nl", "date") == ["7 mei '61"]
