"""More classes of map items no researcher would sign, checked on sentences of our own (issue 14).

* a request to the service ("gewoon niet meer …", "please stop …") is a need, not a pain point;
* a clause located at another shop ("daar was het goedkoper maar uitverkocht") and what was only
  checked for ("om te kijken of de stof niet pilt") are no pain points;
* labels: no fragment opening with a conjunction, no pro-form pointing outside the sentence (one
  inside it heads the label), no lost subject or 'er', main-clause order, no cut clause or pair,
  no gapped negation, a lower-case start, English wishes with their article, no template that
  says the problem twice, no action naming a person only a clause identified.
"""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.journey.themes import find_themes
from workbench.nlp.actions import action_phrases
from workbench.nlp.asides import elsewhere, hypothetical, request
from workbench.nlp.label_repair import lower_start, main_order, with_antecedent
from workbench.nlp.negated import not_a_pain
from workbench.nlp.phrases import theme_phrase
from workbench.nlp.signable import label_problem, signable_label
from workbench.nlp.syntax import parse
from workbench.themes import names_problem


def _doc(text: str, lang: str):
    return parse([text], lang)[0]


def _span(text: str, word: str) -> tuple[int, int]:
    at = text.index(word)
    return at, at + len(word)


@pytest.mark.parametrize("lang,text,cue", [
    ("nl", "Gewoon niet meer reclame maken met aanbiedingen die verlopen zijn.", "verlopen"),
    ("nl", "Graag eerder laten weten als het later wordt.", "later"),
    ("en", "Please stop sending reminders that are broken.", "broken"),
    ("en", "Just tell us when the sync fails.", "fails"),
])
def test_a_request_to_the_service_is_no_pain(lang, text, cue):
    doc = _doc(text, lang)
    assert request(doc, lang, _span(text, cue))
    assert not_a_pain(doc, lang, _span(text, cue)) == "request"


@pytest.mark.parametrize("lang,text,cue", [
    ("nl", "Nooit meer bestellen bij deze winkel.", "Nooit meer bestellen"),
    ("nl", "De levering was gewoon te laat.", "te laat"),
    ("en", "Please explain why the invoice is wrong.", "wrong"),
    ("en", "Please explain why it costs twice as much to change a date.", "why it costs twice as much"),
    ("en", "The export just fails every time.", "fails"),
])
def test_a_verdict_or_a_complaint_said_as_a_fact_stays_a_pain(lang, text, cue):
    assert not request(_doc(text, lang), lang, _span(text, cue))


@pytest.mark.parametrize("lang,text,cue,expected", [
    ("nl", "Op een prijsvergelijker gekeken, daar was de lamp goedkoper maar uitverkocht.", "uitverkocht", True),
    ("en", "Looked at a competitor, there the chair was cheaper but out of stock.", "out of stock", True),
    ("nl", "Daar stond het pakket niet, terwijl de app het zei.", "niet", False),
    ("nl", "Bij een andere winkel gekeken, maar hier was de levering te laat.", "te laat", False),
])
def test_another_shops_clause_is_no_pain(lang, text, cue, expected):
    assert elsewhere(_doc(text, lang), lang, _span(text, cue)) is expected


@pytest.mark.parametrize("lang,text,cue,expected", [
    ("nl", "Ik heb de reviews gelezen om te kijken of de stof niet pilt.", "niet", True),
    ("en", "I read the reviews to check that the app wasn't abandoned.", "n't", True),
    ("en", "I checked the box and it wasn't there.", "n't", False),
    ("nl", "Ik zag dat de doos niet dicht was.", "niet", False),
])
def test_what_was_only_checked_for_is_no_pain(lang, text, cue, expected):
    assert hypothetical(_doc(text, lang), lang, _span(text, cue)) is expected


def test_the_map_leaves_requests_and_checks_out_of_its_pain_points():
    texts = ["Gewoon niet meer reclame maken met aanbiedingen die verlopen zijn.",
             "Ik heb de reviews gelezen om te kijken of de stof niet pilt.",
             "De kortingscode werkte niet."]
    s = pd.Series(texts)
    cues = pd.Series(["verlopen", "niet", "werkte niet"])
    th = find_themes(s, cues=cues, classes=pd.Series(["broken", "negation", "broken"]), kind="pain_point", lang="nl")
    assert th.assignments.tolist()[:2] == [-1, -1]
    assert th.assignments.tolist()[2] >= 0


def test_a_fragment_opening_with_a_conjunction_is_no_label():
    docs = [_doc("It worked in the end, but only after a ticket that took a week.", "en")]
    assert label_problem("but only after a ticket that took a week", docs, "pain_point", "en") == "fragment"


def test_a_pro_form_pointing_outside_the_sentence_is_no_label():
    docs = [_doc("And we didn't notice that until much later.", "en")]
    assert label_problem("didn't notice that until much later", docs, "pain_point", "en") == "reference lost"
    assert signable_label(["didn't notice that until much later"], docs, "pain_point", "en") is None
    docs = [_doc("Of gewoon dat ze het ophalen, daar betaal ik graag een vijfje voor.", "nl")]
    assert signable_label(["daar betaal ik graag een vijfje voor"], docs, "need", "nl") is None


def test_a_pro_form_pointing_inside_the_sentence_gets_its_antecedent_as_heading():
    text = "Er stond wel 'biologisch' op, maar niet echt duidelijk wat dat inhoudt."
    docs = [_doc(text, "nl")]
    label = "niet echt duidelijk wat dat inhoudt"
    assert with_antecedent(label, docs, "nl") == "biologisch: niet echt duidelijk wat dat inhoudt"
    assert signable_label([label], docs, "pain_point", "nl") == "biologisch: niet echt duidelijk wat dat inhoudt"


def test_dutch_labels_keep_main_clause_order_and_their_er():
    docs = [_doc("De stoel vond ik mooi, ook al was de uitleg vaag.", "nl")]
    assert main_order("was de uitleg vaag", docs) == "de uitleg was vaag"
    docs = [_doc("Ik kreeg een melding bij het afrekenen.", "nl")]
    assert main_order("kreeg een melding bij het afrekenen", docs) is None  # an object, not a subject
    docs = [_doc("Mijn zus werd er gek van.", "nl")]
    assert label_problem("mijn zus werd gek van", docs, "pain_point", "nl") == "stranded"
    # with its 'er' back it is a reaction to something the sentence does not name: no label, an empty
    # cell beats it (tests/test_map_labels_signed.py)
    assert signable_label(["mijn zus werd gek van"], docs, "pain_point", "nl") is None


def test_het_as_object_stays_in_the_label():
    doc = _doc("Ik wilde iets ruilen, maar vond het zonde van de moeite.", "nl")
    p = theme_phrase(doc, _span(doc.text, "zonde"), kind="pain_point")
    assert p is not None and "het zonde" in p.label


@pytest.mark.parametrize("lang,text,label", [
    ("nl", "Het zou fijn zijn als je bij een ruil sneller je tegoed terug krijgt.",
     "het zou fijn zijn als je bij een ruil sneller je tegoed"),
    ("en", "I didn't get the difference between a draft and a template.", "didn't get difference between draft"),
])
def test_a_cut_clause_or_pair_is_no_label(lang, text, label):
    assert label_problem(label, [_doc(text, lang)], "pain_point", lang) == "cut clause"


def test_a_gapped_negation_is_no_label():
    docs = [_doc("De lengte stond erbij, en de diepte, maar de breedte niet.", "nl")]
    assert label_problem("breedte niet", docs, "pain_point", "nl") == "gapped"


def test_labels_start_in_lower_case_unless_a_name():
    assert lower_start("Fix the sync", [_doc("Fix the sync.", "en")]) == "fix the sync"
    assert lower_start("Zitwinkel was duurder", [_doc("Zitwinkel was duurder.", "nl")]) == "Zitwinkel was duurder"
    assert lower_start("I wish it synced", [_doc("I wish it synced.", "en")]) == "I wish it synced"


def test_english_wishes_keep_their_article():
    s = pd.Series(["I wish they had a planner, like the old app.", "I wish there was a planner for the team."])
    th = find_themes(s, cues=pd.Series(["wish they had", "wish there was"]), classes=pd.Series(["wish", "wish"]),
                     kind="need", lang="en")
    assert "wants a planner" in th.labels


def test_a_template_does_not_say_the_problem_twice():
    assert names_problem("deuk", "nl") and names_problem("beschadiging", "nl")
    assert not names_problem("pakket", "nl") and not names_problem("kortingscode", "nl")


def test_an_action_does_not_name_a_person_only_a_clause_identified():
    doc = _doc("I recommended it to a woman I met at a conference.", "en")
    assert not any("to a woman" in a.text for a in action_phrases(doc))
    doc = _doc("I recommended it to two other clinic owners.", "en")
    assert any("recommended it to two other clinic owners" == a.text for a in action_phrases(doc))


def test_a_plural_verb_keeps_its_we():
    docs = [_doc("En we zijn al lang bezig, want we willen zo min mogelijk nieuw kopen.", "nl")]
    assert label_problem("willen zo min mogelijk nieuw kopen", docs, "need", "nl") == "subject lost"
    assert signable_label(["willen zo min mogelijk nieuw kopen"], docs, "need", "nl") == \
        "we willen zo min mogelijk nieuw kopen"


@pytest.mark.parametrize("lang,text,cue,label", [
    ("nl", "Acties die kloppen, of gewoon niet meer reclame maken met aanbiedingen die verlopen zijn.", "verlopen",
     "graag niet meer reclame maken met aanbiedingen die verlopen zijn"),
    ("en", "Just tell us when the sync fails.", "fails", "please tell us when the sync fails"),
])
def test_a_request_is_worded_as_asked_among_the_needs(lang, text, cue, label):
    th = find_themes(pd.Series([text]), cues=pd.Series([cue]), classes=pd.Series(["request"]), kind="need", lang=lang)
    assert th.labels == [label]


# --- the service making amends is its response, not a pain point ---

from workbench.nlp.asides import compensation  # noqa: E402


@pytest.mark.parametrize("lang,text,cue", [
    ("nl", "Voor de kras kreeg ik twintig euro terug op mijn rekening.", "kras"),
    ("en", "They gave me a voucher for the broken lamp.", "broken"),
    ("en", "I got a refund for the missing screws.", "missing"),
])
def test_amends_from_the_service_are_no_pain(lang, text, cue):
    assert compensation(_doc(text, lang), lang, _span(text, cue))
    assert not_a_pain(_doc(text, lang), lang, _span(text, cue)) == "compensation"


@pytest.mark.parametrize("lang,text,cue", [
    ("nl", "De kast had een kras, en ik kreeg twintig euro terug.", "kras"),  # the damage in its own clause
    ("nl", "Ik kreeg pas na drie weken mijn geld terug.", "pas na drie weken"),  # late amends
    ("nl", "Ik heb mijn geld nog steeds niet terug gekregen.", "niet"),
    ("en", "I still haven't got a refund for the missing screws.", "missing"),
    ("en", "I got a discount code that didn't work.", "didn't work"),
])
def test_damage_late_or_missing_amends_stay_pains(lang, text, cue):
    assert not compensation(_doc(text, lang), lang, _span(text, cue))


# --- who did something is no pain point ---

from workbench.nlp.asides import someone_else_did  # noqa: E402


@pytest.mark.parametrize("lang,text,cue", [
    ("en", "I didn't order the cabinet, my husband did.", "didn't"),
    ("nl", "Ik heb het niet besteld, mijn man wel.", "niet"),
    ("nl", "Ik heb de kast niet zelf in elkaar gezet, dat deed mijn zoon.", "niet"),
])
def test_who_did_it_instead_is_no_pain(lang, text, cue):
    assert someone_else_did(_doc(text, lang), lang, _span(text, cue))
    assert not_a_pain(_doc(text, lang), lang, _span(text, cue)) == "someone else"


@pytest.mark.parametrize("lang,text,cue", [
    ("en", "I didn't get a reply, and the chat did nothing.", "didn't"),
    ("en", "I didn't get a refund, my neighbour did.", "didn't"),
    ("nl", "Ik kon niet inloggen, de helpdesk deed niets.", "niet"),
    ("en", "We couldn't import the staff list, the support team did it for us in the end.", "couldn't"),
])
def test_a_loss_or_an_inability_beside_another_doer_stays_a_pain(lang, text, cue):
    assert not someone_else_did(_doc(text, lang), lang, _span(text, cue))


# --- a label reads as a phrase: no bare word, no lost determiner ---

@pytest.mark.parametrize("lang,text,label,repaired", [
    ("nl", "De andere drie stoelen kwamen een week later.", "andere drie stoelen kwamen week later",
     "de andere drie stoelen kwamen een week later"),
    ("en", "I wouldn't suggest it to a larger practice.", "wouldn't suggest it to larger practice",
     "wouldn't suggest it to a larger practice"),
])
def test_a_label_keeps_the_determiners_of_its_noun_phrases(lang, text, label, repaired):
    doc = _doc(text, lang)
    assert label_problem(label, [doc], "pain_point", lang) == "determiner lost"
    assert signable_label([label], [doc], "pain_point", lang) == repaired


def test_a_heading_may_drop_the_article_of_its_first_noun():
    doc = _doc("De verpakking was gescheurd.", "nl")
    assert label_problem("verpakking was gescheurd", [doc], "pain_point", "nl") is None


def test_a_bare_word_is_no_label_and_a_members_clause_heads_instead():
    doc = _doc("De spiegel had een barst.", "nl")
    assert label_problem("barst", [doc], "pain_point", "nl") == "bare word"
    assert signable_label(["barst", "spiegel had een barst"], [doc], "pain_point", "nl") == "spiegel had een barst"


# --- the speaker's own former means, said as why they went looking, is no pain point ---

from workbench.nlp.asides import what_they_left  # noqa: E402


@pytest.mark.parametrize("lang,text,cue", [
    ("en", "When we were fed up with our spreadsheet rota, I searched for an app.", "fed up"),
    ("nl", "Toen ik klaar was met ons oude Excel-rooster, zocht ik naar een app.", "klaar"),
])
def test_what_the_speaker_left_behind_is_no_pain(lang, text, cue):
    assert what_they_left(_doc(text, lang), lang, _span(text, cue))
    assert not_a_pain(_doc(text, lang), lang, _span(text, cue)) == "left behind"


@pytest.mark.parametrize("lang,text,cue", [
    ("en", "When I was fed up with the broken import, I searched for another tool.", "fed up"),  # not their own
    ("en", "Fed up with our account being locked, I searched the help pages.", "Fed up"),  # a service word
    ("en", "I was fed up with our WhatsApp group.", "fed up"),  # no looking for something new
])
def test_a_pain_with_the_service_before_looking_stays(lang, text, cue):
    assert not what_they_left(_doc(text, lang), lang, _span(text, cue))


@pytest.mark.parametrize("lang,text,cue,expected", [
    ("en", "We almost didn't renew.", "didn't", "near miss"),
    ("nl", "Ik had de bank bijna niet besteld.", "niet", "near miss"),
    ("en", "It almost broke, and the app didn't sync.", "didn't", None),  # 'almost' of another clause
])
def test_almost_not_is_no_pain(lang, text, cue, expected):
    assert not_a_pain(_doc(text, lang), lang, _span(text, cue)) == expected


def test_an_aspect_of_an_earlier_clause_does_not_head_the_label():
    from workbench.nlp.signable import with_aspect

    en = parse(["The trial ended before I had imported our staff, so I couldn't really compare."], "en")
    assert with_aspect("couldn't really compare", en, "en") is None
    nl = parse(["De proefperiode liep af voordat ik de roosters had ingevoerd, dus ik kon niet vergelijken."], "nl")
    assert not (with_aspect("kon niet vergelijken", nl, "nl") or "").startswith("roosters")
    assert with_aspect("duurde te lang", parse(["De bezorging duurde te lang."], "nl"), "nl") == "bezorging: duurde te lang"
