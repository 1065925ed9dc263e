# mypy: disable-error-code="union-attr"
# (Piccolo types a joined column, e.g. Registration.delegation.entity.short_name, as "Column | Any".)
"""The list of participants: approved registrations, grouped and ordered as UN lists are.

Groups follow the rules of procedure (States parties first, NGOs last);
within a group, delegations follow the English alphabetical order of the
entity's short name; within a delegation, the head of delegation comes first
and the others follow in the order they were registered, which is the order
the note verbale or nomination letter named them in.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from convene.delegations.tables import Registration
from convene.delegations.vocabulary import AttendanceMode, RegistrationStatus
from convene.entities.categories import LIST_GROUP_HEADINGS, Category, alphabetical_key
from convene.meetings.schemas import SessionOut
from convene.reports.headers import participants_symbol, report_header
from convene.reports.schemas import DelegationEntry, ParticipantGroup, ParticipantsReport, Person
from convene.reports.scripts import cjk_language
from convene.reports.vocabulary import ListVersion


async def build_participants(session: SessionOut, version: ListVersion) -> ParticipantsReport:
    rows = await approved_registrations(session.id)
    groups = group_delegations(rows)
    symbol = await participants_symbol(session)
    header = report_header(
        session, heading=version.label, symbol=symbol, version_note=version.value.capitalize()
    )
    return ParticipantsReport(
        header=header,
        version=version.value,
        groups=groups,
        delegation_count=sum(len(group.delegations) for group in groups),
        person_count=len(rows),
    )


async def approved_registrations(session_id: int) -> list[dict[str, Any]]:
    """Every approved person of the session, with their entity, in one query."""
    entity = Registration.delegation.entity
    return (
        await Registration.select(
            Registration.id,
            Registration.delegation,
            Registration.honorific,
            Registration.given_name,
            Registration.family_name,
            Registration.function,
            Registration.organization,
            Registration.mode,
            Registration.is_head,
            entity.short_name.as_alias("entity_name"),
            entity.category.as_alias("category"),
        )
        .where(
            (Registration.session == session_id)
            & (Registration.status == RegistrationStatus.APPROVED.value)
        )
        .order_by(Registration.id)
    )


def group_delegations(rows: list[dict[str, Any]]) -> list[ParticipantGroup]:
    """Rows (in registration order) → the list's groups, delegations and persons, in list order."""
    by_delegation: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_delegation[row["delegation"]].append(row)
    by_group: dict[int, list[DelegationEntry]] = defaultdict(list)
    for members in by_delegation.values():
        first = members[0]
        by_group[Category(first["category"]).list_group].append(
            DelegationEntry(
                name=first["entity_name"], persons=[_person(row) for row in _head_first(members)]
            )
        )
    return [
        ParticipantGroup(
            heading=LIST_GROUP_HEADINGS[number],
            delegations=sorted(
                by_group[number], key=lambda entry: (alphabetical_key(entry.name), entry.name)
            ),
        )
        for number in sorted(by_group)
    ]


def _head_first(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(
        members, key=lambda row: not row["is_head"]
    )  # stable: the rest keep registration order


def _person(row: dict[str, Any]) -> Person:
    given, family = row["given_name"].strip(), row["family_name"].strip().upper()
    return Person(
        honorific=row["honorific"].strip(),
        given_name=given,
        family_name=family,
        full_name=display_name(given, family),
        details=", ".join(
            part for part in (row["function"].strip(), row["organization"].strip()) if part
        ),
        attends=attends(row["mode"]),
        is_head=bool(row["is_head"]),
    )


def display_name(given: str, family: str) -> str:
    """Given name then FAMILY NAME; names written in Chinese, Japanese or Korean put the family first, unspaced."""
    if cjk_language(family):
        return f"{family}{given}"
    return f"{given} {family}".strip()


def attends(mode: str) -> str:
    """ "in person" or "online": a list says where a person is, not whether they have the floor."""
    return "in person" if mode == AttendanceMode.IN_PERSON.value else "online"
