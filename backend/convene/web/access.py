"""Guards of pages that belong to one role, beside those shared in :mod:`convene.accounts.guards`.

A guard refuses with Litestar's own exceptions; on the web router they become
a sign-in redirect (401) or a "not open to you" page (403).
"""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import PermissionDeniedException
from litestar.handlers import BaseRouteHandler

from convene.accounts.guards import requires_sign_in
from convene.accounts.roles import Role
from convene.translation import gettext


async def requires_focal_point(
    connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler
) -> None:
    """A focal point's own pages (their entity's sessions and delegations)."""
    await requires_sign_in(connection, handler)
    if connection.user.role != Role.FOCAL_POINT.value or connection.user.entity is None:
        raise PermissionDeniedException(
            gettext("These pages are for the focal points of delegations")
        )
