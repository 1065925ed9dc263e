"""Accounts and tokens: the rules for creating them and finding who is calling."""

from __future__ import annotations

from datetime import UTC, datetime

from email_validator import EmailNotValidError, validate_email

from convene.accounts.passwords import hash_password, password_problem
from convene.accounts.roles import Role
from convene.accounts.tables import Account, ApiToken
from convene.accounts.tokens import TOKEN_PREFIX, new_token, token_hash


def normalized_email(email: str) -> str:
    """The address as stored: validated, domain lower-cased, whole address case-folded."""
    try:
        return validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise ValueError(f"{email!r} is not a valid e-mail address: {error}") from error


async def create_secretariat_account(email: str, full_name: str, password: str) -> tuple[Account, bool]:
    """Create a secretariat account, or reset the password of an existing one."""
    if problem := password_problem(password):
        raise ValueError(f"The password {problem}")
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


async def issue_api_token(account: Account, name: str) -> str:
    """Create a token for ``account``; the secret is returned here and never again."""
    token = new_token()
    await ApiToken.insert(ApiToken(account=account.id, name=name, token_hash=token_hash(token)))
    return token


async def account_for_token(token: str) -> Account | None:
    """The active account a live token belongs to, or None."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    row = (
        await ApiToken.select(ApiToken.id, ApiToken.account)
        .where((ApiToken.token_hash == token_hash(token)) & ApiToken.revoked_at.is_null())
        .first()
    )
    if row is None:
        return None
    account = await Account.objects().where(
        (Account.id == row["account"]) & (Account.is_active == True)  # noqa: E712
    ).first()
    if account is not None:
        await ApiToken.update({ApiToken.last_used_at: datetime.now(UTC)}).where(ApiToken.id == row["id"])
    return account
