"""Request and response bodies for sittings."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from msgspec import UNSET, Meta, Struct, UnsetType
from convene.bounds import PositiveInt
from convene.text import line, matching

Room = Annotated[str, line(max_length=100, examples=["Board Room D"])]
Link = Annotated[str, matching(r"(https://[^\s\x00-\x1f\x7f]+)?", max_length=500)]
# ISO 8601 with or without seconds and offset: "2020-08-31T10:00" is the venue's 10:00.
Moment = Annotated[
    str,
    matching(
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?",
        examples=["2020-08-31T10:00", "2020-08-31T08:00:00Z"],
    ),
]
ItemIds = Annotated[list[PositiveInt], Meta(max_length=100)]


class SittingIn(Struct, forbid_unknown_fields=True):
    """Times with an offset are taken as given; times without one are the venue's time."""

    starts_at: Moment
    ends_at: Moment
    title: Annotated[str, line(max_length=200)] = ""
    room: Room = ""
    online_link: Link = ""
    agenda_item_ids: ItemIds = []


class SittingPatch(Struct, forbid_unknown_fields=True):
    starts_at: Moment | UnsetType = UNSET
    ends_at: Moment | UnsetType = UNSET
    title: Annotated[str, line(min_length=1, max_length=200)] | UnsetType = UNSET
    room: Room | UnsetType = UNSET
    online_link: Link | UnsetType = UNSET
    agenda_item_ids: ItemIds | UnsetType = UNSET


class TakenUpItem(Struct):
    id: int
    number: str
    title: str


class SittingOut(Struct):
    id: int
    session_id: int
    title: str
    starts_at: datetime
    """In UTC."""
    ends_at: datetime
    local_starts_at: datetime
    """In the venue's time zone, with its offset."""
    local_ends_at: datetime
    timezone: str
    room: str
    status: str
    sequence: int
    agenda_items: list[TakenUpItem]
    online_link: str | None = None
    """Only for the secretariat (and, later, the delegates who follow online)."""
