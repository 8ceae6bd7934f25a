"""Map and theme labels a researcher signs (issue 14, map9 round), on sentences of our own.

* a thin template ("klachten over …", "eisen aan …") over fewer than four sentences is a guess,
  and a template on a theme of one sentence, whose own wording did not read, is one too: no label;
* discourse markers ("gewoon", "eigenlijk", "honestly") leave the label, unless a negator holds
  them ("niet echt duidelijk");
* a name keeps the capitals its sentences give it, also when one respondent typed it lower case;
  a word capitalised only because it opened the sentence does not become a name;
* what is wanted or done is a pronoun pointing back ("zet het op de site", "turn those off"):
  no label; a light verb whose object follows a colon has lost its object.
"""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.journey.themes import find_themes
from workbench.nlp.label_repair import name_case
from workbench.nlp.signable import label_problem, signable_themes, without_discourse
from workbench.nlp.syntax import parse


def _problem(label, text, lang, kind="need"):
    return label_problem(label, parse([text], lang), kind, lang)


def test_a_thin_template_over_two_sentences_is_no_label():
    docs = parse(["En de medewerker wist het niet zeker.", "Het antwoord kwam pas later."], "nl")
    assign, labels, _ = signable_themes([0, 0], ["klachten over antwoord"], ["antwoord"], [None, None], docs,
                                        ["pain_point", "pain_point"], "nl", split=True)
    assert "klachten over antwoord" not in labels


@pytest.mark.parametrize("lang,label,text,expected", [
    ("nl", "wil gewoon weten waar het vandaan komt", "Ik wil gewoon weten waar het vandaan komt.",
     "wil weten waar het vandaan komt"),
    ("nl", "die code werkte dus niet meer", "Die code werkte dus niet meer.", "die code werkte niet meer"),
    ("en", "the export is honestly too basic", "The export is honestly too basic.", "the export is too basic"),
])
def test_discourse_markers_leave_the_label(lang, label, text, expected):
    assert without_discourse(label, parse([text], lang), "pain_point", lang) == expected


def test_a_negator_keeps_its_discourse_word():
    text = "Het was niet echt duidelijk wat duurzaam betekent."
    label = "niet echt duidelijk wat duurzaam betekent"
    assert without_discourse(label, parse([text], "nl"), "pain_point", "nl") == label


def test_a_name_typed_lower_case_gets_its_capitals():
    docs = parse(["Apple Pay zou handig zijn.", "Goh, apple Pay zou handig zijn.", "apple pay zou handig zijn."], "nl")
    assert name_case("apple pay zou handig zijn", docs) == "Apple Pay zou handig zijn"


def test_a_sentence_opening_word_is_no_name():
    docs = parse(["Fix the import and the reports.", "Procurement needed a quote."], "en")
    assert name_case("fix the import", docs) == "fix the import"
    assert name_case("waiting for procurement", docs) == "waiting for procurement"


@pytest.mark.parametrize("lang,label,text", [
    ("nl", "moet ik die ergens vandaan halen?", "Moet ik die ergens vandaan halen?"),
    ("nl", "zet het op de site", "Maar ik denk, zet het op de site, dan hoeft niemand het te vragen."),
    ("nl", "wil er niet over na hoeven denken", "Ik wil er niet over na hoeven denken."),
    ("en", "it would be great if we as admins could turn those off",
     "It would be great if we as admins could turn those off."),
])
def test_a_wish_for_a_pronoun_pointing_back_is_no_label(lang, label, text):
    assert _problem(label, text, lang) == "pronoun object"


@pytest.mark.parametrize("lang,label,text", [
    ("nl", "wil dat ze sneller leveren", "Ik wil dat ze sneller leveren."),
    ("nl", "wil een bank die op tijd komt", "Ik wil een bank die op tijd komt."),
    ("en", "needed to know if my staff could use it without training",
     "I needed to know if my staff could use it without training."),
    ("nl", "die verplichte registratie vind ik niet nodig", "Die verplichte registratie vind ik niet nodig."),
])
def test_a_wish_naming_what_it_wants_keeps_its_label(lang, label, text):
    kind = "pain_point" if "registratie" in label else "need"
    assert _problem(label, text, lang, kind) != "pronoun object"


@pytest.mark.parametrize("lang,label,text", [
    ("nl", "zou graag bij elk product zien", "Ik zou graag bij elk product zien: waar het gemaakt is, welk keurmerk."),
    ("en", "I would like to see on every product", "I would like to see on every product: where it was made."),
])
def test_a_verb_whose_object_follows_a_colon_is_cut(lang, label, text):
    assert _problem(label, text, lang) == "cut clause"


def test_the_map_labels_a_lower_case_name_with_its_capitals_and_no_filler():
    s = pd.Series(["Apple Pay zou handig zijn.", "Goh, apple Pay zou handig zijn.", "Nou, apple Pay zou handig zijn."])
    t = find_themes(s, kind="need", lang="nl")
    assert t.labels[0].startswith("Apple Pay")
    s = pd.Series(["Ik wil gewoon weten waar de bank gemaakt is.", "Ik wil gewoon weten waar de bank gemaakt is!"])
    assert "gewoon" not in find_themes(s, kind="need", lang="nl").labels[0]


# map11: a preposition without its object, a reaction to a pronoun, one item of a list

@pytest.mark.parametrize("label,text,expected", [
    ("geen mail over ontvangen", "Mijn pakket was zoek, geen mail over ontvangen.", "pakket: geen mail ontvangen"),
    ("niet op gerekend", "De kast was veel groter, niet op gerekend.", None),
])
def test_a_preposition_without_its_object_is_dropped_when_a_phrase_is_left(label, text, expected):
    from workbench.nlp.signable import signable_label

    docs = parse([text], "nl")
    assert _problem(label, text, "nl", "pain_point") == "dangling preposition"
    assert signable_label([label], docs, "pain_point", "nl") == expected


@pytest.mark.parametrize("label,text", [
    ("mijn zus werd er helemaal gek van", "Mijn zus werd er helemaal gek van."),
    ("bij de buren vond ik het jammer", "Bij de buren vond ik het eigenlijk jammer."),
])
def test_a_reaction_to_a_pronoun_pointing_back_is_no_label(label, text):
    from workbench.nlp.signable import signable_label

    assert _problem(label, text, "nl", "pain_point") == "pronoun subject"
    assert signable_label([label], parse([text], "nl"), "pain_point", "nl") is None


@pytest.mark.parametrize("label,text", [
    ("de zithoogte stond er niet bij", "De zithoogte stond er niet bij."),
    ("vond het zonde van het transport", "Ik vond het zonde van het transport."),
    ("op de tablet is het lastig", "Op de tablet is het lastig."),
])
def test_a_reaction_that_names_its_aspect_keeps_its_label(label, text):
    assert _problem(label, text, "nl", "pain_point") is None


def test_a_reaction_to_a_pronoun_takes_the_clause_it_points_back_to():
    from workbench.nlp.signable import signable_label

    text = "De bezorger kwam drie keer niet opdagen, ik werd er gek van."
    assert signable_label(["ik werd er gek van"], parse([text], "nl"), "pain_point", "nl") \
        == "de bezorger kwam drie keer niet opdagen"


def test_one_item_of_a_verbless_list_is_no_label():
    assert _problem("geen maattabel", "Geen maattabel, geen foto's, niks.", "nl", "pain_point") == "list item"
    assert _problem("geen garantie", "Jammer dat er geen garantie is.", "nl", "pain_point") != "list item"
