"""The words of the door and of online presence."""

from __future__ import annotations

import enum


class Direction(str, enum.Enum):
    IN = "in"
    OUT = "out"


class ScanOutcome(str, enum.Enum):
    ENTERED = "entered"
    LEFT = "left"
    ALREADY_INSIDE = "already_inside"
    """A repeated scan in: nothing changes."""
    NOT_INSIDE = "not_inside"
    """A scan out of someone not inside: nothing changes."""
    SEATS_FULL = "seats_full"
    """Refused: the delegation's seats at the table are all taken."""
    ROOM_FULL = "room_full"
    """Refused: the room is at capacity."""

    @property
    def refused(self) -> bool:
        return self in {ScanOutcome.SEATS_FULL, ScanOutcome.ROOM_FULL}

    @property
    def changes_presence(self) -> bool:
        return self in {ScanOutcome.ENTERED, ScanOutcome.LEFT}


class OnlineMode(str, enum.Enum):
    SPEAKING = "speaking"
    LISTENING = "listening"


class VisitSource(str, enum.Enum):
    LINK = "link"
    """The person's own Convene join link, kept alive by the page's heartbeat."""
    DESK = "desk"
    """Marked by the secretariat (the platform's host sees them there): online until marked gone."""
    ZOOM = "zoom"
    TEAMS = "teams"
