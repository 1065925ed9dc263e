"""Speaking times: per body, overridable per agenda item; the defaults are UN practice.

Statements 5 minutes (3 for observers), rights of reply 5 minutes the first time and 3 the
second. The limit of an entry is fixed when it is inscribed, from the item's limits if it has
its own, else its session's first body's.
"""

from __future__ import annotations

from typing import Any

from convene.accounts.access import Actor
from convene.agenda.tables import AgendaItem
from convene.db import locked_transaction
from convene.entities.categories import Category
from convene.errors import NotFound, RuleViolation
from convene.events.bus import publish
from convene.meetings.tables import Body, SessionPart
from convene.speakers.events import SpeakingSetupChanged
from convene.speakers.schemas import SpeakingTimesIn, SpeakingTimesOut
from convene.speakers.tables import SpeakingTimes
from convene.speakers.vocabulary import DEFAULT_PRECEDENCE, GROUP, OBSERVERS, EntryKind
from convene.translation import gettext

LIMITS = (
    "statement",
    "observer_statement",
    "group_statement",
    "point_of_order",
    "first_reply",
    "second_reply",
    "explanation",
)


def _out(row: dict[str, Any] | None, source: str) -> SpeakingTimesOut:
    if row is None:
        defaults = SpeakingTimesIn()
        return SpeakingTimesOut(
            **{name: getattr(defaults, name) for name in LIMITS},
            precedence=list(DEFAULT_PRECEDENCE),
            source="default",
        )
    precedence = [part for part in row["precedence"].split(",") if part]
    return SpeakingTimesOut(
        **{name: row[name] for name in LIMITS},
        precedence=precedence or list(DEFAULT_PRECEDENCE),
        source=source,
    )


async def _body_id(code: str) -> int:
    row = await Body.select(Body.id).where(Body.code == code).first()
    if row is None:
        raise NotFound(gettext("Body %(code)s not found", code=code))
    return int(row["id"])


async def body_times(code: str) -> SpeakingTimesOut:
    body_id = await _body_id(code)
    row = await SpeakingTimes.select().where(SpeakingTimes.body == body_id).first()
    return _out(row, "body")


async def item_times(agenda_item_id: int) -> SpeakingTimesOut:
    """The item's own limits, else its session's first body's, else the defaults."""
    row = await SpeakingTimes.select().where(SpeakingTimes.agenda_item == agenda_item_id).first()
    if row is not None:
        return _out(row, "agenda_item")
    item = await AgendaItem.select(AgendaItem.session).where(AgendaItem.id == agenda_item_id).first()
    if item is None:
        raise NotFound(gettext("Agenda item not found"))
    part = (
        await SessionPart.select(SessionPart.body)
        .where(SessionPart.session == item["session"])
        .order_by(SessionPart.position)
        .first()
    )
    if part is None:
        return _out(None, "default")
    body = await SpeakingTimes.select().where(SpeakingTimes.body == part["body"]).first()
    return _out(body, "body")


def _checked_precedence(precedence: list[str] | None) -> str:
    if precedence is None:
        return ""
    if sorted(precedence) != sorted(DEFAULT_PRECEDENCE):
        raise RuleViolation(
            gettext(
                "The order of precedence must name each class once: %(classes)s",
                classes=", ".join(DEFAULT_PRECEDENCE),
            ),
            field="precedence",
            status_code=422,
        )
    return ",".join(precedence)


async def set_body_times(actor: Actor, code: str, data: SpeakingTimesIn) -> SpeakingTimesOut:
    body_id = await _body_id(code)
    await _replace(actor, SpeakingTimes.body == body_id, {"body": body_id}, data, f"body:{code}")
    return await body_times(code)


async def set_item_times(
    actor: Actor, agenda_item_id: int, data: SpeakingTimesIn
) -> SpeakingTimesOut:
    item = await AgendaItem.select(AgendaItem.id).where(AgendaItem.id == agenda_item_id).first()
    if item is None:
        raise NotFound(gettext("Agenda item not found"))
    where = SpeakingTimes.agenda_item == agenda_item_id
    await _replace(actor, where, {"agenda_item": agenda_item_id}, data, f"item:{agenda_item_id}")
    return await item_times(agenda_item_id)


async def _replace(
    actor: Actor, where: Any, owner: dict[str, int], data: SpeakingTimesIn, name: str
) -> None:
    precedence = _checked_precedence(data.precedence)
    values = {limit: getattr(data, limit) for limit in LIMITS}
    async with locked_transaction(f"speaking-times:{name}"):
        await SpeakingTimes.delete().where(where)
        await SpeakingTimes.insert(
            SpeakingTimes.from_dict({**owner, **values, "precedence": precedence})
        )
        await publish(
            SpeakingSetupChanged(
                actor=actor,
                action="speaking_times.set",
                object_id=name,
                after=values | {"precedence": precedence},
            )
        )


def limit_for(times: SpeakingTimesOut, kind: EntryKind, category: str, reply_number: int) -> int:
    """The seconds an entry of this kind, by this category of participant, may speak."""
    if kind is EntryKind.STATEMENT:
        observer = Category(category) in OBSERVERS
        return times.observer_statement if observer else times.statement
    if kind is EntryKind.RIGHT_OF_REPLY:
        return times.first_reply if reply_number <= 1 else times.second_reply
    return {
        EntryKind.GROUP_STATEMENT: times.group_statement,
        EntryKind.POINT_OF_ORDER: times.point_of_order,
        EntryKind.EXPLANATION: times.explanation,
    }[kind]


def precedence_of(times: SpeakingTimesOut, kind: EntryKind, category: str) -> tuple[int, int]:
    """Where an entry goes: its band (points of order, the rest, rights of reply), then its
    class in the body's order of precedence."""
    if kind.band != 1:
        return kind.band, 0  # points of order and rights of reply: in the order they came
    name = GROUP if kind is EntryKind.GROUP_STATEMENT else category
    rank = times.precedence.index(name) if name in times.precedence else len(times.precedence)
    return kind.band, rank
