"""What is no pain point or need of the experience: the speaker's own circumstances, rhetorical
questions, and labels whose evaluation lost what it is about (sentences written for these tests)."""

from __future__ import annotations

import os

os.environ.setdefault("PYTHONHASHSEED", "0")

import pytest  # noqa: E402

from workbench.nlp import tag_texts  # noqa: E402


def _tags(texts, lang, **kw):
    doc_tags, tags = tag_texts(texts, lang=lang, return_tags=True, **kw)
    return doc_tags, tags


def _flags(texts, lang, **kw):
    doc_tags, _ = _tags(texts, lang, **kw)
    return list(zip(doc_tags["pain_point"].tolist(), doc_tags["need"].tolist(), strict=True))


# --- rhetorical questions: a complaint, no need -------------------------------------------------

RHETORICAL = {
    "en": ["So can I export it or not?", "Is it really that hard to reply to an email?",
           "Who thought this menu was a good idea?", "Seriously?", "Are you serious?"],
    "nl": ["Kan ik nou exporteren of niet?", "Is het nou echt zo moeilijk om terug te mailen?",
           "Wie verzint zo'n menu?", "Serieus?", "Hoe moeilijk kan het zijn?"],
}
ASKING = {
    "en": ["Where can I download my invoices?", "Is it difficult to set up for a team?",
           "Who can I contact about my contract?"],
    "nl": ["Waar kan ik mijn facturen downloaden?", "Is het moeilijk om in te stellen?",
           "Wie kan ik bellen over mijn contract?"],
}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_rhetorical_question_is_a_pain_point_and_no_need(lang):
    assert _flags(RHETORICAL[lang], lang) == [(1, 0)] * len(RHETORICAL[lang])


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_question_that_asks_stays_a_need(lang):
    assert [need for _, need in _flags(ASKING[lang], lang)] == [1] * len(ASKING[lang])


@pytest.mark.parametrize(("text", "lang"), [("Whether it works or not, I paid for it.", "en"),
                                            ("Of het nou werkt of niet, ik heb betaald.", "nl")])
def test_alternative_outside_a_question_is_no_complaint(text, lang):
    _, tags = _tags([text], lang)
    assert "rhetorical" not in set(tags["value"])
