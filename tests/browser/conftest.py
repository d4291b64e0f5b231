"""Playwright (sync API) driving Debian's /usr/bin/chromium against pytest-django's live_server.

Never ``playwright install``: the browser is the system one. Screenshots go to var/screenshots/
(gitignored). ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set for the test process in tests/conftest.py, because
Playwright's sync API runs an event loop in the test thread that also touches the ORM.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.plugins import CHROMIUM

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium_browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(chromium_browser, live_server):
    context = chromium_browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1366, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield page
    finally:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def screenshot(request, page):
    """screenshot("name") → var/screenshots/<test>-<nn>-<name>.png (full page)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    test_name = re.sub(r"[^\w.-]+", "_", request.node.name)
    counter = iter(range(1, 100))

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{test_name}-{next(counter):02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
