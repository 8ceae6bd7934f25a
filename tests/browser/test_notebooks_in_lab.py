"""The notebooks are the product: open each one in a real JupyterLab in Chromium, run all cells, then
use its widgets as a person would and check what the page shows.

Each notebook has a small scenario function ``scenario_<stem>(ui)``; add one to ``SCENARIOS`` for a
new notebook. A scenario whose notebook does not exist yet is skipped (with the reason) before any
server or browser starts. Screenshots go to ``tests/artifacts/screenshots/``; with
``WB_UPDATE_SCREENSHOTS=1`` the scenario's best one is also copied to ``notebooks/screenshots/``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from . import helpers

pytestmark = pytest.mark.browser

UPDATE_MS = 120_000  # a widget callback may load a study or fit models on a busy machine


@dataclass
class NotebookUI:
    """What a scenario gets: the page with the notebook run, and the server (for its files)."""

    page: object
    server: helpers.LabServer
    name: str

    def shot(self, step: str, focus=None) -> Path:
        """Screenshot ``<name>-<step>.png``; ``focus`` (a locator) is scrolled to the top first, since
        Lab scrolls the notebook inside the page."""
        if focus is not None:
            focus.evaluate("e => e.scrollIntoView({block: 'start'})")
        return helpers.screenshot(self.page, self.name, step)

    def widget(self, control_text: str):
        """The outermost widget box holding a button (or control label) reading ``control_text``."""
        button = helpers.widget_button(self.page, control_text)
        return self.page.locator(".jp-OutputArea-output .widget-vbox").filter(has=button).first


# -- scenarios ------------------------------------------------------------------------------------

def scenario_01_load_study(ui: NotebookUI) -> Path:
    from playwright.sync_api import expect

    page = ui.page
    loader = ui.widget("Load uploaded files")
    study = helpers.widget_with_description(page, "Study", scope=loader).locator("select")
    status = loader.locator(".widget-html-content").filter(has_text=re.compile(r"✔|✖|Loading"))
    load = helpers.widget_button(page, "Load", scope=loader)

    # The notebook loaded the Dutch study already: switch to the English one first, so the next
    # click is seen to change what the page shows.
    study.select_option(label="saas-onboarding-en")
    helpers.settle(page)
    load.click()
    expect(status).to_contain_text("Loaded Planwise onboarding journey 2026", timeout=UPDATE_MS)
    expect(status).to_contain_text("6 interviews")
    ui.shot("1-english-loaded", loader)

    study.select_option(label="webshop-nl")
    helpers.settle(page)
    load.click()
    expect(status).to_contain_text("Geladen: Woonhuis.nl klantreis 2026", timeout=UPDATE_MS)  # in the study's language
    expect(status).to_contain_text("12 interviews")
    expect(status).to_contain_text("340 respondenten")
    expect(loader.locator("table").first).to_contain_text("transcripten")
    expect(loader.locator("table").nth(1)).to_contain_text("interviews/P01.vtt")  # the load report
    best = ui.shot("2-dutch-loaded", loader)

    # Upload one English transcript. ipywidgets 8 keeps the FileUpload's <input type=file> out of
    # the DOM and clicks it from the button, so the file goes through the browser's file chooser.
    loader.locator("button.widget-toggle-button", has_text="English").click()
    helpers.settle(page)
    upload_button = loader.locator("button.widget-upload")
    with page.expect_file_chooser(timeout=30_000) as chooser:
        upload_button.click()
    chooser.value.set_files(str(ui.server.root / "surveys" / "saas-onboarding-en" / "interviews" / "I06.md"))
    expect(upload_button).to_contain_text("(1)", timeout=30_000)
    helpers.settle(page)
    ui.shot("3-file-chosen", loader)
    helpers.widget_button(page, "Load uploaded files", scope=loader).click()
    expect(status).to_contain_text("Loaded Uploaded study 01", timeout=UPDATE_MS)
    expect(status).to_contain_text(re.compile(r"\b1 interviews"))
    expect(status).to_contain_text(re.compile(r"\b0 respondents"))
    ui.shot("4-upload-loaded", loader)
    saved = ui.server.root / "surveys" / "uploaded" / "study-01" / "interviews" / "I06.md"
    assert saved.is_file(), f"the uploaded transcript was not saved as {saved}"
    return best


def scenario_02_tag_and_code(ui: NotebookUI) -> Path:
    from playwright.sync_api import expect

    page = ui.page
    review = ui.widget("Accept")
    progress = review.locator(".widget-html-content").filter(has_text=re.compile(r"reviewed \d+ / \d+"))

    def reviewed() -> int:
        return int(re.search(r"reviewed (\d+) /", progress.inner_text()).group(1))

    before = reviewed()
    ui.shot("1-review", review)
    helpers.widget_button(page, "Accept", scope=review).click()
    expect(progress).to_contain_text(f"reviewed {before + 1} /", timeout=UPDATE_MS)
    ui.shot("2-accepted", review)
    # Another, undecided suggestion (listed with "·", not ✓ or ✗): in this document, else the next one.
    suggestions = review.locator(".widget-select select")
    options = suggestions.locator("option")
    undecided = [options.nth(i).get_attribute("value") for i in range(options.count())
                 if options.nth(i).inner_text().lstrip().startswith("·")]
    if undecided:
        suggestions.select_option(value=undecided[0])
    else:
        helpers.widget_button(page, "Next", scope=review).click()
    helpers.settle(page)
    helpers.widget_button(page, "Reject", scope=review).click()
    expect(progress).to_contain_text(f"reviewed {before + 2} /", timeout=UPDATE_MS)
    return ui.shot("3-rejected", review)


def scenario_03_personas(ui: NotebookUI) -> Path:
    from playwright.sync_api import expect

    page = ui.page
    explorer = ui.widget("Run")
    k = helpers.widget_with_description(page, "k", scope=explorer).locator("select")
    run = helpers.widget_button(page, "Run", scope=explorer)
    table = explorer.locator("table").filter(has=page.locator("th", has_text="Jaccard"))
    rows = table.locator("tr").filter(has=page.locator("td"))
    status = explorer.locator(".widget-html-content").filter(has_text=re.compile(r"personas \(|running"))
    # The notebook may show k = 3 already: fit 2 first, so the page is seen to change.
    for n in (2, 3):
        k.select_option(label=str(n))
        helpers.settle(page)
        run.click()
        expect(status).to_have_text(re.compile(rf"^\s*{n} personas \("), timeout=UPDATE_MS)
        expect(rows).to_have_count(n, timeout=UPDATE_MS)
        shot = ui.shot(f"{n - 1}-{n}-personas", explorer)
    return shot


EVIDENCE = re.compile(r"[“”„]|\b[A-Z]+\d+#\d{3}\b|\S+@\S+")  # a quote, a segment id or an answer id


# The text of a view outside its grid (the evidence panel and any other output), for scenario 04.
_OUTSIDE_GRID_JS = """view => Array.from(view.querySelectorAll('.widget-html-content, .widget-output, table'))
  .filter(e => !e.closest('.widget-gridbox')).map(e => e.innerText).join(' ')"""


def scenario_04_journey_map(ui: NotebookUI) -> Path:
    page = ui.page
    view = page.locator(".jp-OutputArea-output .widget-vbox").filter(
        has=page.locator(".widget-gridbox button")).first
    grid = view.locator(".widget-gridbox").first
    before = view.evaluate(_OUTSIDE_GRID_JS)
    ui.shot("1-map", view)
    cell = grid.locator("button:not([disabled])").filter(has_text=re.compile(r"\S")).first
    cell.click()
    page.wait_for_function(
        f"([view, before]) => ({_OUTSIDE_GRID_JS})(view) !== before",
        arg=[view.element_handle(), before],
        timeout=UPDATE_MS,
    )
    helpers.settle(page)
    after = view.evaluate(_OUTSIDE_GRID_JS)
    assert EVIDENCE.search(after), (
        "the evidence panel shows no quote or evidence row after clicking a map cell:\n" + after[:1500])
    return ui.shot("2-evidence", view)


SCENARIOS: list[tuple[str, Callable[[NotebookUI], Path]]] = [
    ("01_load_study.ipynb", scenario_01_load_study),
    ("02_tag_and_code.ipynb", scenario_02_tag_and_code),
    ("03_personas.ipynb", scenario_03_personas),
    ("04_journey_map.ipynb", scenario_04_journey_map),
]


def _params():
    for notebook, scenario in SCENARIOS:
        exists = (helpers.REPO / "notebooks" / notebook).is_file()
        yield pytest.param(
            notebook, scenario, id=Path(notebook).stem,
            marks=pytest.mark.skipif(not exists, reason=f"notebooks/{notebook} is not written yet "
                                                        "(its scenario is ready)"),
        )


@pytest.mark.parametrize(("notebook", "scenario"), list(_params()))
def test_notebook_in_lab(notebook: str, scenario, lab_server, page) -> None:
    name = Path(notebook).stem
    helpers.open_notebook(page, lab_server, f"notebooks/{notebook}")
    helpers.run_all_cells(page)
    helpers.assert_no_tracebacks(page)
    helpers.screenshot(page, name, "0-run-all")
    best = scenario(NotebookUI(page=page, server=lab_server, name=name))
    helpers.wait_kernel_idle(page)
    helpers.assert_no_tracebacks(page)
    helpers.publish_screenshot(best, name)
