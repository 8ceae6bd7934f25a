"""Persona names a client can read: a name claims only what holds for most of the persona
('NPS: promotor' only when most members are promoters, else a comparison such as 'meer
promotors'), an answer is shown with its question's short topic, and a raw 'niet: Nee, …' is
never part of a name."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from workbench import schema
from workbench.personas import fit_personas, generate_name
from workbench.personas.naming import short_topic, trait_phrase

# two planted types of a garden-centre survey: regulars who are passives (NPS 7-8, hardly a 9),
# and one-off visitors who are detractors
STATEMENT = "Ik kom hier voor het advies van de medewerkers"
SHOP = "Is het tuincentrum je vaste adres voor planten?"
OPTIONS = ("Ja", "Nee, ik kom hier alleen in het voorjaar")
TYPES = {"vast": {"nps": [7, 8, 8, 7, 9], "likert": [4, 5, 4], "shop": 0.9, "csat": [3, 4]},
         "eenmalig": {"nps": [1, 2, 3, 0, 2], "likert": [1, 2, 2], "shop": 0.1, "csat": [1, 2]}}


def _study(lang: str = "nl", n: int = 30) -> dict:
    rng = np.random.default_rng(3)
    rows, resp = [], []
    i = 0
    for t, spec in TYPES.items():
        for _ in range(n):
            i += 1
            rid = f"R{i:03d}"
            nps = int(rng.choice(spec["nps"]))
            rows.append((rid, "Q1", "Hoe waarschijnlijk is het dat je ons aanbeveelt?", "nps", float(nps), str(nps)))
            v = int(rng.choice(spec["likert"]))
            rows.append((rid, "Q2", f"Eens? - {STATEMENT}", "likert", float(v), str(v)))
            rows.append((rid, "Q3", SHOP, "choice", np.nan, OPTIONS[0] if rng.random() < spec["shop"] else OPTIONS[1]))
            c = int(rng.choice(spec["csat"]))
            rows.append((rid, "Q4", "Hoe tevreden ben je over het bezorgen van grote planten?", "likert", float(c),
                         str(c)))
            resp.append({"respondent_id": rid, "source": "survey.csv", "participant_id": pd.NA})
    answers = schema.conform(pd.DataFrame(rows, columns=list(schema.ANSWERS)), schema.ANSWERS)
    qs = answers.drop_duplicates("question_id")[["question_id", "question_text", "kind"]].copy()
    qs["scale_min"] = qs["kind"].map({"likert": 1.0, "nps": 0.0})
    qs["scale_max"] = qs["kind"].map({"likert": 5.0, "nps": 10.0})
    qs["metric"] = qs["question_id"].map({"Q1": "nps", "Q4": "csat"})
    qs["phase"] = qs["question_id"].map({"Q4": "delivery"})
    return {"answers": answers, "questions": schema.conform(qs, schema.QUESTIONS),
            "respondents": schema.conform(pd.DataFrame(resp), schema.RESPONDENTS), "language": lang}


@pytest.fixture(scope="module")
def named():
    study = _study()
    res = fit_personas(study, k=2, n_boot=0)
    a = study["answers"]
    out = []
    for c in res.cards:
        members = res.assignments.loc[res.assignments["persona"] == c.persona, "respondent_id"]
        v = a.loc[(a["question_id"] == "Q1") & a["respondent_id"].isin(members), "value_num"]
        out.append((c.generated_name, float((v >= 9).mean()), float((v <= 6).mean())))
    return out


def test_a_name_claims_promoters_only_when_most_are(named):
    for name, promoters, detractors in named:
        if "NPS: promotor" in name:
            assert promoters > 0.5, (name, promoters)
        if "NPS: criticus" in name:
            assert detractors > 0.5, (name, detractors)
    regulars = next(x for x in named if x[1] > 0)  # the passives with a few promoters
    assert regulars[1] < 0.5 and "NPS: promotor" not in regulars[0]
    assert any("NPS: criticus" in name for name, _, _ in named)  # the detractors are named so


def test_an_answer_is_named_with_its_topic_and_never_as_a_raw_negation(named):
    for name, _, _ in named:
        assert "niet:" not in name and "not:" not in name, name
        assert "Hoe tevreden" not in name and "Is het" not in name, name
        assert len(name) <= 64, name
    regulars = next(x for x in named if x[1] > 0)[0]
    assert "vaste adres voor planten: Ja" in regulars or "bezorgen van grote planten" in regulars \
        or STATEMENT[:30] in regulars, regulars


@pytest.mark.parametrize("lang, most, fewer", [("nl", "NPS: promotor", "meer promotors"),
                                               ("en", "NPS: promoter", "more promoters")])
def test_nps_words_follow_the_share_of_promoters(lang, most, fewer):
    row = {"kind": "nps", "effect": 0.9, "question_text": "Recommend?"}
    assert trait_phrase({**row, "p_top": 0.8}, lang) == most
    assert trait_phrase({**row, "p_top": 0.38}, lang) == fewer


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_chosen_option_hides_the_same_questions_other_option(lang):
    question = {"nl": "Is dit tuincentrum je vaste adres voor planten?",
                "en": "Is this shop your usual place for plants?"}[lang]
    topic = {"nl": "vaste adres voor planten", "en": "usual place for plants"}[lang]
    t = pd.DataFrame({"kind": ["choice", "choice"], "effect": [0.9, -0.9], "question_id": ["Q3", "Q3"],
                      "question_text": [question] * 2, "option": ["Yes", "No, only in spring"],
                      "persona_value": [0.85, 0.15], "column": ["a", "b"]})
    assert generate_name(t, number=0, lang=lang) == f"{topic}: Yes"
    half = t.assign(persona_value=[0.4, 0.6])
    more = "vaker" if lang == "nl" else "more often"
    assert generate_name(half, number=0, lang=lang) == f"{topic}: {more} Yes"


def test_short_topics_of_questions():
    assert short_topic("How satisfied were you with moving your salary to us?", "en") == "moving your salary to us"
    assert short_topic("Hoe tevreden ben je over het contact met de klantenservice?", "nl") == \
        "contact met de klantenservice"
    assert short_topic("What best describes your work?", "en") == "work"


# --- a name never shows a cut-off question or statement (both languages) --------------------------

@pytest.mark.parametrize(("question", "lang", "topic"), [
    ("Via welk kanaal heeft u de laatste keer contact gezocht met de winkel?", "nl", "kanaal"),
    ("Welke soort abonnement heeft u op dit moment bij ons afgesloten?", "nl", "abonnement"),
    ("Which channel did you use the last time you got in touch with us?", "en", "channel"),
    ("What kind of membership do you currently hold with the club today?", "en", "membership"),
    ("It is easy to change my delivery day (app or website)", "en", "change my delivery day"),
    ("Hoe lang bent u lid van de sportschool?", "nl", "lid van de sportschool"),
])
def test_short_topic_is_the_thing_asked_for_never_a_cut_sentence(question, lang, topic):
    assert short_topic(question, lang) == topic


@pytest.mark.parametrize(("row", "lang"), [
    ({"kind": "likert", "question_text": "Stellingen - De verbinding bleef de eerste maanden stabiel zoals beloofd",
      "effect": -0.8}, "nl"),
    ({"kind": "likert", "question_text": "Statements - The parcels always arrived within the delivery window we chose",
      "effect": 0.9}, "en"),
    ({"kind": "likert", "metric": "ces", "effect": -0.7,
      "question_text": "Statements - Returning a parcel that did not fit took far too many separate steps"}, "en"),
    ({"kind": "choice", "effect": 0.8, "option": "Telefonisch, via het algemene nummer van de klantenservice",
      "question_text": "Contact?"}, "nl"),
])
def test_a_statement_too_long_to_quote_whole_names_no_persona(row, lang):
    assert trait_phrase(row, lang) is None


def test_a_long_question_gives_its_asked_noun_or_only_the_value():
    kanaal = {"kind": "choice", "option": "Telefoon", "effect": 0.9, "persona_value": 0.8,
              "question_text": "Via welk kanaal had u het laatst contact met onze klantenservice?"}
    assert trait_phrase(kanaal, "nl") == "kanaal: Telefoon"
    long_q = {"kind": "choice", "option": "Ja", "effect": 0.9, "persona_value": 0.8,
              "question_text": "Heeft u in het afgelopen jaar ooit overwogen om naar een andere aanbieder te gaan?"}
    assert "…" not in trait_phrase(long_q, "nl")
    t = pd.DataFrame({"kind": ["likert", "choice"], "option": [None, "Telefoon"], "effect": [1.1, 0.7],
                      "persona_value": [None, 0.9],
                      "question_text": ["Eens? - Het internet werkte de eerste maanden precies zoals beloofd",
                                        "Via welk kanaal had u het laatst contact met onze klantenservice?"]})
    name = generate_name(t, number=0, lang="nl")
    assert "…" not in name and name == "kanaal: Telefoon"
