"""Who is at a sitting at this moment, for the domains that act on it (the list of speakers).

Other domains ask here rather than read the presence tables: who holds a seat in the room, who
is online with a speaking link, in the order they came, with their names as the desk shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from convene.delegations.tables import Registration
from convene.presence.online import online_now
from convene.presence.people import person_name
from convene.presence.tables import InRoom, OnlineVisit
from convene.presence.vocabulary import OnlineMode


@dataclass(frozen=True)
class Present:
    """A person at the sitting: their registration, delegation and name."""

    registration_id: int
    delegation_id: int
    name: str


@dataclass(frozen=True)
class AtSitting:
    in_room: list[Present]
    """Those holding a seat in the room, in the order they came in."""
    speaking_online: list[Present]
    """Those online now with a speaking link, in the order they joined (listeners never speak)."""


async def present_at(sitting_id: int, now: datetime | None = None) -> AtSitting:
    """Who is at the sitting now, in the room and online as a speaker (three queries)."""
    in_room = await InRoom.select(InRoom.registration, InRoom.delegation).where(
        InRoom.sitting == sitting_id
    ).order_by(InRoom.since)
    online = await OnlineVisit.select(OnlineVisit.registration, OnlineVisit.delegation).where(
        (OnlineVisit.sitting == sitting_id)
        & (OnlineVisit.mode == OnlineMode.SPEAKING.value)
        & online_now(now or datetime.now(UTC))
    ).order_by(OnlineVisit.joined_at)
    names = await _names({row["registration"] for row in [*in_room, *online]})
    return AtSitting(
        in_room=[_present(row, names) for row in in_room],
        speaking_online=[_present(row, names) for row in online],
    )


async def _names(registration_ids: set[int]) -> dict[int, str]:
    if not registration_ids:
        return {}
    rows = await Registration.select(
        Registration.id, Registration.honorific, Registration.given_name, Registration.family_name
    ).where(Registration.id.is_in(list(registration_ids)))
    return {row["id"]: person_name(row) for row in rows}


def _present(row: dict[str, int], names: dict[int, str]) -> Present:
    return Present(row["registration"], row["delegation"], names.get(row["registration"], ""))
