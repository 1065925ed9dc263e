"""Who is calling: an ASGI middleware that puts the account (or None) in the scope.

Public pages are open to everyone, so a request without credentials is let
through as anonymous; a request with a bad token is refused with 401 rather
than quietly treated as public, so an integration notices a revoked token.
"""

from __future__ import annotations

from litestar.enums import ScopeType
from litestar.exceptions import NotAuthorizedException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

from convene.accounts.services import account_for_token


class AuthenticationMiddleware(ASGIMiddleware):
    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        scope["user"] = None
        scope["auth"] = None
        token = _bearer_token(scope)
        if token is not None:
            account = await account_for_token(token)
            if account is None:
                raise NotAuthorizedException(
                    "The API token is not valid or has been revoked",
                    headers={"WWW-Authenticate": "Bearer"},
                )
            scope["user"] = account
            scope["auth"] = "token"
        await next_app(scope, receive, send)


def _bearer_token(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            scheme, _, credentials = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and credentials.strip():
                return credentials.strip()
    return None
