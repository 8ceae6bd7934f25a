"""The lanes of a journey map, computed for every persona and phase at once (vectorised).

Each function takes *hits* — one row per piece of evidence already tied to a persona (a document
in ``everyone`` and in its own persona) — and returns ranked cells. See
:func:`workbench.journey.build_journey_map` for the meaning of the columns.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..privacy import scrub
from .themes import find_themes

__all__ = ["rank_items", "action_hits", "theme_hits", "emotion_table", "satisfaction_table", "summarise_scores",
           "pick_quotes", "quote_key", "MAX_SHOWN", "EMOTION_COLUMNS"]

MAX_SHOWN = 20      # evidence rows kept per cell for display (the cell keeps every id)
MAX_QUOTE = 280
_ITEM_KEYS = ["persona", "phase", "item"]


def rank_items(hits: pd.DataFrame, lane: str, max_items: int, min_evidence: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rank the items of each (persona, phase) by mentions, then documents; keep ``max_items``.

    ``hits`` has ``persona, phase, item, doc_id`` (and any other columns, kept in the evidence
    rows). Returns the cells and the evidence rows to display (≤ ``MAX_SHOWN`` per cell).
    """
    cols = ["persona", "phase", "lane", "rank", "item", "value", "n_evidence", "evidence_ids", "thin"]
    if hits.empty:
        return pd.DataFrame(columns=cols), pd.DataFrame(columns=["persona", "phase", "lane", "rank", "item",
                                                                  "doc_id"])
    # factorise the key columns once (groupby, merge and drop_duplicates below reuse the codes)
    hits = hits.astype({k: "category" for k in (*_ITEM_KEYS, "doc_id")})
    g = hits.groupby(_ITEM_KEYS, sort=False, observed=True)
    agg = pd.DataFrame({"value": g.size(), "n_evidence": g["doc_id"].nunique()}).reset_index()
    agg = agg.sort_values(["persona", "phase", "value", "n_evidence", "item"],
                          ascending=[True, True, False, False, True], kind="stable")
    agg["rank"] = agg.groupby(["persona", "phase"], sort=False).cumcount() + 1
    agg = agg[agg["rank"] <= max_items]
    kept = hits.merge(agg[_ITEM_KEYS + ["rank"]], on=_ITEM_KEYS)
    ids = kept.drop_duplicates(_ITEM_KEYS + ["doc_id"]).groupby(_ITEM_KEYS, sort=False)["doc_id"].agg(tuple)
    agg = agg.merge(ids.rename("evidence_ids").reset_index(), on=_ITEM_KEYS, how="left")
    agg["lane"] = lane
    agg["thin"] = agg["n_evidence"] < min_evidence
    shown = kept.drop_duplicates(_ITEM_KEYS + ["doc_id"]).groupby(_ITEM_KEYS, sort=False).head(MAX_SHOWN)
    return agg[cols].reset_index(drop=True), shown.assign(lane=lane).reset_index(drop=True)


def _stem_groups(forms: pd.Series) -> dict[str, str]:
    """Map each cue form to the most frequent form sharing its first five letters."""
    counts = forms.value_counts()
    rep: dict[str, str] = {}
    best: dict[str, str] = {}
    for form in counts.index:  # most frequent first
        key = form[:5]
        best.setdefault(key, form)
        rep[form] = best[key]
    return rep


def _implied(cues: list[str]) -> dict[str, list[str]]:
    """Each cue with the cues that match wherever it does: itself and its word-prefixes
    ('voor het eerst' implies 'voor' when both are cues)."""
    out = {}
    for c in cues:
        out[c] = [c] + [o for o in cues if o != c and c.startswith(o) and not re.match(r"\w", c[len(o)])]
    return out


def action_hits(docs: pd.DataFrame, phase_model, lang: str) -> pd.DataFrame:
    """Phase cue words (what customers do: 'vergeleken', 'besteld', 'returned') found in
    participants' text: one row per document × phase × action, with the match as snippet centre.

    The texts are searched as one lower-cased string (joined by a separator no cue can span) in
    one regex pass for every phase: at each word start the longest cue is found (a look-ahead, so
    cues inside a longer match are found too), and the cues it implies (its word-prefixes) are
    added; match offsets map back to their documents."""
    text = docs["text"].astype("string").fillna("").tolist()
    ids = [str(i) for i in docs.index]
    sep = "\n\x00\n"
    joined = sep.join(text)
    lowered = joined.lower()
    flags = 0
    if len(lowered) != len(joined):  # a few characters change length when lower-cased
        lowered, flags = joined, re.IGNORECASE
    starts = np.cumsum([0] + [len(t) + len(sep) for t in text[:-1]], dtype=np.int64)
    pairs = [(c.lower(), i, phase.id) for i, phase in enumerate(phase_model)
             for c in phase.cues.get(lang, ()) if c.strip()]
    empty = pd.DataFrame(columns=["doc_id", "phase", "item", "cue"])
    if not pairs or not text:
        return empty
    cue_phase = pd.DataFrame(pairs, columns=["cue", "order", "phase"]).drop_duplicates(["cue", "phase"])
    cues = sorted(set(cue_phase["cue"]), key=len, reverse=True)
    alts = "|".join(re.escape(c) for c in cues)
    pat = re.compile(rf"(?<!\w)(?=({alts})(?!\w))", flags=flags)
    found = [(m.start(), m.group(1)) for m in pat.finditer(lowered)]
    if not found:
        return empty
    f = pd.DataFrame(found, columns=["pos", "cue"])
    f["cue"] = f["cue"].str.lower()
    f["doc"] = np.searchsorted(starts, f["pos"].to_numpy(), side="right") - 1
    f = f.drop_duplicates(["doc", "cue"])
    implied = _implied(cues)
    f["cue"] = f["cue"].map(implied)
    f = f.explode("cue").merge(cue_phase, on="cue")
    # the order of one search per phase: phase by phase, then by position in the text
    hits = f.sort_values(["order", "pos"], kind="stable").drop_duplicates(["doc", "cue", "phase"])
    hits = hits.reset_index(drop=True)
    hits["doc_id"] = pd.array(np.asarray(ids, dtype=object)[hits["doc"].to_numpy()], dtype="string")
    hits = hits[["doc_id", "phase", "cue"]]
    rep = _stem_groups(hits["cue"])
    hits["item"] = hits["cue"].map(rep)
    return hits.drop_duplicates(["doc_id", "phase", "item"])


def locate(texts: pd.Series, doc_ids: pd.Series, needles: pd.Series, width: int = 90) -> tuple[list[int], list[int]]:
    """Snippet bounds: ``width`` characters around the first case-insensitive hit of each needle."""
    starts, ends = [], []
    for d, n in zip(doc_ids, needles, strict=False):
        t = str(texts.get(d, ""))
        i = t.lower().find(str(n).lower())
        i = max(i, 0)
        s = max(0, i - width)
        e = min(len(t), i + len(str(n)) + width)
        starts.append(s)
        ends.append(e)
    return starts, ends


def theme_hits(sent: pd.DataFrame, texts: pd.Series, lang: str, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Themes per (phase, label) over the sentences of everyone; returns the sentences with a
    ``theme`` number and the theme table (phase, label, theme, text, terms, size).

    ``sent`` has ``doc_id, sent_start, sent_end, start_char, cue, value`` (the cue span's text
    and class, see :func:`workbench.journey.find_themes`)."""
    sent = sent.copy()
    by_id = texts.to_dict()  # a dict look-up per row: Series.get costs microseconds
    sent["sentence"] = [str(by_id.get(d, ""))[s:e] for d, s, e in
                        zip(sent["doc_id"].tolist(), sent["sent_start"].tolist(), sent["sent_end"].tolist(),
                            strict=True)]
    sent["theme"] = -1
    rows = []
    for (phase, label), g in sent.groupby(["phase", "label"], sort=True, observed=True):
        th = find_themes(g["sentence"], cues=g["cue"], cue_starts=g["start_char"] - g["sent_start"],
                         classes=g["value"], lang=lang, seed=seed)
        sent.loc[g.index, "theme"] = th.assignments.to_numpy()
        sizes = th.assignments.value_counts()
        for i, (lab, terms) in enumerate(zip(th.labels, th.terms, strict=False)):
            rows.append({"phase": phase, "label": label, "theme": i, "text": lab,
                         "terms": ", ".join(terms), "size": int(sizes.get(i, 0))})
    table = pd.DataFrame(rows, columns=["phase", "label", "theme", "text", "terms", "size"])
    return sent, table


EMOTION_COLUMNS = ["persona", "phase", "source", "mean", "se", "ci_low", "ci_high", "n", "thin", "evidence_ids",
                   "mean_interview", "n_interview", "mean_survey", "n_survey"]


def summarise_scores(per: pd.DataFrame, min_evidence: int) -> pd.DataFrame:
    """Mean, standard error, 95% CI (t) and n of per-person scores, per persona and phase.

    ``per`` has ``persona, phase, person, score`` (one row per person and phase) and optionally
    ``evidence`` (a tuple of ids per row, joined per cell; default: the person ids).
    """
    from scipy import stats

    cols = ["persona", "phase", "mean", "se", "ci_low", "ci_high", "n", "thin", "evidence_ids"]
    if per.empty:
        return pd.DataFrame(columns=cols)
    keys = ["persona", "phase"]
    g = per.groupby(keys, sort=False)["score"]
    out = pd.DataFrame({"mean": g.mean(), "sd": g.std(ddof=1), "n": g.size()})
    if "evidence" in per.columns:
        out["evidence_ids"] = per.groupby(keys, sort=False)["evidence"].agg(
            lambda v: tuple(dict.fromkeys(i for t in v for i in t)))
    else:
        out["evidence_ids"] = per.groupby(keys, sort=False)["person"].agg(tuple)
    out = out.reset_index()
    out["se"] = out["sd"] / np.sqrt(out["n"])
    tcrit = np.where(out["n"] > 1, stats.t.ppf(0.975, np.maximum(out["n"] - 1, 1)), np.nan)
    out["ci_low"] = out["mean"] - tcrit * out["se"]
    out["ci_high"] = out["mean"] + tcrit * out["se"]
    out["thin"] = out["n"] < min_evidence
    out["n"] = out["n"].astype("int64")
    return out[cols]


def emotion_table(sentences: pd.DataFrame, member: pd.DataFrame, min_evidence: int) -> pd.DataFrame:
    """Mean emotion in what people said (−2..+2) per persona and phase, one vote per person, with
    its standard error, 95% CI and n (persons), and the same mean for interviewees and survey
    respondents' open answers apart (``source`` is ``"text"``).

    ``sentences`` has ``doc_id, phase, score`` (valence −1..+1 of a sentence), ``person`` and
    ``source`` ('interview' / 'survey'). A person's score in a phase is the mean of their
    sentences there, times 2; so a talkative interviewee counts once, like a respondent.
    """
    d = sentences.merge(member, on="doc_id")
    if d.empty:
        return pd.DataFrame(columns=EMOTION_COLUMNS)
    keys = ["persona", "phase"]
    per = d.groupby(keys + ["person", "source"], sort=False)["score"].mean().mul(2.0).reset_index()
    docs = d.drop_duplicates(keys + ["doc_id"]).groupby(keys + ["person"], sort=False)["doc_id"].agg(tuple)
    per["evidence"] = [docs.get(k, ()) for k in zip(per["persona"], per["phase"], per["person"], strict=True)]
    out = summarise_scores(per, min_evidence).set_index(keys)
    src = per.groupby(keys + ["source"], sort=False)["score"].agg(["mean", "size"]).unstack("source")
    for name in ("interview", "survey"):
        out[f"mean_{name}"] = src[("mean", name)] if ("mean", name) in src.columns else np.nan
        n_src = src[("size", name)] if ("size", name) in src.columns else 0
        out[f"n_{name}"] = pd.Series(n_src, index=out.index).fillna(0).astype("int64")
    out = out.reset_index().assign(source="text")
    return out[EMOTION_COLUMNS]


def satisfaction_table(per: pd.DataFrame, min_evidence: int) -> pd.DataFrame:
    """:func:`summarise_scores` of the survey's rescaled ratings (``source`` is ``"survey"``;
    evidence: the respondents)."""
    out = summarise_scores(per, min_evidence).assign(source="survey", n_interview=0, n_survey=0)
    out["mean_interview"] = np.nan
    out["mean_survey"] = np.nan
    return out.reindex(columns=EMOTION_COLUMNS)


def quote_key(text: str) -> str:
    """A quote reduced to its words (case, punctuation and spacing ignored), to find repeats.

    >>> quote_key("Er staat wel 'duurzaam' bij!") == quote_key("er staat wel duurzaam bij")
    True
    """
    return " ".join(re.findall(r"\w+", str(text).casefold()))


def pick_quotes(cand: pd.DataFrame, texts: pd.Series, names: list[str], lang: str, per_cell: int = 3) -> pd.DataFrame:
    """Representative quotes per (persona, phase): scrubbed sentences from the strongest themes,
    one per document, each verbatim in the scrubbed source.

    ``cand`` has ``persona, phase, doc_id, sent_start, sent_end, pref`` (lower = better).
    """
    cols = ["persona", "phase", "rank", "doc_id", "text", "pref"]
    if cand.empty:
        return pd.DataFrame(columns=cols)
    c = cand.copy()
    c["length"] = c["sent_end"] - c["sent_start"]
    c["fit"] = np.where((c["length"] >= 30) & (c["length"] <= MAX_QUOTE), 0, 1)
    c = c.sort_values(["persona", "phase", "fit", "pref", "doc_id", "sent_start"], kind="stable")
    c = c.drop_duplicates(["persona", "phase", "doc_id"])
    c = c.groupby(["persona", "phase"], sort=False).head(per_cell * 3)
    scrubbed_docs: dict[str, str] = {}
    out = []
    for row in c.itertuples(index=False):
        full = str(texts.get(row.doc_id, ""))
        raw = full[row.sent_start:row.sent_end].strip()
        if len(raw) > MAX_QUOTE:
            cut = raw.rfind(" ", 0, MAX_QUOTE)
            raw = raw[: cut if cut > 40 else MAX_QUOTE]
        quote = scrub(raw, names, lang=lang).strip()
        if not quote:
            continue
        if row.doc_id not in scrubbed_docs:
            scrubbed_docs[row.doc_id] = scrub(full, names, lang=lang)
        if quote not in scrubbed_docs[row.doc_id]:
            continue  # scrubbing across the cut changed it: not verbatim any more
        out.append({"persona": row.persona, "phase": row.phase, "doc_id": row.doc_id, "text": quote,
                    "pref": row.pref})
    q = pd.DataFrame(out, columns=["persona", "phase", "doc_id", "text", "pref"])
    q["_key"] = q["text"].map(quote_key)  # the same words said twice are one quote
    q = q.drop_duplicates(["persona", "phase", "_key"]).drop(columns="_key")
    q = q.groupby(["persona", "phase"], sort=False).head(per_cell)
    q["rank"] = q.groupby(["persona", "phase"], sort=False).cumcount() + 1
    return q[cols].reset_index(drop=True)
