"""How Convene uses its database connections: rows written and found by lists, on both engines,
with one statement whatever the list's length; and a served worker's pool, open from the start."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from convene.app import create_app
from convene.audit.tables import AuditEntry
from convene.db import locked_transaction
from convene.settings import Settings
from convene.statements import insert_rows, is_among
from tests.conftest import running

ON_POSTGRES = pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
COLUMNS = ("at", "action", "object_type", "object_id")


def _entries(*object_ids: str) -> list[tuple[datetime, str, str, str]]:
    return [(datetime.now(UTC), "test.written", "thing", oid) for oid in object_ids]


async def test_rows_written_together_come_back_in_their_order(app: object) -> None:
    assert await insert_rows(AuditEntry, COLUMNS, []) == []
    written = await insert_rows(
        AuditEntry, COLUMNS, _entries("a", "b", "c"), returning=("id", "object_id")
    )

    assert [row["object_id"] for row in written] == ["a", "b", "c"]
    assert [row["id"] for row in written] == sorted(row["id"] for row in written)
    stored = await AuditEntry.select(AuditEntry.object_id).order_by(AuditEntry.id)
    assert [row["object_id"] for row in stored] == ["a", "b", "c"]


async def test_rows_are_found_by_any_of_a_list_of_values(app: object) -> None:
    await insert_rows(AuditEntry, COLUMNS, _entries("a", "b", "c", "d"))

    async def found(*wanted: str) -> list[str]:
        rows = await AuditEntry.select(AuditEntry.object_id).where(
            is_among(AuditEntry.object_id, wanted)
        )
        return sorted(row["object_id"] for row in rows)

    assert await found("b", "d", "z") == ["b", "d"]
    assert await found("c") == ["c"]
    assert await found() == []


@ON_POSTGRES
async def test_a_list_of_any_length_is_one_prepared_statement(app: object) -> None:
    """Lists of 1, 2 and 5 values prepare one statement each for writing and for finding:
    written out value by value, each length was a statement of its own, on every connection."""
    async with locked_transaction():  # one connection, whose prepared statements are read
        for size in (1, 2, 5):
            await insert_rows(AuditEntry, COLUMNS, _entries(*map(str, range(size))))
            await AuditEntry.select(AuditEntry.id).where(
                is_among(AuditEntry.object_id, [str(n) for n in range(size)])
            )
        prepared = await AuditEntry.raw(
            "SELECT statement FROM pg_prepared_statements WHERE statement LIKE {}", "%audit_entry%"
        )

    assert len(prepared) == 2, [row["statement"] for row in prepared]


@ON_POSTGRES
async def test_a_served_worker_opens_its_whole_pool_at_start_up(settings: Settings) -> None:
    """Opened under the first scans at the doors, the connections kept those scans waiting."""
    served = create_app(replace(settings, database_pool_size=3), served=True)
    async with running(served):
        pool = served.runtime.engine.pool
        assert (pool.get_size(), pool.get_idle_size(), pool.get_min_size()) == (3, 3, 3)
    assert served.runtime.engine.pool is None  # closed with the worker
