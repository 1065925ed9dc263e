"""Who sees what: another entity's objects do not exist; personal data stays with its people."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from httpx import AsyncClient

from convene.accounts.access import can_see_personal_data, ensure_entity_access
from convene.accounts.roles import Role
from convene.accounts.tables import Account, WebSession
from convene.errors import NotFound
from tests.accounts.conftest import Entities, make_person, sign_in

SECRETARIAT = SimpleNamespace(id=1, role="secretariat", entity=None)
FOCAL_A = SimpleNamespace(id=2, role="focal_point", entity=10)
FOCAL_B = SimpleNamespace(id=3, role="focal_point", entity=20)
DELEGATE_A = SimpleNamespace(id=4, role="delegate", entity=10)


def test_ensure_entity_access_answers_not_found_for_another_entity() -> None:
    ensure_entity_access(SECRETARIAT, 20)
    ensure_entity_access(FOCAL_A, 10)
    for user, entity in [
        (FOCAL_A, 20),
        (FOCAL_B, 10),
        (DELEGATE_A, 10),
        (None, 10),
        (FOCAL_A, None),
    ]:
        with pytest.raises(NotFound, match="Delegation not found"):
            ensure_entity_access(user, entity, "Delegation not found")


def test_personal_data_is_for_the_secretariat_the_person_and_their_focal_point() -> None:
    delegate_a = {"id": 4, "entity": 10}
    assert can_see_personal_data(SECRETARIAT, delegate_a)
    assert can_see_personal_data(DELEGATE_A, delegate_a)
    assert can_see_personal_data(FOCAL_A, delegate_a)
    assert not can_see_personal_data(FOCAL_B, delegate_a)
    assert not can_see_personal_data(None, delegate_a)
    assert not can_see_personal_data(SimpleNamespace(id=5, role="delegate", entity=10), delegate_a)
    # A person without an account, known by their entity (a delegate in a note verbale):
    assert can_see_personal_data(FOCAL_A, 10) and not can_see_personal_data(FOCAL_B, 10)
    assert can_see_personal_data(SECRETARIAT, 10) and not can_see_personal_data(DELEGATE_A, 10)
    assert can_see_personal_data(FOCAL_A, SimpleNamespace(id=9, entity=10))


@pytest.fixture
async def people(app: Any, entities: Entities, make_account_headers: Any) -> dict[str, Any]:
    headers = {
        "secretariat": await make_account_headers("officer@unodc.example", Role.SECRETARIAT),
        "focal_a": await make_account_headers(
            "focal@austria.example", Role.FOCAL_POINT, entities.a
        ),
        "focal_b": await make_account_headers("focal@brazil.example", Role.FOCAL_POINT, entities.b),
        "delegate_a": await make_account_headers(
            "delegate@austria.example", Role.DELEGATE, entities.a
        ),
    }
    other = await make_person(
        "second@austria.example", Role.DELEGATE, entities.a, password=None, phone="+43 1"
    )
    ids = {row["email"]: row["id"] for row in await Account.select(Account.id, Account.email)}
    return {"headers": headers, "ids": ids, "other": other.id}


async def test_a_focal_point_lists_only_their_entitys_accounts(
    client: AsyncClient, people: dict[str, Any], entities: Entities
) -> None:
    listed = (await client.get("/api/accounts", headers=people["headers"]["focal_a"])).json()
    assert {item["email"] for item in listed["items"]} == {
        "focal@austria.example",
        "delegate@austria.example",
        "second@austria.example",
    }
    other_entity = await client.get(
        "/api/accounts", params={"entity_id": entities.b}, headers=people["headers"]["focal_a"]
    )
    assert other_entity.status_code == 404
    everyone = (await client.get("/api/accounts", headers=people["headers"]["secretariat"])).json()
    assert everyone["total"] == 5
    delegates = await client.get(
        "/api/accounts",
        params={"role": "delegate", "entity_id": entities.a},
        headers=people["headers"]["secretariat"],
    )
    assert delegates.json()["total"] == 2
    assert (
        await client.get("/api/accounts", headers=people["headers"]["delegate_a"])
    ).status_code == 403


async def test_another_entitys_account_does_not_exist(
    client: AsyncClient, people: dict[str, Any]
) -> None:
    target = f"/api/accounts/{people['other']}"
    seen = await client.get(target, headers=people["headers"]["focal_a"])
    assert seen.status_code == 200 and seen.json()["phone"] == "+43 1"
    hidden = await client.get(target, headers=people["headers"]["focal_b"])
    missing = await client.get("/api/accounts/999999", headers=people["headers"]["focal_b"])
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert (await client.get(target, headers=people["headers"]["delegate_a"])).status_code == 404
    me = people["ids"]["delegate@austria.example"]
    assert (
        await client.get(f"/api/accounts/{me}", headers=people["headers"]["delegate_a"])
    ).status_code == 200


async def test_a_focal_point_manages_their_delegates_and_nobody_else(
    client: AsyncClient, people: dict[str, Any]
) -> None:
    target = f"/api/accounts/{people['other']}"
    changed = await client.patch(
        target, json={"full_name": "Ms. Eva Berger"}, headers=people["headers"]["focal_a"]
    )
    assert changed.status_code == 200 and changed.json()["full_name"] == "Ms. Eva Berger"
    assert (
        await client.patch(target, json={"phone": "1"}, headers=people["headers"]["focal_b"])
    ).status_code == 404
    officer = people["ids"]["officer@unodc.example"]
    assert (
        await client.patch(
            f"/api/accounts/{officer}", json={"phone": "1"}, headers=people["headers"]["focal_a"]
        )
    ).status_code == 404
    colleague = people["ids"]["focal@austria.example"]
    assert (
        await client.patch(
            f"/api/accounts/{colleague}", json={"phone": "1"}, headers=people["headers"]["focal_a"]
        )
    ).status_code == 403


async def test_deactivating_an_account_signs_it_out_and_is_audited(
    web: AsyncClient, client: AsyncClient, people: dict[str, Any], entities: Entities
) -> None:
    await make_person("active@austria.example", Role.DELEGATE, entities.a)
    await sign_in(web, "active@austria.example")
    assert await WebSession.count() == 1
    target = (
        await Account.select(Account.id).where(Account.email == "active@austria.example").first()
    )["id"]
    answer = await client.patch(
        f"/api/accounts/{target}", json={"is_active": False}, headers=people["headers"]["focal_a"]
    )
    assert answer.status_code == 200 and answer.json()["status"] == "deactivated"
    assert await WebSession.count() == 0
    assert (await web.get("/api/me")).status_code == 401
    audit = (
        await client.get(
            "/api/audit",
            params={"action": "account.updated"},
            headers=people["headers"]["secretariat"],
        )
    ).json()
    assert audit["items"][0]["before"] == {"is_active": True} and audit["items"][0]["after"] == {
        "is_active": False
    }


async def test_the_secretariat_cannot_lock_itself_out(
    client: AsyncClient, people: dict[str, Any]
) -> None:
    me = (await client.get("/api/me", headers=people["headers"]["secretariat"])).json()["id"]
    answer = await client.patch(
        f"/api/accounts/{me}", json={"is_active": False}, headers=people["headers"]["secretariat"]
    )
    assert answer.status_code == 409 and answer.json()["errors"][0]["field"] == "is_active"


async def test_a_person_edits_their_own_profile(
    client: AsyncClient, people: dict[str, Any]
) -> None:
    headers = people["headers"]["delegate_a"]
    answer = await client.patch(
        "/api/me", json={"full_name": "  Mr. Karl Gruber ", "phone": "+43 1 234"}, headers=headers
    )
    assert answer.status_code == 200
    assert answer.json()["full_name"] == "Mr. Karl Gruber" and answer.json()["phone"] == "+43 1 234"
    for body, field in [
        ({"phone": "call me<script>"}, "phone"),
        ({"full_name": ""}, "full_name"),
        ({"role": "secretariat"}, None),
    ]:
        bad = await client.patch("/api/me", json=body, headers=headers)
        assert bad.status_code == 400, body
        if field:
            assert bad.json()["errors"][0]["field"] == field
    assert (await client.get("/api/me", headers=headers)).json()["role"] == "delegate"
