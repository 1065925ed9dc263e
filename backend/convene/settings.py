"""Settings read from the environment, once, by whoever builds the app.

Everything configurable lives here so that the app factory, the CLI and the
tests agree on one source of truth; nothing reads ``os.environ`` elsewhere.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
"""The checkout: ``frontend/``, ``migrations/`` and ``reports/`` live beside ``backend/``."""


ENVIRONMENTS = ("development", "test", "production")


class SettingsError(RuntimeError):
    """A setting is missing or malformed; the process must not start."""


class PasswordHashing(StrEnum):
    """How hard password hashes are to compute (see :mod:`convene.accounts.passwords`)."""

    STRONG = "strong"
    """RFC 9106's recommended Argon2id cost: about a tenth of a second a hash, by design."""
    CHEAPEST = "cheapest"
    """Argon2id's cheapest parameters: for the test suite only, which hashes hundreds of passwords."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str = "127.0.0.1"
    port: int = 25
    username: str | None = None
    password: str | None = None
    use_tls: bool = False
    sender: str = "Convene Secretariat <secretariat@convene.localhost>"


@dataclass(frozen=True)
class Settings:
    database_url: str
    secret_key: str
    environment: str = "development"
    redis_url: str | None = None
    database_pool_size: int = 10
    """PostgreSQL connections per worker; 0 opens a connection per query instead."""
    base_url: str = "http://127.0.0.1:8000"
    default_timezone: str = "Europe/Vienna"
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    var_dir: Path = PROJECT_ROOT / "var"
    frontend_dir: Path = PROJECT_ROOT / "frontend"
    migrations_dir: Path = PROJECT_ROOT / "migrations"
    # How often each worker's outbox sender looks for mail to send; None (the
    # default for settings built in code, as the tests do) runs no sender loop.
    mail_poll_seconds: float | None = None
    page_memo_seconds: float = 1.0
    """How long a public page is answered from memory unasked (:mod:`convene.freshness.memo`); 0: never."""

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def is_development(self) -> bool:
        return self.environment == "development"

    @property
    def password_hashing(self) -> PasswordHashing:
        return password_hashing(self.environment)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Build settings from ``env`` (the process environment by default)."""
        env = dict(os.environ if env is None else env)
        environment = current_environment(env)
        var_dir = Path(env.get("CONVENE_VAR_DIR", PROJECT_ROOT / "var"))
        timezone = env.get("DEFAULT_TIMEZONE", "Europe/Vienna")
        _check_timezone(timezone)
        return cls(
            database_url=default_database_url(env),
            secret_key=_secret_key(env.get("SECRET_KEY"), environment, var_dir),
            environment=environment,
            redis_url=env.get("REDIS_URL") or None,
            database_pool_size=int(env.get("DATABASE_POOL_SIZE", "10")),
            base_url=env.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
            default_timezone=timezone,
            smtp=SmtpSettings(
                host=env.get("SMTP_HOST", "127.0.0.1"),
                port=int(env.get("SMTP_PORT", "25")),
                username=env.get("SMTP_USERNAME") or None,
                password=env.get("SMTP_PASSWORD") or None,
                use_tls=env.get("SMTP_TLS", "false").lower() in {"1", "true", "yes"},
                sender=env.get("SMTP_SENDER", SmtpSettings.sender),
            ),
            var_dir=var_dir,
            mail_poll_seconds=_poll_seconds(env.get("MAIL_POLL_SECONDS", "10")),
            page_memo_seconds=_seconds("PAGE_MEMO_SECONDS", env.get("PAGE_MEMO_SECONDS", "1")),
        )


def current_environment(env: Mapping[str, str] | None = None) -> str:
    """``CONVENE_ENV`` (of the process environment by default): development, test or production."""
    env = os.environ if env is None else env
    environment = env.get("CONVENE_ENV", "development")
    if environment not in ENVIRONMENTS:
        raise SettingsError("CONVENE_ENV must be development, test or production")
    return environment


def password_hashing(environment: str) -> PasswordHashing:
    """Cheap hashes in the test environment only; every other environment keeps the strong cost."""
    return PasswordHashing.CHEAPEST if environment == "test" else PasswordHashing.STRONG


def default_database_url(env: Mapping[str, str] | None = None) -> str:
    """``DATABASE_URL``, or the development SQLite file under the var directory."""
    values: Mapping[str, str] = os.environ if env is None else env
    var_dir = Path(values.get("CONVENE_VAR_DIR", PROJECT_ROOT / "var"))
    return values.get("DATABASE_URL") or f"sqlite:///{var_dir / 'convene.sqlite3'}"


def _poll_seconds(value: str) -> float | None:
    """``MAIL_POLL_SECONDS``: a positive number of seconds, or 0 for no sender loop."""
    return _seconds("MAIL_POLL_SECONDS", value) or None


def _seconds(name: str, value: str) -> float:
    try:
        seconds = float(value)
    except ValueError as error:
        raise SettingsError(f"{name} must be a number of seconds") from error
    if not 0 <= seconds < float("inf"):
        raise SettingsError(f"{name} must not be negative")
    return seconds


def _check_timezone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise SettingsError(f"DEFAULT_TIMEZONE {name!r} is not an IANA time zone") from error


def _secret_key(given: str | None, environment: str, var_dir: Path) -> str:
    """Use the given key; outside production, keep a generated one under ``var/``.

    Production refuses to start without an explicit key: a key generated on one
    worker would not match the others' and would change at every deploy.
    """
    if given:
        return given
    if environment == "production":
        raise SettingsError("SECRET_KEY must be set when CONVENE_ENV=production")
    key_file = var_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key
