# mypy: disable-error-code="union-attr"
# (Piccolo types a joined column, e.g. Registration.delegation.entity.short_name, as "Column | Any".)
"""The list of participants: approved registrations, grouped and ordered as UN lists are.

Groups follow the rules of procedure (the parties first: States, then the
European Union; NGOs last); within a group, delegations follow the English
alphabetical order of the entity's short name; within a delegation, the head
of delegation comes first and the others follow by family name, then given
name. Order is a real collation (:mod:`convene.collation`): "Đoàn" sorts with
the Ds and "Œ" as "OE", and names in other scripts in their own alphabet's order.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from convene.collation import collation_key
from convene.delegations.names import printed_name
from convene.delegations.tables import Registration
from convene.delegations.vocabulary import AttendanceMode, RegistrationStatus
from convene.entities.categories import LIST_GROUP_HEADINGS, Category, alphabetical_key
from convene.meetings.schemas import SessionOut
from convene.reports.headers import document_header, participants_symbol
from convene.reports.language import report_gettext as _
from convene.reports.schemas import DelegationEntry, ParticipantGroup, ParticipantsReport, Person
from convene.reports.vocabulary import ListVersion


async def build_participants(session: SessionOut, version: ListVersion) -> ParticipantsReport:
    rows = await approved_registrations(session.id)
    groups = group_delegations(rows)
    symbol = await participants_symbol(session)
    header = document_header(
        session, heading=_(version.label), symbol=symbol, version_note=_(version.value.capitalize())
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
            Registration.name_order,
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
            heading=_(LIST_GROUP_HEADINGS[number]),
            delegations=sorted(
                by_group[number], key=lambda entry: (alphabetical_key(entry.name), entry.name)
            ),
        )
        for number in sorted(by_group)
    ]


def _head_first(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The head of delegation, then the others by family name and given name."""
    return sorted(
        members,
        key=lambda row: (
            not row["is_head"],
            collation_key(row["family_name"].strip()),
            collation_key(row["given_name"].strip()),
        ),
    )


def _person(row: dict[str, Any]) -> Person:
    given, family = row["given_name"].strip(), row["family_name"].strip().upper()
    return Person(
        honorific=row["honorific"].strip(),
        given_name=given,
        family_name=family,
        full_name=printed_name(given, family, row["name_order"]),
        details=", ".join(
            part for part in (row["function"].strip(), row["organization"].strip()) if part
        ),
        attends=attends(row["mode"]),
        is_head=bool(row["is_head"]),
    )


def attends(mode: str) -> str:
    """ "in person" or "online": a list says where a person is, not whether they have the floor."""
    return _("in person") if mode == AttendanceMode.IN_PERSON.value else _("online")
