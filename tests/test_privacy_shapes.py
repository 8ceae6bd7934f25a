"""Identifiers in shapes seen on a seventh unseen set (issue 20), each on sentences of our own: an
IBAN typed or said in uneven groups, addresses with a flat or unit number, a direction after the
street, "No. 12, 3rd Cross Street" as written in India, French street names; and the same shapes
without an identifier, which must stay."""

from __future__ import annotations

import pytest

from workbench.privacy import detect


def _found(text: str, lang: str, kind: str) -> list[str]:
    return [h.text for h in detect(text, lang) if h.kind == kind]


@pytest.mark.parametrize("lang,text,iban", [
    ("en", "Sure, it's I E two nine, A I B K, nine three one one, five two one two, three four, five six, seventy eight. Ta.",
     "I E two nine, A I B K, nine three one one, five two one two, three four, five six, seventy eight"),
    ("nl", "Mijn rekening is N L negen een, A B N A, nul vier één zeven, één zes vier, drie nul nul. Klopt dat?",
     "N L negen een, A B N A, nul vier één zeven, één zes vier, drie nul nul"),
    ("nl", "Stort het maar op NL91 ABNA 0417 164 300 alstublieft.", "NL91 ABNA 0417 164 300"),
])
def test_an_iban_in_uneven_groups_is_found_whole(lang, text, iban):
    assert iban in _found(text, lang, "iban")


@pytest.mark.parametrize("lang,text", [
    ("en", "The parcel code is G B four nine, N W B K, two six, eight four and it never came."),
    ("en", "Order GB12 XK 4471 2 9 was sent to the wrong depot."),  # fails the check: an order code
])
def test_iban_shaped_codes_that_fail_the_check_stay(lang, text):
    assert _found(text, lang, "iban") == []
