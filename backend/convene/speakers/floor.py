"""Who can take the floor for a delegation at this moment, from presence.

A delegation speaks through someone entitled to speak now: a person holding one of its seats in
the room, or an online speaking participant who is present and whose sound the secretariat has
checked for the sitting ("ready"). The person named on the entry is preferred; anyone of the
delegation so entitled will do. Online listeners never can.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from convene.delegations.tables import Registration
from convene.presence.online import online_now
from convene.presence.people import person_name
from convene.presence.tables import InRoom, OnlineVisit
from convene.presence.vocabulary import OnlineMode
from convene.speakers.tables import SoundCheck
from convene.speakers.vocabulary import SpeakingMode
from convene.translation import gettext as _


@dataclass(frozen=True)
class Speaker:
    registration_id: int
    name: str
    mode: SpeakingMode


@dataclass(frozen=True)
class Floor:
    """Per delegation: who is in the room, who is online as a speaker (ready or not)."""

    in_room: dict[int, list[Speaker]]
    online_ready: dict[int, list[Speaker]]
    online_unchecked: dict[int, list[str]]

    def speaker_for(self, delegation_id: int, named: int | None) -> Speaker | None:
        """The named person if they can speak now, else the first of the delegation who can."""
        candidates = self.in_room.get(delegation_id, []) + self.online_ready.get(delegation_id, [])
        for speaker in candidates:
            if speaker.registration_id == named:
                return speaker
        return candidates[0] if candidates else None

    def why_not(self, delegation_id: int, entity: str) -> str:
        unchecked = self.online_unchecked.get(delegation_id)
        if unchecked:
            return _(
                "%(names)s of %(entity)s is online, but their sound has not been checked",
                names=", ".join(unchecked),
                entity=entity,
            )
        return _(
            "No one of %(entity)s is in the room or online with a speaking link", entity=entity
        )


async def floor_at(sitting_id: int) -> Floor:
    """Everyone at the sitting who could take the floor now, by delegation (three queries)."""
    names = {
        row["id"]: person_name(row)
        for row in await Registration.select(
            Registration.id,
            Registration.honorific,
            Registration.given_name,
            Registration.family_name,
        ).where(
            Registration.id.is_in(
                InRoom.select(InRoom.registration).where(InRoom.sitting == sitting_id)
            )
            | Registration.id.is_in(
                OnlineVisit.select(OnlineVisit.registration).where(
                    OnlineVisit.sitting == sitting_id
                )
            )
        )
    }
    in_room: dict[int, list[Speaker]] = defaultdict(list)
    rows = await InRoom.select(InRoom.registration, InRoom.delegation).where(
        InRoom.sitting == sitting_id
    ).order_by(InRoom.since)
    for row in rows:
        name = names.get(row["registration"], "")
        in_room[row["delegation"]].append(Speaker(row["registration"], name, SpeakingMode.ROOM))
    checked = {
        row["registration"]
        for row in await SoundCheck.select(SoundCheck.registration).where(
            SoundCheck.sitting == sitting_id
        )
    }
    ready: dict[int, list[Speaker]] = defaultdict(list)
    unchecked: dict[int, list[str]] = defaultdict(list)
    online = await OnlineVisit.select(OnlineVisit.registration, OnlineVisit.delegation).where(
        (OnlineVisit.sitting == sitting_id)
        & (OnlineVisit.mode == OnlineMode.SPEAKING.value)
        & online_now(datetime.now(UTC))
    ).order_by(OnlineVisit.joined_at)
    for row in online:
        name = names.get(row["registration"], "")
        if row["registration"] in checked:
            ready[row["delegation"]].append(
                Speaker(row["registration"], name, SpeakingMode.ONLINE)
            )
        else:
            unchecked[row["delegation"]].append(name)
    return Floor(dict(in_room), dict(ready), dict(unchecked))
