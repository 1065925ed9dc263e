"""The list of speakers, live: 1,000 viewers on a two-worker server over Redis while the chair
advances the list 50 times.

    .venv/bin/python bench/live.py [--viewers 1000] [--advances 50] [--reconnecting 100]

Creates a scratch PostgreSQL database, seeds a hybrid sitting with a list of speakers of 60
delegations (each with someone in the room), starts ``convene serve --workers 2`` with
``REDIS_URL``, and opens the viewers' streams (the public display's and delegates' pages',
``/api/speaker-lists/{id}/events``) from two client processes. The chair then calls the next
speaker 50 times, a little apart, as a chair would (quicker, in fact). Partway through,
``--reconnecting`` viewers drop their stream and come back with ``Last-Event-ID``.

Prints the delivery latency from commit (the moment the stream's comment gives) to each viewer, p50 and p99; the
missed messages (every viewer must see every version from its first to the last, exactly once,
reconnecting or not); and each worker's peak memory. Goals: p99 under 300 ms, 0 missed, under
300 MB per worker. Exits 1 when a goal is missed. The database is dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import statistics
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import Goals, _tree, scratch_database, serve  # noqa: E402

GOAL_P99_MS = 300.0
GOAL_MB = 300.0
DELEGATIONS = 60


async def seed(database_url: str) -> tuple[str, int, int]:
    """A sitting under way with its list of speakers; the chair's token, the list, its version."""
    from convene.accounts.roles import Role
    from convene.accounts.services import issue_api_token
    from convene.accounts.tables import Account
    from convene.agenda.tables import AgendaItem
    from convene.db import bind_engine, create_engine
    from convene.delegations.tables import Delegation, Registration
    from convene.entities.services import sync_registry
    from convene.entities.tables import Entity
    from convene.events.bus import EventBus, bind_bus
    from convene.meetings.tables import Body, Session, SessionPart
    from convene.presence.tables import InRoom
    from convene.registry import all_tables, app_registry
    from convene.sittings.tables import Sitting
    from convene.speakers import services
    from convene.speakers.schemas import InscribeIn
    from convene.speakers.state import list_state

    bind_engine(create_engine(database_url), all_tables(app_registry()))
    bind_bus(EventBus())
    await sync_registry()
    chair = Account(email="chair@unodc.test", full_name="Chair", role=Role.SECRETARIAT.value)
    await chair.save()
    token = await issue_api_token(chair, "console")
    body = Body(code="IRG", name="Implementation Review Group", short_name="IRG",
                symbol_prefix="CAC/COSP/IRG", admitted_categories="state_party")
    await body.save()
    now = datetime.now(UTC)
    session = Session(start_date=now.date() - timedelta(days=1), end_date=now.date() + timedelta(days=1),
                      timezone="Europe/Vienna", format="hybrid", status="scheduled",
                      symbol_prefix="CAC/COSP/IRG/2099", admitted_categories="state_party")
    await session.save()
    await SessionPart.insert(SessionPart(session=session.id, body=body.id, kind="regular", number=99))
    sitting = Sitting(session=session.id, title="1st meeting", starts_at=now - timedelta(minutes=30),
                      ends_at=now + timedelta(hours=3), room="Plenary Hall")
    await sitting.save()
    item = AgendaItem(session=session.id, position=1, title="General discussion")
    await item.save()
    opened = await services.open_list(None, sitting.id, item.id)
    states = await Entity.select(Entity.id).where(Entity.category == "state_party").limit(DELEGATIONS)
    for state in states:
        delegation = Delegation(session=session.id, entity=state["id"])
        await delegation.save()
        person = Registration(delegation=delegation.id, session=session.id, given_name="G",
                              family_name=f"F{state['id']}", email=f"p{state['id']}@bench.test",
                              mode="in_person", status="approved", badge_code=f"L{state['id']:05d}")
        await person.save()
        await InRoom.insert(InRoom(sitting=sitting.id, registration=person.id,
                                   delegation=delegation.id, since=now))
        await services.inscribe(None, opened.list_id, InscribeIn(delegation_id=delegation.id))
    return token, opened.list_id, (await list_state(opened.list_id)).version


async def watch(base_url: str, path: str, last_id: int | None, until: float, final: Any,
                drop_at: float | None, seen: list[tuple[int, float, float]]) -> None:
    """One viewer's stream, read raw, until it has the chair's last version (``final``, once
    the chair is done) or ``until``; with ``drop_at`` it hangs up then and comes back.

    Each message is kept as (version, received, committed); committed is 0 for a version sent
    from the database (on connecting, or caught up after a break), which is not timed."""
    host = urlsplit(base_url)
    while True:
        reader, writer = await asyncio.open_connection(host.hostname, host.port)
        headers = f"GET {path} HTTP/1.1\r\nHost: {host.netloc}\r\nAccept: text/event-stream\r\n"
        if last_id is not None:
            headers += f"Last-Event-ID: {last_id}\r\n"
        writer.write((headers + "\r\n").encode())
        await writer.drain()
        version, committed = None, 0.0
        stop = min(until, drop_at or until)
        try:
            async with asyncio.timeout(stop - time.time()):
                async for line in reader:
                    if line.startswith(b": committed "):
                        committed = float(line[12:])
                    elif line.startswith(b"id: "):
                        version = int(line[4:])
                    elif line.startswith(b"data: ") and version is not None:
                        seen.append((version, time.time(), committed))
                        last_id, version, committed = version, None, 0.0
                        if final.value and last_id >= final.value:
                            return
        except TimeoutError:
            pass
        finally:
            writer.close()
        if drop_at is None or time.time() >= until:
            return
        drop_at = None
        await asyncio.sleep(0.5)  # away for a moment: versions go by


def viewer_process(base_url: str, path: str, count: int, reconnecting: int, until: float,
                   final: Any, drop_at: float, results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    async def main() -> list[list[tuple[int, float, float]]]:
        seen: list[list[tuple[int, float, float]]] = [[] for _ in range(count)]
        tasks = []
        for n in range(count):
            tasks.append(asyncio.create_task(watch(
                base_url, path, None, until, final, drop_at if n < reconnecting else None, seen[n])))
            if n % 50 == 49:
                await asyncio.sleep(0.05)
        await asyncio.gather(*tasks)
        return seen

    results.put(asyncio.run(main()))


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", type=int, default=1000)
    parser.add_argument("--advances", type=int, default=50)
    parser.add_argument("--reconnecting", type=int, default=100)
    args = parser.parse_args()
    os.environ.setdefault("REDIS_URL", os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0"))
    print(f"load before the run: {os.getloadavg()[0]:.1f} (2 cores, shared)", flush=True)
    goals = Goals()
    with scratch_database("postgres") as (url, var_dir):
        token, list_id, version = asyncio.run(seed(url))
        with serve(url, var_dir, workers=2) as server:
            workers = [pid for pid in _tree(server.process.pid) if pid != server.process.pid]
            peak = {pid: 0.0 for pid in workers}
            sampling = True

            def sample() -> None:
                while sampling:
                    for pid in workers:
                        peak[pid] = max(peak[pid], rss_mb(pid))
                    time.sleep(0.2)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            connect_seconds = 12.0 + args.viewers / 200
            run_seconds = args.advances * 0.35
            until = time.time() + connect_seconds + run_seconds * 4 + 60
            drop_at = time.time() + connect_seconds + run_seconds / 3
            final = multiprocessing.Value("i", 0)
            path = f"/api/speaker-lists/{list_id}/events"
            results: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
            halves = [args.viewers // 2, args.viewers - args.viewers // 2]
            clients = [
                multiprocessing.Process(target=viewer_process, args=(
                    server.base_url, path, half, args.reconnecting // 2, until, final, drop_at,
                    results))
                for half in halves
            ]
            for client in clients:
                client.start()
            time.sleep(connect_seconds)
            cpu_before, started = server.cpu_seconds(), time.time()
            chair = httpx.Client(base_url=server.base_url, timeout=30,
                                 headers={"Authorization": f"Bearer {token}"})
            for _ in range(args.advances):
                answer = chair.post(f"/api/speaker-lists/{list_id}/call", json={"version": version})
                answer.raise_for_status()
                version = answer.json()["state"]["version"]
                time.sleep(0.3)
            final.value = version
            time.sleep(2)  # the last deliveries
            cpu = server.cpu_seconds() - cpu_before
            advancing = time.time() - started
            seen = [viewer for _ in clients for viewer in results.get(timeout=until - time.time() + 30)]
            for client in clients:
                client.join(timeout=30)
            sampling = False
    latencies = []
    missed = duplicates = 0
    for viewer in seen:
        versions = [v for v, _, _ in viewer]
        if not versions:
            missed += args.advances
            continue
        expected = set(range(versions[0], final.value + 1))
        missed += len(expected - set(versions))
        duplicates += len(versions) - len(set(versions))
        latencies += [(received - committed) * 1000 for _, received, committed in viewer if committed]
    latencies.sort()
    p50 = statistics.median(latencies) if latencies else float("inf")
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else float("inf")
    print(f"{len(seen)} viewers, {args.advances} advances, {args.reconnecting} reconnecting "
          f"with Last-Event-ID; {len(latencies)} deliveries")
    print(f"latency from commit: p50 {p50:.0f} ms, p99 {p99:.0f} ms")
    print(f"missed {missed}, delivered twice {duplicates}")
    print(f"the server's CPU while the chair advanced: {cpu:.1f} s in {advancing:.0f} s "
          f"({cpu / max(len(latencies), 1) * 1e6:.0f} µs a delivery); load now {os.getloadavg()[0]:.1f}")
    for pid, mb in peak.items():
        print(f"worker {pid}: peak memory {mb:.0f} MB")
    goals.check(f"p99 delivery latency under {GOAL_P99_MS:.0f} ms (was {p99:.0f})", p99 < GOAL_P99_MS)
    goals.check(f"no message missed or delivered twice (missed {missed}, twice {duplicates})",
                missed == 0 and duplicates == 0 and len(seen) == args.viewers)
    worst = max(peak.values(), default=0.0)
    goals.check(f"each worker under {GOAL_MB:.0f} MB (largest {worst:.0f})", 0 < worst < GOAL_MB)
    return goals.verdict()


if __name__ == "__main__":
    sys.exit(main())
