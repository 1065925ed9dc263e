"""The words of the list of speakers."""

from __future__ import annotations

import enum

from convene.entities.categories import Category
from convene.translation import N_


class EntryKind(str, enum.Enum):
    STATEMENT = "statement"
    GROUP_STATEMENT = "group_statement"
    """A statement on behalf of a group ("on behalf of the Group of African States")."""
    POINT_OF_ORDER = "point_of_order"
    RIGHT_OF_REPLY = "right_of_reply"
    EXPLANATION = "explanation"
    """An explanation of position (or of vote)."""

    @property
    def band(self) -> int:
        """Points of order first, at once; rights of reply last, at the end of the item."""
        return {EntryKind.POINT_OF_ORDER: 0, EntryKind.RIGHT_OF_REPLY: 2}.get(self, 1)


KIND_LABELS = {
    EntryKind.STATEMENT: N_("Statement"),
    EntryKind.GROUP_STATEMENT: N_("Statement on behalf of a group"),
    EntryKind.POINT_OF_ORDER: N_("Point of order"),
    EntryKind.RIGHT_OF_REPLY: N_("Right of reply"),
    EntryKind.EXPLANATION: N_("Explanation of position"),
}


class ListStatus(str, enum.Enum):
    OPEN = "open"
    CLOSED = "closed"
    """No new inscriptions, except points of order and rights of reply."""


class EntryStatus(str, enum.Enum):
    WAITING = "waiting"
    SPEAKING = "speaking"
    SPOKEN = "spoken"
    WITHDRAWN = "withdrawn"


class SpeakingMode(str, enum.Enum):
    ROOM = "room"
    ONLINE = "online"


GROUP = "group"
"""The precedence class of statements on behalf of a group."""

DEFAULT_PRECEDENCE = (
    GROUP,
    Category.STATE_PARTY.value,
    Category.REIO.value,
    Category.SIGNATORY.value,
    Category.OBSERVER_STATE.value,
    Category.UN_ENTITY.value,
    Category.IGO.value,
    Category.NGO.value,
)
"""UN practice: groups first, then the parties (States, then the European Union), signatories,
observer States, United Nations entities, intergovernmental and non-governmental organizations."""

OBSERVERS = frozenset(
    {Category.OBSERVER_STATE, Category.UN_ENTITY, Category.IGO, Category.NGO}
)
"""Who speaks under the observers' shorter limit: neither parties nor signatories."""

MAX_REPLIES = 2
"""At most two rights of reply per delegation and item."""
