"""Participant categories, in the order UN lists of participants use them."""

from __future__ import annotations

import enum

from convene.collation import collation_key
from convene.translation import N_


class Category(str, enum.Enum):
    STATE_PARTY = "state_party"
    SIGNATORY = "signatory"
    REIO = "reio"
    OBSERVER_STATE = "observer_state"
    UN_ENTITY = "un_entity"
    IGO = "igo"
    NGO = "ngo"

    @property
    def is_state(self) -> bool:
        return self in {Category.STATE_PARTY, Category.SIGNATORY, Category.OBSERVER_STATE}

    @property
    def is_party(self) -> bool:
        """Parties to the Convention: the States parties and the European Union (a REIO)."""
        return self in {Category.STATE_PARTY, Category.REIO}

    @property
    def list_group(self) -> int:
        """Where a list puts this category: the parties first, States then REIOs."""
        return LIST_GROUPS[self]


LIST_GROUPS = {
    Category.STATE_PARTY: 1,
    Category.REIO: 2,
    Category.SIGNATORY: 3,
    Category.OBSERVER_STATE: 4,
    Category.UN_ENTITY: 5,
    Category.IGO: 6,
    Category.NGO: 7,
}
"""The European Union, the one regional economic integration organization in the registry, is a
party to the Convention against Corruption: UNCAC lists print it right after the States parties
("The European Union, a regional economic integration organization that is a party to the
Convention, was represented at the session"), not with the signatory States."""

LIST_GROUP_HEADINGS = {
    1: N_("States parties"),
    2: N_("Regional economic integration organizations parties to the Convention"),
    3: N_("Signatory States"),
    4: N_("Observer States"),
    5: N_("United Nations entities, specialized agencies and other bodies"),
    6: N_("Intergovernmental organizations"),
    7: N_("Non-governmental organizations"),
}


class RegionalGroup(str, enum.Enum):
    AFRICAN = "african"
    ASIA_PACIFIC = "asia_pacific"
    EASTERN_EUROPEAN = "eastern_european"
    LATIN_AMERICAN_CARIBBEAN = "latin_american_caribbean"
    WESTERN_EUROPEAN_OTHER = "western_european_other"

    @property
    def label(self) -> str:
        return REGIONAL_GROUP_LABELS[self]


REGIONAL_GROUP_LABELS = {
    RegionalGroup.AFRICAN: N_("African States"),
    RegionalGroup.ASIA_PACIFIC: N_("Asia-Pacific States"),
    RegionalGroup.EASTERN_EUROPEAN: N_("Eastern European States"),
    RegionalGroup.LATIN_AMERICAN_CARIBBEAN: N_("Latin American and Caribbean States"),
    RegionalGroup.WESTERN_EUROPEAN_OTHER: N_("Western European and other States"),
}


def alphabetical_key(short_name: str) -> tuple[int, ...]:
    """English alphabetical order as UN lists use it: accents count last ("Côte" by "Cote"),
    "Đ" after "D", "Œ" as "OE", other scripts after Latin in their own order."""
    return collation_key(short_name)
