"""The main pages of each audience, in each of the six languages, in a real Chromium.

One world (the demo data: a hybrid session under way, Austria's delegation of
four) and one ``convene serve``; each person chooses the language with the
switcher on the page, as a reader would. Each page must say its language and
direction and show no English interface text (names, symbols and the demo's
own English data aside); the Arabic pages must pass axe-core with no serious
or critical violation. Screenshots of every page land in
``test-artifacts/web/languages-<engine>/``: Arabic and Chinese also at 390 px.
"""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from playwright.async_api import Page, expect

from convene.accounts.roles import Role
from convene.catalogues import TEMPLATE, read_catalogue
from convene.delegations.tables import Delegation
from convene.demo.loader import load_demo_data
from convene.entities.tables import Entity
from convene.translation import LANGUAGES
from tests.accounts.conftest import PASSWORD, make_person
from tests.web.browser import ON_POSTGRES, Pages, pages_fixture

pytestmark = [pytest.mark.timeout(600), ON_POSTGRES]

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
NARROW = {"ar", "zh"}
"""The languages also looked at on a phone (390 px): the right-to-left one, and the one in another script."""


pages = pages_fixture("languages")


def english_phrases(language: str) -> set[str]:
    """The interface's English of two words or more that a page in ``language`` must not show.

    Each text's fixed parts between its placeholders; a part the translation
    keeps as it is (a name in an example, "PDF") is not English left behind.
    """
    with TEMPLATE.open("rb") as source:
        template = read_po(source)
    kept = " ".join(
        " ".join(m.string) if isinstance(m.string, tuple) else m.string
        for m in read_catalogue(language)
        if m.id
    )
    phrases = set()
    for message in template:
        for text in message.id if isinstance(message.id, tuple) else (message.id,):
            for part in PLACEHOLDER.split(text or ""):
                part = part.strip(" .,:;()“”…")
                if len(re.findall(r"[A-Za-z]{2,}", part)) >= 2 and part not in kept:
                    phrases.add(part)
    return phrases


async def interface_text(page: Page) -> str:
    """The visible words, without the names, titles and symbols isolated as data (``<bdi>``)."""
    return await page.evaluate(
        """() => {
            const copy = document.body.cloneNode(true);
            copy.querySelectorAll('bdi, script, style, .visually-hidden').forEach(e => e.remove());
            document.body.after(copy);
            copy.style.position = 'absolute';
            const text = copy.innerText;
            copy.remove();
            return text;
        }"""
    )


async def choose(page: Page, language: str) -> None:
    """Press the switcher's button of ``language``, named in itself."""
    await page.locator(f'.language-switcher button[value="{language}"]').click()
    await expect(page.locator("html")).to_have_attribute("lang", language)


async def check(page: Page, pages: Pages, language: str, name: str, english: set[str]) -> None:
    await expect(page.locator("html")).to_have_attribute("lang", language)
    await expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    await pages.look(page, f"{language}-{name}", check=language == "ar")
    text = await interface_text(page)
    left = sorted(phrase for phrase in english if re.search(rf"\b{re.escape(phrase)}\b", text))
    assert not left, f"{language} {name} ({page.url}) shows English: {left}"
    assert await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        f"{language} {name}: sideways scrolling"
    )


async def sign_in(page: Page, email: str) -> None:
    await page.goto("/sign-in")
    await page.locator("#email").fill(email)
    await page.locator("#password").fill(PASSWORD)
    await page.locator("form.stacked-form button[type=submit]").click()
    await expect(page.locator(".signed-in-as")).to_be_visible()


async def test_every_audience_reads_its_pages_in_each_official_language(
    live_server: str, pages: Pages
) -> None:
    await load_demo_data()
    austria = (await Entity.select(Entity.id).where(Entity.short_name == "Austria").first())["id"]
    delegation = await Delegation.select(Delegation.id, Delegation.session).where(
        Delegation.entity == austria
    ).first()
    await make_person("officer@unodc.example", Role.SECRETARIAT, full_name="Ms. Olga Officer")
    await make_person("focal@austria.example", Role.FOCAL_POINT, austria, full_name="Ms. Anna Huber")
    assert delegation, "the demo has a session with Austria's delegation"

    public = await pages.person(live_server)
    focal = await pages.person(live_server)
    await sign_in(focal, "focal@austria.example")
    secretariat = await pages.person(live_server)
    await sign_in(secretariat, "officer@unodc.example")
    phone = await pages.person(live_server, width=390)

    for language in LANGUAGES:
        english = english_phrases(language) if language != "en" else set()
        await public.goto("/")
        await choose(public, language)
        await check(public, pages, language, "public-sessions", english)
        await public.goto(f"/sessions/{delegation['session']}")
        await check(public, pages, language, "public-session", english)

        await focal.goto(f"/delegations/{delegation['id']}")
        await choose(focal, language)
        await check(focal, pages, language, "focal-point-delegation", english)

        await secretariat.goto(f"/secretariat/sessions/{delegation['session']}/registrations")
        await choose(secretariat, language)
        await check(secretariat, pages, language, "secretariat-registrations", english)

        if language in NARROW:
            await phone.goto("/")
            await choose(phone, language)
            await check(phone, pages, language, "public-sessions-390", english)
            await phone.goto(f"/sessions/{delegation['session']}")
            await check(phone, pages, language, "public-session-390", english)
            await focal.set_viewport_size({"width": 390, "height": 900})
            await focal.reload()
            await check(focal, pages, language, "focal-point-delegation-390", english)
            await focal.set_viewport_size({"width": 1280, "height": 900})

    assert pages.verdict() == {}, (
        "axe-core found serious or critical violations on the Arabic pages (see test-artifacts/web)"
    )
