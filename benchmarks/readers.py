"""Reader linearity on hostile input: seconds per MB as the input grows (issue 18: "every reader
linear in its input"). A quadratic reader shows a per-MB cost that grows with the size.

Run:  python benchmarks/readers.py [--sizes 0.25,0.5,1,2]

Shapes (each parsed with ``parse_transcript_bytes`` / ``parse_survey``):
  vtt-voice-flood   one cue of "<v a" repeated (no closing '>'), the input that once hung
  vtt-tag-flood     one cue of "<c.x" and "{\\b" repeated
  vtt-cues          ordinary Zoom cues, many small ones
  txt-label-lines   "Name: text" lines, and long lines of name-like words without a colon
  txt-mojibake      a UTF-8 transcript whose every line holds 'â\\x80\\x99' (repaired by ftfy)
  csv-rows          a plain survey export
  csv-one-quote     a survey export whose last row opens a quote that is never closed (refused)
The last column (seconds per MB) should stay about flat from size to size.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.errors import WorkbenchError  # noqa: E402
from workbench.io.surveys import parse_survey  # noqa: E402
from workbench.io.transcripts import parse_transcript_bytes  # noqa: E402

MB = 1_000_000


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def shapes(size: int) -> dict[str, tuple[str, bytes]]:
    cue = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"
    zoom = "".join(f"{k}\n00:{k // 60 % 60:02d}:{k % 60:02d}.000 --> 00:{k // 60 % 60:02d}:{k % 60:02d}.900\n"
                   f"{'Sanne Bakker' if k % 2 else 'Anouk de Vries'}: Dat was een lange zin over de bezorging.\n\n"
                   for k in range(size // 90))
    rows = "".join(f"{i},Google,Tevreden,Prima geholpen door de klantenservice\n" for i in range(size // 50))
    return {
        "vtt-voice-flood": ("f.vtt", (cue + _repeat("<v a", size) + "\n").encode()),
        "vtt-tag-flood": ("f.vtt", (cue + _repeat("<c.x{\\b", size) + "\n").encode()),
        "vtt-cues": ("z.vtt", ("WEBVTT\n\n" + zoom).encode()),
        "txt-label-lines": ("t.txt", (_repeat("Anouk: ja.\nSanne: en?\n", size // 2)
                                      + _repeat("Anouk de Vries van der Berg ", size // 2)).encode()),
        "txt-mojibake": ("m.txt", _repeat("Anouk: It wasn\u00e2\x80\x99t great.\nSanne: Why?\n", size).encode()),
        "csv-rows": ("s.csv", ("id,Kanaal,Tevredenheid,Opmerking\n" + rows).encode()),
        "csv-one-quote": ("q.csv", ("id,Kanaal,Tevredenheid,Opmerking\n" + rows + '9999999,Google,"open\n').encode()),
    }


def run(name: str, data: bytes, folder: Path) -> float:
    t0 = time.perf_counter()
    try:
        if name.endswith(".csv"):
            path = folder / name
            path.write_bytes(data)
            parse_survey(path)
        else:
            parse_transcript_bytes(data, name)
    except WorkbenchError:
        pass  # refusing is a result too; it must come as fast
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="0.25,0.5,1,2", help="input sizes in MB")
    args = ap.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    print(f"{'shape':<18} {'MB':>6} {'seconds':>8} {'s/MB':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for shape in shapes(1000):
            for mb in sizes:
                name, data = shapes(int(mb * MB))[shape]
                dt = run(name, data, Path(tmp))
                print(f"{shape:<18} {len(data) / MB:6.2f} {dt:8.3f} {dt / (len(data) / MB):7.3f}", flush=True)


if __name__ == "__main__":
    main()
