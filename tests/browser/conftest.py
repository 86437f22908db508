"""A real Chromium (Debian's, never a downloaded one) driven by Playwright against the live server.

Screenshots go to tests/browser/artifacts/ (gitignored): the key pages of each test, and the
current page of every browser context when a test fails.
"""

import contextlib
import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def launch_chromium():
    """(playwright, browser) on Debian's Chromium; a clear failure of the test when it is missing.

    Called from the test body (the first `pages.new()`), so a machine without Chromium reports the
    test as FAILED with this message, never as skipped.
    """
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: the browser tests need Debian's chromium "
            "(apt-get install chromium; .ci/run installs it in CI). They never download a browser.",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: pip install -r requirements-dev.txt", pytrace=False)
    playwright = sync_playwright().start()
    try:
        return playwright, playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    except Exception:
        playwright.stop()
        raise


class Pages:
    """Browser contexts of one test (one per signed-in person) and its screenshots."""

    def __init__(self, base_url, name):
        self.playwright = self.browser = None
        self.base_url, self.contexts = base_url, []
        self.folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", name)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)

    def new(self, **options):
        if self.browser is None:
            self.playwright, self.browser = launch_chromium()
        context = self.browser.new_context(
            base_url=self.base_url, locale="id-ID", **{"viewport": {"width": 1280, "height": 900}, **options}
        )
        context.set_default_timeout(20_000)
        self.contexts.append(context)
        return context.new_page()

    def shot(self, page, name):
        page.screenshot(path=self.folder / f"{name}.png", full_page=True)

    def close(self, failed):
        for number, context in enumerate(self.contexts):
            for index, page in enumerate(context.pages):
                if failed:
                    with contextlib.suppress(Exception):  # a crashed page has nothing to show
                        page.screenshot(path=self.folder / f"FAILED-context{number}-page{index}.png", full_page=True)
            context.close()
        if self.browser is not None:
            self.browser.close()
            self.playwright.stop()


@pytest.fixture
def pages(live_server, request, monkeypatch):
    """Browser contexts for one test. Playwright's sync API keeps an event loop in this thread, but
    the test's own ORM calls are plain synchronous code: Django's async guard is lifted for this
    test only (never in the environment of later tests or of the processes they start)."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    opened = Pages(live_server.url, request.node.name)
    yield opened
    report = getattr(request.node, "report_call", None)
    opened.close(failed=report is None or report.failed)
