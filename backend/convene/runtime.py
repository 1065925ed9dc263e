"""What one app owns, and the one place where side effects subscribe to the domain's events.

An app (and the CLI, for one command) builds a :class:`Runtime` from its
settings: the database engine its tables use, the event bus its services
publish to, the calendar identity, the feed and page caches, the static
files and, in an app, its live channels. While the app serves a request or runs its lifespan, its engine and
bus are the current ones (:meth:`Runtime.active`); code outside any app
(tests' fixtures, a CLI command) uses the runtime bound last
(:meth:`Runtime.bind`). Two apps with different settings can thus live in one
process, each with its own database, bus and ``BASE_URL``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from piccolo.engine.base import Engine

from convene.accounts.cookies import session_cookie_name
from convene.accounts.subscribers import subscribe_accounts
from convene.audit.subscribers import subscribe_audit
from convene.calendar.identity import CalendarIdentity
from convene.calendar.subscribers import subscribe_invitations
from convene.db import bind_engine, create_engine, using_engine
from convene.delegations.subscribers import subscribe_waitlist
from convene.events.bus import EventBus, bind_bus, using_bus
from convene.freshness.cache import BodyCache
from convene.freshness.memo import KeptPages, PageMemo
from convene.live.changes import announcer
from convene.live.channels import LiveChannels
from convene.live.subscribers import subscribe_live
from convene.mail.subscribers import subscribe_mail
from convene.registry import all_tables, app_registry
from convene.settings import Settings
from convene.sittings.subscribers import subscribe_sittings
from convene.static_files import StaticAssets, static_assets


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    engine: Engine
    calendar: CalendarIdentity
    live: LiveChannels | None
    """None in the CLI: no stream listens to a command."""
    static: StaticAssets
    pages: KeptPages
    """Built public pages, and the memo that answers them (:mod:`convene.freshness.memo`)."""
    bus: EventBus = field(default_factory=EventBus)
    feeds: BodyCache = field(default_factory=BodyCache)
    """Built feeds, kept under the ETag they were built for (see :mod:`convene.freshness`)."""

    @classmethod
    def build(cls, settings: Settings, live: LiveChannels | None = None) -> Runtime:
        runtime = cls(
            settings=settings,
            engine=create_engine(settings.database_url),
            calendar=CalendarIdentity.from_settings(settings),
            live=live,
            static=static_assets(settings.frontend_dir / "static"),
            pages=KeptPages(
                BodyCache(), PageMemo(session_cookie_name(settings), settings.page_memo_seconds)
            ),
        )
        runtime.subscribe()
        return runtime

    def subscribe(self) -> None:
        """Who hears the domain's events, in the order they run.

        Inside the change's transaction: the audit log (every change), the
        outbox's e-mails (registration notices, invitation and reset links),
        then calendar invitations, an account offered to each approved delegate, and sittings
        following their session, body and agenda (which then publish what calendars must
        hear). After commit: the memo of public pages,
        which forgets them all on any change, the live streams, and the
        announcement of the change to the other workers (:mod:`convene.live.changes`).
        Last inside the transaction, the waiting list: a session's limits changed, whoever now fits is promoted.
        """
        subscribe_audit(self.bus)
        subscribe_mail(self.bus)
        subscribe_invitations(self.bus, self.calendar)
        subscribe_accounts(self.bus, self.settings)
        subscribe_sittings(self.bus)
        subscribe_waitlist(self.bus)
        self.bus.subscribe_after_commit(object, self.pages.memo.forget_all)
        if self.live is not None:
            subscribe_live(self.bus, self.live)
            self.bus.subscribe_after_commit(object, announcer(self.live))

    def bind(self) -> None:
        """Make this runtime the one of code that runs outside any app."""
        bind_engine(self.engine, all_tables(app_registry()))
        bind_bus(self.bus)

    @contextmanager
    def active(self) -> Iterator[None]:
        """The enclosed work (a request, the lifespan) uses this runtime's engine and bus."""
        with using_engine(self.engine), using_bus(self.bus):
            yield
