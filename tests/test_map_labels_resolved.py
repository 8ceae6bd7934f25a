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
    en = ["The export kept crashing until it was fixed in the last update.",
          "The import failed, and it was never fixed.", "The login was fixed, but now the export is broken."]
    assert [p for p, _ in counts(en, "en")] == [0, 1, 1]


def test_what_the_speaker_wrote_is_no_pain_or_need():
    told = ["Toen heb ik bij de opmerkingen gezet: graag na vijf uur.",
            "In mijn recensie schreef ik dat de levering te laat was.",
            "Ik heb de maten erbij gezet en het kraken van de poten."]
    assert counts(told, "nl") == [(0, 0)] * 3
    en = ["I told them: please call me after four.", "In my review I wrote that the box was damaged.",
          "The delivery was late, so I wrote to them: please call after four."]
    assert [p for p, _ in counts(en, "en")] == [0, 0, 1]
    assert counts(["De bezorging was te laat, dus ik heb gebeld en gezegd: graag na vier uur."], "nl")[0][0] == 1

