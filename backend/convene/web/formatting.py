"""How pages write dates, times and the domain's words, registered as template globals.

Dates and venue times follow the UN's editorial style (shared with the PDF
reports); the viewer's own time is written by the browser (see
``frontend/static/convene.js``), so the server sends every instant as a
``<time datetime="...Z">`` in UTC that reads sensibly even without scripts.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape

from convene.entities.categories import Category, RegionalGroup
from convene.reports.texts import date_span, long_date, time_span, weekday_date
from convene.translation import gettext as _

FORMAT_LABELS = {"in_person": "In person", "online": "Online", "hybrid": "Hybrid"}
STATUS_LABELS = {
    "draft": "Draft",
    "scheduled": "Scheduled",
    "postponed": "Postponed",
    "cancelled": "Cancelled",
    "concluded": "Concluded",
}
MODE_LABELS = {
    "in_person": "In person",
    "online_speaking": "Online (speaking)",
    "online_listening": "Online (listening)",
}
REGISTRATION_LABELS = {
    "submitted": "Awaiting approval",
    "approved": "Approved",
    "waitlisted": "Waitlisted",
    "rejected": "Not approved",
    "cancelled": "Cancelled",
}
CATEGORY_LABELS = {
    "state_party": "State party",
    "signatory": "Signatory State",
    "reio": "Regional economic integration organization",
    "observer_state": "Observer State",
    "un_entity": "United Nations entity",
    "igo": "Intergovernmental organization",
    "ngo": "Non-governmental organization",
}
KIND_LABELS = {
    "regular": "Regular session",
    "resumed": "Resumed session",
    "special": "Special session",
    "intersessional": "Intersessional meeting",
}
LANGUAGE_LABELS = {
    "ar": "Arabic",
    "zh": "Chinese",
    "en": "English",
    "fr": "French",
    "ru": "Russian",
    "es": "Spanish",
}


def label(vocabulary: dict[str, str], value: str | None) -> str:
    """The translated label of a stored code, or the code itself when unknown."""
    return _(vocabulary[value]) if value in vocabulary else (value or "")


def utc_iso(moment: datetime) -> str:
    """The machine-readable instant of a ``<time>`` element: ``2020-08-31T08:00:00Z``."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def viewer_time(moment: datetime, style: str = "datetime") -> Markup:
    """A ``<time>`` the browser rewrites into the viewer's zone; UTC until it does."""
    aware = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    fallback = (
        f"{aware:%H:%M} UTC" if style == "time" else f"{long_date(aware.date())}, {aware:%H:%M} UTC"
    )
    return Markup('<time datetime="{}" data-viewer-time="{}">{}</time>').format(
        utc_iso(aware), style, fallback
    )


def venue_times(starts_at: datetime, ends_at: datetime, zone: str) -> str:
    """ "Monday, 31 August 2020, 10 a.m.–1 p.m. (CEST)": a sitting in the venue's time."""
    tz = ZoneInfo(zone)
    start, end = starts_at.astimezone(tz), ends_at.astimezone(tz)
    return f"{weekday_date(start.date())}, {time_span(start, end)} ({start:%Z})"


def zone_label(zone: str) -> str:
    """ "Vienna time (Europe/Vienna)"."""
    city = zone.rsplit("/", 1)[-1].replace("_", " ")
    return _("%(city)s time (%(zone)s)", city=city, zone=zone)


def venue(session: Any) -> str:
    return ", ".join(part for part in (session.venue_name, session.city) if part) or _("Online")


def category_label(code: str) -> str:
    return label(CATEGORY_LABELS, Category(code).value if code in CATEGORY_LABELS else code)


def today_in(zone: str) -> date:
    return datetime.now(ZoneInfo(zone)).date()


def template_globals() -> dict[str, Any]:
    """What every template can call."""
    return {
        "long_date": long_date,
        "date_span": date_span,
        "weekday_date": weekday_date,
        "viewer_time": viewer_time,
        "venue_times": venue_times,
        "zone_label": zone_label,
        "venue": venue,
        "format_label": lambda code: label(FORMAT_LABELS, code),
        "status_label": lambda code: label(STATUS_LABELS, code),
        "mode_label": lambda code: label(MODE_LABELS, code),
        "registration_label": lambda code: label(REGISTRATION_LABELS, code),
        "category_label": category_label,
        "group_label": lambda code: label(
            {group.value: group.label for group in RegionalGroup}, code
        ),
        "kind_label": lambda code: label(KIND_LABELS, code),
        "language_label": lambda code: label(LANGUAGE_LABELS, code),
        "escape": escape,
    }
