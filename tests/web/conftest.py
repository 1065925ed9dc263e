"""Fixtures for the web pages: people signed in through the sign-in form, each in their own browser.

A :class:`Browser` is Litestar's test client with its own cookies, as a
person's browser would have; ``post`` sends a form with the session's CSRF
token, as the page's own forms do.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from typing import Any

import pytest
from convene.accounts.roles import Role
from convene.entities.tables import Entity
from httpx import AsyncClient
from litestar import Litestar

from tests.accounts.conftest import csrf_of, make_person, sign_in
from tests.conftest import app_client
from tests.delegations.conftest import austria, entity_id, session  # noqa: F401 (fixtures)
from tests.delegations.conftest import open_delegation, register  # noqa: F401 (fixtures)
from tests.meetings.conftest import bodies, create_session, registry  # noqa: F401 (fixtures)

BASE_URL = "https://convene.test"


class Browser:
    """One person's browser: cookies, and the CSRF token of their session."""

    def __init__(self, client: AsyncClient) -> None:
        self.client = client
        self.csrf = ""

    async def get(self, path: str, **params: Any) -> Any:
        return await self.client.get(path, params=params or None)

    async def post(
        self, path: str, form: dict[str, Any] | list[tuple[str, Any]] | None = None, **headers: str
    ) -> Any:
        fields = list(form.items()) if isinstance(form, dict) else list(form or [])
        body = [*fields, ("_csrf_token", self.csrf)]
        return await self.client.post(
            path,
            content="&".join(f"{_quote(k)}={_quote(v)}" for k, v in body),
            headers={"content-type": "application/x-www-form-urlencoded", **headers},
        )


def _quote(value: Any) -> str:
    from urllib.parse import quote_plus

    return quote_plus(str(value))


BrowserFactory = Callable[..., Awaitable[Browser]]


@pytest.fixture
async def browser_for(app: Litestar) -> AsyncIterator[BrowserFactory]:
    """``await browser_for(email, role, entity_id)``: that person, signed in, in a new browser."""
    clients: list[AsyncClient] = []

    async def open_browser(
        email: str | None = None, role: Role | None = None, entity: int | None = None, **fields: Any
    ) -> Browser:
        client = app_client(app, BASE_URL)
        client.follow_redirects = False
        clients.append(client)
        browser = Browser(client)
        if email is None:  # the public: the anonymous CSRF cookie is the token
            page = await client.get("/sign-in")
            browser.csrf = csrf_of(page.text)
            return browser
        await make_person(email, role, entity, **fields)
        answer = await sign_in(client, email)
        assert answer.status_code == 303, answer.text
        browser.csrf = csrf_of((await client.get("/account")).text)
        return browser

    yield open_browser
    for client in clients:
        await client.aclose()


@pytest.fixture
async def officer(browser_for: BrowserFactory, bodies: Any) -> Browser:
    return await browser_for(
        "officer@unodc.example", Role.SECRETARIAT, full_name="Ms. Olga Officer"
    )


@pytest.fixture
async def austria_focal(browser_for: BrowserFactory, registry: None) -> Browser:
    return await browser_for(
        "focal@austria.example",
        Role.FOCAL_POINT,
        await entity_id("Austria"),
        full_name="Ms. Anna Huber",
    )


def field_error(html: str, field_id: str) -> str:
    """The message a page shows beside the input with ``field_id`` (tied to it by aria-describedby)."""
    found = re.search(rf'<p class="error" id="{re.escape(field_id)}-error">([^<]*)</p>', html)
    assert found, f"no error beside #{field_id}"
    described = re.search(
        rf'id="{re.escape(field_id)}"[^>]*aria-describedby="[^"]*{re.escape(field_id)}-error', html
    )
    assert described, f"#{field_id} is not described by its error"
    import html as html_module

    return html_module.unescape(found.group(1))


def text_of(html: str) -> str:
    """The page's words without tags, on one line: what a reader (or a screen reader) gets."""
    words = re.sub(r"</?bdi>", "", html)  # an isolated name sits in its sentence with no space around it
    words = re.sub(r"<script.*?</script>|<style.*?</style>", " ", words, flags=re.S)
    words = re.sub(r"<[^>]+>", " ", words)
    import html as html_module

    return re.sub(r"\s+", " ", html_module.unescape(words))


async def entity(short_name: str) -> int:
    return (await Entity.select(Entity.id).where(Entity.short_name == short_name).first())["id"]


def future(days: int = 0) -> str:
    from datetime import timedelta

    return (date.today() + timedelta(days=days)).isoformat()
