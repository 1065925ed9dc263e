"""A session's live updates as Server-Sent Events, for the secretariat's screens."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import msgspec
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
    """
    loop = asyncio.get_running_loop()
    closes_at = loop.time() + seconds
    inbox: asyncio.Queue[bytes] = asyncio.Queue()
    async with (
        channels.start_subscription(channel) as subscriber,
        subscriber.run_in_background(inbox.put),
    ):
        for version, kept in await since(seen):
            yield ServerSentEventMessage(data=kept, id=str(version))
            seen = version
        while (left := closes_at - loop.time()) > 0:
            try:
                # A timeout, not wait_for: no task per message, for a thousand viewers at once.
                async with asyncio.timeout(min(left, KEEP_ALIVE_SECONDS)):
                    payload = await inbox.get()
            except TimeoutError:
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
