"""One theme, one topic; one wording, one item and one quote (a meal-kit and a fibre study's
reviews): a request is not filed under another request on the same screen, minor problems are
not folded under an invented template label, copies that differ by a typo, an emoji, case or
punctuation are one item and one quote shown in their clean spelling, and a label is spelt the
way the evidence mostly spells it. Sentences written for this test."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.journey.lanes import pick_quotes
from workbench.journey.themes import find_themes
from workbench.nlp.spelling import near_copies, one_edit, respell


def _themes(texts, kind, lang):
    s = pd.Series(texts)
    t = find_themes(s, kind=kind, lang=lang)
    return {t.labels[a]: [x for x, b in zip(texts, t.assignments, strict=True) if b == a]
            for a in sorted(set(t.assignments)) if a >= 0}


def test_different_requests_on_one_screen_are_two_needs():
    texts = ["Put the pause button on the start page of the app!", "put the pause button on the start page of the app",
             "Please put the pause button on the start page of the app 🙂",
             "Let me delete my account with one tap.", "let me delete my account in the app with one tap"]
    th = _themes(texts, "need", "en")
    pause = [k for k, v in th.items() if any("pause" in x for x in v)]
    assert len(pause) == 1, th
    assert not any("delete" in x for x in th[pause[0]]), th


def test_minor_problems_are_not_folded_under_a_template_label():
    texts = ["Charged for a parcel after I had stopped.", "charged for a parcel after I had stopped",
             "Charged for a parcel after I had stopped!", "the parcel was too heavy to carry",
             "The parcel was too heavy to carry.", "the parcel came late twice", "The parcel came late twice."]
    th = _themes(texts, "pain_point", "en")
    for members in th.values():
        kinds = {("charged" if "harged" in x else "heavy" if "heavy" in x else "late") for x in members}
        assert len(kinds) == 1, th


@pytest.mark.parametrize("lang,texts", [
    ("en", ["The soup was a bit cold once", "the soup was a bit cold once.", "The soup was a bit cold once 🙂",
            "No basil or mint for the curry.", "no basil or mint for the curry", "No basil or mitn for the curry..."]),
    ("nl", ["De soep was een keer koud", "de soep was een keer koud.", "De soep was een keer koud 🙂",
            "Geen basilicum of munt bij de curry.", "geen basilicum of munt bij de curry",
            "Geen basilicum of mutn bij de curry..."]),
])
def test_copies_with_typo_or_emoji_are_one_item(lang, texts):
    th = _themes(texts, "pain_point", lang)
    assert not any(near_copies(a, b) for a in th for b in th if a != b), th
    assert sum(1 for k in th if "soep" in k.lower() or "soup" in k.lower()) <= 1, th


@pytest.mark.parametrize("lang,label,evidence,want", [
    ("en", "waited 8 ays for a refund", ["waited 8 days for a refund", "waited 8 days"], "waited 8 days for a refund"),
    ("en", "Aso no basil for the curry", ["also no basil", "and also no mint"], "Also no basil for the curry"),
    ("nl", "monteur kwam nie opdagen", ["monteur kwam niet opdagen", "kwam niet"], "monteur kwam niet opdagen"),
])
def test_label_spelt_as_the_evidence_mostly_spells_it(lang, label, evidence, want):
    assert respell(label, evidence + [label], lang) == want


def test_respell_keeps_a_word_nobody_spelled_otherwise():
    assert respell("the cat sat", ["the cat sat", "a car"], "en") == "the cat sat"


def test_one_edit_and_near_copies():
    assert one_edit("aso", "also") and one_edit("teh", "the") and one_edit("plase", "please")
    assert not one_edit("cancel", "skip")
    assert near_copies("Once, no lime fort he curry...", "once, no lime for the curry")
    assert not near_copies("the cat sat", "the car sat")
    assert not near_copies("let me cancel with one button", "put skip on the home screen")


@pytest.mark.parametrize("lang,texts", [
    ("en", ["Veg was a bit limp once 🙂", "veg was a bit limp once.", "Veg was a bit lmip once"]),
    ("nl", ["De groente was een keer slap 🙂", "de groente was een keer slap.", "De groente was een keer salp"]),
])
def test_typo_copy_is_never_a_second_quote(lang, texts):
    ids = [f"R-{i}" for i in range(len(texts))]
    cand = pd.DataFrame({"persona": 0, "phase": "delivery", "doc_id": ids, "sent_start": 0,
                         "sent_end": [len(t) for t in texts], "pref": [0.0, 1.0, 2.0]})
    q = pick_quotes(cand, pd.Series(texts, index=ids), [], lang)
    assert len(q) == 1, q
    assert q["text"].iat[0] == texts[1].strip()
