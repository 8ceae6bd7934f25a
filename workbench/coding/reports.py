"""Code reports: how often each code is used per phase or participant, and which codes co-occur.

Only accepted codings count (rejected suggestions are decisions, not codes). Pass the store's
active codings (``store.codings()``).

>>> import pandas as pd
>>> from workbench import schema
>>> codings = schema.conform(pd.DataFrame({
...     "doc_id": ["a", "a", "b"], "start_char": [0, 5, 0], "end_char": [4, 9, 3],
...     "code": ["pain_point", "need", "pain_point"], "coder": "anna",
...     "origin": "manual", "decision": "accepted"}), schema.CODINGS)
>>> docs = pd.DataFrame({"doc_id": ["a", "b"], "phase": ["purchase", "awareness"]})
>>> code_frequencies(codings, docs, by="phase").to_dict()
{'awareness': {'need': 0, 'pain_point': 1}, 'purchase': {'need': 1, 'pain_point': 1}}
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..errors import WorkbenchError
from .codebook import Codebook

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["code_frequencies", "cooccurrence", "plot_code_frequencies", "plot_cooccurrence", "UNASSIGNED"]

#: Column for codings whose document has no value for the grouping (no phase, unknown document).
UNASSIGNED = "(none)"


def _accepted(codings: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in ("doc_id", "code") if c not in codings.columns]
    if missing:
        raise WorkbenchError(
            f"the codings frame has no '{missing[0]}' column",
            key=missing[0],
            hint="Pass a CODINGS frame, e.g. store.codings().",
        )
    if "decision" in codings.columns:
        codings = codings[codings["decision"].astype("string") == "accepted"]
    return codings


def _ordered(values: Sequence[str], order: Sequence[str] | None) -> list[str]:
    present = list(dict.fromkeys(values))
    if order is None:
        head = sorted(v for v in present if v != UNASSIGNED)
    else:
        head = list(order) + sorted(v for v in present if v not in order and v != UNASSIGNED)
    return head + ([UNASSIGNED] if UNASSIGNED in present else [])


def code_frequencies(
    codings: pd.DataFrame,
    documents: pd.DataFrame,
    by: str = "phase",
    *,
    count: str = "codings",
    codes: Sequence[str] | None = None,
    order: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Count accepted codings per code and group (phase or participant).

    Parameters
    ----------
    codings : DataFrame
        ``CODINGS`` rows; rejected ones are ignored.
    documents : DataFrame
        Gives each document its group: a frame with ``doc_id`` and the ``by`` column — a
        ``DOC_TAGS`` frame (``phase``), or ``DOCUMENTS`` (``participant_id``, or a ``phase``
        column added to it).
    by : str
        ``"phase"``, ``"participant_id"`` or another column of ``documents``.
    count : {"codings", "documents"}
        Count coded spans, or distinct documents with the code.
    codes : sequence of str, optional
        Row order (e.g. ``codebook.names``); these codes appear even with zero counts.
    order : sequence of str, optional
        Column order (e.g. ``phase_model.ids``); these groups appear even when empty.

    Returns
    -------
    DataFrame
        int64 counts; index ``code``, columns the groups. Codings whose document has no group
        are counted under :data:`UNASSIGNED`.
    """
    if count not in ("codings", "documents"):
        raise WorkbenchError(f"unknown count {count!r}", key="count", hint="Use 'codings' or 'documents'.")
    if "doc_id" not in documents.columns or by not in documents.columns:
        raise WorkbenchError(
            f"the documents frame has no 'doc_id' and '{by}' columns",
            key=by,
            hint="For by='phase' pass the DOC_TAGS frame (or documents with a phase column); "
            "for by='participant_id' the DOCUMENTS frame.",
        )
    coded = _accepted(codings)
    groups = documents.drop_duplicates("doc_id").set_index("doc_id")[by].astype("string")
    group = coded["doc_id"].astype("string").map(groups).fillna(UNASSIGNED).astype(str)
    data = pd.DataFrame({"code": coded["code"].astype(str).to_numpy(), by: group.to_numpy()})
    if count == "documents":
        data["doc_id"] = coded["doc_id"].to_numpy()
        data = data.drop_duplicates()
    table = pd.crosstab(data["code"], data[by]) if len(data) else pd.DataFrame()
    rows = _ordered(data["code"].tolist(), codes)
    cols = _ordered(data[by].tolist(), order)
    out = table.reindex(index=rows, columns=cols, fill_value=0).fillna(0).astype("int64")
    out.index.name, out.columns.name = "code", by
    return out


def cooccurrence(
    codings: pd.DataFrame,
    unit: str = "doc_id",
    *,
    documents: pd.DataFrame | None = None,
    codes: Sequence[str] | None = None,
) -> pd.DataFrame:
    """How many units (documents, participants, …) carry both codes.

    Parameters
    ----------
    codings : DataFrame
        ``CODINGS`` rows; rejected ones are ignored.
    unit : str
        ``"doc_id"``, or a column of ``documents`` such as ``"participant_id"``.
    documents : DataFrame, optional
        Needed when ``unit`` is not a column of ``codings``.
    codes : sequence of str, optional
        Row/column order; these codes appear even when unused.

    Returns
    -------
    DataFrame
        Square and symmetric, int64; the diagonal is the number of units with the code.
    """
    coded = _accepted(codings)
    if unit not in coded.columns:
        if documents is None or unit not in documents.columns or "doc_id" not in documents.columns:
            raise WorkbenchError(
                f"cannot find the unit '{unit}'",
                key=unit,
                hint="Use unit='doc_id', or pass documents= with a doc_id and that column.",
            )
        units = documents.drop_duplicates("doc_id").set_index("doc_id")[unit]
        coded = coded.assign(**{unit: coded["doc_id"].map(units)}).dropna(subset=[unit])
    pairs = coded[[unit, "code"]].astype(str).drop_duplicates()
    names = _ordered(pairs["code"].tolist(), codes)
    if pairs.empty:
        return pd.DataFrame(0, index=pd.Index(names, name="code"), columns=pd.Index(names, name="code"))
    incidence = pd.crosstab(pairs[unit], pairs["code"]).reindex(columns=names, fill_value=0)
    x = incidence.to_numpy(dtype="int64")
    out = pd.DataFrame(x.T @ x, index=names, columns=names)
    out.index.name = out.columns.name = "code"
    return out


def _heatmap(matrix: pd.DataFrame, ax: Axes | None, title: str, cmap: str, labels) -> Axes:
    if ax is None:
        import matplotlib.pyplot as plt  # imported on first plot: keeps `import workbench` light

        n_rows, n_cols = matrix.shape
        _, ax = plt.subplots(figsize=(min(2.5 + 0.6 * n_cols, 16), min(1.5 + 0.35 * n_rows, 14)))
    values = matrix.to_numpy(dtype=float)
    image = ax.imshow(values, cmap=cmap, aspect="auto", vmin=0, vmax=max(values.max(initial=0), 1))
    top = values.max(initial=0)
    for (i, j), v in np.ndenumerate(values):
        colour = "white" if top and v > top / 2 else "black"
        ax.text(j, i, f"{int(v)}", ha="center", va="center", fontsize=8, color=colour)
    name = (lambda c: labels.label(c)) if isinstance(labels, Codebook) else (lambda c: str(c))
    ax.set_xticks(range(matrix.shape[1]))
    ax.set_yticks(range(matrix.shape[0]))
    col_is_code = matrix.columns.name == "code"
    ax.set_xticklabels([name(c) if col_is_code else str(c) for c in matrix.columns], rotation=45, ha="right")
    ax.set_yticklabels([name(c) for c in matrix.index])
    ax.set_title(title)
    ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    return ax


def plot_code_frequencies(
    freq: pd.DataFrame, ax: Axes | None = None, *, codebook: Codebook | None = None, cmap: str = "Blues"
) -> Axes:
    """Heatmap of a :func:`code_frequencies` table (codes × groups) with the counts written in.

    ``codebook`` shows code labels instead of names.
    """
    by = freq.columns.name or "group"
    return _heatmap(freq, ax, f"Codes per {by.replace('_id', '').replace('_', ' ')}", cmap, codebook)


def plot_cooccurrence(
    matrix: pd.DataFrame, ax: Axes | None = None, *, codebook: Codebook | None = None, cmap: str = "Blues"
) -> Axes:
    """Heatmap of a :func:`cooccurrence` matrix with the counts written in."""
    matrix = matrix.copy()
    matrix.index.name = matrix.columns.name = "code"
    return _heatmap(matrix, ax, "Code co-occurrence", cmap, codebook)
