"""Sound checks: the secretariat marks an online speaker's sound checked for a sitting; only
then is the speaker "ready" and can be given the floor."""

from __future__ import annotations

from convene.accounts.access import Actor
from convene.db import locked_transaction
from convene.delegations.tables import Registration
from convene.errors import RuleViolation
from convene.events.bus import publish
from convene.presence.people import sitting_at
from convene.speakers.events import SpeakingSetupChanged
from convene.speakers.tables import SoundCheck
from convene.translation import gettext as _


async def set_sound_check(actor: Actor, sitting_id: int, registration_id: int, checked: bool) -> bool:
    sitting = await sitting_at(sitting_id)
    person = await Registration.select(Registration.session).where(
        Registration.id == registration_id
    ).first()
    if person is None or person["session"] != sitting.session_id:
        raise RuleViolation(
            _("No registration of this session has this id"),
            field="registration_id",
            status_code=404,
        )
    async with locked_transaction(f"sound-check:{sitting_id}:{registration_id}"):
        await SoundCheck.delete().where(
            (SoundCheck.sitting == sitting_id) & (SoundCheck.registration == registration_id)
        )
        if checked:
            await SoundCheck.insert(
                SoundCheck(
                    sitting=sitting_id,
                    registration=registration_id,
                    by=actor.id if actor is not None else None,
                )
            )
        await publish(
            SpeakingSetupChanged(
                actor=actor,
                action="sound.checked" if checked else "sound.unchecked",
                object_id=registration_id,
                session_id=sitting.session_id,
                after={"sitting": sitting_id, "checked": checked},
            )
        )
    return checked
