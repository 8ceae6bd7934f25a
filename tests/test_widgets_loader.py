"""The notebook loader widget, driven as the browser would (plain pytest, no kernel)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.widgets import StudyLoader
from workbench.widgets.loader import find_studies

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def root(tmp_path):
    for name in ("webshop-nl", "saas-onboarding-en"):
        shutil.copytree(ROOT / "surveys" / name, tmp_path / name)
    return tmp_path


def upload_entry(path: Path, mime: str = "text/plain") -> dict:
    data = path.read_bytes()
    return {"name": path.name, "type": mime, "size": len(data), "last_modified": 0, "content": memoryview(data)}


def test_lists_the_study_folders(root):
    assert [p.name for p in find_studies(root)] == ["saas-onboarding-en", "webshop-nl"]
    loader = StudyLoader(root=root, value=root / "webshop-nl")
    assert loader.folder.value == str(root / "webshop-nl")


def test_load_button_loads_the_chosen_study(root):
    loader = StudyLoader(root=root)
    seen = []
    loader.on_load(seen.append)
    loader.folder.value = str(root / "saas-onboarding-en")
    loader.load_button.click()
    assert loader.study is not None and len(loader.study.respondents) == 160
    assert "Loaded" in loader.status.value and "6 interviews" in loader.status.value
    assert "respondents" in loader.summary.value
    assert seen == [loader.study]


def test_bad_study_shows_the_error_not_a_traceback(root):
    (root / "webshop-nl" / "study.toml").write_text('name = "x"\nlanguage = "de"\n', encoding="utf-8")
    loader = StudyLoader(root=root, value=root / "webshop-nl")
    loader.load_button.click()
    assert loader.study is None
    assert "language" in loader.status.value and "nl, en" in loader.status.value
    assert loader.summary.value == ""


def test_upload_builds_and_loads_a_new_study(root, tmp_path):
    loader = StudyLoader(root=root, upload_dir=tmp_path / "up")
    loader.language.value = "en"
    loader.upload.set_state({"value": [
        upload_entry(root / "saas-onboarding-en" / "interviews" / "I06.md", "text/markdown"),
        upload_entry(root / "saas-onboarding-en" / "interviews" / "I01.vtt", "text/vtt"),
    ]})
    loader.upload_button.click()
    assert loader.study is not None, loader.status.value
    assert loader.study.participants == ["I01", "I06"] and loader.study.language == "en"
    assert (tmp_path / "up" / "study-01" / "interviews" / "I06.md").exists()
    assert loader.study.respondents.empty


def test_upload_survey_only_and_bad_files(root, tmp_path):
    loader = StudyLoader(root=root, upload_dir=tmp_path / "up")
    loader.upload_button.click()  # nothing uploaded yet
    assert "no files uploaded" in loader.status.value
    loader.upload.set_state({"value": [
        upload_entry(root / "webshop-nl" / "survey" / "qualtrics_export.csv", "text/csv")]})
    loader.upload_button.click()
    assert loader.study is not None and len(loader.study.respondents) == 340
    bad = tmp_path / "broken.vtt"
    bad.write_text("WEBVTT\n\n00:00:01.000 --> nonsense\nhallo\n", encoding="utf-8")
    loader.upload.set_state({"value": [upload_entry(bad, "text/vtt")]})
    loader.upload_button.click()
    assert loader.study is None
    assert "broken.vtt" in loader.status.value and "line" in loader.status.value


def test_the_load_report_and_its_warnings_are_shown(tmp_path):
    src = ROOT / "tests" / "fixtures" / "loadstudy"
    shutil.copytree(src, tmp_path / "loadstudy", ignore=shutil.ignore_patterns("make_fixtures.py"))
    loader = StudyLoader(root=tmp_path)
    loader.load_folder(tmp_path / "loadstudy")
    assert "18 waarschuwingen (hieronder)" in loader.status.value  # a Dutch study: the loader speaks Dutch
    summary = loader.summary.value
    assert "Inleesverslag" in summary and "Load report" not in summary and "interviews/zoom_names.vtt" in summary
    assert "Sanne Bakker (interviewer, 3)" in summary
    assert "<script" not in summary
