"""Bodies: the Conference and its subsidiary bodies, each holding numbered sessions."""

from __future__ import annotations

import msgspec

from convene.api.patches import given_fields
from convene.entities.categories import Category
from convene.errors import NotFound, RuleViolation
from convene.meetings.schemas import BodyIn, BodyOut, BodyPatch
from convene.meetings.tables import Body


def join_codes(values: list[Category] | list[str]) -> str:
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


async def create_body(data: BodyIn) -> BodyOut:
    if await Body.exists().where(Body.code == data.code):
        raise RuleViolation(f"A body with code {data.code} already exists", field="code")
    values = msgspec.structs.asdict(data) | {"admitted_categories": join_codes(data.admitted_categories)}
    await Body.insert(Body(**values))
    return await get_body(data.code)


async def update_body(code: str, patch: BodyPatch) -> BodyOut:
    await get_body(code)
    changes = given_fields(patch)
    if "admitted_categories" in changes:
        changes["admitted_categories"] = join_codes(changes["admitted_categories"])
    if changes:
        await Body.update(changes).where(Body.code == code)
    return await get_body(code)
