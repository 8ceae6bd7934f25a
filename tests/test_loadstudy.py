"""The load-report study: our own fixture of every file shape the loaders once misread (issue 15).

``tests/fixtures/loadstudy`` holds one file per shape (Zoom/Teams display names, Word soft
breaks, header blocks, a focus group, Otter pasted into Markdown, Teams and Stream transcripts,
W3C WebVTT details, legacy and mixed encodings, C1 controls, documents and notes, SurveyMonkey,
LimeSurvey and Qualtrics variants, Likert families, a Google Forms NPS question, a workbook with a
notes sheet). Loading it must give exactly the speakers, roles, turns, respondents and question
kinds below, and name every unusual read in the load report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import workbench
from workbench import schema

STUDY = Path(__file__).parent / "fixtures" / "loadstudy"

# source -> [(speaker, role, turns)] in order of first appearance
SPEAKERS = {
    "interviews/zoom_names.vtt": [("Sanne Bakker", "interviewer", 3), ("Anna de Vries", "participant", 2),
                                  ("Priya sharma", "participant", 2), ("jan de boer", "participant", 2),
                                  ("Kees", "participant", 1)],
    "interviews/teams_guests.vtt": [("Lisa", "interviewer", 2), ("Tom", "participant", 2)],
    "interviews/stream_old.vtt": [("Anouk Smit", "participant", 2), ("Sanne Bakker", "interviewer", 1)],
    "interviews/vtt_details.vtt": [("Sanne", "interviewer", 2), ("Anouk", "participant", 1)],
    "interviews/gb2312.srt": [("Interviewer", "interviewer", 2), ("Wang Fang", "participant", 2)],
    "interviews/c1_controls.txt": [("Interviewer", "interviewer", 2), ("Participant", "participant", 2)],
    "interviews/focus_group.txt": [("Sanne", "interviewer", 4), ("Pieter", "participant", 5),
                                   ("Fatima", "participant", 3), ("Joost", "participant", 2),
                                   ("Ellen", "participant", 1)],
    "interviews/header_txt.txt": [("Sanne", "interviewer", 3), ("Jan", "participant", 3)],
    "interviews/mixed_lines.txt": [("Interviewer", "interviewer", 3), ("Deelnemer", "participant", 3)],
    "interviews/teams_transcript.txt": [("Sanne Bakker", "interviewer", 2), ("Jansen, Piet", "participant", 2)],
    "interviews/otter_lines.md": [("Sanne Bakker", "interviewer", 2), ("Mohammed El Amrani", "participant", 2)],
    "interviews/otter_pasted.md": [("Sanne Bakker", "interviewer", 2), ("Jan Jansen", "participant", 2),
                                   ("Ellen Visser", "participant", 1)],
    "interviews/header_docx.docx": [("Lisa", "interviewer", 2), ("Fatima", "participant", 2)],
    "interviews/soft_breaks.docx": [("Interviewer", "interviewer", 3), ("Jan", "participant", 3)],
    "interviews/teams_new.docx": [("Lisa de Graaf", "interviewer", 2), ("Bas Koster", "participant", 2)],
    "interviews/teams_old.docx": [("Lisa de Graaf", "interviewer", 2), ("Bas Koster", "participant", 2)],
    "interviews/P13_written.docx": [("P13_written", "participant", 3)],
    "docs/diary_P10.txt": [("diary_P10", "participant", 4)],
    "docs/email_P11.txt": [("email_P11", "participant", 4)],
    "notes/visit_P12.docx": [("visit_P12", "participant", 3)],
}
KINDS = {"interviews/P13_written.docx": "document", "docs/diary_P10.txt": "document",
         "docs/email_P11.txt": "document", "notes/visit_P12.docx": "notes"}
# survey -> (vendor/file type, respondent ids, {question id: kind})
SURVEYS = {
    "survey/surveymonkey_no_collector.csv": ("surveymonkey/csv", ["1101", "1102", "1103", "1104"],
                                             {"Q1": "choice", "Q2": "likert", "Q3": "open"}),
    "survey/limesurvey_excel.csv": ("limesurvey/csv", ["12", "13", "14", "15"],
                                    {"Q1": "likert", "Q2[SQ001]": "likert", "Q2[SQ002]": "likert", "Q3": "open"}),
    "survey/limesurvey_fulltext_de.csv": ("limesurvey/csv", ["201", "202", "203"],
                                          {"Q1": "likert", "Q2": "likert", "Anmerkungen": "open"}),
    "survey/qualtrics_loop_merge.csv": ("qualtrics/csv", ["R_1aaa", "R_2bbb", "R_3ccc"],
                                        {"Q1": "choice", "1_Q19": "likert", "2_Q19": "likert", "1_QID47_TEXT": "open",
                                         "2_QID47_TEXT": "open", "Q30": "nps"}),
    "survey/googleforms_scales.csv": ("googleforms/csv", ["R0001", "R0002", "R0003", "R0004"],
                                      {**{f"Q{i}": "likert" for i in range(1, 9)}, "Q9": "nps", "Q10": "likert"}),
    "survey/multisheet.xlsx": ("plain/xlsx", ["S-01", "S-02", "S-03", "S-04"],
                               {"How did you find us?": "choice", "How satisfied are you with the delivery?": "likert",
                                "Comments": "open"}),
}


@pytest.fixture(scope="module")
def study():
    return workbench.load_study(STUDY)


def test_every_transcript_and_document_has_the_expected_speakers_roles_and_turns(study):
    seg = study.segments
    assert set(seg["source"]) == set(SPEAKERS)
    for source, expected in SPEAKERS.items():
        s = seg[seg["source"] == source]
        got = [(name, g["role"].iloc[0], len(g)) for name, g in s.groupby("speaker", sort=False, observed=True)]
        assert got == expected, source
        for name, g in s.groupby("speaker", observed=True):
            assert g["role"].nunique() == 1, (source, name)


def test_speaker_labels_never_stay_in_the_text(study):
    texts = study.segments.loc[study.segments["source"].str.startswith("interviews/"), "text"]
    for label in ("iPhone", "iPad", "(Gast)", "(zij/haar)", "(SL)", "Priya sharma:", "jan de boer:", "Kees",
                  "Jan:", "Interviewer:", "**", "-->", "Naam:", "Datum:"):
        assert not texts.str.contains(label, regex=False).any(), label


def test_kinds_and_verbatim(study):
    src = study.sources.set_index("source")
    for source in SPEAKERS:
        assert src.loc[source, "kind"] == KINDS.get(source, "transcript"), source
    seg = study.segments
    assert not seg.loc[seg["source"] == "notes/visit_P12.docx", "verbatim"].any()
    assert seg.loc[seg["source"] != "notes/visit_P12.docx", "verbatim"].all()
    docs = study.documents()
    schema.check(docs, schema.DOCUMENTS)
    assert not docs.loc[docs["source"] == "notes/visit_P12.docx", "verbatim"].any()


def test_every_survey_has_its_vendor_respondents_and_question_kinds(study):
    report = study.load_report.set_index("source")
    for source, (fmt, ids, kinds) in SURVEYS.items():
        assert report.loc[source, "format"] == fmt, source
        resp = study.respondents[study.respondents["source"] == source]
        assert resp["respondent_id"].tolist() == ids, source
        q = study.questions[study.questions["source"] == source]
        assert dict(zip(q["question_id"], q["kind"].astype(str), strict=True)) == kinds, source


def test_metadata_stays_metadata(study):
    # LimeSurvey's submitdate … and Qualtrics' StartDate are respondent attributes, never questions.
    assert {"submitdate", "lastpage", "startlanguage", "seed", "StartDate", "EndDate"} <= set(study.respondents.columns)
    assert not study.questions["question_id"].isin(["submitdate", "Antwort ID", "StartDate", "id"]).any()


def test_scales_phases_and_metrics_from_study_toml(study):
    q = study.questions.set_index(["source", "question_id"])
    lm = q.loc[("survey/qualtrics_loop_merge.csv", "1_Q19")]
    assert (lm["phase"], lm["metric"]) == ("use_evaluation", "csat")  # given by its Dutch name
    assert q.loc[("survey/qualtrics_loop_merge.csv", "Q30"), "phase"] == "use_evaluation"  # "gebruik"
    declared = q.loc[("survey/googleforms_scales.csv", "Q10")]
    assert (declared["kind"], declared["options"]) == ("likert", "Langzaam | Gewoon | Snel")
    a = study.answers
    q10 = a[(a["question_id"] == "Q10") & a["respondent_id"].str.startswith("R0")]
    assert q10["value_num"].tolist() == [3.0, 2.0, 1.0, 3.0]


def test_load_report_lists_every_file_with_its_warnings(study):
    report = study.load_report
    schema.check(report, schema.LOAD_REPORT)
    assert len(report) == len(SPEAKERS) + len(SURVEYS)
    row = report.set_index("source")
    assert row.loc["interviews/gb2312.srt", "encoding"] == "gb18030"
    assert row.loc["interviews/mixed_lines.txt", "encoding"] == "utf-8+cp1252"
    assert row.loc["interviews/zoom_names.vtt", "speakers"].startswith("Sanne Bakker (interviewer, 3); Anna de Vries")
    assert row.loc["survey/multisheet.xlsx", "layout"] == "sheet 'Responses'"
    assert row.loc["interviews/teams_old.docx", "layout"] == "name lines"
    # Each warning names its file; the report counts them per file.
    for source, n in row["warnings"].items():
        assert sum(w.startswith(f"{source}: ") for w in study.warnings) == n, source
    assert row["warnings"].sum() == len(study.warnings) == 18  # 7 of them title blocks above the first speaker
    expected = [
        # the readers' warnings speak the study's language (nl): transcripts, decoding and surveys alike
        ("interviews/vtt_details.vtt", "regel 14: cue overgeslagen"),
        ("interviews/vtt_details.vtt", "regel 5: een cue-id bevat '-->'"),
        ("interviews/gb2312.srt", "het bestand is geen UTF-8; gelezen als gb18030"),
        ("interviews/c1_controls.txt", "regels 2, 4: verminkte tekens hersteld"),
        ("interviews/c1_controls.txt", "regel 2: stuurtekens verwijderd (U+0000)"),
        ("interviews/mixed_lines.txt", "regels 4, 6: geen UTF-8 zoals de rest van het bestand"),
        ("interviews/P13_written.docx", "geen sprekerlabels gevonden: gelezen als document"),
        # a title paragraph right above the first timing line is not taken for a cue id silently
        ("interviews/teams_old.docx", "regel 1: tekst vóór de eerste cue overgeslagen"),
        ("survey/multisheet.xlsx", "de werkmap heeft 2 werkbladen met gegevens; werkblad 'Responses' gelezen"),
        # a header block saying who took part is metadata, and the researcher is told so
        ("interviews/header_txt.txt", "regels 3 en 6: 'Naam: Jan de Boer'; 'Interviewer: Sanne Bakker' gelezen als "
                                      "kopregel"),
        ("interviews/header_docx.docx", "regels 2 en 3: 'Deelnemer: Fatima Yilmaz'; 'Interviewer: Lisa de Graaf'"),
        # a title block above the first speaker is skipped, and said so (a title, a date, a line of notes)
        ("interviews/header_txt.txt", "regels 1, 4 en 5: kop boven de eerste spreker overgeslagen"),
        ("interviews/teams_new.docx", "regel 1: kop boven de eerste spreker overgeslagen"),
    ]
    for source, start in expected:
        assert any(w.startswith(f"{source}: {start}") for w in study.warnings), (source, start)


def test_repaired_text_is_what_was_meant(study):
    seg = study.segments.set_index(["source", "turn"])["text"]
    assert seg[("interviews/c1_controls.txt", 1)] == "It wasn’t great, the driver didn’t ring the bell."
    assert seg[("interviews/mixed_lines.txt", 3)].endswith("– dat vind ik te lang.")
    assert seg[("interviews/gb2312.srt", 3)] == "送货很快，但是包装坏了。"
