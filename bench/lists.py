"""Every list of a Conference at its real size answers fast and stays small (issue 18).

    .venv/bin/python bench/lists.py [--engine sqlite|postgres] [--repeat 7]

Builds a scratch database holding a Conference of 200 delegations and 1,500 registrations,
250 other sessions and 3,000 audit entries (tests/web/conference.py, inserted in bulk),
starts ``convene serve`` as shipped, signs in as the secretariat and asks for each list
page and list route of the API ``--repeat`` times, one request at a time.

Goals: each answers in under 300 ms (the median of its requests) and weighs under 200 KB
(uncompressed). Prints each line's median, slowest and size.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import time
from dataclasses import dataclass

import httpx
from harness import ROOT, Goals, scratch_database, serve

sys.path.insert(0, str(ROOT))  # the world is the browser test's: tests/web/conference.py

from tests.web.conference import PASSWORD, SECRETARIAT, Conference, build_conference  # noqa: E402

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
        ("overview of entities", f"{session}/overview"),
        ("overview: without delegation", f"{session}/overview?delegation=without"),
        ("check-in search", f"{session}/check-in?q=Smith"),
        ("audit log of the session", f"/secretariat/audit?session={world.session_id}"),
        ("audit log, page 40", "/secretariat/audit?page=40"),
        ("API registrations", f"{api}/registrations"),
        ("API registrations, 200", f"{api}/registrations?per_page=200&sort=name"),
        ("API delegations", f"{api}/delegations"),
        ("API audit", f"/api/audit?session_id={world.session_id}"),
        ("API sessions", "/api/sessions?per_page=200"),
        ("API outbox", "/api/outbox"),
    ]


def signed_in(base_url: str) -> httpx.Client:
    client = httpx.Client(base_url=base_url, timeout=30)
    form = client.get("/sign-in")
    token = re.search(r'name="_csrf_token" value="([^"]+)"', form.text)
    assert token, "the sign-in page has no CSRF field"
    answer = client.post(
        "/sign-in",
        data={"email": SECRETARIAT, "password": PASSWORD, "_csrf_token": token.group(1)},
    )
    assert answer.status_code in (200, 303), answer.status_code
    return client


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


async def load(database_url: str) -> Conference:
    from convene.db import bind_engine, create_engine
    from convene.registry import all_tables, app_registry

    bind_engine(create_engine(database_url), all_tables(app_registry()))
    return await build_conference()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    goals = Goals()
    with scratch_database(args.engine) as (url, var_dir):
        started = time.perf_counter()
        world = asyncio.run(load(url))
        print(f"world built in {time.perf_counter() - started:.1f} s ({args.engine})")
        with serve(url, var_dir) as server, signed_in(server.base_url) as client:
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
