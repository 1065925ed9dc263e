"""Accounts and tokens: the rules for creating, reading and changing them.

Sign-in and lock-outs live in :mod:`convene.accounts.sign_in`, invitation and
reset links in :mod:`convene.accounts.links`, web sessions in
:mod:`convene.accounts.web_sessions`; who may see what in
:mod:`convene.accounts.access`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
from email_validator import EmailNotValidError, validate_email
from litestar.exceptions import PermissionDeniedException
from msgspec import UNSET
from piccolo.custom_types import Combinable

from convene.accounts.access import (
    Actor,
    can_see_personal_data,
    is_focal_point_of,
    is_secretariat,
    role_of,
)
from convene.accounts.events import AccountActivity, ApiTokenChanged
from convene.accounts.passwords import hash_password, password_problem
from convene.accounts.roles import Role
from convene.accounts.schemas import (
    AccountOut,
    AccountPatch,
    AccountStatus,
    MeOut,
    NewTokenOut,
    ProfilePatch,
    TokenOut,
)
from convene.accounts.tables import Account, ApiToken
from convene.accounts.tokens import TOKEN_PREFIX, new_token, token_hash
from convene.accounts.web_sessions import end_all_sessions
from convene.db import locked_transaction
from convene.errors import NotFound, RuleViolation
from convene.events.bus import publish
from convene.events.changes import changed_fields
from convene.translation import LANGUAGES, gettext

MAX_LIVE_TOKENS = 20


def normalized_email(email: str) -> str:
    """The address as stored: validated, domain lower-cased, whole address case-folded."""
    try:
        return validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise ValueError(f"{email!r} is not a valid e-mail address: {error}") from error


def checked_email(email: str, field: str = "email") -> str:
    """:func:`normalized_email`, as a 400 naming ``field`` when it is not an address."""
    try:
        return normalized_email(email.strip())
    except ValueError as error:
        raise RuleViolation(
            gettext("This is not a valid e-mail address"), field=field, status_code=400
        ) from error


def checked_password(password: str, field: str = "password") -> str:
    if problem := password_problem(password):
        raise RuleViolation(problem, field=field, status_code=400)
    return password


async def create_secretariat_account(
    email: str, full_name: str, password: str
) -> tuple[Account, bool]:
    """Create a secretariat account, or reset the password of an existing one."""
    if problem := password_problem(password):
        raise ValueError(problem)
    email = normalized_email(email)
    account = await Account.objects().where(Account.email == email).first()
    created = account is None
    if account is None:
        account = Account(email=email, full_name=full_name, role=Role.SECRETARIAT.value)
    account.full_name = full_name
    account.role = Role.SECRETARIAT.value
    account.password_hash = hash_password(password)
    account.is_active = True
    await account.save()
    return account, created


# -- tokens -----------------------------------------------------------------


async def issue_api_token(account: Account, name: str) -> str:
    """Create a token for ``account``; the secret is returned here and never again."""
    token = new_token()
    await ApiToken.insert(ApiToken(account=account.id, name=name, token_hash=token_hash(token)))
    return token


TOKEN_ACCOUNT = f"""
SELECT t.id AS token_id, t.last_used_at AS token_last_used_at, a.*
FROM {ApiToken._meta.tablename} AS t JOIN {Account._meta.tablename} AS a ON a.id = t.account
WHERE t.token_hash = {{}} AND t.revoked_at IS NULL AND a.is_active
"""
"""A live token's account, if active, and the token's last use: one query, as plain SQL (Piccolo
takes longer to build the joined query than the database to answer it), for integrations such
as the doors send a token with every request."""


async def account_for_token(token: str) -> Account | None:
    """The active account a live token belongs to, or None."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    rows = await ApiToken.raw(TOKEN_ACCOUNT, token_hash(token))
    if not rows:
        return None
    token_id, last_used_at = rows[0].pop("token_id"), rows[0].pop("token_last_used_at")
    account = Account(**rows[0], _exists_in_db=True)
    now = datetime.now(UTC)
    if _last_use_is_stale(last_used_at, now):
        await ApiToken.update({ApiToken.last_used_at: now}).where(ApiToken.id == token_id)
    return account


LAST_USED_PRECISION = timedelta(minutes=1)
"""A token's last use is recorded to the minute: not a write on every request of an integration."""


def _last_use_is_stale(last_used_at: datetime | None, now: datetime) -> bool:
    return last_used_at is None or now - last_used_at >= LAST_USED_PRECISION


async def list_tokens(user: Account) -> list[TokenOut]:
    rows = await ApiToken.select().where(ApiToken.account == user.id).order_by(ApiToken.id)
    return [
        TokenOut(
            id=row["id"],
            name=row["name"],
            created_at=row["created_at"],
            last_used_at=row["last_used_at"],
            revoked_at=row["revoked_at"],
        )
        for row in rows
    ]


async def create_token(user: Account, name: str) -> NewTokenOut:
    """A new personal token; refused past MAX_LIVE_TOKENS so forgotten ones get revoked."""
    name = name.strip()
    if not name:
        raise RuleViolation(gettext("The token needs a name"), field="name", status_code=400)
    async with locked_transaction(f"tokens:{user.id}"):
        live = await ApiToken.count().where(
            (ApiToken.account == user.id) & ApiToken.revoked_at.is_null()
        )
        if live >= MAX_LIVE_TOKENS:
            raise RuleViolation(
                gettext(
                    "You already have %(count)s live tokens; revoke one first",
                    count=MAX_LIVE_TOKENS,
                ),
                field="name",
            )
        secret = new_token()
        token = ApiToken(account=user.id, name=name, token_hash=token_hash(secret))
        await token.save()
        await publish(
            ApiTokenChanged(
                actor=user, action="api_token.created", object_id=token.id, after={"name": name}
            )
        )
    return NewTokenOut(id=token.id, name=name, token=secret, created_at=token.created_at)


async def revoke_token(user: Account, token_id: int) -> None:
    """Revoke one of the caller's own tokens; anyone else's answers 404."""
    async with locked_transaction(f"tokens:{user.id}"):
        row = (
            await ApiToken.select()
            .where((ApiToken.id == token_id) & (ApiToken.account == user.id))
            .first()
        )
        if row is None:
            raise NotFound(gettext("Token not found"))
        if row["revoked_at"] is not None:
            return
        now = datetime.now(UTC)
        await ApiToken.update({ApiToken.revoked_at: now}).where(ApiToken.id == token_id)
        await publish(
            ApiTokenChanged(
                actor=user,
                action="api_token.revoked",
                object_id=token_id,
                before={"name": row["name"]},
            )
        )


# -- accounts ---------------------------------------------------------------

ACCOUNT_COLUMNS = (
    Account.id,
    Account.email,
    Account.full_name,
    Account.role,
    Account.entity,
    Account.phone,
    Account.password_hash,
    Account.is_active,
    Account.created_at,
    Account.entity.short_name.as_alias("entity_name"),
)


def account_out(row: dict[str, Any], viewer: Any) -> AccountOut:
    """An account as ``viewer`` may see it (personal data only where allowed)."""
    personal = can_see_personal_data(viewer, row)
    return AccountOut(
        id=row["id"],
        full_name=row["full_name"],
        role=Role(row["role"]),
        entity_id=row["entity"],
        entity_name=row["entity_name"],
        status=account_status(row),
        email=row["email"] if personal else None,
        phone=row["phone"] if personal else None,
        created_at=row["created_at"],
    )


def account_status(row: dict[str, Any]) -> AccountStatus:
    if not row["is_active"]:
        return "deactivated"
    return "active" if row["password_hash"] else "invited"


async def account_row(account_id: int) -> dict[str, Any]:
    """The account with its entity's name, or 404: the one place a missing account is answered."""
    row = await Account.select(*ACCOUNT_COLUMNS).where(Account.id == account_id).first()
    if row is None:
        raise NotFound(gettext("Account not found"))
    return row


def _visible_to(viewer: Any, row: dict[str, Any]) -> bool:
    """Secretariat: all; focal point: their entity's accounts; delegate: themself."""
    return (
        is_secretariat(viewer) or row["id"] == viewer.id or is_focal_point_of(viewer, row["entity"])
    )


async def _account_seen_by(viewer: Any, account_id: int) -> dict[str, Any]:
    """The account, if ``viewer`` may see it; for anyone else it does not exist (404)."""
    row = await account_row(account_id)
    if not _visible_to(viewer, row):
        raise NotFound(gettext("Account not found"))
    return row


async def get_account(viewer: Any, account_id: int) -> AccountOut:
    return account_out(await _account_seen_by(viewer, account_id), viewer)


async def list_accounts(
    viewer: Any, *, role: Role | None, entity_id: int | None, limit: int, offset: int
) -> tuple[list[AccountOut], int]:
    """Accounts the viewer manages: all for the secretariat, their entity's for a focal point."""
    if role_of(viewer) is Role.FOCAL_POINT:
        if entity_id is not None and entity_id != viewer.entity:
            raise NotFound(gettext("Entity not found"))
        entity_id = viewer.entity
    where = _account_filter(role, entity_id)
    query = Account.select(*ACCOUNT_COLUMNS).order_by(Account.full_name).order_by(Account.id)
    count = Account.count()
    if where is not None:
        query, count = query.where(where), count.where(where)
    rows = await query.limit(limit).offset(offset)
    return [account_out(row, viewer) for row in rows], await count


def _account_filter(role: Role | None, entity_id: int | None) -> Any:
    where: Combinable | None = None
    if role is not None:
        where = Account.role == role.value
    if entity_id is not None:
        by_entity = Account.entity == entity_id
        where = by_entity if where is None else where & by_entity
    return where


def _snapshot(row: dict[str, Any]) -> dict[str, Any]:
    """The fields of an account worth keeping in the audit log (never the password hash)."""
    return {
        key: row[key]
        for key in ("email", "full_name", "role", "entity", "phone", "is_active")
        if key in row
    }


async def update_account(viewer: Any, account_id: int, patch: AccountPatch) -> AccountOut:
    """Change an account; a focal point may change only their own entity's delegates."""
    async with locked_transaction(f"account:{account_id}"):
        row = await _account_seen_by(viewer, account_id)
        _check_may_manage(viewer, row, patch)
        values = _patch_values(patch)
        await _apply(viewer, row, values, "account.updated")
        if values.get("is_active") is False:
            await end_all_sessions(account_id)
    return await get_account(viewer, account_id)


def _check_may_manage(viewer: Any, row: dict[str, Any], patch: AccountPatch) -> None:
    if is_secretariat(viewer):
        if row["id"] == viewer.id and patch.is_active is False:
            raise RuleViolation(
                gettext("You cannot deactivate your own account"),
                field="is_active",
            )
        return
    if is_focal_point_of(viewer, row["entity"]) and row["role"] == Role.DELEGATE.value:
        return
    raise PermissionDeniedException(
        gettext(
            "Only the secretariat, or the focal point for their delegates, can change this account"
        )
    )


def _patch_values(patch: ProfilePatch | AccountPatch) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in ("full_name", "phone", "is_active"):
        value = getattr(patch, name, UNSET)
        if value is UNSET:
            continue
        values[name] = value.strip() if isinstance(value, str) else value
    if values.get("full_name") == "":
        raise RuleViolation(gettext("The name cannot be blank"), field="full_name", status_code=400)
    return values


async def _apply(actor: Actor, row: dict[str, Any], values: dict[str, Any], action: str) -> None:
    before, after = changed_fields(_snapshot(row), {**_snapshot(row), **values})
    if not after:
        return
    await Account.update({getattr(Account, name): value for name, value in after.items()}).where(
        Account.id == row["id"]
    )
    await publish(
        AccountActivity(actor=actor, action=action, object_id=row["id"], before=before, after=after)
    )


async def get_me(user: Account, auth: str) -> MeOut:
    """The signed-in person as they see themself, and how they proved it."""
    out = account_out(await account_row(user.id), user)
    return MeOut(**msgspec.structs.asdict(out), signed_in_with="token" if auth == "token" else "session")


async def update_profile(user: Account, patch: ProfilePatch) -> None:
    """The person changes their own name or phone number."""
    async with locked_transaction(f"account:{user.id}"):
        row = await account_row(user.id)
        await _apply(user, row, _patch_values(patch), "account.profile_updated")


async def choose_language(user: Account, language: str) -> None:
    """The person's official language, for their pages and e-mails from now on (a preference, not audited)."""
    if language not in LANGUAGES:
        raise RuleViolation(
            gettext("Choose one of the six official languages"),
            field="language",
            status_code=400,
        )
    async with locked_transaction(f"account:{user.id}"):
        await Account.update({Account.language: language}).where(Account.id == user.id)
