"""study.toml: valid settings load; every bad key gets a clear error naming it."""

from __future__ import annotations

import pytest

from workbench.config import read_config
from workbench.errors import StudyConfigError
from workbench.phases import load_phase_model, phase_model_ids
from workbench.study import new_study

GOOD = """
name = "Test"
language = "nl"
phase_model = "hom-6"
[transcripts]
paths = ["interviews/*.txt"]
interviewer = ["Onderzoeker"]
participants = { "jan" = "P07" }
[survey]
paths = ["survey/*.csv"]
format = "qualtrics"
[survey.questions]
Q1 = { role = "attribute" }
Q7 = { phase = "purchase", metric = "csat" }
[link]
column = "interview_id"
[funnel]
path = "funnel.csv"
"""


def write(tmp_path, text):
    (tmp_path / "study.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_shipped_phase_models_are_the_five_of_the_domain_brief():
    assert phase_model_ids() == ["hom-6", "klassiek-5", "retentie-5", "see-think-do-care", "website-5"]
    klassiek = load_phase_model("klassiek-5")
    assert [p.name("nl") for p in klassiek] == [
        "Bewustwording", "Overweging", "Besluitvorming", "Aankoop", "Gebruik en evaluatie"]
    assert [p.name("en") for p in load_phase_model("see-think-do-care")] == ["See", "Think", "Do", "Care"]
    assert len(load_phase_model("hom-6")) == 6
    assert load_phase_model("website-5").label("aftercare", "nl") == "Nazorg"
    for mid in phase_model_ids():
        model = load_phase_model(mid)
        assert all(p.cues.get("nl") and p.cues.get("en") for p in model), mid


def test_good_config_is_read(tmp_path):
    cfg = read_config(write(tmp_path, GOOD))
    assert cfg.name == "Test" and cfg.language == "nl"
    assert cfg.phase_model.id == "hom-6"
    assert cfg.interviewer == ("Onderzoeker",)
    assert cfg.participants == {"jan": "P07"}
    assert cfg.questions["Q7"] == {"phase": "purchase", "metric": "csat"}
    assert cfg.link_column == "interview_id" and cfg.funnel_path == "funnel.csv"
    assert cfg.folder == tmp_path.resolve()


def test_custom_phase_model_in_study_toml(tmp_path):
    text = """
name = "Custom"
language = "en"
[phase_model]
id = "saas"
name = "SaaS onboarding"
[[phase_model.phases]]
id = "signup"
name = { en = "Sign-up", nl = "Aanmelden" }
cues.en = ["signed up"]
[[phase_model.phases]]
id = "setup"
name = "Set-up"
"""
    cfg = read_config(write(tmp_path, text))
    assert cfg.phase_model.ids == ["signup", "setup"]
    assert cfg.phase_model.label("signup", "nl") == "Aanmelden"


@pytest.mark.parametrize(
    "text, key, fragment",
    [
        ('name = "x"\nlanguage = "nl"\ntranscript = {}', "transcript", "Did you mean 'transcripts'"),
        ('name = "x"\nlanguage = "fr"', "language", "nl, en"),
        ('language = "nl"', "name", "missing key 'name'"),
        ('name = "x"\nlanguage = "nl"\nphase_model = "klassiek-6"', "phase_model", "klassiek-5"),
        ('name = "x"\nlanguage = "nl"\n[survey]\nformat = "qualtrix"', "survey.format", "qualtrics"),
        ('name = "x"\nlanguage = "nl"\n[survey.questions]\nQ1 = { metric = "nsp" }', "survey.questions.Q1.metric", "nps"),
        ('name = "x"\nlanguage = "nl"\n[survey.questions]\nQ1 = { phase = "checkout" }', "survey.questions.Q1.phase", "purchase"),
        ('name = "x"\nlanguage = "nl"\n[transcripts]\npaths = 3', "transcripts.paths", "must be a list"),
        ('name = "x"\nlanguage = "nl"\n[link]\ncolum = "id"', "link.colum", "Did you mean 'column'"),
    ],
)
def test_bad_keys_are_named(tmp_path, text, key, fragment):
    with pytest.raises(StudyConfigError) as err:
        read_config(write(tmp_path, text))
    assert err.value.key == key
    assert fragment in str(err.value)
    assert "study.toml" in str(err.value)


def test_invalid_toml_reports_the_line(tmp_path):
    with pytest.raises(StudyConfigError) as err:
        read_config(write(tmp_path, 'name = "x"\nlanguage = "nl"\nphase_model = klassiek\n'))
    assert err.value.line == 3
    assert "line 3" in str(err.value)


def test_missing_study_toml_says_how_to_create_one(tmp_path):
    with pytest.raises(StudyConfigError, match="workbench new"):
        read_config(tmp_path)


def test_new_study_scaffold_is_a_valid_config(tmp_path):
    toml = new_study(tmp_path / "s", language="en")
    cfg = read_config(toml)
    assert cfg.language == "en" and cfg.name == "s"
    assert (tmp_path / "s" / "interviews").is_dir() and (tmp_path / "s" / "survey").is_dir()
    with pytest.raises(StudyConfigError, match="exists already"):
        new_study(tmp_path / "s")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be"])
def test_study_toml_with_a_byte_order_mark_is_read(tmp_path, encoding):
    # Windows Notepad saves "UTF-8 with BOM" or "Unicode" (UTF-16 with BOM)
    text = GOOD.replace('name = "Test"', 'name = "Klantreis – café"')
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (tmp_path / "study.toml").write_bytes(data)
    cfg = read_config(tmp_path)
    assert cfg.name == "Klantreis – café"
    assert cfg.phase_model.id == "hom-6"


def test_study_toml_not_utf8_names_the_line(tmp_path):
    (tmp_path / "study.toml").write_bytes(GOOD.replace('name = "Test"', 'name = "Caf\xe9"').encode("cp1252"))
    with pytest.raises(StudyConfigError, match="not UTF-8") as err:
        read_config(tmp_path)
    assert err.value.line == 2


# ---------------------------------------------------------------- issue 15/21: new keys


def test_documents_notes_kinds_sheet_and_scales():
    from workbench.config import parse_config

    cfg = parse_config({"name": "t", "language": "nl",
                        "transcripts": {"paths": ["i/*.txt"], "documents": ["d/*.txt"], "notes": "n/*.docx",
                                        "kinds": {"i/veld.txt": "notes"}},
                        "survey": {"sheet": "Antwoorden", "scales": {"freq": ["Nooit", "Soms", "Vaak"]},
                                   "questions": {"Q1": {"scale": "freq"}, "Q2": {"scale": ["Nee", "Ja"]}}}})
    assert cfg.document_paths == ("d/*.txt",) and cfg.notes_paths == ("n/*.docx",)
    assert cfg.kinds == {"i/veld.txt": "notes"} and cfg.sheet == "Antwoorden"
    assert cfg.questions["Q1"] == {"scale": ["Nooit", "Soms", "Vaak"], "kind": "likert"}
    assert cfg.questions["Q2"]["scale"] == ["Nee", "Ja"]


@pytest.mark.parametrize(
    "survey, key",
    [
        ({"questions": {"Q1": {"scale": "onbekend"}}}, "survey.questions.Q1.scale"),
        ({"questions": {"Q1": {"scale": ["Ja"]}}}, "survey.questions.Q1.scale"),
        ({"questions": {"Q1": {"scale": ["Nee", "Ja"], "kind": "choice"}}}, "survey.questions.Q1.kind"),
        ({"scales": {"x": "Ja"}}, "survey.scales.x"),
        ({"sheets": "A"}, "survey.sheets"),
    ],
)
def test_bad_scale_and_sheet_settings_name_the_key(survey, key):
    from workbench.config import parse_config

    with pytest.raises(StudyConfigError) as err:
        parse_config({"name": "t", "language": "nl", "survey": survey})
    assert err.value.key == key


def test_bad_kind_names_the_key():
    from workbench.config import parse_config

    with pytest.raises(StudyConfigError) as err:
        parse_config({"name": "t", "language": "nl", "transcripts": {"kinds": {"a.txt": "memo"}}})
    assert err.value.key == "transcripts.kinds.a.txt" and "notes" in err.value.hint


def test_study_toml_with_a_byte_order_mark_and_deep_nesting(tmp_path):
    (tmp_path / "study.toml").write_bytes(b"\xef\xbb\xbf" + b'name = "t"\nlanguage = "nl"\n')
    assert read_config(tmp_path).name == "t"
    (tmp_path / "study.toml").write_text('name = "t"\nlanguage = "nl"\nx = ' + "[" * 5000 + "]" * 5000 + "\n",
                                         encoding="utf-8")
    with pytest.raises(StudyConfigError):
        read_config(tmp_path)
