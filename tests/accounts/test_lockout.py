"""Failed sign-ins slow down the place they come from; no one can lock anyone else out."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from httpx import ASGITransport, AsyncClient
from litestar import Litestar

from convene.accounts import sign_in as sign_in_rules
from convene.accounts.roles import Role
from convene.accounts.tables import SignInFailure
from convene.audit.tables import AuditEntry
from tests.accounts.conftest import BASE_URL, Entities, csrf_of, make_person, sign_in

WRONG = "this is not the password"
OWNER = "delegate@austria.example"


def browser_at(app: Litestar, address: str) -> AsyncClient:
    """A browser whose requests come from ``address``, as the server sees it."""
    transport = ASGITransport(app=app, client=(address, 50000))
    return AsyncClient(transport=transport, base_url=BASE_URL, headers={"user-agent": "test"})


@pytest.fixture
async def attacker(app: Litestar) -> AsyncIterator[AsyncClient]:
    async with browser_at(app, "198.51.100.7") as browser:
        yield browser


@pytest.fixture
async def owner(app: Litestar) -> AsyncIterator[AsyncClient]:
    async with browser_at(app, "203.0.113.5") as browser:
        yield browser


async def _fail(web: AsyncClient, email: str, times: int) -> list[int]:
    return [(await sign_in(web, email, WRONG)).status_code for _ in range(times)]


async def _age_failures(by: timedelta) -> None:
    """Time passes: every recorded failure happened ``by`` earlier."""
    for row in await SignInFailure.select(SignInFailure.id, SignInFailure.at):
        await SignInFailure.update({SignInFailure.at: row["at"] - by}).where(
            SignInFailure.id == row["id"]
        )


async def test_wrong_passwords_from_one_place_never_lock_the_owner_out(
    attacker: AsyncClient, owner: AsyncClient, entities: Entities
) -> None:
    await make_person(OWNER, Role.DELEGATE, entities.a)
    assert await _fail(attacker, OWNER, 5) == [400] * 5
    # From there, even the right password is not looked at until the wait is over ...
    delayed = await sign_in(attacker, OWNER)
    assert delayed.status_code == 429
    assert 25 <= int(delayed.headers["retry-after"]) <= 30
    assert "Too many failed attempts from here. Try again in 30 seconds" in delayed.text
    # ... while the owner, from anywhere else, signs in at once.
    assert (await sign_in(owner, OWNER)).status_code == 303
    assert (await owner.get("/api/me")).status_code == 200


async def test_the_fifth_failure_says_how_long_to_wait(
    attacker: AsyncClient, entities: Entities
) -> None:
    await make_person(OWNER, Role.DELEGATE, entities.a)
    await _fail(attacker, OWNER, 4)
    fifth = await sign_in(attacker, OWNER, WRONG)
    assert fifth.status_code == 400 and fifth.headers["retry-after"] == "30"
    assert "not right. Try again in 30 seconds, or reset your password." in fifth.text


async def test_each_further_failure_doubles_the_wait_up_to_fifteen_minutes(
    attacker: AsyncClient, entities: Entities
) -> None:
    await make_person(OWNER, Role.DELEGATE, entities.a)
    await _fail(attacker, OWNER, 5)
    waits = []
    for _ in range(3):
        await _age_failures(timedelta(seconds=int(waits[-1]) if waits else 30))
        answer = await sign_in(attacker, OWNER, WRONG)
        assert answer.status_code == 400  # the wait was over, so the password was checked
        waits.append(answer.headers["retry-after"])
    assert waits == ["60", "120", "240"]
    assert sign_in_rules.pair_delay(30) == timedelta(minutes=15)


async def test_attempts_sent_all_at_once_are_all_counted(
    attacker: AsyncClient, entities: Entities
) -> None:
    await make_person(OWNER, Role.DELEGATE, entities.a)
    csrf = csrf_of((await attacker.get("/sign-in")).text)
    form = {"email": OWNER, "password": WRONG, "_csrf_token": csrf}
    answers = await asyncio.gather(*(attacker.post("/sign-in", data=form) for _ in range(8)))
    assert sorted(answer.status_code for answer in answers) == [400] * 5 + [429] * 3


async def test_an_unknown_address_is_delayed_exactly_the_same_way(
    attacker: AsyncClient, entities: Entities
) -> None:
    await make_person(OWNER, Role.DELEGATE, entities.a)
    known = await _fail(attacker, OWNER, 6)
    unknown = await _fail(attacker, "nobody@austria.example", 6)
    assert known == unknown == [400, 400, 400, 400, 400, 429]


async def test_a_delay_is_recorded_in_the_audit_log(
    attacker: AsyncClient, entities: Entities
) -> None:
    person = await make_person(OWNER, Role.DELEGATE, entities.a)
    await _fail(attacker, OWNER, 6)
    entries = await AuditEntry.select().where(AuditEntry.action == "account.sign_in_delayed")
    assert len(entries) == 1
    assert entries[0]["object_type"] == "account" and entries[0]["object_id"] == str(person.id)
    assert entries[0]["actor"] is None


async def test_failures_older_than_an_hour_do_not_count(
    attacker: AsyncClient, entities: Entities
) -> None:
    await make_person(OWNER, Role.DELEGATE, entities.a)
    await _fail(attacker, OWNER, 5)
    await _age_failures(timedelta(minutes=61))
    assert await _fail(attacker, OWNER, 4) == [400, 400, 400, 400]
    assert (await sign_in(attacker, OWNER)).status_code == 303


async def test_signing_in_forgets_the_failures_of_that_place_only(
    attacker: AsyncClient, owner: AsyncClient, entities: Entities
) -> None:
    await make_person(OWNER, Role.DELEGATE, entities.a)
    await _fail(owner, OWNER, 4)
    await _fail(attacker, OWNER, 5)
    assert (await sign_in(owner, OWNER)).status_code == 303
    assert await SignInFailure.count().where(SignInFailure.ip_address == "203.0.113.5") == 0
    assert (await sign_in(attacker, OWNER)).status_code == 429


async def test_one_persons_typos_never_hold_back_their_network(
    app: Litestar, entities: Entities, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sign_in_rules, "FREE_ACCOUNTS_PER_SOURCE", 3)
    await make_person(OWNER, Role.DELEGATE, entities.a)
    await make_person("colleague@austria.example", Role.DELEGATE, entities.a)
    async with browser_at(app, "192.0.2.80") as typist, browser_at(app, "192.0.2.80") as colleague:
        assert await _fail(typist, OWNER, 5) == [400] * 5
        assert (await sign_in(colleague, "colleague@austria.example")).status_code == 303


async def test_a_place_trying_many_accounts_is_slowed_with_growing_waits(
    attacker: AsyncClient, owner: AsyncClient, entities: Entities, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sign_in_rules, "FREE_ACCOUNTS_PER_SOURCE", 3)
    await make_person(OWNER, Role.DELEGATE, entities.a)
    for n in range(4):
        assert (await sign_in(attacker, f"guess{n}@austria.example", WRONG)).status_code == 400
    sprayed = await sign_in(attacker, "guess9@austria.example", WRONG)
    assert sprayed.status_code == 429 and sprayed.headers["retry-after"] == "1"
    assert (await sign_in(owner, OWNER)).status_code == 303  # other places are not slowed
    await _age_failures(timedelta(seconds=2))
    assert (await sign_in(attacker, "guess4@austria.example", WRONG)).status_code == 400
    again = await sign_in(attacker, "guess5@austria.example", WRONG)
    assert again.status_code == 429 and again.headers["retry-after"] == "2"
    assert sign_in_rules.LONGEST_SOURCE_DELAY == timedelta(minutes=1)
