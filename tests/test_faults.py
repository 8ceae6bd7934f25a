"""Faults: processes killed at random moments, concurrent writers, a full disk, read-only studies.

What a researcher relies on: whatever happens to the machine, every decision the workbench said
it saved is there, the same command run again succeeds, and no half-written output file is left
under a real name. Kill moments come from a seeded generator (reproducible); the figures are
the test's own assertions, not timings.
"""

from __future__ import annotations

import errno
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "journey"))
import build  # noqa: E402

from workbench.coding.store import Store  # noqa: E402
from workbench.errors import OutputError, StoreError  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
ENV = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""),
           WORKBENCH_SEED="0")
needs_kill = pytest.mark.skipif(not hasattr(signal, "SIGKILL") or sys.platform == "win32", reason="needs SIGKILL")

# The whole job on the mini study, quickly (few bootstrap runs), as the CLI would run it.
RUN = r"""
import sys
from workbench.pipeline import run_study
run_study(sys.argv[1], sys.argv[2], k=2, n_boot=5, progress=False)
print("done", flush=True)
"""

WRITER = r"""
import sys
from workbench.coding.store import Store

store = Store.open(sys.argv[1], timeout=float(sys.argv[4]) if len(sys.argv) > 4 else 5.0)
coder, n = sys.argv[2], int(sys.argv[3])
i = 0
while n < 0 or i < n:
    cid = store.decide(f"{coder}#{i:04d}", 0, 5, "pain_point", "accepted" if i % 3 else "rejected", coder)
    if i % 7 == 0:
        store.add_memo(f"memo {i}", coder, doc_id=f"{coder}#{i:04d}")
    print(cid, flush=True)
    i += 1
"""


def _mini(tmp_path: Path, name: str = "mini") -> Path:
    return build.make_study(tmp_path / name)


def _spawn(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=ENV, start_new_session=True)


def _kill_group(proc: subprocess.Popen) -> tuple[str, str]:
    """kill -9 the process and every child it forked (a laptop that dies takes them all)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return proc.communicate(timeout=60)


def _run_cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench", *map(str, args)], capture_output=True, text=True,
                          env=ENV, timeout=timeout)


def _complete(path: Path) -> bool:
    """Is this output file whole? (What a half-written file of each kind would fail.)"""
    data = path.read_bytes()
    ext = path.suffix.lower()
    if ext == ".png":
        return data.startswith(b"\x89PNG") and data.endswith(b"IEND\xaeB`\x82")
    if ext == ".pdf":
        return data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    if ext == ".svg":
        return data.rstrip().endswith(b"</svg>")
    if ext == ".html":
        return data.rstrip().endswith(b"</html>")
    if ext == ".xlsx":
        openpyxl.load_workbook(path, read_only=True).close()
        return True
    if ext == ".csv":
        pd.read_csv(path)
        return data.endswith(b"\n")
    return len(data) > 0


def _visible_outputs_complete(folder: Path) -> list[str]:
    bad = []
    for p in sorted(folder.iterdir()) if folder.is_dir() else []:
        if p.name.startswith("."):
            continue  # a killed writer's temporary file (removed by the next run)
        try:
            ok = _complete(p)
        except Exception:  # noqa: BLE001 - any failure to read means: not complete
            ok = False
        if not ok:
            bad.append(p.name)
    return bad


# -- kill -9 ------------------------------------------------------------------------------------
@needs_kill
@pytest.mark.slow
def test_kill9_of_decision_writer_at_random_moments_loses_nothing(tmp_path):
    """≥ 20 rounds: a writer is killed at a random moment; every id it reported saved is stored."""
    rng = random.Random(18)
    study = tmp_path / "s"
    study.mkdir()
    Store.open(study).close()
    acknowledged: set[int] = set()
    rounds = 20
    for r in range(rounds):
        proc = _spawn(WRITER, study, f"c{r}", -1)
        # wait for the first saved decision, then let it write for a random while
        assert select.select([proc.stdout], [], [], 120)[0], "the writer did not start"
        first = proc.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.4))
        rest, err = _kill_group(proc)
        assert proc.returncode == -signal.SIGKILL, err
        acknowledged |= {int(x) for x in (first + rest).split()}
    with Store.open(study) as s:
        assert s.integrity_check() == "ok"
        stored = set(s.history()["coding_id"])
        missing = acknowledged - stored
        assert not missing, f"{len(missing)} acknowledged decisions lost"
        assert len(acknowledged) >= rounds
        s.decide("after#0", 0, 5, "need", "accepted", "anna")  # writable again


def _run_mini(study: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", RUN, str(study), str(out)], capture_output=True, text=True,
                          env=ENV, timeout=900)


@needs_kill
@pytest.mark.slow
def test_kill9_of_run_halfway_then_run_again_succeeds(tmp_path):
    """`workbench run` killed (with its forked children) at random moments: no half-written
    output under a real name, and the next run succeeds — also with researcher codings in the
    store (a coded pain point, a manual coding) and a notebook's decisions made meanwhile."""
    rng = random.Random(9)
    study, out = _mini(tmp_path), tmp_path / "out"
    first = _run_mini(study, out)
    assert first.returncode == 0, first.stderr
    with Store.open(study) as s:
        tags = s.suggestions()
        pain = tags[tags["label"] == "pain_point"].iloc[0]
        s.decide(pain.doc_id, int(pain.start_char), int(pain.end_char), "pain_point", "accepted", "anna")
        s.add_coding(pain.doc_id, int(pain.start_char), int(pain.end_char), "need", "bob")
    for delay in (rng.uniform(1.0, 6.0), rng.uniform(6.0, 14.0), rng.uniform(14.0, 25.0)):
        proc = _spawn(RUN, study, out)
        time.sleep(delay)
        _kill_group(proc)
        assert not _visible_outputs_complete(out)  # every file under a real name is whole
        assert _complete(study / ".workbench" / "personas.csv")
    again = _run_mini(study, out)
    assert again.returncode == 0, again.stderr
    assert "done" in again.stdout
    assert not [p.name for p in out.iterdir() if ".part" in p.name]  # leftovers cleaned
    assert not _visible_outputs_complete(out)
    with Store.open(study) as s:
        assert s.integrity_check() == "ok"
        assert len(s.codings()) == 2  # the researcher's decisions survived every kill


def _make_qdpx(tmp_path: Path) -> tuple[Path, int]:
    """A REFI-QDA project exported from a coded copy of the mini study, and its coding count."""
    src = _mini(tmp_path, "coded")
    res = _run_cli("tag", src)
    assert res.returncode == 0, res.stderr
    with Store.open(src) as s:
        for r in s.suggestions().head(12).itertuples():
            s.decide(r.doc_id, r.start_char, r.end_char, r.label, "accepted", "anna")
    qdpx = tmp_path / "coded.qdpx"
    res = _run_cli("export", src, "--qdpx", qdpx)
    assert res.returncode == 0, res.stderr
    return qdpx, 12


@needs_kill
@pytest.mark.slow
def test_kill9_of_import_then_import_again_succeeds(tmp_path):
    rng = random.Random(17)
    qdpx, n = _make_qdpx(tmp_path)
    study = _mini(tmp_path, "target")
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, "-m", "workbench", "import", str(study), str(qdpx)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
                                start_new_session=True)
        time.sleep(rng.uniform(0.5, 6.0))
        _kill_group(proc)
        with Store.open(study) as s:  # after any kill: consistent, all or nothing of an import
            assert s.integrity_check() == "ok"
            assert len(s.codings()) in (0, n)
    res = _run_cli("import", study, qdpx)
    assert res.returncode == 0, res.stderr
    with Store.open(study) as s:
        assert len(s.codings()) == n  # once, not duplicated by the repeated import


@needs_kill
@pytest.mark.slow
def test_two_writers_and_a_run_on_one_store(tmp_path):
    """Two processes code while `workbench run` reads and writes the same store: no 'locked'
    error reaches anyone, every decision is stored."""
    study, out = _mini(tmp_path), tmp_path / "out"
    Store.open(study).close()
    n = 150
    writers = [_spawn(WRITER, study, f"coder{i}", n, 60) for i in range(2)]
    run = subprocess.Popen([sys.executable, "-c", RUN, str(study), str(out)], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, env=ENV)
    results = [(p, *p.communicate(timeout=900)) for p in [*writers, run]]
    for p, _stdout, stderr in results:
        assert p.returncode == 0, stderr
        assert "locked" not in stderr
    ids = [int(x) for p, stdout, _ in results[:2] for x in stdout.split()]
    assert len(ids) == 2 * n
    with Store.open(study) as s:
        assert s.integrity_check() == "ok"
        assert set(ids) <= set(s.codings()["coding_id"])
        assert not s.suggestions().empty  # the run's own writes got through too


# -- disk full --------------------------------------------------------------------------------
@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB file system (tmpfs) mounted for the test; skipped where mounting is not allowed."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root); the simulated tests cover it")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 65536)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


@pytest.mark.slow
def test_disk_full_during_run_is_a_clear_error_and_leaves_no_partial_file(tmp_path, small_disk):
    study = _mini(tmp_path)
    out = small_disk / "out"
    out.mkdir()
    _fill(small_disk)
    res = _run_cli("run", study, "--out", out, "--no-progress")
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr and "No space left on device" in res.stderr
    assert "hint: The disk is full" in res.stderr
    assert list(out.iterdir()) == []  # nothing half-written, no temporary file left


def test_disk_full_while_coding_is_a_clear_error_and_loses_nothing(tmp_path, small_disk):
    study = small_disk / "s"
    study.mkdir()
    with Store.open(study) as s:
        kept = s.decide("P01#001", 0, 5, "pain_point", "accepted", "anna")
        filler = _fill(small_disk)
        failures = 0
        for i in range(50):  # until the store's last free pages are used up
            try:
                s.decide(f"P01#{i + 2:03d}", 0, 5, "need", "accepted", "anna")
            except StoreError as exc:
                assert "disk is full" in str(exc) and "rollback" not in str(exc)
                failures += 1
        assert failures
        filler.unlink()
        s.decide("P02#001", 0, 5, "need", "accepted", "anna")
        assert kept in set(s.codings()["coding_id"]) and s.integrity_check() == "ok"


def test_full_store_is_a_clear_error_never_cannot_rollback(tmp_path):
    """The same without root: SQLite's page limit gives the error a full disk gives (SQLITE_FULL)."""
    with Store.open(tmp_path) as s:
        kept = s.decide("P01#001", 0, 5, "pain_point", "accepted", "anna")
        pages = s.conn.execute("PRAGMA page_count").fetchone()[0]
        s.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StoreError, match="disk is full") as err:
            for i in range(5000):
                s.add_memo("x" * 2000, "anna", doc_id=f"P01#{i:03d}")
        assert "rollback" not in str(err.value)
        assert not s.conn.in_transaction
        s.conn.execute("PRAGMA max_page_count = 1073741823")
        s.decide("P02#001", 0, 5, "need", "accepted", "anna")
        assert kept in set(s.codings()["coding_id"])


def test_output_writer_failing_midway_leaves_previous_file_or_none(tmp_path, monkeypatch):
    """ENOSPC raised while a file is written (simulated): the previous version stays whole,
    the error names the file and says what to do, no temporary file is left."""
    from workbench import _atomic

    target = tmp_path / "journey_map.md"
    _atomic.write_text(target, "# old\n")

    def half_write_text(self, text, *a, **k):
        with open(self, "w") as fh:
            fh.write(text[:3])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", half_write_text)
    with pytest.raises(OutputError, match="No space left") as err:
        _atomic.write_text(target, "# new and longer\n")
    monkeypatch.undo()
    assert "disk is full" in str(err.value)
    assert target.read_text() == "# old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["journey_map.md"]


# -- read-only and unwritable study folders -----------------------------------------------------
@pytest.fixture
def read_only_view(tmp_path):
    """A read-only bind mount of a folder (root only); skipped elsewhere."""
    def make(src: Path) -> Path:
        dst = tmp_path / (src.name + "-ro")
        dst.mkdir()
        ok = os.geteuid() == 0 and subprocess.run(["mount", "--bind", str(src), str(dst)],
                                                  capture_output=True).returncode == 0
        if ok:
            ok = subprocess.run(["mount", "-o", "remount,ro,bind", str(dst)], capture_output=True).returncode == 0
            if not ok:
                subprocess.run(["umount", "-l", str(dst)], capture_output=True)
        if not ok:
            pytest.skip("cannot make a read-only mount here (needs root)")
        mounted.append(dst)
        return dst

    mounted: list[Path] = []
    yield make
    for m in mounted:
        subprocess.run(["umount", "-l", str(m)], capture_output=True)


@pytest.mark.slow
@pytest.mark.parametrize("with_store", [False, True])
def test_read_only_study_gives_a_clear_message(tmp_path, read_only_view, with_store):
    src = _mini(tmp_path)
    if with_store:
        assert _run_cli("tag", src).returncode == 0
    ro = read_only_view(src)
    commands = [["tag", ro], ["run", ro, "--out", tmp_path / "o1", "--no-progress"],
                ["map", ro, "--out", tmp_path / "o2"], ["export", ro, "--qdpx", tmp_path / "x.qdpx"]]
    for args in commands:
        res = _run_cli(*args)
        assert res.returncode == 2, (args, res.stderr)
        assert "Traceback" not in res.stderr, res.stderr
        assert "read-only" in res.stderr or "Read-only" in res.stderr, res.stderr
    with pytest.raises(StoreError, match="(?i)read-only"):
        Store.open(ro)


def test_unwritable_study_folder_store_open_is_a_store_error(tmp_path, monkeypatch):
    """Portable (no root needed): the folder refuses the store's directory."""
    study = tmp_path / "s"
    study.mkdir()

    def refuse(self, *a, **k):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(StoreError, match="Permission denied") as err:
        Store.open(study)
    assert "copy the study" in str(err.value)


def test_unwritable_output_folder_is_an_output_error(tmp_path, monkeypatch):
    from workbench import _atomic

    def refuse(self, *a, **k):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(OutputError, match="Permission denied"):
        _atomic.make_dir(tmp_path / "out")


def test_cli_turns_os_errors_into_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    from workbench import cli

    def boom(args):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "x.png"))

    monkeypatch.setattr("workbench.cli.info.run", boom)  # bound when main() builds the parser
    assert cli.main(["info", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "x.png: No space left on device" in err and "hint:" in err


def test_sqlite_error_text_maps_to_clear_messages(tmp_path):
    from workbench.coding.store import _store_error

    for text, needle in [("database or disk is full", "disk is full"),
                         ("attempt to write a readonly database", "read-only"),
                         ("unable to open database file", "read-only"),
                         ("disk I/O error", "disk reported an error"),
                         ("database is locked", "locked by another process")]:
        assert needle in str(_store_error(sqlite3.OperationalError(text), tmp_path / "store.sqlite"))


# -- atomic writes ------------------------------------------------------------------------------
def test_every_output_writer_goes_through_a_temporary_name(tmp_path, monkeypatch):
    """Figures, HTML, XLSX, Markdown, CSV and persona files are renamed into place: record every
    os.replace and check that each output of a run arrived that way."""
    from workbench.pipeline import run_study

    study = _mini(tmp_path)
    replaced: list[str] = []
    real = os.replace

    def spy(src, dst, *a, **k):
        if Path(src).name.startswith(".") and ".part" in Path(src).name:
            replaced.append(Path(dst).name)
        return real(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", spy)
    out = tmp_path / "out"
    run_study(study, out, k=2, n_boot=5, progress=False, parallel=False)
    written = {p.name for p in out.iterdir()}
    assert written and written <= set(replaced), written - set(replaced)
    assert "personas.csv" in replaced  # the study's own copy in .workbench too
    assert all(zipfile.is_zipfile(out / n) for n in written if n.endswith(".xlsx"))


def test_clean_stale_removes_only_dead_writers_temporary_files(tmp_path):
    from workbench import _atomic

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    (tmp_path / f".journey_map.pdf.{dead}.part.pdf").write_bytes(b"%PDF-half")
    mine = tmp_path / f".journey_map.png.{os.getpid()}.part.png"
    mine.write_bytes(b"half")
    (tmp_path / "journey_map.png").write_bytes(b"whole")
    removed = _atomic.clean_stale(tmp_path)
    assert [p.name for p in removed] == [f".journey_map.pdf.{dead}.part.pdf"]
    assert mine.exists() and (tmp_path / "journey_map.png").exists()
