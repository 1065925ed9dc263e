"""The feeds: public (all sessions, one body's sessions, one session's sittings) and personal.

Each answer starts with the feed's validator (one aggregate query). If the
client's copy is current it ends there, with a 304. Otherwise the feed's
bytes come from the app's cache when they were built for this very ETag,
or are read and built now (in a worker thread: building is CPU-bound) and
kept for the next subscriber.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, datetime

from convene.accounts.tokens import token_hash
from convene.calendar import sources
from convene.calendar.ics import (
    CalendarMeta,
    calendar_bytes,
    lower_first,
    session_event,
    sitting_event,
)
from convene.calendar.identity import CalendarIdentity
from convene.calendar.installation import installed
from convene.calendar.sources import Person, SessionInfo, SittingInfo
from convene.calendar.validators import (
    Validator,
    body_validator,
    personal_validator,
    session_validator,
    sessions_validator,
)
from convene.errors import NotFound
from convene.freshness.cache import BodyCache
from convene.freshness.conditional import Conditions, current_body
from convene.translation import gettext, using_locale


@dataclass(frozen=True)
class FeedAnswer:
    validator: Validator
    filename: str
    private: bool = False
    body: bytes | None = None
    """None when the client's copy is current: answer 304."""


async def sessions_feed(
    identity: CalendarIdentity, cache: BodyCache, conditions: Conditions, language: str
) -> FeedAnswer:
    """Every published session, titled in ``language`` (English where a title has none)."""
    validator = await sessions_validator(identity.base_url, language)

    @built_in(language)
    async def build() -> bytes:
        named = await installed(identity)
        meta = CalendarMeta(
            uid=named.uid("feed", "sessions"),
            name="Sessions (Convene)",
            description="Every published session, one all-day event per session.",
            timezone=identity.default_timezone,
        )
        return await _render_sessions(meta, await sources.published_sessions(), named)

    return await _answer(
        cache, ("sessions", language), validator, conditions, build, "sessions.ics"
    )


async def body_feed(
    identity: CalendarIdentity, cache: BodyCache, code: str, conditions: Conditions, language: str
) -> FeedAnswer:
    validator = await body_validator(identity.base_url, code, language)
    if validator is None:
        raise NotFound(gettext("Body not found"))

    @built_in(language)
    async def build() -> bytes:
        named = await installed(identity)
        name = await sources.body_name(code) or code
        meta = CalendarMeta(
            uid=named.uid("feed-body", code.lower()),
            name=f"{name}: sessions",
            description=f"The published sessions of the {name}, one all-day event per session.",
            timezone=identity.default_timezone,
        )
        return await _render_sessions(meta, await sources.published_sessions(code), named)

    return await _answer(
        cache,
        ("body", code, language),
        validator,
        conditions,
        build,
        f"{code.lower()}-sessions.ics",
    )


async def session_feed(
    identity: CalendarIdentity,
    cache: BodyCache,
    session_id: int,
    conditions: Conditions,
    language: str,
) -> FeedAnswer:
    validator = await session_validator(identity.base_url, session_id, language)
    if validator is None:
        raise NotFound(gettext("Session not found"))

    @built_in(language)
    async def build() -> bytes:
        named = await installed(identity)
        session = (await sources.sessions_by_id([session_id]))[session_id]
        sittings = await sources.sittings_of([session_id])
        meta = CalendarMeta(
            uid=named.uid("feed-session", session_id),
            name=f"{session.title}: sittings",
            description=f"The sittings of the {lower_first(session.title)}, in the venue's time.",
            timezone=session.timezone,
            url=identity.session_url(session_id),
        )
        return await asyncio.to_thread(
            _render_sittings, meta, sittings, {session_id: session}, {}, named
        )

    return await _answer(
        cache,
        ("session", session_id, language),
        validator,
        conditions,
        build,
        f"session-{session_id}.ics",
    )


async def personal_feed(
    identity: CalendarIdentity,
    cache: BodyCache,
    token: str,
    conditions: Conditions,
    language: str | None = None,
) -> FeedAnswer:
    """The sittings of every session the token's owner is approved for (404 for a dead token).

    In the language the address asks for, else in the owner's account's language.
    """
    validator = await personal_validator(identity.base_url, token_hash(token), language)
    if validator is None:
        raise NotFound(gettext("Calendar feed not found"))
    account_id, email = validator.row["account_id"], validator.row["email"]
    chosen = language or validator.row["language"]

    @built_in(chosen)
    async def build() -> bytes:
        named = await installed(identity)
        people = {
            person.session_id: person for person in await sources.approved_registrations_of(email)
        }
        sessions = {
            key: session
            for key, session in (await sources.sessions_by_id(people)).items()
            if session.status != "draft"
        }
        sittings = await sources.sittings_of(sessions)
        meta = CalendarMeta(
            uid=named.uid("feed-person", account_id),
            name="My sittings (Convene)",
            description="The sittings of the sessions you are registered for, kept up to date.",
            timezone=_main_zone(sittings, sessions, identity.default_timezone),
        )
        return await asyncio.to_thread(_render_sittings, meta, sittings, sessions, people, named)

    return await _answer(
        cache,
        ("person", account_id, chosen),
        validator,
        conditions,
        build,
        "my-sittings.ics",
        private=True,
    )


def built_in(
    language: str,
) -> Callable[[Callable[[], Awaitable[bytes]]], Callable[[], Awaitable[bytes]]]:
    """Build a feed with its titles, names and agenda items in ``language``."""

    def wrap(build: Callable[[], Awaitable[bytes]]) -> Callable[[], Awaitable[bytes]]:
        async def built() -> bytes:
            with using_locale(language):
                return await build()

        return built

    return wrap


async def _answer(
    cache: BodyCache,
    key: tuple[Hashable, ...],
    validator: Validator,
    conditions: Conditions,
    build: Callable[[], Awaitable[bytes]],
    filename: str,
    *,
    private: bool = False,
) -> FeedAnswer:
    body = await current_body(cache, key, validator, conditions, build)
    return FeedAnswer(validator, filename, private, body)


async def _render_sessions(
    meta: CalendarMeta, sessions: list[SessionInfo], identity: CalendarIdentity
) -> bytes:
    def render() -> bytes:
        produced = datetime.now(UTC)
        events = [session_event(session, identity, stamp=produced) for session in sessions]
        return calendar_bytes(meta, events, produced=produced)

    return await asyncio.to_thread(render)


def _render_sittings(
    meta: CalendarMeta,
    sittings: list[SittingInfo],
    sessions: dict[int, SessionInfo],
    people: dict[int, Person],
    identity: CalendarIdentity,
) -> bytes:
    """Sittings as events: for a person, as their mode of attendance shows them.

    DTSTAMP is when the feed was produced (RFC 5545 §3.8.7.2, for a calendar
    without METHOD:REQUEST); LAST-MODIFIED the latest change the event shows.
    """
    produced = datetime.now(UTC)
    events = []
    for sitting in sittings:
        session, person = sessions[sitting.session_id], people.get(sitting.session_id)
        changed = max(
            sitting.updated_at, session.updated_at, *([person.updated_at] if person else [])
        )
        events.append(
            sitting_event(
                sitting,
                session,
                identity,
                stamp=produced,
                last_modified=changed,
                mode=person.mode if person else None,
            )
        )
    return calendar_bytes(meta, events, produced=produced)


def _main_zone(sittings: list[SittingInfo], sessions: dict[int, SessionInfo], default: str) -> str:
    """The zone most of the person's sittings are in: the calendar's own (X-WR-TIMEZONE)."""
    zones = Counter(sessions[sitting.session_id].timezone for sitting in sittings)
    return zones.most_common(1)[0][0] if zones else default
