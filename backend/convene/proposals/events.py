"""What happens to draft resolutions and decisions, for whoever listens (the audit log)."""

from __future__ import annotations

from dataclasses import dataclass

from convene.events.changes import Change


@dataclass(frozen=True, kw_only=True)
class ProposalChanged(Change):
    """A proposal was created, changed, issued, revised, sponsored or acted upon.

    ``action`` says which: ``proposal.created``, ``proposal.changed``, ``proposal.text_changed``,
    ``proposal.issued``, ``proposal.revised``, ``proposal.sponsor_added``,
    ``proposal.sponsor_withdrawn``, ``proposal.adopted``, ``proposal.adopted_as_orally_amended``,
    ``proposal.withdrawn``, ``proposal.not_adopted``.
    """

    object_type = "proposal"
