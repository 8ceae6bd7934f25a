"""Survey and transcript text never runs as script in JupyterLab.

A copy of the Dutch demo study with `<script>`, `onerror`, `onload`, `javascript:` and `srcdoc`
payloads planted in open answers, a choice option shown on persona cards, a transcript turn and the
study's name (tests/_plant.py) is opened by all four notebooks in a real JupyterLab in Chromium.
Every cell runs, the map view's cells are clicked (their evidence panels show the planted answers),
and no payload may run: no dialog opens and ``window.__wbXss`` stays unset. The planted text must
still be on the page, shown as text.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from . import helpers

sys.path.insert(0, str(helpers.REPO / "tests"))
from _plant import plant  # noqa: E402

pytestmark = pytest.mark.browser

NOTEBOOKS = ["01_load_study.ipynb", "02_tag_and_code.ipynb", "03_personas.ipynb", "04_journey_map.ipynb"]


@pytest.fixture(scope="module")
def planted_root(lab_server) -> Path:
    """``<server root>/xss``: the notebooks and a planted copy of the Dutch demo as ../surveys/webshop-nl."""
    root = lab_server.root / "xss"
    shutil.copytree(helpers.REPO / "notebooks", root / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "screenshots"))
    plant(root / "surveys" / "webshop-nl")
    return root


def _click_map_cells(page, limit: int = 40) -> int:
    view = page.locator(".jp-OutputArea-output .widget-vbox").filter(
        has=page.locator(".widget-gridbox button")).first
    buttons = view.locator(".widget-gridbox button:not([disabled])")
    n = min(buttons.count(), limit)
    for i in range(n):
        buttons.nth(i).click()
        helpers.settle(page, quiet_ms=300)
    return n


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[Path(n).stem for n in NOTEBOOKS])
def test_planted_payloads_do_not_run(notebook, planted_root, lab_server, page):
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    helpers.open_notebook(page, lab_server, f"xss/notebooks/{notebook}")
    helpers.run_all_cells(page)
    helpers.assert_no_tracebacks(page)
    if notebook.startswith("04"):
        assert _click_map_cells(page) > 0
    page.wait_for_timeout(1_500)  # give an image's onerror time to fire
    helpers.screenshot(page, "xss-" + Path(notebook).stem, "after")
    flag = page.evaluate("() => window.__wbXss === undefined ? null : window.__wbXss")
    assert flag is None, f"a planted payload ran in {notebook} (window.__wbXss = {flag})"
    assert not dialogs, f"a planted payload opened a dialog in {notebook}: {dialogs}"
    text = page.locator(".jp-NotebookPanel").inner_text()
    if notebook.startswith(("03", "04")):
        assert "onerror=" in text, f"the planted text is not shown (as text) in {notebook}"
