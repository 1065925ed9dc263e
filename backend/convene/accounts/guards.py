"""Guards: small functions a route lists to say who may call it."""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers import BaseRouteHandler

from convene.accounts.roles import Role


def requires_sign_in(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    if connection.user is None:
        raise NotAuthorizedException("Sign in to do this", headers={"WWW-Authenticate": "Bearer"})


def requires_secretariat(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    requires_sign_in(connection, handler)
    if connection.user.role != Role.SECRETARIAT.value:
        raise PermissionDeniedException("Only the secretariat can do this")


def is_secretariat(user: Any) -> bool:
    return user is not None and user.role == Role.SECRETARIAT.value
