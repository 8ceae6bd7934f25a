"""Re-execute the notebooks in place so their stored outputs match the code (nbval compares them).

Run from anywhere:  python notebooks/regenerate.py [NOTEBOOK ...]

Uses the current Python environment's kernel with PYTHONHASHSEED=0 (as the test command does),
executes in the notebooks folder, and does not store widget state (it holds random model ids and
would bloat the files).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent


def regenerate(path: Path) -> float:
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=900,
        kernel_name="python3",
        resources={"metadata": {"path": str(HERE)}},
        # nbclient needs widget state while executing (Output widgets); it is dropped below.
    )
    t0 = time.perf_counter()
    client.execute()
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)
    return time.perf_counter() - t0


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or sorted(HERE.glob("[0-9][0-9]_*.ipynb"))
    for p in paths:
        print(f"executing {p.name} …", flush=True)
        print(f"  done in {regenerate(p):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
