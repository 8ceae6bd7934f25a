"""The ``workbench`` command: one sub-command per module in this package.

Each command module has ``add_parser(subparsers)`` and ``run(args) -> int``. Errors of the
:class:`~workbench.errors.WorkbenchError` family are printed without a traceback and exit 2; so
are the operating system's refusals (disk full, a read-only or unwritable folder, a missing
file), with what to do. A closed output pipe (``workbench info S | head``) ends the command
quietly.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from .._atomic import OS_HINTS
from .._contain import outside_allowed
from ..errors import WorkbenchError

# Sub-command modules, in the order `workbench --help` lists them.
COMMANDS = [
    "info",
    "new",
    "tag",
    "themes",
    "evaluate",
    "personas",
    "run",
    "map",
    "plan",
    "export",
    "import_",
    "agreement",
    "train",
    "lab",
]

# Commands that read a study folder: they take --allow-outside (see workbench._contain).
STUDY_COMMANDS = ("info", "tag", "personas", "run", "map", "export", "import")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Journey Workbench: from interviews and surveys to personas and a journey map.",
    )
    from .. import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"{__name__}.{name}").add_parser(sub)
    for name in STUDY_COMMANDS:
        sub.choices[name].add_argument(
            "--allow-outside", action="store_true",
            help="let the study read files outside its folder (../, absolute paths, symbolic links "
            "out of the folder); refused by default")
    return parser


def os_error_message(exc: OSError) -> str:
    """One line and a hint for an operating-system error (no traceback)."""
    what = exc.strerror or str(exc)
    where = exc.filename
    text = f"{where}: {what}" if where else what
    hint = OS_HINTS.get(exc.errno)
    return f"{text}\n  hint: {hint}" if hint else text


def _quiet_stdout() -> None:
    """After a closed pipe: point stdout at /dev/null so Python's exit flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 1
    try:
        with outside_allowed(getattr(args, "allow_outside", False)):
            code = int(args.func(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, inside the handler, not at exit
        return code
    except BrokenPipeError:
        _quiet_stdout()
        return 141  # what a shell reports for a process ended by SIGPIPE
    except WorkbenchError as exc:
        _print_error(str(exc))
        return 2
    except OSError as exc:  # disk full, read-only or unwritable folder, vanished file
        _print_error(os_error_message(exc))
        return 2
    except KeyboardInterrupt:
        _print_error("interrupted")
        return 130


def _print_error(text: str) -> None:
    try:
        print(text if text == "interrupted" else f"error: {text}", file=sys.stderr)
    except OSError:  # stderr closed too: nothing left to tell
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
