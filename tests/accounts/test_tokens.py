"""Personal API tokens: created for oneself, shown once, listed without secrets, revoked."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from convene.accounts.roles import Role
from convene.accounts.tables import ApiToken
from convene.accounts.tokens import token_hash
from convene.audit.tables import AuditEntry
from tests.accounts.conftest import Entities


async def test_a_token_is_shown_once_listed_without_its_secret_and_works(
    client: AsyncClient, entities: Entities, make_account_headers: Any
) -> None:
    headers = await make_account_headers("delegate@austria.example", Role.DELEGATE, entities.a)
    created = await client.post("/api/me/tokens", json={"name": "calendar sync"}, headers=headers)
    assert created.status_code == 201, created.text
    secret = created.json()["token"]
    assert secret.startswith("cvn_")
    row = (
        await ApiToken.select(ApiToken.token_hash)
        .where(ApiToken.id == created.json()["id"])
        .first()
    )
    assert row["token_hash"] == token_hash(secret)

    listed = (await client.get("/api/me/tokens", headers=headers)).json()
    assert [token["name"] for token in listed] == ["tests", "calendar sync"]
    assert all("token" not in token for token in listed)
    assert secret not in str(listed)

    me = await client.get("/api/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status_code == 200 and me.json()["signed_in_with"] == "token"


async def test_a_revoked_token_answers_401(
    client: AsyncClient, entities: Entities, make_account_headers: Any
) -> None:
    headers = await make_account_headers("delegate@austria.example", Role.DELEGATE, entities.a)
    created = (await client.post("/api/me/tokens", json={"name": "script"}, headers=headers)).json()
    bearer = {"Authorization": f"Bearer {created['token']}"}
    assert (await client.get("/api/me", headers=bearer)).status_code == 200
    revoked = await client.delete(f"/api/me/tokens/{created['id']}", headers=headers)
    assert revoked.status_code == 204
    refused = await client.get("/api/me", headers=bearer)
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"] == "Bearer"
    assert refused.headers["content-type"].startswith("application/problem+json")
    listed = (await client.get("/api/me/tokens", headers=headers)).json()
    assert listed[1]["revoked_at"] is not None
    assert (
        await client.delete(f"/api/me/tokens/{created['id']}", headers=headers)
    ).status_code == 204


async def test_someone_elses_token_cannot_be_revoked_or_seen(
    client: AsyncClient,
    entities: Entities,
    make_account_headers: Any,
    secretariat: dict[str, str],
) -> None:
    delegate = await make_account_headers("delegate@austria.example", Role.DELEGATE, entities.a)
    officers_token = (await client.get("/api/me/tokens", headers=secretariat)).json()[0]
    answer = await client.delete(f"/api/me/tokens/{officers_token['id']}", headers=delegate)
    assert answer.status_code == 404
    assert (await client.get("/api/me", headers=secretariat)).status_code == 200
    assert [t["id"] for t in (await client.get("/api/me/tokens", headers=delegate)).json()] != [
        officers_token["id"]
    ]


async def test_token_creation_and_revocation_are_audited(
    client: AsyncClient, secretariat: dict[str, str]
) -> None:
    created = (
        await client.post("/api/me/tokens", json={"name": "reports"}, headers=secretariat)
    ).json()
    await client.delete(f"/api/me/tokens/{created['id']}", headers=secretariat)
    rows = await AuditEntry.select().order_by(AuditEntry.id)
    assert [(row["action"], row["object_id"]) for row in rows] == [
        ("api_token.created", str(created["id"])),
        ("api_token.revoked", str(created["id"])),
    ]
    assert created["token"] not in str(rows)


async def test_a_token_needs_a_name(client: AsyncClient, secretariat: dict[str, str]) -> None:
    for body in ({}, {"name": ""}, {"name": "   "}, {"name": "x" * 101}):
        answer = await client.post("/api/me/tokens", json=body, headers=secretariat)
        assert answer.status_code == 400, body
        assert answer.json()["errors"][0]["field"] == "name", answer.text


async def test_the_public_has_no_tokens(client: AsyncClient, app: object) -> None:
    assert (await client.get("/api/me/tokens")).status_code == 401
    assert (await client.post("/api/me/tokens", json={"name": "x"})).status_code == 401
