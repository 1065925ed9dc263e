"""How pages write dates, times and the domain's words, registered as template globals.

In English, dates and venue times follow the UN's editorial style (shared
with the PDF reports); in the other five languages, CLDR's forms for the
request's language (Babel): "31 août 2020", "2020年8月31日", "10:00–13:00".
The viewer's own time is written by the browser in the page's language (see
``frontend/static/convene.js``), so the server sends every instant as a
``<time datetime="...Z">`` in UTC that reads sensibly even without scripts.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_interval
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from convene.entities.categories import Category, RegionalGroup
from convene.reports import texts
from convene.translation import ENGLISH, N_, current_locale
from convene.translation import gettext as _

FORMAT_LABELS = {"in_person": N_("In person"), "online": N_("Online"), "hybrid": N_("Hybrid")}
STATUS_LABELS = {
    "draft": N_("Draft"),
    "scheduled": N_("Scheduled"),
    "postponed": N_("Postponed"),
    "cancelled": N_("Cancelled"),
    "concluded": N_("Concluded"),
}
MODE_LABELS = {
    "in_person": N_("In person"),
    "online_speaking": N_("Online (speaking)"),
    "online_listening": N_("Online (listening)"),
}
REGISTRATION_LABELS = {
    "submitted": N_("Awaiting approval"),
    "approved": N_("Approved"),
    "waitlisted": N_("Waitlisted"),
    "rejected": N_("Not approved"),
    "cancelled": N_("Cancelled"),
}
CATEGORY_LABELS = {
    "state_party": N_("State party"),
    "signatory": N_("Signatory State"),
    "reio": N_("Regional economic integration organization"),
    "observer_state": N_("Observer State"),
    "un_entity": N_("United Nations entity"),
    "igo": N_("Intergovernmental organization"),
    "ngo": N_("Non-governmental organization"),
}
KIND_LABELS = {
    "regular": N_("Regular session"),
    "resumed": N_("Resumed session"),
    "special": N_("Special session"),
    "intersessional": N_("Intersessional meeting"),
}
LANGUAGE_LABELS = {
    "ar": N_("Arabic"),
    "zh": N_("Chinese"),
    "en": N_("English"),
    "fr": N_("French"),
    "ru": N_("Russian"),
    "es": N_("Spanish"),
}


def label(vocabulary: dict[str, str], value: str | None) -> str:
    """The translated label of a stored code, or the code itself when unknown."""
    return _(vocabulary[value]) if value in vocabulary else (value or "")


def long_date(day: date) -> str:
    """ "31 August 2020", "31 août 2020", "2020年8月31日"."""
    locale = current_locale()
    return texts.long_date(day) if locale == ENGLISH else format_date(day, "long", locale=locale)


def weekday_date(day: date) -> str:
    """ "Monday, 31 August 2020", "lundi 31 août 2020"."""
    locale = current_locale()
    return texts.weekday_date(day) if locale == ENGLISH else format_date(day, "full", locale=locale)


def date_span(first: date, last: date) -> str:
    """A session's dates, repeating only what differs.

    "31 August–2 September 2020", "31 août – 2 sept. 2020".
    """
    locale = current_locale()
    if locale == ENGLISH:
        return texts.date_span(first, last)
    return format_interval(first, last, "yMMMMd", locale=locale)


def time_span(start: datetime, end: datetime) -> str:
    """ "10 a.m.–1 p.m." in English, else the language's own: "10:00–13:00"."""
    locale = current_locale()
    if locale == ENGLISH:
        return texts.time_span(start, end)
    return format_interval(start.timetz(), end.timetz(), "Hm", locale=locale)


def number(value: int | float) -> str:
    """ "1,250", "1 250", "1.250": a count in the request's language."""
    return format_decimal(value, locale=current_locale())


def utc_iso(moment: datetime) -> str:
    """The machine-readable instant of a ``<time>`` element: ``2020-08-31T08:00:00Z``."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def viewer_time(moment: datetime, style: str = "datetime") -> Markup:
    """A ``<time>`` the browser rewrites into the viewer's zone; UTC until it does."""
    aware = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    time = aware.strftime("%H:%M")
    fallback = (
        f"{time} UTC"
        if style == "time"
        else _("%(day)s, %(time)s UTC", day=long_date(aware.date()), time=time)
    )
    return Markup('<time datetime="{}" data-viewer-time="{}">{}</time>').format(
        utc_iso(aware), style, fallback
    )


def venue_times(starts_at: datetime, ends_at: datetime, zone: str) -> str:
    """ "Monday, 31 August 2020, 10 a.m.–1 p.m. (CEST)": a sitting in the venue's time."""
    tz = ZoneInfo(zone)
    start, end = starts_at.astimezone(tz), ends_at.astimezone(tz)
    day, times, abbreviation = weekday_date(start.date()), time_span(start, end), start.strftime("%Z")
    return _("%(day)s, %(times)s (%(zone)s)", day=day, times=times, zone=abbreviation)


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
        "number": number,
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
