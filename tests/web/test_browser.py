"""End to end in a real Chromium against a real ``convene serve``: each audience's main flow.

The secretariat schedules a hybrid session with its agenda and a sitting and
opens registration; Austria's focal point registers three delegates where the
quota is two and sees the third waitlisted; the secretariat approves and
checks one in; that delegate, in New York, sees the sitting in their own
time and copies their calendar link; a report is built and downloaded.
Every page visited is screenshot and checked with axe-core.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from convene.accounts.roles import Role
from convene.settings import Settings
from playwright.async_api import Page, expect

from tests.accounts.conftest import PASSWORD, make_person
from tests.web.browser import Pages, pages_fixture
from tests.web.conftest import entity

pytestmark = pytest.mark.timeout(600)

FIRST_DAY = date.today() + timedelta(days=40)
LAST_DAY = FIRST_DAY + timedelta(days=2)
DELEGATES = [
    ("Ms.", "Anna", "Berger", "anna.berger@austria.example"),
    ("Mr.", "Lukas", "Gruber", "lukas.gruber@austria.example"),
    ("Dr.", "Eva", "Wimmer", "eva.wimmer@austria.example"),
]


@pytest.fixture
def settings(settings: Settings, redis_url: str) -> Settings:
    """With Redis, as in production: the live updates reach a page whichever worker serves it."""
    return dataclasses.replace(settings, redis_url=redis_url)


pages = pages_fixture()


async def sign_in(page: Page, pages: Pages, email: str, name: str) -> None:
    await page.goto("/sign-in")
    await pages.look(page, f"sign-in-{name}")
    await page.get_by_label("E-mail address").fill(email)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.locator(".signed-in-as")).to_contain_text("Signed in as")


async def schedule_session(page: Page, pages: Pages) -> str:
    """The secretariat creates the hybrid session as a draft; returns its management address."""
    await page.goto("/secretariat")
    await pages.look(page, "secretariat-home")
    await page.get_by_role("link", name="Schedule a new session").click()
    await pages.look(page, "secretariat-new-session")
    await page.get_by_label("Body", exact=True).select_option("IRG")
    await page.locator("#parts-0-number").fill("40")
    await page.get_by_label("First day").fill(FIRST_DAY.isoformat())
    await page.get_by_label("Last day").fill(LAST_DAY.isoformat())
    await page.get_by_label("Format").select_option("hybrid")
    await page.get_by_label("Document symbol prefix").fill(f"CAC/COSP/IRG/{FIRST_DAY.year}")
    await page.locator("#venue_name").fill("Vienna International Centre")
    await page.locator("#city").fill("Vienna")
    await page.get_by_role("button", name="Create the session").click()
    await expect(page.locator(".notice")).to_have_text("The session has been created.")
    await pages.look(page, "secretariat-session-created")
    return page.url.split("?")[0].removeprefix(page.url.split("/secretariat")[0])


async def build_agenda_and_sitting(page: Page, pages: Pages, manage: str) -> None:
    await page.goto(f"{manage}/agenda")
    for title in ("Organizational matters", "Review of implementation"):
        await page.locator("#new-title").fill(title)
        await page.get_by_role("button", name="Add the item").click()
        await expect(page.locator(".notice")).to_have_text("The agenda item has been added.")
    await page.locator("#new-title").fill("Opening of the session")
    await page.get_by_label("Under item").select_option(label="1. Organizational matters")
    await page.get_by_role("button", name="Add the item").click()
    await page.locator("#doc-symbol").fill(f"CAC/COSP/IRG/{FIRST_DAY.year}/1")
    await page.locator("#doc-title").fill("Provisional agenda")
    await page.get_by_label("Agenda item").select_option(label="1. Organizational matters")
    await page.get_by_role("button", name="Attach the document").click()
    await expect(page.locator(".notice")).to_have_text("The document has been attached.")
    await expect(page.locator("ol.agenda")).to_contain_text("1 (a) Opening of the session")
    await pages.look(page, "secretariat-agenda")

    await page.get_by_role("link", name="Sittings", exact=True).click()
    await page.locator("#new-starts_at").fill(f"{FIRST_DAY.isoformat()}T10:00")
    await page.locator("#new-ends_at").fill(f"{FIRST_DAY.isoformat()}T13:00")
    await page.locator("#new-room").fill("Board Room D")
    await page.get_by_label("1. Organizational matters").check()
    await page.get_by_role("button", name="Schedule the sitting").click()
    await expect(page.locator(".notice")).to_have_text("The sitting has been scheduled.")
    await pages.look(page, "secretariat-sittings")

    await page.get_by_role("link", name="Session", exact=True).click()
    await page.get_by_role("button", name="Open registration today").click()
    await expect(page.locator(".notice")).to_have_text("Registration is open.")
    await expect(page.locator(".session-line")).to_contain_text("Scheduled")
    await pages.look(page, "secretariat-registration-open")


async def register_delegation(page: Page, pages: Pages) -> None:
    await page.goto("/focal-point")
    await pages.look(page, "focal-point-home")
    await page.get_by_label("Note verbale or nomination letter").fill("Note verbale NV/2027/123")
    await page.get_by_role("button", name="Open the delegation").click()
    await expect(page.locator(".notice")).to_contain_text("The delegation is open")
    await expect(page.locator(".places")).to_contain_text("0 of 2 in-person places used")
    await page.get_by_role(
        "button", name="Register"
    ).click()  # nothing filled in: told what is missing
    await expect(page.locator("#r-given_name-error")).to_have_text("Enter the given name")
    await expect(page.locator("#r-email-error")).to_have_text("Enter the e-mail address")
    await expect(page.locator(".error-summary")).to_be_focused()
    await pages.look(page, "focal-point-form-error")
    for honorific, given, family, email in DELEGATES:
        await page.locator("#r-honorific").select_option(honorific)
        await page.locator("#r-given_name").fill(given)
        await page.locator("#r-family_name").fill(family)
        await page.locator("#r-email").fill(email)
        await page.get_by_label("In person").check()
        await page.get_by_role("button", name="Register").click()
        await expect(page.locator(".notice")).to_be_visible()
    await expect(page.locator(".notice")).to_have_text(
        "No place was free, so the delegate has been put on the waiting list."
    )
    await expect(page.locator(".places")).to_contain_text("2 of 2 in-person places used")
    await expect(page.get_by_role("row", name=re.compile("Eva Wimmer"))).to_contain_text(
        "Waitlisted: number 1 on the waiting list"
    )
    await pages.look(page, "focal-point-delegation")
    await page.get_by_role("link", name="Change Eva Wimmer").click()
    await expect(page.locator("h1")).to_have_text("Dr. Eva Wimmer")
    await pages.look(page, "focal-point-registration")


async def queue_hears_the_registrations(page: Page, pages: Pages) -> None:
    """The queue, open while the focal point registered, says the list has changed."""
    changed = page.get_by_role("status").filter(has_text="Registrations have changed")
    await expect(changed).to_be_visible()
    await pages.look(page, "secretariat-queue-changed")
    await changed.get_by_role("link", name="Show the latest").click()
    await expect(page.locator("table.queue caption")).to_have_text("3 registrations")


async def approve_and_check_in(page: Page, pages: Pages, manage: str) -> None:
    await page.goto(f"{manage}/registrations?status=submitted")
    await pages.look(page, "secretariat-queue")
    for _honorific, given, family, _email in DELEGATES[:2]:
        await page.get_by_label(re.compile(f"{given} {family}")).check()
    await page.get_by_role("button", name="Approve selected").click()
    outcome = page.get_by_role("status").filter(has_text="Outcome of the approval")
    await expect(outcome).to_contain_text("2 registrations approved")
    assert "outcome=" in page.url  # post/redirect/get: a reload shows the outcome again
    await pages.look(page, "secretariat-queue-outcome")
    await page.goto(f"{manage}/registrations")
    await expect(page.get_by_role("row", name=re.compile("Anna Berger"))).to_contain_text(
        "Approved"
    )
    await pages.look(page, "secretariat-queue-approved")

    other_desk = await page.context.new_page()
    await other_desk.goto(f"{manage}/check-in?q=Berger")
    await expect(other_desk.locator("[data-live-state=listening]")).to_be_attached()
    await page.get_by_role("link", name="Check-in").click()
    await page.get_by_label("Name or badge code").fill(
        "Berger"
    )  # htmx searches as the name is typed
    arrive = page.get_by_role("button", name="Mark Ms. Anna BERGER as arrived")
    await expect(arrive).to_be_visible()
    await arrive.click()
    await expect(other_desk.locator("#attendees .arrived")).to_contain_text("Arrived")
    await other_desk.close()
    await expect(page.locator("#scan-outcome .notice")).to_have_text(
        "Ms. Anna BERGER (Austria) is marked as arrived."
    )
    await expect(page.locator("#attendees .arrived")).to_contain_text("Arrived")
    await pages.look(page, "secretariat-check-in")

    await page.get_by_role("link", name="Officers").click()
    await page.get_by_label("Office", exact=True).select_option("chair")
    await page.get_by_label("Name", exact=True).fill("Harib Saeed Al Amimi")
    await page.get_by_role("button", name="Add the officer").click()
    await expect(page.locator("ul.officers")).to_contain_text("Chair: Harib Saeed Al Amimi")
    await pages.look(page, "secretariat-officers")
    await page.get_by_role("link", name="Audit log").click()
    await expect(page.locator("table.audit")).to_contain_text("Ms. Olga Officer")
    await pages.look(page, "secretariat-audit")


async def delegate_sees_own_time(page: Page, pages: Pages, base_url: str) -> None:
    await page.goto("/my")
    local = datetime.combine(
        FIRST_DAY, datetime.min.time().replace(hour=10), ZoneInfo("Europe/Vienna")
    )
    in_new_york = local.astimezone(ZoneInfo("America/New_York"))
    viewer = page.locator("td time[data-viewer-time='datetime']").first
    await expect(viewer).to_contain_text(in_new_york.strftime("%I:%M"))
    await expect(viewer).to_contain_text(in_new_york.tzname() or "")
    await expect(page.locator("[data-viewer-zone]")).to_have_text("America/New_York")
    await expect(page.get_by_role("row", name=re.compile("1st meeting"))).to_contain_text(
        "Board Room D"
    )
    await page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    await page.get_by_role("button", name="Copy the link").click()
    await expect(page.locator("[data-copy-status]")).to_have_text("Copied")
    copied = await page.evaluate("navigator.clipboard.readText()")
    assert copied == await page.locator("#feed-url").input_value()
    assert re.fullmatch(r"https?://[^/]+/calendar/personal/[\w-]+/sittings\.ics", copied)
    feed = await page.request.get(base_url + "/calendar/" + copied.split("/calendar/", 1)[1])
    assert feed.ok and "BEGIN:VEVENT" in await feed.text() and "Board Room D" in await feed.text()
    await pages.look(page, "delegate-my-sessions")


async def build_and_download_report(page: Page, pages: Pages, manage: str) -> None:
    await page.goto(f"{manage}/reports")
    await pages.look(page, "secretariat-reports")

    async def slowly(route: Any) -> None:  # long enough to see the progress shown while it builds
        await page.wait_for_timeout(800)
        await route.continue_()

    await page.route("**/reports/agenda", slowly)
    await page.get_by_role("button", name="Build “Agenda and programme of work”").click()
    await expect(page.locator("#report-agenda-progress")).to_be_visible()
    ready = page.locator("#report-agenda a[download]")
    await expect(ready).to_be_visible()
    await expect(page.locator("#report-agenda-progress")).to_be_hidden()
    await pages.look(page, "secretariat-report-built")
    async with page.expect_download() as waiting:
        await ready.click()
    download = await waiting.value
    assert download.suggested_filename.endswith(".pdf")
    assert (await download.path()).read_bytes().startswith(b"%PDF")


async def test_each_audience_does_its_work_in_the_browser(
    live_server: str, pages: Pages, bodies: Any, registry: None
) -> None:
    await make_person("officer@unodc.example", Role.SECRETARIAT, full_name="Ms. Olga Officer")
    await make_person(
        "focal@austria.example",
        Role.FOCAL_POINT,
        await entity("Austria"),
        full_name="Ms. Anna Huber",
    )
    await make_person(
        DELEGATES[0][3], Role.DELEGATE, await entity("Austria"), full_name="Ms. Anna Berger"
    )

    secretariat = await pages.person(live_server)
    await sign_in(secretariat, pages, "officer@unodc.example", "secretariat")
    manage = await schedule_session(secretariat, pages)
    await build_agenda_and_sitting(secretariat, pages, manage)

    await secretariat.goto(f"{manage}/registrations")
    await expect(secretariat.locator("[data-live-state=listening]")).to_be_attached()
    focal = await pages.person(live_server)
    await sign_in(focal, pages, "focal@austria.example", "focal-point")
    await register_delegation(focal, pages)
    await queue_hears_the_registrations(secretariat, pages)

    await approve_and_check_in(secretariat, pages, manage)

    delegate = await pages.person(live_server, timezone="America/New_York")
    await sign_in(delegate, pages, DELEGATES[0][3], "delegate")
    await delegate_sees_own_time(delegate, pages, live_server)

    await build_and_download_report(secretariat, pages, manage)

    public = await pages.person(live_server, timezone="Asia/Tokyo", width=390)  # a phone
    await public.goto("/")
    await public.keyboard.press("Tab")
    await expect(public.get_by_role("link", name="Skip to main content")).to_be_focused()
    await public.keyboard.press("Enter")
    await expect(public.locator("main")).to_be_focused()
    await pages.look(public, "public-sessions-phone")
    await public.goto("/sessions/999999")
    await expect(public.locator("h1")).to_have_text("Not found")
    await pages.look(public, "public-not-found")
    await public.goto("/")
    await public.get_by_role("link", name=re.compile("Fortieth session")).click()
    await expect(public.locator("h1")).to_have_text(
        "Fortieth session of the Implementation Review Group"
    )
    await expect(public.locator("ol.agenda")).to_contain_text("CAC/COSP/IRG")
    assert await public.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        "no sideways scrolling"
    )
    await pages.look(public, "public-session-phone")

    assert pages.verdict() == {}, (
        "axe-core found serious or critical violations (see test-artifacts/web)"
    )
