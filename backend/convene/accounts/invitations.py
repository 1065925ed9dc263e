"""Invitations the secretariat and focal points keep track of: who is invited and has not
yet chosen a password, sending the link again, taking it back, and offering an account to
a delegate whose registration is approved.

An invitation is an account with no password and its latest invitation link
(:mod:`convene.accounts.links` creates both). Taking an invitation back voids its link and
leaves the account unused, so the person can be invited again later.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from datetime import UTC, datetime

from convene.accounts.access import can_manage_entity, is_secretariat
from convene.accounts.events import AccountActivity
from convene.accounts.links import Invitation, Purpose, invite
from convene.accounts.roles import Role
from convene.accounts.schemas import InvitationIn
from convene.accounts.services import account_row, normalized_email
from convene.accounts.tables import Account, AccountLink
from convene.db import locked_transaction
from convene.errors import NotFound, RuleViolation
from convene.events.bus import publish
from convene.settings import Settings
from convene.translation import gettext


@dataclass(frozen=True)
class PendingInvitation:
    """Someone invited who has not chosen a password yet, and how their last link stands."""

    account_id: int
    full_name: str
    email: str
    role: str
    entity: str | None
    sent_at: datetime
    expires_at: datetime
    state: str
    """``open`` (the link works), ``expired`` or ``revoked`` (it no longer does)."""


async def pending_invitations(viewer: Account) -> list[PendingInvitation]:
    """Invited accounts without a password, newest invitation first.

    The secretariat sees every one; a focal point sees their own entity's delegates.
    """
    where = Account.password_hash.is_null() & (Account.is_active == True)  # noqa: E712
    if not is_secretariat(viewer):
        where = where & (Account.entity == viewer.entity) & (Account.role == Role.DELEGATE.value)
    accounts = await Account.select(
        Account.id,
        Account.full_name,
        Account.email,
        Account.role,
        Account.entity.short_name.as_alias("entity_name"),
    ).where(where)
    links = await _latest_links([row["id"] for row in accounts])
    now = datetime.now(UTC)
    pending = [
        PendingInvitation(
            account_id=row["id"],
            full_name=row["full_name"],
            email=row["email"],
            role=row["role"],
            entity=row["entity_name"],
            sent_at=link["created_at"],
            expires_at=link["expires_at"],
            state=_state(link, now),
        )
        for row in accounts
        if (link := links.get(row["id"])) is not None
    ]
    return sorted(pending, key=lambda invitation: invitation.sent_at, reverse=True)


async def _latest_links(account_ids: list[int]) -> dict[int, dict[str, Any]]:
    if not account_ids:
        return {}
    rows = (
        await AccountLink.select()
        .where(
            AccountLink.account.is_in(account_ids)
            & (AccountLink.purpose == Purpose.INVITATION.value)
        )
        .order_by(AccountLink.id)
    )
    return {row["account"]: row for row in rows}


def _state(link: dict[str, Any], now: datetime) -> str:
    if link["used_at"] is not None:
        return "revoked"
    expires_at = link["expires_at"]
    return "expired" if isinstance(expires_at, datetime) and expires_at <= now else "open"


async def resend_invitation(actor: Account, account_id: int, settings: Settings) -> Invitation:
    """Send a new link (the old one stops working) to someone invited who has not signed in."""
    row = await _invited_row(actor, account_id)
    return await invite(
        actor,
        InvitationIn(
            email=row["email"],
            full_name=row["full_name"],
            role=Role(row["role"]),
            entity_id=row["entity"],
        ),
        settings,
    )


async def revoke_invitation(actor: Account, account_id: int) -> None:
    """Take an invitation back: its link stops working; the person can be invited again."""
    row = await _invited_row(actor, account_id)
    async with locked_transaction(f"account:{account_id}"):
        await AccountLink.update({AccountLink.used_at: datetime.now(UTC)}).where(
            (AccountLink.account == account_id)
            & (AccountLink.purpose == Purpose.INVITATION.value)
            & AccountLink.used_at.is_null()
        )
        await publish(
            AccountActivity(
                actor=actor,
                action="account.invitation_revoked",
                object_id=account_id,
                before={"email": row["email"], "full_name": row["full_name"]},
            )
        )


async def _invited_row(actor: Account, account_id: int) -> dict[str, Any]:
    """The invited account, if ``actor`` invites such people; 404 for anyone else's."""
    row = await account_row(account_id)
    mine = is_secretariat(actor) or (
        row["entity"] == actor.entity and row["role"] == Role.DELEGATE.value
    )
    if not mine:
        raise NotFound(gettext("Invitation not found"))
    if row["password_hash"] or not row["is_active"]:
        raise RuleViolation(gettext("This person already uses their account"), field="account")
    return row


async def offer_account(
    actor: Account | None, email: str, full_name: str, entity_id: int, settings: Settings
) -> bool:
    """Invite an approved delegate to an account of their own, unless the address has one.

    ``actor`` approved them (the secretariat) or corrected their address (it, or their focal
    point, who may invite their entity's delegates). Runs inside the change's transaction
    (see :mod:`convene.accounts.subscribers`): the
    invitation is sent with the approval, or not at all. Answers whether one was sent.
    """
    if actor is None or not can_manage_entity(actor, entity_id):
        return False  # a system change (the demo, a command) offers nothing
    try:
        address = normalized_email(email)
    except ValueError:
        return False  # a registration's address an account cannot have: the approval stands
    if await Account.exists().where(Account.email == address):
        return False
    await invite(
        actor,
        InvitationIn(email=address, full_name=full_name, role=Role.DELEGATE, entity_id=entity_id),
        settings,
    )
    return True
