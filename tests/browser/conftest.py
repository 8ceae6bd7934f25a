"""Fixtures for the real-browser tests: one JupyterLab server and one Chromium per session.

The server serves a temporary copy of ``notebooks/`` and ``surveys/`` (running cells and uploading
files never touch the work tree). Chromium is Debian's ``/usr/bin/chromium`` driven by Playwright;
without it the tests are skipped with an install hint, except in CI (``CI=true``) where a missing
browser is a failure, so CI proves the notebooks work in a browser.
"""

from __future__ import annotations

import json
import os
import urllib.request

import pytest

from . import helpers

_in_ci = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed"
    if not helpers.CHROMIUM.is_file():
        return f"Chromium not found at {helpers.CHROMIUM}"
    return None


@pytest.fixture(scope="session")
def browser_available() -> None:
    """Skip (outside CI) or fail (in CI) when Chromium or Playwright is missing."""
    reason = _missing_browser()
    if reason is None:
        return
    message = f"{reason}; {helpers.INSTALL_HINT}"
    if _in_ci:
        pytest.fail(f"CI=true but the browser tests cannot run: {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def lab_server(browser_available, tmp_path_factory):
    """A JupyterLab server (loopback, random token) on a temporary copy of notebooks/ and surveys/."""
    root = helpers.prepare_root(tmp_path_factory.mktemp("lab-root"))
    server = helpers.start_lab(root)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser_context(browser_available, tmp_path_factory):
    """Chromium with a fresh profile (user-data-dir), shared by the session's pages."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(helpers.CHROMIUM),
            args=helpers.CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1400, "height": 1100},
            accept_downloads=False,
        )
        try:
            yield context
        finally:
            context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(request, browser_context, lab_server):
    """A new tab; on failure a screenshot is saved, and the test's kernels are shut down afterwards."""
    page = browser_context.new_page()
    page.set_default_timeout(60_000)
    try:
        yield page
    finally:
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            try:
                helpers.screenshot(page, _safe(request.node.name), "failure")
            except Exception as exc:  # noqa: BLE001 - a dead page must not hide the real failure
                print(f"no failure screenshot: {exc}")
        page.close()
        _shutdown_sessions(lab_server)


def _shutdown_sessions(server: helpers.LabServer) -> None:
    """Delete every Jupyter session (and so its kernel) so the next notebook starts alone."""
    headers = {"Authorization": f"token {server.token}"}
    try:
        with urllib.request.urlopen(urllib.request.Request(f"{server.base_url}/api/sessions", headers=headers),
                                    timeout=30) as resp:
            sessions = json.load(resp)
        for s in sessions:
            req = urllib.request.Request(f"{server.base_url}/api/sessions/{s['id']}", headers=headers,
                                         method="DELETE")
            urllib.request.urlopen(req, timeout=60).close()
    except OSError as exc:
        print(f"could not shut down kernels: {exc}")


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)

