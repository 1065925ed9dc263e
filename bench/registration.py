"""Registration race at scale against a real server on PostgreSQL.

    .venv/bin/python bench/registration.py [--requests 500] [--delegations 100] [--concurrency 50]

Creates a scratch database, starts ``convene serve`` (two workers), fires the
requests at the delegations' last places and the room's last seats, and prints
requests per second, p50 and p99 latency, and the count of limit violations
(which must be 0). The database is dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from collections import Counter
from pathlib import Path

import asyncpg
import httpx

ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


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


async def violations(database_url: str, quota: int, room_capacity: int) -> tuple[int, int]:
    connection = await asyncpg.connect(database_url)
    try:
        over_quota = await connection.fetchval(
            "SELECT count(*) FROM (SELECT delegation FROM registration WHERE mode='in_person' "
            "AND status IN ('submitted','approved') GROUP BY delegation HAVING count(*) > $1) AS over",
            quota,
        )
        held = await connection.fetchval(
            "SELECT count(*) FROM registration WHERE mode='in_person' AND status IN ('submitted','approved')"
        )
        total = await connection.fetchval("SELECT count(*) FROM registration")
    finally:
        await connection.close()
    return over_quota + max(held - room_capacity, 0), total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--delegations", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    room_capacity = (
        args.delegations * 2 - args.delegations // 4
    )  # the room runs out before the quotas do

    name = f"convene_bench_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    database_url = ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    var_dir = Path(tempfile.mkdtemp(prefix="convene-bench-"))
    env = os.environ | {
        "DATABASE_URL": database_url,
        "CONVENE_VAR_DIR": str(var_dir),
        "MAIL_POLL_SECONDS": "0",
    }
    server = None
    try:
        subprocess.run(
            [sys.executable, "-m", "convene.cli", "migrate"],
            env=env,
            check=True,
            capture_output=True,
        )
        token, _, delegation_ids = asyncio.run(seed(database_url, args.delegations, room_capacity))
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "convene.cli",
                "serve",
                "--port",
                str(port),
                "--workers",
                str(args.workers),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base_url = f"http://127.0.0.1:{port}"
        _wait_healthy(base_url)
        latencies, outcomes, elapsed = asyncio.run(
            race(base_url, token, delegation_ids, args.requests, args.concurrency)
        )
        broken, recorded = asyncio.run(violations(database_url, 2, room_capacity))
        latencies.sort()
        print(
            f"requests            {args.requests} to {args.delegations} delegations "
            f"(quota 2 each, room {room_capacity}), {args.concurrency} in flight, {args.workers} workers"
        )
        print(f"requests per second {args.requests / elapsed:.0f}")
        print(f"latency p50         {statistics.median(latencies) * 1000:.1f} ms")
        print(f"latency p99         {latencies[int(len(latencies) * 0.99) - 1] * 1000:.1f} ms")
        print(f"outcomes            {dict(outcomes)}")
        print(
            f"recorded            {recorded} registrations (lost: {args.requests - recorded - sum(v for k, v in outcomes.items() if isinstance(k, int))})"
        )
        print(f"limit violations    {broken}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _admin(sql: str) -> None:
    connection = await asyncpg.connect(ADMIN_URL)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_healthy(base_url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base_url}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not become healthy")


if __name__ == "__main__":
    main()
