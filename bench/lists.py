"""Every list of a Conference at its real size answers fast and stays small (issue 18).

    .venv/bin/python bench/lists.py [--engine sqlite|postgres] [--repeat 7]

Builds a scratch database holding a Conference of 200 delegations and 1,500 registrations,
250 other sessions, 3,000 audit entries and 1,500 e-mails (tests/web/conference.py, inserted
in bulk), starts ``convene serve`` as shipped, signs in as the secretariat and asks for each list
page and list route of the API ``--repeat`` times, one request at a time.

Goals: each answers in under 300 ms (the median of its requests) and weighs under 200 KB
(uncompressed). Prints each line's median, slowest and size.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from dataclasses import dataclass

import httpx
from harness import ROOT, Goals, scratch_database, serve

sys.path.insert(0, str(ROOT))  # the world is the browser test's: tests/web/conference.py

from tests.web.conference import SECRETARIAT, Conference, build_conference  # noqa: E402

MOST_MS = 300.0
MOST_KB = 200.0


@dataclass
class Line:
    name: str
    path: str
    seconds: list[float]
    size: int = 0

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000


def lists(world: Conference) -> list[tuple[str, str]]:
    session = f"/secretariat/sessions/{world.session_id}"
    api = f"/api/sessions/{world.session_id}"
    return [
        ("sessions, newest first", "/secretariat"),
        ("sessions, searched", "/secretariat?q=COSP%2F2"),
        ("registration queue", f"{session}/registrations"),
        ("queue: one group awaiting", 
         f"{session}/registrations?regional_group=african&status=submitted"),
        ("queue: a misspelt name", f"{session}/registrations?q=Chidimma+Okonkow"),
        ("queue: last page, newest", f"{session}/registrations?sort=-registered&page=30"),
        ("overview of entities", f"{session}/entities"),
        ("overview: without delegation", f"{session}/entities?delegation=without"),
        ("check-in search", f"{session}/check-in?q=Smith"),
        ("audit log of the session", f"/secretariat/audit?session={world.session_id}"),
        ("audit log, page 40", "/secretariat/audit?page=40"),
        ("API registrations", f"{api}/registrations"),
        ("API registrations, 200", f"{api}/registrations?per_page=200&sort=name"),
        ("API delegations", f"{api}/delegations"),
        ("API audit", f"/api/audit?session_id={world.session_id}"),
        ("API sessions", "/api/sessions?per_page=200"),
        ("API outbox", "/api/outbox"),
        ("public session page", f"/sessions/{world.session_id}"),
        ("public page: participants p. 5", f"/sessions/{world.session_id}?page=5"),
    ]


def signed_in(base_url: str, token: str) -> httpx.Client:
    """The secretariat, with a personal token (the server runs as in production: its cookies
    are Secure, which a client of http://127.0.0.1 would not send back)."""
    return httpx.Client(
        base_url=base_url, timeout=30, headers={"Authorization": f"Bearer {token}"}
    )


def measure(client: httpx.Client, name: str, path: str, repeat: int) -> Line:
    line = Line(name, path, [])
    client.get(path)  # warm: the first request of a route builds its templates
    for _ in range(repeat):
        started = time.perf_counter()
        answer = client.get(path)
        line.seconds.append(time.perf_counter() - started)
        assert answer.status_code == 200, (path, answer.status_code, answer.text[:300])
        line.size = len(answer.content)
    return line


async def load(database_url: str) -> tuple[Conference, str]:
    """The Conference, and a personal token of its secretariat."""
    from convene.accounts.services import issue_api_token
    from convene.accounts.tables import Account
    from convene.db import bind_engine, create_engine
    from convene.registry import all_tables, app_registry

    bind_engine(create_engine(database_url), all_tables(app_registry()))
    world = await build_conference()
    secretariat = await Account.objects().get(Account.email == SECRETARIAT)
    return world, await issue_api_token(secretariat, "bench")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    goals = Goals()
    print("load average before the run (1, 5, 15 min): %.1f %.1f %.1f" % os.getloadavg())
    with scratch_database(args.engine) as (url, var_dir):
        started = time.perf_counter()
        world, token = asyncio.run(load(url))
        print(f"world built in {time.perf_counter() - started:.1f} s ({args.engine})")
        with serve(url, var_dir) as server, signed_in(server.base_url, token) as client:
            for name, path in lists(world):
                line = measure(client, name, path, args.repeat)
                print(
                    f"{name:32} median {line.median_ms:6.0f} ms  slowest "
                    f"{max(line.seconds) * 1000:6.0f} ms  {line.size / 1024:6.1f} KB  {path}"
                )
                kilobytes = line.size / 1024
                median = line.median_ms
                goals.check(f"{name}: {median:.0f} ms < {MOST_MS:.0f}", median < MOST_MS)
                goals.check(f"{name}: {kilobytes:.0f} KB < {MOST_KB:.0f}", kilobytes < MOST_KB)
    return goals.verdict()


if __name__ == "__main__":
    sys.exit(main())
