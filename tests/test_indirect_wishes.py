"""Wishes said indirectly are needs: a conditional want or preference ("I'd just want …", "I'd much
rather …"), hindsight ("I'd have liked …", "dat had ik eerder willen weten"), musing about what the
company could do ("I wonder if they could …"), and a permission modal as a demand ("ze mogen in de
mail uitleggen waarom"). Sentences written for these tests."""

from __future__ import annotations

import os

os.environ.setdefault("PYTHONHASHSEED", "0")

import pytest  # noqa: E402

from workbench.nlp import tag_texts  # noqa: E402

WISHES = {
    "en": ["Honestly I'd just want to see the total before I pay.", "I'd much rather speak to someone in a shop.",
           "We would rather get the invoice by post.", "I'd have liked a message when it was dispatched.",
           "The one thing I'd want is a clear delivery window.",
           "I wonder if they could send a reminder the day before."],
    "nl": ["Dat had ik wel eerder willen horen.", "Dat hadden we graag eerder willen weten.",
           "Ik vind dat ze in de bevestiging mogen vermelden wanneer het komt.",
           "Jullie mogen best wat vaker laten weten hoe het ervoor staat."],
}
NOT_WISHES = {
    "en": ["I wonder if it was the courier or the shop.", "We wondered if it would arrive at all."],
    "nl": ["Je mag daar niet parkeren.", "Ik had het willen bestellen, maar het was uitverkocht."],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_indirect_wishes_are_needs(lang):
    doc_tags = tag_texts(WISHES[lang], lang=lang)
    assert doc_tags["need"].tolist() == [1] * len(WISHES[lang])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_look_alikes_are_no_wish(lang):
    doc_tags = tag_texts(NOT_WISHES[lang], lang=lang)
    assert doc_tags["need"].tolist() == [0] * len(NOT_WISHES[lang])
