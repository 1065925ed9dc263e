"""Server-side web sessions: the browser holds a random key, the database its hash.

A session lasts ``IDLE_LIFETIME`` after the last request (extended at most
every few minutes, to spare writes) and never beyond ``MAX_LIFETIME`` after
sign-in. Ending a session is deleting its row, which every worker sees at once.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from convene.accounts.tables import Account, WebSession

IDLE_LIFETIME = timedelta(hours=12)
MAX_LIFETIME = timedelta(days=7)
EXTEND_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class ActiveSession:
    """What a request knows of its web session."""

    id: int
    account: Account
    csrf_token: str


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


async def start_session(account: Account, ip_address: str, user_agent: str) -> str:
    """Open a session for ``account``; return the key for the cookie (never stored)."""
    now = datetime.now(UTC)
    await WebSession.delete().where(WebSession.expires_at < now)
    key = secrets.token_urlsafe(32)
    await WebSession.insert(
        WebSession(
            key_hash=key_hash(key),
            account=account.id,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            expires_at=now + IDLE_LIFETIME,
            ip_address=ip_address[:64],
            user_agent=user_agent[:300],
        )
    )
    return key


async def session_for_key(key: str) -> ActiveSession | None:
    """The live session a cookie names, with its active account, or None."""
    now = datetime.now(UTC)
    row = (
        await WebSession.select()
        .where((WebSession.key_hash == key_hash(key)) & (WebSession.expires_at > now))
        .first()
    )
    if row is None:
        return None
    account = (
        await Account.objects()
        .where((Account.id == row["account"]) & (Account.is_active == True))
        .first()
    )
    if account is None:
        return None
    await _extend(row, now)
    return ActiveSession(id=row["id"], account=account, csrf_token=row["csrf_token"])


async def _extend(row: dict, now: datetime) -> None:
    """Slide the expiry forward, at most every EXTEND_AFTER, never past MAX_LIFETIME."""
    wanted = min(now + IDLE_LIFETIME, row["created_at"] + MAX_LIFETIME)
    if wanted - row["expires_at"] >= EXTEND_AFTER:
        await WebSession.update({WebSession.expires_at: wanted}).where(WebSession.id == row["id"])


async def end_session(session_id: int) -> None:
    await WebSession.delete().where(WebSession.id == session_id)


async def end_all_sessions(account_id: int) -> None:
    """Sign the person out everywhere (password reset, deactivation)."""
    await WebSession.delete().where(WebSession.account == account_id)


def cookie_max_age() -> int:
    """The cookie outlives the idle lifetime only as long as the session could."""
    return int(MAX_LIFETIME.total_seconds())
