"""fit_personas, persona cards (effect sizes, metrics, quotes, names) and their exports."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from _personas_data import make_study
from sklearn.metrics import adjusted_rand_score

from workbench import schema
from workbench.errors import ModelError, WorkbenchError
from workbench.personas import (
    FeatureMatrix,
    cards_to_html,
    cards_to_markdown,
    csat_scores,
    effect_sizes,
    fit_personas,
    generate_name,
    nps_score,
    plot_persona_card,
)
from workbench.privacy import scrub


@pytest.fixture(scope="module")
def study():
    return make_study()


@pytest.fixture(scope="module")
def result(study):
    return fit_personas(study, n_boot=20)


def test_recovers_planted_types_and_assignments(study, result):
    assert result.clusterer.n_clusters_ == 3
    assert adjusted_rand_score(study["truth"].reindex(result.labels.index), result.labels) > 0.95
    a = result.assignments
    schema.check(a, schema.PERSONAS)
    assert len(a) == 121
    row = a[a["respondent_id"] == "R001"].iloc[0]
    assert (row["participant_id"], row["placed_by"]) == ("P01", "link")
    assert (a["placed_by"] == "survey").sum() == 119
    p02 = a[a["participant_id"] == "P02"].iloc[0]
    assert pd.isna(p02["respondent_id"]) and p02["placed_by"] == "interview"
    green = result.labels[study["truth"][study["truth"] == "green"].index].mode()[0]
    assert p02["persona"] == green  # placed by the text features of the interview
    assert a.set_index("persona")["persona_name"].groupby(level=0).nunique().max() == 1
    assert list(result.k_scores.columns) == ["k", "score", "bic", "entropy", "smallest", "eligible"]
    # how each interviewee was placed is kept with its basis
    pl = result.placements.set_index("participant_id")
    assert pl.at["P01", "placed_by"] == "link" and pl.at["P02", "placed_by"] == "interview"
    assert "hun woorden" in pl.at["P02", "basis"] and "koppeling bij 1 van 1" in pl.at["P02", "basis"]  # study in Dutch
    assert result.clustered_on and not any(c.startswith("text:") for c in result.clustered_on)


def test_nps_csat_exact():
    # promoters 10, 9, 10, 9; passives 8, 7; detractors 6, 0, 5 -> 100 * (4 - 3) / 9
    assert nps_score([10, 9, 8, 7, 6, 0, 10, 9, 5]) == pytest.approx(100 / 9)
    assert nps_score([]) is None
    assert nps_score([6, 6]) == -100.0
    assert csat_scores([1, 4, 5, 5]) == (3.75, 0.75)
    assert csat_scores([7, 6, 5], scale_max=7) == (6.0, 2 / 3)


def test_card_metrics_match_hand_computation(study, result):
    a = study["answers"]
    for card in result.cards:
        members = result.labels.index[result.labels == card.persona]
        nps = a[(a["question_id"] == "Q2") & a["respondent_id"].isin(members)]["value_num"]
        expected = 100 * ((nps >= 9).mean() - (nps <= 6).mean())
        assert card.nps == pytest.approx(expected)
        assert card.n_nps == len(members)
        csat = a[(a["question_id"] == "Q7") & a["respondent_id"].isin(members)]["value_num"]
        assert card.csat_mean == pytest.approx(csat.mean())
        assert card.csat_top2 == pytest.approx((csat >= 4).mean())
        assert card.csat_by_phase["phase"].tolist() == ["purchase"]
        assert card.size == len(members) and card.share == pytest.approx(len(members) / 120)


def test_effect_sizes_by_hand():
    frame = pd.DataFrame({"likert:Q1": [0.0, 0.5, 1.0, 1.0], "choice:Q2=a": [1.0, 1.0, 0.0, 0.0]},
                         index=["a", "b", "c", "d"])
    info = pd.DataFrame({"column": frame.columns, "kind": ["likert", "choice"], "question_id": ["Q1", "Q2"],
                         "question_text": ["t1", "t2"], "option": [pd.NA, "a"], "label": ["t1", "t2: a"],
                         "weight": [1.0, 0.5], "missing_share": [0.0, 0.0]})
    eff = effect_sizes(FeatureMatrix(frame, info), pd.Index(["c", "d"])).set_index("column")
    sd = frame["likert:Q1"].std(ddof=0)
    assert eff.at["likert:Q1", "effect"] == pytest.approx((1.0 - 0.625) / sd)
    assert eff.at["likert:Q1", "effect_kind"] == "d"
    assert eff.at["choice:Q2=a", "effect"] == pytest.approx(2 * math.asin(0) - 2 * math.asin(math.sqrt(0.5)))
    assert eff.at["choice:Q2=a", "effect_kind"] == "h"


def test_traits_and_generated_names(result):
    price = next(c for c in result.cards if c.nps is not None and c.nps < 0)
    top = price.traits[price.traits["kind"] == "likert"].iloc[0]
    assert top["column"] in ("likert:Q1_1", "likert:Q1_2") and top["effect"] > 1
    assert price.traits["effect"].abs().is_monotonic_decreasing
    assert "vs" in top["display"] and "d = +" in top["display"]
    # named in the survey's own words (the statements it agrees with), in the study's language
    assert "Ik let vooral op de prijs" in price.generated_name or "Ik wacht op kortingen" in price.generated_name
    assert len({c.name for c in result.cards}) == 3


@pytest.mark.parametrize("lang, words", [("nl", ("oneens", "hoog", "NPS: criticus")),
                                         ("en", ("disagrees", "high", "NPS: detractor"))])
def test_names_come_from_the_survey_in_its_language(lang, words):
    t = pd.DataFrame({"kind": ["likert", "numeric", "nps", "multi"], "effect": [-0.9, 0.8, -0.7, 0.5],
                      "question_text": ["Q - Onboarding calls help us", "Seats bought", "Recommend?", "Features"],
                      "option": [None, None, None, "Time tracking"], "column": ["a", "b", "c", "d"]})
    name = generate_name(t, number=0, lang=lang)
    assert name == f"{words[0]}: ‘Onboarding calls help us’ · {words[1]}: Seats bought"
    taken = {name, f"{words[0]}: ‘Onboarding calls help us’"}
    other = generate_name(t, number=1, lang=lang, taken=taken)
    assert other not in taken
    assert words[2] in other or "Time tracking" in other
    # no vocabulary of any domain: a SaaS study is not a "social shopper"
    saas = pd.DataFrame({"kind": ["multi"], "effect": [1.1], "question_text": ["Channels"], "option": ["Instagram"],
                         "column": ["m"]})
    assert generate_name(saas, number=0, lang="en") == "Instagram"
    nothing = pd.DataFrame({"kind": ["likert"], "effect": [0.1], "question_text": ["Q - x"], "option": [None],
                            "column": ["a"]})
    assert generate_name(nothing, number=2, lang=lang) == "Persona 3"
    assert generate_name(nothing, number=2, lang=lang, taken=["Persona 3"]) != "Persona 3"


def test_quotes_are_scrubbed_verbatim_substrings(study, result):
    docs = study["documents"].set_index("doc_id")["text"]
    seen = 0
    for card in result.cards:
        assert 1 <= len(card.quotes) <= 3
        for q in card.quotes:
            source = scrub(docs[q.doc_id], study["speaker_names"], lang="nl")
            assert q.text in source and source.startswith(q.text)
            assert "@example.nl" not in q.text and "06-12345678" not in q.text and "Anouk" not in q.text
            seen += 1
    assert seen >= 3
    price = next(c for c in result.cards if c.nps is not None and c.nps < 0)
    assert price.quotes[0].tags == ("pain_point",)
    assert "[e-mail]" in price.quotes[0].text.lower()


def test_phases_touchpoints_channels_demographics(result):
    price = next(c for c in result.cards if c.nps is not None and c.nps < 0)
    ph = price.phases.set_index("phase")
    assert ph.at["purchase", "pain_share"] == 1.0 and ph.at["purchase", "docs"] > 0
    assert price.touchpoints.iloc[0]["touchpoint"] == "checkout"
    assert set(price.channels["option"].head(2)) == {"Vergelijkingssite", "Google"}
    assert price.demographics["question_id"].tolist() == ["Q4"]
    assert "P01" in price.participants


def test_names_dict_and_rename(study):
    res = fit_personas(study, n_boot=0, names={"k3-p1": "Comfortzoeker", 2: "Groene Gerda"})
    by_p = {c.persona: c for c in res.cards}
    assert by_p[1].name == "Comfortzoeker" and by_p[2].name == "Groene Gerda"
    assert by_p[0].name == by_p[0].generated_name
    assert by_p[0].verdict is None and res.stability is None
    res.rename({"k3-p0": "Koopjes Kees", "k3-p1": ""})
    assert by_p[0].name == "Koopjes Kees" and by_p[1].name == by_p[1].generated_name
    assert set(res.assignments.loc[res.assignments["persona"] == 0, "persona_name"]) == {"Koopjes Kees"}


def test_unstable_persona_gets_a_warning(study):
    rng = np.random.default_rng(0)
    noise = study["answers"].copy()
    scaled = noise["kind"].isin(["likert", "nps", "numeric"])
    noise.loc[scaled, "value_num"] = rng.integers(1, 6, scaled.sum()).astype(float)
    res = fit_personas({"answers": noise[noise["kind"] != "multi_choice"], "questions": study["questions"]},
                       k=6, n_boot=20, features=["likert", "nps"], lang="en")
    assert all(c.verdict != "stable" for c in res.cards)
    flagged = [c for c in res.cards if c.verdict in ("unstable", "too_small")]
    assert flagged
    assert all(c.warning and c.warning.startswith(("Unstable", "Too small")) for c in flagged)
    assert "⚠" in cards_to_markdown(res.cards) and "class='warn'" in cards_to_html(res.cards)


def test_exports(result, tmp_path):
    md = cards_to_markdown(result.cards)
    for c in result.cards:
        assert f"## {c.name}" in md
    assert "NPS" in md and "| Kenmerk |" in md
    result.cards[0].name = "<script>alert('x')</script> & co"
    page = cards_to_html(result.cards)
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert page.startswith("<!DOCTYPE html>") and "http" not in page
    paths = result.save(tmp_path / "out")
    names = sorted(p.name for p in paths.values())
    assert names == ["k_selection.csv", "k_selection.png", "persona_0.png", "persona_1.png", "persona_2.png",
                     "personas.csv", "personas.html", "personas.md"]
    curve = pd.read_csv(paths["k_selection.csv"])
    assert list(curve.columns) == ["k", "score", "bic", "entropy", "smallest", "eligible"] and len(curve) == 8
    csv = pd.read_csv(paths["personas.csv"])
    assert list(csv.columns) == list(schema.PERSONAS) and len(csv) == 121
    assert paths["persona_0.png"].read_bytes()[:4] == b"\x89PNG"
    fig = plot_persona_card(result.cards[1])
    assert fig.get_size_inches().tolist() == [12.0, 6.5]


def test_errors(study):
    with pytest.raises(WorkbenchError, match="no survey answers"):
        fit_personas({"answers": study["answers"].iloc[:0]})
    with pytest.raises(ModelError):
        fit_personas({"answers": study["answers"][study["answers"]["respondent_id"].isin(["R001", "R002"])]})
    with pytest.raises(ModelError, match="cannot fit"):
        fit_personas(study, k=500, n_boot=0)


def test_honest_k_on_a_small_sample(study):
    few = study["answers"][study["answers"]["respondent_id"].isin([f"R{i:03d}" for i in range(1, 121, 4)])]
    frames = {"answers": few, "questions": study["questions"], "language": "nl"}
    with pytest.raises(ModelError, match="maar 30 respondenten: te weinig om het aantal persona.s uit de data") as e:
        fit_personas(frames, n_boot=0)
    assert "--k 3" in e.value.hint and "force" in e.value.hint
    forced = fit_personas(frames, n_boot=10, force=True)
    assert forced.clusterer.min_size_ == 3 and all(c.size >= 3 for c in forced.cards)
    assert any("geforceerd" in n for n in forced.notes)  # said in the study's language
    assert len({c.name for c in forced.cards}) == len(forced.cards)  # never two personas with one name
    assert all(c.verdict is not None for c in forced.cards)  # stability on every card
    given = fit_personas(frames, k=3, n_boot=10)
    assert given.clusterer.n_clusters_ == 3 and given.clusterer.selection_ == "k = 3 as given"
    # too-small personas are never "stable": a handful of people describe no type
    tiny = fit_personas(frames, k=6, n_boot=10, min_size=8)
    for c in tiny.cards:
        if c.size < 8:
            assert c.verdict == "too_small" and c.verdict_label == "te klein" and c.warning.startswith("Te klein")


def test_verdicts_and_cards_in_the_study_language(study, result):
    assert {c.verdict for c in result.cards} == {"stable"}
    assert set(result.table()["verdict"]) == {"stabiel"}
    md = cards_to_markdown(result.cards)
    assert "stabiliteit: stabiel" in md and "gekoppeld aan de enquête" in md
    en = fit_personas(study, n_boot=10, lang="en")
    assert set(en.table()["verdict"]) == {"stable"} and "stability: stable" in cards_to_markdown(en.cards)
    with pytest.raises(WorkbenchError, match="would both be called"):
        en.rename({"k3-p0": "Same", "k3-p1": "Same"})


def test_card_quotes_come_from_different_people_and_phases():
    """Three answers of the member closest to the centre are one voice: the card takes one quote
    per person (then per phase) while other members have something to say, and never a repeat."""
    from workbench.personas.cards import _quotes

    rows = [  # ordered as the card orders them: closest member first
        ("d1", "R1", "checkout", 1, "De verzendkosten zag ik pas bij het afrekenen, heel vervelend."),
        ("d2", "R1", "delivery", 1, "De bezorger kwam twee uur later dan het tijdvak zei."),
        ("d3", "R1", "returns", 1, "Mijn geld voor de retour kwam pas na drie weken terug."),
        ("d4", "R2", "checkout", 1, "de verzendkosten zag ik pas bij het afrekenen... heel vervelend!"),
        ("d5", "R3", "checkout", 1, "Ik kon niet als gast bestellen en moest een account aanmaken."),
        ("d6", "R4", "delivery", 0, "Alles kwam netjes binnen de week, daar niks over te klagen hoor."),
    ]
    docs = pd.DataFrame(rows, columns=["doc_id", "respondent_id", "phase_tag", "pain_point", "text"])
    docs = docs.assign(participant_id=pd.NA, need=0)
    quotes = _quotes(docs, [], "nl")
    assert [q.respondent_id for q in quotes] == ["R1", "R3", "R4"]  # tagged first, then an untagged voice
    tagged = _quotes(docs.assign(pain_point=1), [], "nl")
    assert [q.respondent_id for q in tagged] == ["R1", "R3", "R4"] and tagged[1].phase == "checkout"
    assert len({q.text.casefold().strip(".!") for q in quotes}) == 3
    # one person only: all three of their quotes, still no repeat
    alone = _quotes(docs[docs["respondent_id"] == "R1"], [], "nl")
    assert [q.doc_id for q in alone] == ["d1", "d2", "d3"]


def test_phase_example_prefers_a_quote_that_stands_alone():
    from workbench.personas.cards import _standing_alone

    said = pd.Series(["Gewoon, onder de prijs.", "Ik wil de verzendkosten meteen bij de prijs zien staan."])
    assert _standing_alone(said)[0].startswith("Ik wil")
    assert _standing_alone(said[:1]) == ["Gewoon, onder de prijs."]  # nobody said more: still shown
