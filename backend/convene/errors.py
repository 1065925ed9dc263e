"""Every error answers as RFC 9457 problem details, naming the field at fault.

Services raise :class:`RuleViolation` when a request breaks a rule of the
domain; Litestar raises its own HTTP exceptions for routing and validation.
Both become ``application/problem+json`` bodies here, and so does anything
unexpected, which is also logged, so a client never sees an HTML error page.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

import asyncpg
from litestar import Request, Response
from litestar.exceptions import HTTPException, SerializationException, ValidationException
from litestar.plugins.problem_details import (
    ProblemDetailsConfig,
    ProblemDetailsException,
    ProblemDetailsPlugin,
)

from convene.database_faults import DATABASE_LOST, connection_lost
from convene.text import plain_message
from convene.translation import gettext

logger = logging.getLogger("convene.errors")
RETRY_AFTER_LOST_DATABASE = "1"


class RuleViolation(Exception):
    """A request that breaks a rule of the domain (a clash, a quota, a date).

    ``message`` is said in the request's language: mark it where it is raised,
    ``RuleViolation(gettext("... %(name)s ...", name=value), field=...)``; ``field``
    names an API field and stays as it is.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        status_code: int = 409,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.status_code = status_code
        self.extra = extra
        """More members of the problem's body, such as the current state of what conflicted."""


class NotFound(Exception):
    """The object does not exist, or the caller may not know that it does.

    ``message`` is the whole sentence, translated where it is raised
    (``NotFound(gettext("Session not found"))``): a noun put into "%s not found"
    could not agree in gender and case in the other five languages.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def problem(
    status_code: int, detail: str, *, errors: list[dict[str, Any]] | None = None, **headers: str
) -> ProblemDetailsException:
    return ProblemDetailsException(
        status_code=status_code,
        title=HTTPStatus(status_code).phrase,
        detail=detail,
        extra={"errors": errors} if errors else None,
        headers=headers or None,
    )


def _from_http_exception(exc: HTTPException) -> ProblemDetailsException:
    if isinstance(exc, ValidationException):
        return problem(exc.status_code, _validation_summary(exc), errors=_field_errors(exc.extra))
    extra = exc.extra if isinstance(exc.extra, Mapping) else None
    errors = extra.get("errors") if extra else None
    if errors is None and isinstance(exc.__cause__, SerializationException):  # unreadable JSON
        unreadable = gettext("The JSON body cannot be read: %(reason)s", reason=exc.detail)
        errors = [{"field": "body", "message": unreadable}]
    return problem(exc.status_code, exc.detail, errors=errors, **(exc.headers or {}))


def _validation_summary(exc: ValidationException) -> str:
    errors = _field_errors(exc.extra)
    if len(errors) == 1 and errors[0].get("field"):
        return f"{errors[0]['field']}: {errors[0]['message']}"
    return gettext("The request is not valid") if errors else exc.detail


def _field_errors(extra: Any) -> list[dict[str, Any]]:
    """Litestar's ``[{"key", "message", "source"}]`` as ``[{"field", "message"}]``."""
    if not isinstance(extra, list):
        return []
    errors = []
    for item in extra:
        if isinstance(item, Mapping):
            field = _missing_field(item.get("message", "")) or item.get("key") or None
            message = plain_message(item.get("message", ""))
            errors.append({"field": field, "message": message, "source": item.get("source")})
    return errors


_MISSING_FIELD = re.compile(r"^Object missing required field `([^`]+)`(?: - at `\$\.?([^`]*)`)?")


def _missing_field(message: str) -> str | None:
    """msgspec reports a missing field against the whole body ("data"); name the field itself.

    "Object missing required field `x` - at `$.parts[0]`" names ``parts[0].x``.
    """
    found = _MISSING_FIELD.match(message)
    if not found:
        return None
    name, where = found.groups()
    return f"{where}.{name}" if where else name


def _from_rule_violation(exc: RuleViolation) -> ProblemDetailsException:
    errors = [{"field": exc.field, "message": exc.message}] if exc.field else None
    found = problem(exc.status_code, exc.message, errors=errors)
    if exc.extra:
        found.extra = {**(found.extra or {}), **exc.extra}  # type: ignore[dict-item]
    return found


def _from_not_found(exc: NotFound) -> ProblemDetailsException:
    return problem(404, exc.message)


def _from_integrity_error(exc: Exception) -> ProblemDetailsException:
    # The services check rules first; this is the database's last word when
    # two requests raced past a check, so the answer is a conflict, not a crash.
    logger.info("integrity error answered as 409: %s", exc)
    return problem(409, gettext("The change conflicts with data that already exists"))


def _unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    if connection_lost(exc):
        return _database_unavailable(request, exc)
    logger.exception("unhandled error on %s %s", request.method, request.url.path)
    detail = gettext("An unexpected error occurred; it has been logged")
    return problem(500, detail).to_response(request)


def _database_unavailable(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """The database dropped the connection: a passing fault the client may retry, not a bug."""
    logger.warning("database connection lost on %s %s: %r", request.method, request.url.path, exc)
    request.scope[DATABASE_LOST] = True  # type: ignore[literal-required]
    detail = gettext(
        "The database could not be reached; nothing may have been saved. Try again in a moment"
    )
    response = problem(503, detail).to_response(request)
    response.headers["Retry-After"] = RETRY_AFTER_LOST_DATABASE
    return response


def _recursion(request: Request[Any, Any, Any], exc: RecursionError) -> Response[Any]:
    """JSON nested deeper than the decoder's stack is the sender's fault; other recursion is ours."""
    if "while deserializing" in str(exc):  # msgspec's words when a body is nested too deeply
        detail = gettext("The JSON body is nested too deeply")
        return problem(400, detail, errors=[{"field": "body", "message": detail}]).to_response(request)
    return _unexpected(request, exc)


def problem_details_plugin() -> ProblemDetailsPlugin:
    return ProblemDetailsPlugin(
        ProblemDetailsConfig(
            exception_to_problem_detail_map={
                HTTPException: _from_http_exception,
                RuleViolation: _from_rule_violation,
                NotFound: _from_not_found,
                sqlite3.IntegrityError: _from_integrity_error,
                asyncpg.IntegrityConstraintViolationError: _from_integrity_error,
            }
        )
    )


EXCEPTION_HANDLERS = {RecursionError: _recursion, Exception: _unexpected}
