"""The end of a transaction that gives its connection back, whatever happened.

Piccolo's transactions (PostgreSQL and SQLite alike) return their connection
only after a commit or a rollback that worked. Convene's engines
(:mod:`convene.postgres`, :mod:`convene.sqlite`) end theirs here instead:
commit or undo, then always release; each engine says how it undoes a
transaction and where its connection goes back.
"""

from __future__ import annotations

from abc import abstractmethod
from types import TracebackType
from typing import TYPE_CHECKING, Any


class ReleasingExit:
    """Mixed in before a Piccolo transaction class: its ``__aexit__``."""

    if TYPE_CHECKING:  # provided by the Piccolo transaction it is mixed into
        _parent: Any
        _committed: bool
        _rolled_back: bool
        engine: Any
        context: Any

        async def commit(self) -> None: ...

    async def __aexit__(
        self,
        exception_type: type[BaseException] | None,
        exception: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        if self._parent:
            return exception is None
        try:
            if exception is not None:
                if not self._rolled_back:
                    await self.undo()
            elif not self._committed and not self._rolled_back:
                await self.commit()
        finally:
            self.engine.current_transaction.reset(self.context)
            await self.release()
        return exception is None

    @abstractmethod
    async def undo(self) -> None:
        """Roll the transaction back (an engine may forgive a connection already gone)."""

    @abstractmethod
    async def release(self) -> None:
        """Give the connection back to where the engine keeps them, or close it."""
