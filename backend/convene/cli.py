"""The ``convene`` command: serve, migrate, load demo data, create an admin."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import click

from convene.settings import Settings, SettingsError


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as error:
        raise click.ClickException(str(error)) from error


@click.group()
def main() -> None:
    """Convene: sessions, delegations and calendars of intergovernmental bodies."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1))
@click.option("--reload", is_flag=True, help="Restart on code changes (development).")
def serve(host: str, port: int, workers: int, reload: bool) -> None:
    """Serve the web app and API."""
    import uvicorn

    _settings()  # fail here, clearly, rather than in every worker
    uvicorn.run(
        "convene.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=None if reload else workers,
        reload=reload,
        proxy_headers=True,
        log_level="info",
        # The app logs each request itself, leaving out the routes whose URL carries a
        # secret (one-time links, personal calendars); uvicorn's line would print them.
        access_log=False,
    )


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
