"""The secretariat's day at the size of a real Conference, in Chromium (issue 18).

One session with 200 delegations and 1,500 registrations (tests/web/conference.py, built
in bulk once for the module): the secretariat approves every registration awaiting a
decision from one regional group in a handful of actions, finds a delegate whose name they
misspell, and every role's main pages fit a 390-pixel phone without sideways scrolling.
"""

from __future__ import annotations

import re

import httpx
import pytest
from convene.settings import Settings
from litestar import Litestar
from playwright.async_api import Locator, Page, expect

from tests.conftest import LiveServers, emptied, empty_tables, running
from tests.web.browser import ON_POSTGRES, Pages, pages_fixture
from tests.web.conference import (
    BADGE,
    FOCAL_POINT,
    PASSWORD,
    SECRETARIAT,
    Conference,
    build_conference,
)

pytestmark = [
    pytest.mark.timeout(600),
    ON_POSTGRES,
]

PHRASES = ("registrations approved", "could not be decided")
"""How the outcome of a bulk approval counts what was done and what was refused."""

_worlds: dict[str, tuple[int, Conference]] = {}
"""The Conference each database holds, and the count of emptyings it was built after."""


@pytest.fixture
async def conference(bound_app: Litestar, database_url: str) -> Conference:
    """The Conference, built once while no other test has emptied the tables since."""
    async with running(bound_app):
        kept = _worlds.get(database_url)
        if kept is None or kept[0] != emptied[database_url]:
            await empty_tables(database_url)
            _worlds[database_url] = (emptied[database_url], await build_conference())
    return _worlds[database_url][1]


@pytest.fixture
def server(conference: Conference, settings: Settings, live_servers: LiveServers) -> str:
    return live_servers.url_for(settings)


pages = pages_fixture("lists")


class Clerk:
    """The secretariat's clerk at the keyboard: counts the actions taken and the bytes read."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.actions = 0
        self.weights: list[int] = []

    async def act(self, step: object) -> None:
        """One action (a choice, a click, a filled field): awaited and counted."""
        self.actions += 1
        await step  # type: ignore[misc]
        await self.page.wait_for_load_state("load")

    async def weigh(self) -> int:
        """The bytes of the page shown now (its HTML, as sent before compression)."""
        size = await self.page.evaluate(
            "performance.getEntriesByType('navigation')[0].decodedBodySize"
        )
        self.weights.append(int(size))
        return int(size)


async def tabs_to(page: Page, target: Locator) -> int:
    """How many Tab presses from the element in focus reach ``target`` (at most 50 tried)."""
    for presses in range(1, 51):
        await page.keyboard.press("Tab")
        if await target.evaluate("element => element === document.activeElement"):
            return presses
    return 50


async def sign_in(page: Page, email: str) -> None:
    await page.goto("/sign-in")
    await page.get_by_label("E-mail address").fill(email)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.locator(".signed-in-as")).to_contain_text("Signed in as")


async def test_the_secretariat_approves_a_regional_group_and_finds_a_misspelt_name(
    conference: Conference, server: str, pages: Pages
) -> None:
    page = await pages.person(server)
    await sign_in(page, SECRETARIAT)
    queue = f"/secretariat/sessions/{conference.session_id}/registrations"
    await page.goto(queue)
    clerk = Clerk(page)
    await expect(page.locator("#queue-caption")).to_contain_text("1,500 registrations")
    await expect(page.locator("table.queue tbody tr")).to_have_count(50)
    print(f"\nthe queue's first page: {await clerk.weigh() / 1024:.0f} KB")
    await pages.look(page, "queue")

    awaiting = conference.awaiting_by_group["eastern_european"]
    group = page.get_by_label("Regional group")
    await clerk.act(group.select_option(label="Eastern European States"))
    await clerk.act(page.get_by_label("Status").select_option(label="Awaiting approval"))
    await clerk.act(page.get_by_role("button", name="Filter").click())
    await expect(page.locator("#queue-caption")).to_contain_text(f"{awaiting} registrations")
    await clerk.weigh()
    everyone = page.get_by_label(f"All {awaiting} registrations matching these filters")
    await clerk.act(everyone.check())
    tabs = await tabs_to(page, page.get_by_role("button", name="Approve selected"))
    print(f"from the choice to Approve with the keyboard: {tabs} Tab presses")
    assert tabs <= 5, tabs
    await clerk.act(page.get_by_role("button", name="Approve selected").click())
    outcome = page.locator(".outcome")
    await expect(outcome).to_contain_text("registrations approved", timeout=120_000)
    said = " ".join((await outcome.inner_text()).split())
    approved, refused = (re.search(rf"(\d+) {words}", said) for words in PHRASES)
    assert approved is not None, said
    left = int(refused.group(1)) if refused else 0
    assert int(approved.group(1)) + left == awaiting, said
    if left:  # an address another delegation's approved registration holds: said, with why
        assert "reject one of the two registrations" in said, said
    caption = f"{left} registration" + ("" if left == 1 else "s")
    await expect(page.locator("#queue-caption")).to_have_text(caption)
    await clerk.weigh()
    await pages.look(page, "queue-group-approved")
    approving = clerk.actions
    print(f"approving {awaiting} registrations of a regional group ({left} refused): "
          f"{approving} actions, "
          f"pages of {', '.join(f'{w / 1024:.0f} KB' for w in clerk.weights)}")
    assert approving <= 6, approving

    await page.goto(queue)
    clerk.actions = 0
    await clerk.act(page.get_by_label("Name or e-mail").fill("Chidimma Okonkow"))
    await clerk.act(page.get_by_role("button", name="Filter").click())
    found = page.locator("table.queue tbody tr")
    await expect(found).to_have_count(1)
    await expect(found).to_contain_text("Chidinma Okonkwo")
    print(f"finding a misspelt name: {clerk.actions} actions, {await clerk.weigh() / 1024:.0f} KB")
    await pages.look(page, "queue-misspelt-name")
    assert max(clerk.weights) < 200 * 1024, clerk.weights
    assert not pages.verdict()


async def test_the_desk_keeps_up_scan_after_scan_on_a_phone(
    conference: Conference, server: str, pages: Pages
) -> None:
    phone = await pages.person(server, width=390)
    await sign_in(phone, SECRETARIAT)
    await phone.goto(f"/secretariat/sessions/{conference.session_id}/check-in")
    field, said = phone.locator("#badge_code"), phone.locator("#scan-outcome .notice")
    await expect(field).to_be_focused()
    for code, answer in (
        (BADGE, "is marked as arrived."),
        (BADGE, re.compile(r"already checked in at \d\d:\d\d")),
        ("C0000000C0000000", "No one at this session has the badge code “C0000000C0000000”"),
    ):
        await field.press_sequentially(code)  # as a scanner types, then Enter
        await field.press("Enter")
        await expect(said).to_contain_text(answer)
        await expect(field).to_have_value("")
        await expect(field).to_be_focused()
        await expect(said).to_be_in_viewport()  # under the field, not below the fold
    await pages.look(phone, "desk-on-a-phone")
    assert not pages.verdict()


async def test_every_role_s_main_pages_fit_a_phone(
    conference: Conference, server: str, pages: Pages
) -> None:
    session = conference.session_id
    manage = f"/secretariat/sessions/{session}"
    by_role = {
        None: ["/", f"/sessions/{session}", "/sign-in"],
        conference.delegate: ["/my", "/account"],
        FOCAL_POINT: ["/focal-point", f"/delegations/{conference.delegation_id}"],
        SECRETARIAT: [
            "/secretariat",
            manage,
            f"{manage}/agenda",
            f"{manage}/sittings",
            f"{manage}/officers",
            f"{manage}/entities",
            f"{manage}/registrations",
            f"{manage}/check-in?q=Smith",
            f"{manage}/reports",
            f"{manage}/proposals",
            f"/secretariat/audit?session={session}",
        ],
    }
    too_wide = {}
    for email, paths in by_role.items():
        phone = await pages.person(server, width=390)
        if email is not None:
            await sign_in(phone, email)
        for path in paths:
            answer = await phone.goto(path)
            assert answer is not None and answer.status == 200, (path, answer and answer.status)
            width = await phone.evaluate("document.scrollingElement.scrollWidth")
            if width > await phone.evaluate("innerWidth"):
                too_wide[path] = width
                await pages.look(phone, "too-wide" + path.replace("/", "-"))
        await phone.context.close()
    assert not too_wide, f"pages wider than 390 px: {too_wide}"


async def test_the_public_list_of_participants_comes_a_page_of_delegations_at_a_time(
    conference: Conference, server: str
) -> None:
    page = f"{server}/sessions/{conference.session_id}"
    async with httpx.AsyncClient() as visitor:
        first = await visitor.get(page)
        second = await visitor.get(page, params={"page": 2})
        found = await visitor.get(page, params={"q": "Andersen"})
    assert first.status_code == second.status_code == found.status_code == 200
    assert re.search(r"Page 1 of [5-7]", first.text) and "Page 2 of" in second.text
    assert first.text.count("<h4>") == 30 and len(first.content) < 100_000
    listed = found.text.split("List of participants")[1]
    assert "ANDERSEN" in listed and listed.count("<h4>") < 30  # the delegations with an Andersen
