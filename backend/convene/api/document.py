"""What the OpenAPI document says of every operation beyond its handler: its errors, its text.

**Errors.** Every API operation declares the problem-details answers it can give.

Errors come back as RFC 9457 problem details (``application/problem+json``)
with a list of ``{field, message}``. Which of them an operation can answer
follows from what it is, so they are declared here, once, from each
handler's own description, rather than by hand on seventy handlers:

- any operation: 400 (input it cannot take, anywhere in the request), 401
  (an API token that is not valid, sent to any route), 403 (a role or an
  entity that may not; the services decide which rows a focal point may
  see, whatever the route), 422 (input that is well formed but impossible:
  a session ending before it starts, the changes of a text that has no
  earlier version) and 503 (the database is unreachable);
- one that changes something: 409 (a rule of the domain);
- one whose path or body names something: 404.

**Text in the URL.** The edge (:mod:`convene.edge`) refuses a control
character in any path or query parameter; each string parameter's schema
says so with the same pattern as a one-line text field.
"""

from __future__ import annotations

from http import HTTPStatus

from litestar import Litestar
from litestar._openapi.plugin import OpenAPIPlugin
from litestar.openapi.spec.enums import OpenAPIType
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Operation, Parameter, PathItem, Reference, Schema
from litestar.routes import HTTPRoute
from msgspec import Struct

from convene.text import LINE_SCHEMA

PROBLEM = "application/problem+json"
CHANGES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class FieldError(Struct):
    field: str | None
    """The field, parameter or header at fault (``parts[0].number``), if one is."""
    message: str


class Problem(Struct):
    """An error, as RFC 9457 problem details."""

    status: int
    title: str
    detail: str | None = None
    errors: list[FieldError] | None = None


def complete_document(app: Litestar) -> None:
    """Declare problems on every handler, and printable text on every string parameter."""
    declare_problems(app)
    document = app.plugins.get(OpenAPIPlugin).provide_openapi()  # built now, and kept
    for path_item in (document.paths or {}).values():
        for operation in _operations(path_item):
            for parameter in operation.parameters or []:
                if isinstance(parameter, Parameter):
                    _printable(parameter.schema)


def _operations(path_item: PathItem) -> list[Operation]:
    methods = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
    return [operation for method in methods if (operation := getattr(path_item, method)) is not None]


def _printable(schema: Schema | Reference | None) -> None:
    if isinstance(schema, Schema):
        if schema.type == OpenAPIType.STRING and schema.pattern is None and schema.enum is None:
            schema.pattern = LINE_SCHEMA
        for option in schema.one_of or []:
            _printable(option)


def declare_problems(app: Litestar) -> None:
    """Add each API operation's problem answers to what it already declares."""
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            if handler.resolve_include_in_schema():
                declared = dict(handler.responses or {})
                handler.responses = {**_problems(handler, "{" in route.path), **declared}


def _problems(handler: HTTPRouteHandler, names_something: bool) -> dict[int, ResponseSpec]:
    codes = {400, 401, 403, 422, 503}
    changes = bool(handler.http_methods & CHANGES)
    if changes:
        codes.add(409)
    if names_something or changes:
        codes.add(404)
    return {code: _spec(code) for code in sorted(codes)}


def _spec(code: int) -> ResponseSpec:
    return ResponseSpec(
        data_container=Problem,
        media_type=PROBLEM,
        description=HTTPStatus(code).phrase,
        generate_examples=False,
    )
