"""Participant categories, in the order UN lists of participants use them."""

from __future__ import annotations

import enum
import unicodedata


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
    def list_group(self) -> int:
        """The rules of procedure's group: signatories and REIOs share group 2."""
        return LIST_GROUPS[self]


LIST_GROUPS = {
    Category.STATE_PARTY: 1,
    Category.SIGNATORY: 2,
    Category.REIO: 2,
    Category.OBSERVER_STATE: 3,
    Category.UN_ENTITY: 4,
    Category.IGO: 5,
    Category.NGO: 6,
}

LIST_GROUP_HEADINGS = {
    1: "States parties",
    2: "Signatory States and regional economic integration organizations",
    3: "Observer States",
    4: "United Nations entities, specialized agencies and other bodies",
    5: "Intergovernmental organizations",
    6: "Non-governmental organizations",
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
    RegionalGroup.AFRICAN: "African States",
    RegionalGroup.ASIA_PACIFIC: "Asia-Pacific States",
    RegionalGroup.EASTERN_EUROPEAN: "Eastern European States",
    RegionalGroup.LATIN_AMERICAN_CARIBBEAN: "Latin American and Caribbean States",
    RegionalGroup.WESTERN_EUROPEAN_OTHER: "Western European and other States",
}


def alphabetical_key(short_name: str) -> str:
    """English alphabetical order as UN lists use it: accents do not count ("Côte" by "Cote")."""
    decomposed = unicodedata.normalize("NFKD", short_name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
