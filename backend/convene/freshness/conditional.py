"""HTTP conditional requests: If-None-Match, If-Modified-Since, 304 (RFC 9110)."""

from __future__ import annotations

import email.utils
import gzip
from collections.abc import Awaitable, Callable, Hashable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from convene.freshness.cache import BodyCache
from convene.freshness.validators import Validator


@dataclass(frozen=True)
class Conditions:
    """What the client already holds, as its request headers say."""

    if_none_match: str | None = None
    if_modified_since: str | None = None

    @classmethod
    def of(cls, headers: Mapping[str, str]) -> Conditions:
        return cls(headers.get("if-none-match"), headers.get("if-modified-since"))

    def hold(self, validator: Validator) -> bool:
        """True when the client's copy is current, so a 304 answers.

        If-None-Match, when sent, decides alone (weak comparison); otherwise
        If-Modified-Since holds when nothing changed at or after the second it
        names. The Last-Modified we send is the second after the change
        (:func:`last_modified_header`), so a change made in the same second
        as the client's copy is still news to it.
        """
        if self.if_none_match is not None:
            return etag_matches(self.if_none_match, validator.etag)
        if self.if_modified_since is None or validator.last_modified is None:
            return False
        since = _http_date(self.if_modified_since)
        return since is not None and validator.last_modified < since


async def current_body(
    cache: BodyCache,
    key: tuple[Hashable, ...],
    validator: Validator,
    conditions: Conditions,
    build: Callable[[], Awaitable[bytes]],
) -> bytes | None:
    """None when the client's copy is current (answer 304); else the bytes for this ETag.

    They come from the cache when they were built for this very ETag, or are
    built now and kept for the next request.
    """
    if conditions.hold(validator):
        return None
    body = cache.get(key, validator.etag)
    if body is None:
        # Read after the validator, so the bytes are never older than the ETag they are kept under.
        body = await build()
        cache.put(key, validator.etag, body)
    return body


def kept_gzip(cache: BodyCache, key: tuple[Hashable, ...], etag: str, body: bytes) -> bytes:
    """``body`` gzipped (at the strongest level: it is kept), once per ETag."""
    gzip_key = (*key, "gzip")
    if (kept := cache.get(gzip_key, etag)) is None:
        kept = gzip.compress(body, compresslevel=9, mtime=0)
        cache.put(gzip_key, etag, kept)
    return kept


def etag_matches(header: str, etag: str) -> bool:
    """If-None-Match's weak comparison: does the client hold ``etag`` (or ask for any)?"""
    if header.strip() == "*":
        return True
    wanted = _opaque(etag)
    return any(_opaque(candidate) == wanted for candidate in header.split(","))


def _opaque(tag: str) -> str:
    """The quoted part of an entity tag, weak or strong (weak comparison)."""
    tag = tag.strip()
    return tag.removeprefix("W/")


def _http_date(value: str) -> datetime | None:
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else None


def validator_headers(validator: Validator, *, private: bool) -> dict[str, str]:
    """ETag, Last-Modified and caching rules, on the 200 and the 304 alike.

    ``no-cache`` lets clients and proxies keep the answer but makes them ask
    each time, which a 304 answers cheaply; a private answer's URL may be a
    secret (a personal feed's is), so shared caches must not keep it and it
    is never sent on as a Referer.
    """
    headers = {
        "ETag": validator.etag,
        "Cache-Control": f"{'private' if private else 'public'}, no-cache",
    }
    last_modified = last_modified_header(validator.last_modified, datetime.now(UTC))
    if last_modified is not None:
        headers["Last-Modified"] = last_modified
    if private:
        headers["Referrer-Policy"] = "no-referrer"
        headers["X-Robots-Tag"] = "noindex"
    return headers


def last_modified_header(changed: datetime | None, now: datetime) -> str | None:
    """Last-Modified at whole seconds, for a change known to the microsecond.

    HTTP dates carry whole seconds. Rounding down would make a second change
    within the same second look old to a client that holds the first; so
    the header names the second after the change. Never a time after the
    answer's own (RFC 9110 §8.8.2.1): for a change in the current second it
    names that second, which If-Modified-Since never matches (the client
    gets the whole answer again, never a wrong 304).
    """
    if changed is None:
        return None
    after = changed.replace(microsecond=0) + timedelta(seconds=1)
    return email.utils.format_datetime(min(after, now.replace(microsecond=0)), usegmt=True)
