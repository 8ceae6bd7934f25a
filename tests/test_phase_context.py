"""How a sentence gets its journey phase (issue 14, C6), on sentences of our own.

* cancelling, renewing and complaining belong to the after-sales phase of every shipped model;
* a weak cue word ("zag", "hoorde", "saw") or a touchpoint does not beat the context (the
  interviewer's question, the other sentences of the turn);
* a sentence that goes on with the story ("Daarna …", "Die heb ik …", "Then …") takes the
  phase of the sentence before it, or none when that one has none: unknown beats false.
"""

from __future__ import annotations

import pytest

from workbench.nlp import tag_texts
from workbench.nlp.batch import get_ext, set_ext
from workbench.nlp.phase import continuation_words
from workbench.nlp.pipeline import make_pipeline
from workbench.phases import load_phase_model, phase_model_ids

AFTER_SALES = {"klassiek-5": "use_evaluation", "retentie-5": "retention", "hom-6": "use_service",
               "see-think-do-care": "care", "website-5": "aftercare"}


def sentence_phases(text: str, lang: str, model: str = "klassiek-5", context: dict | None = None) -> list:
    """(sentence text, phase) for every sentence of ``text``."""
    nlp = make_pipeline(lang, model)
    doc = nlp.make_doc(text)
    if context:
        set_ext(doc, "journey_context", context)
    doc = nlp(doc)
    return [(text[a:b], phase) for _, _, a, b, phase in get_ext(doc, "journey_sents")]


def test_every_shipped_model_has_an_after_sales_phase_listed_here():
    assert sorted(AFTER_SALES) == phase_model_ids()


AFTER_SALES_TEXTS = [
    ("nl", "Het opzeggen van mijn lidmaatschap kostte me drie telefoontjes."),
    ("nl", "Ik heb een klacht ingediend over het lekkende dak van de berging."),
    ("nl", "Het contract werd zonder bericht verlengd."),
    ("nl", "Ik stond een half uur in de wacht bij de helpdesk."),
    ("en", "Cancelling the membership took me three phone calls."),
    ("en", "I filed a complaint about the leaking roof of the shed."),
    ("en", "The contract was renewed without any notice."),
    ("en", "I was on hold with the helpdesk for half an hour."),
]


@pytest.mark.parametrize("model", sorted(AFTER_SALES))
@pytest.mark.parametrize(("lang", "text"), AFTER_SALES_TEXTS)
def test_cancel_renew_complain_is_after_sales_in_every_model(model, lang, text):
    out = tag_texts([text], lang, model)
    assert out["phase"].iloc[0] == AFTER_SALES[model]


@pytest.mark.parametrize(("lang", "question", "answer", "model", "expected"), [
    # the answer's only cue is a weak one ('zag', 'saw', 'hoorde'): the question decides
    ("nl", "Hoe ging het opzeggen?", "Ik zag pas een maand later dat het niet gelukt was.", "klassiek-5",
     "use_evaluation"),
    ("nl", "Hoe verliep het opzeggen uiteindelijk?", "Ik hoorde drie weken lang helemaal niets.", "retentie-5",
     "retention"),
    ("en", "How did cancelling go?", "I saw nothing in my inbox for weeks.", "klassiek-5", "use_evaluation"),
    # a touchpoint is weak evidence too: the phone is used in every phase
    ("nl", "En hoe ging het opzeggen?", "Ik heb gebeld en twintig minuten gewacht.", "retentie-5", "retention"),
    ("en", "And how did cancelling go?", "I phoned them and waited twenty minutes.", "klassiek-5", "use_evaluation"),
])
def test_weak_cue_does_not_beat_the_question(lang, question, answer, model, expected):
    out = tag_texts([answer], lang, model, contexts=[question])
    assert out["phase"].iloc[0] == expected


@pytest.mark.parametrize(("lang", "text", "model", "expected"), [
    ("nl", "Ik heb mijn abonnement opgezegd bij de balie. Daarna hoorde ik twee weken niets.", "klassiek-5",
     "use_evaluation"),
    ("nl", "Ik heb de opzegging per brief gestuurd. Die heb ik aangetekend verstuurd, en toen zag ik niks meer.",
     "klassiek-5", "use_evaluation"),
    ("nl", "Het contract werd automatisch verlengd. En daarna zag ik het pas op mijn afschrift.", "retentie-5",
     "retention"),
    ("en", "I cancelled my membership at the desk. Then I heard nothing for two weeks.", "klassiek-5",
     "use_evaluation"),
    ("en", "The contract was renewed without notice. And then I saw it on my statement.", "retentie-5",
     "retention"),
])
def test_continuation_takes_the_phase_of_the_sentence_before(lang, text, model, expected):
    sents = sentence_phases(text, lang, model)
    assert len(sents) == 2
    assert [p for _, p in sents] == [expected, expected]


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Ik had een gesprek met de trainer. Daarna hoorde ik niks meer."),
    ("en", "I had a talk with the coach. After that I saw nothing of him."),
])
def test_continuation_of_a_sentence_without_phase_has_none(lang, text):
    """'hoorde' / 'heard' alone would say awareness; the story says otherwise: better unknown."""
    assert [p for _, p in sentence_phases(text, lang)] == [None, None]
    assert tag_texts([text], lang)["phase"].isna().all()


def test_a_strong_cue_of_its_own_beats_the_story():
    sents = sentence_phases("Ik zag de bank voor het eerst in een advertentie. Daarna heb ik hem besteld.", "nl")
    assert [p for _, p in sents] == ["awareness", "purchase"]


def test_strong_cue_beats_the_question():
    out = tag_texts(["Ik heb eerst de tarieven vergeleken met twee andere clubs."], "nl", "klassiek-5",
                    contexts=["Hoe ging het opzeggen?"])
    assert out["phase"].iloc[0] == "consideration"


def test_the_turn_is_context_for_a_weak_sentence():
    """Within one answer, the strong cue of one sentence outweighs another's weak cue."""
    sents = sentence_phases("Het pakket werd bij de buren bezorgd. Ik zag dat de doos kapot was.", "nl")
    assert [p for _, p in sents] == ["use_evaluation", "use_evaluation"]


def test_weak_cues_are_read_from_the_model_and_a_custom_model_may_have_them():
    model = load_phase_model({"id": "mini", "phases": [
        {"id": "a", "name": "A", "cues": {"en": ["leaflet"]}, "weak_cues": {"en": ["saw"]}},
        {"id": "b", "name": "B", "cues": {"en": ["refund"]}},
    ]})
    assert model["a"].weak_cues["en"] == ("saw",)
    # a weak cue alone, with nothing around it, still places the sentence
    assert tag_texts(["I saw it somewhere."], "en", model)["phase"].iloc[0] == "a"
    # but not against the question
    assert tag_texts(["I saw it somewhere."], "en", model, contexts=["What about the refund?"])["phase"].iloc[0] == "b"


def test_continuation_words_exist_for_both_languages():
    for lang in ("nl", "en"):
        lead, markers = continuation_words(lang)
        assert lead and markers and not lead & markers
