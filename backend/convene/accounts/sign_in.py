"""Signing in with e-mail and password, throttled so that no one can lock anyone else out.

Guessing is slowed where it happens, never by locking an account:

- **Per account and source address.** ``FREE_FAILURES`` failed attempts at one
  address from one source within ``WINDOW`` are free; after that, that source
  must wait before trying that address again, ``FIRST_DELAY`` and then twice as
  long after each further failure, up to ``LONGEST_DELAY``. An attempt made
  while waiting is refused without looking at the password, so a guesser gains
  nothing; the owner, from any other address, signs in as usual.
- **Per source, across accounts.** A source that has failed at more than
  ``FREE_ACCOUNTS_PER_SOURCE`` different addresses within the window waits
  ``1 s``, then twice as long per further address, up to
  ``LONGEST_SOURCE_DELAY``. One person's typos count as one address, so a
  conference network behind one public address is never held back by them;
  a password sprayed across many accounts is.
- Every attempt is recorded as a failure *before* the password is checked (and
  forgotten when it proves right), under a lock on the account and source: many
  attempts sent at once cannot all slip in before the first one is counted.
- Failures live in the database, so every worker sees them. The source is the
  client's address as the server sees it: behind a reverse proxy, configure
  ``FORWARDED_ALLOW_IPS`` (README) or every visitor shares the proxy's address.

No enumeration: an unknown address, a wrong password, an account with no
password yet and a deactivated account all get the same answer, are counted
and delayed the same way, and cost the same Argon2 verification.
"""

from __future__ import annotations

import asyncio
import enum
import functools
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from email_validator import EmailNotValidError, validate_email

from convene.accounts.events import AccountActivity
from convene.accounts.passwords import hash_password, verify_password
from convene.accounts.tables import Account, SignInFailure
from convene.db import locked_transaction
from convene.events.bus import publish

FREE_FAILURES = 5
FIRST_DELAY = timedelta(seconds=30)
LONGEST_DELAY = timedelta(minutes=15)
FREE_ACCOUNTS_PER_SOURCE = 30
FIRST_SOURCE_DELAY = timedelta(seconds=1)
LONGEST_SOURCE_DELAY = timedelta(minutes=1)
WINDOW = timedelta(hours=1)
KEEP_FAILURES = timedelta(days=1)
SOURCE_LENGTH = 64


class Outcome(enum.Enum):
    SIGNED_IN = "signed_in"
    REFUSED = "refused"
    DELAYED = "delayed"


@dataclass(frozen=True)
class SignInResult:
    """What became of an attempt; ``retry_after_seconds`` is the wait now in force (0: none)."""

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


async def sign_in(email: str, password: str, source: str) -> SignInResult:
    """Check the credentials from ``source`` (the client's address), unless it must wait first."""
    key, source, now = email_key(email), source[:SOURCE_LENGTH], datetime.now(UTC)
    wait = await _wait_or_count_attempt(key, source, now)
    if wait is not None:
        return SignInResult(Outcome.DELAYED, retry_after_seconds=_seconds(wait))
    account = await Account.objects().where(Account.email == key).first()
    usable = account is not None and account.is_active and bool(account.password_hash)
    stored_hash = account.password_hash if account is not None and usable else _decoy_hash()
    if await asyncio.to_thread(verify_password, stored_hash, password) and usable:
        await _forget_failures(key, source)
        return SignInResult(Outcome.SIGNED_IN, account)
    wait = await _refused(key, source, account)
    return SignInResult(Outcome.REFUSED, retry_after_seconds=_seconds(wait) if wait else 0)


def _seconds(wait: timedelta) -> int:
    return max(1, math.ceil(wait.total_seconds()))


async def _wait_or_count_attempt(key: str, source: str, now: datetime) -> timedelta | None:
    """The wait still owed by this source (for this address), or None and the attempt counted.

    The attempt is counted as a failure now, before the slow password check,
    in the same locked transaction as the check of the wait.
    """
    async with locked_transaction(f"sign-in:{key}:{source}", f"sign-in-source:{source}"):
        until = max(await _pair_free_at(key, source, now), await _source_free_at(source, now))
        if until > now:
            return until - now
        await SignInFailure.delete().where(SignInFailure.at < now - KEEP_FAILURES)
        await SignInFailure.insert(SignInFailure(email=key, ip_address=source, at=now))
        return None


async def _pair_free_at(key: str, source: str, now: datetime) -> datetime:
    """When this source may next try this address: its last failure plus the wait it earned."""
    rows = await _recent_failures(key, source, now)
    if len(rows) < FREE_FAILURES:
        return now
    return rows[0]["at"] + pair_delay(len(rows))


def pair_delay(failures: int) -> timedelta:
    """The wait after ``failures`` recent failures of one source at one address."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    doublings = min(failures - FREE_FAILURES, 16)
    return min(LONGEST_DELAY, FIRST_DELAY * 2**doublings)


async def _source_free_at(source: str, now: datetime) -> datetime:
    """When this source may next try any address: a spray over many accounts waits."""
    recent = (SignInFailure.ip_address == source) & (SignInFailure.at > now - WINDOW)
    accounts = len(
        await SignInFailure.select(SignInFailure.email)
        .where(recent)
        .distinct()
        .limit(FREE_ACCOUNTS_PER_SOURCE + 16)
    )
    if accounts <= FREE_ACCOUNTS_PER_SOURCE:
        return now
    latest = await SignInFailure.select(SignInFailure.at).where(recent).order_by(
        SignInFailure.at, ascending=False
    ).first()
    doublings = accounts - FREE_ACCOUNTS_PER_SOURCE - 1
    delay = min(LONGEST_SOURCE_DELAY, FIRST_SOURCE_DELAY * 2**doublings)
    return (latest["at"] if latest else now) + delay


async def _recent_failures(key: str, source: str, now: datetime) -> list[dict[str, datetime]]:
    """This source's failures at this address within the window, latest first."""
    rows: list[dict[str, datetime]] = (
        await SignInFailure.select(SignInFailure.at)
        .where(
            (SignInFailure.email == key)
            & (SignInFailure.ip_address == source)
            & (SignInFailure.at > now - WINDOW)
        )
        .order_by(SignInFailure.at, ascending=False)
    )
    return rows


async def _refused(key: str, source: str, account: Account | None) -> timedelta | None:
    """A wrong password (already counted): the wait it earned, audited when it first applies."""
    now = datetime.now(UTC)
    async with locked_transaction(f"sign-in:{key}:{source}"):
        failures = len(await _recent_failures(key, source, now))
        if failures == FREE_FAILURES:
            await publish(
                AccountActivity(
                    actor=None,
                    action="account.sign_in_delayed",
                    object_id=account.id if account else None,
                    after={"email": key, "source": source, "failures": failures},
                )
            )
    return pair_delay(failures) or None


async def _forget_failures(key: str, source: str) -> None:
    """The right password: this source's failures at this address no longer count."""
    await SignInFailure.delete().where(
        (SignInFailure.email == key) & (SignInFailure.ip_address == source)
    )


async def forget_sign_in_failures(email: str) -> None:
    """A new password (reset or invitation) forgets every failure at the address, from anywhere."""
    await SignInFailure.delete().where(SignInFailure.email == email_key(email))
