"""Sentences that are no pain point, need or action of the map (issue 14), with sentences of our own:

* small talk and interview logistics: offers and replies ("Wil je een kopje koffie?", "Ja,
  graag.", "That would be great, honestly."), the call's connection ("je beeld hapert", "your
  video froze"), the interviewee's schedule ("om half tien een overleg", "a hard stop at ten"),
  curiosity about the study ("benieuwd naar de uitkomsten") -- while the same words about a
  product still count ("het beeld van de tv hapert");
* a problem the same sentence calls solved ("…, maar toen was het opgelost"), or that the speaker
  can no longer see ("…, je ziet het niet") -- not one still unsolved or named after the fix;
* what the speaker wrote or told someone ("toen heb ik gezet: graag na vier uur", "in my review
  I wrote that …") -- while a complaint before the telling stays;
"""

from __future__ import annotations

import pytest

from workbench.nlp import tag_texts
from workbench.nlp.actions import action_phrases
from workbench.nlp.syntax import parse


def counts(texts: list[str], lang: str) -> list[tuple[int, int]]:
    dt = tag_texts(texts, lang=lang)
    return list(zip(dt["pain_point"].astype(int).tolist(), dt["need"].astype(int).tolist(), strict=True))


SMALL_TALK = {
    "nl": ["Zeg maar Joke, hoor. Wil je een kopje thee?", "Wilt u misschien iets drinken?",
           "Hallo! Ja, graag. Momentje, de hond blaft.", "Ja, ik hoor je. Je geluid hapert een beetje, maar ik versta je.",
           "Ik heb trouwens om elf uur nog een vergadering, dus als we dan klaar zijn, graag.",
           "Ik ben benieuwd naar de resultaten van het onderzoek.", "Dat zou top zijn."],
    "en": ["Would you like some tea before we start?", "Yes, please.", "Sorry, your audio is choppy, can you repeat?",
           "I have a hard stop at eleven, so we need to wrap up by then.", "I'm curious about the findings of your study.",
           "That would be lovely, thanks."],
}
STILL_COUNTS = {
    "nl": [("Het beeld van de tv hapert steeds.", (1, 0)), ("Ja, graag een snellere levering.", (0, 1))],
    "en": [("That would be great if the export worked.", (0, 1)), ("The app keeps freezing.", (1, 0))],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_small_talk_is_no_pain_or_need(lang):
    assert counts(SMALL_TALK[lang], lang) == [(0, 0)] * len(SMALL_TALK[lang])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_same_words_about_the_product_still_count(lang):
    texts = [t for t, _ in STILL_COUNTS[lang]]
    assert counts(texts, lang) == [want for _, want in STILL_COUNTS[lang]]


def test_curiosity_is_no_action():
    docs = parse(["Ik ben benieuwd naar de resultaten.", "I was curious about the new plan.",
                  "Ik heb de prijzen vergeleken."], "nl")
    assert [a.text for a in action_phrases(docs[0])] == []
    assert [a.text for a in action_phrases(docs[2])] != []
    assert [a.text for a in action_phrases(parse(["I was curious about the new plan."], "en")[0])] == []


def test_a_problem_solved_in_its_sentence_is_none():
    solved = ["De kast wiebelde een beetje, maar met de stelvoetjes was dat zo opgelost.",
              "De la klemde, dat heb ik zelf opgelost met wat zeep.",
              "Er zat een kras in het blad, maar het zit nu tegen de muur, je ziet het niet."]
    open_ = ["De app crashte en dat is nog steeds niet opgelost.",
             "Het probleem is opgelost, maar nu werkt de app niet meer.",
             "Ik denk dat mijn vraag ergens in een la is verdwenen."]
    assert [p for p, _ in counts(solved, "nl")] == [0, 0, 0]
    assert [p for p, _ in counts(open_, "nl")] == [1, 1, 1]
    en = ["The drawer was a bit stiff, but it was easily fixed.",
          "The import failed, and it was never fixed.", "The login was fixed, but now the export is broken.",
          "The export kept crashing until it was fixed in the last update."]  # a struggle, not a quick fix
    assert [p for p, _ in counts(en, "en")] == [0, 1, 1, 1]


def test_a_request_the_speaker_wrote_is_no_need_but_a_complaint_told_stays():
    # a request written in a form field is done (an action); a complaint written in a review is still
    # the speaker's own complaint (the codebook: a negative evaluation of the experience)
    told = ["Toen heb ik bij de opmerkingen gezet: graag na vijf uur.",
            "In mijn recensie schreef ik dat de levering te laat was.",
            "Ik heb de maten erbij gezet en het kraken van de poten."]
    assert counts(told, "nl") == [(0, 0), (1, 0), (0, 0)]
    en = ["I told them: please call me after four.", "In my review I wrote that the box was damaged.",
          "The delivery was late, so I wrote to them: please call after four."]
    assert counts(en, "en") == [(0, 0), (1, 0), (1, 0)]
    assert counts(["De bezorging was te laat, dus ik heb gebeld en gezegd: graag na vier uur."], "nl")[0][0] == 1



@pytest.mark.parametrize(("lang", "text", "want"), [
    # a hard-wrapped transcript or answer breaks lines inside a sentence: a cue reads across the break
    ("nl", "De kast stond een beetje scheef, maar met de stelpootjes was dat zo\nopgelost.", (0, 0)),
    ("nl", "Ik zou het fijn\nvinden als er een filter op prijs komt.", (0, 1)),
    ("nl", "Het pakket kwam\nveel te laat.", (1, 0)),
    ("en", "The lid was a bit loose, but it was easily\nfixed.", (0, 0)),
    ("en", "I wish the export\nhad more columns.", (0, 1)),
])
def test_a_line_break_inside_a_sentence_does_not_break_a_cue(lang, text, want):
    assert counts([text], lang) == [want]
    assert counts([text.replace("\n", " ")], lang) == [want]  # read as the unwrapped sentence is


@pytest.mark.parametrize(("lang", "text"), [
    # a fix after a struggle or a delay leaves the problem a pain point
    ("en", "It took three weeks and six calls, but it was finally fixed."),
    ("en", "The app crashed every day until it was eventually fixed."),
    ("nl", "Ik heb drie weken op mijn geld gewacht, maar uiteindelijk was het opgelost."),
    ("nl", "De levering duurde twee weken te lang, maar toen was het opgelost."),
])
def test_a_problem_fixed_after_a_struggle_stays_a_pain(lang, text):
    assert counts([text], lang) == [(1, 0)]


@pytest.mark.parametrize(("lang", "text", "want"), [
    # a plain fix drops a problem the sentence calls small, not a real one
    ("nl", "De tafel wiebelde een beetje, maar er zaten viltjes bij en toen was het opgelost.", (0, 0)),
    ("nl", "De tafel wiebelde flink en de klantenservice reageerde niet, maar toen was het opgelost.", (1, 0)),
    ("en", "The chair squeaked a bit, but with some oil it was then fixed.", (0, 0)),
    ("en", "The login failed for two days, but it was then fixed.", (1, 0)),
])
def test_a_plain_fix_drops_only_a_small_problem(lang, text, want):
    assert counts([text], lang) == [want]
