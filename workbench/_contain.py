"""Containment: a study reads only files inside its own folder.

A study folder is something researchers pass around (a zip from a colleague, a shared drive).
If its ``study.toml`` could name ``../../.ssh/id_rsa``, ``/etc/passwd`` or a glob such as
``/home/*/*.txt`` — or if ``interviews/`` held a symbolic link to such a file — loading the study
would pull that file into the tables, the quotes and every export. So every path a study reads
(transcript and survey globs, the funnel file, a phase-model TOML) is resolved, symbolic links
included, and refused with a :class:`~workbench.errors.StudyConfigError` when it lies outside
the study folder.

A researcher who keeps data elsewhere on purpose allows it explicitly: ``allow_outside = true``
in ``study.toml``, the CLI flag ``--allow-outside``, ``load_study(..., allow_outside=True)``, or
``with outside_allowed(): ...`` around any call.

>>> from pathlib import Path
>>> check_inside(Path("/studies/a"), Path("/studies/a/interviews/P01.txt"), key="transcripts.paths")
>>> check_inside(Path("/studies/a"), Path("/studies/a/../b/P01.txt"), key="transcripts.paths")
Traceback (most recent call last):
...
workbench.errors.StudyConfigError: key 'transcripts.paths': '/studies/b/P01.txt' lies outside the study folder /studies/a
  hint: A study reads only files inside its own folder, so that a study folder from someone else cannot pull other files of your disk into its exports. Copy the file into the study folder, or, if you mean it, set allow_outside = true in study.toml (CLI: --allow-outside).
"""

from __future__ import annotations

import contextvars
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import StudyConfigError

__all__ = ["check_inside", "outside_allowed", "is_outside_allowed", "static_prefix", "HINT"]

HINT = (
    "A study reads only files inside its own folder, so that a study folder from someone else cannot "
    "pull other files of your disk into its exports. Copy the file into the study folder, or, if you "
    "mean it, set allow_outside = true in study.toml (CLI: --allow-outside)."
)

_ALLOWED: contextvars.ContextVar[bool] = contextvars.ContextVar("workbench_allow_outside", default=False)


@contextmanager
def outside_allowed(allow: bool = True) -> Iterator[None]:
    """Within the block, studies may read files outside their folder (what ``--allow-outside`` does)."""
    token = _ALLOWED.set(bool(allow))
    try:
        yield
    finally:
        _ALLOWED.reset(token)


def is_outside_allowed(setting: bool | None = None) -> bool:
    """Whether reading outside the study folder is allowed: by ``setting`` (a study's
    ``allow_outside`` or a function argument) or by an enclosing :func:`outside_allowed`."""
    return bool(setting) or _ALLOWED.get()


def _resolve(path: Path, key: str | None, config_path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError) as exc:  # a symbolic-link loop (RuntimeError before Python 3.13)
        raise StudyConfigError(
            f"'{path}' cannot be resolved: {getattr(exc, 'strerror', None) or exc}",
            path=config_path,
            key=key,
            hint="Remove the looping or broken symbolic link from the study folder.",
        ) from None


def check_inside(folder: Path, file: Path, *, key: str | None = None, config_path=None,
                 allowed: bool | None = None, pattern: str | None = None) -> None:
    """Raise :class:`StudyConfigError` if ``file`` (symbolic links resolved) lies outside
    ``folder``, unless reading outside is allowed (``allowed`` or :func:`outside_allowed`).
    ``pattern``: the glob ``file`` is the fixed start of, named in the message instead."""
    if is_outside_allowed(allowed):
        return
    root = _resolve(Path(folder), key, config_path)
    real = _resolve(Path(folder) / file, key, config_path)
    if real == root or root in real.parents:
        return
    if pattern is not None:
        raise StudyConfigError(f"'{pattern}' reaches outside the study folder {root}", path=config_path,
                               key=key, hint=HINT)
    shown = Path(os.path.normpath(Path(folder) / file))
    link = f" (through a symbolic link, it is {real})" if shown != real else ""
    raise StudyConfigError(
        f"'{shown}' lies outside the study folder {root}{link}",
        path=config_path,
        key=key,
        hint=HINT,
    )


def static_prefix(pattern: str) -> str:
    """The part of a glob before its first wildcard component (``'interviews'`` for
    ``'interviews/*.txt'``): where the glob can reach at all."""
    import glob

    parts = Path(pattern).parts
    fixed = []
    for part in parts:
        if glob.has_magic(part):
            break
        fixed.append(part)
    return str(Path(*fixed)) if fixed else "."
