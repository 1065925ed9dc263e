"""Where live updates go: one channel per session, in memory or over Redis.

With ``REDIS_URL`` set, channels run over Redis pub/sub, so an event published
by the worker that handled a change reaches the streams open on every worker.
Without it they stay in the worker's memory: enough for a single worker (as in
development), but a stream then hears only the changes its own worker made.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from types import TracebackType
from typing import Self

from litestar.channels import ChannelsPlugin
from litestar.channels.backends.base import ChannelsBackend
from litestar.channels.backends.memory import MemoryChannelsBackend
from litestar.channels.backends.redis import RedisChannelsPubSubBackend
from redis.asyncio import Redis

from convene.live.schemas import LiveEvent
from convene.settings import Settings

logger = logging.getLogger("convene.live")

PUBLISH_TIMEOUT_SECONDS = 2.0
"""A change has committed by the time it is announced: a slow Redis must not hold up its answer."""


class LiveChannels(ChannelsPlugin):
    """Litestar's channels, one plugin per app, told of changes by the app's event bus.

    The plugin runs in the event loop of the app's lifespan. A change made
    anywhere else (a CLI command, a test's own loop) has no stream to reach
    through it, and publishes nothing.
    """

    def __init__(self, backend: ChannelsBackend, namespace: str, redis: Redis | None) -> None:
        super().__init__(backend, arbitrary_channels_allowed=True)
        self.namespace = namespace
        self._redis = redis  # its connections close when the app stops
        self._loop: asyncio.AbstractEventLoop | None = None

    def session_channel(self, session_id: int) -> str:
        return f"{self.namespace}:session:{session_id}"

    def speakers_channel(self, list_id: int) -> str:
        """A list of speakers' own channel: its viewers (the room's screen, the webcast,
        delegates' pages) hear each of its versions whole, and nothing of the session else."""
        return f"{self.namespace}:speakers:{list_id}"

    async def tell(self, session_id: int, event: LiveEvent) -> None:
        """Tell the session's streams on every worker; a failure is logged, never raised.

        Only call this once the change is committed: a failed live update must
        not turn a committed change into an error answer.
        """
        await self.tell_channel(self.session_channel(session_id), event)

    async def tell_channel(self, channel: str, event: LiveEvent | bytes) -> None:
        """As :meth:`tell`, on any of the deployment's channels."""
        if self._loop is not asyncio.get_running_loop():
            return  # not running, or running elsewhere: no stream can hear it from here
        try:
            await asyncio.wait_for(self.wait_published(event, channel), PUBLISH_TIMEOUT_SECONDS)
        except Exception as error:  # Redis down or slow: the change stands, only the update is lost
            logger.warning("live update to %s not published: %r", channel, error)

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        self._loop = asyncio.get_running_loop()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._loop = None
        await super().__aexit__(exc_type, exc_value, traceback)
        if self._redis is not None:
            await self._redis.aclose()


def live_channels(settings: Settings) -> LiveChannels:
    """The app's channels: over Redis when ``REDIS_URL`` is set, else in this worker's memory."""
    namespace = channel_namespace(settings.database_url)
    if settings.redis_url is None:
        return LiveChannels(MemoryChannelsBackend(), namespace, redis=None)
    redis = Redis.from_url(settings.redis_url, socket_connect_timeout=PUBLISH_TIMEOUT_SECONDS)
    return LiveChannels(RedisChannelsPubSubBackend(redis=redis), namespace, redis=redis)


def channel_namespace(database_url: str) -> str:
    """A short digest of the database: channel names start with it.

    Redis pub/sub ignores the database number of ``REDIS_URL``, and session ids
    are unique only within one database; so two deployments (or test runs)
    sharing a Redis never hear each other's sessions, while the workers of one
    deployment, which share ``DATABASE_URL``, share channels. A digest, because
    the URL may carry a password.
    """
    return "convene-" + hashlib.blake2b(database_url.encode(), digest_size=6).hexdigest()
