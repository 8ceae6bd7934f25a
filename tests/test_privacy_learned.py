"""The learned person-name model (workbench/privacy/_learned.py) on sentences of our own: the
shipped weights load and are used by detect, names no list knows are found from their context,
brands and places named like people stay, and training is deterministic for a seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.privacy import detect
from workbench.privacy._detect import rule_hits
from workbench.privacy._learned import NameModel, learned_names, load_model, using
from workbench.privacy._lexicon import lexicon
from workbench.privacy.evaluate import read_labelled

FIX = Path(__file__).parent / "fixtures" / "pii"


def _people(text: str, lang: str, **kw) -> list[str]:
    return [h.text for h in detect(text, lang, **kw) if h.kind == "person"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_shipped_weights_load_for_both_languages(lang):
    m = load_model(lang)
    assert isinstance(m, NameModel) and m.lang == lang
    assert 0.3 <= m.threshold <= 0.95
    assert len(m.weights) > 500
    # no memorised names: a feature is a shape, a list, a suffix or a neighbour, never the word itself
    assert all(":" in f or f.isalnum() for f in m.weights)
    # the evidence it learned: a listed first name counts for a name, a frequent ordinary word against
    assert m.weights["L:first"] > 0 and m.weights["L:common"] < 0


@pytest.mark.parametrize("lang,text,name", [
    # invented names no list knows, told apart only by where they stand
    ("en", "Got a text from Tamsin Oduya about the parcel.", "Oduya"),
    ("en", "Our installer Tamsin Oduya was on time and tidy.", "Tamsin Oduya"),
    ("nl", "Volgens Thijmen Vreeswijk komt de monteur morgen.", "Thijmen Vreeswijk"),
])
def test_names_no_list_knows_are_found_in_context(lang, text, name):
    assert name in " ".join(_people(text, lang))


def test_the_model_is_what_finds_them():
    # the same sentence with the model switched off loses the name the model found
    text = "Tamsin Oduya, customer since 2015, wants the late fee waived."
    with using("en", None):
        assert "Oduya" not in " ".join(_people(text, "en"))
    assert "Oduya" in " ".join(_people(text, "en"))
    lex = lexicon("en")
    assert [text[s:e] for s, e, _ in learned_names(text, lex, rule_hits(text, "en"))] == ["Oduya"]


@pytest.mark.parametrize("lang,text", [
    ("en", "We bought a Dyson at Currys in Croydon and it broke in a week."),
    ("en", "The Nokia and the Fairphone both lost signal near Basingstoke."),
    ("en", "Hope the refund arrives before Friday."),
    ("en", "We spent the weekend in Galway, Clifden and Westport."),
    ("en", "The HP LaserJet M404dn and the PhonePe app both failed on Monday."),
    ("nl", "We hebben een Philips airfryer bij de MediaMarkt in Utrecht gekocht."),
    ("nl", "De Jumbo in Zwolle had geen Douwe Egberts meer."),
    ("nl", "Hoop dat de terugbetaling voor vrijdag binnen is."),
    ("nl", "Via Tikkie en Bunq ging het sneller dan via de Rabobank."),
    ("nl", "Goed, maar beperkte keuze aan ETFs en weinig uitleg over de PDFs."),
])
def test_brands_places_and_ordinary_words_stay(lang, text):
    assert _people(text, lang) == []


def test_a_threshold_of_one_finds_nothing_and_results_repeat():
    text = "Got a text from Tamsin Oduya about the parcel."
    m = load_model("en")
    with using("en", NameModel("en", m.weights, m.bias, 1.01)):
        assert learned_names(text, lexicon("en"), rule_hits(text, "en")) == []
    assert detect(text, "en") == detect(text, "en")


def test_training_is_deterministic_for_a_seed():
    from workbench.privacy._train import rows_of, train

    items = read_labelled(FIX / "en.txt")
    rows = rows_of(items[:60], "en", "a") + rows_of(items[60:120], "en", "b")
    one, two = train(rows, "en", seed=3), train(rows, "en", seed=3)
    assert one.to_json() == two.to_json()
    assert one.meta["seed"] == 3 and one.meta["groups"] == ["a", "b"]
    assert NameModel.from_json(one.to_json()).weights == pytest.approx(one.weights, abs=1e-5)
