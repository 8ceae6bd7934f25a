"""The ``workbench`` command: one sub-command per module in this package.

Each command module has ``add_parser(subparsers)`` and ``run(args) -> int``. Errors of the
:class:`~workbench.errors.WorkbenchError` family are printed without a traceback and exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys

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
    "export",
    "import_",
    "agreement",
    "train",
    "lab",
]


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
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 1
    try:
        return int(args.func(args) or 0)
    except WorkbenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
