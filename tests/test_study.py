"""The study model: both demo studies load with their expected counts; bad studies fail clearly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import workbench
from workbench import schema
from workbench.cli import main
from workbench.errors import DuplicateIdError, StudyConfigError, WorkbenchError
from workbench.study import load_study, read_funnel

ROOT = Path(__file__).resolve().parents[1]
NL = ROOT / "surveys" / "webshop-nl"
EN = ROOT / "surveys" / "saas-onboarding-en"
FIX = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def nl():
    return load_study(NL)


@pytest.fixture(scope="module")
def en():
    return load_study(EN)


def test_dutch_demo_counts(nl):
    assert nl.language == "nl" and nl.phase_model.id == "klassiek-5"
    assert nl.participants == [f"P{i:02d}" for i in range(1, 13)]
    assert len(nl.respondents) == 340
    assert set(nl.sources["format"]) == {"vtt", "txt", "docx", "qualtrics/csv", "csv"}
    assert (nl.sources["kind"] == "transcript").sum() == 12
    # every interview has both roles, and the interviewer never dominates
    roles = nl.segments.groupby(["participant_id", "role"], observed=True).size().unstack()
    assert (roles > 5).all().all()
    # planted truth covers exactly the respondents
    truth = pd.read_csv(NL / "survey" / "planted_types.csv", dtype=str)
    assert set(truth["respondent_id"]) == set(nl.respondents["respondent_id"])
    assert truth["type"].nunique() == 4
    # 12 interviewees linked to their survey answers
    linked = nl.respondents.dropna(subset=["participant_id"])
    assert sorted(linked["participant_id"]) == nl.participants
    assert len(nl.funnel) == 14 and set(nl.funnel["phase"]) == set(nl.phase_model.ids)


def test_dutch_demo_question_typing(nl):
    q = nl.questions.set_index("question_id")
    assert q.loc["Q6", "kind"] == "nps" and q.loc["Q6", "metric"] == "nps"
    assert q.loc["Q7", "metric"] == "ces" and q.loc["Q7", "scale_max"] == 7
    assert q.loc["Q5_4", "phase"] == "purchase" and q.loc["Q5_4", "metric"] == "csat"
    assert q.loc["Q8", "kind"] == "multi_choice"
    assert (q.loc[[f"Q10_{i}" for i in range(1, 6)], "kind"] == "open").all()
    assert all(q.loc[f"Q9_{i}", "kind"] == "likert" for i in range(1, 9))
    a = nl.answers
    nps = a[a["question_id"] == "Q6"]["value_num"]
    assert nps.between(0, 10).all() and len(nps) > 300
    lik = a[(a["question_id"] == "Q5_1")]
    assert set(lik["value_num"]) <= {1, 2, 3, 4, 5}
    assert (lik[lik["value_text"] == "Zeer tevreden"]["value_num"] == 5).all()


def test_english_demo_counts(en):
    assert en.language == "en" and en.phase_model.id == "retentie-5"
    assert en.participants == [f"I0{i}" for i in range(1, 7)]
    assert len(en.respondents) == 160
    assert set(en.sources["format"]) == {"vtt", "txt", "srt", "md", "surveymonkey/xlsx"}
    linked = en.respondents.dropna(subset=["participant_id"]).set_index("participant_id")["respondent_id"]
    assert linked.to_dict() == {"I01": "114903529582", "I03": "114903581238", "I05": "114903604383"}
    q = en.questions.set_index("question_id")
    assert (q.loc[["Q1", "Q2", "Q3"], "kind"] == "choice").all() and q.loc["Q4", "kind"] == "numeric"
    assert q.loc["Q6", "kind"] == "nps" and q.loc["Q8", "kind"] == "multi_choice"
    # SurveyMonkey metadata became respondent attributes, not questions
    assert {"Collector ID", "Start Date"} <= set(en.respondents.columns)


@pytest.mark.parametrize("name", ["nl", "en"])
def test_frames_follow_the_schemas(name, request):
    study = request.getfixturevalue(name)
    schema.check(study.segments, schema.SEGMENTS)
    schema.check(study.sources, schema.SOURCES)
    schema.check(study.respondents, schema.RESPONDENTS, extra=True)
    schema.check(study.questions, schema.QUESTIONS)
    schema.check(study.answers, schema.ANSWERS)
    docs = study.documents()
    schema.check(docs, schema.DOCUMENTS)
    assert docs["doc_id"].is_unique
    assert study.segments["segment_id"].is_unique
    assert study.respondents["respondent_id"].is_unique


@pytest.mark.parametrize("name", ["nl", "en"])
def test_every_segment_is_verbatim_in_its_source(name, request):
    study = request.getfixturevalue(name)
    texts = study.sources.dropna(subset=["text"]).set_index("source")["text"]
    for seg in study.segments.itertuples():
        assert texts[seg.source][seg.char_start:seg.char_end] == seg.text


def test_documents_carry_context(nl):
    docs = nl.documents()
    answers = docs[docs["kind"] == "answer"]
    assert (answers["doc_id"] == answers["respondent_id"] + "@" + answers["question_id"]).all()
    assert (answers["context"].str.len() > 10).all()
    turns = docs[(docs["kind"] == "segment") & (docs["role"] == "participant")]
    # a participant turn's context is the interviewer's preceding turn in the same interview
    seg = nl.segments.set_index("segment_id")
    first = turns.iloc[3]
    prev = nl.segments[(nl.segments["source"] == first["source"]) & (nl.segments["role"] == "interviewer")
                       & (nl.segments["turn"] < seg.loc[first["doc_id"], "turn"])]
    assert first["context"] == prev.iloc[-1]["text"]
    assert docs[(docs["role"] == "interviewer")]["context"].isna().all()


def test_public_api_reexports():
    for name in ["load_study", "read_transcript", "read_survey", "WorkbenchError", "Study"]:
        assert hasattr(workbench, name)
    segs = workbench.read_transcript(NL / "interviews" / "P02.txt")
    schema.check(segs, schema.SEGMENTS)
    respondents, answers = workbench.read_survey(NL / "survey" / "qualtrics_export.csv")
    assert len(respondents) == 340 and len(answers) > 5000


def test_info_tables(nl):
    info = nl.info()
    overall = info["overall"].set_index("figure")["value"]
    assert overall["transcripts"] == "12" and overall["respondents"] == "340"
    assert info["sources"]["turns"].sum() == len(nl.segments)
    assert info["participants"]["respondent_id"].notna().sum() == 12


# -- bad studies ------------------------------------------------------------------------------------

def make_study(tmp_path, toml: str, files: dict[str, str | bytes]) -> Path:
    folder = tmp_path / "s"
    folder.mkdir(parents=True)
    (folder / "study.toml").write_text(toml, encoding="utf-8")
    for name, content in files.items():
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


BASE = 'name = "t"\nlanguage = "nl"\n'
TXT = "Interviewer: Hoe ging het bestellen?\nAnouk: Prima, maar de bezorging was laat.\n"


def test_globs_that_match_nothing_are_reported(tmp_path):
    folder = make_study(tmp_path, BASE + '[transcripts]\npaths = ["interviews/*.vtt"]\n', {})
    with pytest.raises(StudyConfigError, match="no transcripts and no survey files.*match no file"):
        load_study(folder)
    # interviews but no survey yet: loads, with a warning
    folder = make_study(tmp_path / "b", BASE + '[transcripts]\npaths = ["i/*.txt"]\n[survey]\npaths = ["s/*.csv"]\n',
                        {"i/P01.txt": TXT})
    study = load_study(folder)
    assert len(study.segments) == 2 and study.warnings == ["survey.paths: s/*.csv match no file yet"]
    # a literal path that does not exist is an error
    folder = make_study(tmp_path / "c", BASE + '[survey]\npaths = ["s/export.csv"]\n', {})
    with pytest.raises(StudyConfigError, match="does not exist") as err:
        load_study(folder)
    assert err.value.key == "survey.paths"


def test_duplicate_transcript_names_are_refused(tmp_path):
    folder = make_study(tmp_path, BASE + '[transcripts]\npaths = ["a/*.txt", "b/*.txt"]\n',
                        {"a/P01.txt": TXT, "b/P01.txt": TXT})
    with pytest.raises(DuplicateIdError, match="rename"):
        load_study(folder)


def test_duplicate_respondents_across_files_are_refused(tmp_path):
    csv = "id,Q1\nr1,Ja\nr2,Nee\n"
    folder = make_study(tmp_path, BASE + '[survey]\npaths = ["survey/*.csv"]\n',
                        {"survey/a.csv": csv, "survey/b.csv": csv})
    with pytest.raises(DuplicateIdError, match="r1"):
        load_study(folder)


def test_loading_is_all_or_nothing(tmp_path):
    """One bad file among good ones fails the whole load and names the bad file."""
    folder = make_study(tmp_path, BASE + '[transcripts]\npaths = ["interviews/*"]\n',
                        {"interviews/P01.txt": TXT, "interviews/P02.vtt": "WEBVTT\n\n00:01.000 --> xx\nhoi\n"})
    with pytest.raises(WorkbenchError) as err:
        load_study(folder)
    assert "P02.vtt" in str(err.value)


def test_link_errors_name_the_key(tmp_path):
    csv = "id,Q1\nr1,Ja\n"
    folder = make_study(tmp_path, BASE + '[survey]\npaths = ["s.csv"]\n[link]\ncolumn = "pid"\n', {"s.csv": csv})
    with pytest.raises(StudyConfigError) as err:
        load_study(folder)
    assert err.value.key == "link.column"
    folder2 = make_study(tmp_path / "x", BASE + '[survey]\npaths = ["s.csv"]\n[link]\nmap = { P01 = "r9" }\n',
                         {"s.csv": csv})
    with pytest.raises(StudyConfigError) as err:
        load_study(folder2)
    assert err.value.key == "link.map.P01"


def test_funnel_errors_name_the_row(tmp_path):
    from workbench.phases import load_phase_model

    bad = tmp_path / "funnel.csv"
    bad.write_text("phase,step,count\nawareness,visits,100\nbuying,orders,10\n", encoding="utf-8")
    with pytest.raises(WorkbenchError) as err:
        read_funnel(bad, load_phase_model("klassiek-5"))
    assert err.value.row == 3 and "purchase" in str(err.value)
    bad.write_text("phase;step;count\nawareness;visits;veel\n", encoding="utf-8")
    with pytest.raises(WorkbenchError, match="non-negative number") as err:
        read_funnel(bad)
    assert err.value.row == 2
    good = tmp_path / "f2.csv"
    good.write_text("phase;step;count;kind\nawareness;visits;1.200;\npurchase;orders;12;macro\n", encoding="cp1252")
    f = read_funnel(good)
    assert f["count"].tolist() == [1200, 12] and f["kind"].tolist() == ["funnel", "macro"]


# -- CLI --------------------------------------------------------------------------------------------

def test_cli_info_prints_counts(capsys):
    assert main(["info", str(EN)]) == 0
    out = capsys.readouterr().out
    assert "respondents" in out and "160" in out and "I06" in out


def test_cli_errors_exit_2_without_traceback(tmp_path, capsys):
    folder = make_study(tmp_path, BASE + 'transcript = {}\n', {})
    assert main(["info", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "unknown key 'transcript'" in err and "Traceback" not in err


def test_cli_new_then_info(tmp_path, capsys):
    target = tmp_path / "mijnstudie"
    assert main(["new", str(target)]) == 0
    shutil.copy(NL / "interviews" / "P02.txt", target / "interviews" / "P02.txt")
    assert main(["info", str(target)]) == 0
    assert "P02" in capsys.readouterr().out


def test_text_kinds_from_study_toml(tmp_path):
    """documents/notes globs and per-file kinds win over the transcript globs that also match."""
    folder = tmp_path / "k"
    (folder / "interviews").mkdir(parents=True)
    talk = "Interviewer: Hoe ging het?\nAnouk: Goed.\n"
    for name in ("P01.txt", "P02.txt", "veld.txt"):
        (folder / "interviews" / name).write_text(talk if name == "P01.txt" else "Een tekst.\n\nNog een.\n",
                                                  encoding="utf-8")
    (folder / "study.toml").write_text(
        'name = "k"\nlanguage = "nl"\n[transcripts]\npaths = ["interviews/*.txt"]\n'
        'documents = ["interviews/P02.txt"]\nkinds = { "veld.txt" = "notes" }\n', encoding="utf-8")
    study = workbench.load_study(folder)
    kinds = dict(zip(study.sources["source"], study.sources["kind"].astype(str), strict=True))
    assert kinds == {"interviews/P01.txt": "transcript", "interviews/P02.txt": "document",
                     "interviews/veld.txt": "notes"}
    assert not study.warnings  # listed as documents: no "no speaker labels" warning
    (folder / "study.toml").write_text(
        'name = "k"\nlanguage = "nl"\n[transcripts]\npaths = ["interviews/*.txt"]\nkinds = { "weg.txt" = "notes" }\n',
        encoding="utf-8")
    with pytest.raises(StudyConfigError) as err:
        workbench.load_study(folder)
    assert err.value.key == "transcripts.kinds.weg.txt"
