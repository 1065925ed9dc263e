"""The rules of the list of speakers, each change in one transaction under the list's lock.

Every change raises the list's version by one, keeps the version's live message
(:class:`~convene.speakers.tables.SpeakerListNews`) and publishes it on the bus, which gives it to
the audit log and, once committed, to the live viewers. The chair's acts carry the version the
console shows: one made on an older version is refused with 409 and the current list, so two
consoles pressing "next" at once advance the list once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import msgspec

from convene.accounts.access import Actor
from convene.agenda.tables import AgendaItem
from convene.db import locked_transaction
from convene.delegations.tables import Delegation, Registration
from convene.delegations.vocabulary import AttendanceMode, RegistrationStatus
from convene.errors import NotFound, RuleViolation
from convene.events.bus import publish
from convene.meetings.timezones import as_utc
from convene.presence.people import sitting_at
from convene.presence.picture import live_picture
from convene.sittings.tables import SittingItem
from convene.speakers.events import SpeakersChanged
from convene.speakers.floor import Floor, floor_at
from convene.speakers.schemas import (
    Availability,
    CallOut,
    ConsoleView,
    InscribeIn,
    ListState,
    SpeakingTimesOut,
    news_of,
)
from convene.speakers.state import Row, entry_rows, list_row, state_of
from convene.speakers.tables import SpeakerEntry, SpeakerList, SpeakerListNews
from convene.speakers.times import item_times, limit_for, precedence_of
from convene.speakers.vocabulary import (
    KIND_LABELS,
    MAX_REPLIES,
    EntryKind,
    EntryStatus,
    ListStatus,
)
from convene.translation import gettext as _

T = TypeVar("T")
LIVE = [EntryStatus.WAITING.value, EntryStatus.SPEAKING.value]


class StaleVersion(RuleViolation):
    """The console acted on a version of the list that is no longer current."""

    def __init__(self, state: ListState) -> None:
        super().__init__(
            _("The list has changed since your screen showed it; here is the current list"),
            field="version",
            extra={"current": msgspec.to_builtins(state)},
        )


def _lock(list_id: int) -> str:
    return f"speakers:{list_id}"


async def _changing(
    actor: Actor,
    list_id: int,
    action: str,
    work: Callable[[Row, datetime, dict[str, Any]], Awaitable[T]],
    *,
    version: int | None = None,
) -> tuple[T, ListState]:
    """Run ``work`` on the list under its lock, then raise its version and tell everyone."""
    async with locked_transaction(_lock(list_id)):
        row = await list_row(list_id)
        if version is not None and version != row["version"]:
            raise StaleVersion(await state_of(row))
        now = datetime.now(UTC)
        audit: dict[str, Any] = {}
        result = await work(row, now, audit)
        state = await _next_version(actor, row, action, now, audit)
    return result, state


async def _next_version(
    actor: Actor, row: Row, action: str, now: datetime, audit: dict[str, Any]
) -> ListState:
    version = row["version"] + 1
    await SpeakerList.update({SpeakerList.version: version}).where(SpeakerList.id == row["id"])
    fresh = await list_row(row["id"])
    state = await state_of(fresh, at=now)
    news = msgspec.json.encode(news_of(state))
    await SpeakerListNews.insert(
        SpeakerListNews(speaker_list=row["id"], version=version, message=news.decode())
    )
    await publish(
        SpeakersChanged(
            actor=actor,
            action=f"speakers.{action}",
            object_id=row["id"],
            session_id=row["session"],
            after={"version": version} | audit,
            version=version,
            news=news,
        )
    )
    return state


# Opening and closing


async def open_list(actor: Actor, sitting_id: int, agenda_item_id: int) -> ListState:
    """Open the item's list at the sitting (the one already open, if it is)."""
    sitting = await sitting_at(sitting_id)
    if sitting.status == "cancelled":
        raise RuleViolation(_("This sitting was cancelled"), field="sitting_id")
    item = await AgendaItem.select(AgendaItem.session).where(AgendaItem.id == agenda_item_id).first()
    if item is None or item["session"] != sitting.session_id:
        raise RuleViolation(
            _("No agenda item of this session has this id"),
            field="agenda_item_id",
            status_code=404,
        )
    async with locked_transaction(f"speakers-open:{sitting_id}"):
        existing = await SpeakerList.select(SpeakerList.id).where(
            (SpeakerList.sitting == sitting_id) & (SpeakerList.agenda_item == agenda_item_id)
        ).first()
        if existing is not None:
            row = await list_row(existing["id"])
            return await state_of(row)
        created = await SpeakerList.insert(
            SpeakerList(session=sitting.session_id, sitting=sitting_id, agenda_item=agenda_item_id)
        ).returning(SpeakerList.id)
        row = await list_row(created[0]["id"])
        row["version"] = 0  # the first version is 1, as kept in the news
        await SpeakerList.update({SpeakerList.version: 0}).where(SpeakerList.id == row["id"])
        return await _next_version(
            actor, row, "opened", datetime.now(UTC), {"agenda_item": agenda_item_id}
        )


async def sitting_lists(sitting_id: int) -> list[Row]:
    """The sitting's lists, with their items, in the order of the agenda."""
    await sitting_at(sitting_id)
    return list(
        await SpeakerList.select(
            SpeakerList.id,
            SpeakerList.status,
            SpeakerList.agenda_item,
            SpeakerList.agenda_item.title.as_alias("item_title"),
            SpeakerList.agenda_item.position.as_alias("item_position"),
        )
        .where(SpeakerList.sitting == sitting_id)
        .order_by(SpeakerList.agenda_item.position)
    )


async def sitting_items(sitting_id: int) -> list[Row]:
    """The agenda items the sitting takes up, for opening a list."""
    return list(
        await SittingItem.select(
            SittingItem.agenda_item.as_alias("id"),
            SittingItem.agenda_item.title.as_alias("title"),
            SittingItem.agenda_item.position.as_alias("position"),
        )
        .where(SittingItem.sitting == sitting_id)
        .order_by(SittingItem.position)
    )


async def set_status(actor: Actor, list_id: int, version: int, status: ListStatus) -> ListState:
    """Close the list (points of order and rights of reply are still taken), or open it again."""

    async def change(row: Row, now: datetime, audit: dict[str, Any]) -> None:
        await SpeakerList.update({SpeakerList.status: status.value}).where(
            SpeakerList.id == row["id"]
        )

    action = "closed" if status is ListStatus.CLOSED else "reopened"
    return (await _changing(actor, list_id, action, change, version=version))[1]


# Asking for the floor


async def inscribe(actor: Actor, list_id: int, data: InscribeIn) -> ListState:
    """Put the delegation on the list where the rules place it; the chair may move it later."""
    kind = data.kind
    if kind is EntryKind.GROUP_STATEMENT and not data.on_behalf_of.strip():
        raise RuleViolation(
            _("Say on whose behalf the statement is made"), field="on_behalf_of", status_code=422
        )

    async def add(row: Row, now: datetime, audit: dict[str, Any]) -> None:
        if row["status"] == ListStatus.CLOSED.value and kind.band == 1:
            raise RuleViolation(
                _("The list of speakers is closed; only points of order and rights of reply"),
                field="kind",
            )
        delegation = await _delegation(row, data.delegation_id)
        await _check_person(row, data.delegation_id, data.registration_id)
        await _check_not_waiting(row, data.delegation_id, kind)
        replies = await _replies_so_far(row, data.delegation_id) if kind.band == 2 else 0
        times = await item_times(row["agenda_item"])
        place = await _place(row, precedence_of(times, kind, delegation["category"]), times)
        await _shift_from(row, place)
        audit.update(delegation=delegation["entity"], kind=kind.value, position=place)
        await SpeakerEntry.insert(
            SpeakerEntry(
                speaker_list=row["id"],
                delegation=data.delegation_id,
                registration=data.registration_id,
                kind=kind.value,
                on_behalf_of=data.on_behalf_of.strip(),
                reply_number=replies + 1 if kind.band == 2 else 0,
                position=place,
                limit_seconds=limit_for(times, kind, delegation["category"], replies + 1),
                inscribed_at=now,
                statement_text=data.statement_text,
                inscribed_by=actor.id if actor is not None else None,
            )
        )

    return (await _changing(actor, list_id, "inscribed", add))[1]


async def _delegation(row: Row, delegation_id: int) -> Row:
    found = (
        await Delegation.select(
            Delegation.id,
            Delegation.session,
            Delegation.entity.short_name.as_alias("entity"),
            Delegation.entity.category.as_alias("category"),
        )
        .where(Delegation.id == delegation_id)
        .first()
    )
    if found is None or found["session"] != row["session"]:
        raise RuleViolation(
            _("No delegation of this session has this id"), field="delegation_id", status_code=404
        )
    return found


async def _check_person(row: Row, delegation_id: int, registration_id: int | None) -> None:
    """A person named must be an approved member of the delegation, and not only listening."""
    if registration_id is None:
        return
    person = await Registration.select(
        Registration.delegation, Registration.status, Registration.mode
    ).where(Registration.id == registration_id).first()
    if (
        person is None
        or person["delegation"] != delegation_id
        or person["status"] != RegistrationStatus.APPROVED.value
    ):
        raise RuleViolation(
            _("No approved member of this delegation has this id"),
            field="registration_id",
            status_code=404,
        )
    if person["mode"] == AttendanceMode.ONLINE_LISTENING.value:
        raise RuleViolation(
            _("Online listening participants cannot ask for the floor"), field="registration_id"
        )


async def _check_not_waiting(row: Row, delegation_id: int, kind: EntryKind) -> None:
    if kind is EntryKind.POINT_OF_ORDER:
        return
    waiting = await SpeakerEntry.exists().where(
        (SpeakerEntry.speaker_list == row["id"])
        & (SpeakerEntry.delegation == delegation_id)
        & (SpeakerEntry.kind == kind.value)
        & (SpeakerEntry.status == EntryStatus.WAITING.value)
    )
    if waiting:
        raise RuleViolation(
            _("This delegation is already on the list for: %(kind)s", kind=_(KIND_LABELS[kind])),
            field="kind",
        )


async def _replies_so_far(row: Row, delegation_id: int) -> int:
    """Rights of reply the delegation has asked for on this item, at any sitting."""
    replies = await SpeakerEntry.count().where(
        SpeakerEntry.speaker_list.is_in(
            SpeakerList.select(SpeakerList.id).where(SpeakerList.agenda_item == row["agenda_item"])
        )
        & (SpeakerEntry.delegation == delegation_id)
        & (SpeakerEntry.kind == EntryKind.RIGHT_OF_REPLY.value)
        & (SpeakerEntry.status != EntryStatus.WITHDRAWN.value)
    )
    if replies >= MAX_REPLIES:
        raise RuleViolation(
            _("A delegation has at most two rights of reply on an agenda item"), field="kind"
        )
    return int(replies)


async def _waiting(row: Row) -> list[Row]:
    return await entry_rows(
        (SpeakerEntry.speaker_list == row["id"])
        & (SpeakerEntry.status == EntryStatus.WAITING.value)
    )


async def _place(row: Row, key: tuple[int, int], times: SpeakingTimesOut) -> int:
    """The position of a new entry: after every waiting entry the rules take before or with it."""
    waiting = await _waiting(row)
    before = [
        r for r in waiting if precedence_of(times, EntryKind(r["kind"]), r["category"]) <= key
    ]
    return (before[-1]["position"] + 1) if before else 1


async def _shift_from(row: Row, place: int) -> None:
    """Make room at ``place``: the waiting entries from there on move down by one."""
    await SpeakerEntry.update({SpeakerEntry.position: SpeakerEntry.position + 1}).where(
        (SpeakerEntry.speaker_list == row["id"])
        & (SpeakerEntry.status == EntryStatus.WAITING.value)
        & (SpeakerEntry.position >= place)
    )


async def _renumber(entries: list[Row]) -> None:
    for number, entry in enumerate(entries, start=1):
        if entry["position"] != number:
            await SpeakerEntry.update({SpeakerEntry.position: number}).where(
                SpeakerEntry.id == entry["id"]
            )


# The chair's acts


async def call(actor: Actor, list_id: int, version: int, entry_id: int | None) -> CallOut:
    """End the current speaker's turn and give the floor to the next who can take it.

    Those first in line whose delegation has no one who can speak now are passed over and keep
    their places; the answer says why. With ``entry_id`` the chair calls that entry out of turn,
    and is refused (with the reason) if its delegation cannot speak.
    """

    async def give_floor(row: Row, now: datetime, audit: dict[str, Any]) -> list[Availability]:
        floor = await floor_at(row["sitting"])
        waiting = await _waiting(row)
        chosen, passed = _choose(floor, waiting, entry_id)
        await _end_current(row, now)
        if chosen is not None:
            entry, speaker = chosen
            await SpeakerEntry.update(
                {
                    SpeakerEntry.status: EntryStatus.SPEAKING.value,
                    SpeakerEntry.called_at: now,
                    SpeakerEntry.speaker: speaker.registration_id,
                    SpeakerEntry.mode: speaker.mode.value,
                }
            ).where(SpeakerEntry.id == entry["id"])
            await _renumber([r for r in waiting if r["id"] != entry["id"]])
            audit.update(entry=entry["id"], delegation=entry["entity"], mode=speaker.mode.value)
        audit["passed_over"] = [a.entry_id for a in passed]
        return passed

    passed, state = await _changing(actor, list_id, "called", give_floor, version=version)
    return CallOut(state=state, passed_over=passed)


def _choose(
    floor: Floor, waiting: list[Row], entry_id: int | None
) -> tuple[tuple[Row, Any] | None, list[Availability]]:
    if entry_id is not None:
        entry = next((r for r in waiting if r["id"] == entry_id), None)
        if entry is None:
            raise RuleViolation(_("No waiting entry has this id"), field="entry_id", status_code=404)
        speaker = floor.speaker_for(entry["delegation"], entry["registration"])
        if speaker is None:
            raise RuleViolation(floor.why_not(entry["delegation"], entry["entity"]), field="entry_id")
        return (entry, speaker), []
    passed: list[Availability] = []
    for entry in waiting:
        speaker = floor.speaker_for(entry["delegation"], entry["registration"])
        if speaker is not None:
            return (entry, speaker), passed
        passed.append(availability(floor, entry))
    return None, passed


def availability(floor: Floor, entry: Row) -> Availability:
    speaker = floor.speaker_for(entry["delegation"], entry["registration"])
    if speaker is None:
        return Availability(entry["id"], False, "", "", floor.why_not(entry["delegation"], entry["entity"]))
    return Availability(entry["id"], True, speaker.name, speaker.mode.value, "")


async def _current(row: Row) -> Row | None:
    return await SpeakerEntry.select().where(
        (SpeakerEntry.speaker_list == row["id"])
        & (SpeakerEntry.status == EntryStatus.SPEAKING.value)
    ).first()


def _spoken_seconds(entry: Row, now: datetime) -> int:
    started = entry["timer_started_at"]
    running = (now - as_utc(started)).total_seconds() if started is not None else 0
    return int(entry["elapsed"] + running)


async def _end_current(row: Row, now: datetime) -> None:
    current = await _current(row)
    if current is None:
        return
    await SpeakerEntry.update(
        {
            SpeakerEntry.status: EntryStatus.SPOKEN.value,
            SpeakerEntry.elapsed: _spoken_seconds(current, now),
            SpeakerEntry.timer_started_at: None,
            SpeakerEntry.ended_at: now,
        }
    ).where(SpeakerEntry.id == current["id"])


async def timer(actor: Actor, list_id: int, version: int, action: str) -> ListState:
    """Start or pause the current speaker's timer, or stop: their turn ends."""

    async def change(row: Row, now: datetime, audit: dict[str, Any]) -> None:
        current = await _current(row)
        if current is None:
            raise RuleViolation(_("No one has the floor"), field="action")
        if action == "stop":
            await _end_current(row, now)
        elif action == "start" and current["timer_started_at"] is None:
            await SpeakerEntry.update({SpeakerEntry.timer_started_at: now}).where(
                SpeakerEntry.id == current["id"]
            )
        elif action == "pause" and current["timer_started_at"] is not None:
            await SpeakerEntry.update(
                {
                    SpeakerEntry.elapsed: _spoken_seconds(current, now),
                    SpeakerEntry.timer_started_at: None,
                }
            ).where(SpeakerEntry.id == current["id"])

    names = {"start": "timer_started", "pause": "timer_paused", "stop": "finished"}
    return (await _changing(actor, list_id, names[action], change, version=version))[1]


async def skip(actor: Actor, list_id: int, version: int) -> ListState:
    """The speaker called is not at the microphone: back to the head of those waiting."""

    async def change(row: Row, now: datetime, audit: dict[str, Any]) -> None:
        current = await _current(row)
        if current is None:
            raise RuleViolation(_("No one has the floor"), field="version")
        waiting = await _waiting(row)
        await SpeakerEntry.update(
            {
                SpeakerEntry.status: EntryStatus.WAITING.value,
                SpeakerEntry.called_at: None,
                SpeakerEntry.timer_started_at: None,
                SpeakerEntry.elapsed: 0,
                SpeakerEntry.speaker: None,
                SpeakerEntry.mode: "",
            }
        ).where(SpeakerEntry.id == current["id"])
        ahead = [r for r in waiting if r["kind"] == EntryKind.POINT_OF_ORDER.value]
        rest = [r for r in waiting if r["kind"] != EntryKind.POINT_OF_ORDER.value]
        await _renumber([*ahead, current, *rest])

    return (await _changing(actor, list_id, "skipped", change, version=version))[1]


async def move(actor: Actor, list_id: int, entry_id: int, version: int, position: int) -> ListState:
    """The chair moves a waiting entry to another place (the audit log keeps where from)."""

    async def change(row: Row, now: datetime, audit: dict[str, Any]) -> None:
        waiting = await _waiting(row)
        entry = next((r for r in waiting if r["id"] == entry_id), None)
        if entry is None:
            raise RuleViolation(_("No waiting entry has this id"), field="entry_id", status_code=404)
        others = [r for r in waiting if r["id"] != entry_id]
        place = min(position, len(waiting)) - 1
        await _renumber([*others[:place], entry, *others[place:]])
        audit.update(entry=entry_id, delegation=entry["entity"], to=place + 1)
        audit["from"] = waiting.index(entry) + 1

    return (await _changing(actor, list_id, "moved", change, version=version))[1]


async def withdraw(
    actor: Actor, list_id: int, entry_id: int, version: int | None, *, delegation_id: int | None = None
) -> ListState:
    """A waiting entry leaves the list (the chair's act, or the delegation's own)."""

    async def change(row: Row, now: datetime, audit: dict[str, Any]) -> None:
        waiting = await _waiting(row)
        entry = next((r for r in waiting if r["id"] == entry_id), None)
        if entry is None or (delegation_id is not None and entry["delegation"] != delegation_id):
            raise RuleViolation(_("No waiting entry has this id"), field="entry_id", status_code=404)
        audit.update(entry=entry_id, delegation=entry["entity"])
        await SpeakerEntry.update({SpeakerEntry.status: EntryStatus.WITHDRAWN.value}).where(
            SpeakerEntry.id == entry_id
        )
        await _renumber([r for r in waiting if r["id"] != entry_id])

    return (await _changing(actor, list_id, "withdrawn", change, version=version))[1]


async def news_since(list_id: int, version: int) -> list[tuple[int, str]]:
    """The live messages of the versions after ``version``, oldest first, for a viewer back."""
    rows = await SpeakerListNews.select(SpeakerListNews.version, SpeakerListNews.message).where(
        (SpeakerListNews.speaker_list == list_id) & (SpeakerListNews.version > version)
    ).order_by(SpeakerListNews.version)
    return [(row["version"], row["message"]) for row in rows]


async def console(list_id: int) -> ConsoleView:
    """The list, who of those waiting can speak now (or why not), and the sitting's quorum."""
    row = await list_row(list_id)
    state = await state_of(row)
    floor = await floor_at(row["sitting"])
    shown = await live_picture(row["sitting"])
    return ConsoleView(
        state=state,
        availability=[availability(floor, entry) for entry in await _waiting(row)],
        quorum_met=shown.quorum.met,
        quorum_present=shown.quorum.states_parties_present,
        quorum_needed=shown.quorum.needed_to_open,
    )


async def delegation_entity(delegation_id: int) -> int | None:
    """The entity of the delegation (whose focal point may inscribe it), or None."""
    row = await Delegation.select(Delegation.entity).where(Delegation.id == delegation_id).first()
    return None if row is None else int(row["entity"])


async def session_delegations(session_id: int) -> list[Row]:
    """The session's delegations with their entities' names, for the console's inscription."""
    return list(
        await Delegation.select(
            Delegation.id, Delegation.entity.short_name.as_alias("entity")
        )
        .where(Delegation.session == session_id)
        .order_by(Delegation.entity.short_name)
    )


async def attach_statement(list_id: int, entry_id: int, delegation_id: int, text: str) -> None:
    """The delegation's written statement on its entry, waiting or speaking."""

    async def change(row: Row, now: datetime, audit: dict[str, Any]) -> None:
        entry = await SpeakerEntry.select(SpeakerEntry.delegation, SpeakerEntry.status).where(
            (SpeakerEntry.id == entry_id) & (SpeakerEntry.speaker_list == row["id"])
        ).first()
        if (
            entry is None
            or entry["delegation"] != delegation_id
            or entry["status"] not in LIVE
        ):
            raise RuleViolation(_("No waiting entry has this id"), field="entry_id", status_code=404)
        await SpeakerEntry.update({SpeakerEntry.statement_text: text}).where(
            SpeakerEntry.id == entry_id
        )
        audit.update(entry=entry_id)

    await _changing(None, list_id, "statement_attached", change)


async def open_lists() -> list[Row]:
    """Lists still open, the latest first: where interpreters look for statements ahead."""
    return list(
        await SpeakerList.select(
            SpeakerList.id,
            SpeakerList.sitting.title.as_alias("sitting_title"),
            SpeakerList.agenda_item.title.as_alias("item_title"),
            SpeakerList.agenda_item.position.as_alias("item_position"),
        )
        .where(SpeakerList.status == ListStatus.OPEN.value)
        .order_by(SpeakerList.id, ascending=False)
        .limit(20)
    )
