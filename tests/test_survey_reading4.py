"""Survey columns typed from their data (round 4): comma labels, quantities with words, derived columns,
unfinished responses, close scale wordings, what is a CES; a header line with a described participant."""

import csv
import json

import pytest

from workbench.io._header import header_person, people_line
from workbench.io.surveys import parse_survey


def _plain(tmp_path, header, rows, name="s.csv"):
    f = tmp_path / name
    with f.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return f


def _kind(survey, qid):
    return survey.questions.set_index("question_id").loc[qid]


@pytest.mark.parametrize("labels", [
    ["1 adult, 2 meals", "1 adult, 4 meals", "3 adults, 2 meals", "3 adults, 4 meals"],
    ["Klein, 50 Mbit", "Klein, 200 Mbit", "Groot, 50 Mbit", "Groot, 1 Gbit"],
])
def test_single_choice_labels_with_a_comma_stay_whole(tmp_path, labels):
    rows = [[f"r{i}", labels[i % len(labels)]] for i in range(40)]
    s = parse_survey(_plain(tmp_path, ["id", "plan"], rows))
    q = _kind(s, "plan")
    assert q["kind"] == "choice"
    assert set(s.answers["value_text"]) == set(labels)


def test_a_real_multi_select_with_commas_is_still_split(tmp_path):
    combos = ["Paused, Phoned us", "Phoned us", "Paused", "Emailed, Paused", "Phoned us, Emailed", "Emailed"]
    rows = [[f"r{i}", combos[i % len(combos)]] for i in range(36)]
    s = parse_survey(_plain(tmp_path, ["id", "done"], rows))
    assert _kind(s, "done")["kind"] == "multi_choice"
    assert set(s.answers["value_text"]) == {"Paused", "Phoned us", "Emailed"}


@pytest.mark.parametrize("words", [["roughly a year", "no idea"], ["ruim een jaar", "weet niet meer", "n.v.t."]])
def test_a_quantity_with_a_few_words_is_numeric_and_the_words_are_named(tmp_path, words):
    rows = [[f"r{i}", str(3 + 7 * i)] for i in range(30)] + [[f"w{i}", w] for i, w in enumerate(words)]
    s = parse_survey(_plain(tmp_path, ["id", "weeks"], rows))
    assert _kind(s, "weeks")["kind"] == "numeric"
    a = s.answers[s.answers["question_id"] == "weeks"]
    assert a["value_num"].notna().sum() == 30
    warning = next(w for w in s.warnings if "weeks" in w and "missing" in w)
    assert all(repr(w) in warning for w in words) and "rows 32" in warning


def test_a_handful_of_numbers_beside_words_stays_a_choice(tmp_path):
    opts = ["0", "1", "2", "3 or more"]
    rows = [[f"r{i}", opts[i % 4]] for i in range(40)]
    assert _kind(parse_survey(_plain(tmp_path, ["id", "kids"], rows)), "kids")["kind"] != "numeric"


def _qualtrics(tmp_path, ids, texts, rows):
    f = tmp_path / "q.csv"
    with f.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(ids)
        w.writerow(texts)
        w.writerow([json.dumps({"ImportId": "QID" + i[1:] if i.startswith("Q") else i.casefold()}) for i in ids])
        w.writerows(rows)
    return f


def test_derived_nps_group_and_unfinished_responses_are_said(tmp_path):
    ids = ["ResponseId", "Finished", "Progress", "Q9", "Q9_NPS_GROUP"]
    texts = ["Response ID", "Finished", "Progress", "How likely are you to recommend us to a friend?",
             "How likely are you to recommend us to a friend? - Group"]
    group = lambda v: "Promoter" if v >= 9 else "Passive" if v >= 7 else "Detractor"  # noqa: E731
    rows = [[f"R_{i:03d}", "True" if i % 7 else "False", "100" if i % 7 else "40", str(i % 11), group(i % 11)]
            for i in range(1, 31)]
    s = parse_survey(_qualtrics(tmp_path, ids, texts, rows), format="qualtrics")
    assert "Q9_NPS_GROUP" not in set(s.questions["question_id"])
    assert any("Q9_NPS_GROUP" in w and "Q9" in w for w in s.warnings)
    assert len(s.respondents) == 30  # kept
    partial = next(w for w in s.warnings if "unfinished" in w)
    assert partial.startswith("4 of 30") and "R_007" in partial


def test_qualtrics_somewhat_wording_is_a_five_point_scale(tmp_path):
    labels = ["Very dissatisfied", "Somewhat dissatisfied", "Neither satisfied nor dissatisfied", "Somewhat satisfied",
              "Very satisfied"]
    rows = [[f"r{i}", labels[i % 5]] for i in range(25)]
    s = parse_survey(_plain(tmp_path, ["id", "How satisfied were you with the delivery?"], rows))
    q = s.questions.iloc[0]
    assert (q["kind"], q["scale_max"], q["metric"]) == ("likert", 5.0, "csat")
    assert sorted(set(s.answers["value_num"])) == [1.0, 2.0, 3.0, 4.0, 5.0]


@pytest.mark.parametrize("labels, middle", [
    (["Zeer moeilijk", "Moeilijk", "Niet moeilijk en niet makkelijk", "Makkelijk", "Zeer makkelijk"], 3.0),
    (["Very difficult", "Difficult", "Neither easy and nor difficult", "Easy", "Very easy"], 3.0),
])
def test_a_scale_label_with_a_filler_word_more_is_on_the_scale_and_said(tmp_path, labels, middle):
    rows = [[f"r{i}", labels[i % 5]] for i in range(25)]
    s = parse_survey(_plain(tmp_path, ["id", "Hoe makkelijk of moeilijk was het regelen?"], rows))
    q = s.questions.iloc[0]
    assert (q["kind"], q["metric"]) == ("likert", "ces")
    a = s.answers.set_index("value_text")["value_num"]
    assert a[labels[2]].iloc[0] == middle
    assert any(labels[2] in w and "differently" in w for w in s.warnings)


def test_a_scale_with_one_unknown_label_is_named_with_the_declaration(tmp_path):
    labels = ["Zeer ontevreden", "Ontevreden", "Half om half", "Tevreden", "Zeer tevreden"]
    rows = [[f"r{i}", labels[i % 5]] for i in range(25)]
    s = parse_survey(_plain(tmp_path, ["id", "oordeel"], rows))
    assert s.questions.iloc[0]["kind"] == "choice"
    w = next(w for w in s.warnings if "survey.scales" in w)
    assert "oordeel" in w and "'Half om half'" in w


@pytest.mark.parametrize("text, ces", [
    ("Agree or disagree: - It was easy to understand what the plans include", False),
    ("Agree or disagree: - It was easy to pause my subscription", True),
    ("Eens of oneens: - Het was makkelijk te begrijpen wat er in het pakket zit", False),
    ("Eens of oneens: - Het was makkelijk om mijn abonnement op te zeggen", True),
])
def test_ces_is_about_effort_not_clarity(tmp_path, text, ces):
    labels = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
    rows = [[f"r{i}", labels[i % 5]] for i in range(25)]
    s = parse_survey(_plain(tmp_path, ["id", text], rows))
    assert (str(s.questions.iloc[0]["metric"]) == "ces") is ces


@pytest.mark.parametrize("line, role, name", [
    ("Respondent: Margot (71, Suffolk)", "participant", "Margot"),
    ("Deelnemer: Henk de Wit (67 jaar, Zwolle)", "participant", "Henk de Wit"),
    ("Interviewer: Joost Bakker [onderzoeker]", "interviewer", "Joost Bakker"),
])
def test_a_header_line_with_a_described_person_is_metadata(line, role, name):
    assert header_person(line) == (role, name)
    assert people_line(line) == (role, [name])


@pytest.mark.parametrize("line", ["Respondent: Yes (laughs)", "Interviewer: So (pause) what then"])
def test_a_turn_with_a_bracketed_aside_is_no_header(line):
    assert header_person(line) is None
