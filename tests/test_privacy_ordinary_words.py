"""Two classes from the fourth round of researchers' trials (a fibre-internet study in Dutch, a
meal-kit study in English):

* an ordinary word of the language is no name — a lower-case everyday word after a weak cue
  ("gebeld, niks"), a misspelling one letter off a frequent word opening a label or a line
  ("Simpel:", "singl portions"), a compound of frequent words opening a sentence ("Chatbot helpt
  niet") — while a real name in the same places is still found;
* a load warning repeated in ``summary.md`` quotes the file's lines pseudonymised (the file and
  the line stay; the console keeps the names).

Every sentence is our own.
"""

from __future__ import annotations

import pytest

from workbench.privacy import Policy, detect
from workbench.privacy._lexicon import lexicon
from workbench.privacy.policy import scrub_note


def _persons(text: str, lang: str) -> list[str]:
    return [s.text for s in detect(text, lang) if s.kind == "person"]


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Hele ochtend gewacht, niemand gebeld, niks."),
    ("nl", "Ze hebben me niet teruggebeld, niks."),
    ("nl", "Chatbot snapt de vraag niet en verwijst naar de website."),
    ("nl", "Chatbot helpt niet, ik wil een echt mens."),
    ("nl", "Storingsmonteur kwam pas na een week."),
    ("nl", "Klantenservicemedewerker zei dat het aan mij lag."),
    ("en", "Simpel: the best menu we have had from any box."),
    ("en", "Simpel and quick recipes, that's all I want."),
    ("en", "singl portions would help people who live alone"),
    ("en", "Recipies take twice as long as it says on the card."),
    ("en", "Chatbot kept sending me the same link."),
    ("en", "Delivary was late again this week."),
])
def test_an_ordinary_word_misspelt_or_compound_is_no_name(lang, text):
    assert _persons(text, lang) == []


@pytest.mark.parametrize(("lang", "text", "name"), [
    ("nl", "Ik heb de klantenservice gebeld, Kevin zei dat het opgelost was.", "Kevin"),
    ("nl", "Eén medewerker, Yvonne, heeft het netjes opgepakt.", "Yvonne"),
    ("nl", "Gisteren gebeld met Marloes van de helpdesk.", "Marloes"),
    ("en", "Oluwadamilare said the box would come on Friday.", "Oluwadamilare"),
    ("en", "Kelechi: the courier left it by the bins again.", "Kelechi"),
    ("en", "I spoke to Priya and she refunded the box.", "Priya"),
])
def test_a_name_in_the_same_places_is_still_found(lang, text, name):
    assert any(name in p for p in _persons(text, lang))


def test_ordinary_is_about_words_not_names():
    en, nl = lexicon("en"), lexicon("nl")
    assert en.ordinary("singl") and en.ordinary("simpel") and en.ordinary("recipies")
    assert nl.ordinary("chatbot") and nl.ordinary("storingsmonteur")
    assert not en.ordinary("oluwadamilare") and not en.ordinary("kelechi") and not nl.ordinary("marloes")
    assert not en.ordinary("tayo")  # short chat names are never read as misspellings


@pytest.mark.parametrize(("lang", "note", "gone", "kept"), [
    ("en", "interviews/P03.docx: line 4: 'Interviewer: Dorothy Fairweather' read as a header line saying who "
           "took part, not as a turn", "Dorothy", ["interviews/P03.docx", "line 4"]),
    ("nl", "interviews/P02.txt: regel 2: 'Interviewer: Lotte Verbeek' gelezen als kopregel die zegt wie er "
           "meededen, niet als beurt", "Verbeek", ["interviews/P02.txt", "regel 2"]),
    ("en", "interviews/P05.md: line 3: 'Respondent: Gwendolyn Marsh (71, Suffolk)' read as a header line",
           "Gwendolyn", ["[P05]", "line 3"]),
    ("nl", "sprekernamen gelezen van regels zonder dubbele punt (vanaf regel 4): Gwendolyn Marsh, Interviewer",
           "Gwendolyn", ["[P05]", "regel 4", "Interviewer"]),
])
def test_a_load_warning_for_the_client_names_file_line_and_pseudonym_not_the_person(lang, note, gone, kept):
    pol = Policy(lang, participants={"Gwendolyn Marsh": "P05"}, interviewers=["Interviewer"])
    out = scrub_note(note, pol)
    assert gone not in out
    for k in kept:
        assert k in out
    assert scrub_note(note) == note  # no study policy (the console): the warning as it was


def test_a_note_without_people_is_left_as_it_was():
    pol = Policy("en", participants={"Hannah": "P01"}, interviewers=["Interviewer"])
    note = ("survey/answers.csv: question Q3 ('How did you first hear about us?') read as a choice question; "
            "add the name to [transcripts] interviewer if it is the interviewer")
    assert scrub_note(note, pol) == note


# -- a brand the study names consistently is no person ------------------------------------------

_EN_BRAND = ["We booked it all via Railhopper in the end.", "The Railhopper app crashed at the payment step.",
             "Honestly Railhopper was cheaper than the station.", "I asked Railhopper for a refund twice."]
_NL_BRAND = ["Ik heb het besteld bij Bezorgbeer want dat ging sneller.", "De Bezorgbeer app liep steeds vast.",
             "Daarna heeft Bezorgbeer niks meer laten horen.", "Volgens mij deed Bezorgbeer het beter."]


@pytest.mark.parametrize(("lang", "texts", "brand"), [("en", _EN_BRAND, "Railhopper"), ("nl", _NL_BRAND, "Bezorgbeer")])
def test_a_brand_many_people_name_is_kept(lang, texts, brand):
    from workbench.privacy.policy import consistent_brands

    assert consistent_brands(texts, lang) == [brand]
    pol = Policy(lang, own=consistent_brands(texts, lang))
    for t in texts:
        assert brand in pol.scrub(t)
    title = "mevrouw" if lang == "nl" else "Mrs"
    assert brand not in pol.scrub(f"Ik sprak {title} {brand} aan de balie." if lang == "nl"
                                  else f"I spoke to {title} {brand} at the desk.")


def test_a_person_is_no_brand_however_often_named():
    from workbench.privacy.policy import consistent_brands

    few = ["I booked via Railhopper.", "The Railhopper app was fine."]  # two people only
    assert consistent_brands(few, "en") == []
    beside_name = [*_EN_BRAND, "my colleague Dunya Railhopper sorted it"]  # once part of a full name
    assert consistent_brands(beside_name, "en") == []
    listed = ["I spoke with Kevin first.", "Then Kevin rang back.", "via Kevin again", "Kevin was nice"]
    assert consistent_brands(listed, "en") == []  # a listed first name is never taken for a brand
