"""In a real Chromium against a real ``convene serve``: a draft from paste to issue, then a State joins it.

Every page visited is screenshot (``test-artifacts/proposals/<engine>/``) and checked with axe-core.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from typing import Any

import pytest
from playwright.async_api import Page, async_playwright, expect

from convene.accounts.roles import Role
from tests.accounts.conftest import make_person
from tests.proposals.conftest import entity_id
from tests.proposals.test_documents import TEXT
from tests.web.browser import (
    ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, ON_POSTGRES, Pages, chromium_or_skip,
)
from tests.web.test_browser import sign_in

pytestmark = [pytest.mark.timeout(600), ON_POSTGRES]


@pytest.fixture
async def pages(database_url: str) -> AsyncIterator[Pages]:
    chromium_or_skip()
    folder = ARTIFACTS.parent / "proposals" / ("postgres" if database_url.startswith("postgres") else "sqlite")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    playwright = await async_playwright().start()
    browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield Pages(browser, folder)
    await browser.close()
    await playwright.stop()


async def register_and_issue(page: Page, pages: Pages, session_id: int) -> str:
    """The secretariat pastes a draft, corrects one opening, issues it; returns its public address."""
    await page.goto(f"/secretariat/sessions/{session_id}/proposals")
    await page.get_by_label("Title").fill("Strengthening international cooperation in asset recovery")
    await page.get_by_label("Agenda item").select_option(label="2. Review of implementation of the United Nations "
                                                                "Convention against Corruption")
    await page.locator("#sponsor_ids").select_option(label=["Australia", "Brazil", "Israel", "United States of America"])
    await page.get_by_label("Text, pasted").fill(TEXT)
    await pages.look(page, "secretariat-register-draft")
    await page.get_by_role("button", name="Register the draft").click()
    await expect(page.locator(".notice").first).to_have_text("The draft has been registered.")
    await expect(page.locator(".sponsors-line")).to_have_text(
        "Australia, Brazil, Israel and United States of America: draft resolution")
    await pages.look(page, "secretariat-draft")
    await page.locator("#text-paragraphs-1-opening").fill("Welcoming with appreciation")
    await page.get_by_role("button", name="Save the text").click()
    await expect(page.locator(".notice").first).to_have_text("The text has been saved.")
    await expect(page.locator(".un-text em").nth(1)).to_have_text("Welcoming with appreciation")
    await page.locator("#issue-issued_on").fill("2017-11-06")
    await page.get_by_role("button", name="Issue with the sponsors line").click()
    await expect(page.locator(".notice").first).to_have_text("The document has been issued.")
    await pages.look(page, "secretariat-issued")
    link = page.get_by_role("link", name="As everyone reads it (with its changes)")
    return str(await link.get_attribute("href"))


async def test_a_draft_goes_from_paste_to_issue_and_a_state_joins_it(
    live_server: str, pages: Pages, cosp: dict[str, Any]
) -> None:
    await make_person("officer@unodc.example", Role.SECRETARIAT, full_name="Ms. Olga Officer")
    await make_person("focal@kenya.example", Role.FOCAL_POINT, await entity_id("Kenya"), full_name="Mr. Otieno")
    secretariat = await pages.person(live_server)
    await sign_in(secretariat, pages, "officer@unodc.example", "secretariat")
    public_address = await register_and_issue(secretariat, pages, cosp["id"])

    focal = await pages.person(live_server, timezone="Africa/Nairobi")
    await sign_in(focal, pages, "focal@kenya.example", "focal-point")
    await focal.goto(public_address)
    await focal.get_by_role("button", name="Sponsor on behalf of my State").click()
    await expect(focal.locator(".notice").first).to_have_text("Your State now sponsors this proposal.")
    await expect(focal.locator("#sponsors-heading + p + p")).to_have_text(
        "Joined as co-sponsors after the document was issued: Kenya")
    await pages.look(focal, "focal-point-sponsors")

    public = await pages.person(live_server, width=390)  # a phone
    await public.goto(f"/sessions/{cosp['id']}/proposals")
    await public.get_by_role("link", name="CAC/COSP/2017/L.1").click()
    await expect(public.locator(".un-text .footnotes li").first).to_contain_text("Treaty Series")
    await pages.look(public, "public-proposal-phone")
    assert pages.verdict() == {}
