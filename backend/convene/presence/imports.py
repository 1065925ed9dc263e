"""Importing the platform's participant report after a sitting, to complete the online record.

Zoom's participant report and Microsoft Teams' attendance report are both read: Zoom's CSV
("Name (Original Name)", "User Email", "Join Time", "Leave Time", ...), Teams' report (UTF-16,
tab-separated, with a "Participants" section of "Name", "First Join", "Last Leave", "Email";
or the older "Full Name", "User Action", "Timestamp" log of joins and leaves). Times in these
reports carry no offset: they are read in the venue's time zone unless another is given.

Each line is matched to an approved registration of the session by e-mail, then by name (accents,
case, honorifics and word order aside); lines that match no one are returned, with the reason,
for the secretariat to look at. Importing a platform's report again replaces that platform's
earlier import for the sitting: a corrected report can be sent again without counting anyone twice.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from convene.accounts.access import Actor
from convene.db import locked_transaction
from convene.delegations.tables import Registration
from convene.delegations.vocabulary import HONORIFICS, RegistrationStatus
from convene.errors import RuleViolation
from convene.meetings.timezones import check_timezone
from convene.presence.events import announce
from convene.presence.online import online_mode
from convene.presence.people import ensure_held, person_name, sitting_at
from convene.presence.schemas import ImportedLine, ImportResult
from convene.presence.tables import OnlineVisit
from convene.presence.vocabulary import VisitSource
from convene.translation import gettext

NAME_COLUMNS = ("name (original name)", "name", "full name", "participant", "display name")
EMAIL_COLUMNS = ("user email", "email", "participant id (upn)", "upn")
JOIN_COLUMNS = ("join time", "first join", "joined", "join")
LEAVE_COLUMNS = ("leave time", "last leave", "left", "leave")
TIME_FORMATS = (
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%y, %I:%M:%S %p",
    "%m/%d/%Y, %I:%M:%S %p",
    "%m/%d/%y %I:%M:%S %p",
    "%m/%d/%Y, %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%d.%m.%Y %H:%M:%S",
)
LARGEST_REPORT = 5_000_000
"""Bytes: a report of some thousands of lines is far smaller."""


@dataclass(frozen=True)
class Line:
    """One person's stretch in the meeting, as the report gives it."""

    number: int
    name: str
    email: str
    joined: datetime
    left: datetime


def decode(content: bytes) -> str:
    """Teams writes UTF-16 (with a byte-order mark); Zoom UTF-8, sometimes with one."""
    if len(content) > LARGEST_REPORT:
        raise RuleViolation(gettext("The report is too large"), field="file", status_code=422)
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252")


def _rows(text: str) -> list[list[str]]:
    delimiter = "\t" if text.count("\t") > text.count(",") else ","
    return [
        [cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)
    ]


def _find(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [cell.casefold() for cell in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def read_report(content: bytes, zone: ZoneInfo) -> tuple[str, list[Line]]:
    """The platform ("zoom" or "teams") and each line's person and times."""
    rows = _rows(decode(content))
    for index, header in enumerate(rows):
        lowered = {cell.casefold() for cell in header}
        if {"full name", "user action", "timestamp"} <= lowered:
            return VisitSource.TEAMS.value, _teams_log(rows, index, zone)
        columns = [
            _find(header, names)
            for names in (NAME_COLUMNS, EMAIL_COLUMNS, JOIN_COLUMNS, LEAVE_COLUMNS)
        ]
        if columns[0] is not None and columns[2] is not None and columns[3] is not None:
            platform = (
                VisitSource.TEAMS.value if "first join" in lowered else VisitSource.ZOOM.value
            )
            return platform, _stretches(rows, index, columns, zone)
    raise RuleViolation(
        gettext("This is not a Zoom participant report or a Teams attendance report: no line names "
        "the participants' name, join time and leave time"),
        field="file",
        status_code=422,
    )


def _stretches(
    rows: list[list[str]], header: int, columns: list[int | None], zone: ZoneInfo
) -> list[Line]:
    name, email, join, leave = columns
    lines: list[Line] = []
    for number, row in enumerate(rows[header + 1 :], start=header + 2):
        if not any(row):
            if lines:
                break  # the end of this section (Teams writes more sections after it)
            continue
        if len(row) <= max(c for c in columns if c is not None):
            break
        assert name is not None and join is not None and leave is not None
        lines.append(
            Line(
                number,
                row[name],
                row[email].casefold() if email is not None else "",
                _moment(row[join], zone, number),
                _moment(row[leave], zone, number),
            )
        )
    return lines


def _teams_log(rows: list[list[str]], header: int, zone: ZoneInfo) -> list[Line]:
    """The older Teams list: a line per join or leave; a join never left lasts to the last line."""
    columns = {cell.casefold(): i for i, cell in enumerate(rows[header])}
    events: dict[str, list[tuple[str, datetime, int]]] = defaultdict(list)
    last: datetime | None = None
    for number, row in enumerate(rows[header + 1 :], start=header + 2):
        if len(row) < len(columns):
            continue
        at = _moment(row[columns["timestamp"]], zone, number)
        events[row[columns["full name"]]].append(
            (row[columns["user action"]].casefold(), at, number)
        )
        last = at if last is None or at > last else last
    lines = []
    for name, happenings in events.items():
        joined: tuple[datetime, int] | None = None
        for action, at, number in sorted(happenings, key=lambda h: h[1]):
            if action.startswith("join") and joined is None:
                joined = (at, number)
            elif action.startswith("left") and joined is not None:
                lines.append(Line(joined[1], name, "", joined[0], at))
                joined = None
        if joined is not None and last is not None:
            lines.append(Line(joined[1], name, "", joined[0], last))
    return lines


def _names(cell: str) -> list[str]:
    """Zoom writes "Renamed (Original Name)": try the name in brackets, then the one shown."""
    found = re.fullmatch(r"(.*?)\s*\((.+)\)", cell)
    return [found.group(2), found.group(1), cell] if found else [cell]


def _moment(text: str, zone: ZoneInfo, number: int) -> datetime:
    cleaned = text.replace("\u202f", " ").strip()
    try:
        parsed = datetime.fromisoformat(cleaned)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)
    except ValueError:
        pass
    for form in TIME_FORMATS:
        try:
            return datetime.strptime(cleaned, form).replace(tzinfo=zone)
        except ValueError:
            continue
    raise RuleViolation(
        gettext(
            "Line %(number)s: %(text)s is not a time this report format uses",
            number=number,
            text=repr(text),
        ),
        field="file",
        status_code=422,
    )


def name_key(name: str) -> frozenset[str]:
    """The words of a name, whatever their order, case, accents and honorifics."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    words = re.findall(r"[^\W_]+", plain)
    titles = {
        word.casefold() for honorific in HONORIFICS for word in re.findall(r"[^\W_]+", honorific)
    }
    return frozenset(word for word in words if word not in titles)


async def import_report(
    actor: Actor, sitting_id: int, content: bytes, timezone: str | None = None
) -> ImportResult:
    """Record the report's online stretches of people of the session; say what did not match."""
    sitting = await sitting_at(sitting_id)
    ensure_held(sitting)
    zone = check_timezone(timezone or sitting.timezone, field="timezone")
    platform, lines = read_report(content, zone)
    people = await Registration.select(
        Registration.id,
        Registration.honorific,
        Registration.given_name,
        Registration.family_name,
        Registration.email,
        Registration.delegation,
        Registration.mode,
    ).where(
        (Registration.session == sitting.session_id)
        & (Registration.status == RegistrationStatus.APPROVED.value)
    )
    match = _Matcher(people)
    matched, unmatched, visits = [], [], []
    for line in lines:
        person, how = match(line)
        if person is None:
            unmatched.append(ImportedLine(line.number, line.name, line.email, None, "", how))
            continue
        matched.append(
            ImportedLine(line.number, line.name, line.email, person["id"], person_name(person), how)
        )
        visits.append(_visit(sitting_id, person, line, platform))
    async with locked_transaction(f"online-import:{sitting_id}:{platform}"):
        await OnlineVisit.delete().where(
            (OnlineVisit.sitting == sitting_id) & (OnlineVisit.source == platform)
        )
        if visits:
            await OnlineVisit.insert(*visits)
        await announce(actor, sitting_id, sitting.session_id, None, f"imported from {platform}")
    return ImportResult(platform, len(lines), len(visits), matched, unmatched)


class _Matcher:
    """Finds the registration a report's line is about: by e-mail, then by an unambiguous name."""

    def __init__(self, people: list[dict[str, Any]]) -> None:
        self.by_email = {p["email"].casefold(): p for p in people}
        names: dict[frozenset[str], list[dict[str, Any]]] = defaultdict(list)
        for p in people:
            names[name_key(f"{p['given_name']} {p['family_name']}")].append(p)
        self.by_name = names

    def __call__(self, line: Line) -> tuple[dict[str, Any] | None, str]:
        if line.email and line.email in self.by_email:
            return self.by_email[line.email], "e-mail"
        for name in _names(line.name):
            found = self.by_name.get(name_key(name), [])
            if len(found) == 1:
                return found[0], "name"
            if len(found) > 1:
                return None, "several registrations have this name"
        return None, "no registration of this session has this e-mail or name"


def _visit(sitting_id: int, person: dict[str, Any], line: Line, platform: str) -> OnlineVisit:
    return OnlineVisit(
        sitting=sitting_id,
        registration=person["id"],
        delegation=person["delegation"],
        mode=online_mode(person["mode"]).value,
        joined_at=line.joined,
        last_seen_at=line.left,
        left_at=line.left,
        source=platform,
    )
