"""The journey map's standalone HTML page in a real browser (Chromium): the Dutch demo's map as
`workbench run` writes it, opened from disk, looked at and used as a client would.

The page shows the persona header, the steps and the backstage; no cell's text spills out of its
cell; switching persona shows that persona's map only; opening an item shows its evidence and
its link jumps to the evidence row. Screenshots go to ``tests/artifacts/screenshots/``; with
``WB_UPDATE_SCREENSHOTS=1`` the first is also copied to ``notebooks/screenshots/`` (README).
"""

from __future__ import annotations

import pytest

from . import helpers

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def map_page(tmp_path_factory):
    """The Dutch demo's journey_map.html (run on a copy of the study)."""
    from workbench.pipeline import run_study
    from workbench.privacy import Policy, scrub_map
    from workbench.render import to_html
    from workbench.study import copy_study

    tmp = tmp_path_factory.mktemp("map-html")
    folder = copy_study(helpers.REPO / "surveys" / "webshop-nl", tmp / "webshop-nl")
    run = run_study(folder, tmp / "out", progress=False, write=False, n_boot=10, parallel=False)
    with Policy.for_study(run.study).active():
        jm = scrub_map(run.journey_map)
        html = to_html(jm)
    path = tmp / "journey_map.html"
    path.write_text(html, encoding="utf-8")
    return path, jm


def test_html_map_in_a_browser(map_page, browser_context):
    path, jm = map_page
    page = browser_context.new_page()
    try:
        page.set_viewport_size({"width": 1600, "height": 1000})
        page.goto(path.as_uri())
        section = page.locator("section.persona:visible")
        assert section.count() == 1
        head = section.locator("header.who").inner_text()
        assert "Iedereen" in head and "340 respondenten" in head and "Persona's" in head
        assert "Winkelmandje" in section.locator("tr.steps").inner_text()
        assert "Team Checkout" in section.locator("tr.backstage").inner_text()
        assert "doel ≥ 70%" in section.inner_text()
        helpers.screenshot(page, "journey_map_html", "0-everyone")
        first = helpers.SCREENSHOTS / "journey_map_html-first-screen.png"  # what a reader sees first (README)
        page.screenshot(path=str(first), full_page=False)
        helpers.publish_screenshot(first, "journey_map_html")
        # no text spills out of its cell: every cell's content fits its width
        spills = page.evaluate("""() => Array.from(document.querySelectorAll('section.persona table.map td'))
            .filter(td => td.offsetParent !== null && td.scrollWidth > td.clientWidth + 1)
            .map(td => td.innerText.slice(0, 60))""")
        assert spills == []
        # another persona: its own header, everyone's map hidden
        key = jm.persona_keys[1]
        page.select_option("#persona", key)
        visible = page.locator("section.persona:visible")
        assert visible.count() == 1 and visible.get_attribute("data-key") == key
        head = visible.locator("header.who").inner_text()
        assert jm.persona_name(key) in head and "Jaccard" in head and "%" in head
        helpers.screenshot(page, "journey_map_html", "1-persona")
        # an item's evidence: open it and follow its first link to the evidence table
        item = visible.locator("tr:has(th.lane:has-text('Pijnpunten')) details").first
        item.locator("summary").click()
        link = item.locator("p.ids a").first
        target = link.get_attribute("href")
        assert target.startswith("#e")
        link.click()
        row = page.locator(f"tr{target}")
        assert row.is_visible() and page.evaluate("() => location.hash") == target
        helpers.screenshot(page, "journey_map_html", "2-evidence")
    finally:
        page.close()
