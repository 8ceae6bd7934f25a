"""Intercoder agreement: percent agreement, Cohen's kappa and Krippendorff's alpha.

The functions take a long frame with one row per *unit* (a document or span), *coder* and the
*code* (category) the coder gave it. A coder who did not code a unit simply has no row: that is
a missing value, not a disagreement.

:func:`agreement_report` turns the study store's codings (or any ``unit, coder, code`` table
with one row per code assigned) into presence/absence data per code and reports every measure
per code and overall.

>>> import pandas as pd
>>> frame = pd.DataFrame({"unit": [1, 1, 2, 2, 3, 3], "coder": list("ababab"),
...                       "code": ["x", "x", "y", "y", "x", "y"]})
>>> round(percent_agreement(frame), 3), round(cohen_kappa(frame, "a", "b"), 3)
(0.667, 0.4)

References
----------
Krippendorff, K. (2011). *Computing Krippendorff's Alpha-Reliability*. Annenberg School for
Communication, University of Pennsylvania. https://repository.upenn.edu/asc_papers/43
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

from ..errors import WorkbenchError

__all__ = [
    "LEVELS",
    "REPORT_COLUMNS",
    "UndefinedAgreementWarning",
    "percent_agreement",
    "cohen_kappa",
    "krippendorff_alpha",
    "presence_frame",
    "agreement_report",
]

LEVELS = ("nominal", "ordinal", "interval", "ratio")

#: Columns of :func:`agreement_report`'s frame.
REPORT_COLUMNS = ("code", "n_units", "n_coders", "percent", "kappa", "alpha", "note")

OVERALL = "(all codes)"


class UndefinedAgreementWarning(UserWarning):
    """A chance-corrected coefficient is undefined for the data (the result is NaN)."""


def _values(frame: pd.DataFrame, unit: str, coder: str, code: str) -> pd.DataFrame:
    """A units x coders table of values (NaN where a coder did not code a unit)."""
    missing = [c for c in (unit, coder, code) if c not in frame.columns]
    if missing:
        raise WorkbenchError(
            f"the frame lacks the column(s) {', '.join(missing)}",
            key=missing[0],
            hint=f"Pass one row per unit, coder and code; the frame has {', '.join(map(str, frame.columns))}.",
        )
    data = frame[[unit, coder, code]].dropna().drop_duplicates()
    twice = data.duplicated([unit, coder], keep=False)
    if twice.any():
        first = data[twice].iloc[0]
        raise WorkbenchError(
            f"coder '{first[coder]}' gave unit '{first[unit]}' more than one value",
            key=str(first[unit]),
            hint="These coefficients need one value per unit and coder; for several codes per unit "
            "use agreement_report (presence/absence per code).",
        )
    return data.pivot(index=unit, columns=coder, values=code)


def _undefined(what: str, why: str) -> float:
    warnings.warn(f"{what} is undefined: {why}", UndefinedAgreementWarning, stacklevel=3)
    return float("nan")


def percent_agreement(
    frame: pd.DataFrame, *, unit: str = "unit", coder: str = "coder", code: str = "code"
) -> float:
    """Share of agreeing coder pairs, averaged over the units coded by at least two coders.

    With two coders this is the share of units they coded alike. NaN when no unit has two coders.
    """
    table = _values(frame, unit, coder, code)
    shares = []
    for row in table.itertuples(index=False):
        vals = [v for v in row if not pd.isna(v)]
        m = len(vals)
        if m < 2:
            continue
        counts = pd.Series(vals).value_counts().to_numpy()
        shares.append(float((counts * (counts - 1)).sum()) / (m * (m - 1)))
    return float(np.mean(shares)) if shares else float("nan")


def cohen_kappa(
    frame: pd.DataFrame,
    coder_a: str,
    coder_b: str,
    *,
    unit: str = "unit",
    coder: str = "coder",
    code: str = "code",
) -> float:
    """Cohen's kappa of two coders on the units both coded (``sklearn.metrics.cohen_kappa_score``).

    NaN (with an :class:`UndefinedAgreementWarning`) when no unit was coded by both, or when
    both coders used one and the same category throughout (chance agreement is then 1).
    """
    table = _values(frame, unit, coder, code)
    for name in (coder_a, coder_b):
        if name not in table.columns:
            raise WorkbenchError(
                f"no coder '{name}' in the data",
                key=str(name),
                hint=f"Coders present: {', '.join(map(str, table.columns))}.",
            )
    both = table[[coder_a, coder_b]].dropna()
    if both.empty:
        return _undefined("Cohen's kappa", f"no unit was coded by both '{coder_a}' and '{coder_b}'")
    a = both[coder_a].astype(str).to_numpy()
    b = both[coder_b].astype(str).to_numpy()
    if len(set(a) | set(b)) < 2:
        return _undefined("Cohen's kappa", "both coders used a single category, so chance agreement is 1")
    return float(cohen_kappa_score(a, b))


def _delta(values: np.ndarray, n_c: np.ndarray, level: str) -> np.ndarray:
    """Krippendorff's squared difference function for the sorted values (2011, section D)."""
    if level == "nominal":
        return 1.0 - np.eye(len(values))
    v = values.astype(float)
    if level == "interval":
        return (v[:, None] - v[None, :]) ** 2
    if level == "ratio":
        total = v[:, None] + v[None, :]
        with np.errstate(invalid="ignore", divide="ignore"):
            d = ((v[:, None] - v[None, :]) / total) ** 2
        return np.nan_to_num(d)
    cum = np.cumsum(n_c)  # ordinal: ranks' distance through the marginal frequencies
    d = np.zeros((len(v), len(v)))
    for c in range(len(v)):
        for k in range(c + 1, len(v)):
            d[c, k] = d[k, c] = (cum[k] - (cum[c - 1] if c else 0) - (n_c[c] + n_c[k]) / 2) ** 2
    return d


def krippendorff_alpha(
    frame: pd.DataFrame,
    level: str = "nominal",
    *,
    unit: str = "unit",
    coder: str = "coder",
    code: str = "code",
) -> float:
    """Krippendorff's alpha for any number of coders, with missing values.

    Computed from the coincidence matrix (Krippendorff 2011): every unit coded by ``m >= 2``
    coders adds each ordered pair of its values with weight ``1 / (m - 1)``; units coded by one
    coder only are not pairable and are ignored. ``alpha = 1 - (n - 1) * sum(o_ck * d_ck) /
    sum(n_c * n_k * d_ck)``.

    Parameters
    ----------
    frame : DataFrame
        One row per unit and coder with the value given (``unit``, ``coder``, ``code`` columns).
    level : {'nominal', 'ordinal', 'interval', 'ratio'}
        Metric of the values; all but ``'nominal'`` need numeric values.

    Returns
    -------
    float
        Alpha (1 = perfect reliability, 0 = chance). NaN, with an
        :class:`UndefinedAgreementWarning`, when fewer than two values are pairable or all
        pairable values are the same (no variation: reliability cannot be assessed).
    """
    if level not in LEVELS:
        raise WorkbenchError(f"unknown level '{level}'", key="level", hint=f"Use one of {', '.join(LEVELS)}.")
    table = _values(frame, unit, coder, code)
    if level != "nominal":
        try:
            table = table.astype(float)
        except (TypeError, ValueError):
            raise WorkbenchError(
                f"the {level} level needs numeric codes",
                key=code,
                hint="Use level='nominal' for categories.",
            ) from None
    cells = table.to_numpy(dtype=object)
    present = ~pd.isna(table).to_numpy()
    pairable = present.sum(axis=1) >= 2
    if not pairable.any():
        return _undefined("Krippendorff's alpha", "no unit was coded by two or more coders")
    values = sorted(set(cells[present & pairable[:, None]].tolist()), key=lambda v: (str(type(v)), v))
    index = {v: i for i, v in enumerate(values)}
    o = np.zeros((len(values), len(values)))
    for row, mask in zip(cells[pairable], present[pairable], strict=True):
        idx = np.array([index[v] for v in row[mask]])
        counts = np.bincount(idx, minlength=len(values)).astype(float)
        o += (np.outer(counts, counts) - np.diag(counts)) / (len(idx) - 1)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    if len(values) < 2:
        return _undefined("Krippendorff's alpha", f"every pairable value is '{values[0]}' (no variation)")
    delta = _delta(np.array(values, dtype=object), n_c, level)
    expected = (np.outer(n_c, n_c) * delta).sum()
    return float(1.0 - (n - 1) * (o * delta).sum() / expected)


def presence_frame(codings: pd.DataFrame) -> pd.DataFrame:
    """Who assigned which code to which unit: a long frame ``unit, coder, code``.

    Accepts the study store's codings (``schema.CODINGS``: a unit is a ``doc_id``; a coder
    assigned a code when they accepted it or added it by hand, rejections are absences) or a
    table with ``unit, coder, code`` columns, one row per code assigned. Each output row is an
    assignment; a unit counts as *seen* by a coder when the coder has any row on it.
    """
    if {"doc_id", "decision"} <= set(codings.columns):
        frame = pd.DataFrame(
            {
                "unit": codings["doc_id"].astype("string"),
                "coder": codings["coder"].astype("string"),
                "code": codings["code"].astype("string").where(codings["decision"].astype(str) == "accepted"),
            }
        )
    else:
        missing = [c for c in ("unit", "coder", "code") if c not in codings.columns]
        if missing:
            raise WorkbenchError(
                f"the codings lack the column(s) {', '.join(missing)}",
                key=missing[0],
                hint="Give columns unit, coder, code (one row per code a coder assigned to a unit), or the "
                f"store's codings; the table has {', '.join(map(str, codings.columns))}.",
            )
        frame = codings[["unit", "coder", "code"]].astype("string")
    return frame.dropna(subset=["unit", "coder"]).reset_index(drop=True)


def _code_frame(assigned: pd.DataFrame, seen: pd.DataFrame, code: str) -> pd.DataFrame:
    mine = assigned[assigned["code"] == code]
    has = set(zip(mine["unit"], mine["coder"], strict=True))
    flags = [int((u, c) in has) for u, c in zip(seen["unit"], seen["coder"], strict=True)]
    return seen.assign(code=flags)


def _measures(frame: pd.DataFrame, level: str) -> dict:
    table = _values(frame, "unit", "coder", "code")
    pairable = table.notna().sum(axis=1) >= 2
    coders = [c for c in table.columns if table.loc[pairable, c].notna().any()]
    notes = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UndefinedAgreementWarning)
        percent = percent_agreement(frame)
        kappa = cohen_kappa(frame, coders[0], coders[1]) if len(coders) == 2 else float("nan")
        alpha = krippendorff_alpha(frame, level)
    notes = list(dict.fromkeys(str(w.message) for w in caught))
    if len(coders) != 2:
        notes.append(f"kappa needs exactly 2 coders ({len(coders)} here)")
    return {
        "n_units": int(pairable.sum()),
        "n_coders": len(coders),
        "percent": percent,
        "kappa": kappa,
        "alpha": alpha,
        "note": "; ".join(notes),
    }


def agreement_report(
    codings: pd.DataFrame, *, codes: Iterable[str] | None = None, level: str = "nominal"
) -> pd.DataFrame:
    """Agreement per code and overall.

    Per code, every unit a coder has seen gets 1 (the coder assigned the code) or 0, and the
    measures are computed on those presence/absence values over the units seen by two or more
    coders. The overall row (``code == "(all codes)"``) uses the categories themselves when
    every coder gave every unit they saw exactly one code (nominal data), and otherwise pools
    the presence/absence values of all codes (each unit-code pair is a unit).

    Parameters
    ----------
    codings : DataFrame
        ``Store.codings()`` (``schema.CODINGS``), or ``unit, coder, code`` rows (one per code
        assigned).
    codes : iterable of str, optional
        The codes to report (default: every code assigned, sorted).
    level : str
        Passed to :func:`krippendorff_alpha` for the overall row of single-code data.

    Returns
    -------
    DataFrame
        Columns :data:`REPORT_COLUMNS`: ``code``, ``n_units`` (units coded by two or more
        coders), ``n_coders``, ``percent`` (0..1), ``kappa`` (NaN unless exactly 2 coders),
        ``alpha`` (NaN when undefined) and ``note`` (why a value is missing).
    """
    frame = presence_frame(codings)
    seen = frame[["unit", "coder"]].drop_duplicates().reset_index(drop=True)
    assigned = frame.dropna(subset=["code"]).drop_duplicates()
    codes = sorted(set(assigned["code"])) if codes is None else list(codes)
    rows = []
    for code in codes:
        rows.append({"code": code, **_measures(_code_frame(assigned, seen, code), "nominal")})
    if not assigned.empty:
        per_pair = assigned.groupby(["unit", "coder"]).size()
        single = len(per_pair) == len(seen) and (per_pair == 1).all()
        if single:
            overall = _measures(assigned, level)
            overall["note"] = "; ".join(
                filter(None, ["one code per unit: categories compared", overall["note"]])
            )
        else:
            pooled = pd.concat(
                [
                    _code_frame(assigned, seen, c).assign(unit=lambda f, c=c: f["unit"] + "\x1f" + c)
                    for c in codes
                ],
                ignore_index=True,
            )
            overall = _measures(pooled, "nominal")
            overall["note"] = "; ".join(
                filter(None, ["pooled presence/absence of all codes", overall["note"]])
            )
        rows.append({"code": OVERALL, **overall})
    out = pd.DataFrame(rows, columns=list(REPORT_COLUMNS))
    return out.astype(
        {
            "code": "string",
            "n_units": "int64",
            "n_coders": "int64",
            "percent": "float64",
            "kappa": "float64",
            "alpha": "float64",
            "note": "string",
        }
    )
