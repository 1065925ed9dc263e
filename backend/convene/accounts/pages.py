"""The web pages of accounts: sign in, sign out, accept an invitation, reset a password.

Server-rendered forms; each posts back to its own address with the CSRF token
the middleware expects (``_csrf_token``). A form with a mistake is shown again
with the message next to the field and a 400; the sign-in and reset answers
are the same whether or not the address has an account.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromQuery, URLEncodedBody
from litestar.response import Redirect, Template

from convene.accounts.auth import web_session_of
from convene.accounts.cookies import cleared_session_cookie, session_cookie
from convene.accounts.events import AccountActivity
from convene.accounts.links import (
    LinkNotValid,
    Purpose,
    check_link,
    request_password_reset,
    set_password_with_link,
)
from convene.accounts.passwords import MIN_PASSWORD_LENGTH
from convene.accounts.roles import Role
from convene.accounts.services import account_row, account_status
from convene.accounts.sign_in import Outcome, sign_in
from convene.accounts.tables import Account
from convene.accounts.web_sessions import cookie_max_age, end_session, start_session
from convene.db import locked_transaction
from convene.entities.services import short_name_of
from convene.errors import RuleViolation
from convene.events.bus import publish
from convene.form_posts import only_form_posts
from convene.languages import local_path
from convene.settings import Settings
from convene.translation import gettext as _, ngettext

AnyRequest = Request[Any, Any, Any]
Form = URLEncodedBody[dict[str, str]]
AppSettings = NamedDependency[Settings]
HOME = "/account"
NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
PRIVATE = {"skip_request_log": True}
"""Handlers whose URL carries a secret (a link token) are left out of the request log."""


async def page(
    request: AnyRequest,
    name: str,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
    **context: Any,
) -> Template:
    """Render ``name`` with what base.html needs to say who is signed in."""
    return Template(
        template_name=name,
        context={**context, "viewer_entity_name": await _entity_name(request.user)},
        status_code=status_code,
        headers={**NO_STORE, **(headers or {})},
    )


async def _entity_name(user: Any) -> str | None:
    return None if user is None or user.entity is None else await short_name_of(user.entity)


LANDINGS = {Role.SECRETARIAT.value: "/secretariat", Role.FOCAL_POINT.value: "/focal-point"}
"""Where each role's work starts after signing in; a delegate's is their own page."""


def landing(account: Account) -> str:
    """The person's work: the secretariat's desk, a focal point's delegations, a delegate's page."""
    return LANDINGS.get(account.role, "/my")


def _safe_next(target: str | None) -> str:
    """Only a path on this site (see :func:`local_path`); "" for none."""
    return local_path(target, "")


def _client_ip(request: AnyRequest) -> str:
    return request.client.host if request.client else ""


async def _signed_in_redirect(
    request: AnyRequest, account: Account, settings: Settings, target: str
) -> Redirect:
    """Open a new session (ending the browser's old one, if any) and go to ``target``."""
    async with locked_transaction(f"account:{account.id}"):
        if (old := web_session_of(request.scope)) is not None:
            await end_session(old.id)
        key = await start_session(
            account, _client_ip(request), request.headers.get("user-agent", "")
        )
        await publish(
            AccountActivity(actor=account, action="account.signed_in", object_id=account.id)
        )
    return Redirect(
        path=_safe_next(target) or landing(account),
        status_code=303,
        cookies=[session_cookie(settings, key, cookie_max_age())],
        headers=NO_STORE,
    )


def _password_errors(form: Mapping[str, str]) -> dict[str, str]:
    password = form.get("password", "")
    if len(password) < MIN_PASSWORD_LENGTH:
        return {"password": _("Use at least %(count)d characters", count=MIN_PASSWORD_LENGTH)}
    if form.get("password_confirmation", "") != password:
        return {"password_confirmation": _("The two passwords are not the same")}
    return {}


async def _sign_in_again(
    request: AnyRequest, status: int, target: str, email: str, wait: int, failure: str
) -> Template:
    """The form again, saying what went wrong and, when a wait applies, how long it is."""
    headers = {"Retry-After": str(wait)} if wait else {}
    if wait:
        failure += " " + _("Try again in %(wait)s, or reset your password.", wait=_duration(wait))
    return await page(
        request, "accounts/sign_in.html", status, headers,
        next=target, email=email, errors={}, failure=failure,
    )


def _duration(seconds: int) -> str:
    if seconds < 90:
        return ngettext("%(num)d second", "%(num)d seconds", seconds)
    return ngettext("%(num)d minute", "%(num)d minutes", -(-seconds // 60))


class AccountPages(Controller):
    include_in_schema = False
    # Litestar unbinds a hook set on the class (Controller.__init__); mypy sees a method.
    before_request = only_form_posts  # type: ignore[assignment]

    @get("/sign-in")
    async def sign_in_form(
        self, request: AnyRequest, next: FromQuery[str | None] = None
    ) -> Template:
        return await page(
            request, "accounts/sign_in.html", next=_safe_next(next), email="", errors={}
        )

    @post("/sign-in", status_code=200)
    async def sign_in(
        self, request: AnyRequest, data: Form, settings: AppSettings
    ) -> Template | Redirect:
        email, password, target = (
            data.get("email", ""),
            data.get("password", ""),
            _safe_next(data.get("next")),
        )
        errors = {"email": _("Enter your e-mail address")} if not email.strip() else {}
        if not password:
            errors["password"] = _("Enter your password")
        if errors:
            return await page(
                request, "accounts/sign_in.html", 400, next=target, email=email, errors=errors
            )
        result = await sign_in(email, password, _client_ip(request))
        if result.outcome is Outcome.SIGNED_IN and result.account is not None:
            return await _signed_in_redirect(request, result.account, settings, target)
        if result.outcome is Outcome.DELAYED:
            return await _sign_in_again(
                request, 429, target, email, result.retry_after_seconds,
                _("Too many failed attempts from here."),
            )
        return await _sign_in_again(
            request, 400, target, email, result.retry_after_seconds,
            _("The e-mail address or the password is not right."),
        )

    @get("/sign-out")
    async def sign_out_form(self, request: AnyRequest) -> Template:
        return await page(request, "accounts/sign_out.html")

    @post("/sign-out", status_code=303)
    async def sign_out(self, request: AnyRequest, settings: AppSettings) -> Redirect:
        session = web_session_of(request.scope)
        if session is not None:
            async with locked_transaction(f"account:{session.account.id}"):
                await end_session(session.id)
                await publish(
                    AccountActivity(
                        actor=session.account,
                        action="account.signed_out",
                        object_id=session.account.id,
                    )
                )
        return Redirect(
            path="/sign-in", status_code=303, cookies=[cleared_session_cookie(settings)]
        )

    @get("/account")
    async def account(self, request: AnyRequest) -> Template | Redirect:
        if request.user is None:
            return Redirect(path=f"/sign-in?next={HOME}", status_code=303)
        row = await account_row(request.user.id)
        return await page(request, "accounts/account.html", account=row, status=account_status(row))

    # -- invitations ----------------------------------------------------------

    @get("/accept-invitation", opt=PRIVATE)
    async def accept_form(self, request: AnyRequest, token: FromQuery[str] = "") -> Template:
        return await _link_form(request, token, Purpose.INVITATION)

    @post("/accept-invitation", opt=PRIVATE, status_code=200)
    async def accept(
        self, request: AnyRequest, data: Form, settings: AppSettings
    ) -> Template | Redirect:
        return await _use_link(request, data, settings, Purpose.INVITATION)

    # -- password reset -------------------------------------------------------

    @get("/password-reset")
    async def reset_request_form(self, request: AnyRequest) -> Template:
        return await page(request, "accounts/reset_request.html", email="", errors={}, sent=False)

    @post("/password-reset", status_code=200)
    async def reset_request(
        self, request: AnyRequest, data: Form, settings: AppSettings
    ) -> Template:
        email = data.get("email", "")
        try:
            await request_password_reset(email, settings)
        except RuleViolation as error:
            return await page(
                request,
                "accounts/reset_request.html",
                400,
                email=email,
                errors={"email": error.message},
                sent=False,
            )
        return await page(request, "accounts/reset_request.html", email="", errors={}, sent=True)

    @get("/password-reset/confirm", opt=PRIVATE)
    async def reset_form(self, request: AnyRequest, token: FromQuery[str] = "") -> Template:
        return await _link_form(request, token, Purpose.PASSWORD_RESET)

    @post("/password-reset/confirm", opt=PRIVATE, status_code=200)
    async def reset(
        self, request: AnyRequest, data: Form, settings: AppSettings
    ) -> Template | Redirect:
        return await _use_link(request, data, settings, Purpose.PASSWORD_RESET)


LINK_TEMPLATES = {
    Purpose.INVITATION: "accounts/accept_invitation.html",
    Purpose.PASSWORD_RESET: "accounts/reset.html",
}


async def _link_form(request: AnyRequest, token: str, purpose: Purpose) -> Template:
    try:
        account = await check_link(token, purpose)
    except LinkNotValid as error:
        return await page(
            request, "accounts/link_invalid.html", 400, message=error.message, purpose=purpose.value
        )
    return await page(
        request, LINK_TEMPLATES[purpose], token=token, full_name=account.full_name, errors={}
    )


async def _use_link(
    request: AnyRequest, form: Mapping[str, str], settings: Settings, purpose: Purpose
) -> Template | Redirect:
    token = form.get("token", "")
    try:
        account = await check_link(token, purpose)
        if errors := _password_errors(form):
            return await page(
                request,
                LINK_TEMPLATES[purpose],
                400,
                token=token,
                full_name=account.full_name,
                errors=errors,
            )
        account = await set_password_with_link(token, purpose, form["password"])
    except LinkNotValid as error:
        return await page(
            request, "accounts/link_invalid.html", 400, message=error.message, purpose=purpose.value
        )
    return await _signed_in_redirect(request, account, settings, "")
