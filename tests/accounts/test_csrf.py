"""CSRF: cookie-authenticated writes need the session's token; API-token calls do not."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from convene.accounts.roles import Role
from convene.accounts.tables import WebSession
from tests.accounts.conftest import PASSWORD, Entities, make_person, session_csrf, sign_in


async def _signed_in(web: AsyncClient, entities: Entities) -> str:
    await make_person("delegate@austria.example", Role.DELEGATE, entities.a)
    assert (await sign_in(web, "delegate@austria.example")).status_code == 303
    return await session_csrf(web)


async def test_a_cookie_authenticated_write_without_the_token_is_refused(
    web: AsyncClient, entities: Entities
) -> None:
    await _signed_in(web, entities)
    answer = await web.post("/api/me/tokens", json={"name": "forged"})
    assert answer.status_code == 403
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert "CSRF" in answer.json()["detail"]
    assert answer.json()["errors"][0]["field"] == "_csrf_token"
    assert (
        await web.patch("/api/me", json={"phone": "1"}, headers={"X-CSRF-Token": "guess"})
    ).status_code == 403
    assert (await web.get("/api/me/tokens")).json() == []


async def test_a_cookie_authenticated_write_with_the_sessions_token_goes_through(
    web: AsyncClient, entities: Entities
) -> None:
    token = await _signed_in(web, entities)
    answer = await web.post(
        "/api/me/tokens", json={"name": "mine"}, headers={"X-CSRF-Token": token}
    )
    assert answer.status_code == 201
    assert (
        await web.patch("/api/me", json={"phone": "+43 1"}, headers={"X-CSRFToken": token})
    ).status_code == 200


async def test_a_forged_sign_out_form_is_refused(web: AsyncClient, entities: Entities) -> None:
    await _signed_in(web, entities)
    assert (await web.post("/sign-out", data={})).status_code == 403
    assert (await web.post("/sign-out", data={"_csrf_token": "forged"})).status_code == 403
    assert await WebSession.count() == 1


async def test_the_anonymous_sign_in_form_needs_its_token_too(
    web: AsyncClient, entities: Entities
) -> None:
    await make_person("delegate@austria.example", Role.DELEGATE, entities.a)
    login_csrf = await web.post(
        "/sign-in", data={"email": "delegate@austria.example", "password": PASSWORD}
    )
    assert login_csrf.status_code == 403
    await web.get("/sign-in")  # sets the anonymous CSRF cookie
    still_missing = await web.post(
        "/sign-in", data={"email": "delegate@austria.example", "password": PASSWORD}
    )
    assert still_missing.status_code == 403
    assert await WebSession.count() == 0


async def test_the_anonymous_token_is_set_on_pages_not_on_api_answers(
    web: AsyncClient, app: Any
) -> None:
    api = await web.get("/health")
    assert "set-cookie" not in api.headers
    page = await web.get("/sign-in")
    cookie = page.headers["set-cookie"]
    assert cookie.startswith("__Host-convene_csrf=") and "HttpOnly" in cookie and "Secure" in cookie


async def test_the_session_token_differs_from_the_anonymous_one(
    web: AsyncClient, entities: Entities
) -> None:
    anonymous = web.cookies.get("__Host-convene_csrf")
    token = await _signed_in(web, entities)
    assert token != (anonymous or web.cookies.get("__Host-convene_csrf"))
    assert (
        await web.post(
            "/api/me/tokens",
            json={"name": "x"},
            headers={"X-CSRF-Token": web.cookies["__Host-convene_csrf"]},
        )
    ).status_code == 403


async def test_api_token_calls_need_no_csrf_token(
    client: AsyncClient, entities: Entities, make_account_headers: Any
) -> None:
    headers = await make_account_headers("delegate@austria.example", Role.DELEGATE, entities.a)
    assert (
        await client.post("/api/me/tokens", json={"name": "script"}, headers=headers)
    ).status_code == 201
    assert (
        await client.patch("/api/me", json={"phone": "+43"}, headers=headers)
    ).status_code == 200


async def test_an_anonymous_json_write_gets_401_from_the_guard(
    client: AsyncClient, app: Any
) -> None:
    assert (await client.post("/api/me/tokens", json={"name": "x"})).status_code == 401
    assert (await client.delete("/api/me/tokens/1")).status_code == 401
