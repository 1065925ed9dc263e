"""The ``convene`` command: serve, migrate, load demo data, create an admin."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import click

from convene.db import SQLITE_PREFIX
from convene.settings import Settings, SettingsError


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as error:
        raise click.ClickException(str(error)) from error


@click.group()
def main() -> None:
    """Convene: sessions, delegations and calendars of intergovernmental bodies."""


GRACEFUL_SHUTDOWN_SECONDS = 5
"""On SIGTERM, requests still open after this long (event streams, a stuck query) are cut off."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1))
@click.option("--reload", is_flag=True, help="Restart on code changes (development).")
@click.option(
    "--forwarded-allow-ips",
    envvar="FORWARDED_ALLOW_IPS",
    default="",
    help="Reverse proxies (comma-separated addresses or networks, '*' for any) whose "
    "X-Forwarded-For and X-Forwarded-Proto are believed. Unset: none, the client is "
    "the connection's address. [env: FORWARDED_ALLOW_IPS]",
)
def serve(host: str, port: int, workers: int, reload: bool, forwarded_allow_ips: str) -> None:
    """Serve the web app and API."""
    import uvicorn

    settings = _settings()  # fail here, clearly, rather than in every worker
    workers = _workers_for(settings, workers)
    _stop_cleanly_on_sigterm()
    uvicorn.run(
        "convene.app:create_served_app",
        factory=True,
        host=host,
        port=port,
        workers=None if reload else workers,
        reload=reload,
        # A forwarded address is believed only from a proxy named here: anyone else could
        # send any X-Forwarded-For and pick the address that sign-in throttling counts.
        proxy_headers=bool(forwarded_allow_ips.strip()),
        forwarded_allow_ips=forwarded_allow_ips.strip() or None,
        log_level="info",
        # The app logs each request itself, leaving out the routes whose URL carries a
        # secret (one-time links, personal calendars); uvicorn's line would print them.
        access_log=False,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
    )


def _stop_cleanly_on_sigterm() -> None:
    """SIGTERM, once the server has shut down, ends the command with status 0.

    One uvicorn server raises the signal again after its shutdown, which would
    end the process as killed; its supervisor of several workers exits 0. Both
    stopped as asked.
    """
    signal.signal(signal.SIGTERM, lambda _signal, _frame: sys.exit(0))


def _workers_for(settings: Settings, asked: int) -> int:
    """SQLite serves with one worker: it has one writer, and processes would queue on its file lock.

    Within one process writes wait their turn in order (``convene.db``); across
    processes they poll SQLite's lock with growing sleeps, and under load
    requests wait seconds. More workers need PostgreSQL.
    """
    if asked > 1 and settings.database_url.startswith(SQLITE_PREFIX):
        click.echo(
            f"SQLite: serving with 1 worker, not {asked}. SQLite has a single writer and "
            "worker processes would queue on its lock for seconds; for more workers, use "
            "PostgreSQL (DATABASE_URL=postgresql://...).",
            err=True,
        )
        return 1
    return asked


@main.command()
def messages() -> None:
    """Extract the interface's texts again and merge them into each language's catalogue."""
    from convene.catalogues import LOCALES, update_catalogues

    left = update_catalogues()
    click.echo(f"Updated {LOCALES}/messages.pot and the catalogues of {', '.join(left)}.")
    for language, count in left.items():
        if count:
            click.echo(f"  {language}: {count} text(s) to translate (new, changed or fuzzy)")


@main.command()
def migrate() -> None:
    """Bring the database schema up to date (running it again changes nothing)."""
    from convene.entities.services import sync_registry
    from convene.migrations import migrate_forwards

    settings = _settings()
    os.environ["DATABASE_URL"] = settings.database_url  # what piccolo_conf reads
    os.environ.setdefault("PICCOLO_CONF", "convene.piccolo_conf")
    applied = asyncio.run(migrate_forwards(settings.database_url))
    added = asyncio.run(_with_runtime(sync_registry))
    click.echo(f"Applied {len(applied)} migration(s)." if applied or added else "Database is up to date.")
    for name in applied:
        click.echo(f"  {name}")
    if added:
        click.echo(f"Added {added} participating entities from the shipped registry.")


@main.command()
def demo() -> None:
    """Load realistic demo data (loading it twice changes nothing)."""
    from convene.demo.loader import load_demo_data

    summary = asyncio.run(_with_runtime(load_demo_data))
    click.echo(summary)


@main.command()
@click.option("--email", required=True)
@click.option("--name", "full_name", required=True)
@click.password_option(help="Prompted for when not given.")
def createadmin(email: str, full_name: str, password: str) -> None:
    """Create a secretariat account (or reset that account's password)."""
    from convene.accounts.services import create_secretariat_account

    async def create() -> str:
        account, created = await create_secretariat_account(email, full_name, password)
        return f"{'Created' if created else 'Updated'} secretariat account {account.email}"

    try:
        click.echo(asyncio.run(_with_runtime(create)))
    except ValueError as error:
        raise click.ClickException(str(error)) from error


async def _with_runtime(work):  # type: ignore[no-untyped-def]
    """Run ``work`` as the app would: its database, and its subscribers (audit, mail, invitations).

    The command's changes write the same audit entries and e-mails as the
    app's; no live stream listens to a command.
    """
    from convene.runtime import Runtime

    settings = _settings()
    Path(settings.var_dir).mkdir(parents=True, exist_ok=True)
    runtime = Runtime.build(settings)
    runtime.bind()
    return await work()


if __name__ == "__main__":
    sys.exit(main())
