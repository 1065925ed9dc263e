"""What happens to accounts and their tokens, for whoever listens.

The audit log hears every one; the outbox e-mails the links of invitations
and password resets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from convene.events.changes import Change


@dataclass(frozen=True, kw_only=True)
class AccountActivity(Change):
    """An account was changed, invited, signed in or out, locked out, or had its password set."""

    object_type = "account"


@dataclass(frozen=True, kw_only=True)
class LinkIssued(AccountActivity):
    """A single-use link for the account's owner to set a password, to be e-mailed to them."""

    email: str
    full_name: str
    link: str = field(repr=False)  # the link is a credential: never in a log line
    expires_at: datetime


@dataclass(frozen=True, kw_only=True)
class AccountInvited(LinkIssued):
    """Someone was invited (or invited again) to choose a password and sign in."""


@dataclass(frozen=True, kw_only=True)
class PasswordResetRequested(LinkIssued):
    """The owner of an active account asked to reset its password."""


@dataclass(frozen=True, kw_only=True)
class ApiTokenChanged(Change):
    """A personal API token was created or revoked (its name, never its secret)."""

    object_type = "api_token"
