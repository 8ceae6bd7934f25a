"""Side tasks in a forked child (``workbench._background``) and the main job run both ways."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from workbench._background import can_fork, start

ROOT = Path(__file__).resolve().parents[1]


def test_task_runs_in_a_child_and_writes_its_file(tmp_path):
    target = tmp_path / "out.txt"
    parent = os.getpid()

    def task():
        target.write_text(str(os.getpid()), encoding="utf-8")

    job = start(task)
    assert job.in_background == can_fork()
    job.wait()
    written = int(target.read_text(encoding="utf-8"))
    assert (written != parent) == can_fork()


def test_a_failing_child_reruns_here_and_raises_its_error(tmp_path):
    def task():
        raise ValueError("the disk is full")

    job = start(task)
    with pytest.raises(ValueError, match="the disk is full"):
        job.wait()


def test_a_child_that_dies_is_redone_here(tmp_path):
    target = tmp_path / "out.txt"
    parent = os.getpid()

    def task():
        if os.getpid() != parent:
            os._exit(3)  # killed half-way, say by the OOM killer
        target.write_text("done", encoding="utf-8")

    start(task).wait()
    assert target.read_text(encoding="utf-8") == "done"


def test_serial_switch(monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBENCH_SERIAL", "1")
    seen = []
    job = start(lambda: seen.append(os.getpid()))
    assert not job.in_background
    job.wait()
    assert seen == [os.getpid()]  # ran here: its effect is visible in this process


def test_run_study_parallel_equals_serial(tmp_path):
    """The files written by child processes are the files the serial run writes."""
    from workbench.coding.store import Store
    from workbench.pipeline import run_study

    outs = {}
    for parallel in (True, False):
        study = tmp_path / f"study-{parallel}"
        shutil.copytree(ROOT / "surveys" / "saas-onboarding-en", study, ignore=shutil.ignore_patterns(".workbench"))
        out = tmp_path / f"out-{parallel}"
        res = run_study(study, out, progress=False, n_boot=3, parallel=parallel)
        with Store.open(study) as store:
            assert len(store.suggestions()) == len(res.tags) > 0
            assert len(store.doc_tags()) == len(res.doc_tags)
        outs[parallel] = out
        assert all(p.exists() for p in res.files.values())
    for name in ("tags.csv", "doc_tags.csv", "journey_map.png", "journey_map.svg", "journey_map.pdf",
                 "journey_map.md"):
        assert (outs[True] / name).read_bytes() == (outs[False] / name).read_bytes(), name
