"""Two false removals seen in a real trial (issue 20), as classes, each with its true positives:

* a capitalised word that opens an answer on its own — before a comma or as the whole reply — is
  an interjection, an answer word or an adverb ("Niks, prima zo" became "[PERSOON-1], prima zo"),
  unless it is a name every language writes or the study knows it as a name;
* an e-mail address or web address ends where the address ends, not after the ", de" behind it.

Every sentence is our own.
"""

from __future__ import annotations

import pytest

from workbench.privacy import Policy, detect


def _persons(text: str, lang: str, **kw) -> list[str]:
    return [s.text for s in detect(text, lang, **kw) if s.kind == "person"]


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Niks, prima zo."),
    ("nl", "P: Niks. Echt helemaal niks."),
    ("nl", "Nou, dat viel vies tegen."),
    ("nl", "Klopt, de bezorger was te laat."),
    ("nl", "Tja, wat moet je dan."),
    ("nl", "Jawel, ik heb drie keer gebeld."),
    ("nl", "Hoor, daar gaan we weer."),
    ("nl", "Ken, nee, dat ken ik niet."),
    ("nl", "Lieve, beste mensen van de klantenservice: het duurde te lang."),
    ("en", "Nope, never again."),
    ("en", "Well, it was fine in the end."),
    ("en", "Yeah, the app crashed twice."),
    ("en", "Cheers, that sorted it."),
    ("en", "Sure!"),
    ("en", "Honestly, no idea what happened."),
])
def test_a_word_that_opens_an_answer_is_no_name(lang, text):
    assert _persons(text, lang) == []
    assert Policy(lang).scrub(text) == text


@pytest.mark.parametrize(("lang", "text", "name"), [
    ("nl", "Karin, de buurvrouw, hielp me met de app.", "Karin"),
    ("nl", "Jan, kun je even kijken naar mijn factuur?", "Jan"),
    ("nl", "Willem, mijn broer, had hetzelfde probleem.", "Willem"),
    ("nl", "Daan, mijn zoon, heeft het besteld.", "Daan"),
    ("en", "John, my neighbour, set it up for me.", "John"),
    ("en", "Emily, my daughter, ordered it online.", "Emily"),
    ("en", "Karen, can you check my order?", "Karen"),
])
def test_a_name_that_opens_a_sentence_before_a_comma_is_still_a_name(lang, text, name):
    assert _persons(text, lang) == [name]


def test_a_known_name_that_is_also_an_everyday_word_is_removed():
    """The study's evidence wins: a speaker called Niks stays a person."""
    assert _persons("Niks, prima zo.", "nl", known=("Niks",)) == ["Niks"]


@pytest.mark.parametrize(("lang", "text", "address", "kind"), [
    ("nl", "Mail naar piet@example.nl, de helpdesk reageerde niet.", "piet@example.nl", "email"),
    ("nl", "Mijn adres is piet.jansen@ziggo.nl. De rest weet je.", "piet.jansen@ziggo.nl", "email"),
    ("nl", "Stuur het naar kees@gmail,com, de oude werkt niet.", "kees@gmail,com", "email"),  # a typed comma
    ("nl", "Het is piet at example punt nl, de rest klopt.", "piet at example punt nl", "email"),
    ("en", "Mail jane@example.co.uk, the desk never answered.", "jane@example.co.uk", "email"),
    ("en", "It's jane at example dot co dot uk, then hit send.", "jane at example dot co dot uk", "email"),
    ("en", "Send it to sam.lee@mail.com.au, thanks.", "sam.lee@mail.com.au", "email"),
    ("en", "See https://jane.example.org/me?id=3, then call me.", "https://jane.example.org/me?id=3", "url"),
    ("nl", "Mijn site is www.pietjansen.nl, de rest staat daar.", "www.pietjansen.nl", "url"),
])
def test_an_address_ends_where_the_address_ends(lang, text, address, kind):
    spans = [(s.text, s.kind) for s in detect(text, lang)]
    assert (address, kind) in spans
    scrubbed = Policy(lang).scrub(text)
    assert text[text.index(address) + len(address):] in scrubbed  # the words after it all stay


@pytest.mark.parametrize(("text", "names"), [
    ("als ik deze week niks hoor ga ik naar de geschillencommissie", []),
    ("echt niks hoor, prima geregeld", []),
    ("mijn buurvrouw lisa de vries hielp me met de app", ["lisa de vries"]),  # a name typed in lower case
])
def test_everyday_words_in_lower_case_are_those_words(text, names):
    """"niks" and "hoor" are on name lists too; in lower case they are the words."""
    assert _persons(text, "nl") == names


@pytest.mark.parametrize(("text", "names"), [
    ("Klant Jef Verbruggen belt over een dubbele rekening.", ["Jef Verbruggen"]),  # the role noun stays
    ("Monteur Karel Smit kwam niet opdagen.", ["Karel Smit"]),
    ("Mevr. El Idrissi van de afdeling klachten belde terug.", ["El Idrissi"]),  # after a title no sentence starts
])
def test_a_noun_that_opens_the_sentence_is_no_part_of_the_name_after_it(text, names):
    assert _persons(text, "nl") == names
