"""Writing and reading the audit log.

:func:`record` is called inside the transaction of the write it describes
(the audit log subscribes to every change, see :mod:`convene.audit.subscribers`),
so that the log and the data can never disagree: if the change is rolled back,
so is its entry. A transaction's entries are written together as it commits.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import msgspec
from piccolo.custom_types import Combinable

from convene.accounts.tables import Account
from convene.audit.schemas import AuditEntryOut
from convene.audit.tables import AuditEntry
from convene.db import write_at_commit
from convene.events.changes import Snapshot
from convene.statements import insert_rows


async def record(
    actor: Account | int | None,
    action: str,
    object_type: str,
    object_id: int | str | None,
    before: Snapshot | None = None,
    after: Snapshot | None = None,
    session_id: int | None = None,
) -> None:
    """Log one change by ``actor`` (an account, its id, or None for the system or the public).

    ``before``/``after`` are the object's fields as they were and became (None
    when it did not exist before, or no longer exists); dates, decimals and
    enums are stored as JSON strings. ``session_id`` ties the entry to a
    meeting session, so the secretariat can read one session's history.
    """
    actor_id, actor_name = await _actor(actor)
    entry = (
        datetime.now(UTC),
        actor_id,
        actor_name,
        action,
        object_type,
        None if object_id is None else str(object_id),
        _json(before),
        _json(after),
        session_id,
    )
    write_at_commit("audit", entry, _write)


ENTRY_COLUMNS = (
    "at",
    "actor",
    "actor_name",
    "action",
    "object_type",
    "object_id",
    "before",
    "after",
    "session_id",
)


async def _write(entries: list[tuple[Any, ...]]) -> None:
    """The transaction's entries, in the order of their changes, as it commits."""
    await insert_rows(AuditEntry, ENTRY_COLUMNS, entries)


async def _actor(actor: Account | int | None) -> tuple[int | None, str]:
    if actor is None:
        return None, ""
    if isinstance(actor, Account):
        return actor.id, actor.full_name
    row = await Account.select(Account.full_name).where(Account.id == actor).first()
    return actor, row["full_name"] if row else ""


def _json(value: Snapshot | None) -> str | None:
    return None if value is None else msgspec.json.encode(dict(value)).decode()


async def list_entries(
    *,
    session_id: int | None = None,
    actor_id: int | None = None,
    action: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    person: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[AuditEntryOut], int]:
    """A page of entries, newest first, and how many match in all (``person``: part of the
    name of who made the change, as it was then)."""
    where = _filters(session_id, actor_id, action, object_type, object_id)
    if person:
        by_person = AuditEntry.actor_name.ilike(f"%{person.strip()}%")
        where = by_person if where is None else where & by_person
    query = (
        AuditEntry.select()
        .order_by(AuditEntry.at, ascending=False)
        .order_by(AuditEntry.id, ascending=False)
    )
    count_query = AuditEntry.count()
    if where is not None:
        query, count_query = query.where(where), count_query.where(where)
    rows = await query.limit(limit).offset(offset)
    return [_entry_out(row) for row in rows], await count_query


async def object_types() -> list[str]:
    """The kinds of object the log names (registration, session ...), for a filter's choices."""
    rows = await AuditEntry.select(AuditEntry.object_type).distinct()
    return sorted(row["object_type"] for row in rows)


def _filters(
    session_id: int | None,
    actor_id: int | None,
    action: str | None,
    object_type: str | None,
    object_id: str | None,
) -> Combinable | None:
    conditions = [
        condition
        for value, condition in (
            (session_id, AuditEntry.session_id == session_id),
            (actor_id, AuditEntry.actor == actor_id),
            (action, AuditEntry.action == action),
            (object_type, AuditEntry.object_type == object_type),
            (object_id, AuditEntry.object_id == object_id),
        )
        if value is not None
    ]
    combined: Combinable | None = None
    for condition in conditions:
        combined = condition if combined is None else combined & condition
    return combined


def _entry_out(row: dict[str, Any]) -> AuditEntryOut:
    return AuditEntryOut(
        id=row["id"],
        at=row["at"],
        actor_id=row["actor"],
        actor_name=row["actor_name"],
        action=row["action"],
        object_type=row["object_type"],
        object_id=row["object_id"],
        before=_loaded(row["before"]),
        after=_loaded(row["after"]),
        session_id=row["session_id"],
    )


def _loaded(value: str | dict[str, Any] | None) -> dict[str, Any] | None:
    if value is None or isinstance(value, dict):
        return value
    return msgspec.json.decode(value)
