"""Driving Debian's Chromium with Playwright, with an accessibility check and a screenshot of each page.

Chromium is the system's (``/usr/bin/chromium``, installed by ``dev.py test``):
Playwright's own browser downloads are never used. Every page a test visits
goes through :meth:`Pages.look`: a full-page screenshot under
``test-artifacts/web/`` and an axe-core check whose serious and critical
violations are collected, so one run reports every page at fault.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, BrowserContext, Page, async_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
"""Deque's axe-core, as tests/web/axe/package-lock.json names it (``python3 dev.py test`` installs it)."""
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = {"serious", "critical"}
ON_POSTGRES = pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
"""For a browser test whose subject is the pages (their scripts, layout, languages, accessibility),
which are the same whichever engine serves them: it runs on the production engine, where two
workers and Redis carry live updates. The journey of every audience (tests/web/test_browser.py)
runs on SQLite too, as ``python3 dev.py run`` serves it. Each browser test costs seconds of Chromium."""


def chromium_or_skip() -> None:
    """Skip without Debian's chromium or axe-core, except in CI (``CI`` set), where either missing is a failure."""
    if CHROMIUM.exists() and AXE.exists():
        return
    reason = (
        "Debian's chromium or axe-core is not installed: `python3 dev.py test` installs them "
        "(apt-get install chromium; npm ci in tests/web/axe)"
    )
    if os.environ.get("CI"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)  # deliberate: no chromium locally; CI fails instead


@dataclass
class Pages:
    """Screenshots and accessibility findings of one test run, per engine."""

    browser: Browser
    folder: Path
    findings: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    count: int = 0

    async def person(
        self, base_url: str, *, timezone: str = "Europe/Vienna", width: int = 1280
    ) -> Page:
        context: BrowserContext = await self.browser.new_context(
            base_url=base_url,
            timezone_id=timezone,
            locale="en-GB",
            viewport={"width": width, "height": 900},
            accept_downloads=True,
            # axe-core is injected as an inline script, which the pages' policy forbids.
            bypass_csp=True,
        )
        context.set_default_timeout(30_000)
        return await context.new_page()

    async def look(self, page: Page, name: str, *, check: bool = True) -> None:
        """Screenshot the page and (unless ``check`` is False) run axe on it.

        Serious or critical violations are kept for the verdict.
        """
        await page.wait_for_load_state("load")
        self.count += 1
        await page.screenshot(
            path=str(self.folder / f"{self.count:02d}-{name}.png"), full_page=True
        )
        if not check:
            return
        if not await page.evaluate("typeof window.axe !== 'undefined'"):
            await page.add_script_tag(path=str(AXE))
        # Only violations are kept, so axe need not gather the passes' details: half its time.
        result = await page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS,
        )
        found = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [node["target"] for node in v["nodes"]][:5],
            }
            for v in result["violations"]
        ]
        self.findings[f"{self.count:02d}-{name} {page.url}"] = found

    def verdict(self) -> dict[str, list[dict[str, Any]]]:
        """Write every page's findings (all impacts) next to the screenshots; return the serious and critical."""
        (self.folder / "axe.json").write_text(json.dumps(self.findings, indent=2))
        blocking = {
            page: [v for v in found if v["impact"] in BLOCKING]
            for page, found in self.findings.items()
        }
        return {page: found for page, found in blocking.items() if found}


async def open_pages(engine: str):  # type: ignore[no-untyped-def]
    """An async context manager's parts: (playwright, Pages) for ``engine``'s artifact folder."""
    folder = ARTIFACTS / engine
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    playwright = await async_playwright().start()
    browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    return playwright, Pages(browser, folder)


def pages_fixture(prefix: str = "") -> Any:
    """A module's ``pages`` fixture: Chromium for one test (skipped without it), its screenshots
    in ``test-artifacts/web/<prefix>-<engine>``."""

    @pytest.fixture
    async def pages(database_url: str) -> AsyncIterator[Pages]:
        chromium_or_skip()
        engine = "postgres" if database_url.startswith("postgres") else "sqlite"
        playwright, found = await open_pages(f"{prefix}-{engine}" if prefix else engine)
        try:
            yield found
        finally:
            await found.browser.close()
            await playwright.stop()

    return pages
