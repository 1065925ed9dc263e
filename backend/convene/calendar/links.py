"""Personal feed links: shown again on request, rotated or revoked by their owner.

The token is ``HMAC-SHA256(SECRET_KEY, account id + nonce)``: the app can
rebuild it from the stored nonce to show the same link again, while the
database holds only the nonce and the token's SHA-256, by which a feed
request finds its owner with one indexed lookup. A database read alone
(a leaked backup) therefore gives away no link. Rotating draws a new nonce,
revoking deletes the row; either way the old link answers 404 at once.

If ``SECRET_KEY`` changes, old links keep working (requests are matched by
hash, not re-derived) until their owner next opens the link, which then
cannot be rebuilt and is replaced by a new one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import UTC, datetime
from typing import Any

from convene.accounts.tokens import token_hash
from convene.calendar.identity import CalendarIdentity
from convene.calendar.schemas import FeedLinkOut
from convene.calendar.tables import CalendarFeed
from convene.db import locked_transaction
from convene.settings import Settings


def feed_token(secret_key: str, account_id: int, nonce: str) -> str:
    message = f"calendar-feed:{account_id}:{nonce}".encode()
    digest = hmac.new(secret_key.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def personal_feed_path(token: str) -> str:
    return f"/calendar/personal/{token}/sittings.ics"


def feed_link(identity: CalendarIdentity, token: str, created_at: datetime) -> FeedLinkOut:
    url = identity.base_url + personal_feed_path(token)
    return FeedLinkOut(
        url=url, webcal_url="webcal://" + url.split("://", 1)[1], created_at=created_at
    )


async def get_feed_link(user: Any, settings: Settings) -> FeedLinkOut:
    """The person's link, issued on first request, so the page always has one to show."""
    async with locked_transaction(_lock(user.id)):
        row = await CalendarFeed.select().where(CalendarFeed.account == user.id).first()
        if row is not None:
            token = feed_token(settings.secret_key, user.id, row["nonce"])
            if hmac.compare_digest(token_hash(token), row["token_hash"]):
                return feed_link(CalendarIdentity.from_settings(settings), token, row["created_at"])
        return await _issue(user.id, settings)


async def rotate_feed_link(user: Any, settings: Settings) -> FeedLinkOut:
    """A new link; the old one stops working (for a link that was copied somewhere it should not be)."""
    async with locked_transaction(_lock(user.id)):
        return await _issue(user.id, settings)


async def revoke_feed_link(user: Any) -> None:
    """No link at all until the person asks for one again."""
    async with locked_transaction(_lock(user.id)):
        await CalendarFeed.delete().where(CalendarFeed.account == user.id)


async def _issue(account_id: int, settings: Settings) -> FeedLinkOut:
    nonce = secrets.token_urlsafe(24)
    token = feed_token(settings.secret_key, account_id, nonce)
    now = datetime.now(UTC)
    await CalendarFeed.delete().where(CalendarFeed.account == account_id)
    await CalendarFeed.insert(
        CalendarFeed(account=account_id, token_hash=token_hash(token), nonce=nonce, created_at=now)
    )
    return feed_link(CalendarIdentity.from_settings(settings), token, now)


def _lock(account_id: int) -> str:
    return f"calendar-feed:{account_id}"
