"""Study store: every operation, errors, migrations, and durability under SIGKILL."""

from __future__ import annotations

import math
import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from workbench import schema
from workbench.coding import MEMOS, OPPORTUNITIES, SCHEMA_VERSION, Codebook, Store
from workbench.errors import StoreError

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path) as s:
        yield s


@pytest.fixture
def codebook() -> Codebook:
    cb = Codebook()
    for name in ("pain_point", "need", "touchpoint"):
        cb.add(name, name.title())
    cb.add("touchpoint/delivery", "Delivery", parent="touchpoint")
    return cb


def tags_frame() -> pd.DataFrame:
    return schema.conform(
        pd.DataFrame(
            {
                "doc_id": ["P01#001", "P01#001", "R1@Q5"],
                "sent_start": [0, 0, 0],
                "sent_end": [30, 30, 12],
                "start_char": [4, 15, 0],
                "end_char": [12, 22, 5],
                "text": ["te duur", "bezorgd", "traag"],
                "label": ["pain_point", "touchpoint", "pain_point"],
                "value": ["price", "delivery", pd.NA],
                "phase": ["purchase", pd.NA, "use_evaluation"],
                "score": [0.8, 0.55, math.nan],
                "rule_id": ["pp-01", "tp-07", "pp-02"],
            }
        ),
        schema.TAGS,
    )


# -- opening ----------------------------------------------------------------------------------
def test_open_creates_store_in_study_folder(tmp_path):
    with Store.open(tmp_path) as s:
        assert s.path == tmp_path / ".workbench" / "store.sqlite"
        assert s.version == SCHEMA_VERSION
        mode = s.conn.execute("PRAGMA journal_mode").fetchone()[0]
        sync = s.conn.execute("PRAGMA synchronous").fetchone()[0]
        assert (mode, sync) == ("wal", 2)  # 2 = FULL
        assert s.integrity_check() == "ok"
    assert s.path.exists()
    with pytest.raises(StoreError, match="closed"):
        s.codings()
    s.close()  # idempotent


def test_open_by_file_path_and_reopen_keeps_data(tmp_path):
    path = tmp_path / "my.sqlite"
    with Store.open(path) as s:
        cid = s.add_coding("d1", 0, 3, "need", "anna")
    with Store.open(path) as s:
        assert s.codings()["coding_id"].tolist() == [cid]


def test_open_errors(tmp_path):
    with pytest.raises(StoreError, match="no such study folder") as err:
        Store.open(tmp_path / "nowhere")
    assert err.value.hint
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "missing" / "store.sqlite")


def test_not_sqlite_file(tmp_path):
    bad = tmp_path / ".workbench" / "store.sqlite"
    bad.parent.mkdir()
    bad.write_bytes(b"this is a text file, certainly not a database\n" * 50)
    with pytest.raises(StoreError, match="not a Journey Workbench store") as err:
        Store.open(tmp_path)
    assert err.value.path == str(bad)
    assert "backup" in err.value.hint


def test_locked_database_times_out_with_hint(tmp_path, store):
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with Store.open(tmp_path, timeout=0.1) as waiting:
            with pytest.raises(StoreError, match="locked") as err:
                waiting.add_coding("d1", 0, 3, "need", "anna")
            assert "another" in err.value.hint.lower() or "Another" in err.value.hint
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.add_coding("d1", 0, 3, "need", "anna") == 1


# -- migrations -------------------------------------------------------------------------------
V1_DDL = """
CREATE TABLE coders (name TEXT PRIMARY KEY, created TEXT NOT NULL);
CREATE TABLE codes (position INTEGER NOT NULL, name TEXT PRIMARY KEY, label TEXT NOT NULL DEFAULT '',
    definition TEXT NOT NULL DEFAULT '', parent TEXT, colour TEXT NOT NULL, phase TEXT,
    guid TEXT NOT NULL UNIQUE);
CREATE TABLE codings (coding_id INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, code TEXT NOT NULL, coder TEXT NOT NULL,
    origin TEXT NOT NULL, decision TEXT NOT NULL, created TEXT NOT NULL,
    superseded_by INTEGER, supersedes INTEGER, undone TEXT);
CREATE TABLE memos (memo_id INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT, code TEXT, coder TEXT NOT NULL,
    text TEXT NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO coders VALUES ('anna', '2026-01-01T00:00:00.000Z');
INSERT INTO codings (doc_id, start_char, end_char, code, coder, origin, decision, created)
    VALUES ('P01#001', 4, 12, 'pain_point', 'anna', 'suggested', 'rejected', '2026-01-01T10:00:00.000Z');
INSERT INTO codings (doc_id, start_char, end_char, code, coder, origin, decision, created)
    VALUES ('P01#002', 0, 5, 'need', 'anna', 'manual', 'accepted', '2026-01-01T10:01:00.000Z');
INSERT INTO memos (doc_id, code, coder, text, created, updated)
    VALUES ('P01#001', NULL, 'anna', 'v1 memo', '2026-01-01T10:02:00.000Z', '2026-01-01T10:02:00.000Z');
PRAGMA user_version = 1;
"""


def _make_file(path: Path, script: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(script)
    conn.close()


def test_v1_file_is_migrated(tmp_path):
    path = tmp_path / ".workbench" / "store.sqlite"
    _make_file(path, V1_DDL)
    with Store.open(tmp_path) as s:
        assert s.version == SCHEMA_VERSION >= 5
        codings = s.codings()
        assert codings["code"].tolist() == ["pain_point", "need"]
        assert codings["created"].iloc[0] == "2026-01-01T10:00:00.000Z"
        # the migration back-filled which suggestion the v1 decision was about
        assert s.decided_keys("anna") == {("P01#001", 4, 12, "pain_point")}
        assert s.memos()["text"].tolist() == ["v1 memo"]
        # and the new tables work
        assert s.replace_suggestions(tags_frame().assign(evidence="lexicon -0.70; negated by 'niet'")) == 3
        assert set(s.suggestions()["evidence"]) == {"lexicon -0.70; negated by 'niet'"}  # v3 keeps the evidence
        s.set_persona_name(0, "Praktische Petra", "anna")
        assert s.persona_names() == {"0": "Praktische Petra"}


def test_failed_migration_leaves_file_untouched(tmp_path):
    path = tmp_path / "store.sqlite"
    _make_file(path, "CREATE TABLE coders (name TEXT); PRAGMA user_version = 1;")  # no codings table
    with pytest.raises(StoreError, match="codings"):
        Store.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'suggestions'").fetchone() is None
    conn.close()


def test_newer_store_version_is_refused(tmp_path):
    path = tmp_path / "store.sqlite"
    _make_file(path, "PRAGMA user_version = 99;")
    with pytest.raises(StoreError, match="version 99") as err:
        Store.open(path)
    assert "upgrade" in err.value.hint


# -- codebook and coders ----------------------------------------------------------------------
def test_codebook_round_trip(store, codebook):
    assert store.codebook() is None
    store.save_codebook(codebook)
    assert store.codebook() == codebook
    codebook.remove("need")
    store.save_codebook(codebook)
    assert store.codebook().names == ["pain_point", "touchpoint", "touchpoint/delivery"]


def test_coders(store):
    store.add_coder("anna")
    store.add_coding("d1", 0, 3, "need", "bram")
    store.add_coder("anna")
    assert store.coders() == ["anna", "bram"]
    with pytest.raises(StoreError, match="coder"):
        store.add_coder("  ")


# -- codings ----------------------------------------------------------------------------------
def test_add_coding_and_frame(store):
    a = store.add_coding("d1", 0, 3, "need", "anna")
    b = store.add_coding("d1", 0, 3, "need", "anna")  # identical active coding: not duplicated
    c = store.add_coding("d2", 5, 9, "pain_point", "bram", origin="imported", created="2025-05-05T00:00:00Z")
    assert a == b and c == a + 1
    frame = store.codings()
    schema.check(frame, schema.CODINGS)
    assert frame[["doc_id", "start_char", "end_char", "code", "coder"]].values.tolist() == [
        ["d1", 0, 3, "need", "anna"],
        ["d2", 5, 9, "pain_point", "bram"],
    ]
    assert frame["created"].iloc[1] == "2025-05-05T00:00:00Z"
    assert frame["created"].iloc[0].endswith("Z")
    assert store.codings(coder="bram")["coding_id"].tolist() == [c]
    assert store.codings(doc_id="d1")["coding_id"].tolist() == [a]


@pytest.mark.parametrize(
    "args, kwargs, match",
    [
        (("d1", 5, 5, "need", "anna"), {}, "invalid span"),
        (("d1", -1, 5, "need", "anna"), {}, "invalid span"),
        (("d1", "x", 5, "need", "anna"), {}, "not a pair of offsets"),
        (("", 0, 5, "need", "anna"), {}, "invalid document id"),
        (("d1", 0, 5, "need", "anna"), {"origin": "guessed"}, "invalid origin"),
        (("d1", 0, 5, "need", "anna"), {"decision": "maybe"}, "invalid decision"),
        (("d1", 0, 5, "", "anna"), {}, "invalid code"),
        (("d1", 0, 5, "need", ""), {}, "invalid coder"),
    ],
)
def test_add_coding_validation(store, args, kwargs, match):
    with pytest.raises(StoreError, match=match):
        store.add_coding(*args, **kwargs)
    assert store.codings(active_only=False).empty  # nothing half-written


def test_unknown_code_refused_once_codebook_saved(store, codebook):
    store.add_coding("d1", 0, 3, "anything", "anna")  # no codebook yet: any name
    store.save_codebook(codebook)
    with pytest.raises(StoreError, match="not in the study's codebook") as err:
        store.add_coding("d1", 0, 3, "anything-else", "anna")
    assert "save_codebook" in err.value.hint


def test_decide_supersedes_and_is_idempotent(store):
    first = store.decide("d1", 4, 12, "pain_point", "accepted", "anna")
    assert store.decide("d1", 4, 12, "pain_point", "accepted", "anna") == first
    second = store.decide("d1", 4, 12, "pain_point", "rejected", "anna")
    other = store.decide("d1", 4, 12, "pain_point", "accepted", "bram")
    active = store.codings()
    assert active["coding_id"].tolist() == [second, other]
    assert active["decision"].tolist() == ["rejected", "accepted"]
    assert active["origin"].tolist() == ["suggested", "suggested"]
    hist = store.history()
    assert hist["coding_id"].tolist() == [first, second, other]
    assert hist["superseded_by"].tolist()[0] == second
    assert hist["supersedes"].tolist()[1] == first
    assert store.decided_keys("anna") == {("d1", 4, 12, "pain_point")}
    assert store.suggestion_decisions("anna") == {
        ("d1", 4, 12, "pain_point"): (second, "rejected", "pain_point")
    }
    assert store.suggestion_decisions()[("d1", 4, 12, "pain_point")][0] == other


def test_decide_as_other_code(store):
    cid = store.decide("d1", 15, 22, "touchpoint/delivery", "accepted", "anna", as_code="touchpoint")
    row = store.codings().iloc[0]
    assert (row["coding_id"], row["code"]) == (cid, "touchpoint")
    assert store.suggestion_decisions("anna") == {
        ("d1", 15, 22, "touchpoint/delivery"): (cid, "accepted", "touchpoint")
    }


def test_change_code_and_undo(store):
    cid = store.add_coding("d1", 0, 3, "need", "anna")
    new = store.change_code(cid, "pain_point", "anna")
    assert store.codings()[["coding_id", "code"]].values.tolist() == [[new, "pain_point"]]
    assert store.undo_last("anna") is True  # undo the change: the original is back
    assert store.codings()[["coding_id", "code"]].values.tolist() == [[cid, "need"]]
    assert store.undo_last("anna") is True  # undo the coding itself
    assert store.codings().empty
    assert store.undo_last("anna") is False
    hist = store.history()
    assert len(hist) == 2 and hist["undone"].notna().all()  # nothing deleted


def test_change_code_errors(store):
    cid = store.add_coding("d1", 0, 3, "need", "anna")
    with pytest.raises(StoreError, match="belongs to coder 'anna'"):
        store.change_code(cid, "pain_point", "bram")
    new = store.change_code(cid, "pain_point", "anna")
    with pytest.raises(StoreError, match="does not exist or was replaced"):
        store.change_code(cid, "need", "anna")
    with pytest.raises(StoreError, match="does not exist"):
        store.change_code(new + 100, "need", "anna")


def test_undo_is_per_coder_and_skips_imports(store):
    store.add_coding("d9", 0, 2, "need", "anna", origin="imported")
    a = store.decide("d1", 0, 3, "need", "accepted", "anna")
    store.decide("d1", 0, 3, "need", "accepted", "bram")
    store.decide("d1", 0, 3, "need", "rejected", "anna")
    assert store.undo_last("anna")  # back to anna's accept
    assert store.suggestion_decisions("anna")[("d1", 0, 3, "need")] == (a, "accepted", "need")
    assert store.undo_last("anna")
    assert not store.undo_last("anna")  # the import stays
    assert store.codings()["coder"].tolist() == ["anna", "bram"]
    assert store.codings()["origin"].tolist() == ["imported", "suggested"]


def test_import_codings_one_transaction(store):
    frame = pd.DataFrame(
        {
            "doc_id": ["d1", "d2"],
            "start_char": [0, 3],
            "end_char": [4, 8],
            "code": ["need", "pain_point"],
            "coder": ["anna", "bram"],
            "created": ["2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"],
        }
    )
    ids = store.import_codings(frame)
    out = store.codings()
    assert out["coding_id"].tolist() == ids
    assert out["origin"].tolist() == ["imported", "imported"]
    assert out["decision"].tolist() == ["accepted", "accepted"]
    assert out["created"].tolist() == ["2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"]
    bad = frame.assign(end_char=[4, 1])
    with pytest.raises(StoreError, match="invalid span"):
        store.import_codings(bad)
    assert len(store.codings()) == 2  # the failing batch was rolled back as a whole


# -- other tables -----------------------------------------------------------------------------
def test_memos(store):
    m1 = store.add_memo("doc memo", "anna", doc_id="d1")
    m2 = store.add_memo("code memo", "bram", code="need")
    store.update_memo(m1, "doc memo, revised")
    memos = store.memos()
    schema.check(memos, MEMOS)
    assert memos["text"].tolist() == ["doc memo, revised", "code memo"]
    assert memos["updated"].iloc[0] >= memos["created"].iloc[0]
    assert pd.isna(memos["code"].iloc[0]) and pd.isna(memos["doc_id"].iloc[1])
    assert store.memos(doc_id="d1", coder="anna")["memo_id"].tolist() == [m1]
    assert store.memos(code="need")["memo_id"].tolist() == [m2]
    store.delete_memo(m2)
    assert store.memos()["memo_id"].tolist() == [m1]
    with pytest.raises(StoreError, match="no memo"):
        store.update_memo(999, "x")


def test_suggestions_round_trip(store):
    tags = tags_frame()
    assert store.suggestions().empty
    store.replace_suggestions(tags)
    back = store.suggestions()
    schema.check(back, schema.TAGS)
    pd.testing.assert_frame_equal(back, tags)
    assert store.suggestions("R1@Q5")["text"].tolist() == ["traag"]
    store.replace_suggestions(tags.iloc[:1])
    assert len(store.suggestions()) == 1


def test_doc_tags_round_trip(store):
    doc_tags = schema.conform(
        pd.DataFrame(
            {
                "doc_id": ["P01#001", "R1@Q5"],
                "pain_point": [1, 0],
                "need": [0, 1],
                "sentiment": [-0.5, 0.0],
                "phase": ["purchase", pd.NA],
                "touchpoints": ["delivery; website", ""],
            }
        ),
        schema.DOC_TAGS,
    )
    store.replace_doc_tags(doc_tags)
    back = store.doc_tags()
    schema.check(back, schema.DOC_TAGS)
    pd.testing.assert_frame_equal(back, doc_tags)


def test_persona_names(store):
    store.set_persona_name(0, "Praktische Petra", "anna")
    store.set_persona_name("1", "Twijfelende Tom", "anna")
    store.set_persona_name(0, "  Petra  ", "bram")
    assert store.persona_names() == {"0": "Petra", "1": "Twijfelende Tom"}
    store.set_persona_name(1, "", "anna")
    assert store.persona_names() == {"0": "Petra"}


def test_opportunities_crud(store):
    a = store.add_opportunity("Track-and-trace per sms", "anna", persona_key=0, phase="use_evaluation")
    b = store.add_opportunity("Verzendkosten eerder tonen", "anna", phase="purchase", origin="derived")
    store.update_opportunity(a, "bram", status="accepted")
    store.update_opportunity(b, "bram", text="Verzendkosten op de productpagina")
    frame = store.opportunities()
    schema.check(frame, OPPORTUNITIES)
    assert frame["opportunity_id"].tolist() == [a, b]
    assert frame["persona_key"].iloc[0] == "0" and pd.isna(frame["persona_key"].iloc[1])
    assert frame["status"].tolist() == ["accepted", "open"]
    assert frame["coder"].tolist() == ["bram", "bram"]
    assert frame["text"].iloc[1] == "Verzendkosten op de productpagina"
    assert frame["origin"].tolist() == ["manual", "derived"]
    assert store.opportunities(persona_key=0)["opportunity_id"].tolist() == [a]
    assert store.opportunities(phase="purchase")["opportunity_id"].tolist() == [b]
    store.delete_opportunity(a)
    assert store.opportunities()["opportunity_id"].tolist() == [b]
    with pytest.raises(StoreError, match="invalid status"):
        store.update_opportunity(b, "anna", status="someday")
    with pytest.raises(StoreError, match="needs a text"):
        store.add_opportunity("  ", "anna")
    with pytest.raises(StoreError, match="invalid origin"):
        store.add_opportunity("x", "anna", origin="magic")
    with pytest.raises(StoreError, match="no opportunity"):
        store.update_opportunity(999, "anna", status="done")


def test_settings(store):
    assert store.setting("review.order", "document") == "document"
    store.set_setting("review.order", "uncertain")
    store.set_setting("weights", {"a": [1, 2.5]})
    assert store.setting("review.order") == "uncertain"
    assert store.setting("weights") == {"a": [1, 2.5]}
    with pytest.raises(StoreError, match="JSON"):
        store.set_setting("bad", object())


# -- durability -------------------------------------------------------------------------------
WRITER = r"""
import sys
from workbench.coding.store import Store

store = Store.open(sys.argv[1])
i = 0
while True:
    cid = store.decide(f"P01#{i:03d}", 0, 5, "pain_point", "accepted" if i % 3 else "rejected", "anna")
    if i % 5 == 0:
        store.add_memo(f"memo {i}", "anna", doc_id=f"P01#{i:03d}")
    print(cid, flush=True)
    i += 1
"""


def _read_lines(proc: subprocess.Popen, n: int, deadline: float) -> list[str]:
    lines = []
    while len(lines) < n:
        left = deadline - time.monotonic()
        assert left > 0, "the writer process did not produce ids in time"
        ready, _, _ = select.select([proc.stdout], [], [], left)
        if ready:
            line = proc.stdout.readline()
            if not line:
                raise AssertionError(f"writer died: {proc.stderr.read()}")
            lines.append(line)
    return lines


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_session_loses_no_committed_decision(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        lines = _read_lines(proc, 40, time.monotonic() + 120)
        os.kill(proc.pid, signal.SIGKILL)
        rest, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    printed = [int(x) for x in lines + rest.splitlines() if x.strip()]
    assert len(printed) >= 40
    with Store.open(tmp_path) as s:
        assert s.integrity_check() == "ok"
        stored = set(s.codings()["coding_id"])
        assert set(printed) <= stored
        assert len(s.memos()) >= len(printed) // 5
        s.add_coding("after", 0, 1, "need", "anna")  # the store is writable again
