"""The demo's list of speakers under way, at the hybrid session's sitting (issue 15).

Item 2, "General discussion", is taken up at the sitting: Egypt spoke on behalf of the Group of
African States, then Austria from the room; Brazil has the floor online (its speaker's sound
checked), the chair about to start the timer. Waiting: Germany online (sound not yet checked, so the console says
the chair will pass it over), Kenya online, India from the room, Andorra (an observer State),
and Austria's right of reply at the end. Loaded through the services, as the console would.
"""

from __future__ import annotations

from typing import Any

from convene.accounts.tables import Account
from convene.agenda.services import add_item
from convene.delegations.tables import Registration
from convene.demo.translations import agenda_item_in
from convene.meetings.tables import SessionPart
from convene.sittings.schemas import SittingPatch
from convene.sittings.services import update_sitting
from convene.sittings.tables import Sitting
from convene.speakers import services
from convene.speakers.schemas import InscribeIn
from convene.speakers.sound import set_sound_check
from convene.speakers.state import list_state
from convene.speakers.tables import SpeakerList
from convene.speakers.vocabulary import EntryKind

SESSION_NUMBER = 17
CHECKED = ("Costa", "Kamau")
"""Online speakers whose sound the secretariat has checked (Brazil's and Kenya's)."""


async def load_demo_speakers(actor: Account) -> bool:
    """Open and run the list unless the session has one; True when added."""
    part = await SessionPart.select(SessionPart.session).where(
        (SessionPart.number == SESSION_NUMBER) & (SessionPart.kind == "regular")
    ).first()
    if part is None:
        return False
    session_id = part["session"]
    sitting = await Sitting.select(Sitting.id).where(Sitting.session == session_id).first()
    if sitting is None or await SpeakerList.exists().where(SpeakerList.session == session_id):
        return False
    agenda = None
    for title in ("Opening of the session", "General discussion"):
        agenda = await add_item(actor, session_id, agenda_item_in(title))
    assert agenda is not None
    items = [item.id for item in agenda.items]
    await update_sitting(actor, sitting["id"], SittingPatch(agenda_item_ids=items))
    state = await services.open_list(actor, sitting["id"], items[-1])
    people = await _people(session_id)
    for family_name in CHECKED:
        await set_sound_check(actor, sitting["id"], people[family_name]["id"], True)
    await _inscribe(actor, state.list_id, people)
    await _run(actor, state.list_id, people)
    return True


async def _people(session_id: int) -> dict[str, dict[str, Any]]:
    rows = await Registration.select(
        Registration.id, Registration.family_name, Registration.delegation
    ).where(Registration.session == session_id)
    return {row["family_name"]: row for row in rows}


async def _inscribe(actor: Account, list_id: int, people: dict[str, dict[str, Any]]) -> None:
    requests = [
        ("Gruber", EntryKind.STATEMENT, ""),
        ("Costa", EntryKind.STATEMENT, ""),
        ("Hassan", EntryKind.GROUP_STATEMENT, "the Group of African States"),
        ("Schmidt", EntryKind.STATEMENT, ""),
        ("Puig", EntryKind.STATEMENT, ""),
        ("Kamau", EntryKind.STATEMENT, ""),
        ("Mehta", EntryKind.STATEMENT, ""),
    ]
    for family_name, kind, group in requests:
        person = people[family_name]
        await services.inscribe(
            actor,
            list_id,
            InscribeIn(
                delegation_id=person["delegation"],
                kind=kind,
                registration_id=person["id"],
                on_behalf_of=group,
            ),
        )


async def _run(actor: Account, list_id: int, people: dict[str, dict[str, Any]]) -> None:
    """Egypt and Austria have spoken; Brazil has the floor, online; Austria asked to reply.

    The timer stands: a demo loaded hours ago would otherwise show a speaker far over time."""
    for _turn in range(3):
        await services.call(actor, list_id, (await list_state(list_id)).version, None)
    austria = people["Gruber"]["delegation"]
    reply = InscribeIn(delegation_id=austria, kind=EntryKind.RIGHT_OF_REPLY)
    await services.inscribe(actor, list_id, reply)
