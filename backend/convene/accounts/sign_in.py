"""Signing in with e-mail and password, with lock-outs that hold across workers.

- ``MAX_FAILURES`` failed attempts for one address within ``FAILURE_WINDOW``
  lock that address for ``LOCK_FOR``: even the right password is refused.
- ``MAX_FAILURES_PER_IP`` failures from one address within the window refuse
  that IP for the rest of the window (many addresses tried from one place).
- Failures and locks live in the database, so every worker sees them.

No enumeration: an unknown address, a wrong password, an account with no
password yet and a deactivated account all get the same answer, are counted
and locked the same way, and cost the same Argon2 verification.
"""

from __future__ import annotations

import asyncio
import enum
import functools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from email_validator import EmailNotValidError, validate_email

from convene.accounts.events import AccountActivity
from convene.accounts.passwords import hash_password, verify_password
from convene.accounts.tables import Account, SignInFailure, SignInLock
from convene.db import locked_transaction
from convene.events.bus import publish

MAX_FAILURES = 5
MAX_FAILURES_PER_IP = 30
FAILURE_WINDOW = timedelta(minutes=15)
LOCK_FOR = timedelta(minutes=15)
KEEP_FAILURES = timedelta(days=1)


class Outcome(enum.Enum):
    SIGNED_IN = "signed_in"
    REFUSED = "refused"
    LOCKED = "locked"


@dataclass(frozen=True)
class SignInResult:
    outcome: Outcome
    account: Account | None = None
    retry_after_seconds: int = 0


def email_key(email: str) -> str:
    """The address as accounts store it, or (not an address) simply trimmed and lower-cased."""
    text = email.strip()
    try:
        return validate_email(text, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return text.lower()[:254]


@functools.cache
def _decoy_hash() -> str:
    """A hash to verify against when there is no account, so both paths take as long."""
    return hash_password("no account has this password")


async def sign_in(email: str, password: str, ip_address: str) -> SignInResult:
    """Check the credentials, counting failures and locking after too many."""
    key, now = email_key(email), datetime.now(UTC)
    locked_until = await _locked_until(key, ip_address, now)
    if locked_until is not None:
        return _locked(locked_until, now)
    account = await Account.objects().where(Account.email == key).first()
    usable = account is not None and account.is_active and bool(account.password_hash)
    stored_hash = account.password_hash if account is not None and usable else _decoy_hash()
    if await asyncio.to_thread(verify_password, stored_hash, password) and usable:
        await _forget_failures(key)
        return SignInResult(Outcome.SIGNED_IN, account)
    locked_until = await _count_failure(key, ip_address, now, account)
    return _locked(locked_until, now) if locked_until else SignInResult(Outcome.REFUSED)


def _locked(until: datetime, now: datetime) -> SignInResult:
    return SignInResult(
        Outcome.LOCKED, retry_after_seconds=max(1, int((until - now).total_seconds()) + 1)
    )


async def _locked_until(key: str, ip_address: str, now: datetime) -> datetime | None:
    lock = await SignInLock.select().where(SignInLock.email == key).first()
    if lock is not None and lock["locked_until"] > now:
        return lock["locked_until"]
    ip_failures = await SignInFailure.count().where(
        (SignInFailure.ip_address == ip_address) & (SignInFailure.at > now - FAILURE_WINDOW)
    )
    if ip_failures >= MAX_FAILURES_PER_IP:
        oldest = await _oldest_recent_ip_failure(ip_address, now)
        return oldest + FAILURE_WINDOW
    return None


async def _oldest_recent_ip_failure(ip_address: str, now: datetime) -> datetime:
    row = (
        await SignInFailure.select(SignInFailure.at)
        .where((SignInFailure.ip_address == ip_address) & (SignInFailure.at > now - FAILURE_WINDOW))
        .order_by(SignInFailure.at)
        .first()
    )
    return row["at"] if row else now


async def _count_failure(
    key: str, ip_address: str, now: datetime, account: Account | None
) -> datetime | None:
    """Record a failure; lock the address (and say until when) if it was one too many."""
    async with locked_transaction(f"sign-in:{key}"):
        await SignInFailure.delete().where(SignInFailure.at < now - KEEP_FAILURES)
        await SignInFailure.insert(SignInFailure(email=key, ip_address=ip_address[:64], at=now))
        since = await _counting_since(key, now)
        failures = await SignInFailure.count().where(
            (SignInFailure.email == key) & (SignInFailure.at >= since)
        )
        if failures < MAX_FAILURES:
            return None
        until = now + LOCK_FOR
        await SignInLock.delete().where(SignInLock.email == key)
        await SignInLock.insert(SignInLock(email=key, locked_until=until))
        await publish(
            AccountActivity(
                actor=None,
                action="account.locked_out",
                object_id=account.id if account else None,
                after={"email": key, "failures": failures, "locked_until": until},
            )
        )
        return until


async def _counting_since(key: str, now: datetime) -> datetime:
    """Failures count from the window's start, or from the end of the last lock if later."""
    since = now - FAILURE_WINDOW
    lock = await SignInLock.select(SignInLock.locked_until).where(SignInLock.email == key).first()
    if lock is not None and lock["locked_until"] > since:
        since = lock["locked_until"]
    return since


async def _forget_failures(key: str) -> None:
    await SignInFailure.delete().where(SignInFailure.email == key)
    await SignInLock.delete().where(SignInLock.email == key)


async def clear_lock(email: str) -> None:
    """A new password (reset or invitation) lifts any lock on the address."""
    await _forget_failures(email_key(email))
