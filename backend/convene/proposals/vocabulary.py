"""The words of draft resolutions and decisions: kinds, where a proposal stands, what the body
did."""

from __future__ import annotations

import enum

from convene.translation import N_


class ProposalKind(str, enum.Enum):
    RESOLUTION = "resolution"
    DECISION = "decision"


class ProposalStatus(str, enum.Enum):
    DRAFT = "draft"
    """Not issued yet: seen by the secretariat and the sponsors only."""
    ISSUED = "issued"
    ADOPTED = "adopted"
    WITHDRAWN = "withdrawn"
    NOT_ADOPTED = "not_adopted"

    @property
    def acted_upon(self) -> bool:
        return self in ACTED_UPON


ACTED_UPON = {ProposalStatus.ADOPTED, ProposalStatus.WITHDRAWN, ProposalStatus.NOT_ADOPTED}


class Outcome(str, enum.Enum):
    """What the body (or the sponsors) did with the proposal, as the session's report records it."""

    ADOPTED = "adopted"
    ADOPTED_AS_ORALLY_AMENDED = "adopted_as_orally_amended"
    WITHDRAWN = "withdrawn"
    NOT_ADOPTED = "not_adopted"

    @property
    def status(self) -> ProposalStatus:
        if self in (Outcome.ADOPTED, Outcome.ADOPTED_AS_ORALLY_AMENDED):
            return ProposalStatus.ADOPTED
        return ProposalStatus(self.value)

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]


OUTCOME_LABELS = {
    Outcome.ADOPTED: N_("Adopted"),
    Outcome.ADOPTED_AS_ORALLY_AMENDED: N_("Adopted as orally amended"),
    Outcome.WITHDRAWN: N_("Withdrawn"),
    Outcome.NOT_ADOPTED: N_("Not adopted"),
}


class ParagraphKind(str, enum.Enum):
    PREAMBULAR = "preambular"
    OPERATIVE = "operative"


SPONSOR_CATEGORIES = {"state_party", "reio"}
"""Who may sponsor: States parties, and the European Union (a regional economic integration
organization that is a party to the Convention)."""
