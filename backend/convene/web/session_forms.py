"""The session form of the secretariat: its fields in, a session's fields out.

A session names up to four bodies (a joint session); the form shows one row
per body (``parts-0-body``, ``parts-0-number``...), and rows left without a
body are ignored. Empty quota fields mean "the format's default" for a new
session and "no limit" when editing, as the hints on the form say.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from msgspec import structs

from convene.meetings.schemas import SessionFields, SessionOut, SessionPatch
from convene.templating import gettext as _
from convene.translation import LANGUAGES, N_
from convene.web.forms import checked, convert, many, require, text

PART_ROWS = 4
PART_FIELDS = ("body", "kind", "number", "resumption")
SCALARS = (
    "start_date",
    "end_date",
    "timezone",
    "format",
    "symbol_prefix",
    "status",
    "subject",
    "venue_name",
    "city",
    "platform_name",
    "join_link",
    "registration_opens",
    "registration_closes",
)
COUNTS = ("in_person_quota", "online_speaking_quota", "room_capacity")
LISTS = ("interpretation_languages", "admitted_categories")
TIMEZONES = sorted(available_timezones())


def read(form: Any) -> dict[str, Any]:
    """Everything the form sent, as typed (to show it again if something is wrong)."""
    values: dict[str, Any] = {name: text(form, name) for name in (*SCALARS, *COUNTS)}
    values |= {name: many(form, name) for name in LISTS}
    values["participants_published"] = checked(form, "participants_published")
    values["titles"] = {language: text(form, f"titles-{language}") for language in LANGUAGES}
    rows = [
        {field: text(form, f"parts-{row}-{field}") for field in PART_FIELDS}
        for row in range(PART_ROWS)
    ]
    filled = [row for row in rows if row["body"] or row["number"] or row["resumption"]]
    values["parts"] = filled + [dict.fromkeys(PART_FIELDS, "")] * (
        1 if len(filled) < PART_ROWS else 0
    )
    return values


def _parts(values: dict[str, Any]) -> list[dict[str, str]]:
    return [
        {field: value for field, value in row.items() if value}
        for row in values["parts"]
        if row.get("body")
    ]


REQUIRED = {
    "parts-0-body": N_("Choose the body that holds the session"),
    "start_date": N_("Enter the first day"),
    "end_date": N_("Enter the last day"),
    "timezone": N_("Enter the venue's time zone"),
    "symbol_prefix": N_("Enter the document symbol prefix"),
}


def check_required(values: dict[str, Any]) -> None:
    """Every required field left empty, named at once."""
    flat = values | {"parts-0-body": values["parts"][0]["body"] if values["parts"] else ""}
    require(flat, {name: _(message) for name, message in REQUIRED.items()})


def to_fields(values: dict[str, Any]) -> SessionFields:
    """A new session: empty optional fields are left out, so the service's defaults apply."""
    check_required(values)
    data: dict[str, Any] = {name: values[name] for name in (*SCALARS, *COUNTS) if values[name]}
    data |= {name: values[name] for name in LISTS if values[name]}
    data["parts"] = _parts(values)
    data["titles"] = {language: title for language, title in values["titles"].items() if title}
    return convert(data, SessionFields)


def to_patch(values: dict[str, Any]) -> SessionPatch:
    """A change to every field the form shows; an emptied optional field is cleared."""
    check_required(values)
    data: dict[str, Any] = {name: values[name] for name in SCALARS if values[name]}
    data |= {
        name: values[name] or None
        for name in (*COUNTS, "registration_opens", "registration_closes")
    }
    data |= {name: values[name] for name in LISTS if values[name]}
    data |= {
        "subject": values["subject"],
        "venue_name": values["venue_name"],
        "city": values["city"],
        "platform_name": values["platform_name"],
        "join_link": values["join_link"],
        "participants_published": values["participants_published"],
        "parts": _parts(values),
        "titles": values["titles"],  # an emptied correction gives the derived title back
    }
    return convert(data, SessionPatch)


def values_of(session: SessionOut) -> dict[str, Any]:
    """A stored session as the form's values."""
    stored = structs.asdict(session)
    values: dict[str, Any] = {
        name: "" if stored.get(name) is None else str(stored[name]) for name in (*SCALARS, *COUNTS)
    }
    values |= {name: stored[name] for name in LISTS}
    values["participants_published"] = session.participants_published
    values["titles"] = {
        language: (session.title_corrections or {}).get(language, "") for language in LANGUAGES
    }
    parts = [
        {
            "body": part.body,
            "kind": part.kind,
            "number": "" if part.number is None else str(part.number),
            "resumption": "" if part.resumption is None else str(part.resumption),
        }
        for part in session.parts
    ]
    spare = 1 if len(parts) < PART_ROWS else 0  # one empty row to add a body for a joint session
    values["parts"] = parts + [dict.fromkeys(PART_FIELDS, "") for _ in range(spare)]
    return values


def blank() -> dict[str, Any]:
    """A new session's form: a hybrid regular session in Vienna, to be filled in."""
    values: dict[str, Any] = dict.fromkeys((*SCALARS, *COUNTS), "")
    values |= {name: [] for name in LISTS}
    values |= {
        "timezone": "Europe/Vienna",
        "format": "hybrid",
        "status": "draft",
        "participants_published": False,
        "titles": dict.fromkeys(LANGUAGES, ""),
    }
    values["parts"] = [dict.fromkeys(PART_FIELDS, "") for _ in range(2)]
    return values
