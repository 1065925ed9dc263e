"""A delegate's own page of the list of speakers, reached through their personal sitting link.

The link's token (:func:`convene.presence.online.join_token`) names the person and the sitting,
so the page needs no sign-in and works on a phone. The delegate asks for the floor for their
delegation (named as the speaker), sees where the entries stand, and may withdraw them.
"""

from __future__ import annotations

from typing import Any

from convene.delegations.tables import Registration
from convene.delegations.vocabulary import AttendanceMode, RegistrationStatus
from convene.errors import NotFound
from convene.presence.online import read_token
from convene.settings import Settings
from convene.speakers import services
from convene.speakers.schemas import FloorRequestIn, FloorView, InscribeIn, ListState
from convene.speakers.state import list_state
from convene.speakers.tables import SpeakerList
from convene.translation import gettext as _


async def person_of(settings: Settings, token: str) -> tuple[dict[str, Any], int]:
    registration_id, sitting_id = read_token(settings.secret_key, token)
    person = (
        await Registration.select(
            Registration.id,
            Registration.delegation,
            Registration.mode,
            Registration.status,
            Registration.delegation.entity.short_name.as_alias("entity"),  # type: ignore[union-attr]
        )
        .where(Registration.id == registration_id)
        .first()
    )
    if person is None or person["status"] != RegistrationStatus.APPROVED.value:
        raise NotFound(_("Link not found"))
    return person, sitting_id


async def current_list(sitting_id: int) -> int:
    """The sitting's list most recently opened (the item under discussion), or 404."""
    row = (
        await SpeakerList.select(SpeakerList.id)
        .where(SpeakerList.sitting == sitting_id)
        .order_by(SpeakerList.id, ascending=False)
        .first()
    )
    if row is None:
        raise NotFound(_("List of speakers not found"))
    return int(row["id"])


async def floor_view(settings: Settings, token: str) -> FloorView:
    person, sitting_id = await person_of(settings, token)
    state = await list_state(await current_list(sitting_id))
    mine = [
        entry
        for entry in ([state.current] if state.current else []) + state.waiting
        if entry.delegation_id == person["delegation"]
    ]
    listening = person["mode"] == AttendanceMode.ONLINE_LISTENING.value
    return FloorView(
        state=state,
        registration_id=person["id"],
        delegation_id=person["delegation"],
        entity=person["entity"],
        may_ask=not listening,
        why_not=_("Online listening participants cannot ask for the floor") if listening else "",
        mine=mine,
        positions={entry.id: place for place, entry in enumerate(state.waiting, start=1)},
    )


async def ask(settings: Settings, token: str, data: FloorRequestIn) -> ListState:
    person, sitting_id = await person_of(settings, token)
    request = InscribeIn(
        delegation_id=person["delegation"],
        kind=data.kind,
        registration_id=person["id"],
        on_behalf_of=data.on_behalf_of,
        statement_text=data.statement_text,
    )
    return await services.inscribe(None, await current_list(sitting_id), request)


async def withdraw(settings: Settings, token: str, entry_id: int) -> ListState:
    person, sitting_id = await person_of(settings, token)
    list_id = await current_list(sitting_id)
    return await services.withdraw(
        None, list_id, entry_id, None, delegation_id=person["delegation"]
    )
