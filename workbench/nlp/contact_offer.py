"""A contact offer is a contact line, not a need: "Bel me gerust: 06-…", "Feel free to call me".

Survey respondents end an open answer with how to reach them ("Bel me gerust: 06 …, Henk",
"Mail me maar als er vragen zijn", "You can always call me on …", "Happy to be contacted at …").
The imperative "Bel" reads as a request to the service, but the sentence asks nothing of it: it
offers contact details. Such a sentence is no need (CODEBOOK: a need is a wish of the customer
about the service) and no theme.

This is the one place the rule lives: :func:`workbench.nlp.tag_texts` drops the need tags of these
sentences (so the map, persona cards and themes never list them as needs), and
:func:`workbench.themes.find_themes` leaves them out of every theme.

A request to be called back about something ("Bel me terug over mijn bestelling", "please call me
back about the refund") stays a need: it asks the service to act.

>>> is_contact_offer("Bel me gerust: 06-11223344, Henk")
True
>>> is_contact_offer("Feel free to email me at sam@example.org")
True
>>> is_contact_offer("Bel me terug over mijn klacht.")
False
>>> is_contact_offer("Bel me maar niet meer met aanbiedingen.")
False
"""

from __future__ import annotations

import re

__all__ = ["is_contact_offer", "cue_sentence", "may_hold_offer"]

_REACH_NL = (r"(?:bel(?:t|len)?|mail(?:t|en)?|e-?mail(?:t|en)?|app(?:t|en)?|whatsapp(?:t|en)?|sms(?:t|en)?|"
             r"contacte(?:er|ren)|benader(?:en)?)")
_REACH_EN = r"(?:call|ring|phone|text|e-?mail|mail|message|contact|reach|whatsapp)"
# "(je/u mag) me/mij (gerust) bellen", "bel/mail me (gerust)", "neem (gerust) contact (met mij) op"
_VERB_ME = re.compile(
    rf"(?i)(?:^|[\s,;:(])(?:{_REACH_NL}\s+(?:me|mij)\b|(?:me|mij)\s+(?:\w+\s+){{0,2}}{_REACH_NL}\b|"
    rf"neem\w*\s+(?:\w+\s+){{0,3}}contact\b.*\bop\b|contact\s+(?:met\s+)?(?:me|mij)\b|"
    rf"{_REACH_EN}\s+me\b|reach\s+me\b|be\s+(?:contacted|reached)\b|get\s+in\s+touch\s+with\s+me\b)"
)
# a word every reading of _VERB_ME holds ("me", "mij", "contact", "be contacted/reached"), whole
# (the look-ahead on its first letter lets the search skip to candidates: ~3x faster than \b(?i:…)\b)
_MAYBE = re.compile(r"(?=[mMcCrR])(?<!\w)(?i:m(?:e|ij)|contact(?:ed)?|reached)\b")
# what makes it an offer rather than a request: "gerust", "altijd", "anytime", "feel free", details
_OFFER = re.compile(
    r"(?i)\b(?:gerust|altijd|rustig|best|maar|vrijblijvend|bereikbaar|als\s+(?:er|je|jullie|u)\s+(?:nog\s+)?vragen|"
    r"bij\s+vragen|voor\s+(?:vragen|meer\s+info\w*|een\s+toelichting)|mijn\s+(?:telefoon)?nummer|"
    r"feel\s+free|any\s*time|always|happy\s+to|glad\s+to|if\s+you\s+(?:have|need|want)|for\s+(?:questions|more)|"
    r"my\s+(?:phone\s+)?number|reachable)\b"
)
_DETAIL = re.compile(r"[\w.+-]+@[\w-]+\.\w+|(?:\+|\b0)[\d\s()-]{7,}\d|\[(?:TELEFOON|E-MAIL|PHONE|EMAIL)\]")
# a request to act on something: a call back, about an order or a complaint
_ACT = re.compile(r"(?i)\b(?:terug\w*|back|over\s+(?:mijn|de|het)|about\s+(?:my|the)|zodra|als\s+het|if\s+it|once|"
                  r"niet|nooit|geen|stop\w*|not|never|no\s+longer|don't|do\s+not)\b")


def is_contact_offer(sentence: str) -> bool:
    """Whether ``sentence`` (one sentence, Dutch or English) offers the writer's contact: a verb of
    reaching the writer ("bel me", "mail me", "contact me") with an offer word ("gerust",
    "anytime", "feel free") or a contact detail (a phone number, an e-mail address, their
    placeholders), and no request to act ("terug", "about my order")."""
    if not isinstance(sentence, str) or not _VERB_ME.search(sentence):
        return False
    if _ACT.search(sentence):
        return False
    return bool(_OFFER.search(sentence) or _DETAIL.search(sentence))


def may_hold_offer(text: str) -> bool:
    """A quick test before :func:`is_contact_offer`: False when no piece of ``text`` cut at
    whitespace (a sentence of :func:`cue_sentence`, or ``text`` itself) can be a contact offer,
    since it lacks a word that every verb of reaching the writer has."""
    if text.isascii():  # ASCII letters match without case exactly when their lower case does
        low = text.lower()
        if "me" not in low and "mij" not in low and "contact" not in low and "reached" not in low:
            return False  # (a substring test is ~5x faster than the search; most sentences stop here)
    return _MAYBE.search(text) is not None


_BOUNDARY = re.compile(r"(?<=[.!?])\s+")


def cue_sentence(text: str, start: int, end: int, cue: int) -> str:
    """The sentence of ``text[start:end]`` that holds the cue at ``cue``, split again at '.', '!'
    and '?' (a tagger sentence may run two together: "Ik wil een app. Bel me gerust!")."""
    piece, at = text[start:end], cue - start
    pos = 0
    for part in _BOUNDARY.split(piece):
        begin = piece.find(part, pos)
        if begin <= at < begin + len(part) or begin + len(part) >= len(piece):
            return part
        pos = begin + len(part)
    return piece
