"""Praise, mixed verdicts, non-answers and tone: answers to "What did you like?" are praise unless they
clearly complain; a mixed sentence's pain is labelled from its negative half; non-answers, remarks about
the questionnaire and goodbyes are no journey content; sarcasm, terms of address and contrast set the tone.
The sentences are written for these tests (same shapes as the reviewed studies, not their text)."""

from __future__ import annotations

import pytest

from workbench.nlp.phrases import theme_phrase
from workbench.nlp.praise import asks_praise
from workbench.nlp.syntax import parse
from workbench.nlp.tagger import tag_texts


def _tags(texts, lang, contexts=None):
    docs, tags = tag_texts(texts, lang, contexts=contexts, return_tags=True)
    out = []
    for i in range(len(texts)):
        mine = tags[(tags["doc_id"] == str(i)) & (tags["label"] != "touchpoint")]
        out.append({(str(r.label), str(r.value)) for r in mine.itertuples()})
    return docs, out


@pytest.mark.parametrize("question, lang, asks", [
    ("What, if anything, did you enjoy about flying with us?", "en", True),
    ("What went well?", "en", True),
    ("Anything positive you want to mention?", "en", True),
    ("What went wrong?", "en", False),
    ("Wat vond je goed aan de bezorging?", "nl", True),
    ("Wat ging er goed?", "nl", True),
    ("Wat ging er mis?", "nl", False),
    ("Wat zou je verbeteren?", "nl", False),
])
def test_asks_praise(question, lang, asks):
    assert asks_praise(question, lang) is asks


def test_answers_to_a_praise_question_are_praise_unless_they_clearly_complain():
    q = "What did you like about the ferry?"
    texts = ["Friendly crew, on time going out and coming back",
             "cheap if you book early",
             "the captain kept us updated during the long delay, superb",
             "Good food but the cabins were filthy",
             "Nothing, the boats are always late"]
    docs, tags = _tags(texts, "en", [q] * len(texts))
    assert docs["pain_point"].tolist() == [0, 0, 0, 1, 1]
    assert docs["sentiment"].iloc[2] > 0  # the praise decides, the delay is its setting
    assert ("emotion", "negative") not in tags[1]
    # the same words without the question: a delay stays a pain point
    alone = tag_texts(["the captain kept us updated during the long delay, superb"], "en")
    assert alone["pain_point"].tolist() == [1]


def test_dutch_answer_to_what_went_well():
    q = "Wat ging er goed bij het declareren?"
    docs, _ = _tags(["Snel terugbetaald, ook al duurde het even", "Goede uitleg maar de app crasht steeds"], "nl", [q, q])
    assert docs["pain_point"].tolist() == [0, 1]


def test_travel_direction_is_no_price_rise():
    docs, tags = _tags(["Going north was lovely.", "Comfy seats, on time going down", "Fares keep going up."], "en")
    assert ("pain_point", "cost") not in tags[0] | tags[1]
    assert ("pain_point", "cost") in tags[2]


def test_mixed_sentence_is_labelled_from_its_negative_half():
    for lang, text, cue, bad, good in [
        ("en", "Love the crew, hate the booking site", "hate", "crew", "booking site"),
        ("en", "Great crew but the booking site is awful", "awful", "crew", "booking site"),
    ]:
        doc = parse([text], lang)[0]
        at = text.index(cue)
        phrase = theme_phrase(doc, (at, at + len(cue)), kind="pain_point")
        assert bad not in phrase.label and good.split()[-1] in phrase.label, phrase


def test_mixed_sentence_theme_takes_no_aspect_from_the_praised_half():
    import pandas as pd

    from workbench.journey.themes import find_themes

    text = "Love the crew, hate the booking site"
    sentences = pd.Series([text] * 3)
    themes = find_themes(sentences, kind="pain_point", cues=pd.Series(["hate"] * 3),
                         cue_starts=pd.Series([text.index("hate")] * 3), classes=pd.Series(["evaluation"] * 3), lang="en")
    assert themes.labels and all("crew" not in label and "booking site" in label for label in themes.labels)


@pytest.mark.parametrize("lang, text", [
    ("en", "Nope, nothing really, all fine"),
    ("en", "honestly nothing this time"),
    ("en", "no thank you"),
    ("en", "nothing haha"),
    ("en", "This questionnaire was far too long"),
    ("en", "Stop sending me surveys and do something about it"),
    ("en", "Say hello to the team from me."),
    ("nl", "Niet goed, niet slecht."),
    ("nl", "Weet niet, pas net klant"),
    ("nl", "nee hoor, te veel om op te schrijven"),
    ("nl", "Deze vragenlijst was veel te lang"),
    ("nl", "Doe de groetjes aan je collega's."),
    ("nl", "Ja, graag!"),
])
def test_non_answers_and_meta_remarks_are_no_journey_content(lang, text):
    docs, tags = _tags([text], lang)
    assert docs["pain_point"].tolist() == [0] and docs["need"].tolist() == [0], tags
    assert not any(label == "emotion" and value == "negative" for label, value in tags[0]), tags


def test_keep_it_up_is_praise():
    docs, tags = _tags(["Doe zo voort!", "Ga zo door"], "nl")
    assert docs["need"].tolist() == [0, 0]
    assert all(("emotion", "positive") in t for t in tags)


@pytest.mark.parametrize("lang, text", [
    ("en", "The screen says boarding, so, like, thanks, very helpful."),
    ("en", "Which is fine until the battery runs out."),
    ("nl", "Ik schaamde me dood."),
    ("nl", "Het ging op zich vlot, maar ik kreeg nooit een bevestiging."),
])
def test_sarcasm_shame_and_contrast_are_negative(lang, text):
    docs, _ = _tags([text], lang)
    assert docs["sentiment"].iloc[0] < 0


@pytest.mark.parametrize("lang, text", [
    ("en", "Your bus is at half past, dear."),
    ("en", "It was not the driver's fault."),
    ("nl", "Het is niet hun schuld."),
])
def test_address_terms_and_blame_are_no_emotion(lang, text):
    _, tags = _tags([text], lang)
    assert not any(label == "emotion" for label, _ in tags[0]), tags
