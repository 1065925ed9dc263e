# mypy: disable-error-code="union-attr"
# (Piccolo types a joined column, e.g. Registration.delegation.entity, as "Column | Any".)
"""Finding the people of a hybrid sitting: its sitting, a badge, names as the desk shows them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from convene.delegations.tables import Registration
from convene.delegations.vocabulary import AttendanceMode, RegistrationStatus
from convene.errors import NotFound, RuleViolation
from convene.meetings.timezones import as_utc, in_zone
from convene.sittings.tables import Sitting
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
    row = (
        await Sitting.select(*SITTING_COLUMNS)
        .where(Sitting.id == sitting_id)
        .first()
    )
    if row is None:
        raise NotFound(gettext("Sitting not found"))
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


async def badge(session_id: int, code: str) -> Badge:
    """The approved in-person delegate of the session with this badge code.

    A code no one of the session has is a 404 naming ``badge_code``; someone not approved
    to attend in person is refused (409): the door admits badge holders only.
    """
    row = (
        await Registration.select(*BADGE_COLUMNS)
        .where(
            (Registration.session == session_id) & (Registration.badge_code == code.strip().upper())
        )
        .first()
    )
    if row is None:
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
