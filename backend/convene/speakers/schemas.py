"""Request and response bodies of the list of speakers.

:class:`ListState` is what everyone may see of a list (the room's screen shows it, the webcast
carries it): it travels whole in each live message, so a viewer never asks the server again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from msgspec import Meta, Struct

from convene.bounds import MAX_ID, PositiveInt
from convene.speakers.vocabulary import EntryKind
from convene.text import line, text

Version = Annotated[int, Meta(ge=1, le=MAX_ID, description="The list's version the console shows")]
Seconds = Annotated[int, Meta(ge=10, le=3600)]
OnBehalfOf = Annotated[
    str, line(max_length=200, examples=["the Group of African States"])
]


class OpenListIn(Struct, forbid_unknown_fields=True):
    """Open the list of speakers on an agenda item of the sitting."""

    agenda_item_id: PositiveInt


class VersionIn(Struct, forbid_unknown_fields=True):
    """A chair's act on the list as the console shows it (``version``)."""

    version: Version


class CallIn(Struct, forbid_unknown_fields=True):
    """Call the next speaker who can take the floor, or ``entry_id`` out of turn."""

    version: Version
    entry_id: PositiveInt | None = None


class MoveIn(Struct, forbid_unknown_fields=True):
    """Move a waiting entry to ``position`` (1: next) among those waiting."""

    version: Version
    position: PositiveInt


class TimerIn(Struct, forbid_unknown_fields=True):
    version: Version
    action: Annotated[str, Meta(pattern="^(start|pause|stop)$", examples=["start"])]


class InscribeIn(Struct, forbid_unknown_fields=True):
    """A delegation asks for the floor; ``registration_id`` names who will speak."""

    delegation_id: PositiveInt
    kind: EntryKind = EntryKind.STATEMENT
    registration_id: PositiveInt | None = None
    on_behalf_of: OnBehalfOf = ""
    statement_text: Annotated[str, text(max_length=50_000)] = ""


class FloorRequestIn(Struct, forbid_unknown_fields=True):
    """A delegate asks for the floor through their own link."""

    kind: EntryKind = EntryKind.STATEMENT
    on_behalf_of: OnBehalfOf = ""
    statement_text: Annotated[str, text(max_length=50_000)] = ""


class SpeakingTimesIn(Struct, forbid_unknown_fields=True):
    """Time limits in seconds, and the classes of speakers in the order they are taken."""

    statement: Seconds = 300
    observer_statement: Seconds = 180
    group_statement: Seconds = 300
    point_of_order: Seconds = 120
    first_reply: Seconds = 300
    second_reply: Seconds = 180
    explanation: Seconds = 300
    precedence: list[str] | None = None


class SpeakingTimesOut(Struct):
    statement: int
    observer_statement: int
    group_statement: int
    point_of_order: int
    first_reply: int
    second_reply: int
    explanation: int
    precedence: list[str]
    source: str
    """``default``, ``body`` or ``agenda_item``: where these limits come from."""


class SoundCheckIn(Struct, forbid_unknown_fields=True):
    registration_id: PositiveInt
    checked: bool = True


class SittingList(Struct):
    list_id: int
    agenda_item_id: int
    agenda_item: str
    status: str


class EntryView(Struct):
    """An entry as everyone sees it. ``timer_started_at`` is set while the timer runs;
    time left is ``limit_seconds - elapsed_seconds - (now - timer_started_at)``."""

    id: int
    delegation_id: int
    entity: str
    category: str
    kind: str
    on_behalf_of: str
    reply_number: int
    speaker: str
    """The person named, or once called, who has the floor."""
    mode: str
    """``room`` or ``online`` once called; empty while waiting."""
    limit_seconds: int
    elapsed_seconds: int
    timer_started_at: datetime | None
    inscribed_at: datetime
    has_statement: bool


class ListState(Struct):
    """A list of speakers at one version: who has the floor and who waits, in order."""

    list_id: int
    version: int
    session_id: int
    sitting_id: int
    sitting_title: str
    agenda_item_id: int
    agenda_item: str
    status: str
    at: datetime
    """When this version was made (the server's clock): countdowns start from here."""
    current: EntryView | None
    waiting: list[EntryView]
    spoken: int


class ListNews(Struct):
    """What a list's live viewers are told of each version: who has the floor, who comes next
    (the first five waiting), how many wait. Small, because a thousand viewers hear each one;
    a page that shows more reloads it."""

    list_id: int
    version: int
    status: str
    agenda_item: str
    at: datetime
    current: EntryView | None
    next: list[EntryView]
    waiting: int


NEXT_SHOWN = 5


def news_of(state: ListState) -> ListNews:
    return ListNews(
        list_id=state.list_id,
        version=state.version,
        status=state.status,
        agenda_item=state.agenda_item,
        at=state.at,
        current=state.current,
        next=state.waiting[:NEXT_SHOWN],
        waiting=len(state.waiting),
    )


class Availability(Struct):
    """Whether the entry's delegation can take the floor now, through whom, and if not why."""

    entry_id: int
    can_speak: bool
    speaker: str
    mode: str
    reason: str


class ConsoleView(Struct):
    """The chair's console: the list, who of those waiting can speak now, and the quorum."""

    state: ListState
    availability: list[Availability]
    quorum_met: bool
    quorum_present: int
    quorum_needed: int


class CallOut(Struct):
    """The list after the call, and those passed over because no one of theirs could speak
    (they keep their places)."""

    state: ListState
    passed_over: list[Availability]


class FloorView(Struct):
    """A delegate's page: the list, and their delegation's own entries with their places."""

    state: ListState
    registration_id: int
    delegation_id: int
    entity: str
    may_ask: bool
    why_not: str
    mine: list[EntryView]
    positions: dict[int, int]
    """Entry id → place among those waiting (1: next)."""


class SpokenRow(Struct):
    """One delivered intervention, for the record."""

    agenda_item: str
    sitting: str
    entity: str
    category: str
    kind: str
    on_behalf_of: str
    speaker: str
    mode: str
    started_at: datetime | None
    seconds: int
    statement_public: bool
    entry_id: int


class StatementIn(Struct, forbid_unknown_fields=True):
    text: Annotated[str, text(min_length=1, max_length=50_000)]


class StatementOut(Struct):
    """A written statement; ``delivered`` once its speaker has spoken (then it is public)."""

    entry_id: int
    entity: str
    kind: str
    speaker: str
    status: str
    delivered: bool
    text: str
