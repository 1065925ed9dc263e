"""The event bus: who hears which domain events, and when.

Services publish what happened (``await publish(SittingChanged(...))``) inside
the transaction of the change. Subscribers run in one of two phases:

- :meth:`EventBus.subscribe`: at once, inside that transaction. What they write
  (the outbox, the audit log) commits or rolls back with the change, and an
  error of theirs rolls the change back and reaches the caller.
- :meth:`EventBus.subscribe_after_commit`: once the transaction has committed,
  never if it rolls back. They tell the world (live streams); an error of
  theirs is logged and never reaches the caller, whose change stands.

Publishing where no transaction is open raises
:class:`convene.db.OutsideTransaction`: the first phase would write outside
any transaction and the second would have no commit to wait for.

Each app (and the CLI) builds its own bus and subscribes to it in one place,
:mod:`convene.runtime`. While the app works, its bus is the current one
(:func:`using_bus`); code outside any app publishes to the bus bound last.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from convene.db import after_commit

logger = logging.getLogger("convene.events")

Event = TypeVar("Event")
Handler = Callable[[Any], Awaitable[None]]

_app_bus: ContextVar[EventBus | None] = ContextVar("convene_app_bus", default=None)
_bound: list[EventBus] = []  # the bus bound last, for code that runs outside any app


class EventBus:
    """Subscribers by event type, each phase in the order they subscribed.

    A subscriber to a class hears its subclasses' events too (the audit log
    subscribes to every :class:`convene.events.changes.Change`).
    """

    def __init__(self) -> None:
        self._in_transaction: list[tuple[type[Any], Handler]] = []
        self._after_commit: list[tuple[type[Any], Handler]] = []

    def subscribe(
        self, event_type: type[Event], handler: Callable[[Event], Awaitable[None]]
    ) -> None:
        """Call ``handler`` with each such event, inside the publisher's transaction."""
        self._in_transaction.append((event_type, handler))

    def subscribe_after_commit(
        self, event_type: type[Event], handler: Callable[[Event], Awaitable[None]]
    ) -> None:
        """Call ``handler`` with each such event once its transaction has committed."""
        self._after_commit.append((event_type, handler))

    async def publish(self, event: object) -> None:
        later = [handler for kind, handler in self._after_commit if isinstance(event, kind)]
        after_commit(lambda: _tell(later, event))  # refuses where no transaction is open
        for kind, handler in self._in_transaction:
            if isinstance(event, kind):
                await handler(event)


async def _tell(handlers: list[Handler], event: object) -> None:
    for handler in handlers:
        try:
            await handler(event)
        except Exception:  # the change has committed: it stands, only this news is lost
            logger.exception("%s of %s failed after commit", _name(handler), type(event).__name__)


def _name(handler: Handler) -> str:
    return getattr(handler, "__qualname__", repr(handler))


async def publish(event: object) -> None:
    """Hand ``event`` to the current app's bus, inside the caller's transaction."""
    await current_bus().publish(event)


def current_bus() -> EventBus:
    """The current app's bus, else the one bound last; an error if there is none."""
    bus = _app_bus.get() or (_bound[-1] if _bound else None)
    if bus is None:
        raise RuntimeError("No event bus: build the app, or a Runtime, before changing data")
    return bus


def bind_bus(bus: EventBus) -> None:
    """Make ``bus`` the one that code outside any app publishes to."""
    _bound[:] = [bus]


@contextmanager
def using_bus(bus: EventBus) -> Iterator[None]:
    """Publish the enclosed work's events (an app's request or lifespan) to ``bus``."""
    token = _app_bus.set(bus)
    try:
        yield
    finally:
        _app_bus.reset(token)
