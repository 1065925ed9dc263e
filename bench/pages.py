"""Public pages at the speed of static files: the home page and a session's page against the stylesheet.

    .venv/bin/python bench/pages.py [--engine postgres|sqlite] [--workers 2] [--seconds 24]
                                    [--rounds 4] [--connections 16]

Creates a scratch database, loads a year of meetings (200 published sessions
with agendas, sittings and delegates; the measured session's list of
participants published), starts ``convene serve`` and loads it with wrk
(Debian's package, installed on first use), line after line, round after
round, so that a change in the machine's load falls on every line alike:

- the static stylesheet, by the fingerprinted name the pages link (the floor);
- the home page (``/``) and a session's page, each in full (200) and as a 304
  (``If-None-Match`` with the ETag a browser holds), as a visitor who is not
  signed in sees them.

Goals (issue 12): each page's 200 at least 0.5 of the stylesheet's
requests per second, and its 304 at least 0.9. It also prints the servers'
CPU per request, which is steadier than requests per second on a shared
machine. Responses travel uncompressed (wrk asks for no encoding).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sqlite3
import sys
from dataclasses import dataclass

import asyncpg
import httpx
from calendar_feeds import load
from harness import Goals, Server, scratch_database, serve, wrk

GOALS = {"200": 0.5, "304": 0.9}


@dataclass
class Line:
    name: str
    path: str
    headers: dict[str, str]
    status: int
    requests: float = 0.0
    seconds: float = 0.0
    cpu: float = 0.0

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    @property
    def cpu_ms(self) -> float:
        return 1000 * self.cpu / self.requests


def plan(server: Server, session_id: int) -> list[Line]:
    """The lines, each checked once for the status it is meant to measure."""
    home = httpx.get(server.base_url + "/")
    stylesheet = re.search(r'href="(/static/convene\.[0-9a-f]+\.css)"', home.text)
    assert stylesheet, "the home page links no fingerprinted stylesheet"
    session_path = f"/sessions/{session_id}"
    session_page = httpx.get(server.base_url + session_path)
    lines = [
        Line("static stylesheet (floor)", stylesheet.group(1), {}, 200),
        Line("home page, 200", "/", {}, 200),
        Line("home page, 304", "/", {"If-None-Match": home.headers["etag"]}, 304),
        Line("session page, 200", session_path, {}, 200),
        Line("session page, 304", session_path, {"If-None-Match": session_page.headers["etag"]}, 304),
    ]
    for line in lines:
        answer = httpx.get(server.base_url + line.path, headers=line.headers)
        assert answer.status_code == line.status, (line.name, answer.status_code)
    return lines


def measure(server: Server, lines: list[Line], args: argparse.Namespace) -> None:
    share = args.seconds / args.rounds
    for _ in range(args.rounds):
        for line in lines:
            before = server.cpu_seconds()
            rate = wrk(server.base_url + line.path, share, args.connections, line.headers)
            line.cpu += server.cpu_seconds() - before
            line.requests += rate * share
            line.seconds += share


async def publish_one(database_url: str) -> int:
    """The session with the most sittings, its list of participants published."""
    connection = await asyncpg.connect(database_url) if database_url.startswith("postgres") else None
    sql = ("SELECT session FROM sitting GROUP BY session ORDER BY count(*) DESC, session LIMIT 1")
    if connection is None:
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            session_id = int(db.execute(sql).fetchone()[0])
            db.execute("UPDATE session SET participants_published = 1 WHERE id = ?", (session_id,))
        return session_id
    try:
        session_id = int(await connection.fetchval(sql))
        await connection.execute("UPDATE session SET participants_published = true WHERE id = $1", session_id)
        return session_id
    finally:
        await connection.close()


def report(lines: list[Line], args: argparse.Namespace) -> Goals:
    print(f"engine {args.engine}; {args.workers} workers; wrk, 2 threads, {args.connections} connections; "
          f"{args.seconds:.0f} s per line in {args.rounds} rounds; load average {os.getloadavg()[0]:.1f}")
    print(f"{'':28} {'req/s':>8} {'ratio':>6} {'server CPU ms/req':>18}")
    floor = lines[0]
    for line in lines:
        print(f"{line.name:28} {line.rate:8.0f} {line.rate / floor.rate:6.2f} {line.cpu_ms:18.2f}")
    goals = Goals()
    for line in lines[1:]:
        kind = line.name.rsplit(" ", 1)[1]
        goals.check(f"{line.name}: {line.rate / floor.rate:.2f} of the stylesheet's rate "
                    f"(goal {GOALS[kind]:.1f} or better)", line.rate / floor.rate >= GOALS[kind])
    return goals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=24.0, help="measured time per line")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    with scratch_database(args.engine) as (database_url, var_dir):
        asyncio.run(load(database_url, sessions=200, own_sessions=10, others_per_session=30))
        session_id = asyncio.run(publish_one(database_url))
        with serve(database_url, var_dir, workers=args.workers) as server:
            lines = plan(server, session_id)
            measure(server, lines, args)
    return report(lines, args).verdict()


if __name__ == "__main__":
    sys.exit(main())
