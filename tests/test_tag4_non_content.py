"""Praise, sign-offs, non-answers and time statements are no pain or need; wishes stay needs.

Sentences written for this test (the class of the round-4 study reviews, both languages)."""

import pytest

from workbench.nlp import tag_texts


def _tagged(texts, lang, context=None):
    out = tag_texts(texts, lang, contexts=[context] * len(texts) if context else None)
    return list(zip(out["pain_point"].tolist(), out["need"].tolist(), strict=True))


@pytest.mark.parametrize("lang,texts", [
    ("en", ["Since switching I never have dropouts any more.", "Haven't had a single outage since.",
            "Since the repair everything works perfectly.", "The engineer fitted a second socket at no extra cost.",
            "Damaged items are refunded quickly.", "Great recipes and missing items get credited within minutes.",
            "It works, that's all I ask.", "Don't get me wrong, the food is nice."]),
    ("nl", ["Sinds ik ben overgestapt nooit meer haperingen gehad.", "Geen storingen meer sinds de verhuizing.",
            "Sinds die storing werkt het perfect.", "Hij heeft een extra wifi-punt gezet zonder extra kosten.",
            "Kapotte producten worden snel vergoed.", "Het werkt, meer vraag ik niet.",
            "Begrijp me niet verkeerd, het eten is lekker."]),
])
def test_praise_and_asides_are_no_pain(lang, texts):
    assert _tagged(texts, lang) == [(0, 0)] * len(texts)


@pytest.mark.parametrize("lang,texts", [
    ("en", ["Since the update it has not worked properly.", "The box arrived damaged and I'm still waiting for a refund."]),
    ("nl", ["Sinds de update werkt het niet meer.", "Ze rekenden wel extra kosten voor de monteur.",
            "Ik wil nooit meer zo lang wachten."]),
])
def test_problems_that_remain_stay_pain(lang, texts):
    assert all(pain for pain, _ in _tagged(texts, lang))


@pytest.mark.parametrize("lang,context,texts", [
    ("en", "Any other comments or tips?", ["Good luck with your research!", "Hope it helps.", "why is this survey so long",
                                            "no problems", "My neighbour has another provider and outages just as often.",
                                            "Can't think of anything.", "Nothing comes to mind."]),
    ("nl", "Heeft u verder nog opmerkingen of tips?", ["Succes met het onderzoek!", "Veel succes met jullie studie.",
                                                       "Ik hoop dat u er iets aan heeft.", "Deze vragenlijst is wel erg lang.",
                                                       "Geen klachten.", "Niks te bedenken.", "Ik kan niks bedenken.",
                                                       "Mijn buurman zit bij een andere provider en die heeft ook vaak storing."]),
])
def test_non_content_answers_are_no_wish(lang, context, texts):
    assert _tagged(texts, lang, context) == [(0, 0)] * len(texts)


@pytest.mark.parametrize("lang,context,text", [
    ("en", "Any other comments or tips?", "A phone number you can actually call."),
    ("en", "Any other comments or tips?", "My wife and I would like a bigger box."),
    ("nl", "Heeft u verder nog opmerkingen of tips?", "Een vast aanspreekpunt!"),
])
def test_wishes_in_the_same_answers_stay_needs(lang, context, text):
    assert _tagged([text], lang, context)[0][1] == 1


def test_pas_with_a_time_is_no_request():
    got = _tagged(["Pas de volgende ochtend om negen uur werkte alles weer.", "Pas na een week kwam de monteur.",
                   "Pas de prijs aan voor trouwe klanten.", "Pas op met de glasvezelkabel."], "nl")
    assert [need for _, need in got] == [0, 0, 1, 1]
