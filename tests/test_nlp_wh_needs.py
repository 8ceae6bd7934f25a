"""Needs said as a pseudo-cleft, needs that are only described, and demographic facts (issue 13/14),
with sentences of our own.

* "What we need is a cheaper plan", "Wat ik nodig heb is een filter op prijs": a need, said with its
  object after "is" (a wish: a praise word after it names what is wanted, "een duidelijke planning");
* "they see where they need to be", "ik weet precies wat ik nodig heb": the need word inside a
  clause about knowing or seeing describes, it asks for nothing — while "could not find what I
  needed" stays a pain point;
* "no kids", "geen kinderen" in an introduction: a fact about the speaker, no lack.
"""

from __future__ import annotations

import pytest

from workbench.nlp import tag_texts


def counts(texts: list[str], lang: str) -> list[tuple[int, int]]:
    dt = tag_texts(texts, lang=lang)
    return list(zip(dt["pain_point"].astype(int).tolist(), dt["need"].astype(int).tolist(), strict=True))


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "What we really need is an export to Excel.", (0, 1)),
    ("en", "What I'd love is a reminder the day before.", (0, 1)),
    ("nl", "Wat wij nodig hebben is een planning per week.", (0, 1)),
    ("nl", "Wat we nodig hebben is een duidelijke planning.", (0, 1)),  # the praise word names what is wanted
    ("en", "What we need is a simple, fast checkout.", (0, 1)),
    ("nl", "Wat ik vooral mis is een filter op maat.", (0, 1)),
    ("nl", "Wat ik zou willen is een bevestiging per sms.", (0, 1)),
    # described, not asked for
    ("en", "With the rota in the app the nurses see where they need to go.", (0, 0)),
    ("en", "I know exactly what I need when I open the shop.", (0, 0)),
    ("nl", "In de app zien ze meteen waar ze moeten zijn.", (0, 0)),
    ("nl", "Ik weet precies wat ik nodig heb als ik de winkel in loop.", (0, 0)),
    # ... while a search that failed stays a complaint, and a plain need stays a need
    ("en", "I could not find what I needed on the website.", (1, 0)),
    ("nl", "Ik kon niet vinden wat ik nodig had op de site.", (1, 0)),
    ("en", "We need a cheaper plan for small teams.", (0, 1)),
    # demographic facts of an introduction
    ("en", "I'm 38, I live with my partner, no kids.", (0, 0)),
    ("nl", "Ik ben Noor, tweeënveertig, getrouwd, twee kinderen.", (0, 0)),
    ("nl", "Ik woon in Zwolle met mijn vriendin, geen kinderen.", (0, 0)),
])
def test_needs_by_their_clause_and_introductions(lang, text, want):
    assert counts([text], lang) == [want]
