"""A survey answer's sentences are placed by their own cue words first, the question's phase only
as a fallback (README: "How a sentence gets its phase"):

- a question with a declared phase places every sentence of its answers that names no other phase
  by its own strong cue words — "charged after I cancelled" answering "Problems with your
  deliveries?" is billing, "It took ages" stays in the delivery;
- a question without a declared phase whose text names several phases ("bij de installatie, een
  storing of de klantenservice") gives its answers no phase: each is placed by its own words;
- the sentences of an answer without a declared phase are placed each on its own;
- a cue word typed wrong ("cancellnig", "opzeggne") is still that cue.

Own fixtures, both languages."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.nlp import tag_texts, tag_documents
from workbench.phases import load_phase_model

SHOP = {
    "id": "shop", "phases": [
        {"id": "signup", "cues": {"en": ["signed up", "discount code", "checkout"],
                                  "nl": ["aangemeld", "kortingscode", "afrekenen"]}},
        {"id": "delivery", "cues": {"en": ["delivery", "courier", "arrived"], "nl": ["bezorging", "bezorger", "bezorgd"]}},
        {"id": "billing", "cues": {"en": ["cancel", "cancelled", "cancelling", "refund", "charged"],
                                   "nl": ["opzeggen", "opgezegd", "terugbetaling", "afgeschreven"]}},
    ],
}


def _tag(answers: list[str], question: str, lang: str, phase: str | None):
    n = len(answers)
    docs = pd.DataFrame({"doc_id": [f"R{i}@Q1" for i in range(n)], "text": answers, "question_id": ["Q1"] * n,
                         "context": [question] * n, "role": ["respondent"] * n, "kind": ["answer"] * n,
                         "source": ["survey"] * n})
    questions = pd.DataFrame({"question_id": ["Q1"], "phase": [phase]})
    return tag_documents(docs, lang, load_phase_model(SHOP), questions=questions)


def _sentence_phases(doc_tags, tags, answers):
    """Per answer, per sentence (by its first characters) the phase of its tags."""
    out = []
    for i, text in enumerate(answers):
        rows = tags[(tags["doc_id"] == f"R{i}@Q1") & tags["label"].isin(["pain_point", "need", "action"])]
        out.append({text[a:a + 12]: (None if pd.isna(p) else str(p))
                    for a, p in zip(rows["sent_start"], rows["phase"].astype(object), strict=True)})
    return out


@pytest.mark.parametrize("lang, question, answers", [
    ("en", "Have you had any problems with your deliveries?", [
        ("I was charged for a box after I cancelled, terrible.", "billing"),
        ("The discount code did not work at the checkout, annoying.", "signup"),
        ("The refund took three weeks, far too slow.", "billing"),
        ("It was late and nobody told me.", "delivery"),            # no cue of its own: the question's
        ("The courier was late again, annoying.", "delivery"),      # its own cue is the question's phase
    ]),
    ("nl", "Had u problemen met de bezorging?", [
        ("Na het opzeggen werd er toch nog geld afgeschreven, schandalig.", "billing"),
        ("De kortingscode werkte niet bij het afrekenen, erg irritant.", "signup"),
        ("De terugbetaling duurde drie weken, veel te lang.", "billing"),
        ("Het was te laat en niemand liet iets weten.", "delivery"),
        ("De bezorger was weer te laat, irritant.", "delivery"),
    ]),
])
def test_own_strong_cues_beat_the_declared_phase_of_the_question(lang, question, answers):
    texts = [a for a, _ in answers]
    doc_tags, tags = _tag(texts, question, lang, "delivery")
    found = _sentence_phases(doc_tags, tags, texts)
    for (text, phase), got in zip(answers, found, strict=True):
        assert got and set(got.values()) == {phase}, (text, got)
    assert set(doc_tags["phase"]) == {"delivery"}  # the answer as a whole answers the delivery question


@pytest.mark.parametrize("lang, answer, first, second", [
    ("en", "The delivery was two days late. The refund never came, unbelievable.", "delivery", "billing"),
    ("nl", "De bezorging was twee dagen te laat. Er is twee keer afgeschreven, ongelooflijk.", "delivery", "billing"),
])
def test_each_sentence_of_a_declared_answer_has_its_own_phase(lang, answer, first, second):
    doc_tags, tags = _tag([answer], "Problems?" if lang == "en" else "Problemen?", lang, "delivery")
    got = _sentence_phases(doc_tags, tags, [answer])[0]
    assert list(got.values()) == [first, second], got


@pytest.mark.parametrize("lang, question, answers", [
    ("en", "Did you have problems, for example with the delivery, the courier or cancelling?", [
        ("No problems at all, it was a pity nothing was wrong.", None),
        ("The website was slow and confusing.", None),
        ("The courier left it in the rain, soaked.", "delivery"),
        ("The discount code was rejected, annoying.", "signup"),
    ]),
    ("nl", "Had u problemen, bijvoorbeeld met de bezorging, de bezorger of het opzeggen?", [
        ("Het was allemaal nogal traag en onduidelijk.", None),
        ("De website was traag en onduidelijk.", None),
        ("De bezorger liet het in de regen staan, doorweekt.", "delivery"),
        ("De kortingscode werd niet geaccepteerd, irritant.", "signup"),
    ]),
])
def test_a_question_naming_several_phases_places_no_answer(lang, question, answers):
    texts = [a for a, _ in answers]
    doc_tags, tags = _tag(texts, question, lang, None)
    for (text, phase), got in zip(answers, _sentence_phases(doc_tags, tags, texts), strict=True):
        assert set(got.values()) <= {phase}, (text, got)  # unknown, or its own words' phase
        if phase is not None:
            assert got, text


@pytest.mark.parametrize("lang, question, answer", [
    ("en", "How did the delivery go?", "Fine, it was all right, I suppose."),
    ("nl", "Hoe ging de bezorging?", "Prima, het was allemaal wel goed."),
])
def test_a_question_naming_one_phase_still_places_its_answers(lang, question, answer):
    """The rule above is about questions naming several phases: one named phase is the answers' prior."""
    doc_tags, _ = _tag([answer], question, lang, None)
    assert doc_tags["phase"].tolist() == ["delivery"]


@pytest.mark.parametrize("lang, answer, first", [
    ("en", "Cancelling was quick and easy. The rest was really disappointing.", "billing"),
    ("nl", "Het opzeggen ging snel en makkelijk. De rest viel echt tegen, jammer.", "billing"),
])
def test_a_general_answer_places_each_sentence_on_its_own_words(lang, answer, first):
    doc_tags, tags = _tag([answer], "Anything else?" if lang == "en" else "Nog iets?", lang, None)
    got = _sentence_phases(doc_tags, tags, [answer])[0]
    rest = [p for k, p in got.items() if k.startswith(("The rest", "De rest"))]
    assert rest and rest == [None], got  # the rest is not the cancelling


@pytest.mark.parametrize("lang, text, phase", [
    ("en", "Cancellnig was a nightmare.", "billing"),
    ("en", "Cacelling took ages, awful.", "billing"),
    ("en", "I waited weeks for my refnud.", "billing"),
    ("en", "The couirer was rude.", "delivery"),
    ("nl", "Het opzeggne was een drama.", "billing"),
    ("nl", "De bezogring was te laat.", "delivery"),
])
def test_a_cue_typed_wrong_is_still_the_cue(lang, text, phase):
    assert tag_texts([text], lang=lang, phase_model=load_phase_model(SHOP))["phase"].tolist() == [phase]


@pytest.mark.parametrize("lang, text", [
    ("en", "I was looking for a shop."),     # a known word one letter from 'booking' is no typo
    ("en", "The callers were rude."),        # too short a cue ('cancel' needs six letters on both sides)
    ("nl", "Het was een drukke dag."),
])
def test_a_known_word_is_no_typo_of_a_cue(lang, text):
    model = {"id": "m", "phases": [{"id": "a", "cues": {"en": ["booking", "cancel"], "nl": ["drukte"]}}]}
    assert tag_texts([text], lang=lang, phase_model=load_phase_model(model))["phase"].isna().all()


OUTAGE = {"id": "net", "phases": [
    {"id": "install", "cues": {"nl": ["monteur"], "en": ["technician"]}},
    {"id": "outage", "cues": {"nl": ["viel weg", "lag eruit"], "en": ["cut off", "went down"]}},
]}


@pytest.mark.parametrize("lang, text, phase", [
    ("nl", "Midden in een vergadering viel de verbinding gewoon weg.", "outage"),
    ("nl", "Het internet lag twee hele dagen eruit.", "outage"),
    ("nl", "De verbinding viel weg.", "outage"),                   # written together, as before
    ("nl", "Ik viel, weg was mijn fiets.", None),                  # a comma ends the verb's clause
    ("en", "They cut me off twice in one week.", "outage"),
    ("en", "The whole network went completely down.", "outage"),
    ("en", "The line was cut off.", "outage"),
])
def test_a_verb_cue_split_from_its_particle_is_still_the_cue(lang, text, phase):
    got = tag_texts([text], lang=lang, phase_model=load_phase_model(OUTAGE))["phase"].astype(object).tolist()
    assert [None if pd.isna(p) else p for p in got] == [phase]
