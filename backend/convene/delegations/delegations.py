"""Delegations: one per entity and session, managed by its focal point and the secretariat."""

from __future__ import annotations

from typing import Any

from piccolo.custom_types import Combinable

from convene.accounts.access import Actor, is_secretariat
from convene.api.pagination import MOST_PER_PAGE, Page, Sort, cut
from convene.api.patches import given_fields
from convene.collation import folded
from convene.db import columns, locked_transaction
from convene.delegations.access import delegation_for
from convene.delegations.events import DelegationChanged
from convene.delegations.places import Limits, Taken, places_view, registration_lock, seats_taken
from convene.delegations.registrations import promote_waiting
from convene.delegations.schemas import DelegationIn, DelegationOut, DelegationPatch
from convene.delegations.tables import Delegation, Registration
from convene.delegations.views import registration_rows, registration_views
from convene.delegations.vocabulary import HOLDING, AttendanceMode
from convene.entities.categories import LIST_GROUP_HEADINGS, Category, alphabetical_key
from convene.entities.services import entity_row
from convene.errors import RuleViolation
from convene.events.bus import publish
from convene.meetings.bodies import split_codes
from convene.meetings.lookups import session_row
from convene.translation import gettext


QUOTAS = {"in_person_quota", "online_speaking_quota"}
"""A delegation's own limits: changing one applies the waiting list at once."""


async def create_delegation(actor: Actor, session_id: int, data: DelegationIn) -> DelegationOut:
    """Open an entity's delegation to a session, if the session admits its category."""
    entity_id = data.entity_id if is_secretariat(actor) else getattr(actor, "entity", None)
    if entity_id is None:
        raise RuleViolation(
            gettext("Name the entity the delegation represents"), field="entity_id", status_code=422
        )
    async with locked_transaction(registration_lock(session_id)):
        session = await session_row(session_id, include_drafts=is_secretariat(actor))
        entity = await entity_row(entity_id)
        if entity is None:
            raise RuleViolation(
                gettext("There is no such entity"), field="entity_id", status_code=422
            )
        if entity["category"] not in split_codes(session["admitted_categories"]):
            category = LIST_GROUP_HEADINGS[Category(entity["category"]).list_group]
            raise RuleViolation(
                gettext(
                    "This session does not admit delegations of this category: %(category)s",
                    category=gettext(category),
                ),
                field="entity_id",
            )
        if await Delegation.exists().where(
            (Delegation.session == session_id) & (Delegation.entity == entity_id)
        ):
            raise RuleViolation(
                gettext(
                    "%(name)s already has a delegation to this session", name=entity["short_name"]
                ),
                field="entity_id",
            )
        delegation = Delegation(
            session=session_id, entity=entity_id, credentials_reference=data.credentials_reference
        )
        await delegation.save()
        await publish(
            DelegationChanged(
                actor=actor,
                action="delegation.created",
                object_id=delegation.id,
                after={
                    "entity": entity["short_name"],
                    "credentials_reference": data.credentials_reference,
                },
                session_id=session_id,
            )
        )
    return await get_delegation(actor, delegation.id)


async def update_delegation(
    actor: Actor, delegation_id: int, patch: DelegationPatch
) -> DelegationOut:
    row = await delegation_for(actor, delegation_id)
    changes = given_fields(patch)
    if not is_secretariat(actor) and QUOTAS & changes.keys():
        raise RuleViolation(
            gettext("Only the secretariat changes a delegation's quotas"),
            field="in_person_quota",
            status_code=403,
        )
    async with locked_transaction(registration_lock(row["session"])):
        if changes:
            await Delegation.update(columns(changes)).where(Delegation.id == delegation_id)
            await publish(
                DelegationChanged(
                    actor=actor,
                    action="delegation.changed",
                    object_id=delegation_id,
                    before={k: row[k] for k in changes},
                    after=changes,
                    session_id=row["session"],
                )
            )
        if QUOTAS & changes.keys():
            await promote_waiting(actor, row["session"])
    return await get_delegation(actor, delegation_id)


async def get_delegation(actor: Actor, delegation_id: int) -> DelegationOut:
    row = await delegation_for(actor, delegation_id)
    return (await _views(actor, row["session"], await _rows(Delegation.id == delegation_id)))[0]


DELEGATION_SORTS = ("entity", "opened")
"""A session's delegations: alphabetically (as UN lists), or by when each was opened."""


async def list_delegations(
    actor: Actor,
    session_id: int,
    *,
    search: str | None = None,
    sort: Sort = Sort("entity"),
    page: int = 1,
    per_page: int = MOST_PER_PAGE,
) -> Page[DelegationOut]:
    """A page of the session's delegations (a focal point sees their own only), in a fixed
    number of queries: the delegations are sorted and cut first, their members read after."""
    where: Combinable = Delegation.session == session_id
    if not is_secretariat(actor):
        where = where & (Delegation.entity == getattr(actor, "entity", None))
    rows = await _rows(where)
    if search:
        wanted = folded(search)
        rows = [row for row in rows if wanted in folded(row["entity_name"])]
    keys = {
        "entity": lambda r: alphabetical_key(r["entity_name"]),
        "opened": lambda r: (r["created_at"], r["id"]),
    }
    listed = cut(sort.apply(rows, keys), page, per_page)
    views = await _views(actor, session_id, listed.items)
    return Page(views, listed.total, page, per_page)


async def delegation_names(session_id: int) -> list[str]:
    """The short names of the session's delegations, alphabetically (for a filter's list)."""
    rows = await Delegation.select(Delegation.entity.short_name.as_alias("name")).where(
        Delegation.session == session_id
    )
    return sorted((row["name"] for row in rows), key=alphabetical_key)


async def _rows(where: Any) -> list[dict[str, Any]]:
    return list(
        await Delegation.select(
            *Delegation.all_columns(),
            Delegation.entity.short_name.as_alias("entity_name"),
            Delegation.entity.category.as_alias("category"),
        )
        .where(where)
        .order_by(Delegation.id)
    )


async def _views(
    actor: Actor, session_id: int, rows: list[dict[str, Any]]
) -> list[DelegationOut]:
    session = await session_row(session_id)
    ids = [row["id"] for row in rows]
    members = await registration_rows(Registration.delegation.is_in(ids)) if ids else []
    views = await registration_views(actor, members)
    room = await seats_taken(session_id)
    return [
        DelegationOut(
            id=row["id"],
            session_id=row["session"],
            entity_id=row["entity"],
            entity=row["entity_name"],
            category=row["category"],
            credentials_reference=row["credentials_reference"],
            in_person_quota=row["in_person_quota"],
            online_speaking_quota=row["online_speaking_quota"],
            places=places_view(Limits.of(session, row), _held(members, row["id"], room)),
            registrations=[view for view in views if view.delegation_id == row["id"]],
        )
        for row in rows
    ]


def _held(members: list[dict[str, Any]], delegation_id: int, room: int) -> Taken:
    """The places a delegation holds, counted from its members already loaded."""
    holding = [m for m in members if m["delegation"] == delegation_id and m["status"] in HOLDING]
    return Taken(
        in_person=sum(m["mode"] == AttendanceMode.IN_PERSON.value for m in holding),
        online_speaking=sum(m["mode"] == AttendanceMode.ONLINE_SPEAKING.value for m in holding),
        room=room,
    )
