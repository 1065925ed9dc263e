"""A real CalDAV server stores our feeds of several years, in either order, and finds every sitting.

Radicale (on loopback, started by the test) reads calendars with vobject,
which keeps the first definition of a zone it sees and reads every later
event in that zone with it. Feeds of a 2020 and a 2027 session in Vienna,
each crossing a change of the clocks, are stored one after the other, in
both orders (a fresh server each time), and each sitting must be found by
a time-range query at its own start, and not a minute before.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from httpx import AsyncClient

from tests.accounts.conftest import free_port
from tests.calendar.conftest import add_sitting

AUTH = ("delegate", "secret")  # Radicale's "none" authentication takes any name: the owner
QUERY = """<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
    <C:time-range start="{start}" end="{end}"/>
  </C:comp-filter></C:comp-filter></C:filter>
</C:calendar-query>"""
# Half-hour sittings around each change (25 October 2020, 28 March 2027), venue time.
SITTINGS = {
    "2020": ("2020-10-23", "2020-10-27", ["2020-10-24T22:00", "2020-10-25T01:15", "2020-10-25T03:30",
                                          "2020-10-25T10:00", "2020-10-26T10:00"]),
    "2027": ("2027-03-26", "2027-03-30", ["2027-03-27T22:00", "2027-03-28T01:15", "2027-03-28T03:30",
                                          "2027-03-28T10:00", "2027-03-29T10:00"]),
}
HREF = re.compile(r"<(?:\w+:)?href>")


class Radicale:
    """One Radicale server on a free loopback port, with its own storage."""

    def __init__(self, folder: Path) -> None:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        config = folder / "config"
        config.write_text(
            f"[server]\nhosts = 127.0.0.1:{port}\n[auth]\ntype = none\n[rights]\ntype = owner_only\n"
            f"[storage]\nfilesystem_folder = {folder / 'collections'}\n[logging]\nlevel = warning\n"
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 30
        while self.process.poll() is None and time.monotonic() < deadline:
            try:
                httpx.get(self.url, timeout=2)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"Radicale did not start: {self.process.stderr.read() if self.process.stderr else ''}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

    def store(self, collection: str, calendar: bytes) -> None:
        answer = httpx.put(
            f"{self.url}/delegate/{collection}/",
            content=calendar,
            headers={"Content-Type": "text/calendar; charset=utf-8"},
            auth=AUTH,
        )
        assert answer.status_code in {201, 204}, answer.text

    def found(self, collection: str, start: datetime, end: datetime) -> int:
        """How many events of the collection a time-range query finds in [start, end)."""
        answer = httpx.request(
            "REPORT",
            f"{self.url}/delegate/{collection}/",
            content=QUERY.format(start=f"{start:%Y%m%dT%H%M%SZ}", end=f"{end:%Y%m%dT%H%M%SZ}"),
            headers={"Depth": "1", "Content-Type": "application/xml"},
            auth=AUTH,
        )
        assert answer.status_code == 207, answer.text
        return len(HREF.findall(answer.text))


@pytest.fixture
def radicale_servers(tmp_path: Path) -> Iterator[Any]:
    started: list[Radicale] = []

    def start(name: str) -> Radicale:
        folder = tmp_path / name
        folder.mkdir()
        server = Radicale(folder)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


async def test_radicale_finds_every_sitting_whichever_year_it_stored_first(
    client: AsyncClient, create_session: Any, bodies: dict[str, str], radicale_servers: Any
) -> None:
    feeds: dict[str, bytes] = {}
    starts: dict[str, list[datetime]] = {}
    for year, (first, last, times) in SITTINGS.items():
        session = await create_session(
            start_date=first,
            end_date=last,
            format="online",
            parts=[{"body": "IRG", "kind": "regular", "number": int(year) - 2009}],
            symbol_prefix=f"CAC/COSP/IRG/{year}",
        )
        made = [
            await add_sitting(
                client, bodies, session["id"], starts_at=moment, ends_at=moment[:14] + "45"
            )
            for moment in times
        ]
        starts[year] = [datetime.fromisoformat(sitting["starts_at"]) for sitting in made]
        feeds[year] = (await client.get(f"/calendar/sessions/{session['id']}/sittings.ics")).content

    for order in (["2020", "2027"], ["2027", "2020"]):
        server = radicale_servers("-".join(order))
        for year in order:
            server.store(f"irg-{year}", feeds[year])
        minute = timedelta(minutes=1)
        for year in order:
            # Each sitting lasts under an hour: read an hour off, it is not there at its start.
            found = [server.found(f"irg-{year}", start, start + minute) for start in starts[year]]
            assert found == [1] * len(starts[year]), (order, year)
            before = [server.found(f"irg-{year}", start - minute, start) for start in starts[year]]
            assert before == [0] * len(starts[year]), (order, year)
