"""The study store: every decision a researcher makes, in one SQLite file per study.

``<study>/.workbench/store.sqlite`` holds the coders, the codebook, the codings with their full
change history, memos, the tagger's suggestions, persona names, opportunities, the map plan
(backstage and KPI targets per phase) and settings.

Durability
    Every write runs in its own transaction (``BEGIN IMMEDIATE`` … ``COMMIT``, issued explicitly
    on an autocommit connection rather than through ``with conn:``, so the write lock is taken up
    front and a busy store fails fast with a clear error) and returns only after the commit. The journal is a write-ahead log (``journal_mode=WAL``): readers never block
    the writer, and a killed kernel leaves the file consistent with every committed decision in
    it. ``synchronous=FULL`` makes SQLite also flush the log to disk at each commit, so decisions
    survive a power cut or OS crash, not only a killed process (``NORMAL`` would only guarantee the
    latter). Decisions come at the pace of clicks, so the extra flush costs nothing noticeable
    (``benchmarks/store_commits.py`` prints the commit rate). Keep the study on a local disk:
    WAL does not work on network file systems.

History
    Decision rows are never deleted. Re-deciding a suggestion or changing a code adds a row that
    ``supersedes`` the old one (which gets ``superseded_by``); :meth:`Store.undo_last` marks the
    coder's last action ``undone`` and puts back what it had replaced. :meth:`Store.codings`
    returns the active rows; :meth:`Store.history` all of them.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as study, Store.open(study) as store:
...     cid = store.add_coding("P01#003", 4, 12, "pain_point", coder="anna")
...     store.codings()[["doc_id", "code", "decision"]].to_dict("records")
[{'doc_id': 'P01#003', 'code': 'pain_point', 'decision': 'accepted'}]
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from .. import schema
from ..errors import StoreError
from ._migrations import MIGRATIONS, SCHEMA_VERSION
from ._store_exchange import ACTIVE as _ACTIVE
from ._store_exchange import CASES, VARIABLES, ExchangeRowsMixin
from ._store_plan import BACKSTAGE, KPIS, PlanRowsMixin
from ._store_rows import MEMOS, OPPORTUNITIES, StoreRowsMixin, now_utc, py_value, rows_frame
from .codebook import Code, Codebook

__all__ = [
    "Store", "STORE_DIR", "STORE_FILE", "SCHEMA_VERSION", "SuggestionKey", "MEMOS", "OPPORTUNITIES", "CASES",
    "VARIABLES", "BACKSTAGE", "KPIS",
]

STORE_DIR = ".workbench"
STORE_FILE = "store.sqlite"
ORIGINS = ("suggested", "manual", "imported")
DECISIONS = ("accepted", "rejected")

#: ``(doc_id, start_char, end_char, suggested code)``: identifies a suggestion across runs.
SuggestionKey = tuple[str, int, int, str]

_CODING_COLS = "coding_id, doc_id, start_char, end_char, code, coder, origin, decision, created"


class Store(StoreRowsMixin, ExchangeRowsMixin, PlanRowsMixin):
    """A study's decision store. Create with :meth:`Store.open`; use as a context manager.

    All methods write through at once (one transaction per call) and raise
    :class:`~workbench.errors.StoreError` when the file cannot be read or written.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn: sqlite3.Connection | None = conn
        self.path = path

    # -- opening --------------------------------------------------------------------------
    @classmethod
    def open(cls, location: str | PathLike, *, timeout: float = 5.0) -> Store:
        """Open (creating or migrating as needed) the store of a study.

        Parameters
        ----------
        location : path
            A study folder (the store is ``<folder>/.workbench/store.sqlite``) or the store file.
        timeout : float
            Seconds to wait for another process's write to finish before giving up.

        Raises
        ------
        StoreError
            When the folder does not exist, the file is not a SQLite database, the store was
            written by a newer version of the workbench, or it stays locked for ``timeout``.
        """
        location = Path(location)
        if location.is_dir():
            path = location / STORE_DIR / STORE_FILE
            try:
                path.parent.mkdir(exist_ok=True)
            except OSError as exc:  # a read-only study folder, or one the user may not write
                raise StoreError(
                    f"cannot create the study store's folder: {exc.strerror or exc}",
                    path=path.parent,
                    hint="The workbench keeps your decisions in <study>/.workbench/: make the study folder "
                    "writable, or copy the study to a folder of your own (workbench.copy_study).",
                ) from None
        elif location.exists() or location.suffix in (".sqlite", ".db"):
            path = location
            if not path.parent.is_dir():
                raise StoreError(
                    "the folder for the store does not exist",
                    path=path,
                    hint="Create the study folder first.",
                )
        else:
            raise StoreError(
                "no such study folder", path=location, hint="Pass the study folder or the store.sqlite file."
            )
        try:
            conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise _store_error(exc, path) from exc
        store = cls(conn, path)
        try:
            conn.execute("PRAGMA journal_mode=WAL").fetchone()
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            store._migrate()
        except sqlite3.Error as exc:
            conn.close()
            raise _store_error(exc, path) from exc
        except StoreError:
            conn.close()
            raise
        return store

    def _migrate(self) -> None:
        conn = self.conn
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the store has schema version {version}; this workbench knows up to {SCHEMA_VERSION}",
                path=self.path,
                hint="It was written by a newer Journey Workbench: upgrade (pip install -U journey-workbench).",
            )
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have won
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError("the store is closed", path=self.path, hint="Open it again with Store.open(…).")
        return self._conn

    @property
    def version(self) -> int:
        """The schema version of the file (``PRAGMA user_version``)."""
        return self._read("PRAGMA user_version")[0][0]

    def close(self) -> None:
        """Close the file (idempotent). Everything was committed already."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r}{', closed' if self._conn is None else ''})"

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` result (``'ok'`` for a healthy file)."""
        return "; ".join(r[0] for r in self._read("PRAGMA integrity_check"))

    # -- transactions ---------------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _store_error(exc, self.path) from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            _rollback(conn)
            raise _store_error(exc, self.path) from exc
        except BaseException:
            _rollback(conn)
            raise

    def _read(self, sql: str, params: tuple = ()) -> list[tuple]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise _store_error(exc, self.path) from exc

    def _frame(self, sql: str, params: tuple, columns: list[str]) -> pd.DataFrame:
        return rows_frame(self._read(sql, params), columns)

    # -- coders ---------------------------------------------------------------------------
    def add_coder(self, name: str) -> None:
        """Register a coder (idempotent; writing a decision registers its coder too)."""
        with self._write() as conn:
            self._touch_coder(conn, name)

    def coders(self) -> list[str]:
        """Coder names in order of first appearance."""
        return [r[0] for r in self._read("SELECT name FROM coders ORDER BY created, name")]

    def _touch_coder(self, conn: sqlite3.Connection, name: str) -> None:
        if not isinstance(name, str) or not name.strip():
            raise StoreError(f"invalid coder name {name!r}", path=self.path, hint="Give every coder a name.")
        conn.execute("INSERT OR IGNORE INTO coders (name, created) VALUES (?, ?)", (name, now_utc()))

    # -- codebook -------------------------------------------------------------------------
    def save_codebook(self, codebook: Codebook) -> None:
        """Replace the stored codebook with ``codebook`` (one transaction)."""
        with self._write() as conn:
            conn.execute("DELETE FROM codes")
            conn.executemany(
                "INSERT INTO codes (position, name, label, definition, parent, colour, phase, guid, codable)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (i, c.name, c.label, c.definition, c.parent, c.colour, c.phase, c.guid, int(c.codable))
                    for i, c in enumerate(codebook)
                ],
            )

    def codebook(self) -> Codebook | None:
        """The stored codebook, or ``None`` when none was saved yet."""
        rows = self._read(
            "SELECT name, label, definition, parent, colour, phase, guid, codable FROM codes ORDER BY position"
        )
        if not rows:
            return None
        return Codebook(Code(*row[:7], codable=bool(row[7])) for row in rows)

    def _check_code(self, conn: sqlite3.Connection, code: str) -> None:
        if not isinstance(code, str) or not code:
            raise StoreError(f"invalid code {code!r}", path=self.path, hint="A code is a non-empty name.")
        if conn.execute("SELECT 1 FROM codes LIMIT 1").fetchone() is None:
            return  # no codebook saved: any code name is accepted
        if conn.execute("SELECT 1 FROM codes WHERE name = ?", (code,)).fetchone() is None:
            raise StoreError(
                f"code '{code}' is not in the study's codebook",
                path=self.path,
                key=code,
                hint="Add the code to the codebook and save it (store.save_codebook(cb)) first.",
            )

    # -- codings --------------------------------------------------------------------------
    def add_coding(
        self,
        doc_id: str,
        start: int,
        end: int,
        code: str,
        coder: str,
        origin: str = "manual",
        decision: str = "accepted",
        *,
        suggestion: str | None = None,
        created: str | None = None,
    ) -> int:
        """Record a coding and return its ``coding_id``.

        An identical active coding (same document, span, code, coder and decision) is not
        duplicated: its id is returned. ``suggestion`` names the suggested code the coding
        decides (for ``origin="suggested"`` it defaults to ``code``); ``created`` keeps the
        original time of an imported coding.
        """
        with self._write() as conn:
            return self._insert_coding(
                conn, doc_id, start, end, code, coder, origin, decision, suggestion, created
            )

    def import_codings(self, codings: pd.DataFrame, *, origin: str = "imported") -> list[int]:
        """Add many codings (``CODINGS`` columns; ``coding_id`` ignored) in one transaction.

        ``created`` is kept when given. Optional columns ``memo`` (the coding's memo) and
        ``selection`` (the guid of the REFI-QDA selection the coding came from; the pieces of
        a selection that spans several turns share it) are stored with the coding (see
        :meth:`coding_notes`). Returns the ids, in row order.
        """
        frame = schema.conform(codings, schema.CODINGS)
        extra = [codings[c].tolist() if c in codings else [None] * len(frame) for c in ("memo", "selection")]
        ids = []
        with self._write() as conn:
            for row, memo, selection in zip(frame.itertuples(index=False), *extra, strict=True):
                cid = self._insert_coding(
                    conn,
                    py_value(row.doc_id),
                    py_value(row.start_char),
                    py_value(row.end_char),
                    py_value(row.code),
                    py_value(row.coder),
                    origin,
                    py_value(row.decision) or "accepted",
                    None,
                    py_value(row.created),
                )
                memo, selection = py_value(memo), py_value(selection)
                if memo or selection:
                    conn.execute(
                        "UPDATE codings SET memo = COALESCE(?, memo), selection = COALESCE(?, selection)"
                        " WHERE coding_id = ?",
                        (memo or None, selection or None, cid),
                    )
                ids.append(cid)
        return ids

    def decide(
        self,
        doc_id: str,
        start: int,
        end: int,
        code: str,
        decision: str,
        coder: str,
        *,
        as_code: str | None = None,
    ) -> int:
        """Accept or reject the suggestion ``(doc_id, start, end, code)``; return the coding id.

        ``as_code`` accepts the suggested span under another code (the reviewer changed the
        code). A coder's earlier decision on the same suggestion is superseded (kept in the
        history); repeating the same decision changes nothing and returns the existing id.
        """
        coded = as_code or code
        with self._write() as conn:
            old = self._active_for_suggestion(conn, (doc_id, start, end, code), coder)
            if old is not None and old[1] == decision and old[2] == coded:
                return old[0]
            new = self._insert_coding(
                conn, doc_id, start, end, coded, coder, "suggested", decision, code, None, dedupe=False
            )
            if old is not None:
                self._supersede(conn, old[0], new)
            return new

    def change_code(self, coding_id: int, new_code: str, coder: str) -> int:
        """Replace the code of an active coding (accepting it); return the new coding's id."""
        with self._write() as conn:
            row = conn.execute(
                f"SELECT doc_id, start_char, end_char, coder, origin, suggestion FROM codings"
                f" WHERE coding_id = ? AND {_ACTIVE}",
                (int(coding_id),),
            ).fetchone()
            if row is None:
                raise StoreError(
                    f"coding {coding_id} does not exist or was replaced",
                    path=self.path,
                    hint="Change an active coding (see store.codings()).",
                )
            if row[3] != coder:
                raise StoreError(
                    f"coding {coding_id} belongs to coder '{row[3]}'",
                    path=self.path,
                    hint="Each coder changes only their own codings; add your own coding instead.",
                )
            new = self._insert_coding(
                conn, row[0], row[1], row[2], new_code, coder, row[4], "accepted", row[5], None, dedupe=False
            )
            self._supersede(conn, int(coding_id), new)
            return new

    def undo_last(self, coder: str) -> bool:
        """Undo the coder's most recent action still in effect; ``False`` when there is none.

        The row is marked ``undone`` (not deleted) and the row it had replaced becomes active again.
        Imported codings are not undone this way.
        """
        with self._write() as conn:
            row = conn.execute(
                f"SELECT coding_id, supersedes FROM codings WHERE coder = ? AND {_ACTIVE}"
                " AND origin != 'imported' ORDER BY coding_id DESC LIMIT 1",
                (coder,),
            ).fetchone()
            if row is None:
                return False
            conn.execute("UPDATE codings SET undone = ? WHERE coding_id = ?", (now_utc(), row[0]))
            if row[1] is not None:
                conn.execute(
                    "UPDATE codings SET superseded_by = NULL WHERE coding_id = ? AND superseded_by = ?",
                    (row[1], row[0]),
                )
            return True

    def codings(
        self, active_only: bool = True, *, coder: str | None = None, doc_id: str | None = None
    ) -> pd.DataFrame:
        """Codings as a ``schema.CODINGS`` frame, oldest first.

        ``active_only=False`` includes superseded and undone rows (see :meth:`history` for the
        columns that tell them apart).
        """
        where, params = _where(active_only, coder=coder, doc_id=doc_id)
        cols = _CODING_COLS.split(", ")
        frame = self._frame(f"SELECT {_CODING_COLS} FROM codings{where} ORDER BY coding_id", params, cols)
        return schema.conform(frame, schema.CODINGS)

    def history(self, *, coder: str | None = None, doc_id: str | None = None) -> pd.DataFrame:
        """Every coding row: ``CODINGS`` columns then ``suggestion``, ``supersedes``,
        ``superseded_by`` (nullable Int64) and ``undone`` (ISO time or <NA>)."""
        extra = ["suggestion", "supersedes", "superseded_by", "undone"]
        where, params = _where(False, coder=coder, doc_id=doc_id)
        cols = _CODING_COLS.split(", ") + extra
        frame = self._frame(f"SELECT {', '.join(cols)} FROM codings{where} ORDER BY coding_id", params, cols)
        out = schema.conform(frame, schema.CODINGS)
        out["suggestion"] = frame["suggestion"].astype("string").to_numpy()
        for col in ("supersedes", "superseded_by"):
            out[col] = pd.array(frame[col].tolist(), dtype="Int64")
        out["undone"] = frame["undone"].astype("string").to_numpy()
        return out

    def suggestion_decisions(self, coder: str | None = None) -> dict[SuggestionKey, tuple[int, str, str]]:
        """Active decisions on suggestions: ``key -> (coding_id, decision, code)``.

        With several coders and ``coder=None`` the most recent decision per key wins.
        """
        where, params = _where(True, coder=coder)
        rows = self._read(
            f"SELECT doc_id, start_char, end_char, suggestion, coding_id, decision, code FROM codings"
            f"{where} AND suggestion IS NOT NULL ORDER BY coding_id",
            params,
        )
        return {(r[0], r[1], r[2], r[3]): (r[4], r[5], r[6]) for r in rows}

    def decided_keys(self, coder: str | None = None) -> set[SuggestionKey]:
        """The suggestions (``(doc_id, start, end, code)``) with an active decision."""
        return set(self.suggestion_decisions(coder))

    # -- coding internals -----------------------------------------------------------------
    def _insert_coding(
        self, conn, doc_id, start, end, code, coder, origin, decision, suggestion, created, *, dedupe=True
    ) -> int:
        if not isinstance(doc_id, str) or not doc_id:
            raise StoreError(f"invalid document id {doc_id!r}", path=self.path, hint="Use DOCUMENTS.doc_id.")
        try:
            start, end = int(start), int(end)
        except (TypeError, ValueError):
            raise StoreError(
                f"span ({start!r}, {end!r}) is not a pair of offsets", path=self.path, key=doc_id
            ) from None
        if not 0 <= start < end:
            raise StoreError(
                f"invalid span {start}..{end}",
                path=self.path,
                key=doc_id,
                hint="A span needs 0 <= start < end (character offsets in the document's text).",
            )
        if origin not in ORIGINS:
            raise StoreError(f"invalid origin {origin!r}", path=self.path, hint=f"Use one of {ORIGINS}.")
        if decision not in DECISIONS:
            raise StoreError(
                f"invalid decision {decision!r}", path=self.path, hint=f"Use one of {DECISIONS}."
            )
        self._check_code(conn, code)
        self._touch_coder(conn, coder)
        if suggestion is None and origin == "suggested":
            suggestion = code
        if dedupe:
            row = conn.execute(
                f"SELECT coding_id FROM codings WHERE doc_id = ? AND start_char = ? AND end_char = ?"
                f" AND code = ? AND coder = ? AND decision = ? AND {_ACTIVE}",
                (doc_id, start, end, code, coder, decision),
            ).fetchone()
            if row is not None:
                return row[0]
        cur = conn.execute(
            "INSERT INTO codings (doc_id, start_char, end_char, code, coder, origin, decision, created,"
            " suggestion) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, start, end, code, coder, origin, decision, created or now_utc(), suggestion),
        )
        return int(cur.lastrowid)

    def _active_for_suggestion(self, conn, key: SuggestionKey, coder: str) -> tuple[int, str, str] | None:
        doc_id, start, end, code = key
        row = conn.execute(
            f"SELECT coding_id, decision, code FROM codings WHERE coder = ? AND doc_id = ?"
            f" AND start_char = ? AND end_char = ? AND suggestion = ? AND {_ACTIVE}"
            " ORDER BY coding_id DESC LIMIT 1",
            (coder, doc_id, int(start), int(end), code),
        ).fetchone()
        return None if row is None else (row[0], row[1], row[2])

    @staticmethod
    def _supersede(conn, old: int, new: int) -> None:
        conn.execute("UPDATE codings SET superseded_by = ? WHERE coding_id = ?", (new, old))
        conn.execute("UPDATE codings SET supersedes = ? WHERE coding_id = ?", (old, new))

    # -- settings -------------------------------------------------------------------------
    def set_setting(self, key: str, value: Any) -> None:
        """Store a JSON-serialisable value under ``key``."""
        try:
            text = json.dumps(value)
        except (TypeError, ValueError) as exc:
            raise StoreError(
                f"setting '{key}' is not JSON-serialisable: {exc}",
                path=self.path,
                key=key,
                hint="Store numbers, text, lists and dicts.",
            ) from None
        with self._write() as conn:
            conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, text))

    def setting(self, key: str, default: Any = None) -> Any:
        """The value stored under ``key``, or ``default``."""
        rows = self._read("SELECT value FROM settings WHERE key = ?", (key,))
        return json.loads(rows[0][0]) if rows else default


def _where(active_only: bool, **equal: object) -> tuple[str, tuple]:
    clauses = [_ACTIVE] if active_only else []
    params = []
    for col, value in equal.items():
        if value is not None:
            clauses.append(f"{col} = ?")
            params.append(value)
    return (" WHERE " + " AND ".join(clauses) if clauses else " WHERE 1"), tuple(params)


def _rollback(conn: sqlite3.Connection) -> None:
    """Roll back what is open. SQLite may have rolled back by itself already (a full disk, an I/O
    error): then there is nothing to do, and saying "cannot rollback" would hide the real error."""
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass


def _store_error(exc: sqlite3.Error, path: Path) -> StoreError:
    text = str(exc)
    if "full" in text:  # SQLITE_FULL: "database or disk is full"
        return StoreError(
            "the disk is full: this change was not saved (everything saved before is kept)",
            path=path,
            hint="Free some disk space, then do it again.",
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StoreError(
            "the study store cannot be written: the study folder is read-only or not yours",
            path=path,
            hint="Make the study folder writable, or copy the study to a folder of your own "
            "(workbench.copy_study) and work there.",
        )
    if "disk I/O" in text:
        return StoreError(
            "the disk reported an error: this change was not saved",
            path=path,
            hint="Check the disk (space, a removed USB drive, a network folder), then do it again.",
        )
    if "locked" in text or "busy" in text:
        return StoreError(
            "the study store is locked by another process",
            path=path,
            hint="Another notebook or workbench command is writing to this study: let it finish or close "
            "it, then retry (Store.open(…, timeout=…) waits longer).",
        )
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return StoreError(
            "the file is not a Journey Workbench store (not a readable SQLite database)",
            path=path,
            hint="Move the file away (a new store is then created) or restore it from a backup.",
        )
    if isinstance(exc, sqlite3.ProgrammingError) and "closed" in text:
        return StoreError("the store is closed", path=path, hint="Open it again with Store.open(…).")
    return StoreError(
        f"cannot use the study store: {text}", path=path, hint="Check that the file is writable."
    )
