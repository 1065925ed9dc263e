"""The audit log: written in the change's transaction, read by the secretariat only."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

from convene.accounts.roles import Role
from convene.accounts.tables import Account
from convene.audit.services import record
from convene.audit.tables import AuditEntry
from convene.db import OutsideTransaction, locked_transaction
from convene.events.changes import changed_fields
from tests.accounts.conftest import Entities, make_person


async def test_record_keeps_actor_object_before_after_and_session(
    client: AsyncClient, secretariat: dict[str, str]
) -> None:
    officer = await Account.objects().first()
    async with locked_transaction("test"):
        await record(
            officer, "session.updated", "session", 7, {"city": "Vienna"}, {"city": "Geneva"}, 7
        )
    entries = (await client.get("/api/audit", headers=secretariat)).json()
    assert entries["total"] == 1
    entry = entries["items"][0]
    assert entry | {"at": None, "id": None} == {
        "id": None,
        "at": None,
        "actor_id": officer.id,
        "actor_name": "Officer",
        "action": "session.updated",
        "object_type": "session",
        "object_id": "7",
        "before": {"city": "Vienna"},
        "after": {"city": "Geneva"},
        "session_id": 7,
    }


async def test_a_rolled_back_change_leaves_no_entry(app: Any) -> None:
    with pytest.raises(RuntimeError):
        async with locked_transaction("test"):
            await record(None, "session.deleted", "session", 1, before={"id": 1})
            raise RuntimeError("the change failed")
    assert await AuditEntry.count() == 0


async def test_the_log_filters_by_session_and_by_person_and_pages(
    client: AsyncClient, secretariat: dict[str, str], entities: Entities
) -> None:
    officer = await Account.objects().first()
    focal = await make_person("focal@austria.example", Role.FOCAL_POINT, entities.a, password=None)
    async with locked_transaction("test"):
        for n in range(5):
            await record(
                officer, "agenda_item.added", "agenda_item", n, after={"n": n}, session_id=1
            )
        await record(focal.id, "registration.added", "registration", 9, session_id=2)
        await record(officer, "body.added", "body", "IRG")

    async def audit(**params: Any) -> dict[str, Any]:
        answer = await client.get("/api/audit", params=params, headers=secretariat)
        assert answer.status_code == 200, answer.text
        return answer.json()

    assert (await audit(session_id=1))["total"] == 5
    by_focal = await audit(actor_id=focal.id)
    assert [item["action"] for item in by_focal["items"]] == ["registration.added"]
    assert by_focal["items"][0]["actor_name"] == "Focal"
    first = await audit(per_page=3)
    second = await audit(per_page=3, page=2)
    assert first["total"] == second["total"] == 7
    assert first["items"][0]["action"] == "body.added"  # newest first
    assert len(first["items"]) == 3 and len(second["items"]) == 3
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}
    assert (await audit(action="body.added", object_type="body", object_id="IRG"))["total"] == 1


async def test_only_the_secretariat_reads_the_log(
    client: AsyncClient, entities: Entities, make_account_headers: Any
) -> None:
    focal = await make_account_headers("focal@austria.example", Role.FOCAL_POINT, entities.a)
    delegate = await make_account_headers("delegate@austria.example", Role.DELEGATE, entities.a)
    assert (await client.get("/api/audit", headers=focal)).status_code == 403
    assert (await client.get("/api/audit", headers=delegate)).status_code == 403
    assert (await client.get("/api/audit")).status_code == 401


async def test_bad_filters_are_named(client: AsyncClient, secretariat: dict[str, str]) -> None:
    answer = await client.get("/api/audit", params={"session_id": "first"}, headers=secretariat)
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "session_id"
    assert (
        await client.get("/api/audit", params={"per_page": 500}, headers=secretariat)
    ).status_code == 400


def test_changes_keeps_only_what_changed() -> None:
    assert changed_fields({"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 5, "c": 3}) == (
        {"b": 2},
        {"b": 5},
    )


async def test_dates_and_decimals_are_stored_as_json(app: Any) -> None:
    from datetime import date
    from decimal import Decimal

    async with locked_transaction("test"):
        await record(None, "x.y", "x", 1, after={"day": date(2020, 8, 31), "fee": Decimal("1.50")})
    row = await AuditEntry.select(AuditEntry.after).first()
    assert "2020-08-31" in row["after"] and "1.50" in row["after"]


async def test_an_entry_outside_any_transaction_is_refused_not_lost(app: Any) -> None:
    with pytest.raises(OutsideTransaction):
        await record(None, "session.deleted", "session", 1, before={"id": 1})
    assert await AuditEntry.count() == 0
