"""The waiting list's promotion pass inside the session's registration lock, with 1,500 waiting.

    .venv/bin/python bench/waitlist.py [--engine sqlite|postgres|both] [--delegations 150]
                                       [--waiting 10] [--cancellations 20]

Creates a scratch database (``convene migrate``), and one hybrid session whose delegations
(States from the shipped registry) each hold their two in-person places and have
``--waiting`` more people on the waiting list (150 x 10 = 1,500 waiting). Then, in process,
with the app's own subscribers (audit log, outbox, calendar invitations), it cancels one
holding registration after another, each of another delegation: every cancellation runs the
promotion pass over the whole list and promotes that delegation's first waiting person.

Each cancellation is one call of the service (``registrations.cancel``): a read of the
registration, then the session's locked transaction (the change, its history and audit
entry, the pass, the promotion and its e-mail, the commit), then the connection's return to
the pool. Two times are taken: the locked transaction alone, from its BEGIN to its COMMIT
(what every other registration to the session waits for), and the whole call. It prints the
median, p90 and slowest of each, and exits 1 when the median time in the lock is 50 ms or
more, or when a cancellation did not promote exactly one person.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from harness import Goals, scratch_database

GOAL_MS = 50.0


async def seed(delegations: int, waiting: int) -> tuple[Any, list[int]]:
    """The secretariat's account, and one holding registration of each delegation, to cancel."""
    from convene.accounts.roles import Role
    from convene.accounts.tables import Account
    from convene.delegations.tables import Delegation, Registration
    from convene.entities.tables import Entity
    from convene.meetings.tables import Body, Session, SessionPart

    officer = Account(email="bench@unodc.test", full_name="Bench", role=Role.SECRETARIAT.value)
    await officer.save()
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
        room_capacity=delegations * 2,
        admitted_categories="state_party,signatory,observer_state",
    )
    await session.save()
    await SessionPart.insert(
        SessionPart(session=session.id, body=body.id, kind="regular", number=99)
    )
    states = await Entity.select(Entity.id).where(Entity.category == "state_party").limit(delegations)
    if len(states) < delegations:
        sys.exit(f"the registry has {len(states)} States parties; ask for --delegations {len(states)}")
    await Delegation.insert(*(Delegation(session=session.id, entity=s["id"]) for s in states))
    delegation_ids = [
        row["id"] for row in await Delegation.select(Delegation.id).order_by(Delegation.id)
    ]
    start = datetime.now(UTC) - timedelta(days=1)
    rows = []
    for d, delegation in enumerate(delegation_ids):
        for n in range(2 + waiting):
            number = d * (2 + waiting) + n
            rows.append(
                Registration(
                    delegation=delegation,
                    session=session.id,
                    given_name=f"Given{number}",
                    family_name=f"Family{number}",
                    email=f"person{number}@mission.test",
                    mode="in_person",
                    status="submitted" if n < 2 else "waitlisted",
                    badge_code=f"B{number:07d}",
                    waitlisted_at=None if n < 2 else start + timedelta(seconds=number),
                )
            )
    for batch in range(0, len(rows), 500):
        await Registration.insert(*rows[batch : batch + 500])
    holding = (
        await Registration.select(Registration.id, Registration.delegation)
        .where(Registration.status == "submitted")
        .order_by(Registration.id)
    )
    first = {}
    for row in holding:
        first.setdefault(row["delegation"], row["id"])
    return officer, list(first.values())


async def waiting_now() -> int:
    from convene.delegations.tables import Registration

    return await Registration.count().where(Registration.status == "waitlisted")


def time_the_lock(held: list[float]) -> None:
    """Record how long each locked transaction lasts, from its BEGIN to its COMMIT."""
    import convene.db

    opened = convene.db._database_transaction

    @asynccontextmanager
    async def timed(engine: Any, lock_names: Iterable[str]) -> AsyncIterator[None]:
        started = time.perf_counter()
        async with opened(engine, lock_names):
            yield
        held.append(time.perf_counter() - started)

    convene.db._database_transaction = timed  # type: ignore[assignment]


async def measure(
    database_url: str, var_dir: Path, delegations: int, waiting: int, cancellations: int
) -> tuple[list[float], list[float], int]:
    """Seconds in the lock and in all per cancellation; how many did not promote exactly one."""
    from convene.delegations import registrations
    from convene.runtime import Runtime
    from convene.settings import Settings

    runtime = Runtime.build(
        Settings(database_url=database_url, secret_key="bench", var_dir=var_dir)
    )
    runtime.bind()
    if database_url.startswith("postgres"):
        await runtime.engine.start_connection_pool(min_size=1, max_size=4)  # type: ignore[attr-defined]
    try:
        officer, to_cancel = await seed(delegations, waiting)
        print(f"  {await waiting_now()} waiting, {len(to_cancel) * 2} places held", flush=True)
        held: list[float] = []
        time_the_lock(held)
        times, locked, wrong = [], [], 0
        for registration_id in to_cancel[:cancellations]:
            before = await waiting_now()
            held.clear()
            started = time.perf_counter()
            await registrations.cancel(officer, registration_id)
            times.append(time.perf_counter() - started)
            locked.append(sum(held))
            wrong += (before - await waiting_now()) != 1
        return locked, times, wrong
    finally:
        if database_url.startswith("postgres"):
            await runtime.engine.close_connection_pool()  # type: ignore[attr-defined]


def report(what: str, seconds: list[float]) -> float:
    """Print the median, p90 and slowest in milliseconds; answer the median."""
    ms = sorted(t * 1000 for t in seconds)
    median = statistics.median(ms)
    p90 = ms[max(int(len(ms) * 0.9) - 1, 0)]
    print(f"  {what}  median {median:.1f} ms, p90 {p90:.1f} ms, slowest {ms[-1]:.1f} ms")
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--delegations", type=int, default=150)
    parser.add_argument("--waiting", type=int, default=10, help="people waiting per delegation")
    parser.add_argument("--cancellations", type=int, default=20)
    args = parser.parse_args()
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    goals = Goals()
    for engine in engines:
        print(f"{engine}: {args.delegations} delegations, {args.waiting} waiting each", flush=True)
        with scratch_database(engine) as (database_url, var_dir):
            locked, times, wrong = asyncio.run(
                measure(database_url, var_dir, args.delegations, args.waiting, args.cancellations)
            )
        median = report("in the lock", locked)
        report("whole call ", times)
        goals.check(
            f"{engine}: a cancellation with {args.delegations * args.waiting} waiting holds the "
            f"session's lock for {median:.1f} ms (median; goal under {GOAL_MS:.0f} ms)",
            median < GOAL_MS,
        )
        goals.check(
            f"{engine}: cancellations that did not promote exactly one: {wrong} (goal 0)",
            wrong == 0,
        )
    return goals.verdict()


if __name__ == "__main__":
    sys.exit(main())
