"""The registry of participating entities, and loading the list that ships with Convene."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import msgspec

from convene.accounts.access import Actor
from convene.api.patches import given_fields
from convene.db import locked_transaction
from convene.entities.categories import Category, alphabetical_key
from convene.entities.events import EntityChanged
from convene.entities.schemas import EntityIn, EntityOut, EntityPatch
from convene.entities.tables import Entity
from convene.errors import NotFound, RuleViolation
from convene.events.bus import publish
from convene.translation import gettext

SHIPPED_REGISTRY = Path(__file__).parent / "data" / "entities.csv"
REGISTRY_LOCK = "entity-registry"


def entity_out(row: dict[str, Any]) -> EntityOut:
    return EntityOut(**{field: row[field] for field in EntityOut.__struct_fields__})


async def list_entities(
    *,
    category: Category | None,
    regional_group: str | None,
    search: str | None,
    page: int,
    per_page: int,
) -> tuple[list[EntityOut], int]:
    """Entities in list order: by category group, then English alphabetical order."""
    query = Entity.select()
    if category:
        query = query.where(Entity.category == category.value)
    if regional_group:
        query = query.where(Entity.regional_group == regional_group)
    if search:
        query = query.where(
            Entity.short_name.ilike(f"%{search}%") | (Entity.iso_code == search.upper())
        )
    rows = sorted(
        await query,
        key=lambda row: (Category(row["category"]).list_group, alphabetical_key(row["short_name"])),
    )
    start = (page - 1) * per_page
    return [entity_out(row) for row in rows[start : start + per_page]], len(rows)


async def entity_row(entity_id: int) -> dict[str, Any] | None:
    """The entity as stored, or None: the one place an entity is fetched by id.

    Its callers say what a missing entity means: 404 for the entity itself, a mistake in the
    field that named it for a delegation, an officer or an invitation.
    """
    return await Entity.select().where(Entity.id == entity_id).first()


async def entity_named(name: str) -> int | None:
    """The id of the entity whose short name is ``name`` (case aside), or None."""
    wanted = name.strip().casefold()
    rows = await Entity.select(Entity.id, Entity.short_name)
    return next((row["id"] for row in rows if row["short_name"].casefold() == wanted), None)


async def get_entity(entity_id: int) -> EntityOut:
    row = await entity_row(entity_id)
    if row is None:
        raise NotFound(gettext("Entity not found"))
    return entity_out(row)


async def short_name_of(entity_id: int) -> str | None:
    """The entity's short name ("Austria"), or None if there is no such entity."""
    row = await entity_row(entity_id)
    return row["short_name"] if row else None


async def create_entity(actor: Actor, data: EntityIn) -> EntityOut:
    values = _checked(msgspec.structs.asdict(data))
    async with locked_transaction(REGISTRY_LOCK):
        await _check_unique(values, entity_id=None)
        entity = Entity(**values)
        await entity.save()
        await publish(
            EntityChanged(actor=actor, action="entity.added", object_id=entity.id, after=values)
        )
    return await get_entity(entity.id)


async def update_entity(actor: Actor, entity_id: int, patch: EntityPatch) -> EntityOut:
    current = await get_entity(entity_id)
    changes = given_fields(patch)
    values = _checked(msgspec.structs.asdict(current) | changes)
    async with locked_transaction(REGISTRY_LOCK):
        await _check_unique(values, entity_id=entity_id)
        await Entity.update({k: v for k, v in values.items() if k != "id"}).where(
            Entity.id == entity_id
        )
        await publish(
            EntityChanged(
                actor=actor,
                action="entity.changed",
                object_id=entity_id,
                before=msgspec.structs.asdict(current),
                after=values,
            )
        )
    return await get_entity(entity_id)


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    """States carry a regional group; organizations carry neither ISO code nor group."""
    category = Category(values["category"])
    values["category"] = category.value
    values["name"] = values.get("name") or values["short_name"]
    group = values.get("regional_group")
    values["regional_group"] = getattr(group, "value", group)
    if not category.is_state and (values.get("iso_code") or values["regional_group"]):
        raise RuleViolation(
            gettext("Only a State has an ISO code and a regional group"),
            field="regional_group",
            status_code=422,
        )
    return values


async def _check_unique(values: dict[str, Any], *, entity_id: int | None) -> None:
    for field in ("short_name", "iso_code"):
        if values.get(field) is None:
            continue
        clash = Entity.select(Entity.id).where(
            Entity._meta.get_column_by_name(field) == values[field]
        )
        if entity_id is not None:
            clash = clash.where(Entity.id != entity_id)
        if await clash.first():
            raise RuleViolation(
                gettext(
                    "Another entity already has %(field)s %(value)s",
                    field=field,
                    value=repr(values[field]),
                ),
                field=field,
            )


def read_registry(path: Path = SHIPPED_REGISTRY) -> list[dict[str, Any]]:
    with path.open(newline="", encoding="utf-8") as file:
        return [
            {key: (value.strip() or None) for key, value in row.items()}
            for row in csv.DictReader(file)
        ]


async def sync_registry(path: Path = SHIPPED_REGISTRY) -> int:
    """Add the shipped entities that are missing (by short name); return how many were added."""
    async with locked_transaction(REGISTRY_LOCK):
        known = {row["short_name"] for row in await Entity.select(Entity.short_name)}
        missing = [
            Entity(**_checked(row)) for row in read_registry(path) if row["short_name"] not in known
        ]
        if missing:
            await Entity.insert(*missing)
    return len(missing)
