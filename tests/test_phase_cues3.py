"""Which cue occurrences decide a sentence's phase, and which forms of a cue word are found.

A cue that is denied by the speaker ("ik ga niet overstappen"), counterfactual ("dan was ik naar
het ziekenhuis gegaan", "if I'd switched"), only intended ("ik ga weer vergelijken"), avoided
("zonder dat je moet bellen"), listed as a criterion ("premie, eigen risico, vergoeding") or
someone else's ("mijn buurvrouw is overgestapt") does not beat the question's topic. A contact
channel ("gebeld", "called") yields to the matter the sentence, its turn or its question is
about. A cue matches its inflected forms and Dutch compounds ("machtigingen",
"rolstoelmachtiging", "machtigingsaanvraag", "terugbelafspraak"), not a longer word that only
begins like it ("app" in "apparaat") nor a noun glued to it without a linking s
("rekeninghouder").
"""

from __future__ import annotations

import pytest

from workbench.nlp import tag_texts
from workbench.nlp.phase_cues import CompoundCues, cue_forms

#: a phase model of our own (an insurer's journey) — the words are this test's, not a study's
MODEL = {"id": "verzekering-test", "name": {"nl": "Verzekering", "en": "Insurance"}, "phases": [
    {"id": "choose", "name": {"nl": "Kiezen", "en": "Choose"},
     "cues": {"nl": ["vergelijken", "overstappen", "overgestapt"], "en": ["compare", "switch", "switched"]},
     "touchpoints": ["comparison_site"]},
    {"id": "care", "name": {"nl": "Zorg", "en": "Care"},
     "cues": {"nl": ["machtiging", "ziekenhuis", "huisarts"], "en": ["authorisation", "hospital", "referral"]},
     "touchpoints": ["phone"]},
    {"id": "claim", "name": {"nl": "Declareren", "en": "Claims"},
     "cues": {"nl": ["declaratie", "vergoeding", "eigen risico", "rekening"],
              "en": ["claim", "reimbursement", "excess"]},
     "touchpoints": ["app"]},
    {"id": "contact", "name": {"nl": "Contact", "en": "Contact"},
     "cues": {"nl": ["gebeld", "bellen", "terugbellen", "klantenservice", "app"],
              "en": ["called", "customer service", "app"]},
     "touchpoints": ["phone", "customer_service"]},
    {"id": "premium", "name": {"nl": "Premie", "en": "Premium"},
     "cues": {"nl": ["premie", "premiebrief"], "en": ["premium", "renewal"]}, "touchpoints": ["letter"]},
]}

QUESTION = {"nl": {"premium": "Hoe was de premiebrief dit jaar?", "care": "Hoe ging het met de machtiging?",
                   "choose": "Hoe ging het vergelijken?", "claim": "Hoe ging het met je declaratie?"},
            "en": {"premium": "How was this year's premium letter?", "care": "How did the authorisation go?",
                   "choose": "How did you compare?", "claim": "How did the claim go?"}}

# (language, question's phase, answer, expected phase)
ASIDE = [
    # denied by the speaker
    ("nl", "premium", "Ik ga niet overstappen, denk ik.", "premium"),
    ("nl", "premium", "Ik ben nooit overgestapt.", "premium"),
    ("en", "premium", "I never switched, to be honest.", "premium"),
    ("en", "premium", "We didn't switch in the end.", "premium"),
    # counterfactual
    ("nl", "claim", "Had ik dat geweten, dan was ik naar het gewone ziekenhuis gegaan.", "claim"),
    ("nl", "claim", "Als ik dat had geweten was ik naar een ander ziekenhuis gegaan.", "claim"),
    ("en", "premium", "If I'd switched last year I would have paid less.", "premium"),
    ("en", "claim", "I would have gone to another hospital.", "claim"),
    # intended, not done
    ("nl", "premium", "Ik ga weer vergelijken, dat staat vast.", "premium"),
    ("en", "premium", "I'm going to compare again next month.", "premium"),
    # someone else's
    ("nl", "premium", "Mijn buurvrouw is overgestapt.", "premium"),
    ("en", "premium", "My neighbour switched last year.", "premium"),
    # avoided
    ("nl", "premium", "Ik wil het per maand kunnen betalen zonder dat je daar apart om moet bellen.", "premium"),
    ("en", "premium", "I'd like to pay monthly without having to ring customer service.", "premium"),
    # listed as criteria of a comparison
    ("nl", "choose", "Vier verzekeraars, premie, eigen risico, vergoeding voor de tandarts.", "choose"),
    ("en", "choose", "Five insurers, premium, excess, reimbursement for glasses.", "choose"),
]

# the same cue, said as the sentence's own matter, still decides it over the question
OWN = [
    ("nl", "premium", "Ik ben vorig jaar overgestapt.", "choose"),
    ("nl", "premium", "De declaratie werd niet vergoed.", "claim"),
    ("nl", "premium", "Ik kreeg geen vergoeding.", "claim"),
    ("en", "premium", "I switched last year.", "choose"),
    ("nl", "choose", "Ik zou graag zien dat de machtiging langer geldig is.", "care"),
]


def _phase(lang: str, asked: str | None, answer: str) -> str | None:
    context = QUESTION[lang][asked] if asked else None
    out = tag_texts([answer], lang, MODEL, contexts=[context])
    phase = out["phase"].iloc[0]
    return None if phase is None or phase != phase else phase


@pytest.mark.parametrize(("lang", "asked", "answer", "expected"), ASIDE)
def test_a_cue_the_sentence_is_not_about_does_not_beat_the_question(lang, asked, answer, expected):
    assert _phase(lang, asked, answer) == expected


@pytest.mark.parametrize(("lang", "asked", "answer", "expected"), OWN)
def test_a_cue_the_sentence_is_about_still_decides(lang, asked, answer, expected):
    assert _phase(lang, asked, answer) == expected


def test_a_set_aside_cue_still_places_a_sentence_nothing_else_places():
    # no question, no turn: the weak evidence is all there is (an interview reply)
    assert _phase("nl", None, "Ik ga niet overstappen, denk ik.") == "choose"


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a channel in the story of another phase's matter: the matter wins
    ("nl", "De machtiging lag drie weken stil. Ik heb twee keer gebeld.", ["care", "care"]),
    ("nl", "Ik heb gebeld over mijn declaratie.", ["claim"]),
    ("en", "I called about my claim twice.", ["claim"]),
    # about the contact itself: the channel places it
    ("nl", "Ik heb gebeld en werd netjes geholpen.", ["contact"]),
    ("en", "I called them and they were lovely.", ["contact"]),
])
def test_a_contact_channel_yields_to_the_matter(lang, text, expected):
    from workbench.nlp import tag_documents  # noqa: F401 - the same tagger, sentence by sentence
    out = tag_texts([text], lang, MODEL, return_tags=True)
    assert out[0]["phase"].iloc[0] == expected[0]


def test_a_channel_sentence_takes_the_question_not_the_contact_phase():
    assert _phase("nl", "claim", "Pas na bellen bleek er een code te missen.") == "claim"
    assert _phase("en", "claim", "Only after I called did they find the missing code.") == "claim"


@pytest.mark.parametrize(("lang", "answer", "expected"), [
    ("nl", "Mijn rolstoelmachtiging moest opnieuw aangevraagd.", "care"),
    ("nl", "Machtigingen zouden langer geldig moeten zijn.", "care"),
    ("nl", "De machtigingsaanvraag lag weken stil.", "care"),
    ("nl", "Een terugbelafspraak op een tijd die mij uitkomt.", "contact"),
    ("nl", "Twee declaraties zijn kwijtgeraakt.", "claim"),
    ("en", "Both claims took a month.", "claim"),
    ("en", "Comparing took me a whole evening.", "choose"),
    ("en", "The referrals were lost.", "care"),
])
def test_inflected_forms_and_compounds_match(lang, answer, expected):
    # an open answer to a question without a phase: placed on clear evidence only
    out = tag_texts([answer], lang, MODEL, strict=[True])
    assert out["phase"].iloc[0] == expected


@pytest.mark.parametrize(("lang", "answer"), [
    ("nl", "Het apparaat deed het niet."),        # 'app' is a cue; 'apparaat' is no app
    ("nl", "De rekeninghouder moet tekenen."),    # 'rekening' + 'houder' without a linking s: a person
    ("en", "The apparatus was broken."),
])
def test_no_false_compound_or_prefix_matches(lang, answer):
    out = tag_texts([answer], lang, MODEL, strict=[True])
    assert out["phase"].isna().iloc[0]


def test_cue_forms_and_compounds():
    assert {"machtigingen"} <= cue_forms("machtiging", "nl")
    assert {"claims", "claimed", "claiming"} <= cue_forms("claim", "en")
    assert "bel" not in cue_forms("gebeld", "nl")  # other forms of the verb are no suffixes of the cue
    compounds = CompoundCues("nl", {"machtiging": [1], "terugbellen": [3], "rekening": [2], "app": [3]})
    assert compounds.rules("rolstoelmachtigingen") == (1,)
    assert compounds.rules("terugbelafspraak") == (3,)
    assert compounds.rules("rekeninghouder") == ()
    assert compounds.rules("apparaat") == ()
