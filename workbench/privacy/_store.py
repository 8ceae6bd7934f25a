"""Pseudonym numbers in the study store (table ``privacy_pseudonyms``, migration 3)."""

from __future__ import annotations

from collections.abc import Sequence


def assign(location, kind: str, keys: Sequence[str]) -> dict[str, int]:
    """The numbers of ``keys`` of ``kind``; keys without one get the next numbers, in the order
    given, in one transaction (another process numbering at the same time waits)."""
    from ..coding.store import Store

    with Store.open(location) as st, st._write() as conn:
        wanted = set(keys)
        have = {k: n for k, n in conn.execute("SELECT key, number FROM privacy_pseudonyms WHERE kind = ?", (kind,))
                if k in wanted}
        top = conn.execute("SELECT COALESCE(MAX(number), 0) FROM privacy_pseudonyms WHERE kind = ?",
                           (kind,)).fetchone()[0]
        for k in keys:
            if k not in have:
                top += 1
                have[k] = top
                conn.execute("INSERT INTO privacy_pseudonyms (kind, key, number) VALUES (?, ?, ?)", (kind, k, top))
    return have
