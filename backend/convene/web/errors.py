"""What a page answers when it cannot be shown: sign in, not for you, not found, bad address.

The API answers problem details; a person in a browser gets a page instead,
with a way forward (a sign-in link that brings them back, the home page).
These handlers are registered on the web router only.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from litestar import Request, Response
from litestar.exceptions import (
    NotAuthorizedException,
    NotFoundException,
    PermissionDeniedException,
    ValidationException,
)
from litestar.response import Redirect, Template
from litestar.types import ExceptionHandlersMap

from convene.errors import NotFound, RuleViolation
from convene.templating import gettext as _
from convene.web.forms import FormErrors

AnyRequest = Request[Any, Any, Any]
NO_STORE = {"Cache-Control": "no-store"}


def _problem_page(request: AnyRequest, status: int, heading: str, message: str) -> Response[Any]:
    return Template(
        template_name="web/error.html",
        context={"heading": heading, "message": message, "status": status},
        status_code=status,
        headers=NO_STORE,
    )


def sign_in_first(request: AnyRequest, _exc: Exception) -> Response[Any]:
    """Not signed in: go to the sign-in form, which brings the person back here."""
    target = request.url.path if request.method == "GET" else "/"
    if request.method == "GET" and request.url.query:
        target += "?" + request.url.query
    return Redirect(path=f"/sign-in?next={quote(target, safe='/')}", status_code=303)


def not_yours(request: AnyRequest, exc: PermissionDeniedException) -> Response[Any]:
    return _problem_page(request, 403, _("This page is not open to you"), exc.detail)


def not_found(request: AnyRequest, exc: Exception) -> Response[Any]:
    """What a service found missing ("Session not found", already in the reader's language),
    else that the address leads nowhere."""
    message = exc.message if isinstance(exc, NotFound) else _("There is no page at this address")
    return _problem_page(request, 404, _("Not found"), message)


def bad_address(request: AnyRequest, _exc: ValidationException) -> Response[Any]:
    return _problem_page(
        request,
        400,
        _("This address is not right"),
        _("Check the address, or start again from the home page."),
    )


def refused(request: AnyRequest, exc: RuleViolation) -> Response[Any]:
    """A rule refused a change that no form field could be blamed for."""
    status = exc.status_code if 400 <= exc.status_code < 500 else 409
    return _problem_page(request, status, _("This cannot be done"), exc.message)


def form_mistake(request: AnyRequest, exc: FormErrors) -> Response[Any]:
    """A form mistake no page caught to show beside its field: list it, rather than fail."""
    return _problem_page(
        request, exc.status_code, _("This cannot be done"), " ".join(exc.errors.values())
    )


PAGE_ERRORS: ExceptionHandlersMap = {
    FormErrors: form_mistake,
    NotAuthorizedException: sign_in_first,
    PermissionDeniedException: not_yours,
    NotFound: not_found,
    NotFoundException: not_found,
    ValidationException: bad_address,
    RuleViolation: refused,
}
