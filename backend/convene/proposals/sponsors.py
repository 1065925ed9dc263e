"""Sponsorship: the States parties (and the European Union) that submit a proposal or join it.

A State's focal point adds or withdraws their own State's sponsorship; the
secretariat can do so for any State. Changes stop at the deadline the
secretariat set, and for good once the proposal is acted upon. A State that
withdrew can rejoin while the list is open. Those who sponsor before the
draft is issued are its main sponsors; those who join later are co-sponsors.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from convene.accounts.access import Actor, is_focal_point_of, is_secretariat
from convene.db import locked_transaction
from convene.entities.categories import Category
from convene.entities.tables import Entity
from convene.errors import NotFound, RuleViolation
from convene.proposals.access import proposal_for
from convene.proposals.rules import check_sponsorship_open, proposal_lock
from convene.proposals.schemas import ProposalOut, SponsorIn
from convene.proposals.tables import Sponsorship
from convene.proposals.telling import snapshot, tell
from convene.proposals.views import proposal_out
from convene.proposals.vocabulary import SPONSOR_CATEGORIES, ProposalStatus
from convene.translation import N_, gettext

NOT_A_PARTY = {
    Category.SIGNATORY: N_(
        "%(name)s is a signatory State, not a party to the Convention: only States parties and "
        "the European Union sponsor proposals"
    ),
    Category.OBSERVER_STATE: N_(
        "%(name)s is an observer State: only States parties and the European Union sponsor "
        "proposals"
    ),
    Category.UN_ENTITY: N_(
        "%(name)s is a United Nations entity: only States parties and the European Union sponsor "
        "proposals"
    ),
    Category.IGO: N_(
        "%(name)s is an intergovernmental organization: only States parties and the European "
        "Union sponsor proposals"
    ),
    Category.NGO: N_(
        "%(name)s is a non-governmental organization: only States parties and the European Union "
        "sponsor proposals"
    ),
}
"""Why an entity of each category may not sponsor, said whole (translated where refused)."""
NOT_A_PARTY_ANY = N_(
    "%(name)s is not a party to the Convention: only States parties and the European Union "
    "sponsor proposals"
)


async def join(actor: Actor, proposal_id: int, data: SponsorIn) -> ProposalOut:
    """The State sponsors the proposal (again, if it had withdrawn)."""
    entity_id = acting_for(actor, data.entity_id)
    async with locked_transaction(proposal_lock(proposal_id)):
        row = await proposal_for(actor, proposal_id)
        check_sponsorship_open(row)
        entity = await sponsor_entity(entity_id, "entity_id")
        existing = await _sponsorship(proposal_id, entity_id)
        if existing is not None and existing["withdrawn_at"] is None:
            raise RuleViolation(
                gettext("%(name)s already sponsors this proposal", name=entity["short_name"]),
                field="entity_id",
            )
        before = await snapshot(proposal_id)
        main = row["status"] == ProposalStatus.DRAFT.value
        now = datetime.now(UTC)
        if existing is None:
            await Sponsorship(
                proposal=proposal_id,
                entity=entity_id,
                is_main=main,
                joined_at=now,
                changed_by=_account_id(actor),
            ).save()
        else:
            await Sponsorship.update(
                {
                    Sponsorship.withdrawn_at: None,
                    Sponsorship.joined_at: now,
                    Sponsorship.is_main: main,
                    Sponsorship.changed_by: _account_id(actor),
                }
            ).where(Sponsorship.id == existing["id"])
        await tell(actor, proposal_id, "proposal.sponsor_added", before)
    return await proposal_out(actor, proposal_id)


async def withdraw(actor: Actor, proposal_id: int, entity_id: int) -> None:
    """The State withdraws its sponsorship; the issued documents keep the line they were printed
    with."""
    acting_for(actor, entity_id)
    async with locked_transaction(proposal_lock(proposal_id)):
        row = await proposal_for(actor, proposal_id)
        check_sponsorship_open(row)
        existing = await _sponsorship(proposal_id, entity_id)
        if existing is None:
            raise NotFound(gettext("Sponsorship not found"))
        if existing["withdrawn_at"] is not None:
            raise RuleViolation(
                gettext("This State has already withdrawn its sponsorship"), field="entity_id"
            )
        before = await snapshot(proposal_id)
        await Sponsorship.update(
            {
                Sponsorship.withdrawn_at: datetime.now(UTC),
                Sponsorship.changed_by: _account_id(actor),
            }
        ).where(Sponsorship.id == existing["id"])
        await tell(actor, proposal_id, "proposal.sponsor_withdrawn", before)


async def add_main_sponsors(actor: Actor, proposal_id: int, entity_ids: list[int]) -> None:
    """The States that submit a new draft (inside the transaction that creates it)."""
    if len(set(entity_ids)) != len(entity_ids):
        raise RuleViolation(
            gettext("A State is named twice among the sponsors"),
            field="sponsor_ids",
            status_code=422,
        )
    for index, entity_id in enumerate(entity_ids):
        await sponsor_entity(entity_id, f"sponsor_ids[{index}]")
        await Sponsorship(
            proposal=proposal_id, entity=entity_id, is_main=True, changed_by=_account_id(actor)
        ).save()


def acting_for(actor: Actor, entity_id: int | None) -> int:
    """The State whose sponsorship changes: the secretariat names it, a focal point acts for their
    own."""
    if is_secretariat(actor):
        if entity_id is None:
            raise RuleViolation(
                gettext("Name the State that sponsors"),
                field="entity_id",
                status_code=422,
            )
        return entity_id
    if actor is not None and is_focal_point_of(actor, actor.entity) and actor.entity is not None:
        if entity_id not in (None, actor.entity):
            raise RuleViolation(
                gettext("A focal point changes their own State's sponsorship only"),
                field="entity_id",
                status_code=403,
            )
        return actor.entity
    raise RuleViolation(
        gettext("Only a State's focal point or the secretariat changes sponsorship"),
        field="entity_id",
        status_code=403,
    )


async def sponsor_entity(entity_id: int, field: str) -> dict[str, Any]:
    """The entity, if it may sponsor: a State party, or the European Union; otherwise the reason why
    not."""
    entity = (
        await Entity.select(Entity.id, Entity.short_name, Entity.category)
        .where(Entity.id == entity_id)
        .first()
    )
    if entity is None:
        raise RuleViolation(gettext("There is no such State"), field=field, status_code=422)
    if entity["category"] not in SPONSOR_CATEGORIES:
        why = NOT_A_PARTY.get(Category(entity["category"]), NOT_A_PARTY_ANY)
        raise RuleViolation(
            gettext(why, name=entity["short_name"]),
            field=field,
            status_code=403,
        )
    return entity


async def _sponsorship(proposal_id: int, entity_id: int) -> dict[str, Any] | None:
    return (
        await Sponsorship.select()
        .where((Sponsorship.proposal == proposal_id) & (Sponsorship.entity == entity_id))
        .first()
    )


def _account_id(actor: Actor) -> int | None:
    return None if actor is None else actor.id
