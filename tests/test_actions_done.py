"""Actions are things the customer did, said as done (issue 14, C7), on sentences of our own.

* a light verb with a noun object is an action ("een proefles gedaan", "did a trial lesson");
* a contact verb needs no object ("ik heb gebeld", "I called them");
* a Dutch perfect the small parser misreads ("Ik heb toen de tarieven vergeleken …") is read as said;
* what was done TO the customer — a passive, a participle under a state verb — is no action,
  nor what someone else did, a plan, a denial, or a light verb with only a pronoun.
"""

from __future__ import annotations

import pytest

from workbench.nlp.actions import action_phrases
from workbench.nlp.syntax import parse


def actions(text: str, lang: str) -> list[str]:
    return [a.text for a in action_phrases(parse([text], lang)[0])]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("nl", "Ik heb een proefles gedaan bij de zwemschool.", "proefles gedaan"),
    ("nl", "Ik heb de klantenservice gebeld.", "klantenservice gebeld"),
    ("nl", "Ik heb gebeld.", "gebeld"),
    ("nl", "Ik heb toen de tarieven vergeleken met de concurrent.", "tarieven vergeleken"),
    ("nl", "Ik heb mijn lidmaatschap opgezegd.", "lidmaatschap opgezegd"),
    ("nl", "Ik belde de helpdesk.", "belde de helpdesk"),
    ("nl", "Dat heb ik toen maar gebeld.", "gebeld"),
    ("en", "I compared the rates with another provider.", "compared the rates"),
    ("en", "I called them.", "called them"),
    ("en", "I did a trial lesson.", "did a trial lesson"),
    ("en", "I called customer service.", "called customer service"),
    ("en", "I cancelled my membership.", "cancelled my membership"),
])
def test_things_the_customer_did(lang, text, expected):
    found = actions(text, lang)
    assert any(expected in a for a in found), found


@pytest.mark.parametrize(("lang", "text"), [
    # done to the customer
    ("nl", "Ik voelde me volledig in de steek gelaten."),
    ("nl", "Ik werd drie keer doorverbonden met een andere afdeling."),
    ("en", "I got charged twice for one month."),
    ("en", "I was left waiting at the desk."),
    ("en", "I felt ignored by the staff."),
    # someone else, a plan, a denial, a light verb with a pronoun only
    ("nl", "Mijn buurman heeft gebeld."),
    ("nl", "Ik zou de klantenservice bellen."),
    ("nl", "Ik heb de helpdesk niet gebeld."),
    ("nl", "Ik heb het gedaan."),
    ("en", "My neighbour called them."),
    ("en", "I would call them."),
    ("en", "I did it."),
])
def test_no_action(lang, text):
    assert actions(text, lang) == []
