"""Who has registered: every entity a session admits, whether it has a delegation, and how many
of its people registered, by mode and by status.

With 190 States and more admitted, the secretariat needs to see at a glance which have not yet
sent anyone and how far each regional group has come; three queries answer it whatever the
number of entities (the entities, the session's delegations, and the registrations counted by
delegation, mode and status).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from convene.api.pagination import Sort
from convene.collation import folded
from convene.delegations.tables import Delegation, Registration
from convene.delegations.vocabulary import ACTIVE
from convene.entities.categories import Category, alphabetical_key
from convene.entities.tables import Entity

SORTS = ("list", "name", "registered")
"""List order (by category group, then alphabetically), by name, or by how many registered."""


@dataclass(frozen=True)
class OverviewFilters:
    category: str | None = None
    regional_group: str | None = None
    delegation: str | None = None
    """``with`` (entities that have a delegation) or ``without``."""
    search: str | None = None


@dataclass
class Standing:
    """One admitted entity at a session."""

    entity_id: int
    short_name: str
    category: str
    regional_group: str | None
    delegation_id: int | None = None
    modes: Counter[str] = field(default_factory=Counter)
    """Registrations still active (submitted, approved, waitlisted) by mode."""
    statuses: Counter[str] = field(default_factory=Counter)

    @property
    def registered(self) -> int:
        return sum(self.statuses.values())


@dataclass(frozen=True)
class GroupTally:
    """A regional group or category: how many admitted entities, how many with a delegation."""

    key: str
    admitted: int
    with_delegation: int


@dataclass(frozen=True)
class Overview:
    standings: list[Standing]
    """Those the filters match, in the order asked for."""
    groups: list[GroupTally]
    categories: list[GroupTally]
    statuses: Counter[str]
    """Every registration of the session, by status."""


async def overview(
    session_id: int, admitted: list[str], filters: OverviewFilters, sort: Sort
) -> Overview:
    """Every entity of the ``admitted`` categories at the session, tallied and filtered."""
    standings = await _standings(session_id, admitted)
    everyone = list(standings.values())
    shown = sort.apply(
        [s for s in _in_list_order(everyone) if _matches(s, filters)],
        {"list": lambda s: 0, "name": lambda s: alphabetical_key(s.short_name),
         "registered": lambda s: s.registered},
    )
    statuses: Counter[str] = Counter()
    for standing in everyone:
        statuses.update(standing.statuses)
    return Overview(
        standings=shown,
        groups=_tally(everyone, lambda s: s.regional_group),
        categories=_tally(everyone, lambda s: s.category),
        statuses=statuses,
    )


async def _standings(session_id: int, admitted: list[str]) -> dict[int, Standing]:
    entities = await Entity.select().where(Entity.category.is_in(admitted)) if admitted else []
    standings = {
        row["id"]: Standing(row["id"], row["short_name"], row["category"], row["regional_group"])
        for row in entities
    }
    delegations = await Delegation.select(Delegation.id, Delegation.entity).where(
        Delegation.session == session_id
    )
    of_delegation: dict[int, Standing] = {}
    for row in delegations:
        if (standing := standings.get(row["entity"])) is not None:
            standing.delegation_id = row["id"]
            of_delegation[row["id"]] = standing
    for row in await _counts(session_id):
        if (standing := of_delegation.get(row["delegation"])) is not None:
            standing.statuses[row["status"]] += row["n"]
            if row["status"] in ACTIVE:
                standing.modes[row["mode"]] += row["n"]
    return standings


async def _counts(session_id: int) -> list[dict[str, Any]]:
    return list(
        await Registration.raw(
            "SELECT delegation, mode, status, COUNT(*) AS n FROM registration "
            "WHERE session = {} GROUP BY delegation, mode, status",
            session_id,
        )
    )


def _in_list_order(standings: list[Standing]) -> list[Standing]:
    return sorted(
        standings,
        key=lambda s: (Category(s.category).list_group, alphabetical_key(s.short_name)),
    )


def _matches(standing: Standing, filters: OverviewFilters) -> bool:
    if filters.category and standing.category != filters.category:
        return False
    if filters.regional_group and standing.regional_group != filters.regional_group:
        return False
    if filters.delegation == "with" and standing.delegation_id is None:
        return False
    if filters.delegation == "without" and standing.delegation_id is not None:
        return False
    return not filters.search or folded(filters.search) in folded(standing.short_name)


def _tally(standings: list[Standing], key: Any) -> list[GroupTally]:
    admitted: Counter[str] = Counter()
    present: Counter[str] = Counter()
    for standing in standings:
        if (group := key(standing)) is None:
            continue
        admitted[group] += 1
        present[group] += standing.delegation_id is not None
    return [GroupTally(group, admitted[group], present[group]) for group in sorted(admitted)]
