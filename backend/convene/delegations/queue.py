# mypy: disable-error-code="union-attr"
# (Piccolo types a joined column, e.g. Registration.delegation.entity.short_name, as "Column | Any".)
"""The secretariat's registration queue and its exports (CSV, XLSX)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from convene.delegations.schemas import OtherRegistration
from convene.delegations.tables import Registration
from convene.delegations.vocabulary import AttendanceMode
from convene.entities.categories import Category, alphabetical_key
from convene.spreadsheets import csv_bytes, xlsx_bytes


@dataclass(frozen=True)
class QueueFilters:
    status: str | None = None
    mode: str | None = None
    entity_id: int | None = None
    search: str | None = None
    conflicts: bool = False
    """Only registrations whose address another delegation registered too."""


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
    if filters.search:
        term = f"%{filters.search.strip()}%"
        query = query.where(
            Registration.given_name.ilike(term)
            | Registration.family_name.ilike(term)
            | Registration.email.ilike(term)
        )
    return query


async def queue(session_id: int, filters: QueueFilters) -> list[dict[str, Any]]:
    """Registrations in list order: category group, entity, head first, then as they came."""
    rows = await _query(session_id, filters)
    if filters.conflicts:
        conflicting = await conflicts({session_id})
        rows = [row for row in rows if row["id"] in conflicting]
    return sorted(
        rows,
        key=lambda r: (
            Category(r["category"]).list_group,
            alphabetical_key(r["entity"]),
            not r["is_head"],
            r["id"],
        ),
    )


CONFLICTS_QUERY = """
SELECT r.id, r.email, r.status, e.short_name AS entity
FROM registration r
JOIN delegation d ON d.id = r.delegation
JOIN entity e ON e.id = d.entity
WHERE r.session = {} AND r.status IN ('submitted', 'approved', 'waitlisted')
AND r.email IN (
    SELECT email FROM registration
    WHERE session = {} AND status IN ('submitted', 'approved', 'waitlisted')
    GROUP BY email HAVING COUNT(*) > 1
)
ORDER BY r.id
"""


async def conflicts(session_ids: set[int]) -> dict[int, list[OtherRegistration]]:
    """Active registrations whose address another delegation of the session registered too.

    A focal point is never told that an address is registered elsewhere (that would say who
    another entity sends); the secretariat sees each such registration with the others, and
    resolves them (rejects one, with a reason). By registration id, the other registrations.
    """
    found: dict[int, list[OtherRegistration]] = {}
    for session_id in session_ids:
        rows = await Registration.raw(CONFLICTS_QUERY, session_id, session_id)
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
