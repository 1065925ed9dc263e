"""Four independent readers of iCalendar, as the programs that subscribe to our feeds read them.

- ``icalendar``: the library that writes our calendars (it converts times with
  Python's own zones, so it checks syntax more than our VTIMEZONEs);
- ``ical``: a strict reader of RFC 5545's grammar;
- ``vobject``: converts times with the calendar's own VTIMEZONE, as Radicale
  and other servers built on it do;
- Mozilla's ``ical.js``, as Thunderbird reads calendars, through node: it too
  converts times with the calendar's own VTIMEZONE.

Each reading is done once per batch of calendars (node starts once).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject
from ical.calendar_stream import IcsCalendarStream

ICALJS = Path(__file__).parent / "icaljs"


@dataclass
class Readings:
    """One calendar as each reader read it."""

    raw: bytes
    icalendar: icalendar.Calendar
    ical: Any
    vobject: Any
    icaljs: dict[str, Any]


def icaljs_or_skip() -> None:
    """Skip without node and ical.js, except in CI (``CI`` set), where a missing reader fails."""
    if shutil.which("node") and (ICALJS / "node_modules" / "ical.js").is_dir():
        return
    reason = "node or ical.js is missing: `python3 dev.py test` installs them (nodejs, npm ci)"
    if os.environ.get("CI"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)  # deliberate: no node locally; CI fails instead


def read_with_icaljs(calendars: list[bytes]) -> list[dict[str, Any]]:
    """ical.js's reading of each calendar: its properties, and each event's instants."""
    icaljs_or_skip()
    payload = json.dumps({"calendars": [raw.decode("utf-8") for raw in calendars]})
    done = subprocess.run(
        ["node", str(ICALJS / "read.mjs")],
        input=payload,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["calendars"]


def read_four(calendars: list[bytes]) -> list[Readings]:
    """Every calendar through all four readers; each must accept the bytes as they are."""
    by_icaljs = read_with_icaljs(calendars)
    return [
        Readings(
            raw=raw,
            icalendar=icalendar.Calendar.from_ical(raw),
            ical=IcsCalendarStream.calendar_from_ics(raw.decode("utf-8")),
            vobject=vobject.readOne(raw.decode("utf-8")),
            icaljs=reading,
        )
        for raw, reading in zip(calendars, by_icaljs, strict=True)
    ]
