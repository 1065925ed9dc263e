"""In a real Chromium against a real ``convene serve``: the secretariat's people work.

The secretariat signs in and lands on its desk, invites Austria's focal point from the
delegation's page and reads the invitation in the outbox, corrects a delegate's misspelled
name (who stays approved), reopens a rejected registration whose reason the page shows, and
is asked in a dialog before cancelling a registration. Each page is screenshot at 1280 px,
and again at 390 px, where nothing may scroll sideways.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from convene.accounts.roles import Role
from httpx import AsyncClient
from playwright.async_api import Page, expect

from tests.accounts.conftest import PASSWORD, make_person
from tests.web.browser import ON_POSTGRES, Pages, pages_fixture

pytestmark = [pytest.mark.timeout(600), ON_POSTGRES]


pages = pages_fixture("people")


async def _delegation_with_three(
    client: AsyncClient,
    bodies: dict[str, str],
    austria: dict[str, str],
    open_delegation: Any,
    register: Any,
    session: dict[str, Any],
) -> int:
    """Austria's delegation: Marai Kovac approved (misspelled), Rita Roth rejected, Lukas waiting."""
    delegation = await open_delegation(session["id"], austria)
    misspelled = (
        await register(
            delegation["id"], austria, given_name="Marai", family_name="Kovac", email="mk@bmeia.example"
        )
    ).json()
    rejected = (await register(delegation["id"], austria, given_name="Rita", family_name="Roth")).json()
    await register(delegation["id"], austria, given_name="Lukas", family_name="Gruber", mode="online_listening")
    await client.post(f"/api/registrations/{misspelled['id']}/approval", headers=bodies)
    await client.post(
        f"/api/registrations/{rejected['id']}/rejection",
        json={"reason": "Not named in the note verbale"},
        headers=bodies,
    )
    return int(delegation["id"])


async def _look_at_both_widths(pages: Pages, phone: Page, page: Page, name: str) -> None:
    """The page as the secretariat sees it, then the same address on a phone: no sideways scroll."""
    await pages.look(page, name)
    await phone.goto(page.url)
    await pages.look(phone, f"{name}-390")
    wide = await phone.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right))""")
    assert await phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        f"{name}: sideways scrolling at 390 px {wide}"
    )


async def test_the_secretariat_invites_corrects_and_reopens_in_the_browser(
    live_server: str,
    pages: Pages,
    client: AsyncClient,
    bodies: dict[str, str],
    austria: dict[str, str],
    open_delegation: Any,
    register: Any,
    session: dict[str, Any],
) -> None:
    delegation_id = await _delegation_with_three(
        client, bodies, austria, open_delegation, register, session
    )
    await make_person("officer@unodc.example", Role.SECRETARIAT, full_name="Ms. Olga Officer")
    page = await pages.person(live_server)
    phone = await pages.person(live_server, width=390)
    for browser in (page, phone):
        await browser.goto("/sign-in")
        await browser.get_by_label("E-mail address").fill("officer@unodc.example")
        await browser.get_by_label("Password").fill(PASSWORD)
        await browser.get_by_role("button", name="Sign in").click()
        await expect(browser).to_have_url(re.compile(r"/secretariat$"))  # the desk, not "Your account"

    # Invite Austria's focal point from the delegation's page.
    await page.goto(f"/delegations/{delegation_id}")
    await page.get_by_role("link", name="Invite a focal point for Austria").click()
    await expect(page.get_by_label("Entity")).to_have_value(re.compile(r"\d+"))
    await expect(page.get_by_label("Role")).to_have_value("focal_point")
    await page.get_by_label("Name", exact=True).fill("Ms. Anna Huber")
    await page.get_by_label("E-mail address").fill("anna.huber@bmeia.example")
    await page.get_by_role("button", name="Send the invitation").click()
    await expect(page.locator(".notice")).to_contain_text("The invitation has been sent")
    await expect(page.locator("table.invitations")).to_contain_text("Ms. Anna Huber")
    await expect(page.locator("table.invitations")).to_contain_text("Focal point, Austria")
    await _look_at_both_widths(pages, phone, page, "invitations")

    await page.goto("/secretariat/outbox")
    message = page.locator("article.outbox-message", has_text="anna.huber@bmeia.example")
    await message.get_by_text("The text").click()
    await expect(message.locator("pre")).to_contain_text("Dear Ms. Anna Huber,")
    await expect(message.locator("pre")).to_contain_text("/accept-invitation?token=")
    await _look_at_both_widths(pages, phone, page, "outbox")

    # Correct the misspelled name: she stays approved.
    await page.goto(f"/delegations/{delegation_id}")
    await page.get_by_role("link", name="Change Marai Kovac").click()
    await page.locator("#d-given_name").fill("Maria")
    await page.locator("#d-family_name").fill("Kovač")
    await _look_at_both_widths(pages, phone, page, "correction")
    await page.get_by_role("button", name="Save the correction").click()
    await expect(page.locator(".notice")).to_contain_text("corrected; their place and approval stay")
    row = page.locator("tr", has_text="Maria Kovač")
    await expect(row).to_contain_text("Approved")
    await expect(page.locator("main")).not_to_contain_text("Marai")

    # The rejected registration shows its reason; the secretariat reopens it.
    rejected = page.locator("tr", has_text="Rita Roth")
    await expect(rejected).to_contain_text("Reason: Not named in the note verbale")
    await _look_at_both_widths(pages, phone, page, "delegation")
    await rejected.get_by_role("link", name="Reopen Rita Roth").click()
    await page.get_by_role("button", name=re.compile("Reopen the registration of")).click()
    await expect(page.locator(".notice")).to_contain_text("reopened: it awaits a decision again")
    await expect(page.locator("tr", has_text="Rita Roth")).to_contain_text("Awaiting approval")

    # Cancelling asks first, in a dialog: "No" keeps the registration.
    await page.get_by_role("link", name="Change Lukas Gruber").click()
    cancel = page.get_by_role("button", name=re.compile("Cancel the registration of"))
    await cancel.click()
    dialog = page.locator("dialog.confirm-dialog")
    await expect(dialog).to_contain_text("Cancel the registration of Ms. Lukas Gruber?")
    await pages.look(page, "cancel-dialog")
    await dialog.get_by_role("button", name="No, keep it").click()
    await expect(dialog).to_have_count(0)
    await expect(page).to_have_url(re.compile(r"/registrations/\d+$"))
    await cancel.click()
    await page.locator("dialog.confirm-dialog").get_by_role("button", name="Yes, cancel the registration").click()
    await expect(page.locator(".notice")).to_contain_text("The registration has been cancelled.")

    # What the secretariat now sees in the audit log: the correction, before and after.
    await page.goto("/secretariat/audit")
    await expect(page.locator("main")).to_contain_text("Kovač")
    await expect(page.locator("main")).to_contain_text("registration.reopened")
    await _look_at_both_widths(pages, phone, page, "audit")

    assert pages.verdict() == {}, (
        "axe-core found serious or critical violations (see test-artifacts/web/people-*)"
    )
