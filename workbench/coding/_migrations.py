"""The study store's schema as an ordered list of migrations.

``MIGRATIONS[i]`` brings a store from schema version ``i`` to ``i + 1`` (``PRAGMA user_version``).
A new store runs all of them; an older store runs the ones it misses, inside one transaction, so
a failed migration leaves the file as it was. Never edit a released migration: append a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

__all__ = ["MIGRATIONS", "SCHEMA_VERSION"]


def _run(conn: sqlite3.Connection, script: str) -> None:
    # Not executescript(): it commits a pending transaction first, which would break atomicity.
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v1(conn: sqlite3.Connection) -> None:
    """Coders, codebook, codings (with their change history), memos and settings."""
    _run(
        conn,
        """
        CREATE TABLE coders (
            name TEXT PRIMARY KEY,
            created TEXT NOT NULL
        );
        CREATE TABLE codes (
            position INTEGER NOT NULL,
            name TEXT PRIMARY KEY,
            label TEXT NOT NULL DEFAULT '',
            definition TEXT NOT NULL DEFAULT '',
            parent TEXT,
            colour TEXT NOT NULL,
            phase TEXT,
            guid TEXT NOT NULL UNIQUE
        );
        CREATE TABLE codings (
            coding_id INTEGER PRIMARY KEY AUTOINCREMENT,
            doc_id TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            code TEXT NOT NULL,
            coder TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('suggested', 'manual', 'imported')),
            decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
            created TEXT NOT NULL,
            superseded_by INTEGER REFERENCES codings (coding_id),
            supersedes INTEGER REFERENCES codings (coding_id),
            undone TEXT
        );
        CREATE INDEX codings_doc ON codings (doc_id);
        CREATE INDEX codings_coder ON codings (coder, coding_id);
        CREATE TABLE memos (
            memo_id INTEGER PRIMARY KEY AUTOINCREMENT,
            doc_id TEXT,
            code TEXT,
            coder TEXT NOT NULL,
            text TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    )


def _v2(conn: sqlite3.Connection) -> None:
    """Remember which suggestion a coding decides; store tagger output, persona names, opportunities."""
    _run(
        conn,
        """
        ALTER TABLE codings ADD COLUMN suggestion TEXT;
        UPDATE codings SET suggestion = code WHERE origin = 'suggested';
        CREATE INDEX codings_suggestion ON codings (coder, doc_id, start_char, end_char, suggestion);
        CREATE TABLE suggestions (
            doc_id TEXT NOT NULL,
            sent_start INTEGER NOT NULL,
            sent_end INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text TEXT,
            label TEXT,
            value TEXT,
            phase TEXT,
            score REAL,
            rule_id TEXT
        );
        CREATE INDEX suggestions_doc ON suggestions (doc_id);
        CREATE TABLE doc_tags (
            doc_id TEXT NOT NULL,
            pain_point INTEGER NOT NULL,
            need INTEGER NOT NULL,
            sentiment REAL,
            phase TEXT,
            touchpoints TEXT
        );
        CREATE TABLE persona_names (
            persona_key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            coder TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        CREATE TABLE opportunities (
            opportunity_id INTEGER PRIMARY KEY AUTOINCREMENT,
            persona_key TEXT,
            phase TEXT,
            text TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('derived', 'manual')),
            status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'rejected', 'done')),
            coder TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        """,
    )


def _v3(conn: sqlite3.Connection) -> None:
    """Privacy: study-wide pseudonym numbers (persons, respondents) and keep/scrub marks."""
    _run(
        conn,
        """
        CREATE TABLE IF NOT EXISTS privacy_pseudonyms (
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            number INTEGER NOT NULL,
            PRIMARY KEY (kind, key)
        );
        CREATE TABLE IF NOT EXISTS privacy_marks (
            text TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
            action TEXT NOT NULL CHECK (action IN ('keep', 'scrub')),
            coder TEXT NOT NULL,
            created TEXT NOT NULL
        );
        """,
    )


def _v4(conn: sqlite3.Connection) -> None:
    """What a REFI-QDA project holds beyond codes and codings, so it survives a round trip.

    Categories (codes that are not applied to text), a coding's memo and the selection it came
    from, memos tied to a span or to a whole source with their title and guid, cases with their
    variables, and the guids and names of sources exchanged with other tools.
    """
    _run(
        conn,
        """
        ALTER TABLE codes ADD COLUMN codable INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE codings ADD COLUMN memo TEXT;
        ALTER TABLE codings ADD COLUMN selection TEXT;
        ALTER TABLE memos ADD COLUMN start_char INTEGER;
        ALTER TABLE memos ADD COLUMN end_char INTEGER;
        ALTER TABLE memos ADD COLUMN source TEXT;
        ALTER TABLE memos ADD COLUMN title TEXT;
        ALTER TABLE memos ADD COLUMN guid TEXT;
        CREATE TABLE variables (
            position INTEGER NOT NULL,
            guid TEXT NOT NULL UNIQUE,
            name TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE cases (
            position INTEGER NOT NULL,
            guid TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            participant_id TEXT,
            respondent_id TEXT,
            sources TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE case_values (
            case_guid TEXT NOT NULL REFERENCES cases (guid) ON DELETE CASCADE,
            variable TEXT NOT NULL,
            value TEXT,
            PRIMARY KEY (case_guid, variable)
        );
        CREATE TABLE exchange_sources (
            source TEXT PRIMARY KEY,
            guid TEXT NOT NULL,
            name TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT ''
        );
        """,
    )


def _v5(conn: sqlite3.Connection) -> None:
    """Keep the tagger's evidence with each suggestion (``TAGS.evidence``: cue or lexicon word, negation …)."""
    _run(conn, "ALTER TABLE suggestions ADD COLUMN evidence TEXT")


def _v6(conn: sqlite3.Connection) -> None:
    """The journey map as a deliverable: what the researcher plans per phase and per opportunity.

    ``map_backstage``: who owns a phase and which system or process carries it (one text per
    phase and kind); ``map_kpis``: the target of a metric in a phase (``csat_top2`` = 70), shown
    against the measured value; opportunities gain an effort estimate, an owner and a priority
    the researcher sets over the computed one.
    """
    _run(
        conn,
        """
        ALTER TABLE opportunities ADD COLUMN effort TEXT CHECK (effort IN ('low', 'medium', 'high'));
        ALTER TABLE opportunities ADD COLUMN owner TEXT;
        ALTER TABLE opportunities ADD COLUMN priority INTEGER CHECK (priority >= 1);
        CREATE TABLE map_backstage (
            phase TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('owner', 'system', 'process')),
            text TEXT NOT NULL,
            coder TEXT NOT NULL,
            updated TEXT NOT NULL,
            PRIMARY KEY (phase, kind)
        );
        CREATE TABLE map_kpis (
            phase TEXT NOT NULL,
            metric TEXT NOT NULL,
            target REAL NOT NULL,
            coder TEXT NOT NULL,
            updated TEXT NOT NULL,
            PRIMARY KEY (phase, metric)
        );
        """,
    )


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2, _v3, _v4, _v5, _v6)
SCHEMA_VERSION = len(MIGRATIONS)
