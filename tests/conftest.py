"""Fixtures that give each test a real, clean database on SQLite and on PostgreSQL.

Every test that asks for ``client`` (or ``database_url``) runs twice, once per
engine. Each engine's database is created and migrated once per test run, by
the real ``convene migrate`` command, and emptied before every test.
PostgreSQL is reached at ``TEST_POSTGRES_URL``; the suite creates its own
uniquely named database there and drops it at the end.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis

from convene.accounts.roles import Role
from convene.accounts.services import issue_api_token
from convene.accounts.tables import Account
from convene.app import create_app
from convene.registry import all_tables, app_registry
from convene.settings import Settings

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


@pytest.fixture(scope="session", params=ENGINES)
def database_url(request: pytest.FixtureRequest, var_dir: Path) -> Iterator[str]:
    """A migrated database for the whole run, on the engine named by the param."""
    if request.param == "sqlite":
        url = f"sqlite:///{var_dir / 'test.sqlite3'}"
        _migrate(url, var_dir)
        yield url
        return
    if problem := _postgres_server_problem():
        message = f"PostgreSQL at {TEST_POSTGRES_URL} is unreachable ({problem}); PostgreSQL tests NOT RUN"
        if REQUIRE_POSTGRES:
            pytest.fail(message + " and CONVENE_REQUIRE_POSTGRES=1", pytrace=False)
        pytest.skip(message)
    name = f"convene_test_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{name}"')
    url = TEST_POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        _migrate(url, var_dir)
        yield url
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _migrate(url: str, var_dir: Path) -> None:
    result = run_convene("migrate", database_url=url, var_dir=var_dir)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def settings(database_url: str, var_dir: Path) -> Settings:
    return Settings(
        database_url=database_url,
        secret_key="test-secret-key",
        environment="test",
        base_url="http://convene.test",
        # The test client runs the app's lifespan in its own event loop, where a
        # pool would be out of the tests' reach: connect per query instead.
        database_pool_size=0,
        var_dir=var_dir,
    )


@pytest.fixture
async def app(settings: Settings) -> Litestar:
    app = create_app(settings)
    await _empty_tables(settings.database_url)
    return app


async def _empty_tables(database_url: str) -> None:
    tables = all_tables(app_registry())
    names = ", ".join(f'"{table._meta.tablename}"' for table in tables)
    if database_url.startswith("sqlite"):
        # Children before parents, so foreign keys never object.
        for table in reversed(_by_dependency(tables)):
            await table.delete(force=True)
    else:
        await tables[0].raw(f"TRUNCATE {names} RESTART IDENTITY CASCADE")


def _by_dependency(tables: list) -> list:
    from piccolo.table import sort_table_classes

    return sort_table_classes(tables)


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app=app, base_url="http://convene.test") as client:
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


@pytest.fixture
def live_server(app: Litestar, settings: Settings) -> Iterator[str]:
    """A real ``convene serve`` process (two workers) on the test's database and var directory."""
    import httpx
    import time

    port = free_port()
    env = os.environ | {
        "DATABASE_URL": settings.database_url,
        "CONVENE_VAR_DIR": str(settings.var_dir),
        "BASE_URL": settings.base_url,
        "CONVENE_ENV": "test",
        "MAIL_POLL_SECONDS": "0",
        # Channels over Redis only where the test's settings say so, never the shell's REDIS_URL.
        "REDIS_URL": settings.redis_url or "",
    }
    command = [sys.executable, "-m", "convene.cli", "serve", "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base_url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("convene serve did not become healthy within 30 s")
            time.sleep(0.2)
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=30)


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
        pytest.skip(message)
    finally:
        await redis.aclose()
    return TEST_REDIS_URL
