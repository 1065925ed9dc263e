# mypy: disable-error-code="union-attr"
# (Piccolo types a joined column, e.g. Registration.delegation.entity, as "Column | Any".)
"""Badges to print: one per approved in-person delegate, with the badge code as a QR code.

A badge shows the person's name, their entity, a band in the colour of their category (the
door can tell a State party's badge from an observer's at a glance) and the code, printed
and as a QR code that the door's scanner or camera reads. Eight badges to an A4 sheet, cut
along the lines; one sheet run per delegation or for the whole session, in the order lists use.
"""

from __future__ import annotations

import asyncio
import base64
import io

import qrcode
from msgspec import Struct
from qrcode.constants import ERROR_CORRECT_M
from qrcode.image.svg import SvgPathImage

from convene.accounts.access import Actor, ensure_entity_access, is_secretariat
from convene.delegations.access import delegation_row
from convene.delegations.tables import Registration
from convene.delegations.vocabulary import AttendanceMode, RegistrationStatus
from convene.entities.categories import Category, alphabetical_key
from convene.errors import RuleViolation
from convene.meetings.services import get_session
from convene.presence.people import person_name
from convene.reports.headers import report_header
from convene.reports.rendering import render_pdf
from convene.reports.schemas import ReportHeader
from convene.translation import N_, gettext

CATEGORY_COLOURS = {
    Category.STATE_PARTY: ("#1f4e79", "State party"),
    Category.SIGNATORY: ("#2e7d32", "Signatory State"),
    Category.REIO: ("#2e7d32", "Regional economic integration organization"),
    Category.OBSERVER_STATE: ("#6a1b9a", "Observer State"),
    Category.UN_ENTITY: ("#0a6fa8", "United Nations"),
    Category.IGO: ("#b45309", "Intergovernmental organization"),
    Category.NGO: ("#b71c1c", "Non-governmental organization"),
}


class BadgeView(Struct, frozen=True):
    name: str
    function: str
    entity: str
    category: str
    colour: str
    code: str
    qr: str
    """The QR code as a data: URI of an SVG image."""


class BadgeSheet(Struct, frozen=True):
    header: ReportHeader
    badges: list[BadgeView]


def qr_data_uri(code: str) -> str:
    """The code as a QR code (correction level M: a scuffed badge still reads), as SVG."""
    image = qrcode.make(
        code,
        image_factory=SvgPathImage,
        error_correction=ERROR_CORRECT_M,
        border=2,
    )
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


async def badge_sheet(actor: Actor, session_id: int, delegation_id: int | None) -> bytes:
    """The badges of the approved in-person delegates (of one delegation, if given), as a PDF."""
    session = await get_session(session_id, include_private=True)
    where = (
        (Registration.session == session_id)
        & (Registration.status == RegistrationStatus.APPROVED.value)
        & (Registration.mode == AttendanceMode.IN_PERSON.value)
    )
    if delegation_id is None and not is_secretariat(actor):
        raise RuleViolation(
            gettext("Name your delegation: a focal point prints their own delegation's badges"),
            field="delegation_id",
            status_code=403,
        )
    if delegation_id is not None:
        delegation = await delegation_row(delegation_id)
        ensure_entity_access(actor, delegation["entity"], N_("Delegation not found"))
        if delegation["session"] != session_id:
            raise RuleViolation(
                gettext("The delegation is not of this session"),
                field="delegation_id",
                status_code=404,
            )
        where = where & (Registration.delegation == delegation_id)
    rows = await Registration.select(
        Registration.honorific,
        Registration.given_name,
        Registration.family_name,
        Registration.function,
        Registration.badge_code,
        Registration.delegation.entity.short_name.as_alias("entity"),
        Registration.delegation.entity.category.as_alias("category"),
    ).where(where)
    if not rows:
        raise RuleViolation(
            gettext("No approved in-person delegate has a badge to print yet"),
            field="delegation_id",
            status_code=404,
        )
    rows.sort(
        key=lambda r: (
            Category(r["category"]).list_group,
            alphabetical_key(r["entity"]),
            alphabetical_key(r["family_name"]),
            r["given_name"],
        )
    )
    sheet = BadgeSheet(
        header=report_header(session, heading="Badges", symbol=session.symbol_prefix),
        badges=[_badge(row) for row in rows],
    )
    return (await asyncio.to_thread(render_pdf, "badges.html", sheet)).content


def _badge(row: dict[str, str]) -> BadgeView:
    colour, label = CATEGORY_COLOURS[Category(row["category"])]
    return BadgeView(
        name=person_name(row),
        function=row["function"],
        entity=row["entity"],
        category=label,
        colour=colour,
        code=row["badge_code"],
        qr=qr_data_uri(row["badge_code"]),
    )
