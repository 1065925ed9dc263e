"""A session's live updates as Server-Sent Events, for the secretariat's screens."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import msgspec
from litestar.channels import Subscriber
from litestar.response import ServerSentEventMessage

from convene.live.channels import LiveChannels
from convene.live.schemas import Ready

KEEP_ALIVE_SECONDS = 15.0
"""A comment this often keeps proxies and load balancers from closing a quiet stream."""

LONGEST_STREAM_SECONDS = 300.0
"""A stream closes after at most this long; the browser's EventSource opens a new one by
itself, and every new one checks again that its caller is still the secretariat."""


async def session_events(
    channels: LiveChannels, session_id: int, seconds: float
) -> AsyncIterator[ServerSentEventMessage]:
    """``ready`` once listening, then each event of the session as it happens, for ``seconds``."""
    loop = asyncio.get_running_loop()
    closes_at = loop.time() + seconds
    inbox: asyncio.Queue[bytes] = asyncio.Queue()
    channel = channels.session_channel(session_id)
    async with (
        channels.start_subscription(channel) as subscriber,
        subscriber.run_in_background(inbox.put),
    ):
        yield _message(msgspec.json.encode(Ready()))
        while (left := closes_at - loop.time()) > 0:
            try:
                payload = await asyncio.wait_for(inbox.get(), min(left, KEEP_ALIVE_SECONDS))
            except TimeoutError:
                yield ServerSentEventMessage(data=None, comment="keep-alive")
                continue
            yield _message(payload)


def _message(payload: bytes) -> ServerSentEventMessage:
    """One event: its JSON, whose ``kind`` says what it is, as the message's data."""
    return ServerSentEventMessage(data=payload.decode())


Versions = Callable[[int], Awaitable[list[tuple[int, str]]]]
"""The messages of the versions after the one given, oldest first, as kept in the database."""


async def versioned_events(
    channels: LiveChannels, channel: str, seen: int, since: Versions, seconds: float
) -> AsyncIterator[ServerSentEventMessage]:
    """Each version of something after ``seen`` (the viewer's ``Last-Event-ID``, else 0), every
    one exactly once and in order, then each new one as it is published, for ``seconds``.

    The stream listens before it reads what was missed, so nothing falls between the two; a
    version that arrives out of turn (one lost on the way) sends the viewer the missing ones
    from the database first. Each message's ``id`` is its version; one heard live carries the
    moment it committed in a comment (``: committed <seconds since the epoch>``).

    A thousand viewers hear each version at once, so each message takes one hop: the stream
    reads the subscription's own queue, where a clock also drops a tick (empty bytes) for the
    keep-alive and the end, instead of a timeout around every wait.
    """
    loop = asyncio.get_running_loop()
    closes_at = loop.time() + seconds
    async with channels.start_subscription(channel) as subscriber:
        ticking = asyncio.create_task(_ticks(subscriber, closes_at))
        try:
            for version, kept in await since(seen):
                yield ServerSentEventMessage(data=kept, id=str(version))
                seen = version
            async for payload in subscriber.iter_events():
                if not payload:  # a tick
                    if loop.time() >= closes_at:
                        return
                    yield ServerSentEventMessage(data=None, comment="keep-alive")
                    continue
                head, _, body = payload.partition(b"\n")
                number, _, committed = head.partition(b" ")
                version = int(number)
                if version <= seen:
                    continue
                if version > seen + 1:
                    for missed, kept in await since(seen):
                        if missed < version:
                            yield ServerSentEventMessage(data=kept, id=str(missed))
                yield ServerSentEventMessage(
                    data=body.decode(), id=str(version), comment=f"committed {committed.decode()}"
                )
                seen = version
        finally:
            ticking.cancel()


async def _ticks(subscriber: Subscriber, closes_at: float) -> None:
    """A tick every keep-alive interval, and one when the stream is due to close."""
    loop = asyncio.get_running_loop()
    while (left := closes_at - loop.time()) > 0:
        await asyncio.sleep(min(left, KEEP_ALIVE_SECONDS))
        subscriber.put_nowait(b"")
