"""Scrubber quality and speed: recall per identifier type, other words removed, words/s, first load.

    PYTHONPATH=. python benchmarks/pii.py            # both halves of the labelled sets, speed
    PYTHONPATH=. python benchmarks/pii.py --misses   # also list what was missed / wrongly removed

Prints, per language and half of tests/fixtures/pii/*.txt (odd sentences "dev", even "held-out"),
the recall of every identifier type and the share of non-identifying words removed; then the
share of words removed in the real customer sentences of ../shared/data/realtext (already masked by
their source, so nearly every removal there is a false one; skipped when absent); then words/s
of scrubbing ~1M words of transcript-like text; then the time and peak memory of the first load in
a fresh process (with and without the built cache).
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.privacy import Policy  # noqa: E402
from workbench.privacy.evaluate import read_labelled, score  # noqa: E402

REAL = ROOT.parent / "shared" / "data" / "realtext"
if not REAL.exists():
    REAL = Path("/work/shared/data/realtext")


def quality(show: bool) -> None:
    for lang in ("nl", "en"):
        items = read_labelled(ROOT / "tests" / "fixtures" / "pii" / f"{lang}.txt")
        for half in ("dev", "held-out"):
            part = [i for i in items if i.half == half]
            sc = score(part, lang)
            per = ", ".join(f"{k} {sc.found[k]}/{sc.total[k]}" for k in sorted(sc.total))
            print(f"{lang} {half:8s} {len(part)} sentences: recall {sc.recall:.3f} "
                  f"({sum(sc.found.values())}/{sum(sc.total.values())}); other words removed "
                  f"{sc.removed_share:.2%} ({sc.other_removed}/{sc.other_words})")
            print(f"    per type: {per}")
            if show:
                for m in sc.misses:
                    print("    miss", m)
                for f in sc.false_hits:
                    print("    removed", f)


def real_text() -> None:
    import re

    for lang in ("nl", "en"):
        path = REAL / f"{lang}.csv"
        if not path.exists():
            print(f"realtext {lang}: not found, skipped")
            continue
        with path.open(encoding="utf-8") as fh:
            texts = [r["text"] for r in csv.DictReader(fh)]
        pol = Policy(lang)
        words = removed = 0
        for t in texts:
            t = re.sub(r"\[(?:naam|name|e-?mail|telefoon|phone|url|iban)\]|XX+", " ", t, flags=re.I)
            n = len(re.findall(r"\w+", t))
            kept = len(re.findall(r"\w+", re.sub(r"\[[A-Z-]+(?:-\d+)?\]", " ", pol.scrub(t))))
            words += n
            removed += max(0, n - kept)
        print(f"realtext {lang}: {len(texts)} real sentences, {removed}/{words} words removed ({removed / words:.2%})")


def speed() -> None:
    for lang in ("nl", "en"):
        path = REAL / f"{lang}.csv"
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                base = [r["text"] for r in csv.DictReader(fh)]
        else:
            base = [it.text for it in read_labelled(ROOT / "tests" / "fixtures" / "pii" / f"{lang}.txt")]
        n_words = sum(len(t.split()) for t in base)
        reps = max(1, 1_000_000 // n_words)
        # transcript-like: turns of ~5 sentences, each distinct (a number varies) so no cache helps
        turns = [" ".join(base[j % len(base)] for j in range(i, i + 5)) + f" ({r})"
                 for r in range(reps) for i in range(0, len(base), 5)]
        total = sum(len(t.split()) for t in turns)
        pol = Policy(lang)
        pol.scrub(turns[0])
        t0 = time.perf_counter()
        for t in turns:
            pol.scrub(t)
        dt = time.perf_counter() - t0
        print(f"speed {lang}: {total:,} words in {dt:.1f} s = {total / dt:,.0f} words/s")


def first_load() -> None:
    code = ("import time, resource; t=time.perf_counter(); from workbench.privacy import scrub; "
            "scrub('Jan de Vries belde.', lang='nl'); scrub('Sarah Smith called.', lang='en'); "
            "print(f'{time.perf_counter()-t:.1f} s, peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024:.0f} MB')")
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, WORKBENCH_CACHE=cache, PYTHONPATH=str(ROOT))
        for label in ("fresh install (builds the cache)", "later runs (cache built)"):
            out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
            print(f"first load, {label}: {out.stdout.strip()}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args()
    quality(args.misses)
    real_text()
    if not args.no_speed:
        speed()
        first_load()


if __name__ == "__main__":
    main()
