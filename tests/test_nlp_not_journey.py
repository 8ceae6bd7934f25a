"""Text that is no journey content gives no pain point or need, on sentences of our own.

* a short answer that says the respondent has no experience of the thing, nothing to report, or not
  yet, is no pain point ('Nog geen contact mee gehad', 'Not yet'); a lack that lasts or has a time
  ('nog steeds niet binnen', 'niet ontvangen na twee weken') still is;
* small talk and interview logistics — apologies for being late or the mess, a cup of tea, whether
  the call works, a joke marked as one, a sign-off — are none;
* a duration said with question intonation in a story ('…, like, three weeks?') asks for nothing;
* someone else's story (a relative, a friend, their old provider) and the speaker's former provider,
  named in a short sentence, are not the studied service's; a relative's problem with *your* service is;
* the speaker's own steps ('I opened a dispute', 'froze it in the app') and a problem fixed in the same
  answer ('unblocked it myself') are no complaint;
* a counterfactual ('dan had ik … verhoogd') is no action of the speaker's, and small talk is none either.
"""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.nlp import tag_texts
from workbench.nlp.actions import action_phrases
from workbench.nlp.syntax import parse


def flags(texts: list[str], lang: str) -> list[tuple[int, int]]:
    out = tag_texts(texts, lang=lang)
    return [(int(p), int(n)) for p, n in zip(out["pain_point"], out["need"], strict=True)]


NONE = [
    ("nl", "Nog geen contact mee gehad."),
    ("nl", "nooit nodig gehad"),
    ("nl", "Nog niet gekregen"),
    ("nl", "Niets bijzonders"),
    ("nl", "Heb de brief nog niet goed gelezen eerlijk gezegd"),
    ("nl", "n.v.t."),
    ("en", "Not yet"),
    ("en", "nothing much"),
    ("en", "never needed it"),
    ("en", "havent called them"),
    ("en", "keep it up"),
    ("en", "N/A"),
]

PAIN = [
    ("nl", "Nog steeds niet binnen na vier weken"),
    ("nl", "Nog niet ontvangen, terwijl het voor 1 mei beloofd was."),
    ("nl", "Geen antwoord op mijn brief na drie weken"),
    ("nl", "bonus nooit ontvangen!!"),
    ("nl", "Ze hebben het nooit gecontroleerd."),
    ("en", "Still not received after a month"),
    ("en", "Nothing works in the app"),
    ("en", "The website was down for three days."),
    ("en", "The bank blocked my payment for no reason."),
]


@pytest.mark.parametrize(("lang", "text"), NONE)
def test_a_non_answer_is_no_pain_or_need(lang, text):
    assert flags([text], lang) == [(0, 0)]


@pytest.mark.parametrize(("lang", "text"), PAIN)
def test_a_lasting_or_timed_lack_stays_a_pain(lang, text):
    assert flags([text], lang)[0][0] == 1


SMALL_TALK = [
    ("nl", "Ik heb even een glaasje water gehaald."),
    ("nl", "Mijn dochter heeft de camera aangezet, dus ik hoop dat alles werkt."),
    ("nl", "Sorry voor het lawaai, de hond is onrustig."),
    ("nl", "Geen probleem hoor. Succes, hè."),
    ("nl", "De website is prima, dat moet ik wel zeggen."),
    ("en", "Sorry, I'm a few minutes late, the train was delayed."),
    ("en", "Apologies for the noise, the builders are in next door."),
    ("en", "Could I keep the pen? Kidding."),
    ("en", "Let me just grab the door, the courier's here."),
    ("en", "Right, I'd better be off."),
    ("en", "Yes, in the end, I took the wrong entrance at first."),
]


@pytest.mark.parametrize(("lang", "text"), SMALL_TALK)
def test_small_talk_is_no_pain_or_need(lang, text):
    assert flags([text], lang) == [(0, 0)]


def test_a_joke_marker_does_not_reach_an_earlier_sentence_or_an_aside():
    assert flags(["The card was declined twice. Kidding aside, that was awful."], "en")[0][0] == 1
    assert flags(["Sorry, but the chat is useless."], "en")[0][0] == 1


def test_a_duration_with_question_intonation_is_no_question():
    assert flags(["So I was waiting for, like, three weeks?", "Which took, what, two months?"], "en") == \
        [(0, 0), (0, 0)]
    assert flags(["Het duurde, zo'n drie weken?"], "nl") == [(0, 0)]
    # a question that asks something keeps its need
    assert flags(["Could you send it within two weeks?"], "en")[0][1] == 1


STORY = [
    ("nl", "Mijn zus is ook overgestapt. Bij haar duurde het vier maanden voor alles klopte."),
    ("nl", "Mijn vader is 84. Hij kreeg ook een nieuwe meter, maar hij snapt de app niet."),
    ("en", "My brother's still with his old bank, he says he doesn't trust apps."),
    ("en", "I was sick of my previous bank. Their app crashed every week."),
    ("en", "A friend of mine had his card stopped. He never got a reason."),
]


@pytest.mark.parametrize(("lang", "text"), STORY)
def test_someone_elses_story_is_no_pain(lang, text):
    assert flags([text], lang) == [(0, 0)]


def test_the_speaker_beside_a_relative_or_a_relative_with_the_service_stays():
    assert flags(["Me, my husband and the kids were in France and I tried to pay and the card was declined.",
                  "My son has no way to log into your app since the update."], "en") == [(1, 0), (1, 0)]


ACTS = [
    ("en", "So I opened a dispute in the app."),
    ("en", "Flagged a phishing text, they were helpful"),
    ("en", "Dropped my wallet at a gig, froze the card in the app, a replacement card came in 3 days"),
    ("en", "payment got blocked at a petrol station, unblocked it myself straight away"),
    ("en", "I saw a poster at the station when I was down in Bristol."),
]


@pytest.mark.parametrize(("lang", "text"), ACTS)
def test_an_own_step_or_a_fixed_problem_is_no_pain(lang, text):
    assert flags([text], lang)[0][0] == 0


def actions(text: str, lang: str) -> list[str]:
    return [a.text for a in action_phrases(parse([text], lang)[0])]


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Als ze het eerder hadden gemeld, dan had ik mijn voorschot wel aangepast."),
    ("nl", "Had ik maar eerder de monteur gebeld."),
    ("en", "Otherwise I had moved my savings to another bank."),
])
def test_a_counterfactual_is_no_action(lang, text):
    assert actions(text, lang) == []


def test_a_real_past_perfect_stays_an_action():
    assert actions("Ik had de rekening al betaald.", "nl") == ["de rekening betaald"]


def test_small_talk_gives_no_action_on_the_map():
    from workbench.journey.lanes import action_hits
    from workbench.phases import load_phase_model

    docs = pd.DataFrame({"text": ["Ik heb even een kopje koffie gezet.", "Ik heb de klantenservice gebeld over de meter."],
                         "kind": ["segment", "segment"]}, index=["P1#1", "P1#2"])
    hits = action_hits(docs, load_phase_model("klassiek-5"), "nl")
    assert list(hits["doc_id"]) == ["P1#2"]
