"""Map themes hold one topic and keep the study's names and clean spelling (a rail-operator study's
review): words counted in their sense, no apostrophe-less contraction as aspect or label word,
recurring two-word names kept whole, no bare contrast as a pain label, clean copies over typo'd
ones. Sentences written for this test."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.journey.themes import find_themes
from workbench.nlp.compounds import cue_in_modifier, study_compounds, with_compounds
from workbench.nlp.phrases import theme_phrase
from workbench.nlp.spelling import respell, typo_penalty
from workbench.nlp.syntax import parse
from workbench.themes import aspect_category
from workbench.topics import word_senses


def _category(text: str) -> str | None:
    doc = parse([text], "en")[0]
    words = [t.lower_ for t in doc if t.pos_ in ("NOUN", "PROPN")]
    return aspect_category(words, "en", word_senses(doc, "en"))


@pytest.mark.parametrize("text", ["Missed my connection at Crewe, waited forty minutes.",
                                  "Trespasser on the line, 20 min late."])
def test_rail_words_are_travel_not_internet(text):
    assert _category(text) != "connection"


def test_internet_words_keep_their_sense():
    assert _category("The wifi connection keeps dropping.") == "connection"


def test_unrelated_complaints_are_not_one_theme():
    s = pd.Series(["Missed my connection at Crewe, waited forty minutes."] * 3
                  + ["Trespasser on the line, 20 min late."] * 3
                  + ["Wifi that doesnt stay on for more than 5 mins"] * 2)
    t = find_themes(s, cues=pd.Series(["Missed my"] * 3 + ["late"] * 3 + ["nt"] * 2),
                    classes=pd.Series(["delay"] * 6 + ["negation"] * 2), lang="en")
    assert not any("doesnt" in lab.split() and "wifi" not in lab.lower() for lab in t.labels), t.labels
    wifi = set(t.assignments.iloc[6:])
    assert not wifi & set(t.assignments.iloc[:6]) - {-1}, (t.assignments.tolist(), t.labels)


@pytest.mark.parametrize("text", ["The app doesnt load on my phone", "Im not getting the emails"])
def test_bare_contraction_is_no_aspect(text):
    p = theme_phrase(parse([text], "en")[0], None, kind="pain_point")
    assert p is None or p.aspect.lower() not in ("doesnt", "im"), p


SCHEME = ["Automatic delay refund, I shouldn't have to ask every time you're late",
          "Automatic delay refund, I shouldn't have to ask every time you're late",
          "Claimed delay refund, took 3 weeks.", "Claimed Delay Refund, took 3 weeks.",
          "Let me claim delay refund in one tap", "Let me claim delay refund in one tap",
          "Delay Refund paid out in vouchers"]


def test_study_names_are_found():
    names = study_compounds(SCHEME + ["The delay was long.", "A two hour delay."], "en")
    assert ("delay", "refund") in names
    assert not any(a in ("the", "was") for a, _ in names)


def test_label_keeps_the_name_whole():
    names = study_compounds(SCHEME, "en")
    doc = parse([SCHEME[0]], "en")[0]
    assert cue_in_modifier(doc, (10, 15), names)  # 'delay' of "delay refund"
    p = with_compounds(theme_phrase(doc, (10, 15), kind="pain_point"), doc, names)
    assert p is None or not p.label.lower().endswith("delay"), p


def test_name_is_no_delay_pain():
    s = pd.Series(SCHEME)
    cues = pd.Series(["delay", "delay", "delay", "Delay", "delay", "delay", "Delay"])
    t = find_themes(s, cues=cues, classes=pd.Series(["delay"] * len(s)), lang="en")
    assert not any(lab.lower().rstrip(" .").endswith(("automatic delay", "claimed delay")) for lab in t.labels), t.labels
    requests = t.assignments.iloc[4:6].tolist()
    assert requests == [-1, -1], (requests, t.labels)  # a request is a need, not also a pain


def test_bare_contrast_is_no_pain_label():
    s = pd.Series(["claimed twice, got a coupon not cash"] * 3)
    t = find_themes(s, cues=pd.Series(["not"] * 3), classes=pd.Series(["negation"] * 3), lang="en")
    assert all(not lab.lower().startswith("not ") for lab in t.labels), t.labels


def test_typo_gives_way_to_clean_copy():
    assert respell("cheaper if you splti the fare", ["I always split the fare"], "en") == "cheaper if you split the fare"
    assert respell("waited 15 mniutes", ["the bus", "20 minutes late"], "en") == "waited 15 minutes"
    assert respell("choose form a list", ["from a list"], "en") == "choose form a list"  # known words stay
    pen = typo_penalty(["Signal failure ont he line.", "Signal failure on the line.", "Something else."], "en")
    assert pen[1] == 0.0 and pen[0] > 0 and pen[2] == 0.0


def test_map_label_uses_clean_spelling():
    s = pd.Series(["Late by about 15 mniutes, fine", "Stuck for 40 minutes outside the station."])
    t = find_themes(s, cues=pd.Series(["Late", "Stuck"]), classes=pd.Series(["delay", "broken"]), lang="en")
    assert not any("mniutes" in lab for lab in t.labels), t.labels
