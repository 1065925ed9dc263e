# mypy: disable-error-code="union-attr"
# (Piccolo types a joined column, e.g. SpeakerEntry.delegation.entity, as "Column | Any".)
"""A list of speakers as everyone sees it: who has the floor, who waits in which order."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from convene.errors import NotFound
from convene.meetings.timezones import as_utc
from convene.presence.people import person_name
from convene.speakers.schemas import EntryView, ListState
from convene.speakers.tables import SpeakerEntry, SpeakerList
from convene.speakers.vocabulary import EntryStatus
from convene.translation import gettext

Row = dict[str, Any]


async def list_row(list_id: int) -> Row:
    """The list with its sitting's and item's titles, or 404."""
    row = (
        await SpeakerList.select(
            *SpeakerList.all_columns(),
            SpeakerList.sitting.title.as_alias("sitting_title"),
            SpeakerList.agenda_item.title.as_alias("item_title"),
            SpeakerList.agenda_item.position.as_alias("item_position"),
        )
        .where(SpeakerList.id == list_id)
        .first()
    )
    if row is None:
        raise NotFound(gettext("List of speakers not found"))
    return row


def _person(row: Row, prefix: str) -> str:
    if row[f"{prefix}_family_name"] is None:
        return ""
    return person_name(
        {key: row[f"{prefix}_{key}"] for key in ("honorific", "given_name", "family_name")}
    )


def _people_columns(prefix: str) -> list[Any]:
    person = getattr(SpeakerEntry, prefix)
    return [
        getattr(person, key).as_alias(f"{prefix}_{key}")
        for key in ("honorific", "given_name", "family_name")
    ]


async def entry_rows(where: Any) -> list[Row]:
    """Entries with their entity, category and the names of the named and the actual speaker."""
    entity = SpeakerEntry.delegation.entity
    return list(
        await SpeakerEntry.select(
            *SpeakerEntry.all_columns(),
            entity.short_name.as_alias("entity"),
            entity.category.as_alias("category"),
            *_people_columns("registration"),
            *_people_columns("speaker"),
        )
        .where(where)
        .order_by(SpeakerEntry.position)
        .order_by(SpeakerEntry.id)
    )


def entry_view(row: Row) -> EntryView:
    started = row["timer_started_at"]
    return EntryView(
        id=row["id"],
        delegation_id=row["delegation"],
        entity=row["entity"],
        category=row["category"],
        kind=row["kind"],
        on_behalf_of=row["on_behalf_of"],
        reply_number=row["reply_number"],
        speaker=_person(row, "speaker") or _person(row, "registration"),
        mode=row["mode"],
        limit_seconds=row["limit_seconds"],
        elapsed_seconds=row["elapsed"],
        timer_started_at=as_utc(started) if started is not None else None,
        inscribed_at=as_utc(row["inscribed_at"]),
        has_statement=bool(row["statement_text"]),
    )


async def list_state(list_id: int, *, at: datetime | None = None) -> ListState:
    row = await list_row(list_id)
    return await state_of(row, at=at)


async def state_of(row: Row, *, at: datetime | None = None) -> ListState:
    live = await entry_rows(
        (SpeakerEntry.speaker_list == row["id"])
        & SpeakerEntry.status.is_in([EntryStatus.WAITING.value, EntryStatus.SPEAKING.value])
    )
    spoken = await SpeakerEntry.count().where(
        (SpeakerEntry.speaker_list == row["id"])
        & (SpeakerEntry.status == EntryStatus.SPOKEN.value)
    )
    current = next((r for r in live if r["status"] == EntryStatus.SPEAKING.value), None)
    return ListState(
        list_id=row["id"],
        version=row["version"],
        session_id=row["session"],
        sitting_id=row["sitting"],
        sitting_title=row["sitting_title"],
        agenda_item_id=row["agenda_item"],
        agenda_item=_item_title(row),
        status=row["status"],
        at=at or datetime.now(UTC),
        current=entry_view(current) if current is not None else None,
        waiting=[entry_view(r) for r in live if r["status"] == EntryStatus.WAITING.value],
        spoken=spoken,
    )


def _item_title(row: Row) -> str:
    return f"{row['item_position']}. {row['item_title']}"
