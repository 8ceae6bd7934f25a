"""Negated statements that are no pain point (:func:`workbench.nlp.negated.no_pain`) on real text.

The journey map leaves a negated statement out of its pain points when it states the speaker's
own circumstance ("ik heb geen auto", "I can't lift it"), praise by absence ("geen piepschuim,
alles karton"), a correction ("het is niet eens het bedrag, het is het gevoel") or who people
are ("they're not admins"). This script measures what that costs on
``../shared/data/realtext/{nl,en}.csv`` (real customer sentences labelled per CODEBOOK.md): how
many sentences the check flags, by their gold ``pain_point`` label, and the rules' pain-point
precision/recall/F1 before and after dropping the flagged sentences whose every pain-point tag is
a negation (``value`` in ``negation``, ``unmet``), as the map does.

    PYTHONPATH=. python benchmarks/no_pain.py [--data DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from realtext import DEFAULT_DATA, load, prf  # noqa: E402


def run(data: Path, lang: str) -> None:
    from workbench.journey.themes import NEGATED
    from workbench.nlp import tag_texts
    from workbench.nlp.negated import no_pain, not_a_pain
    from workbench.nlp.syntax import parse

    frame = load(data, lang)
    texts = frame["text"].tolist()
    pred, tags = tag_texts(texts, lang=lang, return_tags=True)
    pains = tags[tags["label"].astype(str) == "pain_point"]
    only_negation = pains.groupby(pains["doc_id"].astype(int))["value"].apply(lambda v: set(v.astype(str)) <= NEGATED)
    reasons = [no_pain(d, lang) for d in parse(texts, lang)]
    flagged = np.array([r is not None for r in reasons])
    gold = frame["pain_point"].to_numpy().astype(int)
    before = pred["pain_point"].to_numpy().astype(int)
    dropped = flagged & np.isin(np.arange(len(texts)), only_negation[only_negation].index.to_numpy())
    after = np.where(dropped, 0, before)
    print(f"\n## {lang}: {len(texts)} sentences, {int(flagged.sum())} flagged as no pain point "
          f"({int((flagged & (gold == 1)).sum())} gold pain points, {int((flagged & (gold == 0)).sum())} not)")
    print(f"pain points dropped from the rules' output: {int(dropped.sum())} "
          f"({int((dropped & (gold == 1)).sum())} gold pain points, {int((dropped & (gold == 0)).sum())} not)")
    for name, p in (("before", before), ("after", after)):
        pr, rc, f1 = prf(gold, p)
        print(f"pain_point {name:<7} P/R/F1 {pr:.2f}/{rc:.2f}/{f1:.2f}")
    for i in np.flatnonzero(flagged):
        print(f"  {reasons[i]} (gold pain {gold[i]}, dropped {int(dropped[i])}): {texts[i][:110]}")
    # not_a_pain: whatever the cue's class, a pain-point sentence all of whose cues are no pain
    # point (a relief, a request, another shop's, only checked for ...) leaves the map's pain points
    docs = parse(texts, lang)
    why: dict[int, str] = {}
    for d, g in pains.groupby(pains["doc_id"].astype(int)):
        found = [not_a_pain(docs[d], lang, (int(s), int(e))) for s, e in zip(g["start_char"], g["end_char"], strict=True)]
        if all(found):
            why[d] = found[0]
    print(f"not_a_pain (any cue class): {len(why)} pain-point sentences left out of the map "
          f"({sum(gold[d] == 1 for d in why)} gold pain points of {int((gold == 1).sum())}, "
          f"{sum(gold[d] == 0 for d in why)} not)")
    for d, r in sorted(why.items(), key=lambda kv: (kv[1], kv[0])):
        print(f"  {r} (gold pain {gold[d]}, need {int(frame['need'].iloc[d])}): {texts[d][:110]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args()
    if not (args.data / "nl.csv").exists():
        print(f"no real-text data in {args.data}")
        return
    for lang in ("nl", "en"):
        run(args.data, lang)


if __name__ == "__main__":
    main()
