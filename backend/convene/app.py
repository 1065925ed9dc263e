"""The app factory: builds a Litestar app from settings and wires every domain.

Nothing here runs at import time; ``uvicorn --factory convene.app:create_app``
and the tests call :func:`create_app` when they want an app. Everything the
app owns (its engine, event bus and subscribers, calendar identity, feed
cache, live channels) lives on its :class:`~convene.runtime.Runtime`, so two
apps with different settings can live in one process.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from functools import partial
from typing import Any

from litestar import Litestar
from litestar.config.compression import CompressionConfig
from litestar.datastructures import State
from litestar.di import Provide
from litestar.logging.config import (
    LoggingConfig,
    StructLoggingConfig,
    default_structlog_standard_lib_processors,
)
from litestar.middleware.logging import LoggingMiddlewareConfig
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.plugins.structlog import StructlogConfig, StructlogPlugin
from litestar.template.config import TemplateConfig
from litestar.types import Receive, Scope, Send
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from structlog.processors import ExceptionRenderer
from structlog.stdlib import ProcessorFormatter
from structlog.tracebacks import ExceptionDictTransformer

from convene.accounts.auth import AuthenticationMiddleware
from convene.api.document import complete_document
from convene.catalogues import install_catalogues
from convene.compression import UNCOMPRESSED
from convene.database_faults import DatabaseFaultsMiddleware
from convene.edge import PrintableUrlMiddleware
from convene.errors import EXCEPTION_HANDLERS, problem_details_plugin
from convene.headers import security_headers
from convene.health import HealthController
from convene.languages import request_locale
from convene.live.changes import ChangeListener
from convene.live.channels import live_channels
from convene.mail.sender import outbox_sender
from convene.openapi import openapi_config
from convene.postgres import close_pool, keep_session, reading_the_tables
from convene.registry import all_tables, app_registry, known_migrations
from convene.request_log import OneLinePerRequest
from convene.routes import route_handlers
from convene.runtime import Runtime
from convene.settings import Settings
from convene.sqlite import ConveneSQLiteEngine
from convene.templating import configure_template_engine
from convene.translation import ENGLISH, using_locale

logger = logging.getLogger("convene")


class ConveneApp(Litestar):
    """A Litestar app whose requests and lifespan work with its own runtime."""

    def __init__(self, runtime: Runtime, **config: Any) -> None:
        self.runtime = runtime
        super().__init__(**config)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:  # type: ignore[override]
        with using_locale(ENGLISH if scope["type"] == "lifespan" else request_locale(scope)):
            # A static file, or a public page just read by another visitor: from memory, before
            # routing and middleware, with the app's own headers.
            if scope["type"] == "http":
                wrapped = self._wrap_send(send=send, scope=scope)
                if await self.runtime.static.answer(scope, wrapped):
                    return
                if await self.runtime.pages.memo.answer(scope, wrapped):
                    return
            with self.runtime.active():
                await super().__call__(scope, receive, send)


def create_app(settings: Settings | None = None, *, served: bool = False) -> ConveneApp:
    """The app; ``served``, as a worker of ``convene serve`` runs it (its pool opened whole)."""
    settings = settings or Settings.from_env()
    install_catalogues()  # the five translations, compiled once per process
    live = live_channels(settings)  # registration changes and check-ins, to every worker
    runtime = Runtime.build(settings, live)
    runtime.bind()  # the last app built is the one of code outside any app (tests' fixtures)
    listener = ChangeListener(live, runtime.pages.memo.forget_all)  # other workers' changes
    state = State({"settings": settings, "known_migrations": known_migrations(app_registry())})
    app = ConveneApp(
        runtime,
        route_handlers=[
            HealthController,
            *route_handlers(),
            runtime.static.handler(),
        ],
        state=state,
        dependencies={
            "settings": Provide(lambda: settings, use_cache=True, sync_to_thread=False),
            "calendar": Provide(lambda: runtime.calendar, use_cache=True, sync_to_thread=False),
            "feed_cache": Provide(lambda: runtime.feeds, use_cache=True, sync_to_thread=False),
            "page_cache": Provide(lambda: runtime.pages, use_cache=True, sync_to_thread=False),
        },
        lifespan=[
            _database_pool(runtime.engine, settings.database_pool_size, opened_whole=served),
            outbox_sender(settings),
        ],
        on_startup=[listener.start],  # after the lifespans above and the live channels
        on_shutdown=[listener.stop],
        middleware=[
            PrintableUrlMiddleware(),
            DatabaseFaultsMiddleware(),
            AuthenticationMiddleware(),
        ],
        plugins=[
            problem_details_plugin(),
            StructlogPlugin(_logging_config(settings)),
            live,
        ],
        exception_handlers=EXCEPTION_HANDLERS,
        template_config=TemplateConfig(
            directory=settings.frontend_dir / "templates",
            engine=JinjaTemplateEngine,
            engine_callback=partial(configure_template_engine, static=runtime.static),
        ),
        openapi_config=openapi_config(runtime.static),
        before_send=[security_headers(settings)],
        # Static files and kept pages carry their own gzipped bytes, compressed once; the
        # door's answers to single scans are too small to gain (see UNCOMPRESSED).
        compression_config=CompressionConfig(
            backend="gzip", minimum_size=1024, exclude_opt_key=UNCOMPRESSED
        ),
        debug=settings.is_development,
    )
    complete_document(app)
    return app


def create_served_app() -> ConveneApp:
    """The app as ``convene serve`` runs it in each worker process (see :func:`spare_the_collector`)."""
    app = create_app(served=True)
    app.on_startup.append(spare_the_collector)
    return app


def spare_the_collector() -> None:
    """Move what start-up built out of the garbage collector's sight, for the worker's lifetime.

    The app, its routes, schemas, templates and the six languages' catalogues are most of a
    worker's objects and live as long as it does. Each full collection walked them all, which
    took 140-210 ms of a busy worker: every request it was serving waited. Frozen, they are
    no longer walked; what requests leave behind is collected as before.
    """
    gc.collect()
    gc.freeze()


def _database_pool(
    engine: Engine, size: int, opened_whole: bool
) -> Callable[[Litestar], AbstractAsyncContextManager[None]]:
    """Open PostgreSQL's connection pool for the app's lifetime.

    ``opened_whole``, its ``size`` connections are opened at start-up and kept however long
    they stay idle (asyncpg closes an idle connection after five minutes only above the pool's
    smallest size). Opened on demand, they were opened under the first burst of requests, the
    doors at the start of a sitting, and again after every break: each new connection costs a
    database process, whose first queries are slow, while requests wait for it. An app that is
    not served (the tests') opens a connection when it first needs one. Each connection a
    served worker opens first reads the tables' descriptions (:func:`reading_the_tables`).

    If the database is down at start-up the app still starts (without a pool),
    so that ``/health`` can say so instead of the process dying in a loop.
    """

    @asynccontextmanager
    async def lifespan(_app: Litestar) -> AsyncIterator[None]:
        pooled = False
        if isinstance(engine, ConveneSQLiteEngine):
            await engine.keep_connections()
        if isinstance(engine, PostgresEngine) and size > 0:
            try:
                await engine.start_connection_pool(**_pool_options(size, opened_whole))
                pooled = True
            except Exception as error:  # unreachable at start-up: serve without a pool
                logger.error(
                    "PostgreSQL unreachable at start-up, serving without a pool: %s", error
                )
        try:
            yield
        finally:
            if pooled:
                await close_pool(engine)
            if isinstance(engine, ConveneSQLiteEngine):
                await engine.close_kept_connections()

    return lifespan


def _pool_options(size: int, opened_whole: bool) -> dict[str, Any]:
    if not opened_whole:
        return {"min_size": 1, "max_size": size, "reset": keep_session}
    init = reading_the_tables(all_tables(app_registry()))
    return {"min_size": size, "max_size": size, "reset": keep_session, "init": init}


def _logging_config(settings: Settings) -> StructlogConfig:
    """One structured line per request (method, path, query and status), and per error.

    Litestar's JSON formatter for standard-library records cannot encode a
    traceback ("--- Logging error --- TypeError: Unsupported type"), so an
    unexpected error would be lost: its traceback is turned into data first.
    """
    logging_config = StructLoggingConfig(
        log_exceptions="never", pretty_print_tty=settings.is_development
    )
    if logging_config.as_json():
        processors = default_structlog_standard_lib_processors(as_json=True)
        # Before the JSON renderer; no local variables, which may hold passwords or tokens.
        processors.insert(-1, ExceptionRenderer(ExceptionDictTransformer(show_locals=False)))
        logging_config.standard_lib_logging_config = LoggingConfig(
            formatters={"standard": {"()": ProcessorFormatter, "processors": processors}}
        )
    return StructlogConfig(
        structlog_logging_config=logging_config,
        middleware_logging_config=LoggingMiddlewareConfig(
            middleware_class=OneLinePerRequest,
            request_log_fields=(),
            response_log_message="HTTP",
            response_log_fields=["status_code"],
            # Handlers whose query carries a secret (invitation and reset links).
            exclude_opt_key="skip_request_log",
        ),
    )
