# mypy: disable-error-code="union-attr"
# (Piccolo types a joined column, e.g. Registration.delegation.entity.short_name, as "Column | Any".)
"""The secretariat's registration queue and its exports (CSV, XLSX)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any

from convene.api.pagination import Sort

from convene.delegations.schemas import OtherRegistration
from convene.delegations.tables import Registration
from convene.delegations.vocabulary import AttendanceMode
from convene.collation import folded
from convene.entities.categories import Category, alphabetical_key
from convene.spreadsheets import csv_bytes, xlsx_bytes


@dataclass(frozen=True)
class QueueFilters:
    status: str | None = None
    mode: str | None = None
    entity_id: int | None = None
    delegation: str | None = None
    """The delegation's short name as typed: exactly, or else any whose name contains it."""
    regional_group: str | None = None
    category: str | None = None
    search: str | None = None
    """Words of a name or an e-mail address; a name spelt a little differently matches too."""
    conflicts: bool = False
    """Only registrations whose address another delegation registered too."""


SORTS = ("list", "name", "delegation", "status", "registered")
"""The queue's orders: list order (as UN lists print), by name, delegation, status, arrival."""
DEFAULT_SORT = Sort("list")
CLOSE_ENOUGH = 0.8
"""How alike a searched word and a name must be (difflib's ratio) to count as a misspelling."""


def _query(session_id: int, filters: QueueFilters) -> Any:
    query = Registration.select(
        *Registration.all_columns(),
        Registration.delegation.entity.id.as_alias("entity_id"),
        Registration.delegation.entity.short_name.as_alias("entity"),
        Registration.delegation.entity.category.as_alias("category"),
    ).where(Registration.session == session_id)
    if filters.status:
        query = query.where(Registration.status == filters.status)
    if filters.mode:
        query = query.where(Registration.mode == filters.mode)
    if filters.entity_id:
        query = query.where(Registration.delegation.entity.id == filters.entity_id)
    if filters.regional_group:
        query = query.where(Registration.delegation.entity.regional_group == filters.regional_group)
    if filters.category:
        query = query.where(Registration.delegation.entity.category == filters.category)
    return query


async def queue(
    session_id: int, filters: QueueFilters, sort: Sort = DEFAULT_SORT
) -> list[dict[str, Any]]:
    """Every registration matching ``filters``, in the order asked for (list order by default:
    category group, entity, head first, then as they came)."""
    rows = _named(await _query(session_id, filters), filters.delegation)
    if filters.search:
        rows = searched(rows, filters.search)
    if filters.conflicts:
        conflicting = await conflicts({session_id})
        rows = [row for row in rows if row["id"] in conflicting]
    return sort.apply(_in_list_order(rows), _SORT_KEYS)


def _in_list_order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    entity_keys = {name: alphabetical_key(name) for name in {row["entity"] for row in rows}}
    groups = {category.value: category.list_group for category in Category}
    return sorted(
        rows,
        key=lambda r: (groups[r["category"]], entity_keys[r["entity"]], not r["is_head"], r["id"]),
    )


_SORT_KEYS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "list": lambda r: 0,  # already in list order; sorting is stable
    "name": lambda r: (folded(r["family_name"]), folded(r["given_name"])),
    "delegation": lambda r: alphabetical_key(r["entity"]),
    "status": lambda r: r["status"],
    "registered": lambda r: (r["created_at"], r["id"]),
}


def _named(rows: list[dict[str, Any]], delegation: str | None) -> list[dict[str, Any]]:
    """The rows of the delegation named exactly, or else of those whose name contains the text."""
    wanted = folded(delegation or "").strip()
    if not wanted:
        return rows
    exact = [row for row in rows if folded(row["entity"]) == wanted]
    return exact or [row for row in rows if wanted in folded(row["entity"])]


def searched(rows: list[dict[str, Any]], search: str) -> list[dict[str, Any]]:
    """The rows in which every searched word is part of the name or e-mail address, or is
    close to one of the name's words (a misspelling either way: "Mueler" finds "Müller")."""
    words = folded(search).split()
    names = {row["id"]: folded(f"{row['given_name']} {row['family_name']}").split() for row in rows}
    vocabulary = {word for parts in names.values() for word in parts}
    most = max(1, len(vocabulary))
    close = {
        word: set(get_close_matches(word, vocabulary, n=most, cutoff=CLOSE_ENOUGH))
        for word in words
    }

    def found(row: dict[str, Any]) -> bool:
        haystack = " ".join(names[row["id"]]) + " " + folded(row["email"])
        return all(word in haystack or close[word] & set(names[row["id"]]) for word in words)

    return [row for row in rows if found(row)]


CONFLICTS_QUERY = """
SELECT id, email, status, entity FROM (
    SELECT r.id, r.email, r.status, e.short_name AS entity,
           COUNT(*) OVER (PARTITION BY r.email) AS registered
    FROM registration r
    JOIN delegation d ON d.id = r.delegation
    JOIN entity e ON e.id = d.entity
    WHERE r.session = {} AND r.status IN ('submitted', 'approved', 'waitlisted')
) AS active
WHERE registered > 1
ORDER BY id
"""
"""One pass over the session's registrations (a window counts each address): a plan that holds
however stale the database's statistics (right after a large import PostgreSQL, believing the
table nearly empty, ran an ``IN (... GROUP BY ...)`` form once per row: 5 s for 1,500)."""


async def conflicts(session_ids: set[int]) -> dict[int, list[OtherRegistration]]:
    """Active registrations whose address another delegation of the session registered too.

    A focal point is never told that an address is registered elsewhere (that would say who
    another entity sends); the secretariat sees each such registration with the others, and
    resolves them (rejects one, with a reason). By registration id, the other registrations.
    """
    found: dict[int, list[OtherRegistration]] = {}
    for session_id in session_ids:
        rows = await Registration.raw(CONFLICTS_QUERY, session_id)
        for row in rows:
            found[row["id"]] = [
                OtherRegistration(other["id"], other["entity"], other["status"])
                for other in rows
                if other["email"] == row["email"] and other["id"] != row["id"]
            ]
    return found


COLUMNS = [
    ("Category", lambda r: Category(r["category"]).value.replace("_", " ")),
    ("Delegation", lambda r: r["entity"]),
    ("Head of delegation", lambda r: "yes" if r["is_head"] else ""),
    ("Title", lambda r: r["honorific"]),
    ("Given name", lambda r: r["given_name"]),
    ("Family name", lambda r: r["family_name"]),
    ("Function", lambda r: r["function"]),
    ("Organization", lambda r: r["organization"]),
    ("E-mail", lambda r: r["email"]),
    ("Phone", lambda r: r["phone"]),
    ("Attendance", lambda r: AttendanceMode(r["mode"]).label),
    ("Status", lambda r: r["status"]),
    ("Badge code", lambda r: r["badge_code"]),
    ("Registered at (UTC)", lambda r: r["created_at"].strftime("%Y-%m-%d %H:%M")),
]


def _table(rows: list[dict[str, Any]]) -> list[list[str]]:
    return [[name for name, _ in COLUMNS]] + [[value(row) for _, value in COLUMNS] for row in rows]


def to_csv(rows: list[dict[str, Any]]) -> bytes:
    return csv_bytes(_table(rows))


def to_xlsx(rows: list[dict[str, Any]]) -> bytes:
    return xlsx_bytes(_table(rows), "Registrations")
