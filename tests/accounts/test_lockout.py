"""Repeated failed sign-ins lock the address for a while, in the database, for every worker."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from httpx import AsyncClient

from convene.accounts import sign_in as sign_in_rules
from convene.accounts.roles import Role
from convene.accounts.tables import SignInFailure, SignInLock
from convene.audit.tables import AuditEntry
from tests.accounts.conftest import Entities, make_person, sign_in

WRONG = "this is not the password"


async def _fail(web: AsyncClient, email: str, times: int) -> list[int]:
    return [(await sign_in(web, email, WRONG)).status_code for _ in range(times)]


async def test_five_failures_lock_the_address_even_against_the_right_password(
    web: AsyncClient, entities: Entities
) -> None:
    await make_person("delegate@austria.example", Role.DELEGATE, entities.a)
    assert await _fail(web, "delegate@austria.example", 5) == [400, 400, 400, 400, 429]
    locked = await sign_in(web, "delegate@austria.example")
    assert locked.status_code == 429
    assert 800 < int(locked.headers["retry-after"]) <= 15 * 60 + 1
    assert "Too many failed attempts" in locked.text
    assert (await web.get("/api/me")).status_code == 401


async def test_an_unknown_address_is_locked_exactly_the_same_way(
    web: AsyncClient, entities: Entities
) -> None:
    await make_person("delegate@austria.example", Role.DELEGATE, entities.a)
    known = await _fail(web, "delegate@austria.example", 6)
    unknown = await _fail(web, "nobody@austria.example", 6)
    assert known == unknown == [400, 400, 400, 400, 429, 429]


async def test_the_lock_is_lifted_after_fifteen_minutes_and_counting_starts_afresh(
    web: AsyncClient, entities: Entities
) -> None:
    await make_person("delegate@austria.example", Role.DELEGATE, entities.a)
    await _fail(web, "delegate@austria.example", 5)
    now = datetime.now(UTC)
    await SignInFailure.update({SignInFailure.at: now - timedelta(minutes=14)}, force=True)
    await SignInLock.update({SignInLock.locked_until: now - timedelta(seconds=1)}, force=True)
    # One more failure after the lock is not a sixth failure in the window.
    assert await _fail(web, "delegate@austria.example", 1) == [400]
    assert (await sign_in(web, "delegate@austria.example")).status_code == 303
    assert await SignInFailure.count() == 0


async def test_a_lock_out_is_recorded_in_the_audit_log(
    web: AsyncClient, entities: Entities
) -> None:
    person = await make_person("delegate@austria.example", Role.DELEGATE, entities.a)
    await _fail(web, "delegate@austria.example", 5)
    entry = await AuditEntry.select().where(AuditEntry.action == "account.locked_out").first()
    assert entry is not None
    assert entry["object_type"] == "account" and entry["object_id"] == str(person.id)
    assert entry["actor"] is None


async def test_failures_older_than_the_window_do_not_count(
    web: AsyncClient, entities: Entities
) -> None:
    await make_person("delegate@austria.example", Role.DELEGATE, entities.a)
    await _fail(web, "delegate@austria.example", 4)
    long_ago = datetime.now(UTC) - timedelta(minutes=16)
    await SignInFailure.update({SignInFailure.at: long_ago}, force=True)
    assert await _fail(web, "delegate@austria.example", 4) == [400, 400, 400, 400]


async def test_one_ip_trying_many_addresses_is_held_back(
    web: AsyncClient, entities: Entities, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sign_in_rules, "MAX_FAILURES_PER_IP", 3)
    await make_person("delegate@austria.example", Role.DELEGATE, entities.a)
    for n in range(3):
        assert (await sign_in(web, f"guess{n}@austria.example", WRONG)).status_code == 400
    assert (await sign_in(web, "delegate@austria.example")).status_code == 429
