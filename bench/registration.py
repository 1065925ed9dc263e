"""Registration race at scale against a real server, on PostgreSQL or SQLite.

    .venv/bin/python bench/registration.py [--engine postgres|sqlite] [--requests 500]
        [--delegations 100] [--concurrency 50] [--workers 2]

Creates a scratch database, starts ``convene serve`` (two workers asked for; on
SQLite it serves with one and says so), fires the requests at the delegations'
last places and the room's last seats, and prints requests per second, p50 and
p99 latency, then its goals: no limit violated, no request lost, no server
error, and on SQLite a p99 under 1 s (the embedded default must stay usable); it
exits 1 when one is missed. The database is dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import statistics
import sys
import time
from collections import Counter
from datetime import date

import asyncpg
import httpx
from harness import Goals, scratch_database, serve


async def seed(
    database_url: str, delegations: int, room_capacity: int
) -> tuple[str, int, list[int]]:
    """Bodies, one hybrid session, ``delegations`` States' delegations and a secretariat token."""
    from convene.accounts.roles import Role
    from convene.accounts.services import issue_api_token
    from convene.accounts.tables import Account
    from convene.db import bind_engine, create_engine
    from convene.delegations.tables import Delegation
    from convene.entities.tables import Entity
    from convene.meetings.tables import Body, Session, SessionPart
    from convene.registry import all_tables, app_registry

    bind_engine(create_engine(database_url), all_tables(app_registry()))
    admin = Account(email="bench@unodc.test", full_name="Bench", role=Role.SECRETARIAT.value)
    await admin.save()
    token = await issue_api_token(admin, "bench")
    body = Body(
        code="IRG",
        name="Implementation Review Group",
        short_name="IRG",
        symbol_prefix="CAC/COSP/IRG",
        admitted_categories="state_party,signatory,observer_state",
    )
    await body.save()
    session = Session(
        start_date=date(2099, 6, 1),
        end_date=date(2099, 6, 5),
        timezone="Europe/Vienna",
        format="hybrid",
        status="scheduled",
        symbol_prefix="CAC/COSP/IRG/2099",
        in_person_quota=2,
        online_speaking_quota=2,
        room_capacity=room_capacity,
        admitted_categories="state_party,signatory,observer_state",
    )
    await session.save()
    await SessionPart.insert(
        SessionPart(session=session.id, body=body.id, kind="regular", number=99)
    )
    states = (
        await Entity.select(Entity.id).where(Entity.category == "state_party").limit(delegations)
    )
    rows = [Delegation(session=session.id, entity=state["id"]) for state in states]
    await Delegation.insert(*rows)
    ids = [row["id"] for row in await Delegation.select(Delegation.id).order_by(Delegation.id)]
    return token, session.id, ids


async def race(
    base_url: str, token: str, delegation_ids: list[int], requests: int, concurrency: int
) -> tuple[list[float], Counter, float]:
    gate = asyncio.Semaphore(concurrency)
    latencies: list[float] = []
    outcomes: Counter = Counter()

    async def one(client: httpx.AsyncClient, n: int) -> None:
        delegation = delegation_ids[n % len(delegation_ids)]
        person = {
            "given_name": f"G{n}",
            "family_name": f"F{n}",
            "email": f"p{n}@bench.test",
            "mode": "in_person",
        }
        async with gate:
            started = time.perf_counter()
            response = await client.post(
                f"/api/delegations/{delegation}/registrations", json=person
            )
            latencies.append(time.perf_counter() - started)
        outcomes[
            response.json().get("status") if response.status_code == 201 else response.status_code
        ] += 1

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(
        base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=120, limits=limits
    ) as client:
        started = time.perf_counter()
        await asyncio.gather(*(one(client, n) for n in range(requests)))
        elapsed = time.perf_counter() - started
    return latencies, outcomes, elapsed


OVER_QUOTA = (
    "SELECT count(*) FROM (SELECT delegation FROM registration WHERE mode='in_person' "
    "AND status IN ('submitted','approved') GROUP BY delegation HAVING count(*) > {quota}) AS over"
)
HELD = "SELECT count(*) FROM registration WHERE mode='in_person' AND status IN ('submitted','approved')"
TOTAL = "SELECT count(*) FROM registration"
SQLITE_PREFIX = "sqlite:///"


async def violations(database_url: str, quota: int, room_capacity: int) -> tuple[int, int]:
    """Places given beyond a quota or the room, and how many registrations were recorded."""
    queries = [OVER_QUOTA.format(quota=int(quota)), HELD, TOTAL]
    if database_url.startswith(SQLITE_PREFIX):
        with sqlite3.connect(database_url.removeprefix(SQLITE_PREFIX)) as connection:
            over_quota, held, total = (connection.execute(q).fetchone()[0] for q in queries)
    else:
        connection = await asyncpg.connect(database_url)
        try:
            over_quota, held, total = [await connection.fetchval(q) for q in queries]
        finally:
            await connection.close()
    return over_quota + max(held - room_capacity, 0), total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--delegations", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    room_capacity = (
        args.delegations * 2 - args.delegations // 4
    )  # the room runs out before the quotas do

    with scratch_database(args.engine) as (database_url, var_dir):
        token, _, delegation_ids = asyncio.run(seed(database_url, args.delegations, room_capacity))
        with serve(database_url, var_dir, workers=args.workers) as server:
            cpu_before = server.cpu_seconds()
            latencies, outcomes, elapsed = asyncio.run(
                race(server.base_url, token, delegation_ids, args.requests, args.concurrency)
            )
            cpu = server.cpu_seconds() - cpu_before
        broken, recorded = asyncio.run(violations(database_url, 2, room_capacity))
    latencies.sort()
    workers = "1 worker (SQLite)" if args.engine == "sqlite" else f"{args.workers} workers"
    refused = sum(count for outcome, count in outcomes.items() if isinstance(outcome, int))
    lost = args.requests - recorded - refused
    print(
        f"requests            {args.requests} to {args.delegations} delegations "
        f"(quota 2 each, room {room_capacity}), {args.concurrency} in flight, {workers}"
    )
    print(f"requests per second {args.requests / elapsed:.0f}")
    print(f"server CPU/request  {cpu / args.requests * 1000:.1f} ms (load average {os.getloadavg()[0]:.1f})")
    print(f"latency p50         {statistics.median(latencies) * 1000:.1f} ms")
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    print(f"engine              {args.engine}")
    print(f"latency p99         {p99 * 1000:.1f} ms")
    print(f"latency max         {latencies[-1] * 1000:.1f} ms")
    print(f"outcomes            {dict(outcomes)}")
    goals = Goals()
    goals.check(f"limit violations: {broken} (goal 0)", broken == 0)
    goals.check(f"registrations lost (neither recorded nor refused): {lost} (goal 0)", lost == 0)
    server_errors = sum(count for outcome, count in outcomes.items() if isinstance(outcome, int) and outcome >= 500)
    goals.check(f"server errors: {server_errors} (goal 0)", server_errors == 0)
    if args.engine == "sqlite":
        goals.check(f"p99 latency on SQLite: {p99 * 1000:.0f} ms (goal under 1000 ms)", p99 < 1.0)
    return goals.verdict()


if __name__ == "__main__":
    sys.exit(main())
