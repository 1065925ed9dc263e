"""Built answers (feeds, pages), kept by each app (in each worker) under their ETag.

Building a calendar of a hundred sittings, or a session's page, takes tens
of milliseconds of pure Python; checking whether it changed takes one
aggregate query. So an answer is built once per change and kept: a request
whose validator matches the kept ETag is answered from memory. An entry is
only ever used for the exact ETag it was stored under, so a change (which
changes the ETag) can never serve old bytes; entries nobody asks for fall
out, least recently used first, when the budget of bytes is spent.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable

DEFAULT_BUDGET = 64 * 1024 * 1024


class BodyCache:
    def __init__(self, budget: int = DEFAULT_BUDGET) -> None:
        self.budget = budget
        self._entries: OrderedDict[Hashable, tuple[str, bytes]] = OrderedDict()
        self._size = 0

    def get(self, key: Hashable, etag: str) -> bytes | None:
        entry = self._entries.get(key)
        if entry is None or entry[0] != etag:
            return None
        self._entries.move_to_end(key)
        return entry[1]

    def put(self, key: Hashable, etag: str, body: bytes) -> None:
        self._drop(key)
        if len(body) > self.budget:
            return
        self._entries[key] = (etag, body)
        self._size += len(body)
        while self._size > self.budget:
            self._drop(next(iter(self._entries)))

    def clear(self) -> None:
        self._entries.clear()
        self._size = 0

    def _drop(self, key: Hashable) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._size -= len(entry[1])
