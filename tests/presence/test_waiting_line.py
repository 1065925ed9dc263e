"""The line at a sitting's door: who waits while a turn runs is settled together in the next."""

from __future__ import annotations

import asyncio

import pytest

from convene.presence.waiting_line import WaitingLine


class Turns:
    """Settles numbers (doubling them) and remembers each turn; a turn holding 13 fails."""

    def __init__(self) -> None:
        self.seen: list[list[int]] = []
        self.busy = asyncio.Event()

    async def settle(self, items: list[int]) -> list[int]:
        self.seen.append(items)
        await self.busy.wait()  # the lock is held: others queue meanwhile
        if 13 in items:
            raise LookupError("thirteen")
        return [item * 2 for item in items]


async def test_those_who_arrive_during_a_turn_are_settled_together_in_the_next() -> None:
    turns = Turns()
    line: WaitingLine[int, int] = WaitingLine(turns.settle)
    first = asyncio.create_task(line.join(1))
    await asyncio.sleep(0)  # the first turn starts with the first alone
    later = [asyncio.create_task(line.join(n)) for n in (2, 3, 4)]
    await asyncio.sleep(0)
    turns.busy.set()
    assert [await first, *(await asyncio.gather(*later))] == [2, 4, 6, 8]
    assert turns.seen == [[1], [2, 3, 4]]


async def test_a_failing_item_fails_alone_and_the_others_of_its_turn_are_settled() -> None:
    turns = Turns()
    turns.busy.set()
    line: WaitingLine[int, int] = WaitingLine(turns.settle)
    answers = await asyncio.gather(*(line.join(n) for n in (12, 13, 14)), return_exceptions=True)
    assert answers[0] == 24 and answers[2] == 28
    assert isinstance(answers[1], LookupError)
    assert turns.seen == [[12, 13, 14], [12], [13], [14]]


async def test_a_request_that_gives_up_does_not_cancel_the_turn_of_the_others() -> None:
    turns = Turns()
    line: WaitingLine[int, int] = WaitingLine(turns.settle)
    impatient = asyncio.create_task(line.join(5))
    patient = asyncio.create_task(line.join(6))
    await asyncio.sleep(0)
    impatient.cancel()
    turns.busy.set()
    assert await patient == 12
    with pytest.raises(asyncio.CancelledError):
        await impatient
