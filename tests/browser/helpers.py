"""Helpers for driving a real JupyterLab in Chromium: start the server, open and run a notebook,
find widgets the way a person sees them, take screenshots.

Only the standard library and Playwright are used; the server is the current environment's
``jupyter lab`` so its ``python3`` kernel runs the same Python as the tests.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
README_SCREENSHOTS = REPO / "notebooks" / "screenshots"
CHROMIUM = Path(os.environ.get("WB_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
INSTALL_HINT = (
    "install Chromium and Playwright for Python: `apt-get install -y chromium` (Debian/Ubuntu; "
    "the browser must be at /usr/bin/chromium or $WB_CHROMIUM) and `pip install playwright` "
    "(do not run `playwright install`; the system Chromium is used)"
)
SERVER_START_TIMEOUT = 180.0  # a cold JupyterLab start on a busy 2-core machine can take minutes
KERNEL_TIMEOUT_MS = 120_000
RUN_ALL_TIMEOUT_MS = 180_000

# Lab user settings for a quiet test session: no news / update pop-ups over the page.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # Attach every cell to the DOM: the default windowing detaches cells scrolled out of view.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def free_port() -> int:
    """A TCP port on the loopback interface that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LabServer:
    """A running ``jupyter lab`` serving ``root`` on ``http://127.0.0.1:<port>``."""

    root: Path
    port: int
    token: str
    process: subprocess.Popen
    log_path: Path
    extra: dict = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        """``path`` (e.g. ``lab/tree/notebooks/x.ipynb``) with the token."""
        sep = "&" if "?" in path else "?"
        return f"{self.base_url}/{path.lstrip('/')}{sep}token={self.token}"

    def log_tail(self, n: int = 40) -> str:
        try:
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join(lines[-n:])

    def stop(self) -> None:
        """Terminate the server and its kernels (the whole process group)."""
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait(timeout=10)


def prepare_root(root: Path) -> Path:
    """Copy the repo's notebooks and demo studies into ``root`` so running cells and uploading files
    never touch the work tree; returns ``root``."""
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", ".workbench", "uploaded", "screenshots")
    shutil.copytree(REPO / "notebooks", root / "notebooks", ignore=ignore)
    shutil.copytree(REPO / "surveys", root / "surveys", ignore=ignore)
    settings = root / ".lab-settings"
    for name, value in LAB_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")
    (root / ".lab-workspaces").mkdir(exist_ok=True)
    return root


def lab_server_argv(root: Path, port: int, token: str) -> list[str]:
    """The command line of the test server: loopback only, token auth, app exposed to the page."""
    return [
        sys.executable, "-m", "jupyter", "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
        f"--LabApp.user_settings_dir={root / '.lab-settings'}",
        f"--LabApp.workspaces_dir={root / '.lab-workspaces'}",
    ] + (["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])


def start_lab(root: Path, *, timeout: float = SERVER_START_TIMEOUT) -> LabServer:
    """Start JupyterLab on ``root`` and wait until ``/api/status`` answers (or raise with its log)."""
    port = free_port()
    token = secrets.token_hex(16)
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONPATH"] = os.pathsep.join(p for p in [str(REPO), env.get("PYTHONPATH", "")] if p)
    env["JUPYTER_CONFIG_DIR"] = str(root / ".jupyter-config")  # ignore the user's Jupyter config
    env["JUPYTER_RUNTIME_DIR"] = str(root / ".jupyter-runtime")  # connection files stay in the tmp dir
    env.pop("WB_STUDY", None)
    env.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    log_path = root / "jupyter-lab.log"
    log = open(log_path, "wb")  # noqa: SIM115 - kept open for the server's lifetime
    process = subprocess.Popen(
        lab_server_argv(root, port, token), cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL, start_new_session=True,
    )
    log.close()
    server = LabServer(root=root, port=port, token=token, process=process, log_path=log_path)
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(f"{server.base_url}/api/status",
                                     headers={"Authorization": f"token {token}"})
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with {process.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(request, timeout=5) as resp:
                if resp.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.5)
    server.stop()
    raise RuntimeError(f"jupyter lab did not answer within {timeout:.0f} s:\n{server.log_tail()}")


# -- the page -------------------------------------------------------------------------------------

def screenshot(page, name: str, step: str) -> Path:
    """Full-page screenshot to ``tests/artifacts/screenshots/<name>-<step>.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{step}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def publish_screenshot(path: Path, name: str) -> Path | None:
    """Copy a screenshot to ``notebooks/screenshots/<name>.png`` (used by the README), only when
    ``WB_UPDATE_SCREENSHOTS=1``."""
    if os.environ.get("WB_UPDATE_SCREENSHOTS") != "1":
        return None
    README_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = README_SCREENSHOTS / f"{name}.png"
    shutil.copyfile(path, target)
    return target


def open_notebook(page, server: LabServer, relpath: str) -> None:
    """Open a notebook in Lab (in a fresh workspace: ``?reset``) and wait until its kernel is idle."""
    page.goto(server.url(f"lab/tree/{relpath}?reset"), wait_until="domcontentloaded", timeout=KERNEL_TIMEOUT_MS)
    page.wait_for_function("() => window.jupyterapp !== undefined && window.jupyterapp.shell !== undefined",
                           timeout=KERNEL_TIMEOUT_MS)
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=KERNEL_TIMEOUT_MS)
    wait_kernel_idle(page)
    dismiss_notifications(page)


_KERNEL_STATUS_JS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  if (!w || !w.sessionContext) return 'no-notebook';
  const s = w.sessionContext;
  if (!s.session || !s.session.kernel) return 'no-kernel';
  return s.session.kernel.status + (s.isReady ? '' : '-not-ready');
}"""


def kernel_status(page) -> str:
    return page.evaluate(_KERNEL_STATUS_JS)


def wait_kernel_idle(page, timeout_ms: int = KERNEL_TIMEOUT_MS) -> None:
    """Wait until the current notebook's kernel reports ``idle``."""
    page.wait_for_function(f"() => ({_KERNEL_STATUS_JS})() === 'idle'", timeout=timeout_ms)


def settle(page, quiet_ms: int = 1_000, timeout_ms: int = KERNEL_TIMEOUT_MS) -> None:
    """Wait until the kernel has been idle for ``quiet_ms``.

    ipywidgets buffers a widget's state update while an earlier one is unanswered, but sends button
    clicks at once; a click right after choosing a dropdown entry can reach the kernel before the
    new value. A person pauses between the two; call this in between.
    """
    page.wait_for_function(
        f"""() => {{
          const idle = ({_KERNEL_STATUS_JS})() === 'idle';
          const now = Date.now();
          if (!idle) {{ window.__wbIdleSince = undefined; return false; }}
          if (window.__wbIdleSince === undefined) window.__wbIdleSince = now;
          return now - window.__wbIdleSince >= {quiet_ms};
        }}""",
        polling=100,
        timeout=timeout_ms,
    )
    page.evaluate("() => { window.__wbIdleSince = undefined; }")


def dismiss_notifications(page) -> None:
    """Close any toast notification that may cover part of the page."""
    for button in page.locator(".jp-toast-dismiss, .Toastify__close-button").all():
        try:
            button.click(timeout=2_000)
        except Exception:  # noqa: BLE001 - a toast may vanish on its own between listing and clicking
            pass


_RUN_ALL_JS = """async (timeoutMs) => {
  const app = window.jupyterapp;
  const timeout = new Promise(resolve => setTimeout(() => resolve('timeout'), timeoutMs));
  const ran = app.commands.execute('notebook:run-all-cells');
  return String(await Promise.race([ran, timeout]));
}"""

_CELL_STATE_JS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = Array.from(panel.content.model.cells).filter(c => c.type === 'code');
  return cells.map((c, i) => {
    const outputs = c.outputs.toJSON();
    const errors = outputs.filter(o => o.output_type === 'error'
        || (o.output_type === 'stream' && o.name === 'stderr' && String(o.text).includes('Traceback')))
      .map(o => o.output_type === 'error' ? `${o.ename}: ${o.evalue}` : String(o.text).slice(-1500));
    return {index: i, count: c.executionCount, source: c.sharedModel.getSource().slice(0, 120), errors};
  });
}"""


def run_all_cells(page, timeout_ms: int = RUN_ALL_TIMEOUT_MS) -> list[dict]:
    """Run every cell with Lab's "Run All Cells" and wait until it has finished and the kernel is idle.

    Fails with the first error (Lab stops "Run All" there) or when a code cell was left unexecuted.
    Returns the code cells' state: ``index``, ``count`` (execution count), ``source``, ``errors``.
    The notebook model is read, not the DOM (Lab may not render cells scrolled out of view).
    """
    result = page.evaluate(_RUN_ALL_JS, timeout_ms)
    assert result != "timeout", f"Run All Cells did not finish within {timeout_ms / 1000:.0f} s"
    wait_kernel_idle(page, timeout_ms)
    cells = page.evaluate(_CELL_STATE_JS)
    failed = [c for c in cells if c["errors"]]
    assert not failed, "\n".join(
        f"cell {c['index'] + 1} ({c['source'].splitlines()[0] if c['source'] else ''!r}) failed:\n"
        + "\n".join(c["errors"]) for c in failed)
    unexecuted = [c for c in cells if c["count"] is None and c["source"].strip()]
    assert not unexecuted, f"Run All left {len(unexecuted)} code cell(s) unexecuted, first: {unexecuted[0]}"
    return cells


def error_outputs(page) -> list[str]:
    """Texts of cell outputs that show a Python error (an error output or a traceback on stderr)."""
    texts = page.locator(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').all_inner_texts()
    return [t for t in texts if "Traceback" in t or re.search(r"^\w*(Error|Exception)\b", t, re.M)]


def assert_no_tracebacks(page) -> None:
    """Fail with the error texts if any cell shows an error (rendered, or in the notebook model)."""
    errors = error_outputs(page) + [e for c in page.evaluate(_CELL_STATE_JS) for e in c["errors"]]
    assert not errors, "a cell shows an error:\n" + "\n---\n".join(e[:2000] for e in errors)


def widget_button(page, text: str, scope=None):
    """The ipywidgets button whose visible text is ``text`` (exactly)."""
    root = scope if scope is not None else page
    return root.locator("button.jupyter-button, button.widget-button").filter(
        has_text=_exact(text)).first


def widget_with_description(page, description: str, css: str = ".widget-dropdown", scope=None):
    """The ipywidgets control (by CSS class) whose description label reads ``description``."""
    root = scope if scope is not None else page
    return root.locator(css).filter(has=page.locator("label.widget-label", has_text=_exact(description))).first


def _exact(text: str) -> re.Pattern:
    return re.compile(r"^\s*" + re.escape(text) + r"\s*$")
