"""Load benchmark: time, rows per second and peak memory of ``load_study`` at growing sizes.

Run:  python benchmarks/load.py [--sizes 0.1,0.5,1,2,5] [--keep]

Size 1 = 1M transcript words (200 files x 5,000 words) + 10,000 respondents x 40 questions;
size 5 = 5M words (1,000 files) + 50,000 respondents. Each size is loaded in a fresh
subprocess so peak memory (ru_maxrss) belongs to that load alone. Target: size 1 in < 10 s on
2 cores, and cost growing linearly (the last column should stay about flat).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _synth import write_study  # noqa: E402

CHILD = r"""
import json, resource, sys, time
from workbench import load_study
t0 = time.perf_counter()
study = load_study(sys.argv[1])
dt = time.perf_counter() - t0
print(json.dumps({"seconds": dt, "segments": len(study.segments), "respondents": len(study.respondents),
                  "answers": len(study.answers), "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="0.1,0.5,1,2,5", help="comma-separated multiples of size 1")
    ap.add_argument("--keep", action="store_true", help="keep the generated studies")
    args = ap.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="wb-load-"))
    print(f"{'size':>5} {'words':>10} {'resp':>7} {'seconds':>8} {'segments':>9} {'answers':>9} "
          f"{'rows/s':>10} {'peak MB':>8} {'s per 1M words+10k resp':>24}")
    try:
        for size in sizes:
            folder = tmp / f"size-{size}"
            n_files = max(1, int(round(200 * size)))
            words = write_study(folder, n_files=n_files, words_per_file=5000, n_respondents=int(10_000 * size))
            res = subprocess.run([sys.executable, "-c", CHILD, str(folder)], capture_output=True, text=True)
            if res.returncode:
                print(res.stderr)
                raise SystemExit(1)
            r = json.loads(res.stdout.strip().splitlines()[-1])
            rows = r["segments"] + r["answers"]
            print(f"{size:>5} {words:>10,} {r['respondents']:>7,} {r['seconds']:>8.2f} {r['segments']:>9,} "
                  f"{r['answers']:>9,} {rows / r['seconds']:>10,.0f} {r['peak_mb']:>8.0f} "
                  f"{r['seconds'] / size:>24.2f}")
            if not args.keep:
                shutil.rmtree(folder)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"studies kept in {tmp}")


if __name__ == "__main__":
    main()
