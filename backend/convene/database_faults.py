"""When the database drops a connection: a clear 503 for writes, one more try for reads.

PostgreSQL may end a connection at any moment (``pg_terminate_backend``, a
restart, a failover). The pool then opens fresh connections by itself; the
requests that were using the lost one cannot know whether their work was done:

- a read (GET, HEAD) changes nothing, so it is tried once more, from the start,
  on a fresh connection (:class:`DatabaseFaultsMiddleware`), provided nothing of
  its answer was sent yet;
- anything else, or a read that fails twice, is answered 503 with problem
  details and ``Retry-After`` (``convene.errors``), never a 500: the client
  may check and try again;
- a request still open when a stopping server's grace is over is cancelled,
  and answered 503 too.
"""

from __future__ import annotations

import asyncio
import copy
import logging
from typing import Any, cast

import asyncpg
import msgspec
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, HTTPScope, Message, Receive, Scope, Send
from litestar.utils.scope.state import CONNECTION_STATE_KEY, ScopeState

from convene.db import current_engine
from convene.postgres import renew_connections

logger = logging.getLogger("convene.db")

LOST_CONNECTION_ERRORS: tuple[type[BaseException], ...] = (
    asyncpg.PostgresConnectionError,  # 08xxx; "connection was closed in the middle of operation"
    asyncpg.AdminShutdownError,  # terminated by an administrator, or the server shutting down
    asyncpg.CrashShutdownError,
    asyncpg.CannotConnectNowError,  # the server is starting up
    asyncpg.IdleSessionTimeoutError,
    asyncpg.TooManyConnectionsError,
    asyncpg.InternalClientError,  # the client's state of a connection the server cut mid-reply
    ConnectionError,  # refused or reset while (re)connecting
)
DATABASE_LOST = "convene.database_lost"
"""Set in a request's scope when its answer is a 503 for a lost database connection."""
RETRIED_METHODS = frozenset({"GET", "HEAD"})


def connection_lost(error: BaseException) -> bool:
    """Whether ``error`` means the database connection went away (not a mistake in the query)."""
    if isinstance(error, LOST_CONNECTION_ERRORS):
        return True
    return isinstance(error, asyncpg.InterfaceError) and "connection is closed" in str(error)


class DatabaseFaultsMiddleware(ASGIMiddleware):
    """A read whose database connection was lost before it answered is tried once more.

    After any request that lost its connection, every pooled connection is
    replaced (:func:`convene.postgres.renew_connections`): the next request,
    or the read's second try, does not pick up another one that was cut too.
    """

    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        sent = _Started(send)
        try:
            await self._answer(cast("HTTPScope", scope), receive, sent, next_app)
        except asyncio.CancelledError:
            # The server is stopping and its grace for open requests is over.
            if not sent.started:
                await _stopping(send)
            raise

    async def _answer(
        self, request: HTTPScope, receive: Receive, send: Send, next_app: ASGIApp
    ) -> None:
        scope = cast(Scope, request)
        # Kept to try again from (a read only): a write is never sent twice.
        as_it_came = (
            copy.copy(ScopeState.from_scope(scope))
            if request["method"] in RETRIED_METHODS
            else None
        )
        first = scope if as_it_came is None else _fresh_attempt(scope, as_it_came)
        answer = _LostAnswerHeldBack(first, send, hold=as_it_came is not None)
        try:
            await next_app(first, receive, answer)
        except Exception as error:
            if not connection_lost(error):
                raise
            await renew_connections(current_engine())
            if answer.started or as_it_came is None:
                raise
        else:
            if first.get(DATABASE_LOST):
                await renew_connections(current_engine())
            if as_it_came is None or not answer.held_back:
                return
        logger.warning(
            "database connection lost on %s %s; trying once more",
            request["method"],
            request["path"],
        )
        await next_app(_fresh_attempt(scope, as_it_came), receive, send)


STOPPING = msgspec.json.encode(
    {
        "status": 503,
        "title": "Service Unavailable",
        "detail": "The server is stopping; nothing may have been saved. Try again in a moment",
    }
)


async def _stopping(send: Send) -> None:
    """A request cut off at shutdown is told so (503), not left to the server's bare 500."""
    headers = [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(STOPPING)).encode()),
        (b"retry-after", b"1"),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": STOPPING, "more_body": False})


class _Started:
    """A ``send`` that remembers whether an answer was begun."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.started = False

    async def __call__(self, message: Message) -> None:
        self.started = self.started or message["type"] == "http.response.start"
        await self.send(message)


def _fresh_attempt(scope: Scope, connection_state: ScopeState) -> Scope:
    """The request's scope as it reached this middleware, without what an attempt cached in it."""
    state = {**scope.get("state", {}), CONNECTION_STATE_KEY: copy.copy(connection_state)}
    attempt: Any = {**scope, "state": state}
    return cast(Scope, attempt)


class _LostAnswerHeldBack:
    """Passes an attempt's answer on, unless it is the 503 of a lost connection (then holds it)."""

    def __init__(self, attempt: Scope, send: Send, *, hold: bool) -> None:
        self.attempt = attempt
        self.send = send
        self.hold = hold
        self.started = False
        self.held_back = False

    async def __call__(self, message: Message) -> None:
        starts = message["type"] == "http.response.start"
        if starts and self.hold and self.attempt.get(DATABASE_LOST):
            self.held_back = True
        if self.held_back:
            return
        self.started = self.started or message["type"] == "http.response.start"
        await self.send(message)
