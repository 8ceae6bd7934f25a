"""Classes of map items no researcher would sign, each checked on sentences of our own (issue 14).

* a negated statement of the speaker's own circumstance ("we hebben geen bakfiets", "I can't
  carry it") is no pain point, while a lack the service owed ("ik heb geen factuur ontvangen",
  "I still have no invoice") is one;
* praise by absence ("geen plastic, alles papier") and a correction ("het gaat niet om het
  geld, het is het principe") are no pain points;
* an action has a real verb head: a noun, a participle or an infinitive inside a noun phrase is
  none ("foto's van houten kasten", "the billing reminders");
* a theme is labelled by what most of its sentences say, not by one of them.
"""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.journey.themes import find_themes
from workbench.nlp.actions import action_phrases
from workbench.nlp.negated import classification, correction, no_pain, own_circumstance, praise_by_absence
from workbench.nlp.phrases import theme_phrase
from workbench.nlp.signable import backs, signable_themes
from workbench.nlp.syntax import parse


def _doc(text: str, lang: str):
    return parse([text], lang)[0]


CIRCUMSTANCES = [
    ("nl", "Wij hebben geen bakfiets."),
    ("nl", "Ik heb geen aanhanger, dus ik koos voor bezorging."),
    ("nl", "Omdat ik zo'n zware doos niet kan tillen."),
    ("en", "We don't have a van."),
    ("en", "I have no car, so the pickup point was far."),
    ("en", "I can't carry it up the stairs on my own."),
    # a quality of one's own home given as the reason to find something out
    ("nl", "Ik wilde weten hoe breed de kast was, want onze gang is niet zo breed."),
    ("en", "I checked the height first, because our ceiling isn't very high."),
]
PAINS = [
    ("nl", "Ik heb geen factuur ontvangen."),
    ("nl", "We hebben geen internetverbinding gekregen."),
    ("nl", "Ik heb nog steeds geen terugbetaling."),
    ("nl", "Ik kan niet inloggen in de app."),
    ("nl", "Ik kon geen afleverdag kiezen."),
    ("en", "I still have no invoice."),
    ("en", "We have no internet since Friday."),
    ("en", "I can't log in."),
    ("en", "I have no access to my account."),
    ("en", "We have no heating since the engineer left."),
    ("nl", "Ik heb hem teruggestuurd, want mijn pakket was niet compleet."),
    ("nl", "Mijn bank is niet stevig."),
    ("en", "I sent it back because my desk wasn't straight."),
]


@pytest.mark.parametrize("lang,text", CIRCUMSTANCES)
def test_the_speakers_own_circumstance_is_no_pain(lang, text):
    assert own_circumstance(_doc(text, lang), lang)
    assert no_pain(_doc(text, lang), lang) == "circumstance"


@pytest.mark.parametrize("lang,text", PAINS)
def test_a_lack_the_service_owed_stays_a_pain(lang, text):
    assert not own_circumstance(_doc(text, lang), lang)
    assert no_pain(_doc(text, lang), lang) is None


@pytest.mark.parametrize("lang,text", [
    ("nl", "Geen plastic, alles papier."),
    ("nl", "Geen gedoe."),
    ("nl", "Veel minder plastic, en zeker geen folie."),
    ("en", "No plastic, only paper."),
    ("en", "No hassle at all."),
])
def test_praise_by_absence_is_no_pain(lang, text):
    assert praise_by_absence(_doc(text, lang), lang)


@pytest.mark.parametrize("lang,text", [
    ("nl", "Geen reactie."),
    ("nl", "Geen factuur, heel vervelend."),
    ("nl", "Ik kreeg geen reactie."),
    ("en", "No reply from support."),
    ("en", "No refund yet."),
])
def test_a_missing_reply_is_no_praise(lang, text):
    assert not praise_by_absence(_doc(text, lang), lang)


@pytest.mark.parametrize("lang,text,expected", [
    ("nl", "Het is niet eens de prijs, het is de houding.", True),
    ("nl", "Het is niet eens de prijs,", True),
    ("en", "It's not the right size.", False),
    ("en", "It's not the product I ordered.", False),
    ("nl", "Het is niet eens een echte kast.", False),
    ("en", "It's not the fee, it's the principle.", True),
    ("nl", "Het is niet duidelijk, het is een rommeltje.", False),
    ("en", "It did not work and it was slow.", False),
    ("en", "That is not acceptable.", False),
])
def test_a_correction_is_no_pain(lang, text, expected):
    assert correction(_doc(text, lang), lang) is expected


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "They are not members.", True),
    ("nl", "Ze zijn geen klanten.", True),
    ("en", "He was not helpful.", False),
    ("en", "They were not friendly at all.", False),
])
def test_saying_who_people_are_is_no_pain(lang, text, expected):
    assert classification(_doc(text, lang), lang) is expected


def test_only_the_cues_negator_is_judged():
    text = "They're not members, they don't need tips about invoices."
    at = text.index("not")
    assert no_pain(_doc(text, "en"), "en", (at, at + 3)) == "classification"
    assert no_pain(_doc(text, "en"), "en") is None  # the second clause may be a complaint of its own


def test_praise_by_absence_leaves_the_map_whatever_cue_the_tagger_found():
    s = pd.Series(["Veel minder plastic, en zeker geen folie.", "De kast was kapot."])
    t = find_themes(s, classes=pd.Series(["evaluation", "broken"]), lang="nl")
    assert t.assignments.tolist()[0] == -1 and t.assignments.tolist()[1] >= 0


def test_a_negated_cue_of_any_class_is_judged():
    s = "Het is niet eens de prijs, het is de houding."
    t = find_themes(pd.Series([s]), classes=pd.Series(["expectation"]), cues=pd.Series(["niet eens"]),
                    cue_starts=pd.Series([s.index("niet eens")]), lang="nl")
    assert t.assignments.tolist() == [-1]


def test_the_map_leaves_circumstances_out_of_its_pain_themes():
    s = pd.Series(["Wij hebben geen bakfiets.", "Ik heb geen factuur ontvangen.", "Ik heb geen factuur gekregen.",
                   "Geen plastic, alles papier."])
    t = find_themes(s, classes=pd.Series(["negation"] * len(s)), lang="nl")
    got = t.assignments.tolist()
    assert got[0] == -1 and got[3] == -1
    assert got[1] == got[2] >= 0 and "factuur" in t.labels[got[1]]


@pytest.mark.parametrize("lang,text", [
    ("en", "Lots of banners and marketing e-mails."),
    ("en", "The booking confirmation and shipping labels."),
    ("en", "Too many reminders and billing e-mails."),
])
def test_a_noun_phrase_is_no_action(lang, text):
    assert action_phrases(_doc(text, lang)) == []


def _parsed(lang: str, rows: list[tuple[str, str, str, int]]):
    """A Doc with the given (word, POS, dependency, head) rows: a parser's misreading, fixed."""
    from spacy.tokens import Doc

    from workbench.nlp.syntax import syntax_pipeline

    words, pos, deps, heads = zip(*rows, strict=True)
    return Doc(syntax_pipeline(lang).vocab, words=list(words), pos=list(pos), deps=list(deps), heads=list(heads))


# parses a small model gives: a noun or a nominal infinitive read as the verb of a clause
MISREAD = [
    ("nl", [("Wat", "PRON", "nsubj", 2), ("ik", "PRON", "nsubj", 2), ("zocht", "VERB", "nsubj", 8),
            ("was", "AUX", "cop", 8), ("een", "DET", "det", 5), ("optie", "NOUN", "obj", 8), ("voor", "ADP", "nmod", 5),
            ("gratis", "ADV", "nmod", 5), ("verzenden", "VERB", "ROOT", 8), (".", "PUNCT", "punct", 8)]),
    ("nl", [("en", "CCONJ", "cc", 2), ("ik", "PRON", "nsubj", 2), ("bewaarde", "VERB", "ROOT", 2),
            ("foto's", "NOUN", "obj", 6), ("van", "ADP", "case", 5), ("houten", "NOUN", "nmod", 3),
            ("stoelen", "VERB", "xcomp", 2), (".", "PUNCT", "punct", 2)]),
    ("en", [("Too", "ADV", "advmod", 1), ("many", "ADJ", "amod", 2), ("reminders", "NOUN", "ROOT", 2),
            ("and", "CCONJ", "cc", 4), ("welcome", "VERB", "conj", 2), ("e-mails", "NOUN", "obj", 4), (".", "PUNCT", "punct", 2)]),
]


@pytest.mark.parametrize("lang,rows", MISREAD)
def test_a_noun_read_as_a_verb_is_no_action(lang, rows):
    doc = _parsed(lang, rows)
    assert [a.text for a in action_phrases(doc) if a.key.split()[0] in ("verzenden", "stoelen", "welcome")] == []


@pytest.mark.parametrize("lang,text,expected", [
    ("nl", "Ik heb de prijzen vergeleken op een vergelijkingssite.", "vergeleken"),
    ("nl", "Daarna heb ik met iDEAL betaald.", "betaald"),
    ("nl", "Ik belde de klantenservice.", "belde"),
    ("en", "I compared prices on a comparison site.", "compared"),
    ("en", "We imported our staff list from the old system.", "imported"),
])
def test_a_verb_phrase_stays_an_action(lang, text, expected):
    assert any(expected in a.text for a in action_phrases(_doc(text, lang)))


def test_a_label_backs_only_the_sentences_that_say_it():
    assert backs("kortingscode werkte niet", _doc("De kortingscode werkte gisteren niet.", "nl"), "nl")
    assert not backs("kortingscode werkte niet", _doc("De bezorger was te laat.", "nl"), "nl")
    assert backs("problemen met levering", _doc("De levering ging mis.", "nl"), "nl")  # template words aside


def test_a_theme_is_not_labelled_by_one_of_its_unrelated_sentences():
    texts = ["Het is niet eens het geld, het is het idee.", "Ik kon nergens de verzendkosten vinden.",
             "De bezorger belde niet aan."]
    docs = parse(texts, "nl")
    phrases = [theme_phrase(d, None, kind="pain_point") for d in docs]
    assign, labels, _ = signable_themes([0, 0, 0], ["het is niet eens het geld"], ["geld"], phrases, docs,
                                        ["pain_point"] * 3, "nl", split=True)
    assert labels, "each sentence keeps a theme of its own wording"
    for t, label in enumerate(labels):
        members = [i for i, a in enumerate(assign) if a == t]
        assert all(backs(label, docs[i], "nl") for i in members), (label, [texts[i] for i in members])


def test_two_themes_that_read_the_same_are_one_and_the_largest_comes_first():
    texts = ["Ik wilde als gast bestellen.", "Wil gewoon als gast bestellen.", "Ik wil als gast bestellen!",
             "De kortingscode werkte niet.", "Mijn kortingscode werkte niet.", "Weer werkte de kortingscode niet.",
             "De kortingscode werkte echt niet."]
    docs = parse(texts, "nl")
    phrases = [theme_phrase(d, None, kind="pain_point") for d in docs]
    assign, labels, _ = signable_themes([0, 1, 1, 2, 2, 2, 2], ["wil gast bestellen", "wil gast bestellen",
                                        "kortingscode werkte niet"], ["gast", "gast", "kortingscode"], phrases, docs,
                                        ["need"] * 3 + ["pain_point"] * 4, "nl")
    assert labels == ["kortingscode werkte niet", "wil gast bestellen"]
    assert assign == [1, 1, 1, 0, 0, 0, 0]


def test_a_theme_whose_sentences_say_its_label_is_kept_whole():
    texts = ["De kortingscode werkte niet.", "Mijn kortingscode werkte niet bij het afrekenen.",
             "Helaas werkte de kortingscode niet."]
    docs = parse(texts, "nl")
    phrases = [theme_phrase(d, None, kind="pain_point") for d in docs]
    assign, labels, _ = signable_themes([0, 0, 0], ["kortingscode werkte niet"], ["kortingscode"], phrases, docs,
                                        ["pain_point"] * 3, "nl", split=True)
    assert assign == [0, 0, 0] and labels == ["kortingscode werkte niet"]


@pytest.mark.parametrize("lang,label,text,problem", [
    ("en", "not members", "They're not members, they don't pay for it.", "subject lost"),
    ("en", "ones from small shops complained", "The ones from small shops complained about the fees.", "subject lost"),
    ("en", "lot about plans but it wasn't clear", "They said a lot about plans but it wasn't clear.", "subject lost"),
    ("en", "hadn't done", "You have to set that in the settings, which I hadn't done.", "says nothing"),
    ("en", "problems with billing software breaks", "The link with our billing software breaks every month.", "cut clause"),
    ("en", "the plan was too expensive", "The plan was too expensive for us.", None),
    ("en", "too expensive", "It was too expensive for us.", "object lost"),  # what was, the label does not say
    ("en", "can't pay by card", "You can't pay by card on the basic plan.", None),
    ("en", "can't pay by card", "We can't pay by card on the basic plan.", None),
    ("en", "too many reminder e-mails", "Too many reminder e-mails.", None),
    ("nl", "de uitleg was niet duidelijk", "De uitleg was niet duidelijk.", None),
    ("nl", "code was verlopen", "De code was verlopen.", None),
])
def test_label_problems(lang, label, text, problem):
    from workbench.nlp.signable import label_problem

    assert label_problem(label, [_doc(text, lang)], "pain_point", lang) == problem


@pytest.mark.parametrize("lang,label,text,problem", [
    ("nl", "dat zou echt fijn zijn", "Een montagefilmpje erbij, dat zou echt fijn zijn.", "says nothing"),
    ("en", "that would be great", "A dark mode, that would be great.", "says nothing"),
    ("nl", "een montagefilmpje zou fijn zijn", "Een montagefilmpje zou fijn zijn.", None),
    ("en", "a dark mode would be great", "A dark mode would be great.", None),
])
def test_a_wish_must_say_what_is_wished(lang, label, text, problem):
    from workbench.nlp.signable import label_problem

    assert label_problem(label, [_doc(text, lang)], "need", lang) == problem


def test_a_pain_label_that_names_nothing_is_headed_by_the_aspect_its_sentences_name():
    from workbench.nlp.signable import names_aspect, with_aspect

    texts = ["Het duurde te lang voordat mijn bestelling binnen was.", "De bestelling: het duurde te lang.",
             "Bij de bestelling duurde het te lang."]
    docs = [_doc(t, "nl") for t in texts]
    assert not names_aspect("duurde te lang", docs, "nl")
    assert with_aspect("duurde te lang", docs, "nl") == "bestelling: duurde te lang"
    assert names_aspect("levering duurde te lang", [_doc("De levering duurde te lang.", "nl")], "nl")
    # no aspect word shared by most sentences: no heading (a guessed noun would make a worse label)
    mixed = [_doc("Het duurde te lang.", "nl"), _doc("Eerlijk gezegd duurde het te lang voor mij.", "nl")]
    assert with_aspect("duurde te lang", mixed, "nl") is None


# --- a burden gone, a neutral impression, someone else's complaint ---

from workbench.nlp.negated import not_a_pain  # noqa: E402

NOT_PAINS = [
    ("en", "I'm not driving to the depot every Friday anymore.", "relief"),
    ("en", "We don't have to chase our drivers by phone anymore.", "relief"),
    ("nl", "Ik hoef niet meer elke avond de planning over te typen.", "relief"),
    ("en", "The first visit to the site was nothing special really.", "neutral"),
    ("nl", "De eerste indruk: niks bijzonders.", "neutral"),
    ("en", "Other parents at the club complained about the invoices.", "hearsay"),
    ("nl", "Andere ouders klaagden over de bezorgtijden.", "hearsay"),
    ("nl", "Ik keek eerst naar de negatieve recensies.", "reading"),
    ("en", "I always read the negative reviews first.", "reading"),
]
STILL_PAINS = [
    ("en", "I can't open the invoices anymore."),
    ("en", "We don't get the reminder emails anymore."),
    ("en", "I'm not using it anymore."),
    ("nl", "De app start niet meer op."),
    ("nl", "Ik heb daarna nooit meer iets gehoord."),
    ("en", "Nothing special, and the search was slow."),
    ("en", "I complained about the invoices twice."),
    ("nl", "Ik klaagde over de bezorgtijden."),
    ("nl", "Ik las de slechte handleiding twee keer."),
    ("en", "I read the terrible instructions twice."),
]


@pytest.mark.parametrize("lang, text, why", NOT_PAINS)
def test_a_relief_a_neutral_impression_or_hearsay_is_no_pain(lang, text, why):
    assert not_a_pain(_doc(text, lang), lang) == why


@pytest.mark.parametrize("lang, text", STILL_PAINS)
def test_a_loss_a_lack_or_ones_own_complaint_stays_a_pain(lang, text):
    assert not_a_pain(_doc(text, lang), lang) is None


def test_the_map_leaves_out_a_relief_and_hearsay():
    s = pd.Series(["I'm not driving to the depot every Friday anymore.", "Other parents at the club complained about the invoices.",
                   "The invoice export failed twice.", "The invoice export failed again."])
    t = find_themes(s, cues=pd.Series(["not driving", "complained", "failed", "failed"]),
                    classes=pd.Series(["unmet", "problem", "broken", "broken"]), lang="en")
    assert t.assignments.tolist()[:2] == [-1, -1]
    assert t.assignments.tolist()[2] >= 0


@pytest.mark.parametrize("lang, text", [
    ("en", "We ended up paying by bank transfer."),
    ("en", "I recommend the rota app to every new manager."),
    ("nl", "Retour aanmelden via de site ging makkelijk."),
])
def test_an_action_not_said_as_done_is_left_out(lang, text):
    # the lane lists what people did: a gerund, an infinitive or an opinion said now ('I recommend') is no action
    # (a habit the speaker reports in the present is one: tests/test_actions_done.py)
    assert action_phrases(_doc(text, lang)) == []


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "I paid by bank transfer.", "paid"),
    ("en", "I set the rota up in one evening.", "set"),
    ("en", "I read the reviews on a comparison site.", "read"),
    ("nl", "Ik moest eerst een klantnummer aanvragen.", "moest"),
    ("nl", "Ik las eerst de slechte recensies.", "las"),
])
def test_a_past_action_stays(lang, text, expected):
    assert any(a.text.startswith(expected) for a in action_phrases(_doc(text, lang)))
