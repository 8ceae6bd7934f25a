"""``workbench lab``: the command lines it builds, its errors, and a real Voilà dashboard."""

from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

from workbench.cli import lab
from workbench.errors import StudyConfigError, WorkbenchError

REPO = Path(__file__).resolve().parents[1]


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="workbench")
    lab.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["lab", *argv])


def test_lab_command_defaults_open_the_first_notebook_with_this_python(tmp_path):
    cmd = lab.lab_command(parse(), tmp_path)
    assert cmd[:4] == [sys.executable, "-m", "jupyter", "lab"]
    assert f"--ServerApp.root_dir={tmp_path}" in cmd
    assert "--LabApp.default_url=/lab/tree/01_load_study.ipynb" in cmd
    assert not any(a.startswith("--ServerApp.port") for a in cmd)
    assert "--no-browser" not in cmd


def test_lab_command_port_and_no_browser(tmp_path):
    cmd = lab.lab_command(parse("--port", "9123", "--no-browser"), tmp_path)
    assert "--ServerApp.port=9123" in cmd
    assert cmd[-1] == "--no-browser"


def test_dashboard_command_serves_the_journey_map_with_voila(tmp_path):
    cmd = lab.lab_command(parse("--dashboard", "--port", "8999", "--no-browser"), tmp_path)
    assert cmd[:3] == [sys.executable, "-m", "voila"]
    assert cmd[3] == str(tmp_path / "04_journey_map.ipynb")
    assert "--port=8999" in cmd and "--no-browser" in cmd
    assert "jupyter" not in cmd


def test_default_notebooks_folder_is_the_clones(tmp_path):
    assert lab.find_notebooks() == REPO / "notebooks"
    assert lab.lab_command(parse())[4] == f"--ServerApp.root_dir={REPO / 'notebooks'}"


def test_study_is_passed_as_absolute_path_in_wb_study(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    env = lab.lab_env(parse("surveys/webshop-nl"), base={"PATH": "/bin"})
    assert env == {"PATH": "/bin", "WB_STUDY": str(REPO / "surveys" / "webshop-nl")}
    env = lab.lab_env(parse("surveys/webshop-nl/study.toml"), base={})
    assert env["WB_STUDY"] == str(REPO / "surveys" / "webshop-nl")
    assert "WB_STUDY" not in lab.lab_env(parse(), base={})


def test_folder_without_study_toml_is_a_study_config_error(tmp_path):
    with pytest.raises(StudyConfigError) as err:
        lab.lab_env(parse(str(tmp_path)), base={})
    assert err.value.path == str(tmp_path.resolve())
    assert "workbench new" in err.value.hint


def test_missing_notebooks_folder_says_to_use_a_clone(monkeypatch, tmp_path):
    fake = tmp_path / "site-packages" / "workbench" / "cli" / "lab.py"
    monkeypatch.setattr(lab, "__file__", str(fake))
    with pytest.raises(WorkbenchError) as err:
        lab.find_notebooks()
    assert "clone" in err.value.hint


def test_missing_voila_gives_the_pip_command(monkeypatch, capsys):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "voila" else real(name, *a))
    with pytest.raises(WorkbenchError) as err:
        lab.run(parse("--dashboard"))
    assert 'pip install "journey-workbench[dashboard]"' in err.value.hint


def test_run_starts_the_built_command_with_the_study(monkeypatch, capsys):
    calls = []

    class FakePopen:
        def __init__(self, cmd, env, cwd):
            calls.append((cmd, env, cwd))

        def wait(self):
            return 0

    monkeypatch.setattr(lab.subprocess, "Popen", FakePopen)
    assert lab.run(parse(str(REPO / "surveys" / "webshop-nl"), "--no-browser")) == 0
    (cmd, env, cwd), = calls
    assert cmd == lab.lab_command(parse("--no-browser"))
    assert env["WB_STUDY"] == str(REPO / "surveys" / "webshop-nl")
    assert cwd == REPO / "notebooks"
    assert "running: " in capsys.readouterr().out


def test_lab_is_a_registered_command():
    from workbench.cli import COMMANDS

    assert "lab" in COMMANDS


# -- a real Voilà ----------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("voila") is None, reason='voila not installed: '
                    'pip install "journey-workbench[dashboard]"')
def test_dashboard_renders_a_notebook_with_voila(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Tiny dashboard"),
        nbformat.v4.new_code_cell("print('journey ' + 'map ' + str(6 * 7))"),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / lab.DASHBOARD_NOTEBOOK)
    port = _free_port()
    cmd = lab.lab_command(parse("--dashboard", "--port", str(port), "--no-browser"), tmp_path)
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), PYTHONHASHSEED="0")
    log = tmp_path / "voila.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        page = ""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60) as resp:
                    page = resp.read().decode("utf-8", errors="replace")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.5)
        assert page, f"Voilà did not answer:\n{log.read_text(errors='replace')[-3000:]}"
        assert "journey map 42" in page  # the executed output, not the source (sources are stripped)
        assert "print(" not in page
        assert "Tiny dashboard" in page
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
