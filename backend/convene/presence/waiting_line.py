"""A line of requests in this worker waiting for the same lock: each turn settles all who wait.

Work that must be serialized (the door's decisions for one sitting) pays for the lock, its
reads and the commit once per turn rather than once per request: while one turn holds the
lock, the requests that arrive queue here, and the next turn takes them all together. Under
load a turn settles many; alone, a request is settled at once, as before.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class WaitingLine(Generic[Item, Result]):
    """Items wait here; ``settle`` takes a turn's items and answers each, in their order."""

    def __init__(self, settle: Callable[[list[Item]], Awaitable[list[Result]]]) -> None:
        self._settle = settle
        self._waiting: list[tuple[Item, asyncio.Future[Result]]] = []
        self._turns: asyncio.Task[None] | None = None

    async def join(self, item: Item) -> Result:
        """Wait for the turn that settles ``item``, and its answer (or its error)."""
        future: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        self._waiting.append((item, future))
        if self._turns is None:
            # A task of its own: a request that gives up waiting (its client went away)
            # must not cancel a turn that settles others' items too.
            self._turns = asyncio.create_task(self._take_turns())
        return await future

    async def _take_turns(self) -> None:
        try:
            while self._waiting:
                turn, self._waiting = self._waiting, []
                await self._settle_turn(turn)
        finally:
            self._turns = None

    async def _settle_turn(self, turn: list[tuple[Item, asyncio.Future[Result]]]) -> None:
        try:
            results = await self._settle([item for item, _ in turn])
        except Exception as error:
            if len(turn) == 1:
                _fail(turn[0][1], error)
                return
            # One item's fault (a key taken at another sitting at the same moment, say) must
            # not fail the others: the turn was rolled back, so each is settled alone.
            for one in turn:
                await self._settle_turn([one])
            return
        for (_, future), result in zip(turn, results, strict=True):
            _resolve(future, result)


def _resolve(future: asyncio.Future[Result], result: Result) -> None:
    if not future.done():  # else its request gave up waiting
        future.set_result(result)


def _fail(future: asyncio.Future[Result], error: BaseException) -> None:
    if not future.done():
        future.set_exception(error)
