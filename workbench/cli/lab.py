"""``workbench lab [STUDY]``: open the notebooks in JupyterLab, or the journey map as a Voilà dashboard.

JupyterLab is started as ``<this Python> -m jupyter lab`` on the clone's ``notebooks/`` folder. Its
``python3`` kernel then runs this same Python: Jupyter replaces a kernelspec command ``python`` by
the server's own interpreter, so the notebooks import the installed ``workbench`` without a
separate ``ipykernel install``. A study given on the command line is passed to the notebooks in
the environment variable ``WB_STUDY`` (absolute path), which their parameters cell reads.

``--dashboard`` serves ``04_journey_map.ipynb`` read-only through Voilà (code hidden, widgets live;
``pip install "journey-workbench[dashboard]"``).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from ..errors import StudyConfigError, WorkbenchError

__all__ = ["add_parser", "run", "lab_command", "lab_env", "find_notebooks", "kernel_warning"]

FIRST_NOTEBOOK = "01_load_study.ipynb"
DASHBOARD_NOTEBOOK = "04_journey_map.ipynb"
STUDY_ENV = "WB_STUDY"


def add_parser(sub) -> None:
    p = sub.add_parser(
        "lab",
        help="open the notebooks in JupyterLab (or the journey map as a dashboard)",
        description=(
            "Start JupyterLab on the notebooks folder with this Python's kernel and open the first "
            "notebook. A STUDY folder is passed to the notebooks (environment variable WB_STUDY). "
            "With --dashboard, serve the journey-map notebook read-only through Voilà."
        ),
    )
    p.add_argument("study", nargs="?", help="study folder (with study.toml) the notebooks should open")
    p.add_argument("--port", type=int, help="port to serve on (default: Jupyter's, 8888, or Voilà's, 8866)")
    p.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    p.add_argument("--dashboard", action="store_true",
                   help=f"serve notebooks/{DASHBOARD_NOTEBOOK} read-only through Voilà")
    p.set_defaults(func=run)


def find_notebooks() -> Path:
    """The ``notebooks/`` folder of the clone this package is installed from (editable install).

    Raises
    ------
    WorkbenchError
        When the package is not installed from a clone (e.g. from a wheel).
    """
    folder = Path(__file__).resolve().parents[2] / "notebooks"
    if not (folder / FIRST_NOTEBOOK).is_file():
        raise WorkbenchError(
            "the notebooks folder was not found next to the installed package",
            path=folder,
            hint="The notebooks ship with the source: clone the repository, `pip install -e .` in it, "
                 "and run `workbench lab` from that installation.",
        )
    return folder


def _study_path(study: str | os.PathLike) -> Path:
    path = Path(study).expanduser().resolve()
    if path.is_file() and path.name == "study.toml":
        path = path.parent
    if not (path / "study.toml").is_file():
        raise StudyConfigError(
            "not a study folder (no study.toml)",
            path=path,
            hint="Give a folder with a study.toml; `workbench new FOLDER` creates one.",
        )
    return path


def lab_command(args: argparse.Namespace, notebooks: Path | None = None) -> list[str]:
    """The command line that ``workbench lab`` runs for ``args`` (nothing is started).

    Parameters
    ----------
    args : argparse.Namespace
        Parsed ``workbench lab`` arguments (``port``, ``no_browser``, ``dashboard``).
    notebooks : Path, optional
        The notebooks folder (default: :func:`find_notebooks`).
    """
    folder = Path(notebooks) if notebooks is not None else find_notebooks()
    port = getattr(args, "port", None)
    if getattr(args, "dashboard", False):
        cmd = [sys.executable, "-m", "voila", str(folder / DASHBOARD_NOTEBOOK), "--Voila.ip=localhost"]
        if port is not None:
            cmd.append(f"--port={port}")
    else:
        cmd = [
            sys.executable, "-m", "jupyter", "lab",
            f"--ServerApp.root_dir={folder}",
            f"--LabApp.default_url=/lab/tree/{FIRST_NOTEBOOK}",
        ]
        if port is not None:
            cmd.append(f"--ServerApp.port={port}")
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers often run as root
            cmd.append("--allow-root")
    if getattr(args, "no_browser", False):
        cmd.append("--no-browser")
    return cmd


def lab_env(args: argparse.Namespace, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for the server: ``base`` (default ``os.environ``) plus ``WB_STUDY``."""
    env = dict(os.environ if base is None else base)
    if getattr(args, "study", None):
        env[STUDY_ENV] = str(_study_path(args.study))
    return env


def kernel_warning() -> str | None:
    """A warning when Jupyter's ``python3`` kernel would not run this Python, else None."""
    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    except ImportError:
        return None
    try:
        spec = KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        return None  # Jupyter falls back to the native kernel of the server's Python
    exe = spec.argv[0] if spec.argv else ""
    if exe in {"python", "python3", f"python3.{sys.version_info[1]}"}:
        return None  # Jupyter runs the server's own interpreter for these
    if Path(exe).resolve() == Path(sys.executable).resolve():
        return None
    return (f"the 'python3' Jupyter kernel runs {exe}, not {sys.executable}; if the notebooks cannot "
            f"import workbench, run `{sys.executable} -m ipykernel install --user` to point it here")


def run(args) -> int:
    tool = "voila" if args.dashboard else "jupyterlab"
    if importlib.util.find_spec(tool) is None:
        raise WorkbenchError(
            f"{'Voilà' if args.dashboard else 'JupyterLab'} is not installed in this Python ({sys.executable})",
            hint='pip install "journey-workbench[dashboard]"' if args.dashboard else "pip install jupyterlab",
        )
    folder = find_notebooks()
    if args.dashboard and not (folder / DASHBOARD_NOTEBOOK).is_file():
        raise WorkbenchError("the journey-map notebook is missing", path=folder / DASHBOARD_NOTEBOOK,
                             hint="Restore it from the repository (git checkout notebooks/).")
    env = lab_env(args)
    cmd = lab_command(args, folder)
    warning = kernel_warning()
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    if STUDY_ENV in env and getattr(args, "study", None):
        print(f"study: {env[STUDY_ENV]}")
    print("running: " + " ".join(cmd), flush=True)
    server = subprocess.Popen(cmd, env=env, cwd=folder)
    while True:
        try:
            return server.wait()
        except KeyboardInterrupt:
            # The server received the same Ctrl-C; it asks to confirm, then stops: wait for it.
            continue
