"""Actions are things the customer did, said as done (issue 14, C7), on sentences of our own.

* a light verb with a noun object is an action ("een proefles gedaan", "did a trial lesson");
* a contact verb needs no noun object when it says whom or what for ("ik heb ze gebeld", "I called
  them", "gebeld om te vragen of …"); without either ("ik heb gebeld", "besteld") it is too thin for
  the map;
* the object keeps what the sentence says with it: a pronoun object the parser read as a subject
  ("heb ik ze gevolgd voor …"), the 'er' of a stranded particle ("er een kussen bij gedaan"), and the
  place it came from when the parser hung that on the noun ("exported our staff from the HR system");
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
    ("nl", "Ik heb ze gebeld.", "ze gebeld"),
    ("nl", "Ik heb gebeld om te vragen waar mijn pakket bleef.", "gebeld om te vragen waar mijn pakket bleef"),
    ("nl", "Een advertentie op Facebook, daarna heb ik ze gevolgd voor de aanbiedingen.",
     "ze gevolgd voor de aanbiedingen"),
    ("nl", "Verzending was gratis vanaf 40 euro, dus ik heb er nog een vaas bij gedaan.", "er een vaas bij gedaan"),
    ("nl", "Ik heb toen de tarieven vergeleken met de concurrent.", "tarieven vergeleken"),
    ("nl", "Ik heb mijn lidmaatschap opgezegd.", "lidmaatschap opgezegd"),
    ("nl", "Ik belde de helpdesk.", "belde de helpdesk"),
    ("en", "I compared the rates with another provider.", "compared the rates"),
    ("en", "I called them.", "called them"),
    ("en", "I called to ask about the invoice.", "called to ask about the invoice"),
    ("en", "We exported our members from the old CRM and the upload failed.", "exported our members from the old CRM"),
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


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Ik heb gebeld."),
    ("nl", "Toen heb ik besteld."),
    ("nl", "Dat heb ik toen maar gebeld."),
    ("nl", "Toen ben ik gestopt."),
    ("en", "Too many reminders, I unsubscribed after the third one."),
    ("en", "So I ordered."),
])
def test_a_verb_without_what_or_whom_is_too_thin(lang, text):
    """'besteld', 'gebeld', 'unsubscribed': the lane would show a bare verb nobody can act on."""
    assert actions(text, lang) == []


@pytest.mark.parametrize(("lang", "text", "left_out"), [
    ("nl", "Een advertentie op Facebook, daarna heb ik ze gevolgd voor de aanbiedingen.", "gevolgd voor de aanbiedingen"),
    ("nl", "Verzending was gratis vanaf 40 euro, dus ik heb er nog een vaas bij gedaan.", "een vaas bij gedaan"),
    ("en", "We exported our members from the old CRM and the upload failed.", "exported our members"),
])
def test_no_action_is_cut_from_its_object(lang, text, left_out):
    assert left_out not in actions(text, lang)
