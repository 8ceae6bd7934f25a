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


# Round 4: what happened to the customer or their goods, losses, habits, two-sided phrases (sentences of our own)

@pytest.mark.parametrize(("lang", "text"), [
    # a subjectless participle of a verb whose object is the customer or their goods, said without one
    ("en", "Billed for a month after the trial ended."),
    ("en", "Charged twice for the same order."),
    ("en", "Parcel left on the doorstep in the snow."),
    ("en", "Delayed by two hours because of the strike."),
    ("en", "Refunded within the week, no questions asked."),
    ("nl", "Netjes afgeleverd bij de buren."),
    ("nl", "Twee keer afgeschreven voor dezelfde maand."),
    # an agent said with it
    ("nl", "Keurig geïnstalleerd door de monteur van de netbeheerder."),
    ("nl", "Bezorgd door PostNL, binnen drie dagen."),
    ("en", "Installed by the engineer in about an hour."),
    # a loss, a wait
    ("en", "I lost all the photos I had uploaded."),
    ("en", "Lost my order history when they moved to the new app."),
    ("nl", "Ik ben al mijn bewaarde lijstjes kwijtgeraakt."),
    ("nl", "Ik verloor mijn opgebouwde korting."),
    ("en", "Waited two weeks for the replacement."),
    ("nl", "Ik heb tien dagen gewacht op een antwoord."),
])
def test_what_happened_to_the_customer_is_no_action(lang, text):
    assert actions(text, lang) == []


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # said without a subject, with an object or a verb that is theirs: still what they did
    ("en", "Paid by card at the checkout.", "paid by card"),
    ("en", "Left a review on the website.", "left a review"),
    ("nl", "Met iDEAL betaald.", "met iDEAL betaald"),
])
def test_a_subjectless_action_of_the_customer_stays(lang, text, expected):
    assert any(expected in a for a in actions(text, lang)), actions(text, lang)


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # habits and the plain present the speaker reports of themselves
    ("en", "Every Friday I order the groceries on the app.", "order the groceries"),
    ("en", "Most months I just pay the invoice on the portal.", "pay the invoice"),
    ("en", "We usually add extra garlic to everything.", "add extra garlic"),
    ("en", "I check the schedule on my tablet.", "check the schedule"),
    ("nl", "Ik lees meestal eerst de slechte recensies.", "de slechte recensies"),
    ("nl", "Meestal kies ik het kleinste pakket.", "kies het kleinste pakket"),
    ("nl", "Wij betalen de rekening altijd via de app.", "betalen de rekening"),
    # a past with a counted object
    ("en", "We tested two or three of the apps.", "tested two or three of the apps"),
])
def test_a_habit_the_customer_reports_is_an_action(lang, text, expected):
    assert any(expected in a for a in actions(text, lang)), actions(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    # a wish, a plan, a denial, an option, a question, an opinion said now
    ("en", "I would order the groceries on the app."),
    ("en", "I never order the groceries on the app."),
    ("en", "I can order the groceries on the app."),
    ("en", "Do I order the groceries on the app?"),
    ("en", "Tomorrow I order the groceries on the app."),
    ("en", "I wish I could order the groceries on the app."),
    ("nl", "Ik zou de prijzen vergelijken op internet."),
    ("nl", "Ik vergelijk nooit de prijzen op internet."),
    ("nl", "Morgen bel ik de klantenservice over de factuur."),
    ("nl", "Ik raad de app iedereen aan."),
])
def test_no_habit_in_a_wish_a_plan_or_a_denial(lang, text):
    assert actions(text, lang) == []


@pytest.mark.parametrize(("lang", "text", "both"), [
    ("nl", "Ik kon kiezen tussen een nieuwe stoel of mijn geld terug.", ("stoel", "geld")),
    ("nl", "Ik mocht kiezen tussen een tegoedbon en een nieuwe levering.", ("tegoedbon", "levering")),
    # the second side hung elsewhere by the parser, in a longer sentence
    ("nl", "Na een week kreeg ik een bericht: ik mocht kiezen tussen een nieuwe kast of een tegoedbon", ("kast", "tegoedbon")),
    ("en", "I chose between a voucher and a new delivery.", ("voucher", "delivery")),
    ("en", "I picked between a refund or a replacement.", ("refund", "replacement")),
])
def test_a_two_sided_choice_keeps_both_sides(lang, text, both):
    found = actions(text, lang)
    assert any(all(w in a for w in both) for a in found), found


@pytest.mark.parametrize(("lang", "text"), [
    # a present that is no habit: an infinitive under another verb, a modal or a negation read as the verb
    ("en", "I had to pay a fee to change the date."),
    ("en", "I keep trying to reset the password on the site."),
    ("en", "Now I cant open the invoice."),
    ("en", "I cannot access my account anymore."),
    ("en", "I really enjoy the recipes in the box."),
    ("nl", "Ik betaal de bank niet om reclame te krijgen."),
])
def test_no_habit_in_an_infinitive_a_modal_or_a_negation(lang, text):
    assert actions(text, lang) == []
