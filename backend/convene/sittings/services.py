"""Sitting rules: inside the session's days (venue time), one sitting per room at a time.

Times are stored in UTC and shown in the venue's zone, so a sitting at 10:00
in Vienna stays at 10:00 local time across a daylight-saving change.
``sequence`` rises whenever a calendar must hear of a change. Every write
publishes what changed (:mod:`convene.sittings.events`) for calendars and the
audit log to hear, in its transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

import msgspec

from convene.accounts.access import Actor
from convene.agenda.services import item_numbers
from convene.agenda.tables import AgendaItem
from convene.api.patches import given_fields
from convene.db import columns, locked_transaction
from convene.errors import NotFound, RuleViolation
from convene.events.bus import publish
from convene.meetings.lookups import session_row, sessions_of_body
from convene.multilingual import in_language, stored_texts
from convene.meetings.tables import Session
from convene.meetings.timezones import in_zone, local_day_bounds, venue_instant
from convene.meetings.vocabulary import SessionFormat, SessionStatus
from convene.reports.texts import long_date
from convene.sittings.events import SittingChanged, SittingRevised
from convene.sittings.schemas import SittingIn, SittingOut, SittingPatch, TakenUpItem
from convene.sittings.tables import Sitting, SittingItem
from convene.translation import gettext

SCHEDULED = "scheduled"
CANCELLED = "cancelled"
# A change to any of these is news to a calendar (iCalendar SEQUENCE).
NOTIFIABLE = ("title", "starts_at", "ends_at", "room", "online_link", "status")
# A session's fields that every one of its sittings shows in a calendar (title, place, link, zone).
SHOWN_IN_SITTINGS = (
    "title",
    "venue_name",
    "city",
    "timezone",
    "format",
    "platform_name",
    "join_link",
)
# A session that will not meet on its dates: its sittings are cancelled in every calendar.
CALLED_OFF = {SessionStatus.CANCELLED.value, SessionStatus.POSTPONED.value}


# Reading ---------------------------------------------------------------------


async def list_sittings(session_id: int, *, include_links: bool) -> list[SittingOut]:
    session = await session_row(session_id)
    rows = await Sitting.select().where(Sitting.session == session_id).order_by(Sitting.starts_at, Sitting.id)
    return await _views(rows, session, include_links)


async def get_sitting(sitting_id: int, *, include_links: bool) -> SittingOut:
    row = await _sitting(sitting_id)
    session = await session_row(row["session"])
    return (await _views([row], session, include_links))[0]


async def _views(
    rows: list[dict[str, Any]], session: dict[str, Any], include_links: bool
) -> list[SittingOut]:
    numbers = await item_numbers(session["id"])
    taken_up = await _items_taken_up([row["id"] for row in rows])
    titles = {
        row["id"]: in_language(stored_texts(row, "title"))
        for row in await AgendaItem.select().where(AgendaItem.session == session["id"])
    }
    return [
        _sitting_out(
            row,
            session["timezone"],
            include_links,
            [
                TakenUpItem(id=item_id, number=numbers[item_id], title=titles[item_id])
                for item_id in taken_up[row["id"]]
            ],
        )
        for row in rows
    ]


def _sitting_out(
    row: dict[str, Any], zone: str, include_links: bool, items: list[TakenUpItem]
) -> SittingOut:
    starts_at, ends_at = _utc(row["starts_at"]), _utc(row["ends_at"])
    return SittingOut(
        id=row["id"],
        session_id=row["session"],
        title=row["title"],
        starts_at=starts_at,
        ends_at=ends_at,
        local_starts_at=in_zone(starts_at, zone),
        local_ends_at=in_zone(ends_at, zone),
        timezone=zone,
        room=row["room"],
        status=row["status"],
        sequence=row["sequence"],
        agenda_items=items,
        online_link=row["online_link"] if include_links else None,
    )


async def _items_taken_up(sitting_ids: list[int]) -> dict[int, list[int]]:
    by_sitting: dict[int, list[int]] = defaultdict(list)
    if sitting_ids:
        rows = (
            await SittingItem.select(SittingItem.sitting, SittingItem.agenda_item)
            .where(SittingItem.sitting.is_in(sitting_ids))
            .order_by(SittingItem.position)
        )
        for row in rows:
            by_sitting[row["sitting"]].append(row["agenda_item"])
    return by_sitting


async def sittings_outside(session_id: int, first: date, last: date, zone: str) -> list[str]:
    """Titles of the session's live sittings that would not fit in ``first``..``last``."""
    start, end = local_day_bounds(first, last, zone)
    rows = await Sitting.select(Sitting.title, Sitting.starts_at, Sitting.ends_at).where(
        (Sitting.session == session_id) & (Sitting.status == SCHEDULED)
    )
    return [
        row["title"] for row in rows if _utc(row["starts_at"]) < start or _utc(row["ends_at"]) > end
    ]


# Writing ---------------------------------------------------------------------


async def create_sitting(actor: Actor, session_id: int, data: SittingIn) -> SittingOut:
    session = await session_row(session_id)
    starts_at = _as_utc(data.starts_at, session, "starts_at")
    ends_at = _as_utc(data.ends_at, session, "ends_at")
    room = data.room.strip()
    async with locked_transaction(f"session:{session_id}", _room_lock(session, room)):
        _check_times(starts_at, ends_at, session)
        _check_room_needed(room, session)
        await _check_room_free(room, starts_at, ends_at, session, sitting_id=None)
        await _check_items(session_id, data.agenda_item_ids)
        title = data.title.strip() or await _next_title(session_id)
        sitting = Sitting(
            session=session_id,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            room=room,
            online_link=data.online_link,
        )
        await sitting.save()
        await _set_items(sitting.id, data.agenda_item_ids)
        created = await get_sitting(sitting.id, include_links=True)
        await publish(
            SittingChanged(
                actor=actor,
                action="sitting.created",
                object_id=sitting.id,
                after=_audited(created),
                session_id=session_id,
            )
        )
    return created


async def update_sitting(actor: Actor, sitting_id: int, patch: SittingPatch) -> SittingOut:
    current = await _sitting(sitting_id)
    session = await session_row(current["session"])
    changes = given_fields(patch)
    if current["status"] == CANCELLED:
        raise RuleViolation(gettext("A cancelled sitting cannot be changed"), field="status")
    for field in ("starts_at", "ends_at"):
        if field in changes:
            changes[field] = _as_utc(changes[field], session, field)
    if "room" in changes:
        changes["room"] = changes["room"].strip()
    merged = current | changes
    async with locked_transaction(f"session:{session['id']}", _room_lock(session, merged["room"])):
        before = _audited(await get_sitting(sitting_id, include_links=True))
        _check_times(_utc(merged["starts_at"]), _utc(merged["ends_at"]), session)
        _check_room_needed(merged["room"], session)
        await _check_room_free(
            merged["room"], _utc(merged["starts_at"]), _utc(merged["ends_at"]), session, sitting_id
        )
        item_ids = changes.pop("agenda_item_ids", None)
        retaken = False  # the items a sitting takes up are listed in its calendar description
        if item_ids is not None:
            await _check_items(session["id"], item_ids)
            retaken = (await _items_taken_up([sitting_id]))[sitting_id] != item_ids
            await _set_items(sitting_id, item_ids)
        await _save_changes(sitting_id, current, changes, news=retaken)
        updated = await get_sitting(sitting_id, include_links=True)
        await publish(
            SittingChanged(
                actor=actor,
                action="sitting.changed",
                object_id=sitting_id,
                before=before,
                after=_audited(updated),
                session_id=session["id"],
            )
        )
    return updated


async def cancel_sitting(actor: Actor, sitting_id: int) -> SittingOut:
    """Cancelled sittings stay (calendars must show them cancelled) but free their room."""
    current = await _sitting(sitting_id)
    async with locked_transaction(f"session:{current['session']}"):
        current = await _sitting(sitting_id)  # read again under the lock
        if current["status"] == CANCELLED:
            raise RuleViolation(gettext("The sitting is already cancelled"), field="status")
        await _cancel(actor, current)
    return await get_sitting(sitting_id, include_links=True)


async def follow_session_change(
    actor: Actor | int, before: Mapping[str, Any], after: Mapping[str, Any]
) -> None:
    """Carry a change of the session into its sittings, in the session's transaction.

    ``before`` and ``after`` are the session as the API shows it. Every
    sitting shows its session's title, venue, join link and time zone, so a
    change to those is news for each live sitting (higher SEQUENCE, so an
    update to every delegate's calendar). A session cancelled or postponed
    will not meet on its dates: its sittings are cancelled, and the
    secretariat schedules new ones once the session has new dates.
    """
    called_off = after["status"] in CALLED_OFF and before["status"] != after["status"]
    if not called_off and all(before[field] == after[field] for field in SHOWN_IN_SITTINGS):
        return
    live = await _live_sittings(Sitting.session == after["id"])
    if not called_off:
        await revise(live)
        return
    for row in live:
        await _cancel(actor, row)


async def follow_body_rename(code: str) -> None:
    """A body's name is in the title of each of its sessions, so in each of their sittings."""
    await revise(await _live_sittings(Sitting.session.is_in(sessions_of_body(code))))


async def follow_agenda_change(session_id: int, item_id: int, *, change: str) -> None:
    """A sitting's description lists the items it takes up, with their numbers.

    ``change`` is ``reworded`` (news for the sittings that take the item up),
    ``renumbered`` (an item added or moved may renumber others: news for the
    sittings that take up any item) or ``removed`` (its sittings no longer
    list it, and are no longer known by it: news for every live sitting).
    """
    if change == "removed":
        where = Sitting.session == session_id
    else:
        taking = SittingItem.select(SittingItem.sitting)
        if change == "reworded":
            taking = taking.where(SittingItem.agenda_item == item_id)
        else:
            taking = taking.where(SittingItem.sitting.session == session_id)
        where = Sitting.id.is_in(taking)
    await revise(await _live_sittings(where))


async def revise(rows: list[dict[str, Any]]) -> None:
    """Raise each sitting's SEQUENCE for a change it shows but does not own, and say so."""
    for row in rows:
        await _save_changes(row["id"], row, {}, news=True)
        await publish(SittingRevised(sitting_id=row["id"], session_id=row["session"]))


async def _live_sittings(where: Any) -> list[dict[str, Any]]:
    return await Sitting.select().where(where & (Sitting.status != CANCELLED)).order_by(Sitting.id)


async def _cancel(actor: Actor | int, current: dict[str, Any]) -> None:
    before = _audited(await get_sitting(current["id"], include_links=True))
    await _save_changes(current["id"], current, {"status": CANCELLED})
    after = _audited(await get_sitting(current["id"], include_links=True))
    await publish(
        SittingChanged(
            actor=actor,
            action="sitting.cancelled",
            object_id=current["id"],
            before=before,
            after=after,
            session_id=current["session"],
        )
    )


def _audited(sitting: SittingOut) -> dict[str, Any]:
    return msgspec.to_builtins(sitting)


async def _save_changes(
    sitting_id: int, current: dict[str, Any], changes: dict[str, Any], *, news: bool = False
) -> None:
    """Save the changes; SEQUENCE rises when calendars must hear of them.

    ``news`` says the sitting changed through its session (venue, link, zone).
    """
    notifiable = news or any(
        field in changes and changes[field] != _comparable(current, field) for field in NOTIFIABLE
    )
    values = dict(changes)
    values["updated_at"] = datetime.now(UTC)
    if notifiable:
        values["sequence"] = current["sequence"] + 1
    await Sitting.update(columns(values)).where(Sitting.id == sitting_id)


def _comparable(row: dict[str, Any], field: str) -> Any:
    return _utc(row[field]) if field in {"starts_at", "ends_at"} else row[field]


def _check_times(starts_at: datetime, ends_at: datetime, session: dict[str, Any]) -> None:
    if ends_at <= starts_at:
        raise RuleViolation(
            gettext("A sitting must end after it starts"), field="ends_at", status_code=422
        )
    first, last = local_day_bounds(session["start_date"], session["end_date"], session["timezone"])
    if starts_at < first or ends_at > last:
        raise RuleViolation(
            gettext(
                "The sitting must lie within the session, %(first)s to %(last)s (%(zone)s)",
                first=session["start_date"],
                last=session["end_date"],
                zone=session["timezone"],
            ),
            field="starts_at" if starts_at < first else "ends_at",
            status_code=422,
        )


def _check_room_needed(room: str, session: dict[str, Any]) -> None:
    if not room and session["format"] != SessionFormat.ONLINE.value:
        raise RuleViolation(
            gettext("A sitting of an in-person or hybrid session needs a room"),
            field="room",
            status_code=422,
        )


async def _check_room_free(
    room: str,
    starts_at: datetime,
    ends_at: datetime,
    session: dict[str, Any],
    sitting_id: int | None,
) -> None:
    """Two live sittings at the same venue cannot share a room at the same time."""
    if not room:
        return
    same_venue = Session.select(Session.id).where(
        (Session.venue_name == session["venue_name"]) & (Session.city == session["city"])
    )
    # Rooms compare without regard to case ("Board Room D", "board room d"), in Python
    # so that no character of a room's name acts as an SQL LIKE wildcard.
    candidates = Sitting.select(
        Sitting.id, Sitting.title, Sitting.room, Sitting.starts_at, Sitting.ends_at
    ).where(
        (Sitting.status == SCHEDULED) & (Sitting.room != "") & Sitting.session.is_in(same_venue)
    )
    if sitting_id is not None:
        candidates = candidates.where(Sitting.id != sitting_id)
    for other in await candidates:
        overlaps = _utc(other["starts_at"]) < ends_at and starts_at < _utc(other["ends_at"])
        if overlaps and other["room"].casefold() == room.casefold():
            local = in_zone(_utc(other["starts_at"]), session["timezone"])
            when = f"{long_date(local.date())} {local:%H:%M}"
            raise RuleViolation(
                gettext(
                    "%(room)s is taken by the %(sitting)s at %(time)s",
                    room=other["room"],
                    sitting=other["title"],
                    time=when,
                ),
                field="room",
            )


async def _check_items(session_id: int, item_ids: list[int]) -> None:
    if len(set(item_ids)) != len(item_ids):
        raise RuleViolation(
            gettext("An agenda item is listed twice"), field="agenda_item_ids", status_code=422
        )
    if not item_ids:
        return
    found = await AgendaItem.count().where(
        AgendaItem.id.is_in(item_ids) & (AgendaItem.session == session_id)
    )
    if found != len(item_ids):
        raise RuleViolation(
            gettext("Every item must be on this session's agenda"),
            field="agenda_item_ids",
            status_code=422,
        )


async def _set_items(sitting_id: int, item_ids: list[int]) -> None:
    await SittingItem.delete().where(SittingItem.sitting == sitting_id)
    if item_ids:
        await SittingItem.insert(
            *(
                SittingItem(sitting=sitting_id, agenda_item=item, position=i)
                for i, item in enumerate(item_ids, 1)
            )
        )


async def _next_title(session_id: int) -> str:
    """UN numbering of meetings: "1st meeting", "2nd meeting", ..."""
    count = await Sitting.count().where(Sitting.session == session_id) + 1
    suffix = "th" if 11 <= count % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(count % 10, "th")
    return f"{count}{suffix} meeting"


def _room_lock(session: dict[str, Any], room: str) -> str:
    return f"room:{session['venue_name']}:{session['city']}:{room.casefold()}"


def _as_utc(text: str, session: dict[str, Any], field: str) -> datetime:
    """Parse an ISO time; one without an offset is the venue's local time."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise RuleViolation(
            gettext("%(text)s is not a valid date and time", text=repr(text)),
            field=field,
            status_code=422,
        ) from error
    if moment.tzinfo is None:
        return venue_instant(moment, session["timezone"], field=field)
    return moment.astimezone(UTC)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


async def _sitting(sitting_id: int) -> dict[str, Any]:
    """The sitting as stored, or 404: the one place a missing sitting is answered."""
    row = await Sitting.select().where(Sitting.id == sitting_id).first()
    if row is None:
        raise NotFound(gettext("Sitting not found"))
    return row
