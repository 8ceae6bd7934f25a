"""Opportunities in the study store: derived ones are written there so the researcher can edit
them, and the researcher's edits win on every later run.

The store keeps, in the setting ``journey.derived_opportunities``, the text each derived row was
created with (``opportunity_id -> derived text``). On each run:

- a derived opportunity already in the store (same persona, phase and derived text) is kept as
  the researcher left it (edited text, status);
- a new one is added (``origin='derived'``, coder ``workbench``);
- a stored derived row that the data no longer supports is deleted only if nobody touched it
  (still by ``workbench``, status ``open``, text unchanged); otherwise it stays.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["sync_opportunities", "SETTING", "CODER"]

SETTING = "journey.derived_opportunities"
CODER = "workbench"


def sync_opportunities(store, derived: pd.DataFrame) -> pd.DataFrame:
    """Bring the store's derived opportunities up to date; return the store's rows with a
    ``derived_text`` column (pass them to ``JourneyMap.with_opportunities``)."""
    mapping: dict[str, str] = {str(k): v for k, v in (store.setting(SETTING, {}) or {}).items()}
    existing = store.opportunities()
    known = {}
    for r in existing.itertuples(index=False):
        dt = mapping.get(str(r.opportunity_id))
        if dt is not None:
            known[(str(r.persona_key), str(r.phase), dt)] = r
    wanted = set()
    for r in derived.itertuples(index=False):
        key = (str(r.persona), str(r.phase), str(r.derived_text))
        wanted.add(key)
        if key not in known:
            oid = store.add_opportunity(r.derived_text, CODER, persona_key=r.persona, phase=r.phase, origin="derived")
            mapping[str(oid)] = str(r.derived_text)
    for key, r in known.items():
        untouched = str(r.coder) == CODER and str(r.status) == "open" and str(r.text) == key[2]
        if key not in wanted and untouched:
            store.delete_opportunity(int(r.opportunity_id))
            mapping.pop(str(r.opportunity_id), None)
    store.set_setting(SETTING, mapping)
    out = store.opportunities()
    out["derived_text"] = out["opportunity_id"].astype(str).map(mapping).astype("string")
    return out
