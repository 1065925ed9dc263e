"""Bodies: the Conference and its subsidiary bodies, each holding numbered sessions."""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from convene.accounts.access import Actor
from convene.api.patches import given_fields
from convene.db import columns, locked_transaction
from convene.errors import NotFound, RuleViolation
from convene.events.bus import publish
from convene.meetings.events import BodyChanged
from convene.meetings.schemas import BodyIn, BodyOut, BodyPatch
from convene.meetings.sequence import raise_sequence_of_body
from convene.meetings.tables import Body

BODIES_LOCK = "bodies"


def join_codes(values: Iterable[str]) -> str:
    """Codes (plain, or str enums such as categories and languages) as the comma-separated column."""
    return ",".join(dict.fromkeys(str(getattr(v, "value", v)) for v in values))


def split_codes(stored: str) -> list[str]:
    return [code for code in stored.split(",") if code]


def body_out(row: dict) -> BodyOut:
    return BodyOut(
        code=row["code"],
        name=row["name"],
        short_name=row["short_name"],
        symbol_prefix=row["symbol_prefix"],
        admitted_categories=split_codes(row["admitted_categories"]),
    )


async def list_bodies() -> list[BodyOut]:
    rows = await Body.select().order_by(Body.id)
    return [body_out(row) for row in rows]


async def get_body(code: str) -> BodyOut:
    row = await Body.select().where(Body.code == code).first()
    if row is None:
        raise NotFound(f"Body {code}")
    return body_out(row)


async def create_body(actor: Actor, data: BodyIn) -> BodyOut:
    async with locked_transaction(BODIES_LOCK):
        if await Body.exists().where(Body.code == data.code):
            raise RuleViolation(f"A body with code {data.code} already exists", field="code")
        values = msgspec.structs.asdict(data) | {
            "admitted_categories": join_codes(data.admitted_categories)
        }
        await Body.insert(Body(**values))
        created = await get_body(data.code)
        await publish(
            BodyChanged(
                actor=actor,
                action="body.created",
                object_id=data.code,
                after=msgspec.structs.asdict(created),
            )
        )
    return created


async def update_body(actor: Actor, code: str, patch: BodyPatch) -> BodyOut:
    before = msgspec.structs.asdict(await get_body(code))
    changes = given_fields(patch)
    if "admitted_categories" in changes:
        changes["admitted_categories"] = join_codes(changes["admitted_categories"])
    async with locked_transaction(BODIES_LOCK):
        if changes:
            await Body.update(columns(changes)).where(Body.code == code)
        updated = await get_body(code)
        if before["name"] != updated.name:
            await raise_sequence_of_body(code)  # the name is in its sessions' titles
        await publish(
            BodyChanged(
                actor=actor,
                action="body.changed",
                object_id=code,
                before=before,
                after=msgspec.structs.asdict(updated),
            )
        )
    return updated
