"""Turning a submitted form into a service's input, and its mistakes into per-field messages.

A page's form fields carry the names the services use (``start_date``,
``email``...), so a :class:`RuleViolation` from a service lands beside the
field that caused it. Nested names such as ``parts[0].body`` become the input
name ``parts-0-body``. Type mistakes (a word where a number goes) are caught
here, before any service runs, with plain-language messages.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable, Mapping
from inspect import isawaitable
from typing import Any, TypeVar

import msgspec
from litestar import Response
from litestar.response import Template

from convene.bounds import MAX_ID
from convene.errors import NotFound, RuleViolation
from convene.templating import gettext as _
from convene.text import plain_message

T = TypeVar("T")
R = TypeVar("R", bound=Response[Any])
GENERAL = "_form"
"""The key of an error that belongs to the whole form rather than one field."""
Action = Callable[[], Awaitable[Any]]
"""The service call a form's post makes, run where its refusal can be shown beside the form."""


class FormErrors(Exception):
    """One or more fields of a form are wrong: ``{input name: message}``."""

    def __init__(self, errors: Mapping[str, str], status_code: int = 400) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = dict(errors)
        self.status_code = status_code

    @classmethod
    def of(cls, error: RuleViolation | NotFound, fields: Iterable[str] = ()) -> FormErrors:
        """A service's refusal, placed on its field when the form has one, else on the form."""
        if isinstance(error, NotFound):
            return cls({GENERAL: error.message}, 404)
        name = input_name(error.field) if error.field else GENERAL
        known = set(fields)
        key = name if not known or name in known else GENERAL
        status = error.status_code if 400 <= error.status_code < 500 else 409
        return cls({key: error.message}, status)


def refusal(error: FormErrors | RuleViolation | NotFound, fields: Iterable[str] = ()) -> FormErrors:
    """Any refusal of a post as form errors, so a page handles its own and a service's alike."""
    return error if isinstance(error, FormErrors) else FormErrors.of(error, fields)


Refusals = tuple[type[FormErrors | RuleViolation | NotFound], ...]
REFUSED: Refusals = (FormErrors, RuleViolation)
"""What a post shows beside its form: a mistake in the form, or a rule a service applied."""


async def post_form(
    action: Callable[[], Awaitable[T]],
    *,
    then: Callable[[T], R | Awaitable[R]],
    again: Callable[[FormErrors], Awaitable[Template]],
    fields: Iterable[str] = (),
    refused: Refusals = REFUSED,
) -> R | Template:
    """Make the change a posted form asks for and answer ``then``, or show the form ``again``.

    Every page's post goes through here, so a refusal always looks the same: ``again`` gets it
    as :class:`FormErrors` (on the field of ``fields`` it names, else on the whole form, with
    its 4xx status) to show the page with it and with what was typed. A refusal not in
    ``refused`` (a missing page, say) is left to the page error handlers.
    """
    try:
        result = await action()
    except refused as error:
        return await again(refusal(error, fields))
    answer = then(result)
    return await answer if isawaitable(answer) else answer


def input_name(field: str) -> str:
    """``parts[0].body`` → ``parts-0-body``: the form's name for a service's field."""
    return re.sub(r"\[(\d+)\]\.?", r"-\1-", field).strip("-").replace(".", "-")


_AT = re.compile(r" - at `\$\.?([^`]*)`$")
_MISSING = re.compile(r"^Object missing required field `([^`]+)`")


def convert(values: Mapping[str, Any], into: type[T]) -> T:
    """``values`` as the struct ``into``, or :class:`FormErrors` naming the wrong field."""
    try:
        return msgspec.convert(dict(values), into, strict=False)
    except msgspec.ValidationError as error:
        field, message = _explain(str(error))
        raise FormErrors({input_name(field) if field else GENERAL: message}) from error


FIELD_LABELS = {
    "given_name": "Given name",
    "family_name": "Family name",
    "email": "E-mail address",
    "phone": "Phone",
    "honorific": "Title",
    "function": "Function",
    "organization": "Organization",
    "full_name": "Full name",
    "reason": "Reason",
    "credentials_reference": "Note verbale or nomination letter",
}
"""What the forms call a field, where its name alone would not say it (else the name, in words)."""


def field_label(field: str) -> str:
    """The field as its form's label names it: ``parts[0].start_date`` → "Start date"."""
    last = re.split(r"[.\]]", field)[-1] if field else ""
    words = FIELD_LABELS.get(last, last.replace("_", " ").strip().capitalize())
    return _(words) if words else _("This field")


def _explain(text: str) -> tuple[str, str]:
    """msgspec's message → (field, a sentence a person can act on, naming the field).

    The sentence names the field because the page's error summary lists it away from the
    field (with a link to it): "Family name is required", not "This field is required".
    """
    at = _AT.search(text)
    where = at.group(1) if at else ""
    missing = _MISSING.match(text)
    if missing:
        name = f"{where}.{missing.group(1)}" if where else missing.group(1)
        return name, _("%(field)s is required", field=field_label(name))
    return where, _friendly(text, field_label(where))


def _friendly(text: str, field: str) -> str:
    if (plain := plain_message(text)) != text:
        return _(plain)
    if "matching regex" in text:
        return _("%(field)s is not in the expected form", field=field)
    if "of length <=" in text:
        return _("%(field)s is too long", field=field)
    if "of length >=" in text:
        return _("%(field)s is required", field=field)
    if bound := re.search(r"(>=|<=) (-?\d+)", text):
        if bound.group(1) == ">=":
            return _("Enter %(n)s or more", n=bound.group(2))
        return _("Enter %(n)s or less", n=bound.group(2))
    if "Expected `int" in text:
        return _("Enter a whole number")
    if "Invalid enum value" in text:
        return _("Choose one of the options")
    if "date" in text.lower():
        return _("Enter a date")
    return _("This value is not valid")


def require(values: Mapping[str, Any], messages: Mapping[str, str]) -> None:
    """Name every required field left empty at once (a type check stops at the first).

    ``messages`` maps each required input name to what to say (marked ``N_``): "Enter the family name".
    """
    missing = {name: _(message) for name, message in messages.items() if not values.get(name)}
    if missing:
        raise FormErrors(missing)


def text(form: Mapping[str, Any], name: str) -> str:
    """A text field, stripped ("" when absent)."""
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def optional(form: Mapping[str, Any], *names: str) -> dict[str, str]:
    """The named fields that were filled in (an empty optional field is left to its default)."""
    return {name: text(form, name) for name in names if text(form, name)}


def nullable(form: Mapping[str, Any], *names: str) -> dict[str, str | None]:
    """The named fields, an empty one as None: for a change that may clear a value."""
    return {name: text(form, name) or None for name in names}


def checked(form: Mapping[str, Any], name: str) -> bool:
    return text(form, name) in {"on", "true", "1", "yes"}


def many(form: Any, name: str) -> list[str]:
    """Every value of a repeated field (checkboxes), empty ones left out."""
    values = form.getall(name) if hasattr(form, "getall") and name in form else []
    return [value.strip() for value in values if isinstance(value, str) and value.strip()]


def whole_numbers(values: Iterable[str], name: str) -> list[int]:
    """The ids of the items ticked in a list; anything that cannot be one is refused."""
    try:
        numbers = [int(value) for value in values]
    except ValueError as error:
        raise FormErrors({name: _("Choose from the list")}) from error
    if any(not 1 <= number <= MAX_ID for number in numbers):
        raise FormErrors({name: _("Choose from the list")})
    return numbers
