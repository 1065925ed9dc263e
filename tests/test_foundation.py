"""The base every feature stands on: health, migrations, serving, error bodies."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from httpx import AsyncClient

from convene.settings import Settings
from tests.conftest import SERVER_START_SECONDS, AppBuilder, app_client, run_convene, running


async def test_health_reports_a_reachable_migrated_database(client: AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "reachable",
        "migrations": "up to date",
        "pending_migrations": [],
    }


@pytest.mark.parametrize("engine", ["postgres", "sqlite"])
async def test_health_answers_503_when_the_database_is_unreachable(
    engine: str, tmp_path: Path, build_app: AppBuilder
) -> None:
    not_a_directory = tmp_path / "a-file"
    not_a_directory.write_text("")
    unreachable_url = {
        "postgres": "postgresql://postgres@127.0.0.1:1/nowhere",
        "sqlite": f"sqlite:///{not_a_directory}/convene.sqlite3",
    }[engine]
    settings = Settings(database_url=unreachable_url, secret_key="k", environment="test", var_dir=tmp_path)
    app = build_app(settings)
    async with running(app), app_client(app) as client:
        response = await client.get("/health")
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["database"] == "unreachable"
    assert body["status"] == 503


def test_migrate_twice_changes_nothing_the_second_time(database_url: str, var_dir: Path) -> None:
    first = run_convene("migrate", database_url=database_url, var_dir=var_dir)
    assert first.returncode == 0, first.stderr
    again = run_convene("migrate", database_url=database_url, var_dir=var_dir)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "Database is up to date."


def test_migrate_builds_a_fresh_database_then_finds_nothing_to_do(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh' / 'convene.sqlite3'}"
    first = run_convene("migrate", database_url=url, var_dir=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "meetings:" in first.stdout and first.stdout.startswith("Applied")
    second = run_convene("migrate", database_url=url, var_dir=tmp_path)
    assert second.stdout.strip() == "Database is up to date."


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_listens_and_stops_cleanly(database_url: str, var_dir: Path) -> None:
    port = _free_port()
    env_cmd = [sys.executable, "-m", "convene.cli", "serve", "--port", str(port), "--workers", "2"]
    env = os.environ | {"DATABASE_URL": database_url, "CONVENE_VAR_DIR": str(var_dir), "CONVENE_ENV": "test"}
    server = subprocess.Popen(env_cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        response = _wait_for_health(port)
        assert response.status_code == 200
        assert response.json()["database"] == "reachable"
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output


def _wait_for_health(port: int) -> httpx.Response:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while True:
        try:
            return httpx.get(f"http://127.0.0.1:{port}/health", timeout=5)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


async def test_unknown_route_answers_with_problem_details(client: AsyncClient) -> None:
    response = await client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == 404


async def test_openapi_schema_is_published(client: AsyncClient) -> None:
    response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Convene"


async def test_an_unknown_api_token_is_refused_not_ignored(client: AsyncClient) -> None:
    response = await client.get("/health", headers={"Authorization": "Bearer cvn_forged"})
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
