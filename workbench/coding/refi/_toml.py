"""Declaring texts added by an import in the study's ``study.toml``.

``tomlkit`` edits the file in place and keeps the researcher's comments and layout (the
standard library reads TOML but cannot write it). The new file is read back with the study's
own reader; when that refuses it, the old file is put back and the reason returned.
"""

from __future__ import annotations

import os
import tempfile
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

from ...errors import StudyConfigError

__all__ = ["declare"]

_COMMENTS = {"documents": "participants' texts without speaker turns, added by workbench import",
             "notes": "the researcher's notes (never quoted), added by workbench import"}


def declare(study, patterns: dict[str, str], participants: dict[str, str]) -> str:
    """Make ``study.toml`` read the added texts; ``''`` when done, else why it could not.

    ``patterns``: ``[transcripts]`` key (``documents`` or ``notes``) -> glob such as
    ``"docs/*.txt"``, added to that list unless a glob in it takes the folder's files already.
    ``participants``: file stem -> participant id, added to ``[transcripts] participants``
    (a stem mapped there already keeps its id).
    """
    import tomlkit

    from ...config import read_config

    toml = study.config.path
    old = toml.read_text(encoding="utf-8-sig")
    try:
        doc = tomlkit.parse(old)
    except Exception as exc:  # noqa: BLE001 - tomlkit's parse errors have no common public base
        return f"study.toml cannot be edited ({exc})"
    if "transcripts" not in doc:
        doc["transcripts"] = tomlkit.table()
    tr = doc["transcripts"]
    for key, pattern in patterns.items():
        probe = str(PurePosixPath(pattern).parent / "x.txt")
        current = tr.get(key)
        if current is None:
            tr[key] = tomlkit.array()
            tr[key].append(tomlkit.string(pattern))
            tr[key].comment(_COMMENTS.get(key, "added by workbench import"))
        elif not isinstance(current, list):
            return f"[transcripts] {key} is not a list: add \"{pattern}\" to it"
        elif not any(fnmatch(probe, str(p)) for p in current):
            current.append(tomlkit.string(pattern))
    new_ids = {stem: pid for stem, pid in participants.items() if stem != pid}
    if new_ids:
        if "participants" not in tr:
            tr["participants"] = tomlkit.inline_table()
            tr["participants"].comment("texts of one case in the imported project")
        table = tr["participants"]
        for stem, pid in new_ids.items():
            if stem not in table:
                table[stem] = tomlkit.string(pid)
    _replace(toml, tomlkit.dumps(doc))
    try:
        read_config(toml)
    except StudyConfigError as exc:
        _replace(toml, old)
        return f"study.toml would not read ({exc.message}); it was left as it was"
    return ""


def _replace(path, text: str) -> None:
    """Write ``path`` whole or not at all (a crash mid-write must not leave half a study.toml)."""
    fd, tmp = tempfile.mkstemp(prefix=".study-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)  # mkstemp's file is private; keep the file's mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
