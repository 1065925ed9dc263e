"""Guards: small functions a route lists to say who may call it.

Guards decide by role only; which *objects* a focal point or delegate may
touch is decided in the services (see :mod:`convene.accounts.access`).
They are coroutines though they wait for nothing: Litestar runs a plain function
guard in a worker thread, a hop to a thread and back at every request.
"""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers import BaseRouteHandler

from convene.accounts.roles import Role
from convene.translation import gettext

Connection = ASGIConnection[Any, Any, Any, Any]


async def requires_sign_in(connection: Connection, _: BaseRouteHandler) -> None:
    if connection.user is None:
        raise NotAuthorizedException(
            gettext("Sign in to do this"), headers={"WWW-Authenticate": "Bearer"}
        )


async def requires_secretariat(connection: Connection, handler: BaseRouteHandler) -> None:
    await requires_sign_in(connection, handler)
    if connection.user.role != Role.SECRETARIAT.value:
        raise PermissionDeniedException(gettext("Only the secretariat can do this"))


async def requires_secretariat_or_focal_point(connection: Connection, handler: BaseRouteHandler) -> None:
    """The secretariat, or a focal point (whose services then keep them to their own entity)."""
    await requires_sign_in(connection, handler)
    if connection.user.role not in {Role.SECRETARIAT.value, Role.FOCAL_POINT.value}:
        raise PermissionDeniedException(
            gettext("Only the secretariat or a focal point can do this")
        )


async def requires_secretariat_or_interpreter(connection: Connection, handler: BaseRouteHandler) -> None:
    """The secretariat, or an interpreter (who reads speakers' written statements only)."""
    await requires_sign_in(connection, handler)
    if connection.user.role not in {Role.SECRETARIAT.value, Role.INTERPRETER.value}:
        raise PermissionDeniedException(
            gettext("Only the secretariat or an interpreter can do this")
        )


def is_secretariat(user: Any) -> bool:
    return user is not None and user.role == Role.SECRETARIAT.value
