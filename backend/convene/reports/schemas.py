"""The data each report is laid out from.

Everything a PDF shows is in these structures and nothing else is, which is
what lets the cache key a PDF by a hash of its data: same data, same PDF.
"""

from __future__ import annotations

from msgspec import Struct


class ReportHeader(Struct, frozen=True):
    """What heads every report: the session, its dates and venue, the document symbol.

    A report issued as a UN document (the list of participants, the agenda)
    carries the masthead: "United Nations", its symbol, "Distr.: General", the
    date of issue and "Original: English". A working report (attendance) has
    no symbol and no masthead.
    """

    language: str
    """The language it is built in (``<html lang>``); Arabic is laid out right to left."""
    direction: str
    session_id: int
    session_title: str
    dates: str
    venue: str
    symbol: str
    heading: str
    author: str
    version_note: str = ""
    distribution: str = ""
    """ "General" for a document with a masthead; empty for a working report."""
    issued_on: str = ""
    """The date of issue, "2 December 2026"."""


# -- list of participants -------------------------------------------------------


class Person(Struct, frozen=True):
    honorific: str
    given_name: str
    family_name: str
    """Upper-cased, as lists of participants print family names."""
    full_name: str
    """As printed, in the person's order of names: "Gregor KOESSLER", "NGUYỄN Thị Hương", "王小明"."""
    details: str
    """Function and organization: "Ambassador, Permanent Mission of Austria"."""
    attends: str
    """"in person" or "online"."""
    is_head: bool


class DelegationEntry(Struct, frozen=True):
    name: str
    persons: list[Person]


class ParticipantGroup(Struct, frozen=True):
    heading: str
    delegations: list[DelegationEntry]


class ParticipantsReport(Struct, frozen=True):
    header: ReportHeader
    version: str
    groups: list[ParticipantGroup]
    delegation_count: int
    person_count: int


# -- agenda and programme of work -----------------------------------------------


class DocumentLine(Struct, frozen=True):
    symbol: str
    title: str


class AgendaLine(Struct, frozen=True):
    number: str
    label: str
    """As the agenda prints it: "4." for an item, "(a)" for a sub-item."""
    title: str
    description: str
    documents: list[DocumentLine]
    sub_items: list[AgendaLine]


class ProgrammeSitting(Struct, frozen=True):
    title: str
    time: str
    room: str
    items: list[str]
    """The numbers and titles of the items taken up: "2. Review", "1 (a) Opening of the session"."""
    cancelled: bool


class ProgrammeDay(Struct, frozen=True):
    date: str
    sittings: list[ProgrammeSitting]


class AgendaReport(Struct, frozen=True):
    header: ReportHeader
    adopted_on: str
    """Empty while the agenda is provisional."""
    items: list[AgendaLine]
    other_documents: list[DocumentLine]
    days: list[ProgrammeDay]
    timezone: str
    """The venue's offset from GMT, as delegates compare it with their own: "GMT+4"."""


# -- attendance -----------------------------------------------------------------


class Tally(Struct, frozen=True):
    """Delegations and persons of one kind, split by how they attend."""

    label: str
    delegations: int
    delegations_in_person: int
    """Delegations with at least one person in the room."""
    persons: int
    in_person: int
    online: int


class PresentDelegation(Struct, frozen=True):
    """A delegation checked in at a sitting, with how many of its persons: "Austria (2)"."""

    name: str
    persons: int


class SittingAttendance(Struct, frozen=True):
    title: str
    when: str
    persons: int
    delegations: int
    present: list[PresentDelegation]


class AttendanceReport(Struct, frozen=True):
    header: ReportHeader
    press_sentence: str
    organizations_as_parties: list[str]
    """The sentence for each regional economic integration organization (a party) represented."""
    parties: Tally
    """The States parties and the European Union together: all the parties represented."""
    total: Tally
    by_category: list[Tally]
    by_mode: list[Tally]
    by_region: list[Tally]
    sittings: list[SittingAttendance]
    outside_sittings: int
    """Persons checked in at the venue when no sitting was under way."""
    category_chart: str
    sitting_chart: str
    """Inline SVG bar charts, drawn from the figures above."""
    from_presence: bool = False
    """Figures count who was present at the sittings (the door, join links), not registrations."""
    not_attended: int = 0
    """Approved registrations with no presence at any sitting: "registered, not attended"."""
