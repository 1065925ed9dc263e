"""Every worker hears that something changed somewhere, so none keeps answering an old page.

Workers keep public pages in a memo (:mod:`convene.freshness.memo`) that
forgets them when a change commits in the same process. A change committed
by another worker or machine reaches the others here: after commit, the
worker that made it announces it on one channel of the deployment, and
every worker's lifespan listens there and forgets its pages. With Redis that
is every worker of every machine, within milliseconds; without it, the
memo's own limit (one second) bounds how long another worker's change can
go unseen.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from convene.live.channels import PUBLISH_TIMEOUT_SECONDS, LiveChannels

logger = logging.getLogger("convene.live")

Forget = Callable[[object], Awaitable[None]]


def changes_channel(channels: LiveChannels) -> str:
    return f"{channels.namespace}:changes"


def announcer(channels: LiveChannels) -> Callable[[object], Awaitable[None]]:
    """An after-commit subscriber that tells every worker that something changed."""

    async def announce(event: object) -> None:
        with contextlib.suppress(Exception):  # a lost announcement costs at most a second
            await asyncio.wait_for(
                channels.wait_published(type(event).__name__, changes_channel(channels)),
                PUBLISH_TIMEOUT_SECONDS,
            )

    return announce


class ChangeListener:
    """Forgets the app's kept pages whenever any worker announces a change.

    Started by the app's ``on_startup`` (after its channels have started) and
    stopped by its ``on_shutdown``.
    """

    def __init__(self, channels: LiveChannels, forget: Forget) -> None:
        self.channels = channels
        self.forget = forget
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._listen())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _listen(self) -> None:
        try:
            async with self.channels.start_subscription(changes_channel(self.channels)) as subscriber:
                async for event in subscriber.iter_events():
                    await self.forget(event)
        except asyncio.CancelledError:
            raise
        except Exception:  # Redis gone: the memo's one-second limit still bounds what is missed
            logger.exception("stopped hearing other workers' changes")
