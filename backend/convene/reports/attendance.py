# mypy: disable-error-code="union-attr"
# (Piccolo types a joined column, e.g. Registration.delegation.entity.short_name, as "Column | Any".)
"""Attendance figures: delegations and persons by category, mode and regional group, and per sitting.

Figures count approved registrations, which is what the secretariat reports:
who was accredited to attend, and how. The per-sitting figures count the
check-ins recorded at the door. A delegation counts as attending in person
when at least one of its members was registered in person; the press
release's sentence splits the States parties that way, so its two numbers
add up to the first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from convene.delegations.tables import CheckIn, Registration
from convene.delegations.vocabulary import MODE_LABELS, AttendanceMode, RegistrationStatus
from convene.entities.categories import (
    LIST_GROUP_HEADINGS,
    REGIONAL_GROUP_LABELS,
    Category,
    alphabetical_key,
)
from convene.meetings.schemas import SessionOut
from convene.presence.attendance import (
    Presence,
    attended_rows,
    presence_recorded,
    session_presence,
    sitting_checks,
)
from convene.reports.charts import Bar, Segment, bar_chart
from convene.reports.headers import report_header
from convene.reports.schemas import AttendanceReport, PresentDelegation, SittingAttendance, Tally
from convene.reports.language import report_gettext as _
from convene.reports.language import report_ngettext as ngettext
from convene.reports.texts import time_span, weekday_date
from convene.translation import ENGLISH, current_locale
from convene.sittings.schemas import SittingOut
from convene.sittings.services import CANCELLED, list_sittings

IN_PERSON_COLOUR = "#1f4e79"
ONLINE_COLOUR = "#8db3d9"
NO_REGIONAL_GROUP = "States not in a regional group"
ALL_PARTIES = (
    "All parties to the Convention (States and regional economic integration organizations)"
)

Row = dict[str, Any]


async def build_attendance(session: SessionOut) -> AttendanceReport:
    rows = await _registrations(session.id)
    registered = len(rows)
    presence = await session_presence(session.id) if await presence_recorded(session.id) else None
    if presence is not None:  # the door and the join links say who actually attended
        rows = attended_rows(rows, presence)
    by_category = _by_category(rows, session.admitted_categories)
    sittings = await _sittings(session.id, presence)
    return AttendanceReport(
        header=report_header(session, heading=_("Attendance"), symbol=""),
        press_sentence=press_sentence(
            tally(_("States parties"), [r for r in rows if r["category"] == "state_party"])
        ),
        organizations_as_parties=organizations_as_parties(rows),
        parties=tally(_(ALL_PARTIES), [r for r in rows if Category(r["category"]).is_party]),
        total=tally(_("All participants"), rows),
        by_category=by_category,
        by_mode=_by_mode(rows),
        by_region=_by_region(rows),
        sittings=sittings[0],
        outside_sittings=sittings[1],
        category_chart=_category_chart(by_category),
        sitting_chart=_sitting_chart(sittings[0]),
        from_presence=presence is not None,
        not_attended=registered - len(rows),
    )


async def _registrations(session_id: int) -> list[Row]:
    entity = Registration.delegation.entity
    return await Registration.select(
        Registration.id,
        Registration.delegation,
        Registration.mode,
        entity.short_name.as_alias("entity_name"),
        entity.category.as_alias("category"),
        entity.regional_group.as_alias("regional_group"),
    ).where(
        (Registration.session == session_id)
        & (Registration.status == RegistrationStatus.APPROVED.value)
    )


def tally(label: str, rows: list[Row]) -> Tally:
    in_room = [row for row in rows if row["mode"] == AttendanceMode.IN_PERSON.value]
    return Tally(
        label=label,
        delegations=len({row["delegation"] for row in rows}),
        delegations_in_person=len({row["delegation"] for row in in_room}),
        persons=len(rows),
        in_person=len(in_room),
        online=len(rows) - len(in_room),
    )


def press_sentence(states_parties: Tally) -> str:
    """ "Representatives of 120 States parties attended, 80 in person and 40 online."."""
    if not states_parties.delegations:
        return _("No State party was represented.")
    return ngettext(
        "Representatives of %(num)d State party attended, "
        "%(in_person)d in person and %(online)d online.",
        "Representatives of %(num)d States parties attended, "
        "%(in_person)d in person and %(online)d online.",
        states_parties.delegations,
        in_person=states_parties.delegations_in_person,
        online=states_parties.delegations - states_parties.delegations_in_person,
    )


def organizations_as_parties(rows: list[Row]) -> list[str]:
    """ "The European Union, a regional economic integration organization that is a party to the
    Convention, was represented at the session.": one sentence for each such party represented."""
    names = {row["entity_name"] for row in rows if row["category"] == Category.REIO.value}
    return [
        _(
            "%(name)s, a regional economic integration organization that is a party to the "
            "Convention, was represented at the session.",
            name=_the(name),
        )
        for name in sorted(names, key=alphabetical_key)
    ]


def _the(name: str) -> str:
    """ "The European Union": in English a name read as a common noun phrase takes the article."""
    if current_locale() != ENGLISH or name.startswith("The "):
        return name
    return f"The {name}"


def _split(rows: list[Row], key: Callable[[Row], Any]) -> dict[Any, list[Row]]:
    parts: dict[Any, list[Row]] = defaultdict(list)
    for row in rows:
        parts[key(row)].append(row)
    return parts


def _by_category(rows: list[Row], admitted: list[str]) -> list[Tally]:
    """Every group the session admits (even with nobody), in the order lists use."""
    parts = _split(rows, lambda row: Category(row["category"]).list_group)
    shown = {Category(code).list_group for code in admitted} | set(parts)
    return [tally(_(LIST_GROUP_HEADINGS[group]), parts[group]) for group in sorted(shown)]


def _by_mode(rows: list[Row]) -> list[Tally]:
    parts = _split(rows, lambda row: row["mode"])
    return [tally(_(MODE_LABELS[mode]), parts[mode.value]) for mode in AttendanceMode]


def _by_region(rows: list[Row]) -> list[Tally]:
    """States only: organizations belong to no regional group."""
    states = [row for row in rows if Category(row["category"]).is_state]
    parts = _split(states, lambda row: row["regional_group"])
    tallies = [
        tally(_(label), parts[group.value]) for group, label in REGIONAL_GROUP_LABELS.items()
    ]
    if parts.get(None):
        tallies.append(tally(_(NO_REGIONAL_GROUP), parts[None]))
    return tallies


async def _sittings(
    session_id: int, presence: Presence | None = None
) -> tuple[list[SittingAttendance], int]:
    """Who checked in (or, once recorded, was present) at each sitting held, and how many
    arrived when no sitting was under way."""
    checks = (
        await sitting_checks(session_id, presence)
        if presence is not None
        else await CheckIn.select(
            CheckIn.registration,
            CheckIn.sitting,
            CheckIn.registration.delegation.as_alias("delegation"),
            CheckIn.registration.delegation.entity.short_name.as_alias("entity_name"),
        ).where(CheckIn.registration.session == session_id)
    )
    by_sitting = _split(checks, lambda row: row["sitting"])
    held = held_sittings(await list_sittings(session_id, include_links=False))
    outside = len({row["registration"] for row in by_sitting.get(None, [])})
    return [
        _sitting_attendance(sitting, by_sitting.get(sitting.id, [])) for sitting in held
    ], outside


def held_sittings(sittings: list[SittingOut], now: datetime | None = None) -> list[SittingOut]:
    """Sittings that have begun and were not cancelled: those still to come were not held."""
    moment = now or datetime.now(UTC)
    return [s for s in sittings if s.status != CANCELLED and s.starts_at <= moment]


def _sitting_attendance(sitting: SittingOut, checks: list[Row]) -> SittingAttendance:
    persons: dict[str, set[int]] = defaultdict(set)
    for row in checks:
        persons[row["entity_name"]].add(row["registration"])
    names = sorted(persons, key=lambda name: (alphabetical_key(name), name))
    start = sitting.local_starts_at
    return SittingAttendance(
        title=sitting.title,
        when=f"{weekday_date(start.date())}, {time_span(start, sitting.local_ends_at)}",
        persons=sum(len(ids) for ids in persons.values()),
        delegations=len({row["delegation"] for row in checks}),
        present=[PresentDelegation(name, len(persons[name])) for name in names],
    )


def _category_chart(tallies: list[Tally]) -> str:
    bars = [
        Bar(
            t.label,
            (Segment(t.in_person, IN_PERSON_COLOUR), Segment(t.online, ONLINE_COLOUR)),
            _(
                "%(persons)d (%(in_person)d in person, %(online)d online)",
                persons=t.persons,
                in_person=t.in_person,
                online=t.online,
            ),
        )
        for t in tallies
    ]
    legend = [(_("In person"), IN_PERSON_COLOUR), (_("Online"), ONLINE_COLOUR)]
    return bar_chart(_("Persons by category and mode of participation"), bars, legend)


def _sitting_chart(sittings: list[SittingAttendance]) -> str:
    bars = [
        Bar(
            f"{s.title}, {s.when}",
            (Segment(s.persons, IN_PERSON_COLOUR),),
            ngettext("%(num)d person", "%(num)d persons", s.persons),
        )
        for s in sittings
    ]
    legend = [(_("Checked in"), IN_PERSON_COLOUR)]
    return bar_chart(_("Persons checked in at each sitting"), bars, legend)
