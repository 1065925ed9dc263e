"""Request and response bodies for accounts, the signed-in person, tokens and invitations."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from msgspec import UNSET, Meta, Struct, UnsetType

from convene.accounts.roles import Role
from convene.bounds import PositiveInt
from convene.text import line, matching

Email = Annotated[str, line(min_length=3, max_length=254, examples=["focal.point@mission.example"])]
FullName = Annotated[str, line(min_length=1, max_length=200, examples=["Ms. Amina Diallo"])]
Phone = Annotated[str, matching(r"[0-9+()./ -]*", max_length=40, examples=["+43 1 26060 0"])]
TokenName = Annotated[str, line(min_length=1, max_length=100, examples=["registration import"])]
AccountStatus = Literal["invited", "active", "deactivated"]


class AccountOut(Struct):
    """An account as a viewer may see it: ``email``/``phone`` are null unless they may see them."""

    id: int
    full_name: str
    role: Role
    entity_id: int | None
    entity_name: str | None
    status: AccountStatus
    email: str | None
    phone: str | None
    created_at: datetime


class MeOut(AccountOut, kw_only=True):
    signed_in_with: Literal["session", "token"]


class ProfilePatch(Struct, forbid_unknown_fields=True):
    """What a person may change about themself."""

    full_name: FullName | UnsetType = UNSET
    phone: Phone | UnsetType = UNSET


class AccountPatch(Struct, forbid_unknown_fields=True):
    """What the secretariat (or the focal point, for their delegates) may change."""

    full_name: FullName | UnsetType = UNSET
    phone: Phone | UnsetType = UNSET
    is_active: bool | UnsetType = UNSET


class InvitationIn(Struct, forbid_unknown_fields=True):
    email: Email
    full_name: FullName
    role: Role
    entity_id: PositiveInt | None = None


class InvitationOut(Struct):
    account: AccountOut
    expires_at: datetime


class TokenIn(Struct, forbid_unknown_fields=True):
    name: TokenName


class TokenOut(Struct):
    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class NewTokenOut(Struct):
    """The only time the secret is shown: store it now."""

    id: int
    name: str
    token: str
    created_at: datetime
