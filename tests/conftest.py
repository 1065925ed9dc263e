"""Fixtures that give each test a real, clean database on SQLite and on PostgreSQL.

Every test that asks for ``client`` (or ``database_url``) runs twice, once per
engine. Each engine's database is created and migrated once per test run, by
the real ``convene migrate`` command, and emptied before every test.
PostgreSQL is reached at ``TEST_POSTGRES_URL``; the suite creates its own
uniquely named database there and drops it at the end.
"""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path

import asyncpg
import pytest
from httpx import ASGITransport, AsyncClient
from litestar import Litestar
from piccolo.table import Table, sort_table_classes
from redis.asyncio import Redis

from convene.accounts.roles import Role
from convene.accounts.services import issue_api_token
from convene.accounts.tables import Account
from convene.app import ConveneApp, create_app
from convene.registry import all_tables, app_registry
from convene.settings import Settings

pytest_plugins = ["tests.scheduling"]  # how the whole suite is shared among workers

TEST_POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REQUIRE_POSTGRES = os.environ.get("CONVENE_REQUIRE_POSTGRES") == "1"
"""CI: PostgreSQL (and Redis) must be reachable; their tests fail rather than skip."""
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
ENGINES = ["sqlite", "postgres"]


def run_convene(*args: str, database_url: str, var_dir: Path) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"DATABASE_URL": database_url, "CONVENE_VAR_DIR": str(var_dir), "CONVENE_ENV": "test"}
    return subprocess.run(
        [sys.executable, "-m", "convene.cli", *args], env=env, capture_output=True, text=True, timeout=120
    )


def _postgres_server_problem() -> str | None:
    async def probe() -> None:
        connection = await asyncpg.connect(TEST_POSTGRES_URL, timeout=5)
        await connection.close()

    try:
        asyncio.run(probe())
    except Exception as error:  # whatever stops us reaching it is the reason to report
        return f"{type(error).__name__}: {error}"
    return None


def _admin(sql: str) -> None:
    async def run() -> None:
        connection = await asyncpg.connect(TEST_POSTGRES_URL, timeout=10)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(run())


@pytest.fixture(scope="session")
def var_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("var")


class Databases:
    """Each engine's migrated database, made the first time a test asks for it and kept to the end.

    Keeping both for the whole run lets tests of the two engines come in any
    order (see tests/scheduling.py) without dropping and migrating a database
    at every change of engine.
    """

    def __init__(self, var_dir: Path) -> None:
        self._var_dir = var_dir
        self._urls: dict[str, str] = {}
        self._postgres_problem: str | None = None

    def url(self, engine: str) -> str:
        if engine not in self._urls:
            self._urls[engine] = self._sqlite() if engine == "sqlite" else self._postgres()
        return self._urls[engine]

    def _sqlite(self) -> str:
        url = f"sqlite:///{self._var_dir / 'test.sqlite3'}"
        _migrate(url, self._var_dir)
        return url

    def _postgres(self) -> str:
        if self._postgres_problem is None:
            self._postgres_problem = _postgres_server_problem() or ""
        if self._postgres_problem:
            message = (
                f"PostgreSQL at {TEST_POSTGRES_URL} is unreachable ({self._postgres_problem}); "
                "PostgreSQL tests NOT RUN"
            )
            if REQUIRE_POSTGRES:
                pytest.fail(message + " and CONVENE_REQUIRE_POSTGRES=1", pytrace=False)
            pytest.skip(message)  # deliberate: no PostgreSQL locally; CONVENE_REQUIRE_POSTGRES (CI) fails instead
        name = f"convene_test_{uuid.uuid4().hex[:12]}"
        _admin(f'CREATE DATABASE "{name}"')
        url = TEST_POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
        self._urls["postgres"] = url  # dropped at the end even if migrating fails
        _migrate(url, self._var_dir)
        return url

    def drop(self) -> None:
        if postgres := self._urls.get("postgres"):
            _admin(f'DROP DATABASE IF EXISTS "{postgres.rsplit("/", 1)[1]}" WITH (FORCE)')


def _migrate(url: str, var_dir: Path) -> None:
    result = run_convene("migrate", database_url=url, var_dir=var_dir)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def databases(var_dir: Path) -> Iterator[Databases]:
    made = Databases(var_dir)
    try:
        yield made
    finally:
        made.drop()


@pytest.fixture(params=ENGINES)
def database_url(request: pytest.FixtureRequest, databases: Databases) -> str:
    """A migrated database, kept for the whole run, on the engine named by the param."""
    return databases.url(request.param)


@pytest.fixture
def settings(database_url: str, var_dir: Path) -> Settings:
    return Settings(
        database_url=database_url,
        secret_key="test-secret-key",
        environment="test",
        base_url="http://convene.test",
        var_dir=var_dir,
    )


_apps: dict[Settings, ConveneApp] = {}
"""The apps built by ``bound_app``, one per distinct settings: building one takes ~0.2 s."""


@pytest.fixture
def bound_app(settings: Settings) -> ConveneApp:
    """The app for the test's settings, built once per run, bound for code outside it.

    Its rows are whatever the last test left: tests ask for ``app``, which
    empties them, unless they keep rows across tests on purpose (the access matrix).
    Tests of the two engines alternate, so the app's runtime (engine and event
    bus) is bound again every time for the fixtures that change data directly.
    """
    app = _apps.get(settings)
    if app is None:
        app = create_app(settings)
        if settings.redis_url is None:  # Redis channels keep asyncio objects of the loop they ran in
            _apps[settings] = app
    app.runtime.bind()
    return app


@pytest.fixture
async def app(bound_app: ConveneApp, settings: Settings) -> AsyncIterator[ConveneApp]:
    """The app for the test's settings, running in the test's event loop, on empty tables.

    Running there, its PostgreSQL pool serves the test's own queries too: a new
    connection costs ~40 ms of CPU (mostly the server's), a pooled query well under 1.
    """
    async with running(bound_app):
        await empty_tables(settings.database_url)
        await bound_app.runtime.pages.memo.forget_all("tables emptied")  # a change it did not hear of
        yield bound_app


@asynccontextmanager
async def running(app: Litestar) -> AsyncIterator[Litestar]:
    """``app`` started in this event loop (its lifespan: pool, live channels ...), as a server would.

    The lifespan runs in a task of its own: an async fixture is set up and torn
    down in two different tasks, and the lifespan must end in the task it began.
    """
    started, stop = asyncio.Event(), asyncio.Event()

    async def serve() -> None:
        async with app.lifespan():
            started.set()
            await stop.wait()

    serving = asyncio.create_task(serve())
    starting = asyncio.create_task(started.wait())
    await asyncio.wait({serving, starting}, return_when=asyncio.FIRST_COMPLETED)
    if not started.is_set():
        starting.cancel()
        serving.result()  # the lifespan's error is the test's
    try:
        yield app
    finally:
        stop.set()
        await serving


def app_client(app: Litestar, base_url: str = "http://convene.test") -> AsyncClient:
    """An HTTP client of ``app``, which it calls in the test's event loop, through ASGI.

    It sends what Litestar's own test client sends and follows redirects as it
    does; the app must be ``running``.
    """
    transport = ASGITransport(app=app, client=("testclient", 50000))
    return AsyncClient(
        transport=transport,
        base_url=base_url,
        headers={"user-agent": "testclient"},
        follow_redirects=True,
    )


AppBuilder = Callable[[Settings], ConveneApp]


@pytest.fixture
def logging_put_back() -> Iterator[None]:
    """For a test that builds an app under its own output capture, to read that app's log.

    The new app's logging writes to the capture's stream, which closes with the
    test: every logger's handlers are put back as they were, so that what later
    tests log does not end in "ValueError: I/O operation on closed file".
    """
    loggers = [logging.getLogger(), *map(logging.getLogger, list(logging.root.manager.loggerDict))]
    handlers = {logger: list(logger.handlers) for logger in loggers}
    yield
    for logger in [logging.getLogger(), *map(logging.getLogger, list(logging.root.manager.loggerDict))]:
        logger.handlers[:] = handlers.get(logger, [])


@pytest.fixture
def build_app() -> AppBuilder:
    """``build_app(settings)``: a new app of the test's own, for settings no fixture has."""
    return create_app


emptied: Counter[str] = Counter()
"""How often each database's tables were emptied: rows kept across tests are stale once it moves."""


async def empty_tables(database_url: str) -> None:
    """Delete every row, children before parents, and (on PostgreSQL) restart the ids used.

    Not ``TRUNCATE``: it gives each of the ~40 tables new files, about 150 ms
    a test even when they are empty, against about 1 ms for ``DELETE``.
    """
    emptied[database_url] += 1
    tables = _children_first()
    if database_url.startswith("sqlite"):
        for table in tables:
            await table.delete(force=True)
        return
    deletes = "; ".join(f'DELETE FROM "{table._meta.tablename}"' for table in tables)
    engine = tables[0]._meta.db
    async with engine.pool.acquire() as connection:  # one round trip: several statements, no arguments
        await connection.execute(f"{deletes}; {_RESTART_USED_SEQUENCES}")


_RESTART_USED_SEQUENCES = """DO $$
DECLARE used record;
BEGIN
    FOR used IN SELECT schemaname, sequencename FROM pg_sequences WHERE last_value IS NOT NULL LOOP
        PERFORM setval(format('%I.%I', used.schemaname, used.sequencename)::regclass, 1, false);
    END LOOP;
END $$"""
"""Ids start at 1 again in every test, as after ``TRUNCATE ... RESTART IDENTITY``."""


@cache
def _children_first() -> list[type[Table]]:
    """Every table, each before those it refers to, so that deleting never breaks a foreign key."""
    return list(reversed(sort_table_classes(all_tables(app_registry()))))


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[AsyncClient]:
    async with app_client(app) as client:
        yield client


async def _account_headers(email: str, role: Role, entity_id: int | None = None) -> dict[str, str]:
    account = Account(email=email, full_name=email.split("@")[0].title(), role=role.value, entity=entity_id)
    await account.save()
    token = await issue_api_token(account, "tests")
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
async def secretariat(app: Litestar) -> dict[str, str]:
    """Headers that authenticate as a secretariat officer."""
    return await _account_headers("officer@unodc.test", Role.SECRETARIAT)


@pytest.fixture
def make_account_headers(app: Litestar):  # type: ignore[no-untyped-def]
    return _account_headers


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


SERVER_START_SECONDS = 60
"""Three processes import the whole app: seconds on a quiet machine, far more on a busy one."""


class LiveServers:
    """Real ``convene serve`` processes (two workers each) on one database, one per environment.

    Starting one takes seconds of three processes' imports, and a server keeps
    nothing of a test's between requests but what is in the database (emptied
    before every test) and the var directory; so each is started the first time
    a test asks for it and kept until the end of the run.
    """

    def __init__(self) -> None:
        self._running: dict[tuple[tuple[str, str], ...], tuple[subprocess.Popen[bytes], str]] = {}

    def url_for(self, settings: Settings) -> str:
        env = {
            "DATABASE_URL": settings.database_url,
            "CONVENE_VAR_DIR": str(settings.var_dir),
            "BASE_URL": settings.base_url,
            "CONVENE_ENV": "test",
            "MAIL_POLL_SECONDS": "0",
            # Channels over Redis only where the test's settings say so, never the shell's REDIS_URL.
            "REDIS_URL": settings.redis_url or "",
            "PAGE_MEMO_SECONDS": str(settings.page_memo_seconds),
            # A served worker opens its whole pool at start-up: the suite keeps many servers.
            "DATABASE_POOL_SIZE": "3",
        }
        key = tuple(sorted(env.items()))
        if key not in self._running:
            self._running[key] = _start_server(os.environ | env)
        return self._running[key][1]

    def stop(self) -> None:
        for server, _ in self._running.values():
            server.terminate()
        for server, _ in self._running.values():
            server.wait(timeout=30)
        self._running.clear()


def _start_server(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    """``convene serve --workers 2`` on a free port, answering ``/health``; and its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "convene.cli", "serve", "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}"
    wait_until_healthy(server, base_url)
    return server, base_url


def wait_until_healthy(server: subprocess.Popen[bytes], base_url: str) -> None:
    """Wait for a started ``convene serve`` to answer ``/health``; stop it and raise if it never does."""
    import httpx
    import time

    deadline = time.monotonic() + SERVER_START_SECONDS
    while server.poll() is None and time.monotonic() < deadline:
        try:
            if httpx.get(f"{base_url}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    exited = server.poll()
    server.terminate()
    server.wait(timeout=30)
    if exited is not None:
        raise RuntimeError(f"convene serve exited with status {exited} before answering /health")
    raise RuntimeError(f"convene serve did not become healthy within {SERVER_START_SECONDS} s")


@pytest.fixture(scope="session")
def live_servers(databases: Databases) -> Iterator[LiveServers]:
    """The live servers of the run, stopped before its databases are dropped."""
    servers = LiveServers()
    yield servers
    servers.stop()


@pytest.fixture
def live_server(app: Litestar, settings: Settings, live_servers: LiveServers) -> str:
    """The base URL of a real ``convene serve`` (two workers) on the test's database and var dir."""
    return live_servers.url_for(settings)


@pytest.fixture
async def redis_url() -> str:
    """``TEST_REDIS_URL``; unreachable, the test is skipped loudly, and fails in CI."""
    redis = Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=5)
    try:
        await redis.ping()
    except Exception as error:  # whatever stops us reaching it is the reason to report
        message = f"Redis at {TEST_REDIS_URL} is unreachable ({error!r}); Redis tests NOT RUN"
        if REQUIRE_POSTGRES:
            pytest.fail(message + " and CONVENE_REQUIRE_POSTGRES=1 (CI)", pytrace=False)
        pytest.skip(message)  # deliberate: no Redis locally; CI fails instead
    finally:
        await redis.aclose()
    return TEST_REDIS_URL
