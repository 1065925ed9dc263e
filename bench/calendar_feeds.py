"""Calendar feeds against a real server: the full feed, the 304, and a no-work baseline.

    .venv/bin/python bench/calendar_feeds.py [--engine sqlite|postgres] [--seconds 12] [--rounds 4]
                                      [--concurrency 8] [--gzip]

Creates a scratch database (a SQLite file, or a PostgreSQL database on
``TEST_POSTGRES_URL``), migrates it with ``convene migrate``, loads a
realistic year of meetings (200 published sessions, a delegate approved for
10 of them with 6 to 12 sittings each, 30 other delegates per session),
starts ``convene serve`` (one worker) on a free port and measures, with httpx
keeping a bounded number of requests in flight for a bounded time:

- the baseline: the same number of bytes with no work. ``convene serve``
  builds the app from the code as shipped, so the bench cannot add a route to
  it; it serves the feed's exact bytes as a static file from frontend/static
  through the existing /static router (removed again at the end), which
  skips authentication and does no database work;
- the personal feed, answered in full (200);
- the personal feed answered 304 (If-None-Match);
- the public feed of all sessions, in full and as a 304.

The lines take turns (``--rounds``), so that a change in the machine's load
during the run falls on all of them alike.

It prints requests per second, p50 and p99 latency, the server process's CPU
time per request (steadier than requests per second on a shared machine), and
the ratios to the baseline (goals: the full feed at 0.5 or better, the 304 at
0.9 or better), then the time to build each feed from the database with no
cache, in process.
Responses travel uncompressed unless --gzip is given: compression would add
the same cost to every line and hide the difference being measured.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
from harness import ROOT, Goals, Server, scratch_database, serve

BASELINE = "baseline (static file, same bytes)"
DELEGATE = "anna.huber@austria.example"
FEED_TOKEN = "bench-" + secrets.token_urlsafe(24)
BODIES = [
    (
        "COSP",
        "Conference of the States Parties to the United Nations Convention against Corruption",
        "CAC/COSP",
    ),
    ("IRG", "Implementation Review Group", "CAC/COSP/IRG"),
    ("WGP", "Working Group on the Prevention of Corruption", "CAC/COSP/WG.4"),
    ("WGAR", "Working Group on Asset Recovery", "CAC/COSP/WG.2"),
    ("EXPERT", "Expert Meeting to Enhance International Cooperation", "CAC/COSP/EG.1"),
]
VENUES = [
    ("Vienna International Centre", "Vienna", "Europe/Vienna"),
    ("United Nations Headquarters", "New York", "America/New_York"),
]
ITEMS = [
    "Organizational matters",
    "Review of implementation",
    "Technical assistance",
    "Financial and budgetary matters",
    "Provisional agenda for the next session",
    "Other matters",
    "Adoption of the report",
]


# -- data -----------------------------------------------------------------------------


async def load(
    database_url: str, sessions: int, own_sessions: int, others_per_session: int
) -> None:
    """Everything the feeds read, inserted directly, in one transaction."""
    from convene.db import bind_engine, create_engine, current_engine
    from convene.registry import all_tables, app_registry

    bind_engine(create_engine(database_url), all_tables(app_registry()))
    rng = random.Random(6)
    async with current_engine().transaction():
        bodies = await _bodies()
        entity = await _entity()
        await _delegate_with_feed()
        for n in range(sessions):
            await _session(
                n,
                bodies[n % len(bodies)],
                entity,
                rng,
                own=n % (sessions // own_sessions) == 0,
                others=others_per_session,
            )


async def _bodies() -> list[int]:
    from convene.meetings.tables import Body

    ids = []
    for code, name, prefix in BODIES:
        body = Body(
            code=code,
            name=name,
            short_name=code,
            symbol_prefix=prefix,
            admitted_categories="state_party",
        )
        await body.save()
        ids.append(body.id)
    return ids


async def _entity() -> int:
    from convene.entities.tables import Entity

    found = await Entity.select(Entity.id).where(Entity.iso_code == "AUT").first()
    if found:
        return found["id"]
    entity = Entity(
        short_name="Austria", name="Republic of Austria", category="state_party", iso_code="AUT"
    )
    await entity.save()
    return entity.id


async def _delegate_with_feed() -> None:
    from convene.accounts.tables import Account
    from convene.accounts.tokens import token_hash
    from convene.calendar.tables import CalendarFeed

    account = Account(email=DELEGATE, full_name="Anna Huber", role="delegate")
    await account.save()
    await CalendarFeed(account=account.id, token_hash=token_hash(FEED_TOKEN), nonce="bench").save()


async def _session(
    n: int, body: int, entity: int, rng: random.Random, *, own: bool, others: int
) -> None:
    from convene.delegations.tables import Delegation
    from convene.meetings.tables import Session, SessionPart

    venue, city, zone = VENUES[n % 2]
    start = date(2019, 1, 7) + timedelta(weeks=2 * n)
    session = Session(
        start_date=start,
        end_date=start + timedelta(days=4),
        timezone=zone,
        venue_name=venue,
        city=city,
        format="hybrid",
        status="scheduled",
        symbol_prefix=f"CAC/BENCH/{n}",
        admitted_categories="state_party",
        platform_name="Interprefy",
        join_link=f"https://join.example/session-{n}",
    )
    await session.save()
    await SessionPart(session=session.id, body=body, kind="regular", number=n + 1).save()
    delegation = Delegation(session=session.id, entity=entity)
    await delegation.save()
    items = await _agenda(session.id)
    sittings = rng.randint(6, 12) if own else 4
    await _sittings(session.id, start, zone, sittings, items, rng)
    await _registrations(session.id, delegation.id, others, own, rng)


async def _agenda(session_id: int) -> list[int]:
    from convene.agenda.tables import AgendaItem

    ids = []
    for position, title in enumerate(ITEMS, 1):
        item = AgendaItem(session=session_id, position=position, title=title)
        await item.save()
        ids.append(item.id)
    return ids


async def _sittings(
    session_id: int, start: date, zone: str, count: int, items: list[int], rng: random.Random
) -> None:
    from convene.sittings.tables import Sitting, SittingItem

    for k in range(count):
        day = start + timedelta(days=k // 2)
        hour = 10 if k % 2 == 0 else 15
        begins = datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo(zone)).astimezone(UTC)
        sitting = Sitting(
            session=session_id,
            title=_meeting(k + 1),
            starts_at=begins,
            ends_at=begins + timedelta(hours=3),
            room="Board Room D",
            sequence=rng.randint(0, 2),
        )
        await sitting.save()
        chosen = rng.sample(items, 2)
        await SittingItem.insert(
            *(
                SittingItem(sitting=sitting.id, agenda_item=i, position=p)
                for p, i in enumerate(chosen, 1)
            )
        )


def _meeting(number: int) -> str:
    suffix = (
        "th" if 11 <= number % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix} meeting"


async def _registrations(
    session_id: int, delegation_id: int, others: int, own: bool, rng: random.Random
) -> None:
    from convene.delegations.tables import Registration

    people = [(f"delegate{k}.s{session_id}@example.org", "approved") for k in range(others)]
    if own:
        people.append((DELEGATE, "approved"))
    await Registration.insert(
        *(
            Registration(
                delegation=delegation_id,
                session=session_id,
                given_name="Given",
                family_name="Family",
                email=email,
                mode=rng.choice(["in_person", "online_speaking", "online_listening"]),
                status=status,
                badge_code=secrets.token_hex(5).upper(),
            )
            for email, status in people
        )
    )


# -- load -------------------------------------------------------------------------------


@dataclass
class Measure:
    name: str
    requests: int
    seconds: float
    latencies: list[float]
    status: int
    server_cpu: float = 0.0
    """CPU seconds the server process spent while this line ran (steadier than req/s on a busy machine)."""

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    @property
    def cpu_per_request(self) -> float:
        return self.server_cpu / self.requests * 1000

    def pct(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] * 1000


async def hammer(
    client: httpx.AsyncClient,
    line: Measure,
    path: str,
    headers: dict[str, str],
    seconds: float,
    concurrency: int,
    server: Server,
    warmup: float = 0.5,
) -> None:
    """``concurrency`` loops request ``path`` for ``seconds`` after a warm-up, adding to ``line``.

    Every answer must have the line's status: a 200 where a 304 was expected
    (or the reverse) would measure the wrong thing.
    """

    async def loop(until: float, record: bool) -> int:
        done = 0
        while time.perf_counter() < until:
            started = time.perf_counter()
            response = await client.get(path, headers=headers)
            if response.status_code != line.status:
                raise RuntimeError(
                    f"{line.name}: got {response.status_code}, expected {line.status}"
                )
            if record:
                line.latencies.append(time.perf_counter() - started)
            done += 1
        return done

    await asyncio.gather(*(loop(time.perf_counter() + warmup, False) for _ in range(concurrency)))
    cpu_before = server.cpu_seconds()
    started = time.perf_counter()
    counts = await asyncio.gather(*(loop(started + seconds, True) for _ in range(concurrency)))
    line.requests += sum(counts)
    line.seconds += time.perf_counter() - started
    line.server_cpu += server.cpu_seconds() - cpu_before


async def run_load(server: Server, args: argparse.Namespace, baseline_path: str) -> list[Measure]:
    """Each line in turn, round after round, so that a change in the machine's load
    (other programs, the CPU's clock) falls on every line alike."""
    encoding = {} if args.gzip else {"Accept-Encoding": "identity"}
    limits = httpx.Limits(
        max_connections=args.concurrency, max_keepalive_connections=args.concurrency
    )
    personal = f"/calendar/personal/{FEED_TOKEN}/sittings.ics"
    async with httpx.AsyncClient(
        base_url=server.base_url, limits=limits, timeout=60, headers=encoding
    ) as client:
        personal_etag = (await client.get(personal)).headers["etag"]
        public_etag = (await client.get("/calendar/sessions.ics")).headers["etag"]
        plan = [
            (BASELINE, baseline_path, {}, 200),
            ("personal feed, full", personal, {}, 200),
            ("personal feed, 304", personal, {"If-None-Match": personal_etag}, 304),
            ("public feed (200 sessions), full", "/calendar/sessions.ics", {}, 200),
            ("public feed, 304", "/calendar/sessions.ics", {"If-None-Match": public_etag}, 304),
        ]
        lines = {name: Measure(name, 0, 0.0, [], status) for name, _, _, status in plan}
        for _ in range(args.rounds):
            for name, path, headers, _ in plan:
                await hammer(
                    client,
                    lines[name],
                    path,
                    headers,
                    args.seconds / args.rounds,
                    args.concurrency,
                    server,
                )
        return list(lines.values())


async def cold_builds(database_url: str, base_url: str, repeat: int = 5) -> dict[str, float]:
    """Milliseconds to answer each feed with an empty cache: queries plus building, in this process."""
    from convene.calendar import feeds
    from convene.freshness.cache import BodyCache
    from convene.freshness.conditional import Conditions
    from convene.calendar.identity import CalendarIdentity
    from convene.db import bind_engine, create_engine
    from convene.registry import all_tables, app_registry
    from piccolo.engine.postgres import PostgresEngine

    engine = create_engine(database_url)
    bind_engine(engine, all_tables(app_registry()))
    if isinstance(engine, PostgresEngine):  # as the server has: a pool, not a connection per query
        await engine.start_connection_pool(min_size=1, max_size=2)
    identity = CalendarIdentity(
        base_url, "Convene Secretariat <secretariat@convene.localhost>", "Europe/Vienna"
    )
    cache = BodyCache()
    timings = {}
    try:
        for name, answer in (
            ("personal feed", lambda: feeds.personal_feed(identity, cache, FEED_TOKEN, Conditions())),
            ("public feed", lambda: feeds.sessions_feed(identity, cache, Conditions(), "en")),
        ):
            spent = []
            for _ in range(repeat):
                cache.clear()
                started = time.perf_counter()
                await answer()
                spent.append(time.perf_counter() - started)
            timings[name] = statistics.median(spent) * 1000
    finally:
        if isinstance(engine, PostgresEngine):
            await engine.close_connection_pool()
    return timings


# -- the run ----------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seconds", type=float, default=12.0, help="measured time per line")
    parser.add_argument("--rounds", type=int, default=4, help="turns each line takes")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight")
    parser.add_argument("--gzip", action="store_true", help="let responses be gzip-compressed")
    args = parser.parse_args()

    baseline_file = ROOT / "frontend" / "static" / f"bench-baseline-{os.getpid()}.ics"
    personal = f"/calendar/personal/{FEED_TOKEN}/sittings.ics"
    try:
        with scratch_database(args.engine) as (database_url, var_dir):
            asyncio.run(load(database_url, sessions=200, own_sessions=10, others_per_session=30))
            # Static files are read when the server starts: it starts again once the baseline is there.
            with serve(database_url, var_dir) as server:
                feed = httpx.get(server.base_url + personal, headers={"Accept-Encoding": "identity"})
            baseline_file.write_bytes(feed.content)
            with serve(database_url, var_dir) as server:
                measures = asyncio.run(run_load(server, args, f"/static/{baseline_file.name}"))
                builds = asyncio.run(cold_builds(database_url, server.base_url))
    finally:
        baseline_file.unlink(missing_ok=True)
    return _report(args, feed.content, measures, builds).verdict()


def _report(
    args: argparse.Namespace, feed: bytes, measures: list[Measure], builds: dict[str, float]
) -> Goals:
    events = feed.count(b"BEGIN:VEVENT")
    print(
        f"engine {args.engine}; one worker; {args.concurrency} requests in flight; {args.seconds:.0f} s per line in {args.rounds} rounds; "
        f"{'gzip' if args.gzip else 'no compression'}"
    )
    print(
        f"personal feed: {events} sittings, {len(feed)} bytes; load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{'':34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'server CPU ms/req':>18}")
    for m in measures:
        print(
            f"{m.name:34} {m.rps:8.0f} {m.pct(0.50):8.1f} {m.pct(0.99):8.1f}"
            f" {m.cpu_per_request:18.2f}"
        )
    by_name = {m.name: m for m in measures}
    baseline = by_name[BASELINE].rps
    full, not_modified = by_name["personal feed, full"].rps, by_name["personal feed, 304"].rps
    print(
        f"ratio public full / baseline {by_name['public feed (200 sessions), full'].rps / baseline:.2f}; "
        f"public 304 / baseline {by_name['public feed, 304'].rps / baseline:.2f}"
    )
    cpu = {m.name: m.cpu_per_request for m in measures}
    print(
        "server CPU per request / baseline's: "
        f"full feed {cpu['personal feed, full'] / cpu[BASELINE]:.2f}, "
        f"304 {cpu['personal feed, 304'] / cpu[BASELINE]:.2f} (the database's own CPU not counted)"
    )
    for name, milliseconds in builds.items():
        print(f"cold build (no cache), {name}: {milliseconds:.0f} ms")
    goals = Goals()
    goals.check(f"personal feed in full: {full / baseline:.2f} of the baseline's rate (goal 0.5 or better)",
                full / baseline >= 0.5)
    goals.check(f"personal feed's 304: {not_modified / baseline:.2f} of the baseline's rate (goal 0.9 or better)",
                not_modified / baseline >= 0.9)
    return goals


if __name__ == "__main__":
    sys.exit(main())
