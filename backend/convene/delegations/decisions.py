"""The secretariat's bulk decisions: approve or reject many registrations, each on its own.

Each registration is decided in its own transaction, so one that cannot be decided (a rule,
a missing id, or a fault no one foresaw) never undoes or stops the others, and the answer
names every one's outcome: done, unchanged (it was already so), or refused with the reason.
The outcomes are kept (:class:`~convene.delegations.tables.BulkDecision`) so that the page
the secretariat lands on after the action can show them, again on every reload.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from convene.accounts.access import Actor
from convene.db import locked_transaction
from convene.delegations import registrations
from convene.delegations.schemas import DecisionResult
from convene.delegations.tables import BulkDecision, BulkOutcome, Registration
from convene.errors import NotFound, RuleViolation
from convene.translation import gettext

logger = logging.getLogger("convene.delegations.decisions")

DECISIONS = ("approve", "reject")
KEPT_FOR = timedelta(days=7)
"""How long the outcome of a bulk decision is kept for its page (the history keeps the changes)."""
UNEXPECTED = "This registration could not be decided: an unexpected error occurred; it has been logged"


class Outcome:
    DONE = "done"
    UNCHANGED = "unchanged"
    REFUSED = "refused"


@dataclass(frozen=True)
class BulkResult:
    """A bulk decision as kept: its id (for the page to show it again) and every outcome."""

    id: int
    decision: str
    results: list[DecisionResult]


async def decide_many(
    actor: Actor, session_id: int, registration_ids: list[int], decision: str, reason: str = ""
) -> BulkResult:
    """Approve or reject each registration in its own transaction; answer every one's outcome.

    ``reason`` goes into each rejected registration's history. A registration of another
    session is refused like an unknown one: the action is on this session's queue.
    """
    if decision not in DECISIONS:
        raise RuleViolation(
            gettext("Choose to approve or to reject"),
            field="decision",
            status_code=422,
        )
    if decision == "reject":
        registrations.check_reason(reason)
    ids = list(dict.fromkeys(registration_ids))
    sessions = {
        row["id"]: row["session"]
        for row in await Registration.select(Registration.id, Registration.session).where(
            Registration.id.is_in(ids)
        )
    }
    act = _approval if decision == "approve" else _rejection(reason)
    results = []
    for registration_id in ids:
        if sessions.get(registration_id) != session_id:
            results.append(_refused(registration_id, None, "Registration not found in this session"))
            continue
        results.append(await _decide_one(actor, registration_id, act))
    kept = await _keep(actor, session_id, decision, reason, results)
    return BulkResult(kept, decision, results)


Act = Callable[[Actor, int], Awaitable[bool]]


async def _approval(actor: Actor, registration_id: int) -> bool:
    return await registrations.approve(actor, registration_id)


def _rejection(reason: str) -> Act:
    async def reject(actor: Actor, registration_id: int) -> bool:
        return await registrations.reject(actor, registration_id, reason)

    return reject


async def _decide_one(actor: Actor, registration_id: int, act: Act) -> DecisionResult:
    """One registration's decision and its outcome; whatever fails is this one's outcome only."""
    try:
        changed = await act(actor, registration_id)
    except (RuleViolation, NotFound) as error:
        return _refused(registration_id, await _status(registration_id), error.message)
    except Exception:  # noqa: BLE001 (one item's fault must not stop the others; it is logged)
        logger.exception("registration %s could not be decided", registration_id)
        return _refused(registration_id, await _status(registration_id), UNEXPECTED)
    outcome = Outcome.DONE if changed else Outcome.UNCHANGED
    return DecisionResult(registration_id, outcome, await _status(registration_id))


def _refused(registration_id: int, status: str | None, reason: str) -> DecisionResult:
    return DecisionResult(registration_id, Outcome.REFUSED, status, error=reason)


async def _status(registration_id: int) -> str | None:
    row = await Registration.select(Registration.status).where(
        Registration.id == registration_id
    ).first()
    return None if row is None else str(row["status"])


async def _keep(
    actor: Actor, session_id: int, decision: str, reason: str, results: list[DecisionResult]
) -> int:
    """Write the outcomes down for the page; forget those older than :data:`KEPT_FOR`."""
    async with locked_transaction():
        await BulkDecision.delete().where(BulkDecision.at < datetime.now(UTC) - KEPT_FOR)
        kept = BulkDecision(
            session=session_id,
            actor=getattr(actor, "id", None),
            decision=decision,
            reason=reason.strip(),
        )
        await kept.save()
        await BulkOutcome.insert(
            *(
                BulkOutcome(
                    bulk_decision=kept.id,
                    registration_id=result.registration_id,
                    outcome=result.outcome,
                    status=result.status,
                    reason=result.error or "",
                )
                for result in results
            )
        )
    return int(kept.id)


async def kept_outcome(session_id: int, bulk_id: int) -> BulkResult | None:
    """A bulk decision of this session as kept, or None (unknown, forgotten, another session's)."""
    kept = await BulkDecision.select().where(
        (BulkDecision.id == bulk_id) & (BulkDecision.session == session_id)
    ).first()
    if kept is None:
        return None
    rows: list[dict[str, Any]] = (
        await BulkOutcome.select()
        .where(BulkOutcome.bulk_decision == bulk_id)
        .order_by(BulkOutcome.id)
    )
    results = [
        DecisionResult(row["registration_id"], row["outcome"], row["status"], row["reason"] or None)
        for row in rows
    ]
    return BulkResult(bulk_id, kept["decision"], results)
