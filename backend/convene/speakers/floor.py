"""Who can take the floor for a delegation at this moment, from presence.

A delegation speaks through someone entitled to speak now: a person holding one of its seats in
the room, or an online speaking participant who is present and whose sound the secretariat has
checked for the sitting ("ready"). The person named on the entry is preferred; anyone of the
delegation so entitled will do. Online listeners never can.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from convene.presence.present import present_at
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
    """Everyone at the sitting who could take the floor now, by delegation."""
    present = await present_at(sitting_id)
    in_room: dict[int, list[Speaker]] = defaultdict(list)
    for person in present.in_room:
        in_room[person.delegation_id].append(
            Speaker(person.registration_id, person.name, SpeakingMode.ROOM)
        )
    checked = {
        row["registration"]
        for row in await SoundCheck.select(SoundCheck.registration).where(
            SoundCheck.sitting == sitting_id
        )
    }
    ready: dict[int, list[Speaker]] = defaultdict(list)
    unchecked: dict[int, list[str]] = defaultdict(list)
    for person in present.speaking_online:
        if person.registration_id in checked:
            ready[person.delegation_id].append(
                Speaker(person.registration_id, person.name, SpeakingMode.ONLINE)
            )
        else:
            unchecked[person.delegation_id].append(person.name)
    return Floor(dict(in_room), dict(ready), dict(unchecked))
