"""Invitations and password resets: single-use, expiring links sent by e-mail.

The link carries a random token; the database keeps only its SHA-256 hash,
so reading the table does not let anyone set a password. A link is used at
most once (a conditional UPDATE marks it), expires (invitations after
``INVITATION_VALID``, resets after ``RESET_VALID``), and setting a password
voids every other open link of the account.
"""

from __future__ import annotations

import asyncio
import enum
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from litestar.exceptions import PermissionDeniedException

from convene.accounts.access import is_secretariat, role_of
from convene.accounts.events import AccountActivity, AccountInvited, PasswordResetRequested
from convene.accounts.passwords import hash_password
from convene.accounts.roles import Role
from convene.accounts.schemas import InvitationIn
from convene.accounts.services import checked_email, checked_password
from convene.accounts.sign_in import forget_sign_in_failures
from convene.accounts.tables import Account, AccountLink, ApiToken
from convene.accounts.tokens import token_hash
from convene.accounts.web_sessions import end_all_sessions
from convene.db import locked_transaction
from convene.entities.services import entity_row
from convene.errors import NotFound, RuleViolation
from convene.events.bus import publish
from convene.settings import Settings
from convene.translation import gettext

INVITATION_VALID = timedelta(days=7)
RESET_VALID = timedelta(hours=1)
MAX_RESETS_PER_HOUR = 3
ACCEPT_PATH = "/accept-invitation"
RESET_PATH = "/password-reset/confirm"


class Purpose(str, enum.Enum):
    INVITATION = "invitation"
    PASSWORD_RESET = "password_reset"


@dataclass(frozen=True)
class Invitation:
    account_id: int
    expires_at: datetime


class LinkNotValid(RuleViolation):
    """The link is unknown, used or expired: one answer for all three."""

    def __init__(self) -> None:
        super().__init__(
            gettext("This link has expired or has already been used; ask for a new one"),
            field="token",
            status_code=400,
        )


def _now() -> datetime:
    return datetime.now(UTC)


def _link_url(settings: Settings, path: str, token: str) -> str:
    return f"{settings.base_url}{path}?token={token}"


async def _new_link(
    account_id: int, purpose: Purpose, valid_for: timedelta, created_by: int | None
) -> tuple[str, datetime]:
    token = secrets.token_urlsafe(32)
    expires_at = _now() + valid_for
    await AccountLink.insert(
        AccountLink(
            account=account_id,
            purpose=purpose.value,
            token_hash=token_hash(token),
            created_by=created_by,
            expires_at=expires_at,
        )
    )
    return token, expires_at


async def _void_open_links(account_id: int, purpose: Purpose | None = None) -> None:
    where = (AccountLink.account == account_id) & AccountLink.used_at.is_null()
    if purpose is not None:
        where = where & (AccountLink.purpose == purpose.value)
    await AccountLink.update({AccountLink.used_at: _now()}).where(where)


# -- invitations --------------------------------------------------------------


async def invite(actor: Account, data: InvitationIn, settings: Settings) -> Invitation:
    """Create (or re-invite) an account and e-mail it a link to set a password.

    The secretariat invites anyone; a focal point invites delegates of their
    own entity only (another entity answers 404, like one that does not exist).
    """
    email = checked_email(data.email)
    full_name = data.full_name.strip()
    if not full_name:
        raise RuleViolation(gettext("The name cannot be blank"), field="full_name", status_code=400)
    entity_id = await _invitation_entity(actor, data)
    async with locked_transaction(f"account-email:{email}"):
        account = await _invited_account(actor, email, full_name, data.role, entity_id)
        await _void_open_links(account.id, Purpose.INVITATION)
        token, expires_at = await _new_link(
            account.id, Purpose.INVITATION, INVITATION_VALID, actor.id
        )
        await publish(
            AccountInvited(
                actor=actor,
                action="account.invited",
                object_id=account.id,
                after={
                    "email": email,
                    "full_name": full_name,
                    "role": data.role.value,
                    "entity": entity_id,
                },
                email=email,
                full_name=full_name,
                link=_link_url(settings, ACCEPT_PATH, token),
                expires_at=expires_at,
            )
        )
    return Invitation(account_id=account.id, expires_at=expires_at)


async def _invitation_entity(actor: Account, data: InvitationIn) -> int | None:
    """The entity the invited person will belong to, checked against who is inviting."""
    if role_of(actor) is Role.FOCAL_POINT:
        if data.role is not Role.DELEGATE:
            raise PermissionDeniedException(gettext("A focal point can invite delegates only"))
        if data.entity_id is not None and data.entity_id != actor.entity:
            raise NotFound(gettext("Entity not found"))
        return actor.entity
    if data.role in {Role.SECRETARIAT, Role.INTERPRETER}:
        if data.entity_id is not None:
            raise RuleViolation(
                gettext("Secretariat and interpreters' accounts belong to no entity"),
                field="entity_id",
                status_code=400,
            )
        return None
    if data.entity_id is None:
        raise RuleViolation(
            gettext("A focal point or delegate needs an entity"), field="entity_id", status_code=400
        )
    if await entity_row(data.entity_id) is None:
        raise RuleViolation(
            gettext("There is no entity with this id"),
            field="entity_id",
            status_code=400,
        )
    return data.entity_id


async def _invited_account(
    actor: Account, email: str, full_name: str, role: Role, entity_id: int | None
) -> Account:
    """A new account, or one invited before that nobody uses yet (no password, no API token).

    Re-inviting corrects a mistaken invitation (name, role, entity); an account
    in use keeps its role, so nobody (not even its owner) can change it this way.
    """
    account = await Account.objects().where(Account.email == email).first()
    if account is None:
        account = Account(email=email, full_name=full_name, role=role.value, entity=entity_id)
        await account.save()
        return account
    if await _in_use(account) or not _may_reinvite(actor, account):
        raise RuleViolation(gettext("This e-mail address already has an account"), field="email")
    account.full_name, account.role, account.entity = full_name, role.value, entity_id
    await account.save()
    return account


async def _in_use(account: Account) -> bool:
    if account.password_hash or not account.is_active:
        return True
    tokens = ApiToken.count().where((ApiToken.account == account.id) & ApiToken.revoked_at.is_null())
    return await tokens.run() > 0


def _may_reinvite(actor: Account, account: Account) -> bool:
    return is_secretariat(actor) or (
        account.role == Role.DELEGATE.value and account.entity == actor.entity
    )


# -- using a link -------------------------------------------------------------


async def check_link(token: str, purpose: Purpose) -> Account:
    """The account a live link is for; LinkNotValid otherwise (shown before the form)."""
    row = await _live_link(token, purpose)
    account = await Account.objects().where(Account.id == row["account"]).first()
    if account is None or not account.is_active:
        raise LinkNotValid()
    return account


async def _live_link(token: str, purpose: Purpose) -> dict[str, Any]:
    if not token or len(token) > 200:
        raise LinkNotValid()
    row = (
        await AccountLink.select()
        .where(
            (AccountLink.token_hash == token_hash(token))
            & (AccountLink.purpose == purpose.value)
            & AccountLink.used_at.is_null()
            & (AccountLink.expires_at > _now())
        )
        .first()
    )
    if row is None:
        raise LinkNotValid()
    return row


async def set_password_with_link(token: str, purpose: Purpose, password: str) -> Account:
    """Use the link once: set the password, void other links, end other sessions."""
    new_hash = await asyncio.to_thread(hash_password, checked_password(password))
    account = await check_link(token, purpose)
    async with locked_transaction(f"account:{account.id}"):
        used = (
            await AccountLink.update({AccountLink.used_at: _now()})
            .where((AccountLink.token_hash == token_hash(token)) & AccountLink.used_at.is_null())
            .returning(AccountLink.id)
        )
        if not used:
            raise LinkNotValid()
        await _void_open_links(account.id)
        await Account.update({Account.password_hash: new_hash}).where(Account.id == account.id)
        await end_all_sessions(account.id)
        await forget_sign_in_failures(account.email)
        action = (
            "account.invitation_accepted"
            if purpose is Purpose.INVITATION
            else "account.password_reset"
        )
        await publish(AccountActivity(actor=account, action=action, object_id=account.id))
    account.password_hash = new_hash
    return account


# -- password reset -----------------------------------------------------------


async def request_password_reset(email: str, settings: Settings) -> None:
    """E-mail a reset link if the address has an active account; say nothing either way.

    At most MAX_RESETS_PER_HOUR links an hour go to one account, so the form
    cannot be used to flood someone's mailbox.
    """
    key = checked_email(email)
    account = (
        await Account.objects().where((Account.email == key) & (Account.is_active == True)).first()
    )
    if account is None:
        return
    async with locked_transaction(f"account:{account.id}"):
        recent = await AccountLink.count().where(
            (AccountLink.account == account.id)
            & (AccountLink.purpose == Purpose.PASSWORD_RESET.value)
            & (AccountLink.created_at > _now() - timedelta(hours=1))
        )
        if recent >= MAX_RESETS_PER_HOUR:
            return
        token, expires_at = await _new_link(account.id, Purpose.PASSWORD_RESET, RESET_VALID, None)
        await publish(
            PasswordResetRequested(
                actor=None,
                action="account.password_reset_requested",
                object_id=account.id,
                email=account.email,
                full_name=account.full_name,
                link=_link_url(settings, RESET_PATH, token),
                expires_at=expires_at,
            )
        )
