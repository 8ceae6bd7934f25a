"""Atomic output files: a file appears complete under its name, or not at all.

Every writer of an output (figures, HTML, XLSX, Markdown, CSV, the stored personas) writes to
a temporary file in the same folder and then renames it over the target with :func:`os.replace`,
which is atomic on one file system. A run killed halfway, a full disk or Ctrl-C therefore leave
either the previous version of a file or none — never a half-written ``journey_map.pdf`` that a
researcher might send on. The temporary name is hidden and carries the writer's process id
(``.journey_map.pdf.<pid>.part``); :func:`clean_stale` removes those whose process is gone.

The operating system's refusals (disk full, read-only folder, no permission) become an
:class:`~workbench.errors.OutputError` naming the file and what to do.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as d:
...     p = write_text(pathlib.Path(d) / "a.md", "# hi\\n")
...     sorted(x.name for x in pathlib.Path(d).iterdir()), p.read_text()
(['a.md'], '# hi\\n')
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from os import PathLike
from pathlib import Path

from .errors import OutputError

__all__ = ["make_dir", "atomic_path", "write_text", "write_bytes", "to_csv", "savefig", "clean_stale", "output_error",
           "OS_HINTS"]

_PART = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.part(?:\.[A-Za-z0-9]+)?$")

OS_HINTS = {
    errno.ENOSPC: "The disk is full: free some space (or choose another output folder) and run it again.",
    errno.EDQUOT: "Your disk quota is used up: free some space and run it again.",
    errno.EROFS: "The folder is on a read-only file system: copy the study to a writable place, or choose "
    "another output folder.",
    errno.EACCES: "You may not write (or read) there: check the folder's permissions, or copy the study to "
    "a folder of your own.",
    errno.EPERM: "You may not write (or read) there: check the folder's permissions, or copy the study to "
    "a folder of your own.",
    errno.ENOENT: "Check the path.",
    errno.ENAMETOOLONG: "Use a shorter path or file name.",
}


def output_error(exc: OSError, path: str | PathLike, what: str = "cannot write the file") -> OutputError:
    """An :class:`OutputError` for an operating-system error on ``path``."""
    return OutputError(f"{what}: {exc.strerror or exc}", path=path, hint=OS_HINTS.get(exc.errno))


def make_dir(path: str | PathLike) -> Path:
    """Create an output folder (and its parents) or raise :class:`OutputError` saying why not."""
    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(exc, path, "cannot create the folder") from None
    return path


@contextmanager
def atomic_path(path: str | PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; when the block ends without error it replaces
    ``path`` (atomically), otherwise it is removed. The temporary path keeps ``path``'s suffix
    (writers that choose a format by suffix still work)."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part{target.suffix}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        yield tmp
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        raise output_error(exc, target) from None
    except BaseException:
        _remove(tmp)
        raise


def _remove(tmp: Path) -> None:
    with suppress(OSError):
        tmp.unlink()


def write_text(path: str | PathLike, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically; return the path."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding=encoding)
    return Path(path)


def write_bytes(path: str | PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; return the path."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def to_csv(frame, path: str | PathLike, **kwargs) -> Path:
    """``frame.to_csv(path, **kwargs)``, atomically; return the path."""
    with atomic_path(path) as tmp:
        frame.to_csv(tmp, **kwargs)
    return Path(path)


def savefig(fig, path: str | PathLike, **kwargs) -> Path:
    """``fig.savefig(path, **kwargs)`` (format from ``path``'s suffix), atomically; return the path."""
    path = Path(path)
    kwargs.setdefault("format", path.suffix.lstrip(".").lower() or None)
    with atomic_path(path) as tmp:
        fig.savefig(tmp, **kwargs)
    return path


def clean_stale(folder: str | PathLike) -> list[Path]:
    """Remove the temporary files of writers that no longer run (a killed run); return them."""
    removed = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for p in entries:
        m = _PART.match(p.name)
        if m is None or _alive(int(m.group("pid"))):
            continue
        with suppress(OSError):
            p.unlink()
            removed.append(p)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True
