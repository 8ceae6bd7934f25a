"""Survey export readers: layouts, answer typing, overrides and errors (workbench.io.surveys)."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from workbench import schema
from workbench.errors import (
    DecodeError,
    DuplicateIdError,
    EmptyFileError,
    FormatError,
    SurveyError,
    WorkbenchError,
)
from workbench.io._typing import load_likert, norm_label
from workbench.io.surveys import detect_format, parse_survey, read_survey

FIX = Path(__file__).parent / "fixtures" / "surveys"


def answers_of(survey, qid):
    a = survey.answers
    return a[a["question_id"] == qid]


def answer(survey, rid, qid):
    a = survey.answers
    rows = a[(a["respondent_id"] == rid) & (a["question_id"] == qid)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def question(survey, qid):
    q = survey.questions.set_index("question_id")
    return q.loc[qid]


# --- layouts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, fmt, file_type, encoding, delimiter, n",
    [
        ("qualtrics_nl.csv", "qualtrics", "csv", "utf-8", ",", 6),
        ("qualtrics_en.tsv", "qualtrics", "csv", "utf-8", "\t", 4),
        ("qualtrics_legacy_en.csv", "qualtrics-legacy", "csv", "utf-8", ",", 5),
        ("surveymonkey_en.csv", "surveymonkey", "csv", "utf-8", ",", 5),
        ("surveymonkey_nl.xlsx", "surveymonkey", "xlsx", "", "", 4),
        ("googleforms_nl.csv", "googleforms", "csv", "utf-8", ",", 6),
        ("googleforms_en.csv", "googleforms", "csv", "utf-8", ",", 6),
        ("limesurvey_codes_en.csv", "limesurvey", "csv", "utf-8", ",", 4),
        ("limesurvey_nl.csv", "limesurvey", "csv", "utf-8", ";", 4),
        ("plain_en.csv", "plain", "csv", "utf-8", ",", 4),
        ("plain_nl_excel.csv", "plain", "csv", "cp1252", ";", 5),
        ("plain_bom_nl.csv", "plain", "csv", "utf-8-sig", ",", 4),
    ],
)
def test_layout_detected_and_frames_conform(name, fmt, file_type, encoding, delimiter, n):
    survey = parse_survey(FIX / name)
    assert (survey.format, survey.file_type, survey.encoding, survey.delimiter) == (
        fmt, file_type, encoding, delimiter)
    assert len(survey.respondents) == n
    schema.check(survey.respondents, schema.RESPONDENTS, extra=True)
    schema.check(survey.questions, schema.QUESTIONS)
    schema.check(survey.answers, schema.ANSWERS)
    assert survey.respondents["respondent_id"].is_unique
    assert set(survey.answers["respondent_id"]) <= set(survey.respondents["respondent_id"])
    assert set(survey.answers["question_id"]) <= set(survey.questions["question_id"])
    assert (survey.answers["value_text"].str.strip() != "").all()
    assert (survey.questions["source"] == str(FIX / name)).all()


def test_detect_format_from_header_rows():
    assert detect_format([["StartDate", "EndDate", "ResponseId", "Q1"], ["Start Date", "End Date", "Response ID", "Q"],
                          ['{"ImportId":"startDate"}', '{"ImportId":"endDate"}', '{"ImportId":"_recordId"}',
                           '{"ImportId":"QID1"}']]) == "qualtrics"
    assert detect_format([["V1", "V2", "V3", "Q1"], ["ResponseID", "ResponseSet", "Name", "Vraag"]]) == "qualtrics-legacy"
    assert detect_format([["Respondent ID", "Collector ID", "Vraag 1"], ["", "", "Antwoord"]]) == "surveymonkey"
    assert detect_format([["Tijdstempel", "Vraag"]]) == "googleforms"
    assert detect_format([["id. Antwoord ID", "submitdate. Datum verstuurd", "Q1. Vraag"]]) == "limesurvey"
    assert detect_format([["klant", "leeftijd"]]) == "plain"
    with pytest.raises(FormatError, match="does not look like a survey"):
        detect_format([["WEBVTT"]])


def test_qualtrics_metadata_are_attributes_never_questions():
    survey = parse_survey(FIX / "qualtrics_nl.csv")
    resp = survey.respondents
    assert resp["respondent_id"].iloc[0] == "R_1a2B3c4D5e6F7g8"
    for meta in ("StartDate", "Duration (in seconds)", "UserLanguage", "LocationLatitude", "segment"):
        assert meta in resp.columns
        assert meta not in set(survey.questions["question_id"])
    assert resp["segment"].tolist() == ["nieuw", "terugkerend", "nieuw", "terugkerend", "nieuw", "nieuw"]
    assert pd.isna(resp["RecipientEmail"].iloc[0])
    assert list(survey.questions["question_id"]) == ["Q1", "Q2_1", "Q2_2", "Q2_3", "Q3", "Q4", "Q5", "Q6_TEXT",
                                                     "Q7", "Q8"]
    assert question(survey, "Q2_1")["question_text"] == "Hoe tevreden bent u over de volgende fasen? - Bewustwording"
    assert question(survey, "Q1")["position"] == 17


def test_qualtrics_minus_99_is_no_answer():
    survey = parse_survey(FIX / "qualtrics_nl.csv")
    rid = "R_3c4D5e6F7g8H9i0"  # "-99" for Q6_TEXT and Q7
    assert answers_of(survey, "Q7")["respondent_id"].tolist().count(rid) == 0
    assert answers_of(survey, "Q6_TEXT")["respondent_id"].tolist().count(rid) == 0
    assert "-99" not in set(survey.answers["value_text"])


def test_qualtrics_single_quote_import_ids_and_split_multi_select():
    survey = parse_survey(FIX / "qualtrics_en.tsv")
    q4 = question(survey, "Q4")
    assert (q4["kind"], q4["question_text"], q4["options"]) == (
        "multi_choice", "Which devices do you shop on?", "Laptop | Phone | Tablet")
    assert answers_of(survey, "Q4").groupby("respondent_id")["value_text"].apply(list).to_dict() == {
        "R_en0001": ["Laptop", "Phone"], "R_en0002": ["Phone"], "R_en0003": ["Laptop", "Tablet"],
        "R_en0004": ["Phone", "Tablet"]}


def test_qualtrics_legacy_two_header_rows():
    survey = parse_survey(FIX / "qualtrics_legacy_en.csv")
    assert survey.respondents["respondent_id"].tolist()[:2] == ["R_legacy001", "R_legacy002"]
    assert {"ResponseSet", "IPAddress", "StartDate", "LocationAccuracy"} <= set(survey.respondents.columns)
    assert list(survey.questions["question_id"]) == ["Q1", "Q2", "Q3", "Q4_1", "Q4_2"]
    assert answer(survey, "R_legacy004", "Q3")["value_text"] == "The site was slow\nand crashed twice."


def test_surveymonkey_question_ids_and_multi_select_columns():
    survey = parse_survey(FIX / "surveymonkey_en.csv")
    assert list(survey.questions["question_id"]) == ["Q1", "Q2", "Q2_4", "Q3_1", "Q3_2", "Q4", "Q5"]
    q2 = question(survey, "Q2")
    assert (q2["kind"], q2["options"], q2["position"]) == ("multi_choice", "Website | Email | Phone", 10)
    assert answers_of(survey, "Q2").groupby("respondent_id")["value_text"].apply(list).to_dict() == {
        "114000000001": ["Website"], "114000000002": ["Website", "Email"], "114000000003": ["Phone"],
        "114000000004": ["Email", "Phone"], "114000000005": ["Website", "Phone"]}
    assert question(survey, "Q2_4")["kind"] == "open"  # "Other (please specify)"
    assert question(survey, "Q2_4")["question_text"] == "Which channels did you use to contact us? - Other (please specify)"
    assert question(survey, "Q5")["kind"] == "open"  # "Open-Ended Response"
    assert question(survey, "Q3_2")["question_text"] == (
        "How much do you agree with the following statements? - Delivery was fast")
    assert "Custom Data 1" in survey.respondents.columns


def test_surveymonkey_xlsx_sheet_with_most_rows_and_excel_dates():
    survey = parse_survey(FIX / "surveymonkey_nl.xlsx")
    assert survey.respondents["respondent_id"].tolist()[0] == "114100000001"
    assert survey.respondents["Begindatum"].iloc[0] == "2026-03-01 09:30:05"
    a = answer(survey, "114100000001", "Q4")
    assert (a["kind"], a["value_text"], a["value_num"]) == ("date", "2026-03-01", 1772323200.0)
    assert answer(survey, "114100000003", "Q2")["value_num"] == 10.0
    assert question(survey, "Q5")["options"] == "Kleding | Schoenen | Accessoires"
    assert answer(survey, "114100000002", "Q1")["value_num"] == 3.0  # "Noch tevreden, noch ontevreden"


def test_googleforms_generated_ids_and_grid():
    survey = parse_survey(FIX / "googleforms_nl.csv")
    assert survey.respondents["respondent_id"].tolist() == [f"R000{i}" for i in range(1, 7)]
    assert survey.respondents["Tijdstempel"].iloc[0] == "1-3-2026 10:22:13"
    assert question(survey, "Q6_2")["question_text"] == "Hoe tevreden bent u over: [Bezorging]"
    assert answer(survey, "R0005", "Q6_2")["value_num"] == 3.0  # "Neutraal / geen mening"


def test_limesurvey_codes_subquestions_and_multi_choice():
    survey = parse_survey(FIX / "limesurvey_codes_en.csv")
    assert survey.respondents["respondent_id"].tolist() == ["1", "2", "3", "4"]
    assert {"submitdate", "startlanguage", "seed"} <= set(survey.respondents.columns)
    kinds = dict(zip(survey.questions["question_id"], survey.questions["kind"], strict=True))
    assert kinds == {"Q1": "likert", "Q2[SQ001]": "likert", "Q2[SQ002]": "likert", "Q3": "multi_choice",
                     "Q3[other]": "open", "Q4": "numeric", "Q5": "numeric"}
    assert answers_of(survey, "Q3").groupby("respondent_id")["value_text"].apply(list).to_dict() == {
        "1": ["SQ001", "SQ003"], "2": ["SQ002"], "4": ["SQ001", "SQ002"]}
    assert answer(survey, "2", "Q3[other]")["value_text"] == "Via a friend"
    assert answers_of(survey, "Q1")["respondent_id"].tolist() == ["1", "2", "4"]  # 3 left it empty


def test_limesurvey_code_and_text_headers():
    survey = parse_survey(FIX / "limesurvey_nl.csv")
    q = question(survey, "Q2[SQ001]")
    assert (q["question_text"], q["kind"]) == ("Tevredenheid [Bezorging]", "likert")
    assert question(survey, "Q1")["question_text"] == "Ik vind de webshop overzichtelijk."


def test_plain_first_column_id_and_generated_ids(tmp_path):
    survey = parse_survey(FIX / "plain_en.csv")
    assert survey.respondents["respondent_id"].tolist() == ["P-001", "P-002", "P-003", "P-004"]
    f = tmp_path / "s.csv"
    f.write_text("leeftijd,woonplaats\n34,Utrecht\n41,Zwolle\n", encoding="utf-8")
    assert parse_survey(f).respondents["respondent_id"].tolist() == ["R0001", "R0002"]


def test_dutch_excel_cp1252_semicolons_decimal_comma():
    survey = parse_survey(FIX / "plain_nl_excel.csv")
    assert "Bedrag (€)" in set(survey.questions["question_id"])
    amounts = answers_of(survey, "Bedrag (€)").set_index("respondent_id")
    assert amounts["value_num"].to_dict() == {"1001": 12.5, "1002": 7.95, "1003": 120.0, "1004": 49.99, "1005": 3.5}
    assert amounts.loc["1001", "value_text"] == "12,50"
    assert answer(survey, "1002", "Opmerking")["value_text"] == "Geëmailde factuur kwam niet aan"
    assert answer(survey, "1004", "Opmerking")["value_text"] == "Te duur: € 6,95 verzendkosten"


def test_read_survey_returns_respondents_and_answers():
    respondents, answers = read_survey(FIX / "plain_en.csv", source="survey/plain_en.csv")
    assert len(respondents) == 4 and (respondents["source"] == "survey/plain_en.csv").all()
    schema.check(answers, schema.ANSWERS)


def test_forced_format(tmp_path):
    survey = parse_survey(FIX / "googleforms_en.csv", format="plain")
    assert survey.format == "plain"
    assert "Timestamp" in set(survey.questions["question_id"])
    with pytest.raises(FormatError, match="unknown survey format 'alchemer'") as err:
        parse_survey(FIX / "plain_en.csv", format="alchemer")
    assert "qualtrics-legacy" in err.value.hint


# --- typing -------------------------------------------------------------------------------------


def test_likert_5_and_7_point_agreement():
    five = parse_survey(FIX / "limesurvey_nl.csv")
    a = answer(five, "11", "Q1")
    assert (a["kind"], a["value_text"], a["value_num"]) == ("likert", "Helemaal mee eens", 5.0)
    q = question(five, "Q1")
    assert (q["scale_min"], q["scale_max"]) == (1.0, 5.0)
    assert q["options"] == "Helemaal mee oneens | Mee oneens | Neutraal | Mee eens | Helemaal mee eens"
    seven = parse_survey(FIX / "plain_bom_nl.csv")
    qid = "De website was overzichtelijk."
    assert answer(seven, "a1", qid)["value_num"] == 7.0
    assert answer(seven, "a3", qid)["value_num"] == 5.0  # "Enigszins mee eens"
    assert answer(seven, "a4", qid)["value_num"] == 1.0
    assert question(seven, qid)["scale_max"] == 7.0


def test_likert_english_scales_and_matrix():
    survey = parse_survey(FIX / "surveymonkey_en.csv")
    assert answers_of(survey, "Q1").set_index("respondent_id")["value_num"].tolist() == [5.0, 4.0, 2.0, 3.0, 5.0]
    assert question(survey, "Q3_1")["scale_max"] == 7.0 and question(survey, "Q3_2")["scale_max"] == 7.0
    assert answer(survey, "114000000004", "Q3_2")["value_num"] == 3.0  # "Somewhat disagree" on 7 points
    legacy = parse_survey(FIX / "qualtrics_legacy_en.csv")
    assert answers_of(legacy, "Q4_2")["value_num"].tolist() == [5.0, 4.0, 2.0, 3.0, 4.0]  # importance


def test_likert_numbers_labelled_in_question_text():
    survey = parse_survey(FIX / "qualtrics_en.tsv")
    q = question(survey, "Q3")
    assert (q["kind"], q["scale_max"]) == ("likert", 7.0)
    assert q["options"].startswith("Very difficult | Difficult | Somewhat difficult")
    assert answer(survey, "R_en0003", "Q3")["value_num"] == 2.0


@pytest.mark.parametrize(
    "values, expected, points",
    [
        (["1 - Helemaal mee oneens", "3", "5 - Helemaal mee eens"], [1, 3, 5], 5),
        (["Zeer ontevreden", "zeer  TEVREDEN ", "Neutraal/geen mening"], [1, 5, 3], 5),
        (["Nooit", "Soms", "Altijd", "Weet ik niet"], [1, 3, 5, None], 5),
        (["Strongly agree", "Somewhat agree", "Agree", "Strongly disagree"], [7, 5, 6, 1], 7),
        (["Very likely", "Unlikely", "Neither likely nor unlikely"], [5, 2, 3], 5),
        (["Zeer belangrijk", "Niet belangrijk", "Belangrijk"], [5, 2, 4], 5),
        (["Zeker niet", "Misschien", "Zeker wel"], [1, 3, 5], 5),
    ],
)
def test_likert_label_variants(tmp_path, values, expected, points):
    f = tmp_path / "s.csv"
    f.write_text("id;vraag\n" + "".join(f"r{i};{v}\n" for i, v in enumerate(values)), encoding="utf-8")
    survey = parse_survey(f)
    got = [None if math.isnan(x) else x for x in answers_of(survey, "vraag")["value_num"]]
    assert got == expected
    assert question(survey, "vraag")["scale_max"] == points


def test_likert_catalog_normalisation():
    assert norm_label(" Noch tevreden ,noch ontevreden. ") == "noch tevreden, noch ontevreden"
    cat = load_likert()
    assert {e.key for e in cat.index["neither agree nor disagree"]} == {("agreement", 5), ("agreement", 7)}


def test_nps_dutch_and_english():
    nl = parse_survey(FIX / "qualtrics_nl.csv")
    q = question(nl, "Q3")
    assert (q["kind"], q["metric"], q["scale_min"], q["scale_max"]) == ("nps", "nps", 0.0, 10.0)
    assert answers_of(nl, "Q3")["value_num"].tolist() == [9.0, 10.0, 6.0, 3.0, 8.0]
    en = parse_survey(FIX / "qualtrics_legacy_en.csv")
    got = answers_of(en, "Q2")[["value_text", "value_num"]].values.tolist()
    assert got == [["10 - Extremely likely", 10.0], ["9", 9.0], ["7", 7.0], ["0 - Not at all likely", 0.0],
                   ["3", 3.0]]
    assert question(parse_survey(FIX / "googleforms_en.csv"), "Q4")["kind"] == "nps"


def test_ces_detected():
    nl = parse_survey(FIX / "qualtrics_nl.csv")
    q = question(nl, "Q4")
    assert (q["kind"], q["metric"], q["scale_max"]) == ("likert", "ces", 7.0)
    assert answer(nl, "R_1a2B3c4D5e6F7g8", "Q4")["value_num"] == 6.0  # "Mee eens" on 7 points
    assert question(parse_survey(FIX / "qualtrics_legacy_en.csv"), "Q1")["metric"] == "ces"


def test_numeric_and_date():
    survey = parse_survey(FIX / "qualtrics_nl.csv")
    assert question(survey, "Q7")["kind"] == "numeric"
    assert answers_of(survey, "Q7")["value_num"].tolist() == [45.9, 12.5, 120.0, 79.95, 33.0]
    a = answer(survey, "R_1a2B3c4D5e6F7g8", "Q8")
    assert (a["kind"], a["value_text"], a["value_num"]) == ("date", "2026-03-04", 1772582400.0)


def test_dates_with_times_and_dutch_day_first(tmp_path):
    f = tmp_path / "s.csv"
    f.write_text("id,wanneer,tijd\nr1,13-03-2026,2026-03-01 10:22:13\nr2,01-04-2026,2026-03-02 08:00:00\n",
                 encoding="utf-8")
    survey = parse_survey(f)
    assert answers_of(survey, "wanneer")["value_text"].tolist() == ["2026-03-13", "2026-04-01"]
    a = answer(survey, "r1", "tijd")
    assert (a["value_text"], a["value_num"]) == ("2026-03-01T10:22:13", 1772360533.0)


def test_choice_and_open_answers_kept_verbatim():
    survey = parse_survey(FIX / "qualtrics_nl.csv")
    q1 = question(survey, "Q1")
    assert (q1["kind"], q1["options"]) == ("choice", "Google | Instagram | Via vrienden")
    assert question(survey, "Q6_TEXT")["kind"] == "open"
    assert answer(survey, "R_2b3C4d5E6f7G8h9", "Q6_TEXT")["value_text"] == (
        'Prima service!\nAlleen was de doos "veel te groot".')


def test_multi_select_split_only_into_known_options():
    nl = parse_survey(FIX / "googleforms_nl.csv")
    assert question(nl, "Q2")["kind"] == "multi_choice"
    assert answers_of(nl, "Q2").query("respondent_id == 'R0003'")["value_text"].tolist() == [
        "Instagram", "Nieuwsbrief", "Website"]
    q3 = question(nl, "Q3")  # "Ja, zeker" is one option, not "Ja" + "zeker"
    assert (q3["kind"], q3["options"]) == ("choice", "Ja, zeker | Misschien | Nee")
    assert question(nl, "Q4")["kind"] == "open"
    assert answer(nl, "R0001", "Q4")["value_text"] == "Snel geleverd, goed verpakt."
    en = parse_survey(FIX / "googleforms_en.csv")
    assert answers_of(en, "Q2").query("respondent_id == 'R0004'")["value_text"].tolist() == [
        "Search", "Returns, exchanges"]
    assert answer(en, "R0001", "Q3")["value_text"] == "Faster delivery, cheaper shipping"
    qualtrics = parse_survey(FIX / "qualtrics_nl.csv")
    assert answers_of(qualtrics, "Q5").query("respondent_id == 'R_4d5E6f7G8h9I0j1'")["value_text"].tolist() == [
        "Nieuwsbrief", "Telefoon"]


# --- overrides ----------------------------------------------------------------------------------


def test_question_overrides():
    survey = parse_survey(FIX / "qualtrics_nl.csv", questions={
        "Q1": {"role": "attribute"},
        "Q6_TEXT": {"role": "ignore"},
        "Q2": {"phase": "purchase", "metric": "csat"},
        "Q7": {"kind": "open"},
        "Q3": {"phase": "use_evaluation"},
    })
    qids = set(survey.questions["question_id"])
    assert "Q1" not in qids and "Q1" not in set(survey.answers["question_id"])
    assert survey.respondents["Q1"].tolist()[:2] == ["Google", "Instagram"]
    assert "Q6_TEXT" not in qids and "Q6_TEXT" not in survey.respondents.columns
    assert question(survey, "Q2_3")["phase"] == "purchase" and question(survey, "Q2_3")["metric"] == "csat"
    assert question(survey, "Q7")["kind"] == "open"
    assert answers_of(survey, "Q7")["value_num"].isna().all()
    q3 = question(survey, "Q3")
    assert (q3["phase"], q3["metric"]) == ("use_evaluation", "nps")


def test_kind_override_and_id_role():
    survey = parse_survey(FIX / "limesurvey_codes_en.csv", questions={"Q5": {"kind": "nps", "metric": "nps"}})
    q5 = question(survey, "Q5")
    assert (q5["kind"], q5["metric"], q5["scale_max"]) == ("nps", "nps", 10.0)
    survey = parse_survey(FIX / "plain_nl_excel.csv", questions={"Leeftijd": {"role": "id"}})
    assert survey.respondents["respondent_id"].tolist()[0] == "34"
    assert survey.respondents["Respondentnummer"].iloc[0] == "1001"  # the former id: an attribute now


def test_respondent_id_override():
    survey = parse_survey(FIX / "googleforms_nl.csv", respondent_id="Tijdstempel")
    assert survey.respondents["respondent_id"].iloc[0] == "1-3-2026 10:22:13"
    with pytest.raises(SurveyError) as err:
        parse_survey(FIX / "plain_en.csv", respondent_id="klantnummer")
    assert err.value.key == "survey.respondent_id"
    assert "respondent_id, age, segment, satisfaction, comment" in err.value.hint


def test_unknown_question_key_lists_close_matches():
    with pytest.raises(SurveyError) as err:
        parse_survey(FIX / "qualtrics_nl.csv", questions={"Q2_4": {"role": "ignore"}})
    assert "Q2_4" in str(err.value) and err.value.key == "survey.questions.Q2_4"
    assert "Did you mean" in err.value.hint and "Q2_1" in err.value.hint
    with pytest.raises(SurveyError, match="unknown role = 'drop'"):
        parse_survey(FIX / "qualtrics_nl.csv", questions={"Q1": {"role": "drop"}})


# --- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, error, row, text",
    [
        ("ragged.csv", SurveyError, 4, "5 fields but the header has 4"),
        ("ragged_multiline.csv", SurveyError, 4, "4 fields but the header has 3"),
        ("duplicate_ids.csv", DuplicateIdError, 5, "'r2' occurs twice: rows 3 and 5"),
        ("header_only.csv", EmptyFileError, 3, "no responses"),
        ("empty.csv", EmptyFileError, None, "empty"),
        ("corrupt.xlsx", FormatError, None, "corrupt"),
        ("junk.csv", DecodeError, None, "cannot decode"),
        ("not_a_survey.pdf", FormatError, None, "PDF"),
        ("transcript.txt", FormatError, None, "transcript"),
    ],
)
def test_errors_name_file_row_and_hint(name, error, row, text):
    with pytest.raises(error) as err:
        parse_survey(FIX / name)
    exc = err.value
    assert isinstance(exc, WorkbenchError)
    assert text in exc.message
    assert exc.path == str(FIX / name)
    assert exc.row == row
    assert exc.hint


def test_missing_file_and_not_a_table(tmp_path):
    with pytest.raises(SurveyError, match="cannot read the file"):
        parse_survey(tmp_path / "nope.csv")
    f = tmp_path / "notes.csv"
    f.write_text("Boodschappen\nmelk\nbrood\n", encoding="utf-8")
    with pytest.raises(FormatError, match="not look like a survey"):
        parse_survey(f)


def test_empty_respondent_id_names_row(tmp_path):
    f = tmp_path / "s.csv"
    f.write_text("id,q\nr1,Ja\n,Nee\n", encoding="utf-8")
    with pytest.raises(SurveyError, match="respondent id") as err:
        parse_survey(f)
    assert err.value.row == 3


def _write_rows(path: Path, rows: list[list]) -> Path:
    if path.suffix == ".xlsx":
        pd.DataFrame(rows[1:], columns=rows[0]).to_excel(path, index=False)
    else:
        pd.DataFrame(rows[1:], columns=rows[0]).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_typeform_token_is_the_id_and_its_metadata_no_question(tmp_path, lang):
    # Typeform's CSV: "#" holds a response token; dates, network id and tags are metadata
    q = {"nl": ("Hoe tevreden ben je over de levering?", "Wat kunnen we beter doen?"),
         "en": ("How satisfied are you with the delivery?", "What could we do better?")}[lang]
    rows = [["#", q[0], q[1], "Start Date (UTC)", "Submit Date (UTC)", "Network ID", "Tags"]]
    for k in range(12):
        said = {"nl": ["Sneller leveren.", "De bezorger belde niet aan, dat kan beter.", "Niks, prima zo.",
                       "Betere updates over waar mijn pakket is."],
                "en": ["Faster delivery please.", "The driver never rang the bell.", "Nothing, all good.",
                       "Better updates on where my parcel is."]}[lang]
        rows.append([f"a{k:07x}f3", k % 5 + 1, said[k % 4] if k % 3 else "",
                     "2026-11-02 09:00:00", "2026-11-02 09:04:00", f"{k * 7919:08x}", ""])
    survey = parse_survey(_write_rows(tmp_path / "responses.csv", rows))
    assert survey.format == "typeform"
    assert list(survey.questions["question_text"]) == list(q)
    assert survey.respondents["respondent_id"].iloc[0] == "a0000000f3"
    assert question(survey, "Q1")["kind"] == "likert" and question(survey, "Q1")["scale_max"] == 5
    assert question(survey, "Q2")["kind"] == "open"


@pytest.mark.parametrize("header", [
    ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"],
    ["Id", "Begintijd", "Tijd van voltooien", "E-mail", "Naam"],
])
def test_microsoft_forms_times_email_and_name_are_metadata(tmp_path, header):
    rows = [header + ["Hoe tevreden ben je over het inschrijven?", "Hoe waarschijnlijk is het dat je ons aanbeveelt?",
                      "Points - Hoe waarschijnlijk is het dat je ons aanbeveelt?", "Wat zou je verbeteren?"]]
    for k in range(10):
        rows.append([k + 1, "11/1/26 10:00:00", "11/1/26 10:05:00", "anonymous", ""][: len(header)]
                    + ([""] if len(header) == 6 else []) + [["Tevreden", "Neutraal", "Ontevreden"][k % 3], k, "",
                                                           "Meer lessen in de avond." if k % 2 else ""])
    survey = parse_survey(_write_rows(tmp_path / "Ledenonderzoek(1-10).xlsx", rows))
    assert survey.format == "msforms"
    kinds = dict(zip(survey.questions["question_text"], survey.questions["kind"], strict=True))
    assert kinds == {"Hoe tevreden ben je over het inschrijven?": "likert",
                     "Hoe waarschijnlijk is het dat je ons aanbeveelt?": "nps", "Wat zou je verbeteren?": "open"}
    assert list(survey.respondents["respondent_id"].astype(str))[:2] == ["1", "2"]


def test_rating_question_answered_with_numbers_is_a_scale_but_a_grade_is_a_number(tmp_path):
    rows = [["id", "How would you rate the onboarding?", "Welk cijfer geef je ons?"]]
    rows += [[f"r{k}", k % 5 + 1, k % 10 + 1] for k in range(20)]
    survey = parse_survey(_write_rows(tmp_path / "plain.csv", rows))
    assert question(survey, "How would you rate the onboarding?")["kind"] == "likert"
    assert question(survey, "Welk cijfer geef je ons?")["kind"] == "numeric"


def test_two_digit_year_dates_are_dates(tmp_path):
    f = tmp_path / "s.csv"
    f.write_text("id,Ingevuld op,Vraag\n1,11/1/26 10:00:00,Ja\n2,11/13/26 9:05:10,Nee\n3,12/1/26 10:00:00,Ja\n",
                 encoding="utf-8")
    survey = parse_survey(f)
    assert question(survey, "Ingevuld op")["kind"] == "date"
    assert answer(survey, "2", "Ingevuld op")["value_text"] == "2026-11-13T09:05:10"


def test_a_column_of_codes_is_an_identifier_not_a_question(tmp_path):
    f = tmp_path / "s.csv"
    rows = ["id,Network ID,Bestelnummer,Leeftijd,Wat vind je ervan?"]
    rows += [f"{k},{k * 7919:08x}x,ORD-{k:05d},3{k},De inlog is traag maar verder prima." for k in range(1, 8)]
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    survey = parse_survey(f)
    assert set(survey.questions["question_id"]) == {"Leeftijd", "Wat vind je ervan?"}
    assert {"Network ID", "Bestelnummer"} <= set(survey.respondents.columns)
    assert sum("all different codes" in w for w in survey.warnings) == 2
    kept = parse_survey(f, questions={"Bestelnummer": {"kind": "open"}})
    assert "Bestelnummer" in set(kept.questions["question_id"])


@pytest.mark.parametrize("suffix", [".sav", ".zsav"])
def test_spss_file_with_variable_and_value_labels(tmp_path, suffix):
    # as Qualtrics and SurveyMonkey write SPSS: codes with value labels, question texts as variable labels
    pyreadstat = pytest.importorskip("pyreadstat")
    n = 12
    frame = pd.DataFrame({
        "ResponseId": [f"R_{k:03d}x" for k in range(n)],
        "StartDate": pd.to_datetime(["2026-11-02 09:00"] * n),
        "Q1": [float(k % 5 + 1) for k in range(n)],
        "Q2": [float(k % 11) for k in range(n)],
        "Q3_1": [1.0 if k % 2 else 0.0 for k in range(n)], "Q3_2": [1.0 if k % 3 else 0.0 for k in range(n)],
        "Q4": ["", "De app crasht bij het betalen.", "Te duur voor wat je krijgt.", "Opzeggen moet online kunnen.",
               "", "De kleedkamers zijn vies en de douches koud.", "Meer lessen in de avond graag.",
               "Vriendelijk personeel aan de balie.", "", "Lessen zijn altijd binnen een minuut vol.",
               "De wifi werkt nooit.", "Prima zo, niks te verbeteren."],
    })
    labels = {"ResponseId": "Response ID", "StartDate": "Start Date", "Q1": "Hoe tevreden ben je over het inschrijven?",
              "Q2": "Hoe waarschijnlijk is het dat je FitPlaza aanbeveelt aan vrienden of familie?",
              "Q3_1": "Welke faciliteiten gebruik je? - Sauna", "Q3_2": "Welke faciliteiten gebruik je? - Fitness",
              "Q4": "Wat zou je verbeteren?"}
    values = {"Q1": {1.0: "Zeer ontevreden", 2.0: "Ontevreden", 3.0: "Neutraal", 4.0: "Tevreden", 5.0: "Zeer tevreden"},
              "Q2": {0.0: "Zeer onwaarschijnlijk", 10.0: "Zeer waarschijnlijk"},
              "Q3_1": {0.0: "Niet gekozen", 1.0: "Sauna"}, "Q3_2": {0.0: "Niet gekozen", 1.0: "Fitness"}}
    path = tmp_path / f"export{suffix}"
    pyreadstat.write_sav(frame, str(path), column_labels=[labels[c] for c in frame.columns],
                         variable_value_labels=values, compress=suffix == ".zsav")
    survey = parse_survey(path)
    assert survey.format == "spss" and survey.file_type == "sav"
    assert survey.respondents["respondent_id"].tolist()[:2] == ["R_000x", "R_001x"]
    assert "StartDate" in survey.respondents.columns
    q = survey.questions.set_index("question_id")
    assert q.loc["Q1", "question_text"] == "Hoe tevreden ben je over het inschrijven?"
    assert q.loc["Q1", "kind"] == "likert" and q.loc["Q1", "scale_max"] == 5
    assert answer(survey, "R_003x", "Q1")["value_num"] == 4.0  # "Tevreden", from the value label
    assert q.loc["Q2", "kind"] == "nps"  # labelled only at its ends: the numbers stay
    assert answer(survey, "R_003x", "Q2")["value_num"] == 3.0
    assert q.loc["Q4", "kind"] == "open"
    assert answer(survey, "R_001x", "Q4")["value_text"] == "De app crasht bij het betalen."


def test_limesurvey_spss_timings_are_metadata(tmp_path):
    # LimeSurvey's SPSS export with timings on: interviewtime, groupTime<gid>, <question>Time
    pyreadstat = pytest.importorskip("pyreadstat")
    n = 8
    frame = pd.DataFrame({"id": [float(k + 1) for k in range(n)], "interviewtime": [300.5 + k for k in range(n)],
                          "groupTime12": [120.0 + k for k in range(n)], "Q1Time": [30.0 + k for k in range(n)],
                          "Q1": [float(k % 5 + 1) for k in range(n)]})
    labels = ["Response ID", "Total time", "Group time: Algemeen", "Question time: Q1",
              "How satisfied are you with the delivery?"]
    path = tmp_path / "survey_123.sav"
    pyreadstat.write_sav(frame, str(path), column_labels=labels,
                         variable_value_labels={"Q1": {1.0: "Very dissatisfied", 2.0: "Dissatisfied", 3.0: "Neutral",
                                                       4.0: "Satisfied", 5.0: "Very satisfied"}})
    survey = parse_survey(path)
    assert set(survey.questions["question_id"]) == {"Q1"}
    for meta in ("interviewtime", "groupTime12", "Q1Time"):
        assert meta in survey.respondents.columns


def test_damaged_spss_file_is_refused_with_a_hint(tmp_path):
    path = tmp_path / "export.sav"
    path.write_bytes(b"$FL2" + b"\x00" * 40)
    with pytest.raises(FormatError, match="SPSS file cannot be read") as err:
        parse_survey(path)
    assert "Save As" in err.value.hint
