"""The demo data, loaded twice by the real ``convene demo`` once per engine, for every test here.

Loading it takes two runs of the command (the second must add nothing), a few
seconds each; the tests here only read what it loaded, so they share one load
instead of each loading it again on emptied tables. A test elsewhere empties
the tables, and the next test here loads the demo again.
"""

from __future__ import annotations

import subprocess
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from httpx import AsyncClient

from convene.accounts.roles import Role
from convene.accounts.services import issue_api_token
from convene.accounts.tables import Account
from convene.app import ConveneApp
from convene.settings import Settings

from tests.conftest import app_client, emptied, empty_tables, run_convene, running


@dataclass(frozen=True)
class Demo:
    first: subprocess.CompletedProcess[str]
    """``convene demo`` on empty tables: what it says it added."""
    second: subprocess.CompletedProcess[str]
    """``convene demo`` once more: it must add nothing."""
    emptied: int
    """``tests.conftest.emptied`` of the database once loaded: it moves when another test empties it."""


_loaded: dict[str, Demo] = {}


@pytest.fixture
async def app(bound_app: ConveneApp, settings: Settings) -> AsyncIterator[ConveneApp]:
    """The app, running, on the demo data (not on empty tables)."""
    async with running(bound_app):
        yield bound_app


@pytest.fixture
async def demo(app: ConveneApp, settings: Settings) -> Demo:
    url = settings.database_url
    loaded = _loaded.get(url)
    if loaded is None or loaded.emptied != emptied[url]:
        await empty_tables(url)
        first = run_convene("demo", database_url=url, var_dir=settings.var_dir)
        assert first.returncode == 0, first.stderr
        second = run_convene("demo", database_url=url, var_dir=settings.var_dir)
        assert second.returncode == 0, second.stderr
        loaded = _loaded[url] = Demo(first, second, emptied[url])
    await app.runtime.pages.memo.forget_all("demo loaded")  # by another process: a change it did not hear of
    return loaded


@pytest.fixture
async def client(app: ConveneApp, demo: Demo) -> AsyncIterator[AsyncClient]:
    async with app_client(app) as client:
        yield client


@pytest.fixture
async def secretariat(demo: Demo) -> dict[str, str]:
    """Headers of a secretariat officer of the demo (the same account for every test here)."""
    email = "officer@unodc.test"
    account = await Account.objects().get(Account.email == email)
    if account is None:
        account = Account(email=email, full_name="Officer", role=Role.SECRETARIAT.value)
        await account.save()
    return {"Authorization": f"Bearer {await issue_api_token(account, 'tests')}"}
