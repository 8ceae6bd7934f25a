"""The load report where a researcher sees it: ``workbench info``, the journey-map run's notes, and
the map's quotes (the researcher's notes are mapped but never quoted as a participant's words)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import workbench

LOADSTUDY = Path(__file__).parent / "fixtures" / "loadstudy"


def info(path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench", "info", str(path)], capture_output=True, text=True,
                          timeout=300)


def test_workbench_info_prints_the_load_report_questions_and_phases():
    res = info(LOADSTUDY)
    assert res.returncode == 0, res.stderr
    out = res.stdout
    # the study is Dutch: so is every heading, column name and word value (issue 14, item 6)
    assert "Inleesverslag (één rij per bestand)" in out and "Load report" not in out
    assert "Sanne Bakker (interviewer, 3); Anna de Vries (deelnemer, 2); Priya sharma (deelnemer, 2)" in out
    assert "gb18030" in out and "utf-8+cp1252" in out and "werkblad 'Responses'" in out
    # 18: seven of them title blocks above the first speaker, skipped and said so
    assert "Waarschuwingen (18)" in out and "  - interviews/vtt_details.vtt: regel 14: cue overgeslagen" in out
    assert "  - interviews/soft_breaks.docx: regel 1: kop boven de eerste spreker overgeslagen ('Interview P05')" in out
    # questions with kind, phase (its name in the study's language) and metric; the model's phases
    line = next(ln for ln in out.splitlines() if ln.strip().startswith("1_Q19"))
    assert line.split()[:6] == ["1_Q19", "likert", "Gebruik", "en", "evaluatie", "csat"]
    assert "Fasen van fasemodel 'klassiek-5'" in out and "use_evaluation Gebruik en evaluatie" in out


def test_workbench_info_ends_quietly_when_the_pipe_closes():
    cmd = f"{sys.executable} -m workbench info {LOADSTUDY} | head -1"
    res = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0 and "Traceback" not in res.stderr and "Error" not in res.stderr
    assert res.stdout.startswith("Laadrapport-studie")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("notes") / "study"
    (folder / "interviews").mkdir(parents=True)
    (folder / "notes").mkdir()
    (folder / "interviews" / "P01.txt").write_text(
        "Interviewer: Hoe ging de bezorging?\nAnouk: Goed, de bezorger was vriendelijk en op tijd.\n"
        "Interviewer: En het bestellen?\nAnouk: Makkelijk. De website werkt prima.\n", encoding="utf-8")
    (folder / "notes" / "P01_notes.txt").write_text(
        "Anouk klaagt dat de levering twee weken te laat was en dat niemand van de klantenservice terugbelde.\n\n"
        "Ze is erg boos over de kapotte kast en wil haar geld terug. Het retourneren was een ramp.\n", encoding="utf-8")
    (folder / "study.toml").write_text('name = "notities"\nlanguage = "nl"\n[transcripts]\npaths = ["interviews/*.txt"]\n'
                                       'notes = ["notes/*.txt"]\n', encoding="utf-8")
    return workbench.run_study(folder, folder / "out", write=False, progress=False)


def test_notes_are_mapped_but_never_quoted(run):
    notes_docs = set(run.study.segments.loc[run.study.segments["source"] == "notes/P01_notes.txt", "segment_id"])
    assert notes_docs and not run.study.segments.loc[
        run.study.segments["segment_id"].isin(notes_docs), "verbatim"].any()
    tagged = set(run.doc_tags.loc[run.doc_tags["pain_point"] == 1, "doc_id"])
    assert notes_docs & tagged  # the notes are tagged: codable evidence …
    quoted = set(run.journey_map.quotes["doc_id"])
    assert not quoted & notes_docs  # … but never a quote


def test_the_run_repeats_the_load_warnings(tmp_path):
    folder = tmp_path / "ls"
    shutil.copytree(LOADSTUDY, folder, ignore=shutil.ignore_patterns("make_fixtures.py"))
    study = workbench.load_study(folder)
    res = workbench.run_study(folder, tmp_path / "out", write=False, progress=False)
    assert res.notes[: len(study.warnings)] == study.warnings
