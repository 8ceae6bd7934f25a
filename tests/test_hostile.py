"""Hostile and broken input: containment of study paths, funnel.csv, the CLI's CSV/XLSX tables,
deeply nested or oversized study.toml, and a closed output pipe. Each case ends in a clear
WorkbenchError naming file and place (CLI: `error: …`, exit 2) or loads correctly."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from workbench import load_study
from workbench._contain import outside_allowed
from workbench.cli import main
from workbench.coding._tables import read_table
from workbench.config import read_config
from workbench.errors import EmptyFileError, FormatError, StudyConfigError, WorkbenchError
from workbench.phases import load_phase_model
from workbench.study import read_funnel

REPO = Path(__file__).resolve().parents[1]
ENV = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))

TRANSCRIPT = "Interviewer: Hoe kwam je bij ons?\nAnouk: Via Instagram, de levering duurde lang.\n"


def _study(folder: Path, paths='["interviews/*.txt"]', extra: str = "") -> Path:
    (folder / "interviews").mkdir(parents=True, exist_ok=True)
    (folder / "interviews" / "P01.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (folder / "study.toml").write_text(
        f'name = "S"\nlanguage = "nl"\n{extra}\n[transcripts]\npaths = {paths}\n', encoding="utf-8")
    return folder


@pytest.fixture
def outside(tmp_path) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text("Interviewer: wachtwoord?\nBob: hunter2\n", encoding="utf-8")
    return secret


# -- containment ------------------------------------------------------------------------------
@pytest.mark.parametrize("pattern", ["../secret.txt", "../*.txt", "interviews/../../secret.txt",
                                     "{abs}", "{absglob}", "../**/*.txt"])
def test_paths_outside_the_study_are_refused(tmp_path, outside, pattern):
    pattern = pattern.format(abs=outside, absglob=outside.parent / "*.txt")
    study = _study(tmp_path / "study", paths=f'["interviews/*.txt", "{pattern}"]')
    with pytest.raises(StudyConfigError, match="outside the study folder") as err:
        load_study(study)
    assert err.value.key == "transcripts.paths" and "allow_outside" in str(err.value)


def test_symbolic_links_out_of_the_study_are_refused(tmp_path, outside):
    study = _study(tmp_path / "study")
    (study / "interviews" / "P02.txt").symlink_to(outside)
    with pytest.raises(StudyConfigError, match="symbolic link") as err:
        load_study(study)
    assert str(outside) in str(err.value)
    (study / "interviews" / "P02.txt").unlink()
    (study / "interviews" / "linked").symlink_to(outside.parent, target_is_directory=True)
    study.joinpath("study.toml").write_text('name = "S"\nlanguage = "nl"\n[transcripts]\n'
                                            'paths = ["interviews/linked/*.txt"]\n')
    with pytest.raises(StudyConfigError, match="outside the study folder"):
        load_study(study)


def test_links_inside_the_study_and_dot_dot_back_in_are_fine(tmp_path):
    study = _study(tmp_path / "study", paths='["interviews/*.txt", "interviews/../extra/*.txt"]')
    (study / "extra").mkdir()
    (study / "extra" / "P02.txt").symlink_to(study / "interviews" / "P01.txt")
    s = load_study(study)
    assert sorted(s.sources["source"]) == ["extra/P02.txt", "interviews/P01.txt"]


def test_recursive_glob_does_not_follow_link_loops(tmp_path):
    """Two links to parent folders made glob.glob('**') walk for ever; now it ends at once."""
    study = _study(tmp_path / "study", paths='["**/*.txt"]')
    (study / "interviews" / "up").symlink_to(study, target_is_directory=True)
    (study / "interviews" / "up2").symlink_to(tmp_path, target_is_directory=True)
    s = load_study(study)
    assert s.sources["source"].tolist() == ["interviews/P01.txt"]


def test_funnel_and_phase_model_outside_are_refused(tmp_path):
    (tmp_path / "funnel.csv").write_text("phase,step,count\nawareness,a,1\n")
    study = _study(tmp_path / "study", extra="")
    with open(study / "study.toml", "a") as fh:
        fh.write('[funnel]\npath = "../funnel.csv"\n')
    with pytest.raises(StudyConfigError, match="outside") as err:
        load_study(study)
    assert err.value.key == "funnel.path"
    (tmp_path / "model.toml").write_text("")
    bad = _study(tmp_path / "study2", extra='phase_model = "../model.toml"')
    with pytest.raises(StudyConfigError, match="outside") as err:
        read_config(bad)
    assert err.value.key == "phase_model"


def test_allow_outside_in_study_toml_the_api_and_the_cli(tmp_path, outside, capsys):
    study = _study(tmp_path / "study", paths=f'["interviews/*.txt", "{outside}"]')
    with pytest.raises(StudyConfigError):
        load_study(study)
    assert "../secret.txt" in load_study(study, allow_outside=True).sources["source"].tolist()
    with outside_allowed():
        assert len(load_study(study).sources) == 2
    assert main(["info", str(study)]) == 2
    assert "outside the study folder" in capsys.readouterr().err
    assert main(["info", str(study), "--allow-outside"]) == 0
    text = study.joinpath("study.toml").read_text().replace('language = "nl"', 'language = "nl"\nallow_outside = true')
    study.joinpath("study.toml").write_text(text)
    assert len(load_study(study).sources) == 2
    study.joinpath("study.toml").write_text(text.replace("allow_outside = true", 'allow_outside = "yes"'))
    with pytest.raises(StudyConfigError, match="true or false"):
        load_study(study)


def test_overlong_file_name_in_a_glob_is_a_clear_error(tmp_path):
    study = _study(tmp_path / "study", paths=f'["interviews/{"x" * 5000}.txt"]')
    with pytest.raises(StudyConfigError) as err:
        load_study(study)
    assert err.value.key == "transcripts.paths"


# -- study.toml ---------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["[" * 5000 + "]" * 5000, "{a = " * 3000 + "1" + "}" * 3000])
def test_deeply_nested_study_toml_is_a_clear_error(tmp_path, value):
    (tmp_path / "study.toml").write_text(f'name = "S"\nlanguage = "nl"\nx = {value}\n')
    with pytest.raises(StudyConfigError):
        read_config(tmp_path)


def test_oversized_or_special_study_toml(tmp_path):
    (tmp_path / "study.toml").write_text('name = "S"\nlanguage = "nl"\n' + "# padding\n" * 200_000)
    with pytest.raises(StudyConfigError, match="at most"):
        read_config(tmp_path)
    fifo = tmp_path / "f" / "study.toml"
    fifo.parent.mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
        with pytest.raises(StudyConfigError):  # not read (a FIFO would block for ever)
            read_config(fifo.parent)


# -- funnel.csv -------------------------------------------------------------------------------
KLASSIEK = load_phase_model("klassiek-5")


@pytest.mark.parametrize("text, error, place", [
    ("", EmptyFileError, None),
    ("\n\n  \n", EmptyFileError, None),
    ("phase,step,count\n", EmptyFileError, None),
    ("phase,step,count\nawareness,visits,100,7\n", FormatError, 2),
    ("phase,step,count\nawareness,visits\n", FormatError, 2),
    ('phase,step,count\nawareness,"visits,100\npurchase,orders,5\n', FormatError, 2),
    ('phase,step,count\nawareness,"visits"x,100\n', FormatError, 2),
    ("phase,step,count\nawareness,visits,inf\n", WorkbenchError, 2),
    ("phase,step,count\nawareness,visits,99999999999999999999999\n", WorkbenchError, 2),
])
def test_broken_funnel_is_a_clear_error(tmp_path, text, error, place):
    f = tmp_path / "funnel.csv"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(error) as err:
        read_funnel(f, KLASSIEK)
    assert (err.value.line or err.value.row) == place


def test_funnel_with_trailing_delimiters_and_blank_lines_loads(tmp_path):
    f = tmp_path / "funnel.csv"
    f.write_text("phase;step;count;kind;;\n\nawareness;Bezoek;1.200;;;\npurchase;\"Order; online\";12;macro;;\n",
                 encoding="cp1252")
    df = read_funnel(f, KLASSIEK)
    assert df.to_dict("records") == [
        {"phase": "awareness", "step": "Bezoek", "count": 1200, "kind": "funnel"},
        {"phase": "purchase", "step": "Order; online", "count": 12, "kind": "macro"}]


def test_broken_funnel_in_a_study_fails_the_load_with_the_line(tmp_path, capsys):
    study = _study(tmp_path / "study")
    (study / "funnel.csv").write_text('phase,step,count\nawareness,"open,1\n')
    with open(study / "study.toml", "a") as fh:
        fh.write('[funnel]\npath = "funnel.csv"\n')
    assert main(["info", str(study)]) == 2
    err = capsys.readouterr().err
    assert "funnel.csv, line 2" in err and "never closed" in err and "Traceback" not in err


# -- CSV/XLSX tables given to the CLI ---------------------------------------------------------------
def test_table_trailing_delimiters_load_and_keep_every_cell(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("text,pain_point,need,\nDe levering was te laat.,1,0,\n\"Graag, sneller\",0,1,,,\n")
    t = read_table(f)
    assert list(t.columns) == ["text", "pain_point", "need"]
    assert t["text"].tolist() == ["De levering was te laat.", "Graag, sneller"]


def test_table_unnamed_column_with_data_is_kept(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("unit,coder,,code\nu1,anna,note,x\n")
    assert list(read_table(f).columns) == ["unit", "coder", "column 3", "code"]


@pytest.mark.parametrize("text, line, words", [
    ('text,label\n"open,1\nb,0\nc,1\n', 2, "never closed"),
    ("text,label\na,1,extra\nb,0\n", 2, "3 fields"),
    ("text,label,x\na,1,2\nb\n", 3, "1 fields"),
    ('text,label\n"a"b,1\n', 2, "after its closing quote"),
])
def test_table_broken_rows_name_the_line(tmp_path, text, line, words):
    f = tmp_path / "t.csv"
    f.write_text(text)
    with pytest.raises(FormatError, match=words) as err:
        read_table(f)
    assert err.value.line == line


def _xlsx_with_dimension(path: Path, rows: list[list], ref: str) -> Path:
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b'<dimension ref="A1:B3"/>', f'<dimension ref="{ref}"/>'.encode())
                assert ref.encode() in body
            dst.writestr(info, body)
    return path


@pytest.mark.parametrize("ref", ["A1:Z500", "A1:XFD1048576", "B2:C2"])
def test_xlsx_with_a_stored_dimension_unlike_its_data_loads(tmp_path, ref):
    f = _xlsx_with_dimension(tmp_path / "t.xlsx", [["unit", "coder"], ["u1", "anna"], ["u2", 3]], ref)
    t = read_table(f)
    assert t.to_dict("records") == [{"unit": "u1", "coder": "anna"}, {"unit": "u2", "coder": "3"}]


def test_cli_tag_agreement_train_on_broken_tables(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text('text,pain_point,need\n"De levering,1,0\nGoed,0,0\n')
    for argv in (["tag", str(bad), "--text-column", "text", "--lang", "nl", "--out", str(tmp_path / "o.csv")],
                 ["agreement", str(bad)],
                 ["train", str(bad), "--text-column", "text", "--lang", "nl", "--out", str(tmp_path / "m")]):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert "bad.csv, line 2" in err and "never closed" in err, err
    assert not (tmp_path / "o.csv").exists()


def test_cli_tag_trailing_delimiters_and_xlsx(tmp_path, capsys):
    f = tmp_path / "in.csv"
    f.write_text("id;text;\n1;De bezorging was te laat.;\n2;Prima service;\n", encoding="utf-8")
    assert main(["tag", str(f), "--text-column", "text", "--lang", "nl", "--out", str(tmp_path / "o.csv")]) == 0
    out = (tmp_path / "o.csv").read_text().splitlines()
    assert out[0].startswith("id;text;pain_point") and len(out) == 3
    x = _xlsx_with_dimension(tmp_path / "in.xlsx", [["id", "text"], [1, "De bezorging was te laat."],
                                                    [2, "Prima"]], "A1:K40")
    assert main(["tag", str(x), "--text-column", "text", "--lang", "nl", "--out", str(tmp_path / "x.csv")]) == 0
    assert len((tmp_path / "x.csv").read_text().splitlines()) == 3


# -- closed pipe ------------------------------------------------------------------------------------
LOUD = r"""
import sys
import workbench.cli.info as info

def run(args):  # a command with far more output than a pipe holds (64 KiB)
    for i in range(200_000):
        print(f"line {i}")
    return 0

info.run = run
from workbench.cli import main
sys.exit(main(["info", "x"]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")
def test_closed_pipe_ends_quietly():
    """`workbench … | head -1`: the command ends at once, with no traceback and no
    'Exception ignored' from Python's final flush; its status is that of SIGPIPE (141)."""
    proc = subprocess.Popen([sys.executable, "-c", LOUD], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    first = proc.stdout.readline()
    proc.stdout.close()  # what `head -1` does after its line
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert first == b"line 0\n"
    assert err == "", err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")
def test_info_into_head_through_a_shell():
    demo = REPO / "surveys" / "webshop-nl"
    res = subprocess.run(f"'{sys.executable}' -m workbench info '{demo}' | head -1", shell=True, capture_output=True,
                         text=True, env=ENV, timeout=300, executable="/bin/bash")
    assert res.stdout.count("\n") == 1 and res.stderr == "", res.stderr
