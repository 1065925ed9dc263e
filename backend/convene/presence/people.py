# mypy: disable-error-code="union-attr"
# (Piccolo types a joined column, e.g. Registration.delegation.entity, as "Column | Any".)
"""Finding the people of a hybrid sitting: its sitting, a badge, names as the desk shows them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from convene.delegations.tables import Delegation, Registration
from convene.delegations.vocabulary import AttendanceMode, RegistrationStatus
from convene.entities.tables import Entity
from convene.errors import NotFound, RuleViolation
from convene.meetings.tables import Session
from convene.meetings.timezones import as_utc, in_zone
from convene.sittings.tables import Sitting
from convene.statements import is_among
from convene.translation import gettext

PERSON_COLUMNS = (
    Registration.id,
    Registration.honorific,
    Registration.given_name,
    Registration.family_name,
    Registration.delegation,
    Registration.mode,
    Registration.status,
    Registration.email,
)


def person_name(row: dict[str, Any]) -> str:
    """ "Ms. Anna BERGER": the family name in capitals, as UN badges and lists write it."""
    parts = (row["honorific"], row["given_name"], row["family_name"].upper())
    return " ".join(part for part in parts if part)


@dataclass(frozen=True)
class SittingAt:
    """A sitting with what the door needs of its session."""

    id: int
    session_id: int
    title: str
    status: str
    starts_at: datetime
    ends_at: datetime
    room: str
    online_link: str
    timezone: str
    room_capacity: int | None
    session_link: str

    def clock(self, moment: datetime) -> str:
        """ "10:14", in the venue's time."""
        return f"{in_zone(moment, self.timezone):%H:%M}"


SITTING_COLUMNS = (
    *Sitting.all_columns(),
    Sitting.session.timezone.as_alias("timezone"),
    Sitting.session.room_capacity.as_alias("room_capacity"),
    Sitting.session.join_link.as_alias("session_link"),
)
"""Built once: Piccolo takes longer to build a joined column than the database to answer, and
the door reads a sitting and a badge at every scan."""


async def sitting_at(sitting_id: int) -> SittingAt:
    """The sitting and its session's zone, capacity and link, or 404."""
    row = await Sitting.select(*SITTING_COLUMNS).where(Sitting.id == sitting_id).first()
    if row is None:
        raise NotFound(gettext("Sitting not found"))
    return _sitting(row)


def _sitting(row: dict[str, Any]) -> SittingAt:
    return SittingAt(
        id=row["id"],
        session_id=row["session"],
        title=row["title"],
        status=row["status"],
        starts_at=as_utc(row["starts_at"]),
        ends_at=as_utc(row["ends_at"]),
        room=row["room"],
        online_link=row["online_link"],
        timezone=row["timezone"],
        room_capacity=row["room_capacity"],
        session_link=row["session_link"],
    )


def ensure_held(sitting: SittingAt) -> None:
    if sitting.status == "cancelled":
        raise RuleViolation(gettext("This sitting was cancelled"), field="sitting_id")


@dataclass(frozen=True)
class Badge:
    """An approved in-person delegate, found by the code on their badge."""

    registration_id: int
    delegation_id: int
    name: str
    entity: str


BADGE_COLUMNS = (*PERSON_COLUMNS, Registration.delegation.entity.short_name.as_alias("entity"))


async def badges(session_id: int, codes: list[str]) -> list[Badge]:
    """The approved in-person delegates of the session with these badge codes, in their order.

    A code no one of the session has is a 404 naming ``badge_code``; someone not approved
    to attend in person is refused (409): the door admits badge holders only. One query,
    however many scans an offline door sends.
    """
    wanted = [code.strip().upper() for code in codes]
    rows = await Registration.select(*BADGE_COLUMNS, Registration.badge_code).where(
        (Registration.session == session_id) & is_among(Registration.badge_code, set(wanted))
    )
    by_code = {row["badge_code"]: row for row in rows}
    return [_badge_holder(by_code.get(code)) for code in wanted]


def _badge_holder(row: dict[str, Any] | None) -> Badge:
    """The badge's holder, if the door admits them: approved to attend in person."""
    if row is None or row["id"] is None:
        raise RuleViolation(
            gettext("No registration of this session has this badge code"),
            field="badge_code",
            status_code=404,
        )
    if (
        row["status"] != RegistrationStatus.APPROVED.value
        or row["mode"] != AttendanceMode.IN_PERSON.value
    ):
        raise RuleViolation(
            gettext(
                "%(name)s (%(entity)s) holds no in-person badge for this session",
                name=person_name(row),
                entity=row["entity"],
            ),
            field="badge_code",
        )
    return Badge(row["id"], row["delegation"], person_name(row), row["entity"])


SITTING_AND_BADGE = f"""
SELECT s.id AS sitting_id, s.session, s.title, s.status AS sitting_status, s.starts_at,
    s.ends_at, s.room, s.online_link, se.timezone, se.room_capacity, se.join_link AS session_link,
    r.id, r.honorific, r.given_name, r.family_name, r.delegation, r.mode, r.status,
    e.short_name AS entity
FROM {Sitting._meta.tablename} AS s
JOIN {Session._meta.tablename} AS se ON se.id = s.session
LEFT JOIN {Registration._meta.tablename} AS r ON r.session = s.session AND r.badge_code = {{}}
LEFT JOIN {Delegation._meta.tablename} AS d ON d.id = r.delegation
LEFT JOIN {Entity._meta.tablename} AS e ON e.id = d.entity
WHERE s.id = {{}}
"""
"""The sitting and the holder of a badge, in one query and as plain SQL: the door asks it at
every scan, and Piccolo takes longer to build a joined query than the database to answer."""


async def sitting_and_badge(sitting_id: int, code: str) -> tuple[SittingAt, Badge]:
    """The sitting (404 if none, 409 if cancelled) and the badge's holder, as the door needs them."""
    rows = await Sitting.raw(SITTING_AND_BADGE, code.strip().upper(), sitting_id)
    if not rows:
        raise NotFound(gettext("Sitting not found"))
    row = rows[0]
    sitting = _sitting(row | {"id": row["sitting_id"], "status": row["sitting_status"]})
    ensure_held(sitting)
    return sitting, _badge_holder(row)
