"""The study store's other tables: memos, tagger output, persona names and opportunities.

A mixin of :class:`workbench.coding.store.Store`; read the methods there.
"""

from __future__ import annotations

import math
from datetime import datetime, timezone
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import StoreError

__all__ = ["MEMOS", "OPPORTUNITIES", "OPPORTUNITY_STATUSES", "OPPORTUNITY_EFFORTS", "StoreRowsMixin", "now_utc"]

MEMOS: schema.Schema = {
    "memo_id": ("int64", "row id in the study store"),
    "doc_id": (schema.STR, "the document the memo is about (<NA>: not about one document)"),
    "code": (schema.STR, "the code the memo is about (<NA>: not about one code)"),
    "coder": (schema.STR, "who wrote it"),
    "text": (schema.STR, "the memo"),
    "created": (schema.STR, "ISO-8601 UTC time it was written"),
    "updated": (schema.STR, "ISO-8601 UTC time of the last change"),
    "start_char": ("Int64", "with doc_id: start of the passage the memo is about (<NA>: the whole document)"),
    "end_char": ("Int64", "with doc_id: exclusive end of that passage"),
    "source": (schema.STR, "the source file the memo is about as a whole (<NA>: none)"),
    "title": (schema.STR, "the memo's title in QDA tools (<NA>: none)"),
    "guid": (schema.STR, "the memo's REFI-QDA guid once exchanged (<NA>: not yet)"),
}

OPPORTUNITY_STATUSES = ("open", "accepted", "rejected", "done")
OPPORTUNITY_EFFORTS = ("low", "medium", "high")

OPPORTUNITIES: schema.Schema = {
    "opportunity_id": ("int64", "row id in the study store"),
    "persona_key": (schema.STR, "the persona it is for (<NA>: all personas)"),
    "phase": (schema.STR, "journey phase id (<NA>: the whole journey)"),
    "text": (schema.STR, "the opportunity / idea"),
    "origin": (pd.CategoricalDtype(("derived", "manual")), "derived from the data, or written by hand"),
    "status": (pd.CategoricalDtype(OPPORTUNITY_STATUSES), "open, accepted, rejected or done"),
    "coder": (schema.STR, "who last changed it"),
    "updated": (schema.STR, "ISO-8601 UTC time of the last change"),
    "effort": (pd.CategoricalDtype(OPPORTUNITY_EFFORTS), "the researcher's estimate: low, medium or high (<NA>: not set)"),
    "owner": (schema.STR, "who takes it on (<NA>: not set)"),
    "priority": ("Int64", "the researcher's priority, 1 = first (<NA>: the computed one)"),
}

_TAGS_COLS = list(schema.TAGS)
_DOC_TAGS_COLS = list(schema.DOC_TAGS)
_MEMO_COLS = list(MEMOS)
_OPP_COLS = list(OPPORTUNITIES)


def now_utc() -> str:
    """The current time as ISO-8601 UTC with milliseconds (``2026-05-01T12:00:00.000Z``)."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def py_value(value: Any) -> Any:
    """A pandas/numpy scalar as a plain Python value SQLite can bind (missing -> ``None``)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def rows_frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    """A frame from fetched rows (object columns; conform it to a schema afterwards)."""
    return pd.DataFrame.from_records(rows, columns=columns) if rows else pd.DataFrame(columns=columns)


def _column_values(series: pd.Series) -> list:
    """A column as plain Python values SQLite can bind, missing as ``None`` (vectorised)."""
    missing = series.isna().to_numpy()
    if isinstance(series.dtype, pd.CategoricalDtype) or not pd.api.types.is_numeric_dtype(series):
        values = series.astype(object).to_numpy().tolist()
    else:
        values = series.to_numpy().tolist()  # numpy scalars -> int/float
    if missing.any():
        values = [None if gone else v for v, gone in zip(values, missing, strict=True)]
    return values


def _records(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """Rows of ``frame[columns]`` as tuples of plain Python values, built column by column."""
    return list(zip(*(_column_values(frame[c]) for c in columns), strict=True))


class StoreRowsMixin:
    """Memos, suggestions, document tags, persona names and opportunities (see ``Store``)."""

    # -- memos ----------------------------------------------------------------------------
    def add_memo(
        self,
        text: str,
        coder: str,
        *,
        doc_id: str | None = None,
        code: str | None = None,
        start: int | None = None,
        end: int | None = None,
        source: str | None = None,
        title: str | None = None,
        guid: str | None = None,
        created: str | None = None,
        updated: str | None = None,
    ) -> int:
        """Write a memo and return its ``memo_id``.

        A memo is about a document (``doc_id``; with ``start``/``end`` a passage of it), a
        code, a whole source file (``source``), several of these, or the project (none).
        ``title``, ``guid`` and the times are kept from a memo imported from a QDA tool.
        """
        if (start is None) != (end is None) or (start is not None and (doc_id is None or not 0 <= start < end)):
            raise StoreError(
                f"invalid memo passage {start}..{end}",
                path=self.path,
                hint="A passage needs a doc_id and 0 <= start < end (offsets in the document's text).",
            )
        stamp = now_utc()
        with self._write() as conn:
            self._touch_coder(conn, coder)
            cur = conn.execute(
                "INSERT INTO memos (doc_id, code, coder, text, created, updated, start_char, end_char, source,"
                " title, guid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, code, coder, str(text), created or stamp, updated or created or stamp,
                 start, end, source, title, guid),
            )
            return int(cur.lastrowid)

    def update_memo(self, memo_id: int, text: str) -> None:
        """Replace a memo's text."""
        with self._write() as conn:
            cur = conn.execute(
                "UPDATE memos SET text = ?, updated = ? WHERE memo_id = ?",
                (str(text), now_utc(), int(memo_id)),
            )
            if cur.rowcount == 0:
                raise StoreError(f"no memo {memo_id}", path=self.path, hint="See store.memos() for the ids.")

    def delete_memo(self, memo_id: int) -> None:
        """Delete a memo."""
        with self._write() as conn:
            conn.execute("DELETE FROM memos WHERE memo_id = ?", (int(memo_id),))

    def memos(
        self, *, doc_id: str | None = None, code: str | None = None, coder: str | None = None
    ) -> pd.DataFrame:
        """Memos as a :data:`MEMOS` frame, oldest first, optionally filtered."""
        clauses, params = [], []
        for col, value in (("doc_id", doc_id), ("code", code), ("coder", coder)):
            if value is not None:
                clauses.append(f"{col} = ?")
                params.append(value)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        sql = f"SELECT {', '.join(_MEMO_COLS)} FROM memos{where} ORDER BY memo_id"
        return schema.conform(self._frame(sql, tuple(params), _MEMO_COLS), MEMOS)

    # -- tagger output --------------------------------------------------------------------
    def replace_suggestions(self, tags: pd.DataFrame) -> int:
        """Replace the stored suggestions with a ``TAGS`` frame (one transaction); return the count.

        Decisions refer to suggestions by ``(doc_id, start_char, end_char, code)``, so re-tagging
        keeps every decision whose span is suggested again.
        """
        return self._replace_table("suggestions", tags, schema.TAGS)

    def suggestions(self, doc_id: str | None = None) -> pd.DataFrame:
        """The stored suggestions as a ``TAGS`` frame (in the order they were stored)."""
        where, params = (" WHERE doc_id = ?", (doc_id,)) if doc_id is not None else ("", ())
        sql = f"SELECT {', '.join(_TAGS_COLS)} FROM suggestions{where} ORDER BY rowid"
        return schema.conform(self._frame(sql, params, _TAGS_COLS), schema.TAGS)

    def replace_doc_tags(self, doc_tags: pd.DataFrame) -> int:
        """Replace the stored per-document tags with a ``DOC_TAGS`` frame; return the count."""
        return self._replace_table("doc_tags", doc_tags, schema.DOC_TAGS)

    def replace_tagger_output(self, tags: pd.DataFrame, doc_tags: pd.DataFrame) -> None:
        """Replace the suggestions and the per-document tags together, in one transaction, so a
        run killed in between never leaves the suggestions of one run beside the tags of another."""
        self._replace_tables(("suggestions", tags, schema.TAGS), ("doc_tags", doc_tags, schema.DOC_TAGS))

    def _replace_table(self, table: str, frame: pd.DataFrame, frame_schema) -> int:
        """Replace every row of a derived table (suggestions, doc_tags) in one transaction."""
        return self._replace_tables((table, frame, frame_schema))

    def _replace_tables(self, *tables) -> int:
        """Replace every row of derived tables ``(name, frame, schema)`` in one transaction."""
        prepared = [(name, schema.conform(frame, sch), list(sch)) for name, frame, sch in tables]
        with self._write() as conn:
            for name, frame, columns in prepared:
                marks = ", ".join("?" * len(columns))
                conn.execute(f"DELETE FROM {name}")
                conn.executemany(
                    f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})", _records(frame, columns)
                )
        return sum(len(frame) for _, frame, _ in prepared)

    def doc_tags(self) -> pd.DataFrame:
        """The stored per-document tags as a ``DOC_TAGS`` frame."""
        sql = f"SELECT {', '.join(_DOC_TAGS_COLS)} FROM doc_tags ORDER BY rowid"
        return schema.conform(self._frame(sql, (), _DOC_TAGS_COLS), schema.DOC_TAGS)

    # -- personas -------------------------------------------------------------------------
    def set_persona_name(self, persona_key: str | int, name: str | None, coder: str) -> None:
        """Give a persona a researcher-chosen name; an empty name removes it (back to generated)."""
        key = str(persona_key)
        with self._write() as conn:
            self._touch_coder(conn, coder)
            if name is None or not str(name).strip():
                conn.execute("DELETE FROM persona_names WHERE persona_key = ?", (key,))
            else:
                conn.execute(
                    "INSERT OR REPLACE INTO persona_names (persona_key, name, coder, updated) VALUES (?, ?, ?, ?)",
                    (key, str(name).strip(), coder, now_utc()),
                )

    def persona_names(self) -> dict[str, str]:
        """``persona_key -> name`` for the personas a researcher has named."""
        return dict(self._read("SELECT persona_key, name FROM persona_names ORDER BY persona_key"))

    # -- opportunities --------------------------------------------------------------------
    def add_opportunity(
        self,
        text: str,
        coder: str,
        *,
        persona_key: str | int | None = None,
        phase: str | None = None,
        origin: str = "manual",
        status: str = "open",
    ) -> int:
        """Add an opportunity (idea) for a persona and phase; return its ``opportunity_id``."""
        self._check_opportunity(text=text, origin=origin, status=status)
        key = None if persona_key is None else str(persona_key)
        with self._write() as conn:
            self._touch_coder(conn, coder)
            cur = conn.execute(
                "INSERT INTO opportunities (persona_key, phase, text, origin, status, coder, updated)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (key, phase, str(text).strip(), origin, status, coder, now_utc()),
            )
            return int(cur.lastrowid)

    def update_opportunity(
        self,
        opportunity_id: int,
        coder: str,
        *,
        text: str | None = None,
        status: str | None = None,
        effort: str | None = None,
        owner: str | None = None,
        priority: int | str | None = None,
    ) -> None:
        """Change an opportunity's text, status, effort (low / medium / high), owner or priority.

        ``None`` leaves a field as it is; ``effort=""`` and ``owner=""`` clear it, and
        ``priority=0`` (or ``""``) gives the map's computed priority back.
        """
        self._check_opportunity(text=text, status=status)
        sets, params = ["text = COALESCE(?, text)", "status = COALESCE(?, status)"], [
            None if text is None else str(text).strip(), status]
        if effort is not None:
            effort = str(effort).strip().lower()
            if effort and effort not in OPPORTUNITY_EFFORTS:
                raise StoreError(f"invalid effort {effort!r}", path=self.path,
                                 hint=f"Use one of {OPPORTUNITY_EFFORTS} (or '' to clear it).")
            sets.append("effort = ?")
            params.append(effort or None)
        if owner is not None:
            sets.append("owner = ?")
            params.append(str(owner).strip() or None)
        if priority is not None:
            sets.append("priority = ?")
            params.append(_priority(priority, self.path))
        with self._write() as conn:
            self._touch_coder(conn, coder)
            cur = conn.execute(
                f"UPDATE opportunities SET {', '.join(sets)}, coder = ?, updated = ? WHERE opportunity_id = ?",
                (*params, coder, now_utc(), int(opportunity_id)),
            )
            if cur.rowcount == 0:
                raise StoreError(
                    f"no opportunity {opportunity_id}", path=self.path, hint="See store.opportunities()."
                )

    def delete_opportunity(self, opportunity_id: int) -> None:
        """Delete an opportunity (to keep it visible as declined, set ``status='rejected'``)."""
        with self._write() as conn:
            conn.execute("DELETE FROM opportunities WHERE opportunity_id = ?", (int(opportunity_id),))

    def opportunities(
        self, *, persona_key: str | int | None = None, phase: str | None = None
    ) -> pd.DataFrame:
        """Opportunities as an :data:`OPPORTUNITIES` frame, oldest first, optionally filtered."""
        clauses, params = [], []
        if persona_key is not None:
            clauses.append("persona_key = ?")
            params.append(str(persona_key))
        if phase is not None:
            clauses.append("phase = ?")
            params.append(phase)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        sql = f"SELECT {', '.join(_OPP_COLS)} FROM opportunities{where} ORDER BY opportunity_id"
        return schema.conform(self._frame(sql, tuple(params), _OPP_COLS), OPPORTUNITIES)

    def _check_opportunity(self, *, text=None, origin="manual", status=None) -> None:
        if text is not None and not str(text).strip():
            raise StoreError("an opportunity needs a text", path=self.path, hint="Describe the idea.")
        if origin not in ("derived", "manual"):
            raise StoreError(f"invalid origin {origin!r}", path=self.path, hint="Use 'derived' or 'manual'.")
        if status is not None and status not in OPPORTUNITY_STATUSES:
            raise StoreError(
                f"invalid status {status!r}", path=self.path, hint=f"Use one of {OPPORTUNITY_STATUSES}."
            )


def _priority(value, path) -> int | None:
    """A priority from the researcher: a whole number from 1, or 0 / '' for the computed one."""
    if isinstance(value, str):
        value = value.strip()
        if value in ("", "0", "auto"):
            return None
    try:
        number = int(value)
        if number != float(value):
            raise ValueError
    except (TypeError, ValueError):
        raise StoreError(f"invalid priority {value!r}", path=path,
                         hint="Use a whole number from 1 (1 = first), or 0 for the computed priority.") from None
    if number < 0:
        raise StoreError(f"invalid priority {value!r}", path=path, hint="Use a whole number from 1, or 0.")
    return number or None
