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
from convene.multilingual import (
    all_six,
    in_language,
    stored_texts,
    translation_values,
    untranslated,
)
from convene.translation import gettext

BODIES_LOCK = "bodies"


def join_codes(values: Iterable[str]) -> str:
    """Codes (plain, or str enums such as categories and languages) as the comma-separated column."""
    return ",".join(dict.fromkeys(str(getattr(v, "value", v)) for v in values))


def split_codes(stored: str) -> list[str]:
    return [code for code in stored.split(",") if code]


def body_out(row: dict, *, all_languages: bool = False, include_private: bool = False) -> BodyOut:
    """The body named in the current language; all its names and the missing ones on request."""
    names = stored_texts(row, "name")
    return BodyOut(
        code=row["code"],
        name=in_language(names),
        short_name=row["short_name"],
        symbol_prefix=row["symbol_prefix"],
        admitted_categories=split_codes(row["admitted_categories"]),
        names=all_six(names) if all_languages else None,
        untranslated=untranslated(names) if include_private else None,
    )


async def list_bodies(
    *, all_languages: bool = False, include_private: bool = False
) -> list[BodyOut]:
    rows = await Body.select().order_by(Body.id)
    return [
        body_out(row, all_languages=all_languages, include_private=include_private) for row in rows
    ]


async def get_body(
    code: str, *, all_languages: bool = False, include_private: bool = False
) -> BodyOut:
    row = await Body.select().where(Body.code == code).first()
    if row is None:
        raise NotFound(gettext("Body %(code)s not found", code=code))
    return body_out(row, all_languages=all_languages, include_private=include_private)


async def _audited(code: str) -> dict:
    """What the audit log keeps of a body: every field, its name in each language."""
    return msgspec.structs.asdict(await get_body(code, all_languages=True, include_private=True))


async def create_body(actor: Actor, data: BodyIn) -> BodyOut:
    async with locked_transaction(BODIES_LOCK):
        if await Body.exists().where(Body.code == data.code):
            raise RuleViolation(
                gettext("A body with code %(code)s already exists", code=data.code), field="code"
            )
        values = msgspec.structs.asdict(data) | {
            "admitted_categories": join_codes(data.admitted_categories)
        }
        values |= translation_values("name", values.pop("names"), name="names")
        await Body.insert(Body(**values))
        await publish(
            BodyChanged(
                actor=actor,
                action="body.created",
                object_id=data.code,
                after=await _audited(data.code),
            )
        )
    return await get_body(data.code, include_private=True)


async def update_body(actor: Actor, code: str, patch: BodyPatch) -> BodyOut:
    """Change a body; a new name in any language changes its sessions' titles in calendars."""
    before = await _audited(code)
    changes = given_fields(patch)
    if "admitted_categories" in changes:
        changes["admitted_categories"] = join_codes(changes["admitted_categories"])
    if "names" in changes:
        changes |= translation_values("name", changes.pop("names"), name="names")
    async with locked_transaction(BODIES_LOCK):
        if changes:
            await Body.update(columns(changes)).where(Body.code == code)
        after = await _audited(code)
        if before["names"] != after["names"]:
            await raise_sequence_of_body(code)  # the name is in its sessions' titles
        await publish(
            BodyChanged(
                actor=actor, action="body.changed", object_id=code, before=before, after=after
            )
        )
    return await get_body(code, include_private=True)
