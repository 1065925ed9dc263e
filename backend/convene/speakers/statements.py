"""Written statements: a speaker attaches the text to their entry; the secretariat and the
interpreters read it before delivery; everyone may once it has been delivered ("check against
delivery": the spoken word prevails)."""

from __future__ import annotations

from typing import Any

from convene.accounts.access import Actor, role_of
from convene.accounts.roles import Role
from convene.errors import NotFound
from convene.settings import Settings
from convene.speakers import services
from convene.speakers.delegates import person_of, current_list
from convene.speakers.schemas import StatementOut
from convene.speakers.state import entry_rows, entry_view
from convene.speakers.tables import SpeakerEntry
from convene.speakers.vocabulary import EntryStatus
from convene.translation import gettext

READERS = {Role.SECRETARIAT, Role.INTERPRETER}


async def attach(settings: Settings, token: str, entry_id: int, text: str) -> StatementOut:
    """The delegate attaches (or replaces) the written statement of their delegation's entry."""
    person, sitting_id = await person_of(settings, token)
    list_id = await current_list(sitting_id)
    await services.attach_statement(list_id, entry_id, person["delegation"], text)
    return await statement(None, entry_id, reader=True)


async def statement(actor: Actor, entry_id: int, *, reader: bool = False) -> StatementOut:
    """The statement, for the secretariat and interpreters at any time, for others once delivered."""
    rows = await entry_rows(SpeakerEntry.id == entry_id)
    if not rows or not rows[0]["statement_text"]:
        raise NotFound(gettext("Statement not found"))
    row = rows[0]
    delivered = row["status"] == EntryStatus.SPOKEN.value
    if not (reader or delivered or role_of(actor) in READERS):
        raise NotFound(gettext("Statement not found"))
    return _out(row)


def _out(row: dict[str, Any]) -> StatementOut:
    view = entry_view(row)
    return StatementOut(
        entry_id=view.id,
        entity=view.entity,
        kind=view.kind,
        speaker=view.speaker,
        status=row["status"],
        delivered=row["status"] == EntryStatus.SPOKEN.value,
        text=row["statement_text"],
    )


async def before_delivery(list_id: int) -> list[StatementOut]:
    """The list's statements not yet delivered, in the order of the list: the interpreters' desk."""
    rows = await entry_rows(
        (SpeakerEntry.speaker_list == list_id)
        & SpeakerEntry.status.is_in([EntryStatus.SPEAKING.value, EntryStatus.WAITING.value])
        & (SpeakerEntry.statement_text != "")
    )
    rows.sort(key=lambda r: (r["status"] != EntryStatus.SPEAKING.value, r["position"]))
    return [_out(row) for row in rows]
