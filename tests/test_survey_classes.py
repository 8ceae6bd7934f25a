"""Each class of survey-export misread from issues 15, 18 and 21, tested as a class.

SurveyMonkey with and without id columns, LimeSurvey in several heading styles and languages,
Qualtrics Loop & Merge, Likert scale families and declared scales, NPS wordings, workbooks with a
notes sheet or a too-wide used range, trailing delimiters, unclosed quotes, mixed encodings.
"""

from __future__ import annotations

import csv
import io
import math
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

import workbench
from workbench.errors import StudyConfigError, SurveyError
from workbench.io.surveys import parse_survey

FIX = Path(__file__).parent / "fixtures"


def write_csv(path: Path, rows, delimiter=",", encoding="utf-8") -> Path:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def kinds(survey) -> dict[str, str]:
    return dict(zip(survey.questions["question_id"], survey.questions["kind"].astype(str), strict=True))


@pytest.mark.parametrize("id_col", ["RespondentID", "Respondent ID", None])
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_surveymonkey_with_or_without_id_columns(tmp_path, id_col, lang):
    sub = {"en": ("Response", "Open-Ended Response"), "nl": ("Antwoord", "Open antwoord")}[lang]
    head = ([id_col] if id_col else []) + ["Hoe vond u ons?", "Welke functies?", "", "Opmerking"]
    second = ([""] if id_col else []) + [sub[0], "Planner", "Rapporten", sub[1]]
    rows = [["Google", "Planner", "", "Prima."], ["Instagram", "Planner", "Rapporten", ""],
            ["Google", "", "Rapporten", "Te traag, vooral op mijn telefoon."]]
    data = [([f"{900 + i}"] if id_col else []) + r for i, r in enumerate(rows)]
    s = parse_survey(write_csv(tmp_path / "sm.csv", [head, second] + data))
    assert s.format == "surveymonkey"
    assert s.respondents["respondent_id"].tolist() == (["900", "901", "902"] if id_col else
                                                        ["R0001", "R0002", "R0003"])
    assert kinds(s) == {"Q1": "choice", "Q2": "multi_choice", "Q3": "open"}


@pytest.mark.parametrize(
    "heads",
    [
        ["Response ID", "Date submitted", "Last page", "Start language"],
        ["Antwoord ID", "Datum verstuurd", "Laatste pagina", "Starttaal"],
        ["Antwort ID", "Datum Abgeschickt", "Letzte Seite", "Start-Sprache"],
        ["id. Response ID", "submitdate. Date submitted", "lastpage. Last page", "startlanguage. Start language"],
    ],
)
def test_limesurvey_full_text_and_translated_headings(tmp_path, heads):
    rows = [heads + ["How often do you shop online?", "How important is [Price]", "How important is [Speed]",
                     "Comments"]]
    rows += [[str(10 + i), "2026-03-01 10:00:00", "3", "en", f, a, b, c]
             for i, (f, a, b, c) in enumerate([("Often", "Very important", "Not too important", "Fine."),
                                               ("Rarely", "Somewhat important", "Very important", ""),
                                               ("Never", "Not at all important", "Somewhat important", "Slow.")])]
    s = parse_survey(write_csv(tmp_path / "ls.csv", rows))
    assert s.format == "limesurvey"
    assert s.respondents["respondent_id"].tolist() == ["10", "11", "12"]
    assert {"submitdate", "lastpage", "startlanguage"} <= set(s.respondents.columns)
    assert list(kinds(s).values()) == ["likert", "likert", "likert", "open"]
    fam = s.questions[s.questions["question_text"].str.contains("Price")]
    assert fam["options"].iloc[0].startswith("Not at all important")


def test_limesurvey_resaved_by_excel_with_two_header_rows():
    s = parse_survey(FIX / "loadstudy" / "survey" / "limesurvey_excel.csv")
    assert (s.format, s.delimiter, s.encoding) == ("limesurvey", ";", "cp1252")
    assert s.respondents["respondent_id"].tolist() == ["12", "13", "14", "15"]
    q = s.questions.set_index("question_id")
    assert q.loc["Q1", "question_text"] == "Hoe vaak bestelt u online?"
    assert "één dag te laat" in s.answers["value_text"].str.cat()


def test_qualtrics_loop_and_merge_columns_are_questions():
    s = parse_survey(FIX / "loadstudy" / "survey" / "qualtrics_loop_merge.csv")
    assert kinds(s) == {"Q1": "choice", "1_Q19": "likert", "2_Q19": "likert", "1_QID47_TEXT": "open",
                        "2_QID47_TEXT": "open", "Q30": "nps"}
    assert list(s.respondents.columns[3:]) == ["StartDate", "EndDate", "Status"]


LIKERT = [
    (["Very favorable", "Mostly favorable", "Mostly unfavorable", "Very unfavorable"], [4, 3, 2, 1]),
    (["Very favorably", "Somewhat favorably", "Somewhat unfavorably", "Very unfavorably"], [4, 3, 2, 1]),
    (["Very favourable", "Neither favorable nor unfavorable", "Very unfavourable"], [5, 3, 1]),
    (["A lot", "Some", "Not much", "Not at all"], [4, 3, 2, 1]),
    (["A great deal", "Some", "Not at all"], [4, 3, 1]),
    (["Very important", "Somewhat important", "Not too important", "Not at all important"], [4, 3, 2, 1]),
    (["Often", "Sometimes", "Rarely", "Never"], [4, 3, 2, 1]),
    (["Excellent", "Good", "Only fair", "Poor"], [4, 3, 2, 1]),
    (["Zeer positief", "Enigszins positief", "Enigszins negatief", "Zeer negatief"], [4, 3, 2, 1]),
    (["Veel", "Enigszins", "Weinig", "Helemaal niet"], [4, 3, 2, 1]),
    (["Zeer belangrijk", "Enigszins belangrijk", "Niet zo belangrijk", "Helemaal niet belangrijk"], [4, 3, 2, 1]),
    (["Vaak", "Soms", "Zelden", "Nooit"], [4, 3, 2, 1]),
    (["Uitstekend", "Goed", "Redelijk", "Slecht"], [4, 3, 2, 1]),
]


@pytest.mark.parametrize("labels, values", LIKERT)
def test_likert_scale_families(tmp_path, labels, values):
    rows = [["id", "vraag"]] + [[f"r{i}", lab] for i, lab in enumerate(labels * 2)]
    s = parse_survey(write_csv(tmp_path / "s.csv", rows))
    assert kinds(s) == {"vraag": "likert"}
    assert s.answers["value_num"].tolist() == [float(v) for v in values * 2]


@pytest.mark.parametrize(
    "question",
    [
        "Hoe waarschijnlijk is het dat je ons aanbeveelt aan vrienden of familie?",
        "Hoe waarschijnlijk is het dat u ons zou aanbevelen?",
        "Hoe groot is de kans dat u ons aanraadt aan een collega?",
        "Zou je ons aanraden aan anderen? (0-10)",
        "How likely are you to recommend us to a friend?",
        "On a scale from 0-10, would you recommend our app?",
    ],
)
def test_nps_questions_in_many_wordings(tmp_path, question):
    rows = [["Timestamp", question]] + [[f"2026/03/0{i + 1} 10:00", str(v)] for i, v in enumerate([9, 10, 3, 7, 0])]
    s = parse_survey(write_csv(tmp_path / "gf.csv", rows))
    assert kinds(s) == {"Q1": "nps"} and s.questions["metric"].iloc[0] == "nps"


def test_a_declared_scale_in_study_toml(tmp_path):
    folder = tmp_path / "st"
    (folder / "survey").mkdir(parents=True)
    write_csv(folder / "survey" / "s.csv", [["id", "Tempo", "Stemming"], ["1", "Snel", "Blij"],
                                            ["2", "Langzaam", "Boos"], ["3", "Gewoon", "Blij"],
                                            ["4", "Weet ik niet", "Blij"], ["5", "Supersnel", "Boos"]])
    (folder / "study.toml").write_text(
        'name = "t"\nlanguage = "nl"\n[survey]\npaths = ["survey/s.csv"]\n'
        '[survey.scales]\ntempo = ["Langzaam", "Gewoon", "Snel"]\n'
        '[survey.questions]\nTempo = { scale = "tempo", phase = "Aankoop" }\n'
        'Stemming = { scale = ["Boos", "Blij"] }\n', encoding="utf-8")
    study = workbench.load_study(folder)
    q = study.questions.set_index("question_id")
    assert (q.loc["Tempo", "kind"], q.loc["Tempo", "phase"], q.loc["Tempo", "options"]) == (
        "likert", "purchase", "Langzaam | Gewoon | Snel")
    a = study.answers[study.answers["question_id"] == "Tempo"]
    nums = [None if math.isnan(v) else v for v in a["value_num"]]
    assert nums == [3.0, 1.0, 2.0, None, None]
    # a Dutch study: the note in Dutch
    # and the answer that opts out, once: missing, not a point of the scale
    assert study.warnings == ["survey/s.csv: vraag Tempo: 1 antwoord(en) niet op de opgegeven schaal, bewaard als "
                              "tekst zonder getal: 'Supersnel'",
                              "survey/s.csv: Tempo: 1 antwoord(en) 'Weet ik niet' behandeld als niet van toepassing "
                              "(ontbrekend, geen score op de schaal)"]
    assert study.answers.loc[study.answers["question_id"] == "Stemming", "value_num"].tolist() == [2, 1, 2, 2, 1]


@pytest.mark.parametrize("value", ["Gebruik en evaluatie", "gebruik en evaluatie", "gebruik", "Use & evaluation",
                                   "use_evaluation", "use evaluation"])
def test_phases_by_id_or_name(tmp_path, value):
    from workbench.config import parse_config

    cfg = parse_config({"name": "t", "language": "nl",
                        "survey": {"questions": {"Q1": {"phase": value}}}})
    assert cfg.questions["Q1"]["phase"] == "use_evaluation"


def test_an_unknown_phase_lists_ids_and_names():
    from workbench.config import parse_config

    with pytest.raises(StudyConfigError) as err:
        parse_config({"name": "t", "language": "nl", "survey": {"questions": {"Q1": {"phase": "retour"}}}})
    assert "use_evaluation (Gebruik en evaluatie)" in err.value.hint and err.value.key == "survey.questions.Q1.phase"


def _workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


RESPONSES = [["id", "How did you find us?", "Satisfaction", "Comments"], ["a1", "Google", "Satisfied", "Quick"],
             ["a2", "Friend", "Dissatisfied", "Wet box"], ["a3", "Google", "Very satisfied", ""]]
NOTES = [["About this export"], ["Fielded", "March"], ["Panel", "own"]] + [["Remark", f"note {i}"] for i in range(12)]


@pytest.mark.parametrize("order", ["notes first", "responses first"])
def test_workbook_sheet_is_chosen_by_its_shape(tmp_path, order):
    sheets = {"Notes": NOTES, "Data": RESPONSES} if order == "notes first" else {"Data": RESPONSES, "Notes": NOTES}
    path = _workbook(tmp_path / "w.xlsx", sheets)
    s = parse_survey(path)
    assert s.sheet == "Data" and s.respondents["respondent_id"].tolist() == ["a1", "a2", "a3"]
    assert "read sheet 'Data'" in s.warnings[0] and "'Notes'" in s.warnings[0]
    chosen = parse_survey(path, sheet="Data")
    assert chosen.sheet == "Data" and not chosen.warnings
    with pytest.raises(SurveyError) as err:
        parse_survey(path, sheet="Antworten")
    assert "'Data'" in err.value.hint and err.value.key == "survey.sheet"


def test_sheet_in_study_toml(tmp_path):
    folder = tmp_path / "st"
    (folder / "survey").mkdir(parents=True)
    _workbook(folder / "survey" / "w.xlsx", {"Notes": NOTES, "Data": RESPONSES, "Data 2": RESPONSES[:1] + [
        ["b1", "Google", "Satisfied", "ok"]]})
    (folder / "study.toml").write_text('name = "t"\nlanguage = "en"\n[survey]\npaths = ["survey/w.xlsx"]\n'
                                       'sheet = "Data 2"\nrespondent_id = "id"\n', encoding="utf-8")
    study = workbench.load_study(folder)
    assert study.respondents["respondent_id"].tolist() == ["b1"] and not study.warnings
    assert study.load_report["layout"].tolist() == ["sheet 'Data 2'"]


def test_a_used_range_wider_than_the_data_and_trailing_delimiters(tmp_path):
    s = parse_survey(FIX / "surveys" / "wide_dimension.xlsx")
    assert s.respondents["respondent_id"].tolist() == ["1", "2"] and len(s.questions) == 2
    text = "id,Hoe tevreden bent u?,Opmerking,,\r\n1,Tevreden,Prima,,\r\n2,Ontevreden,Te laat,,,\r\n"
    (tmp_path / "t.csv").write_text(text, encoding="utf-8")
    s = parse_survey(tmp_path / "t.csv")
    assert s.respondents["respondent_id"].tolist() == ["1", "2"] and len(s.questions) == 2


@pytest.mark.parametrize("where", [4, 9])
def test_an_unclosed_quote_is_refused_with_its_row(tmp_path, where):
    lines = ["id,Waar kwam u vandaan?,Opmerking"] + [f"{i},Google,prima {i}" for i in range(1, 13)]
    lines[where] = f'{where},Google,"tot hier gaat het goed'
    (tmp_path / "q.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SurveyError) as err:
        parse_survey(tmp_path / "q.csv")
    assert err.value.row == where + 1 and "never closed" in str(err.value) + err.value.hint


def test_a_quote_that_closes_much_later_swallowing_rows_is_refused(tmp_path):
    lines = ["id,Kanaal,Opmerking"] + [f"{i},Google,prima {i}" for i in range(1, 13)]
    lines[3] = '3,Google,"begin van een lang antwoord'
    lines[8] = '8,Google,"eind"'
    (tmp_path / "q.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SurveyError) as err:
        parse_survey(tmp_path / "q.csv")
    assert err.value.row == 4


def test_csv_mixing_utf8_and_cp1252_lines(tmp_path):
    data = ("id;Opmerking\r\n1;Één ding: te duur\r\n".encode() + "2;Reünie – prima\r\n".encode("cp1252")
            + "3;Ça va\r\n".encode())
    (tmp_path / "m.csv").write_bytes(data)
    s = parse_survey(tmp_path / "m.csv")
    assert s.answers["value_text"].tolist() == ["Één ding: te duur", "Reünie – prima", "Ça va"]
    assert s.encoding == "utf-8+cp1252" and s.warnings[0].startswith("line 3: not UTF-8")


REALTEXT = Path(__file__).parents[1].parent / "shared" / "data" / "realtext" / "en.csv"


@pytest.mark.skipif(not REALTEXT.exists(), reason="the shared real-text data is not here")
def test_workbench_tag_reads_real_text_with_c1_characters(tmp_path):
    """../shared/data/realtext/en.csv holds C1 characters from an old export (mojibake)."""
    import shutil

    src = tmp_path / "en.csv"
    shutil.copy(REALTEXT, src)
    out = tmp_path / "out.csv"
    res = subprocess.run([sys.executable, "-m", "workbench", "tag", str(src), "--text-column", "text", "--lang", "en",
                          "--out", str(out)], capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    assert "mojibake repaired" in res.stderr
    tagged = out.read_text(encoding="utf-8")
    assert "\x80" not in tagged and "\x99" not in tagged and "’" in tagged


def test_an_overlong_file_name_in_a_glob_is_a_clear_error(tmp_path):
    folder = tmp_path / "st"
    folder.mkdir()
    (folder / "study.toml").write_text(f'name = "t"\nlanguage = "nl"\n[transcripts]\npaths = ["{"x" * 300}.txt"]\n',
                                       encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "workbench", "info", str(folder)], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 2 and res.stderr.startswith("error: ") and "Traceback" not in res.stderr
