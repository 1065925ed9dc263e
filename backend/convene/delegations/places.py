"""Places: the in-person and online-speaking quotas of a delegation and the room's capacity.

A registration that is submitted or approved holds a place; one beyond any
limit waits in the list. These counts are read inside the session's
registration lock (see :func:`registration_lock`), so a place is never given twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from convene.delegations.schemas import DelegationPlaces, Places
from convene.delegations.tables import Delegation, Registration
from convene.delegations.vocabulary import HOLDING, AttendanceMode
from convene.translation import ENGLISH, ngettext, using_locale


def registration_lock(session_id: int) -> str:
    """One lock per session: quotas and the room are shared by all its delegations."""
    return f"places:{session_id}"


@dataclass(frozen=True)
class Limits:
    in_person: int | None
    online_speaking: int | None
    room: int | None

    @classmethod
    def of(cls, session: dict[str, Any], delegation: dict[str, Any]) -> Limits:
        """The delegation's own quotas where the secretariat set them, else the session's."""
        return cls(
            in_person=_first_set(delegation["in_person_quota"], session["in_person_quota"]),
            online_speaking=_first_set(
                delegation["online_speaking_quota"], session["online_speaking_quota"]
            ),
            room=session["room_capacity"],
        )


def _first_set(own: int | None, default: int | None) -> int | None:
    return own if own is not None else default


@dataclass(frozen=True)
class Taken:
    in_person: int
    online_speaking: int
    room: int


TAKEN_QUERY = """
SELECT
    COALESCE(SUM(CASE WHEN delegation = {} AND mode = 'in_person' THEN 1 ELSE 0 END), 0) AS in_person,
    COALESCE(SUM(CASE WHEN delegation = {} AND mode = 'online_speaking' THEN 1 ELSE 0 END), 0) AS online_speaking,
    COALESCE(SUM(CASE WHEN mode = 'in_person' THEN 1 ELSE 0 END), 0) AS room
FROM registration
WHERE session = {} AND status IN ('submitted', 'approved') AND id <> {}
"""


async def taken(session_id: int, delegation_id: int, *, excluding: int | None = None) -> Taken:
    """Places held now (one query), optionally not counting one registration (the one being changed)."""
    rows = await Registration.raw(
        TAKEN_QUERY, delegation_id, delegation_id, session_id, excluding or 0
    )
    return Taken(**{key: int(value) for key, value in rows[0].items()})


async def seats_taken(session_id: int) -> int:
    """In-person places held across the whole session: the room's occupancy."""
    return await Registration.count().where(
        (Registration.session == session_id)
        & (Registration.mode == AttendanceMode.IN_PERSON.value)
        & Registration.status.is_in(HOLDING)
    )


TALLY_QUERY = """
SELECT d.id, d.in_person_quota, d.online_speaking_quota,
    COALESCE(SUM(CASE WHEN r.mode = 'in_person' THEN 1 ELSE 0 END), 0) AS in_person,
    COALESCE(SUM(CASE WHEN r.mode = 'online_speaking' THEN 1 ELSE 0 END), 0) AS online_speaking
FROM delegation d
LEFT JOIN registration r ON r.delegation = d.id AND r.status IN ('submitted', 'approved')
WHERE d.session = {}
GROUP BY d.id, d.in_person_quota, d.online_speaking_quota
"""


@dataclass
class Tally:
    """Every delegation's limits and the places it holds, read once and kept up to date by hand.

    The waitlist's promotion pass weighs every waiting person against these; reading them in
    one query per pass rather than once per person keeps the session's lock short however
    long the list (see ``bench/waitlist.py``).
    """

    limits: dict[int, Limits]
    held: dict[tuple[int, AttendanceMode], int]
    """Places held by delegation and mode."""
    room: int
    """In-person places held across the session."""

    @classmethod
    async def read(cls, session: dict[str, Any]) -> Tally:
        rows = await Delegation.raw(TALLY_QUERY, session["id"])
        held = {
            (row["id"], mode): int(row[mode.value])
            for row in rows
            for mode in (AttendanceMode.IN_PERSON, AttendanceMode.ONLINE_SPEAKING)
        }
        return cls(
            limits={row["id"]: Limits.of(session, row) for row in rows},
            held=held,
            room=sum(n for (_, mode), n in held.items() if mode is AttendanceMode.IN_PERSON),
        )

    def shortfall(self, delegation_id: int, mode: AttendanceMode) -> Shortfall | None:
        """Why one more of the delegation in ``mode`` does not fit now, or None."""
        now = Taken(
            self.held[delegation_id, AttendanceMode.IN_PERSON],
            self.held[delegation_id, AttendanceMode.ONLINE_SPEAKING],
            self.room,
        )
        return shortfall(mode, self.limits[delegation_id], now)

    def hold(self, delegation_id: int, mode: AttendanceMode) -> None:
        """One more place held (a promotion), so the next person is weighed against it."""
        if (delegation_id, mode) in self.held:
            self.held[delegation_id, mode] += 1
        if mode is AttendanceMode.IN_PERSON:
            self.room += 1


@dataclass(frozen=True)
class Shortfall:
    """Which limit one more registration would pass: ``"in_person"``, ``"room"`` or
    ``"online_speaking"``, and its number of places."""

    limit: str
    places: int

    def said(self) -> str:
        """Why, in the reader's language: a refusal says it."""
        if self.limit == "in_person":
            return ngettext(
                "the delegation's %(num)s in-person place is taken",
                "all %(num)s in-person places of the delegation are taken",
                self.places,
            )
        if self.limit == "room":
            return ngettext(
                "the room's %(num)s seat is taken",
                "the room's %(num)s seats are all taken",
                self.places,
            )
        return ngettext(
            "the delegation's %(num)s online speaking place is taken",
            "all %(num)s online speaking places of the delegation are taken",
            self.places,
        )

    def __str__(self) -> str:
        """Why, in English: what the registration's history keeps, whoever reads it."""
        with using_locale(ENGLISH):
            return self.said()


def shortfall(mode: AttendanceMode, limits: Limits, now: Taken) -> Shortfall | None:
    """Why one more registration in ``mode`` does not fit, or None when it does."""
    if mode is AttendanceMode.IN_PERSON:
        if limits.in_person is not None and now.in_person >= limits.in_person:
            return Shortfall("in_person", limits.in_person)
        if limits.room is not None and now.room >= limits.room:
            return Shortfall("room", limits.room)
    if mode is AttendanceMode.ONLINE_SPEAKING:
        if limits.online_speaking is not None and now.online_speaking >= limits.online_speaking:
            return Shortfall("online_speaking", limits.online_speaking)
    return None


def places_view(limits: Limits, now: Taken) -> DelegationPlaces:
    return DelegationPlaces(
        in_person=_places(limits.in_person, now.in_person),
        online_speaking=_places(limits.online_speaking, now.online_speaking),
        room=_places(limits.room, now.room),
    )


def _places(limit: int | None, used: int) -> Places:
    return Places(limit=limit, used=used, left=None if limit is None else max(limit - used, 0))
