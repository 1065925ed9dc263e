"""The rules every change to a proposal checks first: it is not acted upon, its list is still
open."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from convene.errors import RuleViolation
from convene.proposals.vocabulary import Outcome, ProposalStatus
from convene.reports.texts import long_date
from convene.translation import gettext


def acted_upon(row: dict[str, Any]) -> bool:
    return ProposalStatus(row["status"]).acted_upon


def check_not_acted_upon(row: dict[str, Any], field: str | None = None) -> None:
    """After the body (or its sponsors) acted on a proposal, nothing about it changes."""
    if acted_upon(row):
        raise RuleViolation(_acted_upon(Outcome(row["outcome"])), field=field)


def _acted_upon(outcome: Outcome) -> str:
    """Why nothing changes any more, said whole for each outcome (the past participles agree
    with "proposal" differently in each language)."""
    if outcome is Outcome.ADOPTED:
        return gettext("The proposal has been adopted; it can no longer be changed")
    if outcome is Outcome.ADOPTED_AS_ORALLY_AMENDED:
        return gettext(
            "The proposal has been adopted as orally amended; it can no longer be changed"
        )
    if outcome is Outcome.WITHDRAWN:
        return gettext("The proposal has been withdrawn; it can no longer be changed")
    return gettext("The proposal was not adopted; it can no longer be changed")


def sponsorship_open(row: dict[str, Any], now: datetime | None = None) -> bool:
    """States may join or leave until the deadline the secretariat set, and never after action."""
    if acted_upon(row):
        return False
    deadline = row["sponsorship_deadline"]
    return deadline is None or (now or datetime.now(UTC)) <= deadline


def check_sponsorship_open(row: dict[str, Any]) -> None:
    check_not_acted_upon(row, field="entity_id")
    if not sponsorship_open(row):
        deadline = row["sponsorship_deadline"]
        raise RuleViolation(
            gettext(
                "The list of sponsors closed at %(time)s UTC on %(date)s",
                time=deadline.strftime("%H:%M"),
                date=long_date(deadline.date()),
            ),
            field="entity_id",
        )


def proposal_lock(proposal_id: int) -> str:
    """Held by every change to one proposal: its sponsors, text, versions and fate."""
    return f"proposal:{proposal_id}"


def numbering_lock(session_id: int) -> str:
    """Held while a session's L numbers or adopted numbers are handed out."""
    return f"proposal-numbers:{session_id}"
