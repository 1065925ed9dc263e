"""The accounts API: the signed-in person (``/api/me``), their tokens, accounts, invitations.

Thin on purpose: each handler reads the request, calls one service, and
returns its answer. Guards decide by role; the services decide which objects
a focal point or delegate may touch (another entity's answer 404).
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, delete, get, patch, post, Response
from litestar.di import NamedDependency
from litestar.params import JSONBody, QueryParameter

from convene.bounds import MAX_ID, PathId
from convene.accounts.guards import requires_secretariat_or_focal_point, requires_sign_in
from convene.accounts.links import invite
from convene.accounts.roles import Role
from convene.accounts.schemas import (
    AccountOut,
    AccountPatch,
    InvitationIn,
    InvitationOut,
    MeOut,
    NewTokenOut,
    ProfilePatch,
    TokenIn,
    TokenOut,
)
from convene.accounts.services import (
    create_token,
    get_account,
    get_me,
    list_accounts,
    list_tokens,
    revoke_token,
    update_account,
    update_profile,
)
from convene.api.pagination import ETAG_HEADERS, Page, PageNumber, PerPage, offset, fresh
from convene.settings import Settings

AnyRequest = Request[Any, Any, Any]


class MeController(Controller):
    path = "/api/me"
    tags = ["Me"]
    guards = [requires_sign_in]

    @get("/", summary="The signed-in account")
    async def me(self, request: AnyRequest) -> MeOut:
        return await get_me(request.user, request.auth)

    @patch("/", summary="Change your own name or phone number")
    async def update_me(self, request: AnyRequest, data: JSONBody[ProfilePatch]) -> MeOut:
        await update_profile(request.user, data)
        return await get_me(request.user, request.auth)

    @get("/tokens", summary="Your personal API tokens (never their secrets)")
    async def tokens(self, request: AnyRequest) -> list[TokenOut]:
        return await list_tokens(request.user)

    @post("/tokens", summary="Create a personal API token; its secret is shown only in this answer")
    async def create_token(self, request: AnyRequest, data: JSONBody[TokenIn]) -> NewTokenOut:
        return await create_token(request.user, data.name)

    @delete("/tokens/{token_id:int}", summary="Revoke one of your tokens")
    async def revoke_token(self, request: AnyRequest, token_id: PathId) -> None:
        await revoke_token(request.user, token_id)


class AccountController(Controller):
    path = "/api/accounts"
    tags = ["Accounts"]
    guards = [requires_sign_in]

    @get(
        "/",
        guards=[requires_secretariat_or_focal_point],
        summary="Accounts you manage: all (secretariat) or your entity's (focal point)",
        response_headers=ETAG_HEADERS,
    )
    async def list_accounts(
        self,
        request: AnyRequest,
        role: Annotated[Role | None, QueryParameter()] = None,
        entity_id: Annotated[int | None, QueryParameter(ge=1, le=MAX_ID)] = None,
        page: PageNumber = 1,
        per_page: PerPage = 50,
    ) -> Response[Page[AccountOut]]:
        items, total = await list_accounts(
            request.user,
            role=role,
            entity_id=entity_id,
            limit=per_page,
            offset=offset(page, per_page),
        )
        return fresh(request, Page(items=items, total=total, page=page, per_page=per_page))

    @get("/{account_id:int}", summary="One account (404 if it is not yours to see)")
    async def get_account(self, request: AnyRequest, account_id: PathId) -> AccountOut:
        return await get_account(request.user, account_id)

    @patch("/{account_id:int}", summary="Change or deactivate an account")
    async def update_account(
        self, request: AnyRequest, account_id: PathId, data: JSONBody[AccountPatch]
    ) -> AccountOut:
        return await update_account(request.user, account_id, data)


class InvitationController(Controller):
    path = "/api/invitations"
    tags = ["Accounts"]
    guards = [requires_secretariat_or_focal_point]

    @post(
        "/", summary="Invite a person by e-mail to set a password (focal points: their delegates)"
    )
    async def invite(
        self, request: AnyRequest, data: JSONBody[InvitationIn], settings: NamedDependency[Settings]
    ) -> InvitationOut:
        invitation = await invite(request.user, data, settings)
        account = await get_account(request.user, invitation.account_id)
        return InvitationOut(account=account, expires_at=invitation.expires_at)
