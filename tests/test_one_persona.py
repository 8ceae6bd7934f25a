"""When the survey makes one persona (k = 1 by BIC, or given), that persona is everyone: the map
does not repeat everyone's map under another name, its card lists no "what sets them apart" of
±0 effects, and every interviewee belongs to it — said as such, not as "too few open answers"."""

from __future__ import annotations

import pandas as pd
import pytest
from _personas_data import make_study
from test_map_more_items import NPS, _study, _tags

from workbench import schema
from workbench.journey import build_journey_map
from workbench.personas import cards_to_markdown, fit_personas, plot_persona_card
from workbench.personas._placement import place_participants
from workbench.render import to_markdown
from workbench.study import load_study


@pytest.fixture(scope="module")
def one():
    return fit_personas(make_study(), k=1, n_boot=0)


def test_one_persona_card_has_no_traits_and_places_every_interviewee(one):
    (card,) = one.cards
    assert card.share == 1.0 and card.traits.empty
    text = cards_to_markdown(one.cards)
    assert "What sets them apart" not in text and "Wat hen onderscheidt" not in text
    assert "±0" not in text and "h = +0.00" not in text
    plot_persona_card(card)  # draws without a traits panel
    placed = one.placements.set_index("participant_id")
    assert len(placed) and set(placed["persona"]) == {card.persona}
    assert not any("too few" in n or "te weinig" in n for n in one.notes)


def test_placement_with_one_persona_needs_no_open_answers():
    labels = pd.Series(0, index=["R1", "R2", "R3"])
    docs = pd.DataFrame({"doc_id": ["P01#1", "P02#1"], "kind": "segment", "participant_id": ["P01", "P02"],
                         "respondent_id": pd.NA, "role": "participant",
                         "text": ["Ik heb gebeld.", "De app werkte niet."]})
    for lang, says in (("nl", "één persona"), ("en", "one persona")):
        done, notes = place_participants(labels, respondents=None, documents=docs, lang=lang)
        assert notes == [] and done["participant_id"].tolist() == ["P01", "P02"]
        assert set(done["placed_by"]) == {"only"} and says in done["basis"].iloc[0]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_map_of_one_persona_is_everyones_map_once(lang, tmp_path):
    study = load_study(_study(tmp_path, lang))
    dt, tags = _tags(study)
    one = pd.DataFrame({"respondent_id": list(NPS), "participant_id": None, "persona": 0, "placed_by": "survey",
                        "persona_name": "Iedereen samen"})
    jm = build_journey_map(study, dt, tags, personas=schema.conform(one, schema.PERSONAS), min_evidence=2)
    assert set(jm.cells["persona"]) == {"everyone"}
    assert to_markdown(jm).count("\n## ") == to_markdown(build_journey_map(study, dt, tags, min_evidence=2)).count("\n## ")


def test_a_cards_csat_says_when_it_averages_several_questions(one):
    from workbench.personas.facts import metrics_line

    card = one.cards[0]
    by_q = pd.DataFrame({"phase": ["a", "b"], "question_id": ["Q1", "Q2"], "mean": [3.0, 4.0], "top2": [0.3, 0.6],
                         "n": [10, 10]})
    card.csat_mean, card.csat_top2, card.csat_by_phase = 3.5, 0.45, by_q
    assert "gemiddeld over 2 vragen" in metrics_line(card)  # a Dutch study
    card.csat_by_phase = by_q.iloc[:1]
    assert "vragen" not in metrics_line(card)


def test_one_persona_card_does_not_compare_with_itself(one):
    from workbench.personas.facts import card_facts

    lines = [x for _, items in card_facts(one.cards[0]) for x in items]
    assert lines and not any("steekproef" in x or "sample" in x for x in lines)


def test_cards_profile_the_researchers_attribute_questions(tmp_path):
    """An attribute question (role = "attribute": not clustered on) profiles every persona, and a
    value most of a persona share leads its name — read from a real export through load_study."""
    import numpy as np

    from workbench.study import load_study

    rng = np.random.default_rng(1)
    rows = []
    kinds = {"Forens": (5, 1), "Student": (1, 5), "Zakelijk": (3, 3)}
    for t, (a, b) in kinds.items():
        for i in range(40):
            own = t if rng.random() < 0.85 else rng.choice([x for x in kinds if x != t])
            rows.append({"id": f"{t[0]}{i:02d}", "Q1": own,
                         "Q2": int(np.clip(a + rng.normal(0, 0.5), 1, 5)), "Q3": int(np.clip(b + rng.normal(0, 0.5), 1, 5)),
                         "Q4": int(np.clip(3 + rng.normal(0, 1), 1, 5))})
    (tmp_path / "survey").mkdir()
    frame = pd.DataFrame(rows)
    frame.columns = ["id", "Waarom reist u meestal met ons?", "Ik reis in de spits", "Ik reis met korting",
                     "Ik ben tevreden"]
    frame.to_csv(tmp_path / "survey" / "s.csv", index=False)
    (tmp_path / "study.toml").write_text(
        'name = "Reizen"\nlanguage = "nl"\nphase_model = "klassiek-5"\n[survey]\npaths = ["survey/s.csv"]\n'
        'format = "plain"\nrespondent_id = "id"\n[survey.questions]\n'
        '"Waarom reist u meestal met ons?" = { role = "attribute" }\n', encoding="utf-8")
    study = load_study(tmp_path)
    assert list(study.attributes.values()) == ["Waarom reist u meestal met ons?"]
    res = fit_personas(study, k=3, n_boot=0)
    led = 0
    for card in res.cards:
        row = card.profile.iloc[0]
        assert row["question"] == "Waarom reist u meestal met ons?" and row["share"] > 0.6
        assert 0.2 < row["sample_share"] < 0.45
        led += card.name.startswith(f"{row['value']} · ")
        assert "Profiel" in cards_to_markdown([card]) and f"{row['value']} (" in cards_to_markdown([card])
    assert led == 3 and len({c.profile.iloc[0]["value"] for c in res.cards}) == 3
