"""The study store's map plan: backstage (owner, system, process) and KPI targets per phase.

What the data cannot tell — who owns a phase, which system or process carries it, what score
the business aims for — the researcher writes here (``workbench plan``, notebook 04, or the
``[map.phases.<phase>]`` tables of ``study.toml``; the store wins). A mixin of
:class:`workbench.coding.store.Store`.
"""

from __future__ import annotations

import math

import pandas as pd

from .. import schema
from ..config import check_kpi_metric
from ..errors import StoreError

__all__ = ["BACKSTAGE", "KPIS", "BACKSTAGE_KINDS", "PlanRowsMixin", "check_kpi_metric"]

BACKSTAGE_KINDS = ("owner", "system", "process")

BACKSTAGE: schema.Schema = {
    "phase": (schema.STR, "journey phase id"),
    "kind": (pd.CategoricalDtype(BACKSTAGE_KINDS), "owner (team or person), system (tools) or process"),
    "text": (schema.STR, "what the researcher wrote"),
    "coder": (schema.STR, "who wrote it"),
    "updated": (schema.STR, "ISO-8601 UTC time of the last change"),
}

KPIS: schema.Schema = {
    "phase": (schema.STR, "journey phase id"),
    "metric": (schema.STR, "a metric of the map: nps, csat_mean, csat_top2, ces_mean, ces_agree, conversion, "
                           "micro:<step>, macro:<step>"),
    "target": ("float64", "the value aimed for (reached when the measured value is at least this)"),
    "coder": (schema.STR, "who set it"),
    "updated": (schema.STR, "ISO-8601 UTC time of the last change"),
}

class PlanRowsMixin:
    """Backstage texts and KPI targets per phase (see ``Store``)."""

    def set_backstage(self, phase: str, kind: str, text: str | None, coder: str) -> None:
        """Write who owns a phase (``kind='owner'``) or which system / process carries it; an
        empty text removes it."""
        if kind not in BACKSTAGE_KINDS:
            raise StoreError(f"invalid backstage kind {kind!r}", path=self.path,
                             hint=f"Use one of {BACKSTAGE_KINDS}.")
        phase = _phase(phase, self.path)
        from ._store_rows import now_utc

        with self._write() as conn:
            self._touch_coder(conn, coder)
            if text is None or not str(text).strip():
                conn.execute("DELETE FROM map_backstage WHERE phase = ? AND kind = ?", (phase, kind))
            else:
                conn.execute("INSERT OR REPLACE INTO map_backstage (phase, kind, text, coder, updated)"
                             " VALUES (?, ?, ?, ?, ?)", (phase, kind, str(text).strip(), coder, now_utc()))

    def backstage(self) -> pd.DataFrame:
        """The backstage texts as a :data:`BACKSTAGE` frame, by phase and kind."""
        cols = list(BACKSTAGE)
        sql = f"SELECT {', '.join(cols)} FROM map_backstage ORDER BY phase, kind"
        return schema.conform(self._frame(sql, (), cols), BACKSTAGE)

    def set_kpi(self, phase: str, metric: str, target: float | None, coder: str) -> None:
        """Set the target of a metric in a phase (``None`` removes it)."""
        problem = check_kpi_metric(metric)
        if problem:
            raise StoreError(problem, path=self.path, hint="e.g. set_kpi('purchase', 'csat_top2', 70, coder).")
        phase = _phase(phase, self.path)
        from ._store_rows import now_utc

        with self._write() as conn:
            self._touch_coder(conn, coder)
            if target is None:
                conn.execute("DELETE FROM map_kpis WHERE phase = ? AND metric = ?", (phase, str(metric).strip()))
                return
            try:
                value = float(target)
            except (TypeError, ValueError):
                value = math.nan
            if not math.isfinite(value):
                raise StoreError(f"the target of {metric} must be a number, not {target!r}", path=self.path,
                                 hint="e.g. 70 for 70% (CSAT top-2), 5.5 for a mean on 1–7.")
            conn.execute("INSERT OR REPLACE INTO map_kpis (phase, metric, target, coder, updated)"
                         " VALUES (?, ?, ?, ?, ?)", (phase, str(metric).strip(), value, coder, now_utc()))

    def kpi_targets(self) -> pd.DataFrame:
        """The KPI targets as a :data:`KPIS` frame, by phase and metric."""
        cols = list(KPIS)
        sql = f"SELECT {', '.join(cols)} FROM map_kpis ORDER BY phase, metric"
        return schema.conform(self._frame(sql, (), cols), KPIS)


def _phase(phase, path) -> str:
    p = "" if phase is None else str(phase).strip()
    if not p:
        raise StoreError("a phase is needed", path=path, hint="Pass the phase id, e.g. 'purchase'.")
    return p
