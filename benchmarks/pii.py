"""Scrubber quality and speed: recall per identifier type, other words removed, words/s, first load.

    PYTHONPATH=. python benchmarks/pii.py                      # every labelled set in tests/fixtures/pii, speed
    PYTHONPATH=. python benchmarks/pii.py --misses             # also list what was missed / wrongly removed
    PYTHONPATH=. python benchmarks/pii.py --file SET.txt [--lang en] [--misses]   # any labelled set only

A labelled set has one sentence a line with every identifier marked inline, ``[[NAME:Jan de Vries]]``
(types NAME ADDRESS POSTCODE PHONE EMAIL URL IBAN ID DOB PLATE, any case; our own kind names such as
``[[person:…]]`` too), or is JSON lines with character offsets (see workbench/privacy/evaluate.py).
Per type it prints recall three ways: *removed* (every letter and digit of the identifier is inside
a detected span — nothing of it reaches the reader), *exact* (same boundaries, same type) and
*overlap* (any shared character); then the share of all other words that were removed as well.

Without ``--file`` it also prints the share of words removed in the real customer sentences of
../shared/data/realtext (already masked by their source, so nearly every removal there is a false
one; skipped when absent), words/s of scrubbing 1M words of transcript-like text (wall and CPU
time: the machine may be shared), and the time and peak memory of the first load in a fresh
process (with and without the built cache).
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

from workbench.errors import WorkbenchError  # noqa: E402
from workbench.privacy import Policy  # noqa: E402
from workbench.privacy.evaluate import TYPES, guess_lang, read_labelled, score  # noqa: E402

FIX = ROOT / "tests" / "fixtures" / "pii"
REAL = ROOT.parent / "shared" / "data" / "realtext"
if not REAL.exists():
    REAL = Path("/work/shared/data/realtext")


def report(path: Path, lang: str | None, show: bool) -> None:
    items = read_labelled(path)
    lang = lang or guess_lang(items)
    loose = sum("[[" in it.text for it in items)
    if loose:
        print(f"WARNING: {loose} line(s) of {path.name} have a '[[' that is not a [[TYPE:text]] mark; "
              f"their identifiers are not counted")
    sc = score(items, lang)
    other = sorted(set(sc.total) - set(TYPES))
    if other:
        print(f"WARNING: types the scrubber does not target: {', '.join(other)} (counted all the same)")
    n = sum(sc.total.values())
    print(f"{path.name} ({lang}): {len(items)} sentences, {n} identifiers")
    print(f"    {'type':9s} {'n':>4s} {'removed':>8s} {'exact':>7s} {'overlap':>8s}")
    for kind in [t for t in TYPES if sc.total[t]] + other:
        print(f"    {kind:9s} {sc.total[kind]:4d} {sc.rate('removed', kind):8.3f} {sc.rate('exact', kind):7.3f} "
              f"{sc.rate('overlap', kind):8.3f}")
    print(f"    {'all':9s} {n:4d} {sc.rate('removed'):8.3f} {sc.rate('exact'):7.3f} {sc.rate('overlap'):8.3f}")
    print(f"    other words removed: {sc.removed_share:.2%} ({sc.other_removed}/{sc.other_words})")
    if show:
        for line, kind, text in sc.misses:
            print(f"    miss    line {line}: {kind} {text!r}")
        for line, word in sc.false_hits:
            print(f"    removed line {line}: {word!r}")


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


def _turns(lang: str, target: int) -> list[str]:
    """Transcript-like text of ``target`` words: turns of ~5 sentences, each distinct (a number
    varies) so no cache helps; real sentences when at hand, else the labelled set."""
    path = REAL / f"{lang}.csv"
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            base = [r["text"] for r in csv.DictReader(fh)]
    else:
        base = [it.text for it in read_labelled(FIX / f"{lang}.txt")]
    n_words = sum(len(t.split()) for t in base)
    reps = max(1, target // n_words)
    return [" ".join(base[j % len(base)] for j in range(i, i + 5)) + f" ({r})"
            for r in range(reps) for i in range(0, len(base), 5)]


def speed(target: int) -> None:
    for lang in ("nl", "en"):
        turns = _turns(lang, target)
        total = sum(len(t.split()) for t in turns)
        pol = Policy(lang)
        pol.scrub(turns[0])
        t0, c0 = time.perf_counter(), time.process_time()
        for t in turns:
            pol.scrub(t)
        dt, ct = time.perf_counter() - t0, time.process_time() - c0
        print(f"speed {lang}: {total:,} words in {dt:.1f} s = {total / dt:,.0f} words/s "
              f"(CPU {ct:.1f} s = {total / ct:,.0f} words/s)")


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
    ap.add_argument("--file", type=Path, action="append", help="a labelled set to measure (repeatable)")
    ap.add_argument("--lang", choices=("nl", "en"), action="append",
                    help="language of each --file, in the same order (default: guessed from the text)")
    ap.add_argument("--misses", action="store_true", help="list missed identifiers and removed other words")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--words", type=int, default=1_000_000, help="words of text for the speed figure")
    args = ap.parse_args()
    try:
        if args.file:
            langs = args.lang or []
            if len(langs) not in (0, 1, len(args.file)):
                ap.error("give one --lang, or one per --file")
            for i, f in enumerate(args.file):
                lang = langs[i] if len(langs) == len(args.file) else (langs[0] if langs else None)
                report(f, lang, args.misses)
            return
        for path in sorted(FIX.glob("*.txt"), key=lambda p: (p.stem.split("_")[0] != p.stem, p.name)):
            report(path, "en" if path.stem.endswith("en") else "nl", args.misses)
    except WorkbenchError as exc:
        print(exc, file=sys.stderr)
        sys.exit(2)
    real_text()
    if not args.no_speed:
        speed(args.words)
        first_load()


if __name__ == "__main__":
    main()
