"""Moving a study store's rows to new segment ids, when a transcript's ids change.

Segment ids are ``<key>#<turn>``; a file whose name holds a person's name (``P01_anna.vtt``) used
to give ``P01_anna#003`` and now gives ``P01#003`` (see :func:`workbench.io._participants.segment_keys`).
Codings, memos, suggestions and document tags stored under the old ids would lose their text,
so :func:`move_ids` rewrites them: every id ``<old>#…`` becomes ``<new>#…`` in one transaction
(all tables or none). Running it again moves nothing: no new key is another file's old stem.

>>> import tempfile
>>> from workbench.coding import Store
>>> with tempfile.TemporaryDirectory() as study, Store.open(study) as store:
...     _ = store.add_coding("P01_anna#003", 4, 12, "pain_point", coder="sanne")
...     first, again = move_ids(store, {"P01_anna": "P01"}), move_ids(store, {"P01_anna": "P01"})
...     first, again, store.codings()["doc_id"].tolist()
({'codings': 1}, {}, ['P01#003'])
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

__all__ = ["move_ids", "move_stored_ids", "ID_TABLES"]

#: The tables (and their column) that refer to a segment by its id.
ID_TABLES = (("codings", "doc_id"), ("memos", "doc_id"), ("suggestions", "doc_id"), ("doc_tags", "doc_id"))


def move_ids(store, renamed: Mapping[str, str]) -> dict[str, int]:
    """Rewrite ``<old>#…`` ids to ``<new>#…`` for every ``old -> new`` in ``renamed``, in one
    transaction; return the number of rows moved per table (tables without any left out)."""
    moved: dict[str, int] = {}
    with store._write() as conn:
        for table, col in ID_TABLES:
            n = 0
            for old, new in sorted(renamed.items()):
                if old == new:
                    continue
                # substr, not LIKE: '_' in a file stem is a LIKE wildcard
                cur = conn.execute(
                    f"UPDATE {table} SET {col} = ? || substr({col}, ?) WHERE substr({col}, 1, ?) = ?",
                    (f"{new}#", len(old) + 2, len(old) + 1, f"{old}#"),
                )
                n += max(cur.rowcount, 0)
            if n:
                moved[table] = n
    return moved


def move_stored_ids(folder: Path | None, renamed: Mapping[str, str], language: str = "en") -> list[str]:
    """Move the rows of the study store in ``folder`` (if it has one) to the new ids; return the
    warnings to show the researcher: what moved, or why nothing could (the rows then stay under
    their old ids, and the next load tries again). Names no file: the keys are pseudonyms."""
    from ..errors import WorkbenchError
    from ..io._messages import note, say
    from .store import STORE_DIR, STORE_FILE, Store

    if folder is None or not renamed or not (Path(folder) / STORE_DIR / STORE_FILE).is_file():
        return []
    keys = ", ".join(f"{k}#…" for k in sorted(set(renamed.values())))
    try:
        with Store.open(folder) as store:
            moved = move_ids(store, renamed)
    except WorkbenchError as exc:
        return [say(note("ids_not_moved", keys=keys, why=exc.message),
                    language)]
    if not moved:
        return []
    what = {"en": {"codings": "codings", "memos": "memos", "suggestions": "suggestions", "doc_tags": "document tags"},
            "nl": {"codings": "coderingen", "memos": "memo's", "suggestions": "suggesties",
                   "doc_tags": "documenttags"}}["nl" if language == "nl" else "en"]
    counts = ", ".join(f"{n} {what[t]}" for t, n in moved.items())
    return [say(note("ids_moved", counts=counts, keys=keys), language)]
