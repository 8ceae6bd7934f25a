"""Theme labels that keep the words carrying the point (labels7 round), on sentences of our own.

* an idiom ('in de wacht', 'in de rij', 'on hold', 'in the queue') is no noun to name a theme
  ('contact over wacht'): the label keeps it whole, with how long ('drie kwartier in de wacht');
* in a wish, how or when it is wished ('realtime', 'sneller', 'op tijd') is the point: an order
  for a state of affairs ('zorg dat …', 'make sure …') is labelled whole;
* a judgement of an indirect question ('onduidelijk wat …', 'unclear how …') keeps the question
  whole, not a noun cut out of it ('onduidelijk het verschil');
* a feeling ('schrok me rot') labels what caused it ('van het voorschot', '…, want …'); a feeling
  said without a cause labels nothing.
"""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.journey.themes import find_themes
from workbench.nlp.phrases import theme_phrase
from workbench.nlp.syntax import parse


def _labels(texts, cue, kind, lang, value):
    s = pd.Series(texts)
    starts = pd.Series([max(t.find(cue), 0) for t in texts])
    return find_themes(s, cues=pd.Series([cue] * len(texts)), cue_starts=starts,
                       classes=pd.Series([value] * len(texts)), kind=kind, lang=lang).labels


def _phrase(text, cue, kind, lang):
    at = text.find(cue)
    return theme_phrase(parse([text], lang)[0], (at, at + len(cue)), kind=kind)


@pytest.mark.parametrize("lang,text,cue,expected", [
    ("nl", "Daarna belde ik en ik hing twintig minuten in de wacht.", "in de wacht", "twintig minuten in de wacht"),
    ("nl", "30 minuten in de wacht gestaan", "in de wacht", "30 minuten in de wacht gestaan"),
    ("en", "I was on hold for thirty minutes.", "on hold", "was on hold for thirty minutes"),
    ("en", "Spent an hour in the queue for the chat.", "in the queue", "spent an hour in the queue for the chat"),
])
def test_an_idiom_stays_whole_with_how_long(lang, text, cue, expected):
    labels = _labels([text, text], cue, "pain_point", lang, "contact")
    assert labels == [expected], labels
    phrase = _phrase(text, cue, "pain_point", lang)
    assert phrase.aspect == "" and phrase.complete  # no theme is named after 'wacht' or 'hold'


@pytest.mark.parametrize("lang,text,cue,kept", [
    ("nl", "Zorg dat de site ook de levertijd direct laat zien", "Zorg", "direct"),
    ("nl", "Zorg ervoor dat de bezorger op tijd belt.", "Zorg", "op tijd"),
    ("en", "Make sure the refund comes through faster.", "Make", "faster"),
])
def test_an_order_for_a_state_of_affairs_keeps_how_it_is_wished(lang, text, cue, kept):
    labels = _labels([text, text], cue, "need", lang, "imperative")
    assert len(labels) == 1 and kept in labels[0].split(" ", 1)[1], labels
    assert not any(w in labels[0].split() for w in ("ook",)), labels  # filler leaves


@pytest.mark.parametrize("lang,text,cue,kept", [
    ("nl", "Ik zou graag direct het saldo in de app willen zien.", "zou graag direct het saldo in de app willen",
     ("direct", "saldo")),
    ("en", "I would like to see my points instantly.", "would like", ("instantly", "points")),
])
def test_a_wished_manner_word_far_from_its_verb_stays(lang, text, cue, kept):
    labels = _labels([text, text], cue, "need", lang, "wish")
    assert len(labels) == 1 and all(w in labels[0].split() for w in kept), labels


@pytest.mark.parametrize("text,cue,expected", [
    ("Onduidelijk wat het verschil is tussen maand en jaar", "Onduidelijk",
     "onduidelijk wat het verschil is tussen maand en jaar"),
    ("Onduidelijk waarom mijn voorschot omhoog ging.", "Onduidelijk", "onduidelijk waarom mijn voorschot omhoog ging"),
    ("Het was me niet duidelijk hoe de boete berekend wordt.", "niet duidelijk",
     "niet duidelijk hoe de boete berekend wordt"),
])
def test_a_judged_indirect_question_stays_whole(text, cue, expected):
    assert _labels([text, text], cue, "pain_point", "nl", "unclear") == [expected]


def test_a_judged_english_question_is_not_cut_to_its_noun():
    phrase = _phrase("Unclear how the cashback is worked out.", "Unclear", "pain_point", "en")
    assert phrase.label == "unclear how the cashback is worked out"


@pytest.mark.parametrize("lang,text,cue,expected", [
    ("nl", "En toen schrok ik me rot van het voorschot.", "schrok", "schrok me rot van het voorschot"),
    ("nl", "Ik schrok me echt rot, want het was ineens het dubbele.", "schrok",
     "schrok me rot, want het was ineens het dubbele"),
    ("en", "I was shocked by the exit fee.", "shocked", "shocked by the exit fee"),
])
def test_a_feeling_is_labelled_with_its_cause(lang, text, cue, expected):
    assert _labels([text, text], cue, "pain_point", lang, "frustration") == [expected]


def test_a_feeling_without_a_cause_labels_nothing():
    phrase = _phrase("Ik schrok me echt rot.", "schrok", "pain_point", "nl")
    assert phrase is None or not phrase.complete or "rot" not in phrase.label
