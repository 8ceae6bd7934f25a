"""The study store's record of what a QDA project holds beyond codes, codings and memos.

A mixin of :class:`workbench.coding.store.Store`: cases with their variables (REFI-QDA
``<Cases>``/``<Variables>``: participants and respondents with their attributes, as NVivo,
ATLAS.ti, MAXQDA and QualCoder keep them) and the guid and name each study source had in the
exchanged project, so that exporting again gives the same project.
"""

from __future__ import annotations

import json

import pandas as pd

from .. import schema
from ..errors import StoreError
from ._store_rows import rows_frame

ACTIVE = "superseded_by IS NULL AND undone IS NULL"  # as in store.py: a coding in effect

__all__ = ["CASES", "CASE_VALUES", "VARIABLES", "VARIABLE_TYPES", "ExchangeRowsMixin"]

#: REFI-QDA variable types (``typeOfVariable``).
VARIABLE_TYPES = ("Text", "Boolean", "Integer", "Float", "Date", "DateTime")

CASES: schema.Schema = {
    "guid": (schema.STR, "the case's REFI-QDA guid"),
    "name": (schema.STR, "the case's name (a participant or respondent id, or the tool's name)"),
    "description": (schema.STR, "the case's description ('' when none)"),
    "participant_id": (schema.STR, "the interview participant the case is (<NA>: none)"),
    "respondent_id": (schema.STR, "the survey respondent the case is (<NA>: none)"),
    "sources": (object, "list of study sources (paths) the case refers to"),
}

VARIABLES: schema.Schema = {
    "guid": (schema.STR, "the variable's REFI-QDA guid"),
    "name": (schema.STR, "the variable's name (an attribute or question id)"),
    "type": (pd.CategoricalDtype(VARIABLE_TYPES), "Text, Boolean, Integer, Float, Date or DateTime"),
    "description": (schema.STR, "what the variable holds ('' when nothing is said)"),
}

CASE_VALUES: schema.Schema = {
    "case_guid": (schema.STR, "the case (CASES.guid)"),
    "variable": (schema.STR, "the variable (VARIABLES.name)"),
    "value": (schema.STR, "the value as written in the project (xsd lexical form)"),
}


class ExchangeRowsMixin:
    """Coding memos, cases, variables and the exchanged ids of sources (see ``Store``)."""

    def set_coding_memo(self, coding_id: int, memo: str | None) -> None:
        """Write (or with ``None``/empty text remove) the memo of a coding."""
        with self._write() as conn:
            cur = conn.execute(
                "UPDATE codings SET memo = ? WHERE coding_id = ?", (str(memo) if memo else None, int(coding_id))
            )
            if cur.rowcount == 0:
                raise StoreError(f"no coding {coding_id}", path=self.path, hint="See store.codings() for the ids.")


    def coding_notes(self) -> pd.DataFrame:
        """``coding_id``, ``memo`` and ``selection`` of the active codings that have either."""
        cols = ["coding_id", "memo", "selection"]
        frame = self._frame(
            f"SELECT {', '.join(cols)} FROM codings WHERE {ACTIVE} AND (memo IS NOT NULL OR selection IS NOT NULL)"
            " ORDER BY coding_id",
            (),
            cols,
        )
        return pd.DataFrame(
            {
                "coding_id": frame["coding_id"].astype("int64"),
                "memo": frame["memo"].astype("string"),
                "selection": frame["selection"].astype("string"),
            }
        )

    def save_cases(self, cases: pd.DataFrame, values: pd.DataFrame, variables: pd.DataFrame) -> None:
        """Add or replace cases (by guid) and variables (by name) in one transaction.

        ``cases`` has the :data:`CASES` columns, ``values`` the :data:`CASE_VALUES` columns (a
        case's values are replaced by those given for it), ``variables`` the :data:`VARIABLES`
        columns. Cases and variables not mentioned are kept.
        """
        with self._write() as conn:
            n = conn.execute("SELECT COALESCE(MAX(position) + 1, 0) FROM variables").fetchone()[0]
            for v in variables.to_dict("records"):
                old = conn.execute("SELECT position FROM variables WHERE name = ?", (v["name"],)).fetchone()
                conn.execute(
                    "INSERT OR REPLACE INTO variables (position, guid, name, type, description) VALUES (?, ?, ?, ?, ?)",
                    (old[0] if old else n, v["guid"], v["name"], v["type"], v.get("description") or ""),
                )
                n += 0 if old else 1
            n = conn.execute("SELECT COALESCE(MAX(position) + 1, 0) FROM cases").fetchone()[0]
            for c in cases.to_dict("records"):
                old = conn.execute("SELECT position FROM cases WHERE guid = ?", (c["guid"],)).fetchone()
                conn.execute("DELETE FROM case_values WHERE case_guid = ?", (c["guid"],))
                conn.execute(
                    "INSERT OR REPLACE INTO cases (position, guid, name, description, participant_id, respondent_id,"
                    " sources) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (old[0] if old else n, c["guid"], c["name"], _text(c.get("description")) or "",
                     _text(c.get("participant_id")), _text(c.get("respondent_id")),
                     json.dumps(list(c.get("sources") or []))),
                )
                n += 0 if old else 1
            conn.executemany(
                "INSERT OR REPLACE INTO case_values (case_guid, variable, value) VALUES (?, ?, ?)",
                [(r["case_guid"], r["variable"], _text(r["value"])) for r in values.to_dict("records")],
            )

    def cases(self) -> pd.DataFrame:
        """The stored cases as a :data:`CASES` frame, in the order they were first stored."""
        cols = list(CASES)
        frame = rows_frame(
            self._read(f"SELECT {', '.join(cols)} FROM cases ORDER BY position"), cols
        )
        sources = [json.loads(s) for s in frame["sources"]]
        out = schema.conform(frame.drop(columns="sources"), {k: v for k, v in CASES.items() if k != "sources"})
        out["sources"] = pd.Series(sources, dtype=object)
        return out

    def case_values(self) -> pd.DataFrame:
        """Every stored case's variable values (:data:`CASE_VALUES`), by case then variable order."""
        cols = list(CASE_VALUES)
        rows = self._read(
            "SELECT v.case_guid, v.variable, v.value FROM case_values v JOIN cases c ON c.guid = v.case_guid"
            " LEFT JOIN variables w ON w.name = v.variable ORDER BY c.position, w.position, v.variable"
        )
        return schema.conform(rows_frame(rows, cols), CASE_VALUES)

    def variables(self) -> pd.DataFrame:
        """The stored variables as a :data:`VARIABLES` frame, in the order they were first stored."""
        cols = list(VARIABLES)
        rows = self._read(f"SELECT {', '.join(cols)} FROM variables ORDER BY position")
        return schema.conform(rows_frame(rows, cols), VARIABLES)

    def save_exchange_sources(self, sources: dict[str, tuple[str, str, str]]) -> None:
        """Remember ``source path -> (guid, name, description)`` of exchanged sources."""
        with self._write() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO exchange_sources (source, guid, name, description) VALUES (?, ?, ?, ?)",
                [(src, g, n, d or "") for src, (g, n, d) in sources.items()],
            )

    def exchange_sources(self) -> dict[str, tuple[str, str, str]]:
        """``source path -> (guid, name, description)`` as remembered from an exchanged project."""
        rows = self._read("SELECT source, guid, name, description FROM exchange_sources ORDER BY source")
        return {r[0]: (r[1], r[2], r[3]) for r in rows}


def _text(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return str(value)
