"""Signing in and out with e-mail and password: server-side sessions in a cookie."""

from __future__ import annotations

import re

import dataclasses
from datetime import UTC, datetime, timedelta

from litestar import Litestar
from httpx import AsyncClient

from convene.accounts.roles import Role
from convene.accounts.tables import WebSession
from convene.accounts.web_sessions import key_hash
from convene.audit.tables import AuditEntry
from convene.settings import Settings
from tests.accounts.conftest import PASSWORD, Entities, csrf_of, make_person, session_csrf, sign_in
from tests.conftest import AppBuilder, app_client, running


async def test_signing_in_opens_a_session_that_api_calls_recognise(
    web: AsyncClient, entities: Entities
) -> None:
    await make_person(
        "focal@austria.example", Role.FOCAL_POINT, entities.a, full_name="Ms. Anna Huber"
    )
    answer = await sign_in(web, "Focal@Austria.example")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/focal-point"  # their work: their delegations
    me = await web.get("/api/me")
    assert me.status_code == 200
    assert me.json() | {"created_at": None} == {
        "id": me.json()["id"],
        "full_name": "Ms. Anna Huber",
        "role": "focal_point",
        "entity_id": entities.a,
        "entity_name": "Austria",
        "status": "active",
        "email": "focal@austria.example",
        "phone": "",
        "created_at": None,
        "signed_in_with": "session",
    }
    page = await web.get("/account")
    assert "Signed in as" in page.text and "Ms. Anna Huber" in page.text
    assert "(Focal point, <bdi>Austria</bdi>)" in page.text  # the entity keeps its own direction


async def test_the_session_cookie_is_httponly_lax_and_secure_with_only_a_hash_stored(
    web: AsyncClient, entities: Entities
) -> None:
    await make_person("delegate@austria.example", Role.DELEGATE, entities.a)
    answer = await sign_in(web, "delegate@austria.example")
    set_cookie = answer.headers["set-cookie"]
    assert set_cookie.startswith("__Host-convene_session=")
    attributes = {part.strip().lower() for part in set_cookie.split(";")}
    assert {"httponly", "secure", "samesite=lax", "path=/"} <= attributes
    key = web.cookies["__Host-convene_session"]
    rows = await WebSession.select(WebSession.key_hash)
    assert [row["key_hash"] for row in rows] == [key_hash(key)]
    assert key not in {row["key_hash"] for row in rows}


async def test_in_development_the_cookie_is_not_secure(
    settings: Settings, entities: Entities, build_app: AppBuilder
) -> None:
    development = build_app(dataclasses.replace(settings, environment="development"))
    await make_person("officer@unodc.example", Role.SECRETARIAT)
    async with running(development), app_client(development, "http://127.0.0.1:8000") as browser:
        browser.follow_redirects = False
        answer = await sign_in(browser, "officer@unodc.example")
        assert answer.status_code == 303
        attributes = {part.strip().lower() for part in answer.headers["set-cookie"].split(";")}
        assert answer.headers["set-cookie"].startswith("convene_session=")
        assert "secure" not in attributes and "httponly" in attributes
        assert (await browser.get("/api/me")).json()["signed_in_with"] == "session"


async def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(
    web: AsyncClient, entities: Entities
) -> None:
    await make_person("delegate@austria.example", Role.DELEGATE, entities.a)
    wrong = await sign_in(web, "delegate@austria.example", "not the password at all")
    unknown = await sign_in(web, "nobody@nowhere.example", "not the password at all")
    assert wrong.status_code == unknown.status_code == 400
    assert "The e-mail address or the password is not right." in wrong.text
    normalise = lambda html, email: html.replace(email, "EMAIL")
    assert normalise(wrong.text, "delegate@austria.example") == normalise(
        unknown.text, "nobody@nowhere.example"
    )
    assert (await web.get("/api/me")).status_code == 401


async def test_an_invited_person_without_a_password_cannot_sign_in(
    web: AsyncClient, entities: Entities
) -> None:
    await make_person("new@austria.example", Role.DELEGATE, entities.a, password=None)
    answer = await sign_in(web, "new@austria.example", "")
    assert answer.status_code == 400
    assert "Enter your password" in answer.text
    answer = await sign_in(web, "new@austria.example", "anything at all, long enough")
    assert answer.status_code == 400


async def test_a_deactivated_account_cannot_sign_in(
    web: AsyncClient, entities: Entities
) -> None:
    await make_person("gone@austria.example", Role.DELEGATE, entities.a, is_active=False)
    assert (await sign_in(web, "gone@austria.example")).status_code == 400


async def test_signing_out_ends_the_session_on_the_server(
    web: AsyncClient, entities: Entities
) -> None:
    await make_person("delegate@austria.example", Role.DELEGATE, entities.a)
    await sign_in(web, "delegate@austria.example")
    stolen_cookie = web.cookies["__Host-convene_session"]
    token = await session_csrf(web)
    answer = await web.post("/sign-out", data={"_csrf_token": token})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/sign-in"
    assert "max-age=0" in answer.headers["set-cookie"].lower()
    assert await WebSession.count() == 0
    assert (await web.get("/api/me")).status_code == 401
    web.cookies.set("__Host-convene_session", stolen_cookie, domain="convene.test")
    assert (await web.get("/api/me")).status_code == 401
    actions = [
        row["action"] for row in await AuditEntry.select(AuditEntry.action).order_by(AuditEntry.id)
    ]
    assert actions == ["account.signed_in", "account.signed_out"]


async def test_an_expired_session_is_no_longer_signed_in(
    web: AsyncClient, entities: Entities
) -> None:
    await make_person("delegate@austria.example", Role.DELEGATE, entities.a)
    await sign_in(web, "delegate@austria.example")
    await WebSession.update(
        {WebSession.expires_at: datetime.now(UTC) - timedelta(seconds=1)}, force=True
    )
    assert (await web.get("/api/me")).status_code == 401
    page = await web.get("/account")
    assert page.status_code == 303 and page.headers["location"] == "/sign-in?next=/account"


async def test_sign_in_goes_back_to_a_local_page_only(
    web: AsyncClient, entities: Entities
) -> None:
    await make_person("delegate@austria.example", Role.DELEGATE, entities.a)
    for target, expected in [
        ("/api/me", "/api/me"),
        ("//evil.example/x", "/my"),
        ("https://evil.example", "/my"),
    ]:
        form = await web.get("/sign-in", params={"next": target})
        answer = await web.post(
            "/sign-in",
            data={
                "email": "delegate@austria.example",
                "password": PASSWORD,
                "next": target,
                "_csrf_token": csrf_of(form.text),
            },
        )
        assert answer.headers["location"] == expected


async def test_signing_in_again_replaces_the_browsers_old_session(
    web: AsyncClient, entities: Entities
) -> None:
    await make_person("delegate@austria.example", Role.DELEGATE, entities.a)
    await sign_in(web, "delegate@austria.example")
    first = web.cookies["__Host-convene_session"]
    token = await session_csrf(web)
    answer = await web.post(
        "/sign-in",
        data={"email": "delegate@austria.example", "password": PASSWORD, "_csrf_token": token},
    )
    assert answer.status_code == 303
    assert web.cookies["__Host-convene_session"] != first
    assert await WebSession.count() == 1


async def test_the_pages_are_accessible_forms(web: AsyncClient, app: Litestar) -> None:
    page = await web.get("/sign-in")
    assert page.status_code == 200
    html = page.text
    assert '<html lang="en" dir="ltr">' in html and '<main id="main"' in html
    assert '<label for="email">' in html and 'autocomplete="current-password"' in html
    stylesheet = re.search(r'<link rel="stylesheet" href="(/static/convene\.[0-9a-f]{10}\.css)">', html)
    assert stylesheet is not None
    assert "Not signed in" in html
    assert (await web.get(stylesheet.group(1))).status_code == 200
