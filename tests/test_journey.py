"""Journey map assembly on a tiny hand-made study with known counts."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "journey"))
import build  # noqa: E402

from workbench import schema  # noqa: E402
from workbench.journey import EVERYONE, build_journey_map, find_themes, nps  # noqa: E402
from workbench.journey import labels as L  # noqa: E402
from workbench.journey.metrics import funnel_metrics  # noqa: E402
from workbench.journey.themes import MAX_LABEL_WORDS  # noqa: E402
from workbench.privacy import scrub  # noqa: E402
from workbench.study import load_study  # noqa: E402


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    folder = build.make_study(tmp_path_factory.mktemp("tiny"))
    study = load_study(folder)
    doc_tags, tags = build.make_tags(study)
    return study, doc_tags, tags


def _codings(rows):
    df = pd.DataFrame(rows, columns=["doc_id", "start_char", "end_char", "code", "origin", "decision"])
    df["coding_id"] = range(1, len(df) + 1)
    df["coder"] = "anna"
    df["created"] = [f"2026-01-01T00:00:{i:02d}Z" for i in range(len(df))]
    return schema.conform(df, schema.CODINGS)


def _tag(tags, doc_prefix, label):
    t = tags[tags["doc_id"].str.startswith(doc_prefix) & (tags["label"] == label)].iloc[0]
    return t["doc_id"], int(t["start_char"]), int(t["end_char"])


def test_cells_exact_counts(tiny):
    study, dt, tags = tiny
    jm = build_journey_map(study, dt, tags)
    schema_cols = ["persona", "phase", "lane", "rank", "text", "value", "n_evidence", "evidence_ids", "thin", "detail"]
    assert list(jm.cells.columns) == schema_cols
    tp = jm.cell(EVERYONE, "awareness", "touchpoints")
    assert tp["text"].tolist() == ["Sociale media"]
    assert tp["n_evidence"].tolist() == [3] and tp["value"].tolist() == [3.0]
    assert set(tp["evidence_ids"].iloc[0]) == {"P01#001", "P02#001", "P03#003"}
    assert not tp["thin"].iloc[0]
    pains = jm.cell(EVERYONE, "use_evaluation", "pain_points")
    assert pains["n_evidence"].sum() == 3
    needs = jm.cell(EVERYONE, "use_evaluation", "needs")
    assert needs["n_evidence"].tolist() == [1] and bool(needs["thin"].iloc[0])
    assert needs["evidence_ids"].iloc[0] == ("P01#003",)
    # actions are verb phrases, not cue words: "Ik zag een advertentie" is seeing, not doing
    acts = jm.cells[jm.cells["lane"] == "actions"]
    assert not acts["text"].str.fullmatch(r"\w+").any()
    assert "zag" not in " ".join(acts["text"])


def test_emotion_mean_se_n(tiny):
    study, dt, tags = tiny
    jm = build_journey_map(study, dt, tags)
    e = jm.emotion[jm.emotion["source"] == "text"].set_index(["persona", "phase"])
    aw = e.loc[(EVERYONE, "awareness")]
    assert aw["mean"] == pytest.approx(2.0) and aw["n"] == 1 and bool(aw["thin"])  # 'leuk': +1 -> +2
    # use: P01 one pain (-0.6), P02 a pain and 'onvriendelijk' (-0.6, -1), P03 one pain: per person x2
    ue = e.loc[(EVERYONE, "use_evaluation")]
    assert ue["mean"] == pytest.approx((-1.2 - 1.6 - 1.2) / 3) and ue["n"] == 3
    assert ue["n_interview"] == 3 and ue["n_survey"] == 0 and set(ue["evidence_ids"]) == {"P01#003", "P02#001",
                                                                                         "P02#003", "P03#001"}


def test_emotion_one_vote_per_person_and_sources_apart():
    from workbench.journey.lanes import emotion_table

    sent = pd.DataFrame({
        "doc_id": ["P1#001", "P1#002", "P1#003", "P1#004", "R1@Q9", "R2@Q9"],
        "phase": ["purchase"] * 6,
        "score": [1.0, 1.0, 1.0, 1.0, -1.0, -0.6],
        "person": ["P1", "P1", "P1", "P1", "R1", "R2"],
        "source": ["interview"] * 4 + ["survey"] * 2,
    })
    member = pd.DataFrame({"doc_id": sent["doc_id"], "persona": EVERYONE})
    row = emotion_table(sent, member, min_evidence=3).iloc[0]
    # the talkative interviewee counts once: (+2 - 2 - 1.2) / 3, not a mean over six sentences
    assert row["n"] == 3 and row["mean"] == pytest.approx((2.0 - 2.0 - 1.2) / 3)
    assert row["mean_interview"] == pytest.approx(2.0) and row["n_interview"] == 1
    assert row["mean_survey"] == pytest.approx(-1.6) and row["n_survey"] == 2


def test_thin_marking_follows_min_evidence(tiny):
    study, dt, tags = tiny
    jm = build_journey_map(study, dt, tags, min_evidence=4)
    tp = jm.cell(EVERYONE, "awareness", "touchpoints")
    assert bool(tp["thin"].iloc[0])
    jm2 = build_journey_map(study, dt, tags, min_evidence=1)
    data_lanes = jm2.cells[jm2.cells["lane"].isin(["touchpoints", "needs", "pain_points", "actions"])]
    assert not data_lanes["thin"].any()


def test_rejected_suggestion_is_not_evidence_and_manual_is(tiny):
    study, dt, tags = tiny
    d3, s3, e3 = _tag(tags, "P03", "pain_point")
    p1 = tags[(tags["doc_id"] == "P01#003") & (tags["label"] == "need")].iloc[0]
    cod = _codings([
        (d3, s3, e3, "pain_point", "suggested", "rejected"),                            # rejected
        ("P01#003", int(p1["start_char"]), int(p1["end_char"]), "need", "suggested", "accepted"),
        ("P02#003", 0, 30, "need", "manual", "accepted"),                               # manual need
        ("P02#003", 0, 30, "phase/use_evaluation", "manual", "accepted"),
    ])
    jm = build_journey_map(study, dt, tags, codings=cod)
    pains = jm.cell(EVERYONE, "use_evaluation", "pain_points")
    ids = {i for t in pains["evidence_ids"] for i in t}
    assert ids == {"P01#003", "P02#001"} and pains["n_evidence"].sum() == 2
    assert pains["thin"].all()
    needs = jm.cell(EVERYONE, "use_evaluation", "needs")
    assert {i for t in needs["evidence_ids"] for i in t} == {"P01#003", "P02#003"}


def test_recoded_suggestion_counts_under_new_code(tiny):
    study, dt, tags = tiny
    d, s, e = _tag(tags, "P02", "pain_point")
    cod = _codings([(d, s, e, "need", "suggested", "accepted")])
    cod["suggestion"] = "pain_point"
    jm = build_journey_map(study, dt, tags, codings=cod)
    pains = {i for t in jm.cell(EVERYONE, "use_evaluation", "pain_points")["evidence_ids"] for i in t}
    needs = {i for t in jm.cell(EVERYONE, "use_evaluation", "needs")["evidence_ids"] for i in t}
    assert d not in pains and d in needs


def test_metrics_exact(tiny):
    study, dt, tags = tiny
    jm = build_journey_map(study, dt, tags, personas=build.make_personas())
    m = jm.metrics.set_index(["persona", "phase", "metric"])["value"]
    # NPS: promoters R1 R2 R6 (3/6), detractors R4 R5 (2/6)
    assert m[(EVERYONE, "use_evaluation", "nps")] == pytest.approx(100 * (3 / 6 - 2 / 6))
    assert m[(EVERYONE, "purchase", "csat_mean")] == pytest.approx(23 / 6)
    assert m[(EVERYONE, "purchase", "csat_top2")] == pytest.approx(100 * 4 / 6)
    assert m[(EVERYONE, "purchase", "ces_mean")] == pytest.approx(25 / 6)
    assert m[(EVERYONE, "purchase", "ces_agree")] == pytest.approx(100 * 3 / 6)
    assert m[(EVERYONE, "purchase", "conversion")] == pytest.approx(20.0)
    assert m[(EVERYONE, "purchase", "macro:Besteld")] == pytest.approx(50.0)
    assert m[(EVERYONE, "awareness", "micro:Nieuwsbrief")] == pytest.approx(5.0)
    assert m[("k2-p0", "use_evaluation", "nps")] == pytest.approx(100 * 2 / 3)
    assert m[("k2-p1", "use_evaluation", "nps")] == pytest.approx(100 * (1 / 3 - 2 / 3))
    defs = jm.metrics.drop_duplicates("metric").set_index("metric")["definition"]
    assert "4–5" in defs["csat_top2"] and "≥ 5" in defs["ces_agree"]


def test_nps_and_funnel_functions():
    assert nps([9, 10, 0, 6, 7, 8]) == pytest.approx(0.0)
    assert nps([10] * 7 + [0] * 3) == pytest.approx(40.0)
    assert np.isnan(nps([]))
    f = pd.DataFrame({"phase": ["a", "b", "b", "c"], "step": ["s1", "s2", "s3", "s4"],
                      "count": [400, 100, 80, 20], "kind": ["funnel", "funnel", "funnel", "funnel"]})
    out = funnel_metrics(f, ["a", "b", "c"]).set_index(["phase", "metric"])["value"]
    assert out[("b", "conversion")] == pytest.approx(20.0) and out[("c", "conversion")] == pytest.approx(25.0)


def test_personas_split_the_evidence(tiny):
    study, dt, tags = tiny
    jm = build_journey_map(study, dt, tags, personas=build.make_personas())
    assert jm.persona_keys == [EVERYONE, "k2-p0", "k2-p1"]
    tp0 = jm.cell("k2-p0", "awareness", "touchpoints")
    assert set(tp0["evidence_ids"].iloc[0]) == {"P01#001", "P02#001"}
    tp1 = jm.cell("k2-p1", "awareness", "touchpoints")
    assert tp1["evidence_ids"].iloc[0] == ("P03#003",) and bool(tp1["thin"].iloc[0])
    assert jm.personas.set_index("persona").loc["k2-p0", "n_respondents"] == 3


def test_quotes_are_verbatim_after_scrubbing(tiny):
    study, dt, tags = tiny
    jm = build_journey_map(study, dt, tags, personas=build.make_personas())
    assert len(jm.quotes) > 0
    docs = study.documents().set_index("doc_id")["text"]
    names = study.speaker_names()
    for q in jm.quotes.itertuples(index=False):
        assert q.text in scrub(docs[q.doc_id], names, lang="nl")
        assert "Bram" not in q.text and "06-12345678" not in q.text
    assert jm.quotes["participant_id"].notna().all()
    snippets = " ".join(jm.evidence["text"])
    assert "Bram" not in snippets and "Anouk" not in snippets


def test_opportunities_derived_and_researcher_edits_win(tiny):
    study, dt, tags = tiny
    jm = build_journey_map(study, dt, tags)
    opp = jm.cell(EVERYONE, "use_evaluation", "opportunities")
    assert opp["text"].iloc[0].startswith("Hoe kunnen we ‘") and opp["text"].iloc[0].endswith("’ oplossen?")
    assert opp["n_evidence"].iloc[0] == 3
    # scored by people affected x severity x the phase's weight (NPS phase: no CSAT, no funnel -> 1);
    # the theme is a delay, severity 2 (workbench.themes.SEVERITY)
    assert jm.themes.set_index(["phase", "label"]).loc[("use_evaluation", "pain_point"), "severity"] == 2.0
    assert opp["value"].iloc[0] == pytest.approx(3 * 2.0 * 1.0) and "3 mensen" in opp["detail"].iloc[0]
    derived_text = opp["text"].iloc[0]
    stored = pd.DataFrame({"opportunity_id": [7, 8], "persona_key": ["everyone", None],
                           "phase": ["use_evaluation", "purchase"],
                           "text": ["Toon de levertijd vooraf", "Gastbestelling"], "origin": ["derived", "manual"],
                           "status": ["accepted", "open"], "coder": ["anna", "anna"], "updated": ["", ""],
                           "derived_text": [derived_text, None]})
    jm2 = jm.with_opportunities(stored)
    o = jm2.cell(EVERYONE, "use_evaluation", "opportunities")
    assert o["text"].tolist() == ["Toon de levertijd vooraf"] and o["n_evidence"].iloc[0] == 3
    manual = jm2.cell(EVERYONE, "purchase", "opportunities")
    assert manual["text"].tolist() == ["Gastbestelling"] and not manual["thin"].iloc[0]
    rejected = stored.assign(status=["rejected", "open"])
    assert jm.with_opportunities(rejected).cell(EVERYONE, "use_evaluation", "opportunities").empty


def test_store_sync_keeps_edits(tiny, tmp_path):
    from workbench.coding.store import Store
    from workbench.journey.opportunities import sync_opportunities

    study, dt, tags = tiny
    jm = build_journey_map(study, dt, tags)
    with Store.open(tmp_path) as store:
        first = sync_opportunities(store, jm.derived_opportunities)
        assert len(first) == len(jm.derived_opportunities)
        oid = int(first["opportunity_id"].iloc[0])
        store.update_opportunity(oid, "anna", text="Mijn eigen idee")
        again = sync_opportunities(store, jm.derived_opportunities)
        assert len(again) == len(first)
        assert again.set_index("opportunity_id").loc[oid, "text"] == "Mijn eigen idee"
        jm2 = jm.with_opportunities(again)
        assert "Mijn eigen idee" in set(jm2.cells["text"])


def test_themes_group_similar_sentences():
    s = pd.Series(["De levering duurde te lang.", "Levering duurde twee weken te lang.", "De levering was laat.",
                   "De kortingscode werkte niet.", "Mijn kortingscode werkte niet!", "Zo, dat wilde ik even kwijt!"])
    t = find_themes(s, lang="nl")
    assert t.assignments.iloc[0] == t.assignments.iloc[1] != t.assignments.iloc[3]
    assert t.assignments.iloc[3] == t.assignments.iloc[4]
    assert t.assignments.iloc[5] == -1  # a sign-off is no theme
    capped = find_themes(s, lang="nl", n_themes=1)
    assert capped.assignments.max() == 0 and len(capped.labels) == 1


#: (sentence, cue span, cue class, problem) — pain points as a tagger finds them.
PAINS_NL = [
    ("De kortingscode werkte niet, heel irritant.", "werkte niet", "broken", "code"),
    ("Mijn kortingscode werkte niet bij het afrekenen.", "werkte niet", "broken", "code"),
    ("Al met al: de kortingscode werkte niet.", "werkte niet", "broken", "code"),
    ("Ik baalde dat de kortingscodes niet werkten.", "baalde", "frustration", "code"),
    ("De levering was een week later dan beloofd.", "later dan beloofd", "delay", "late"),
    ("Levering kwam drie dagen later dan beloofd, dat kwam slecht uit.", "later dan beloofd", "delay", "late"),
    ("Hmm, de levering was later dan beloofd.", "later dan beloofd", "delay", "late"),
    ("De montage-instructies waren onduidelijk, kostte me een hele avond.", "onduidelijk", "unclear", "manual"),
    ("de montage-instructies waren onduidelijk.", "onduidelijk", "unclear", "manual"),
    ("Eerlijk gezegd waren de montage-instructies erg onduidelijk.", "onduidelijk", "unclear", "manual"),
]
PAINS_EN = [
    ("The discount code didn't work at checkout.", "didn't work", "broken", "code"),
    ("Honestly the discount code didn't work, so annoying.", "didn't work", "broken", "code"),
    ("My discount code didn't work.", "didn't work", "broken", "code"),
    ("Shipping costs only showed up at the very last step.", "only showed up", "unclear", "ship"),
    ("The shipping costs only showed up at the end.", "only showed up", "unclear", "ship"),
    ("Delivery was late again.", "late", "delay", "late"),
    ("The delivery was late by a week.", "late", "delay", "late"),
]


@pytest.mark.parametrize("lang,rows,keywords", [
    ("nl", PAINS_NL, {"code": {"kortingscode", "werkte niet"}, "late": {"levering"},
                      "manual": {"montage-instructies", "onduidelijk"}}),
    ("en", PAINS_EN, {"code": {"discount code", "didn't work"}, "ship": {"shipping costs", "only showed up"},
                      "late": {"delivery", "late"}}),
])
def test_themes_follow_the_problem_and_read_like_codes(lang, rows, keywords):
    frame = pd.DataFrame(rows, columns=["sentence", "cue", "cls", "problem"], index=[f"d{i}" for i in range(len(rows))])
    starts = [s.index(c) for s, c in zip(frame["sentence"], frame["cue"], strict=True)]
    t = find_themes(frame["sentence"], cues=frame["cue"], cue_starts=pd.Series(starts, index=frame.index),
                    classes=frame["cls"], lang=lang)
    assert t.assignments.index.equals(frame.index)
    # one theme per problem, and no theme mixes problems
    by_problem = frame.assign(theme=t.assignments).groupby("problem")["theme"].nunique()
    assert (by_problem == 1).all(), by_problem
    assert t.assignments.nunique() == frame["problem"].nunique()
    for problem, words in keywords.items():
        label = t.labels[int(t.assignments[frame["problem"] == problem].iloc[0])]
        assert all(w in label.lower() for w in words), (problem, label)
        assert len(label.split()) <= MAX_LABEL_WORDS
    # deterministic
    again = find_themes(frame["sentence"], cues=frame["cue"], classes=frame["cls"], lang=lang)
    assert again.labels == t.labels


def test_theme_labels_make_readable_opportunities(tiny):
    study, dt, tags = tiny
    jm = build_journey_map(study, dt, tags)
    pains = jm.cell(EVERYONE, "use_evaluation", "pain_points")
    # three wordings of one problem: one theme, labelled with the shortest shared wording
    assert pains["text"].tolist() == ["levering duurde lang"] and pains["n_evidence"].tolist() == [3]
    opp = jm.cell(EVERYONE, "use_evaluation", "opportunities")
    assert opp["text"].iloc[0] == "Hoe kunnen we ‘levering duurde lang’ oplossen?"


def test_survey_satisfaction_is_a_second_emotion_line(tiny):
    study, dt, tags = tiny
    jm = build_journey_map(study, dt, tags)
    s = jm.emotion[(jm.emotion["source"] == "survey") & (jm.emotion["persona"] == EVERYONE)].set_index("phase")
    # purchase: Q2 (1-5) and Q3 (1-7) rescaled to -2..+2, averaged per respondent, then over respondents
    q2 = {"R1": 5, "R2": 4, "R3": 3, "R4": 2, "R5": 5, "R6": 4}
    q3 = {"R1": 6, "R2": 7, "R3": 2, "R4": 5, "R5": 4, "R6": 1}
    per = [((q2[r] - 1) / 4 * 4 - 2 + (q3[r] - 1) / 6 * 4 - 2) / 2 for r in q2]
    assert s.loc["purchase", "mean"] == pytest.approx(sum(per) / 6)
    assert s.loc["purchase", "n"] == 6 and set(s.loc["purchase", "evidence_ids"]) == set(q2)
    # use: the NPS question by its own categories (promoter +2, passive 0, detractor -2): mean = NPS / 50
    nps_scores = [10, 9, 7, 6, 0, 10]
    nps = 100 * (sum(v >= 9 for v in nps_scores) - sum(v <= 6 for v in nps_scores)) / 6
    assert s.loc["use_evaluation", "mean"] == pytest.approx(nps / 50)
    lane = jm.cell(EVERYONE, "purchase", "emotion")
    survey = lane[lane["rank"] == 2]
    assert len(survey) == 1 and survey["text"].iloc[0] == "Tevredenheid (enquête): " + L.signed(sum(per) / 6, 1, "nl")


def test_text_and_survey_disagreement_is_said():
    from workbench.journey.assemble import _emotion_cells

    e = pd.DataFrame({"persona": [EVERYONE] * 4, "phase": ["a", "a", "b", "b"], "source": ["text", "survey"] * 2,
                      "mean": [1.4, -0.6, 0.4, 0.2], "se": 0.1, "ci_low": 0.0, "ci_high": 0.0, "n": 30,
                      "thin": False, "evidence_ids": [()] * 4, "mean_interview": float("nan"), "n_interview": 0,
                      "mean_survey": float("nan"), "n_survey": 0})
    cells = _emotion_cells(e, "en")
    notes = cells[cells["rank"] == 3]
    assert list(notes["phase"]) == ["a"] and "disagree" in notes["text"].iloc[0]
    assert "+1.4" in notes["detail"].iloc[0] and "−0.6" in notes["detail"].iloc[0]


def test_evidence_without_a_phase_is_listed_not_lost(tiny):
    study, dt, tags = tiny
    t = tags.copy()
    t["phase"] = t["phase"].astype("string")
    pain = t.index[t["label"] == "pain_point"][:1]
    t.loc[pain, "phase"] = pd.NA
    d = dt.copy()
    d.loc[d["doc_id"].isin(t.loc[pain, "doc_id"]), "phase"] = pd.NA
    jm = build_journey_map(study, d, t)
    assert len(jm.unplaced) >= 1 and set(jm.unplaced["label"]) <= {"pain_point", "need"}
    assert any("Fase onbekend" in n for n in jm.notes)
    from workbench.render import to_html, to_markdown

    assert "## Fase onbekend" in to_markdown(jm) and "id='unplaced'" in to_html(jm)


def test_quotes_are_not_repeated_within_a_cell():
    from workbench.journey.lanes import pick_quotes

    texts = pd.Series({"A": "Er staat wel 'duurzaam' bij, maar niet echt duidelijk wat dat betekent.",
                       "B": "er staat wel duurzaam bij maar niet echt duidelijk wat dat betekent",
                       "C": "De levering kwam twee dagen te laat en niemand belde."})
    cand = pd.DataFrame({"persona": EVERYONE, "phase": "p", "doc_id": ["A", "B", "C"],
                         "sent_start": 0, "sent_end": [len(t) for t in texts], "pref": [1.0, 1.0, 2.0]})
    q = pick_quotes(cand, texts, [], "nl")
    assert q["doc_id"].tolist() == ["A", "C"]



def test_the_unplaced_note_names_open_questions_without_a_phase_and_the_fix():
    """Open answers to a question with no phase land in ‘Fase onbekend’: the note names the
    question and the study.toml line that gives it a phase (why a persona's lanes stay empty)."""
    from workbench.journey.assemble import _no_phase_questions

    docs = pd.DataFrame({"doc_id": ["a1", "a2", "a3", "s1"], "question_id": ["Q10", "Q10", "Q4", pd.NA],
                         "q_phase": [pd.NA, pd.NA, "purchase", pd.NA]}).set_index("doc_id")
    docs["q_phase"] = docs["q_phase"].astype("string")
    unplaced = pd.DataFrame({"doc_id": ["a1", "a1", "a2", "a3", "s1"], "label": "pain_point",
                             "placed": [True, False, True, False, False]})
    nl, en = _no_phase_questions(unplaced, docs, "nl"), _no_phase_questions(unplaced, docs, "en")
    assert "Q10: 2 antwoorden, 2 met een pijnpunt, behoefte of actie: 1 geplaatst op hun inhoud" in nl
    assert "1 blijven in ‘Fase onbekend’" in nl
    assert "[survey.questions] Q10 = { phase = " in nl and "Q4" not in nl
    assert "Q10: 2 answers, 2 with a pain point, need or action: 1 placed by their content" in en
    assert "study.toml" in en
    assert _no_phase_questions(unplaced[unplaced["doc_id"] == "s1"], docs, "nl") == ""  # an interview turn
