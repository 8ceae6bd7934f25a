"""Run a side task (writing a file, a table) in a forked process while the main job goes on.

The main job is a chain (load → tag → personas → map → render), but some steps only write out
what is already computed — the tagger's output into the study store, ``tags.csv`` — and can run
on the second core while the chain continues. :func:`start` forks a child that runs the task on
its inherited copy of the data (nothing is pickled); :meth:`Background.wait` joins it.

Nothing is lost when the child cannot do its work: if it fails (or fork is not available, or
``enabled=False``), :meth:`Background.wait` runs the task in the calling process, so the same
error is raised there, with its traceback, or the work is simply done serially.

Fork is used only on Linux: macOS and Windows processes are spawned, which would pickle the
data (slower than doing the work in place).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import time
import warnings
from collections.abc import Callable

__all__ = ["Background", "start", "can_fork"]


def can_fork() -> bool:
    """True where a child process can be forked cheaply and safely (Linux)."""
    return sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods()


def _child(fn: Callable[[], object]) -> None:
    try:
        fn()
    except BaseException:  # noqa: BLE001 - the parent runs the task again and shows its error, once
        os._exit(1)


class Background:
    """A task running in a forked child (or waiting to run in place; see the module docstring)."""

    def __init__(self, fn: Callable[[], object], enabled: bool = True):
        self.fn = fn
        self.process = None
        self.waited = 0.0  # seconds the caller spent in wait()
        if enabled and can_fork():
            self.process = mp.get_context("fork").Process(target=_child, args=(fn,), daemon=True)
            with warnings.catch_warnings():  # Python 3.12+ warns about fork with threads alive;
                # the child only writes files with the data it inherited, it starts no threads
                warnings.filterwarnings("ignore", message=".*fork.*", category=DeprecationWarning)
                self.process.start()

    @property
    def in_background(self) -> bool:
        return self.process is not None

    def wait(self) -> None:
        """Block until the task is done; run it here if the child could not (raising its error)."""
        t0 = time.perf_counter()
        try:
            if self.process is not None:
                self.process.join()
                code, self.process = self.process.exitcode, None
                if code == 0:
                    return
            self.fn()
        finally:
            self.waited += time.perf_counter() - t0


def start(fn: Callable[[], object], *, enabled: bool = True) -> Background:
    """Start ``fn()`` in a forked child (``enabled`` and on Linux); :meth:`Background.wait` joins.

    ``fn`` must only write (files, the study store through its own connection): what it
    returns and any change it makes to Python objects stay in the child.
    """
    if os.environ.get("WORKBENCH_SERIAL"):
        enabled = False
    return Background(fn, enabled=enabled)
