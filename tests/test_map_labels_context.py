"""Map labels a researcher signs without the sentence around them (issue 14), on sentences of our own.

* a complaint about a pronoun pointing back ("dat was echt een ramp", "die werd twee keer
  verschoven", "it kept crashing") or a bare evaluation of one ("niet netjes" of "ik vind dat niet
  netjes") is no label; the clause before it in the same sentence says what it points to and
  labels it ("de bank werd in drie delen geleverd" of "…, dat viel tegen"; "de monteur kwam niet
  binnen" of "De monteur, hij kwam niet binnen" is read as the noun put for the pronoun);
* a relative pronoun, a demonstrative determiner and an anticipatory 'het'/'it' are no such pronoun;
* a negated negative noun ("not a disaster", "geen ramp") is an understatement, no pain;
* a subject and predicate without their copula ("winkelmandje leeg") is cut, and gets it back;
* a need keeps what the wished thing is for ("wants a reminder when their shift starts");
* complaints others wrote or the speaker read are no pain of the speaker (codebook);
* a label ending on an article or preposition ("… bij de" of "… bij de bezorging") is cut.
"""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.journey.themes import find_themes
from workbench.nlp.signable import label_problem
from workbench.nlp.syntax import parse


def problem(label: str, text: str, lang: str, kind: str = "pain_point") -> str | None:
    return label_problem(label, parse([text], lang), kind, lang)


@pytest.mark.parametrize("lang,label,text", [
    ("nl", "dat was echt een ramp", "Dat was echt een ramp."),
    ("nl", "die werd twee keer verschoven", "Die werd twee keer verschoven, zonder bericht."),
    ("nl", "hij paste niet door de deur", "Hij paste niet door de deur."),
    ("nl", "niet netjes", "Ik vind dat echt niet netjes."),
    ("en", "that was a real mess", "That was a real mess."),
    ("en", "it kept crashing", "It kept crashing."),
])
def test_a_complaint_about_a_pronoun_pointing_back_is_no_label(lang, label, text):
    assert problem(label, text, lang) in ("pronoun subject", "reference lost")


@pytest.mark.parametrize("lang,label,text", [
    ("nl", "de levering die te laat kwam", "Het ging om de levering die te laat kwam."),
    ("nl", "die extra kosten vond ik niet eerlijk", "Die extra kosten vond ik niet eerlijk."),
    ("nl", "deze code is niet geldig", "Ik kreeg een melding: deze code is niet geldig."),
    ("en", "it wasn't clear which plan had SSO", "It wasn't clear which plan had SSO."),
    ("en", "the app crashed at checkout", "The app crashed at checkout."),
])
def test_a_relative_a_determiner_or_an_anticipatory_it_is_no_such_pronoun(lang, label, text):
    assert problem(label, text, lang) != "pronoun subject"


@pytest.mark.parametrize("lang,label,text", [
    ("en", "not a disaster", "Not a disaster, but slow."),
    ("nl", "geen ramp", "Geen ramp, maar wel traag."),
])
def test_a_negated_negative_noun_is_an_understatement(lang, label, text):
    assert problem(label, text, lang) in ("understatement", "says nothing", "bare word")


def labels(texts: list[str], lang: str, cues: list[str] | None = None) -> list[str]:
    s = pd.Series(texts)
    t = find_themes(s, cues=pd.Series(cues) if cues else None, kind="pain_point", lang=lang)
    return t.labels


def test_the_clause_before_the_pronoun_labels_the_complaint():
    got = labels(["De bank werd in drie delen geleverd, dat viel echt tegen."], "nl", cues=["viel echt tegen"])
    assert got and not got[0].startswith("dat "), got
    assert "bank" in got[0], got


def test_the_noun_before_the_pronoun_is_put_in_its_place():
    got = labels(["Dat is een kast van twee meter, die past niet in onze lift."], "nl", cues=["past niet"])
    assert got == ["een kast van twee meter past niet in onze lift"], got


def test_a_contrast_before_the_pronoun_does_not_label_it():
    got = labels(["Het bestellen ging prima, maar dat vond ik niet netjes."], "nl", cues=["niet netjes"])
    assert all("bestellen ging prima" not in g for g in got), got


def test_a_pronoun_led_complaint_with_nothing_before_it_is_left_out():
    assert labels(["Dat was eerlijk gezegd een ramp."], "nl", cues=["ramp"]) == []


def needs(texts: list[str], lang: str) -> list[str]:
    return find_themes(pd.Series(texts), kind="need", lang=lang).labels


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "I wish there was an alert for the staff, like a text message when a class is cancelled.",
     "wants an alert for staff when a class is cancelled"),
    ("en", "I wish they just had a planner, pick the dates, see the total.",
     "wants a planner: pick the dates, see the total"),
])
def test_a_wish_keeps_what_it_is_for(lang, text, expected):
    assert needs([text], lang) == [expected]


def test_a_wish_without_a_purpose_stays_short():
    assert needs(["I wish there was a cheaper plan for small teams."], "en") == ["wants a cheaper plan for small teams"]


@pytest.mark.parametrize("lang,text", [
    ("nl", "Op Google stonden er veel klachten over de bezorging van kasten."),
    ("nl", "Ik heb veel klachten gelezen over de klantenservice."),
    ("en", "There were lots of complaints about delivery times in the reviews."),
    ("en", "I read complaints about the app on a forum."),
    ("nl", "En een paar klachten over krassen bij de levering."),
])
def test_complaints_others_wrote_are_no_pain_of_the_speaker(lang, text):
    """Codebook: a problem of someone else's with no experience of the writer's own is no pain point."""
    assert labels([text], lang) == []


@pytest.mark.parametrize("lang,text", [
    ("nl", "Mijn klacht over de bezorging werd nooit behandeld."),
    ("en", "We filed a complaint about the invoice and nobody answered."),
])
def test_the_speakers_own_complaint_stays_a_pain(lang, text):
    assert labels([text], lang) != []


@pytest.mark.parametrize("lang,text,label", [
    ("nl", "Na het inloggen was mijn verlanglijst ineens leeg.", "verlanglijst leeg"),
    ("en", "After the update my dashboard was completely empty.", "dashboard empty"),
])
def test_a_label_without_the_verb_of_its_predicate_is_cut(lang, text, label):
    assert problem(label, text, lang) == "copula lost"


def test_the_copula_is_put_back_with_the_subjects_possessive():
    got = labels(["Na het inloggen was mijn verlanglijst ineens leeg.", "Mijn verlanglijst was leeg na het inloggen."],
                 "nl")
    assert got == ["mijn verlanglijst was leeg"] or got == ["mijn verlanglijst was ineens leeg"], got


@pytest.mark.parametrize("lang,label,text", [
    ("nl", "een paar klachten over krassen bij de", "Ik zag een paar klachten over krassen bij de levering."),
    ("en", "the parcel was left at the", "The parcel was left at the neighbours."),
])
def test_a_label_ending_on_an_article_or_preposition_is_cut(lang, label, text):
    assert problem(label, text, lang) == "cut clause"


def test_a_label_may_end_on_a_particle():
    assert problem("pakket kwam niet aan", "Het pakket kwam niet aan.", "nl") is None


@pytest.mark.parametrize(("label", "aspect", "sentence", "said"), [
    # a person and a process that only share a stem are different words
    ("tijdvak van de bezorging was veel te ruim", "bezorging", "De bezorger wilde niet drie trappen op.", False),
    # forms of one word are one word
    ("doos was beschadigd", "doos", "Er zat een flinke beschadiging op de doos.", True),
    ("kortingscode werkte niet", "kortingscode", "Geen van mijn kortingscodes werkte.", True),
    ("delivery was late", "delivery", "It was delivered two days late.", True),
    ("code was verlopen", None, "De actie verliep gisteren.", False),
])
def test_a_sentence_backs_a_label_only_with_forms_of_its_words(label, aspect, sentence, said):
    import spacy

    from workbench.nlp.backing import backs

    lang = "en" if label.startswith("delivery") else "nl"
    assert backs(label, spacy.blank(lang)(sentence), lang, aspect) is said


@pytest.mark.parametrize(("lang", "label", "text"), [
    ("en", "the wrong e-mail address", "Credit card worked, but the receipt went to the wrong e-mail address."),
    ("en", "the old version", "After the update we went back to the old version."),
    ("nl", "de verkeerde kast", "Het pakket kwam in de verkeerde kast terecht."),
])
def test_a_noun_phrase_without_its_preposition_and_verb_is_cut(lang, label, text):
    assert problem(label, text, lang) == "cut clause"


@pytest.mark.parametrize(("lang", "label", "text"), [
    ("en", "too many onboarding e-mails", "Too many onboarding e-mails."),
    ("en", "the pricing page was confusing", "To be honest, the pricing page was confusing."),
    ("nl", "kreeg een foutmelding bij de kortingscode", "Ik kreeg een foutmelding bij de kortingscode."),
])
def test_a_noun_phrase_that_is_the_whole_complaint_stays(lang, label, text):
    assert problem(label, text, lang) is None
