"""Polar words that do not evaluate where they stand, comparative wishes, and touchpoint words in
another sense (workbench.nlp.lexicon: JourneyLexicon.not_evaluating, comparative_wishes,
other_senses). Texts are our own."""

from __future__ import annotations

import pytest

from workbench.nlp import tag_texts


def _one(text: str, lang: str):
    doc_tags, tags = tag_texts([text], lang, return_tags=True)
    return doc_tags.iloc[0], tags


def _emotions(tags, polarity: str) -> list[str]:
    return tags.loc[(tags["label"].astype(str) == "emotion") & (tags["value"] == polarity), "text"].tolist()


@pytest.mark.parametrize(("text", "lang", "word"), [
    ("De slimme meter staat in de kelder.", "nl", "slimme"),
    ("The smart meter sits in the hallway.", "en", "smart"),
    ("Ik sprak met mevrouw De Groot over de factuur.", "nl", "Groot"),
    ("Ik werd gebeld door meneer Goed van de afdeling.", "nl", "Goed"),
    ("Mrs Sweet from the branch called me.", "en", "Sweet"),
    ("De helpdesk is slecht bereikbaar.", "nl", "bereikbaar"),
    ("The form was poorly organised.", "en", "organised"),
    ("Dat had wel wat duidelijker gemogen.", "nl", "duidelijker"),
    ("The invoice could have been clearer.", "en", "clearer"),
    ("Maak annuleren net zo makkelijk als bestellen.", "nl", "makkelijk"),
])
def test_polar_word_that_does_not_evaluate_gives_no_positive_tone(text, lang, word):
    row, tags = _one(text, lang)
    assert word not in _emotions(tags, "positive")
    assert row["sentiment"] <= 0


@pytest.mark.parametrize(("text", "lang"), [
    ("De bezorger was heel vriendelijk.", "nl"),
    ("The smart design of the form helped me a lot.", "en"),
    ("Het ging goed en de medewerker was slim.", "nl"),
])
def test_real_praise_keeps_its_tone(text, lang):
    row, _ = _one(text, lang)
    assert row["sentiment"] > 0


@pytest.mark.parametrize(("text", "lang"), [
    ("Dat had wel wat sneller gekund.", "nl"),
    ("De brief had best wat duidelijker gemogen.", "nl"),
])
def test_a_counterfactual_comparative_is_a_complaint(text, lang):
    row, _ = _one(text, lang)
    assert row["pain_point"] == 1 and row["need"] == 1


@pytest.mark.parametrize(("text", "lang"), [
    ("Dat lijkt me toch niet zo moeilijk.", "nl"),
    ("Het kan toch niet zo lastig zijn om terug te bellen.", "nl"),
    ("It can't be that hard to send a letter.", "en"),
])
def test_how_hard_can_it_be_is_a_reproach(text, lang):
    row, tags = _one(text, lang)
    assert row["sentiment"] < 0 and not _emotions(tags, "positive")


@pytest.mark.parametrize(("text", "lang"), [
    ("better refund process", "en"),
    ("Quicker replies from the help desk.", "en"),
    ("Less hassle when you move house.", "en"),
    ("Betere uitleg over de tarieven.", "nl"),
    ("En duidelijker zijn over de kosten.", "nl"),
])
def test_a_comparative_phrase_is_a_wish_not_a_pain(text, lang):
    row, _ = _one(text, lang)
    assert (row["need"], row["pain_point"]) == (1, 0)
    assert row["sentiment"] == 0


@pytest.mark.parametrize(("text", "lang"), [
    ("Better than my previous insurer.", "en"),
    ("Beter dan verwacht!", "nl"),
])
def test_a_comparison_is_no_wish(text, lang):
    row, _ = _one(text, lang)
    assert row["need"] == 0


def _touchpoints(text: str, lang: str) -> set[str]:
    row, _ = _one(text, lang)
    return set(filter(None, str(row["touchpoints"]).split("; ")))


@pytest.mark.parametrize(("text", "lang", "gone"), [
    ("My loan application was under review for a week.", "en", "reviews"),
    ("They said it was under manual review.", "en", "reviews"),
    ("They will review my documents tomorrow.", "en", "reviews"),
    ("I work for a delivery platform in the evenings.", "en", "delivery"),
    ("Most of my friends are delivery riders too.", "en", "delivery"),
    ("I set up round-ups in the app.", "en", "delivery"),
    ("Mijn aanvraag stond onder review.", "nl", "reviews"),
    ("Ik werk als bezorger in de avonden.", "nl", "delivery"),
])
def test_touchpoint_word_in_another_sense_names_no_touchpoint(text, lang, gone):
    assert gone not in _touchpoints(text, lang)


@pytest.mark.parametrize(("text", "lang", "kept"), [
    ("I read the reviews before I signed up.", "en", "reviews"),
    ("I left a review on the website.", "en", "reviews"),
    ("The delivery of my new card took ten days.", "en", "delivery"),
    ("De bezorging duurde een week.", "nl", "delivery"),
])
def test_touchpoint_word_in_its_own_sense_still_counts(text, lang, kept):
    assert kept in _touchpoints(text, lang)
