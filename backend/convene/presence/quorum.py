"""The quorum of a sitting: States parties present, in the room or online, against the body's rule.

Rules of procedure of bodies of this kind: one third of the States parties participating in
the session to open a sitting, a majority of the States parties present for a decision. Only
States parties count; observers never do. The fractions are kept per body.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from convene.accounts.access import Actor
from convene.db import locked_transaction
from convene.errors import NotFound, RuleViolation
from convene.events.bus import publish
from convene.meetings.tables import Body, SessionPart
from convene.presence.events import HybridSetupChanged
from convene.presence.schemas import Quorum, QuorumRuleIn, QuorumRuleOut
from convene.presence.tables import QuorumRule
from convene.translation import gettext


@dataclass(frozen=True)
class Rule:
    body: str
    opening: tuple[int, int] = (1, 3)
    decision: tuple[int, int] = (1, 2)

    def out(self) -> QuorumRuleOut:
        return QuorumRuleOut(self.body, *self.opening, *self.decision)

    def words(self) -> str:
        """The rule in words: "1/3 of the States parties participating to open a sitting; ..."."""
        return (
            f"{self.opening[0]}/{self.opening[1]} of the States parties participating "
            "to open a sitting; "
            f"more than {self.decision[0]}/{self.decision[1]} of those present for a decision"
        )


async def _body(code: str) -> dict[str, Any]:
    row = await Body.select(Body.id, Body.code).where(Body.code == code).first()
    if row is None:
        raise NotFound(gettext("Body %(code)s not found", code=code))
    return row


async def body_rule(code: str) -> Rule:
    body = await _body(code)
    return await _rule_of(body["id"], body["code"])


async def _rule_of(body_id: int, code: str) -> Rule:
    row = await QuorumRule.select().where(QuorumRule.body == body_id).first()
    if row is None:
        return Rule(code)
    return Rule(
        code,
        (row["opening_numerator"], row["opening_denominator"]),
        (row["decision_numerator"], row["decision_denominator"]),
    )


async def session_rule(session_id: int) -> Rule:
    """The rule of the session's first body (the one whose rules of procedure the chair applies)."""
    part = (
        await SessionPart.select(SessionPart.body, SessionPart.body.code.as_alias("code"))
        .where(SessionPart.session == session_id)
        .order_by(SessionPart.position)
        .first()
    )
    if part is None:
        return Rule("")
    return await _rule_of(part["body"], part["code"])


async def set_body_rule(actor: Actor, code: str, data: QuorumRuleIn) -> Rule:
    for prefix in ("opening", "decision"):
        if getattr(data, f"{prefix}_numerator") > getattr(data, f"{prefix}_denominator"):
            raise RuleViolation(
                gettext("A fraction of the States parties cannot exceed the whole"),
                field=f"{prefix}_numerator",
                status_code=422,
            )
    body = await _body(code)
    async with locked_transaction(f"quorum:{code}"):
        before = await _rule_of(body["id"], code)
        await QuorumRule.delete().where(QuorumRule.body == body["id"])
        await QuorumRule.insert(
            QuorumRule(
                body=body["id"],
                opening_numerator=data.opening_numerator,
                opening_denominator=data.opening_denominator,
                decision_numerator=data.decision_numerator,
                decision_denominator=data.decision_denominator,
            )
        )
        after = await _rule_of(body["id"], code)
        await publish(
            HybridSetupChanged(
                actor=actor,
                action="body.quorum_changed",
                object_id=code,
                before={"rule": before.words()},
                after={"rule": after.words()},
            )
        )
    return after


def quorum(rule: Rule, participating: int, in_room: int, online_only: int) -> Quorum:
    """Whether the States parties present (either mode) make the quorum, with the counts shown."""
    present = in_room + online_only
    needed = math.ceil(participating * rule.opening[0] / rule.opening[1])
    return Quorum(
        body=rule.body,
        states_parties_participating=participating,
        states_parties_present=present,
        present_in_room=in_room,
        present_online_only=online_only,
        needed_to_open=needed,
        met=participating > 0 and present >= needed,
        majority_for_decisions=present * rule.decision[0] // rule.decision[1] + 1,
        rule=rule.words(),
    )
