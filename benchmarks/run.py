"""Benchmark of the main job: per-stage time and peak memory of ``run_study`` at growing sizes.

Run:  python benchmarks/run.py [--sizes 0.1,0.5,1] [--n-boot auto] [--keep]
      python benchmarks/run.py --demos [--repeat 3]   (the two demo studies, as shipped)

Size 1 = 1M transcript words (200 files × 5,000 words) + 10,000 respondents × 40 questions
(benchmarks/_synth.py). Each size runs in a fresh subprocess so peak memory (ru_maxrss) is its
own. Target: size 1 in < 60 s on 2 cores, cost growing linearly (the last column about flat).
"non-tag" is the total without the tag stage (the tagger is benchmarked on its own in
benchmarks/tag.py). The writing steps run in child processes on the second core (see
workbench/_background.py): "store" is only the time the main job waited for them. "peak MB" is
the main process's; a forked child shares its pages until it writes them, so its own peak (as
ru_maxrss counts shared pages) says little and is not shown. --serial: all in one process.

--demos runs `run_study` on a fresh copy of each demo study (surveys/webshop-nl,
surveys/saas-onboarding-en) --repeat times and prints every run and the median per stage:
"render" (every file of the map: PNG, SVG, the PDF of all maps, HTML, XLSX, Markdown, persona
cards) is the stage the map's deliverable formats cost.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _synth import write_study  # noqa: E402

CHILD = r"""
import json, resource, sys, time
from workbench.pipeline import run_study
t0 = time.perf_counter()
n_boot = sys.argv[3] if sys.argv[3] == "auto" else int(sys.argv[3])
res = run_study(sys.argv[1], sys.argv[2], progress=False, n_boot=n_boot)
total = time.perf_counter() - t0
print(json.dumps({"total": total, **res.timings, "cells": len(res.journey_map.cells),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
STAGES = ("load", "tag", "store", "personas", "map", "render")
ROOT = Path(__file__).resolve().parents[1]


def _child(folder: Path, out: Path, n_boot: str, env) -> dict | None:
    res = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(out), n_boot], capture_output=True, text=True,
                         env=env)
    if res.returncode:
        print(f"{folder.name}: failed\n{res.stderr[-2000:]}")
        return None
    return json.loads(res.stdout.strip().splitlines()[-1])


def demos(tmp: Path, n_boot: str, repeat: int, env, root: Path = ROOT) -> None:
    import statistics

    print(f"{'study':<20} {'run':>3} " + " ".join(f"{s:>8}" for s in STAGES) + f" {'total':>7}")
    for name in ("webshop-nl", "saas-onboarding-en"):
        rows = []
        for i in range(repeat):
            folder = tmp / f"{name}-{i}"
            shutil.copytree(root / "surveys" / name, folder, ignore=shutil.ignore_patterns(".workbench"))
            r = _child(folder, tmp / f"out-{name}-{i}", n_boot, env)
            if r is None:
                continue
            rows.append(r)
            print(f"{name:<20} {i + 1:>3} " + " ".join(f"{r.get(s, float('nan')):8.2f}" for s in STAGES)
                  + f" {r['total']:7.2f}", flush=True)
        if rows:
            med = {k: statistics.median(r.get(k, float("nan")) for r in rows) for k in (*STAGES, "total")}
            print(f"{name:<20} {'med':>3} " + " ".join(f"{med[s]:8.2f}" for s in STAGES) + f" {med['total']:7.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="0.1,0.5,1", help="comma-separated multiples of size 1")
    ap.add_argument("--n-boot", default="auto", help="persona bootstrap runs (default 'auto', as `workbench run`)")
    ap.add_argument("--keep", action="store_true", help="keep the generated studies")
    ap.add_argument("--serial", action="store_true", help="no child processes (WORKBENCH_SERIAL=1)")
    ap.add_argument("--demos", action="store_true", help="run the two demo studies instead of synthetic sizes")
    ap.add_argument("--repeat", type=int, default=3, help="with --demos: runs per study (default 3)")
    ap.add_argument("--root", type=Path, default=ROOT, help="with --demos: the checkout whose surveys/ to copy "
                    "(the workbench run is the one on PYTHONPATH, so an older checkout can be compared)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="wb-run-"))
    if args.demos:
        try:
            demos(tmp, str(args.n_boot), args.repeat, dict(os.environ, WORKBENCH_SERIAL="1") if args.serial else None,
                  args.root)
        finally:
            if not args.keep:
                shutil.rmtree(tmp, ignore_errors=True)
        return
    head = f"{'size':>5} {'words':>9} {'resp':>6} " + " ".join(f"{s:>8}" for s in STAGES)
    print(head + f" {'total':>7} {'non-tag':>7} {'peak MB':>8} {'s per size 1':>12}")
    env = dict(os.environ, WORKBENCH_SERIAL="1") if args.serial else None
    try:
        for size in (float(s) for s in args.sizes.split(",")):
            folder = tmp / f"size-{size}"
            words = write_study(folder, n_files=max(1, int(round(200 * size))), words_per_file=5000,
                                n_respondents=int(10_000 * size))
            res = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(tmp / f"out-{size}"),
                                  str(args.n_boot)], capture_output=True, text=True, env=env)
            if res.returncode:
                print(f"size {size}: failed\n{res.stderr[-2000:]}")
                continue
            r = json.loads(res.stdout.strip().splitlines()[-1])
            stages = " ".join(f"{r.get(s, float('nan')):8.1f}" for s in STAGES)
            print(f"{size:5.2f} {words:9d} {int(10_000 * size):6d} {stages} {r['total']:7.1f} "
                  f"{r['total'] - r.get('tag', 0.0):7.1f} {r['peak_mb']:8.0f} "
                  f"{r['total'] / size:12.1f}", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
