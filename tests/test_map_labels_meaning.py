"""Theme labels that must not change or lose what their sentences say (labels6 round), on
sentences of our own.

* a judging label template ('te veel {x}', 'unclear {x}') is the tagger's cue class, which can be
  wrong ('te kort' is of the class 'excess'): its judgement must be said by the sentences;
* a number or a place in a label is a fact: a sentence with another amount does not back it, and
  a label whose fact most members do not say does not head them;
* a sentence that only names what the label is about ('card was declined') does not back a label
  saying what went wrong with it ('card was frozen'); a member's clause heading a theme sends the
  members that do not say it to themes of their own wording;
* a word said twice in a row ('ik ik', 'the the') is said once; a pair cut in two ('hit and miss')
  is kept whole; an adverb the tagger took for a noun ('Dubbel betaald') stays in the label.
"""

from __future__ import annotations

import pytest

from workbench.nlp.backing import backs
from workbench.nlp.phrases import theme_phrase
from workbench.nlp.signable import signable_label, signable_themes, tidy_label
from workbench.nlp.syntax import parse


def _doc(text: str, lang: str):
    return parse([text], lang)[0]


def _themes(texts, label, aspect, lang, kind="pain_point"):
    docs = parse(texts, lang)
    phrases = [theme_phrase(d, None, kind=kind) for d in docs]
    assign, labels, _ = signable_themes([0] * len(texts), [label], [aspect], phrases, docs, [kind] * len(texts), lang,
                                        split=True)
    return docs, assign, labels


@pytest.mark.parametrize("lang,label,text,said", [
    ("nl", "te veel aanmelding", "Aanmelden kan pas twee dagen van tevoren, dat is te kort.", False),
    ("nl", "te veel meldingen", "Ik krijg echt te veel meldingen.", True),
    ("en", "unclear statement", "The statement font is too small for me.", False),
    ("en", "unclear statement", "The statement was really unclear about fees.", True),
])
def test_a_judging_template_needs_its_judgement_said(lang, label, text, said):
    assert backs(label, _doc(text, lang), lang, label.split()[-1]) is said


def test_a_judging_template_nobody_says_is_no_label():
    texts = ["Opzeggen kan pas een week van tevoren, dat is te kort.", "Opzeggen kan pas een week van tevoren, echt te kort."]
    _, _, labels = _themes(texts, "te veel opzeggen", "opzeggen", "nl")
    assert not any("te veel" in lab for lab in labels), labels


@pytest.mark.parametrize("lang,label,text,said", [
    ("nl", "moest 300 euro bijbetalen", "Ik moest 420 euro bijbetalen na de afrekening.", False),
    ("nl", "moest 300 euro bijbetalen", "Moest weer 300 euro bijbetalen.", True),
    ("en", "card frozen in Italy", "The card was frozen at a petrol station.", False),
    ("en", "card frozen in Italy", "My card got frozen in Italy last summer.", True),
])
def test_a_number_or_place_in_a_label_must_be_said(lang, label, text, said):
    assert backs(label, _doc(text, lang), lang, "card" if lang == "en" else None) is said


@pytest.mark.parametrize("lang,label,aspect,text,said", [
    ("en", "account was locked", "account", "I could not open an account online.", False),
    ("en", "account was locked", "account", "They locked my account overnight.", True),
    ("nl", "pas werd geblokkeerd", "pas", "Mijn pas was kwijt na het weekend.", False),
    ("nl", "geen factuur gekregen", "factuur", "Ik heb geen factuur ontvangen.", True),  # the same lack, another verb
])
def test_naming_the_aspect_alone_does_not_back_what_went_wrong(lang, label, aspect, text, said):
    assert backs(label, _doc(text, lang), lang, aspect) is said


def test_a_theme_headed_by_a_members_clause_keeps_only_who_says_it():
    texts = ["Then the account was locked.", "The account was locked again.", "Again the account was locked.",
             "I could not open an account online.", "The account app looks dated."]
    docs, assign, labels = _themes(texts, "complaints about account", "account", "en")
    for t, label in enumerate(labels):
        members = [i for i, a in enumerate(assign) if a == t]
        if label != "complaints about account":
            assert all(backs(label, docs[i], "en", "account") for i in members), (label, members)


@pytest.mark.parametrize("label,expected", [
    ("ik ik krijg alleen een standaardmail terug", "ik krijg alleen een standaardmail terug"),
    ("the the app logs me out", "the app logs me out"),
    ("I I never got the code", "I never got the code"),
    ("ik denk dat dat klopt", "ik denk dat dat klopt"),
    ("it had had no effect", "it had had no effect"),
])
def test_a_stuttered_word_is_said_once(label, expected):
    assert tidy_label(label) == expected


@pytest.mark.parametrize("lang,label,text,expected", [
    ("en", "the export is a bit hit", "The export is a bit hit and miss.", "the export is a bit hit and miss"),
    ("en", "app crashed", "The app crashed and I lost my data.", "app crashed"),
])
def test_a_pair_is_not_cut_in_two(lang, label, text, expected):
    assert signable_label([label], parse([text], lang), "pain_point", lang) == expected


def test_an_adverb_read_as_a_noun_stays_in_the_label():
    p = theme_phrase(_doc("Dubbel betaald voor de eerste week.", "nl"), None, kind="pain_point")
    assert p is not None and p.label.startswith("dubbel")


@pytest.mark.parametrize("lang,text,expected", [
    ("nl", "Opzeggen kan pas een week van tevoren, dat is te kort.", "opzeggen kan pas een week van tevoren: te kort"),
    ("en", "The refund took three weeks, that is too slow.", "the refund took three weeks: too slow"),
])
def test_a_judgement_of_the_clause_before_keeps_both(lang, text, expected):
    """'dat is te kort' alone names nothing; its nearest noun ('week: dat is te kort') is not what is too short."""
    lab = "dat is te kort" if lang == "nl" else "that is too slow"
    assert signable_label([lab], parse([text], lang), "pain_point", lang) == expected


@pytest.mark.parametrize("lang,label,text,expected", [
    ("en", "you can call when the card is blocked", "Just a line you can call when the card is blocked.",
     "a line you can call when the card is blocked"),
    ("en", "app crashed", "The app crashed twice.", "app crashed"),
])
def test_a_relative_clause_keeps_its_noun(lang, label, text, expected):
    assert signable_label([label], parse([text], lang), "need", lang) == expected


def test_a_wished_action_keeps_where_it_is_wanted():
    p = theme_phrase(_doc("Let customers pay in cash at the counter.", "en"), None, kind="need")
    assert p is not None and "cash" in p.label


@pytest.mark.parametrize("lang,label,text,expected", [
    ("en", "like a savings pot for holidays", "I'd like a savings pot for holidays.",
     "would like a savings pot for holidays"),
    ("en", "like the app", "I like the app.", "like the app"),
])
def test_a_wish_keeps_its_would(lang, label, text, expected):
    assert signable_label([label], parse([text], lang), "need", lang) == expected


def test_a_preposition_between_two_nouns_stays_in_the_label():
    # the small parser reads 'inclusief' as a conjunction; the label must not glue the nouns
    import workbench
    r = workbench.find_themes(["Ik miste de totaalprijs inclusief bezorging op de productpagina."] * 4,
                              lang="nl", label="need")
    labels = " | ".join(r.themes["label"].astype(str))
    assert "totaalprijs inclusief bezorging" in labels, labels
