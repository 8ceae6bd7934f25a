"""The tables of :func:`workbench.themes.find_themes`: two levels — topics (what a complaint is
about, :mod:`workbench.topics`) holding themes (an aspect with what is wrong or wanted) — in one
themes table with a ``parent`` column (:data:`workbench.schema.THEMES`), and one row per input
text with both levels (:data:`workbench.schema.THEME_TEXTS`)."""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
import pandas as pd

from .schema import THEME_TEXTS, THEMES, conform

__all__ = ["SEVERITY", "THEME_COLUMNS", "TEXT_COLUMNS", "number_levels", "theme_table", "text_table"]

#: Severity (1–3) of a pain point by its cue class; needs and unknown classes count 1.
SEVERITY = {"blocked": 3, "broken": 3, "cost": 3, "delay": 2, "contact": 2, "missing": 2, "expectation": 2,
            "unclear": 1, "frustration": 1, "problem": 2, "regret": 1, "question": 1,
            # the tagger's judgement classes: a negative evaluation, too much of something, a quality
            # not met, hindsight ('dan was ik niet zo boos geweest'); a negated positive is milder
            "evaluation": 2, "excess": 2, "unmet": 2, "hindsight": 2, "negation": 1}
THEME_COLUMNS = list(THEMES)
TEXT_COLUMNS = list(THEME_TEXTS)


def number_levels(sent: pd.DataFrame) -> pd.DataFrame:
    """Number topics and themes across languages in one sequence, in the order of the themes
    table: each topic (largest first; ties: first met) followed by its themes (largest first),
    then the themes in no topic. Sets ``topic`` and ``theme`` (−1: none) per sentence."""
    sent = sent.copy()
    if sent.empty:
        return sent.assign(topic=pd.Series(dtype="int64"), theme=pd.Series(dtype="int64"))
    tkey = [(lg, t) if isinstance(t, str) and t else None for lg, t in zip(sent["lang"], sent["topic_id"], strict=True)]
    skey = [(lg, t) if t >= 0 else None for lg, t in zip(sent["lang"], sent["theme"], strict=True)]
    size = Counter(k for k in tkey + skey if k is not None)
    first: dict = {}
    parent: dict = {}
    for i, (tk, sk) in enumerate(zip(tkey, skey, strict=True)):
        for k in (tk, sk):
            if k is not None:
                first.setdefault(k, i)
        if sk is not None:
            parent.setdefault(sk, tk)  # a theme lies within one topic (group_phrases)

    def order(keys):
        return sorted(keys, key=lambda k: (-size[k], first[k]))

    number: dict = {}
    for tk in order({k for k in tkey if k is not None}):
        number[("topic", tk)] = len(number)
        for sk in order([k for k, p in parent.items() if p == tk]):
            number[("theme", sk)] = len(number)
    for sk in order([k for k, p in parent.items() if p is None]):
        number[("theme", sk)] = len(number)
    sent["topic"] = [number[("topic", k)] if k is not None else -1 for k in tkey]
    sent["theme"] = [number[("theme", k)] if k is not None else -1 for k in skey]
    return sent


def theme_table(sent: pd.DataFrame, n_people: int, max_quotes: int, seed: int) -> pd.DataFrame:
    """The themes table (:data:`THEME_COLUMNS`, see :class:`workbench.themes.ThemeResult`)."""
    from .topics import topic_name

    rows = []
    rng = np.random.default_rng(seed)
    groups = [("topic", t, g) for t, g in sent[sent["topic"] >= 0].groupby("topic", sort=True)]
    groups += [("theme", t, g) for t, g in sent[sent["theme"] >= 0].groupby("theme", sort=True)]
    for level, t, g in sorted(groups, key=lambda x: x[1]):
        sev = [SEVERITY.get(str(c), 1) if lab == "pain_point" else 1 for c, lab in zip(g["cls"], g["label"], strict=True)]
        quotes, qids = _quotes(g, max_quotes, rng)
        if level == "topic":
            label = topic_name(g["topic_id"].iloc[0], g["lang"].iloc[0], [x.lower() for x in g["said"] if x])
            aspect, parent = most_common([x for x in g["said"] if x] or [label]), -1
        else:
            label, aspect = most_common(g["theme_label"].tolist()), most_common(g["aspect"].tolist())
            parent = int(g["topic"].iloc[0]) if g["topic"].nunique() == 1 else -1
        people = g["person"].astype(str).nunique()
        rows.append({"theme": int(t), "level": level, "parent": parent, "label": label, "aspect": aspect,
                     "phrases": "; ".join(f"{p} ({k})" for p, k in Counter(x for x in g["phrase"] if x).most_common(3)),
                     "n_sentences": len(g), "n_texts": g["pos"].nunique(), "n_people": people,
                     "share_people": round(people / max(1, n_people), 4),
                     "severity": round(float(np.mean(sev)), 2), "sentiment": round(float(g["sentiment"].mean()), 2),
                     "quotes": " | ".join(quotes), "quote_ids": " | ".join(map(str, qids))})
    return conform(pd.DataFrame(rows, columns=THEME_COLUMNS), THEMES)


def most_common(values: list[str]) -> str:
    c = Counter(values)
    return max(c, key=lambda v: (c[v], -len(v), v))


def _quotes(g: pd.DataFrame, k: int, rng) -> tuple[list[str], list]:
    """Up to ``k`` distinct verbatim sentences of a theme: of quotable length first, one per text."""
    cand = g.assign(q=g["sentence"].str.strip(), r=rng.random(len(g)))
    cand["fit"] = ~cand["q"].str.len().between(25, 240)
    cand = cand.sort_values(["fit", "r"], kind="stable")
    seen, texts, out, ids = set(), set(), [], []
    for q, pos, row in zip(cand["q"], cand["pos"], cand["row"], strict=True):
        norm = " ".join(q.lower().split()).strip(".!? ")
        if norm in seen or pos in texts:
            continue
        seen.add(norm)
        texts.add(pos)
        out.append(q)
        ids.append(row)
        if len(out) == k:
            break
    return out, ids


def text_table(sent: pd.DataFrame, rows: list, values: list[str], themes: pd.DataFrame) -> pd.DataFrame:
    """One row per input text (:data:`TEXT_COLUMNS`) with its topics and themes."""
    label_of = dict(zip(themes["theme"], themes["label"], strict=True))
    per: dict[str, dict[int, list[int]]] = {"topic": defaultdict(list), "theme": defaultdict(list)}
    nsent = Counter()
    for p, tp, t in zip(sent["pos"], sent["topic"], sent["theme"], strict=True):
        nsent[int(p)] += 1
        for level, x in (("topic", tp), ("theme", t)):
            if x >= 0 and x not in per[level][int(p)]:
                per[level][int(p)].append(int(x))
    out = []
    for i, (r, v) in enumerate(zip(rows, values, strict=True)):
        tops, ths = sorted(per["topic"].get(i, [])), sorted(per["theme"].get(i, []))
        out.append({"row": r, "text": v, "n_sentences": nsent.get(i, 0),
                    "topics": ";".join(map(str, tops)), "topic_labels": "; ".join(label_of[t] for t in tops),
                    "themes": ";".join(map(str, ths)), "labels": "; ".join(label_of[t] for t in ths)})
    return conform(pd.DataFrame(out, columns=TEXT_COLUMNS), THEME_TEXTS)
