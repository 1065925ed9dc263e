"""The background sender: a small loop in each worker that empties the outbox.

It runs for the app's lifetime (see :func:`outbox_sender`), sleeping
``Settings.mail_poll_seconds`` between passes. A pass that fails (the database
is down, say) is logged and the loop carries on; several workers running it
at once is safe because each message is claimed before it is sent.

At shutdown the loop is asked to stop and the pass under way is allowed to
finish (up to ``SHUTDOWN_GRACE_SECONDS``): cancelling it between handing a
message to the SMTP server and marking it sent would send it twice later.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from litestar import Litestar

from convene.mail.services import deliver_pending
from convene.settings import Settings

logger = logging.getLogger("convene.mail")

SHUTDOWN_GRACE_SECONDS = 30


async def run_sender(settings: Settings, interval: float, stop: asyncio.Event) -> None:
    """Deliver what is due, then wait, until ``stop`` is set."""
    while not stop.is_set():
        try:
            report = await deliver_pending(settings.smtp)
            if report.sent or report.retrying or report.failed:
                logger.info(
                    "outbox: %s sent, %s to retry, %s failed",
                    report.sent,
                    report.retrying,
                    report.failed,
                )
        except Exception:  # the loop must outlive a bad pass (database restart, ...)
            logger.exception("outbox: delivery pass failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval)


def outbox_sender(settings: Settings) -> Callable[[Litestar], AbstractAsyncContextManager[None]]:
    """A lifespan that runs :func:`run_sender` while the app is up, if a poll interval is set."""

    @asynccontextmanager
    async def lifespan(_app: Litestar) -> AsyncIterator[None]:
        if not settings.mail_poll_seconds:
            yield
            return
        stop = asyncio.Event()
        task = asyncio.create_task(
            run_sender(settings, settings.mail_poll_seconds, stop), name="outbox-sender"
        )
        try:
            yield
        finally:
            stop.set()
            try:
                await asyncio.wait_for(task, timeout=SHUTDOWN_GRACE_SECONDS)
            except TimeoutError:
                logger.warning("outbox: sender did not finish its pass in time; stopped")

    return lifespan
