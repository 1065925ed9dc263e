"""Fixtures for accounts: entities, people with passwords, a browser, a real SMTP server."""

from __future__ import annotations

import re
import socket
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from litestar import Litestar
from httpx import AsyncClient

from convene.accounts.passwords import hash_password
from convene.accounts.roles import Role
from convene.accounts.tables import Account
from convene.entities.tables import Entity
from convene.settings import SmtpSettings
from tests.conftest import app_client

PASSWORD = "correct horse battery staple"
BASE_URL = "https://convene.test"


@dataclass
class Entities:
    a: int
    b: int


@pytest.fixture
async def entities(app: Litestar) -> Entities:
    """Two participating entities: A (Austria) and B (Brazil)."""
    austria = Entity(
        short_name="Austria", name="Republic of Austria", category="state_party", iso_code="AUT"
    )
    brazil = Entity(
        short_name="Brazil",
        name="Federative Republic of Brazil",
        category="state_party",
        iso_code="BRA",
    )
    await austria.save()
    await brazil.save()
    return Entities(a=austria.id, b=brazil.id)


async def make_person(
    email: str,
    role: Role,
    entity_id: int | None = None,
    password: str | None = PASSWORD,
    **fields: Any,
) -> Account:
    """The person with a password; one already invited (an approved delegate is) accepts it."""
    invited = await Account.objects().where(Account.email == email).first()
    if invited is not None and invited.password_hash is None and password:
        invited.password_hash = hash_password(password)
        await invited.save()
        return invited
    account = Account(
        email=email,
        full_name=fields.pop("full_name", email.split("@")[0].replace(".", " ").title()),
        role=role.value,
        entity=entity_id,
        password_hash=hash_password(password) if password else None,
        **fields,
    )
    await account.save()
    return account


@pytest.fixture
async def web(app: Litestar) -> AsyncIterator[AsyncClient]:
    """A browser on HTTPS, so Secure cookies are kept and sent back as a real browser would."""
    async with app_client(app, BASE_URL) as client:
        client.follow_redirects = False
        yield client


def csrf_of(html: str) -> str:
    """The CSRF token a page's form carries."""
    found = re.search(r'name="_csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


async def sign_in(web: AsyncClient, email: str, password: str = PASSWORD) -> Any:
    """Sign in through the form, as a person would; returns the answer to the post."""
    form = await web.get("/sign-in")
    return await web.post(
        "/sign-in", data={"email": email, "password": password, "_csrf_token": csrf_of(form.text)}
    )


async def session_csrf(web: AsyncClient) -> str:
    """The signed-in session's CSRF token, read from a page as a script would."""
    page = await web.get("/account")
    assert page.status_code == 200, page.text
    return csrf_of(page.text)


# -- a real SMTP server -------------------------------------------------------


class Inbox:
    """What the local SMTP server received."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    @property
    def messages(self) -> list[EmailMessage]:
        return [
            message_from_bytes(e.content, policy=policy.default)  # type: ignore[misc]
            for e in self.envelopes
        ]

    def links(self, path: str) -> list[str]:
        """Every link to ``path`` in the plain-text parts received, as a path with its query."""
        found = []
        for message in self.messages:
            text = message.get_body(preferencelist=("plain",)).get_content()
            found += re.findall(rf"{re.escape(path)}\?token=[\w-]+", text)
        return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class SmtpServer:
    port: int
    inbox: Inbox = field(default_factory=Inbox)
    controller: Controller | None = None

    @property
    def settings(self) -> SmtpSettings:
        return SmtpSettings(
            host="127.0.0.1", port=self.port, sender="Convene <secretariat@convene.test>"
        )

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A real SMTP server on a free local port, running (stop() it to simulate an outage)."""
    server = SmtpServer(port=free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp_port_down() -> Iterator[SmtpServer]:
    """An SMTP server that is not running yet (start() it when the test wants it up)."""
    server = SmtpServer(port=free_port())
    yield server
    server.stop()
