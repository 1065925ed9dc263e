"""Every route of the app, and what each kind of caller gets from it.

The table below is the app's access policy in one place. Two tests hold it:

- ``test_every_route_has_an_entry``: every (method, path) the app serves must
  have an entry in ``EXPECTATIONS`` (or, for now, be listed in
  ``AWAITING_ENTRIES``), and every entry must name a route that exists. A new
  route without an entry fails here, so access is always decided explicitly.
- ``test_route_answers_each_role_as_expected``: each entry is called once per
  role (a write on a fresh database for each role) and must answer exactly
  the status it lists for that role.

Roles: the secretariat; the focal point of entity A; the focal point of
entity B; a delegate of entity A; the public (not signed in). Signed-in roles
call with their personal API token; the public calls from a browser with the
anonymous CSRF cookie, so a 403 is about access, never a missing CSRF token.

To add a route: add ``("METHOD", "/path/{name:type}"): Case(...)`` to
``EXPECTATIONS``, with ``answers(...)`` for the five roles; name the objects
its path parameters point at in ``params`` (``"@key"`` for ``World.ids[key]``),
and give a valid ``json``/``form`` body (where ``"@key"`` strings also become
ids) so that what is tested is access, not validation. If the objects do not exist yet, add a builder to
``WORLD_BUILDERS`` that creates them and records their ids.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest
from litestar import Litestar
from litestar.routes import HTTPRoute
from litestar.testing import AsyncTestClient

from convene.accounts.roles import Role
from convene.accounts.tables import Account, ApiToken
from convene.accounts.tokens import new_token, token_hash
from convene.app import create_app
from convene.db import current_engine
from convene.entities.tables import Entity
from convene.mail.tables import OutboxMessage
from convene.settings import Settings
from tests.conftest import _empty_tables

ROLES = ("secretariat", "focal_a", "focal_b", "delegate", "public")
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def answers(secretariat: int, focal_a: int, focal_b: int, delegate: int, public: int) -> dict[str, int]:
    """The status each role gets, in the order of ``ROLES``."""
    return dict(zip(ROLES, (secretariat, focal_a, focal_b, delegate, public), strict=True))


def everyone(status: int) -> dict[str, int]:
    return answers(status, status, status, status, status)


@dataclass(frozen=True)
class Case:
    answers: Mapping[str, int]
    params: Mapping[str, str] = field(default_factory=dict)
    """Path parameter -> ``"@key"`` (the id ``World.ids[key]``) or a literal value."""
    json: Any = None
    form: Mapping[str, str] | None = None
    query: Mapping[str, str] | None = None


SIGNED_IN = answers(200, 200, 200, 200, 401)
SECRETARIAT_ONLY = answers(200, 403, 403, 403, 401)
SECRETARIAT_OR_FOCAL = answers(200, 200, 200, 403, 401)

EXPECTATIONS: dict[tuple[str, str], Case] = {
    # -- operations and documentation: public --------------------------------
    ("GET", "/health"): Case(everyone(200)),
    ("GET", "/schema"): Case(everyone(200)),
    ("GET", "/schema/openapi.json"): Case(everyone(200)),
    ("GET", "/schema/openapi.yaml"): Case(everyone(200)),
    ("GET", "/schema/openapi.yml"): Case(everyone(200)),
    ("GET", "/schema/swagger"): Case(everyone(200)),
    ("GET", "/schema/redoc"): Case(everyone(200)),
    ("GET", "/schema/elements"): Case(everyone(200)),
    ("GET", "/schema/rapidoc"): Case(everyone(200)),
    ("GET", "/schema/oauth2-redirect.html"): Case(everyone(200)),
    ("GET", "/schema/{path:str}"): Case(everyone(404), params={"path": "no-such-page"}),
    ("GET", "/static/{file_path:path}"): Case(everyone(200), params={"file_path": "convene.css"}),
    ("HEAD", "/static/{file_path:path}"): Case(everyone(200), params={"file_path": "convene.css"}),
    # -- web pages of accounts: public forms ----------------------------------
    ("GET", "/sign-in"): Case(everyone(200)),
    ("POST", "/sign-in"): Case(everyone(400), form={"email": "", "password": ""}),
    ("GET", "/sign-out"): Case(everyone(200)),
    ("POST", "/sign-out"): Case(everyone(303), form={}),
    ("GET", "/account"): Case(answers(200, 200, 200, 200, 303)),
    ("GET", "/accept-invitation"): Case(everyone(400), query={"token": "not-a-link"}),
    ("POST", "/accept-invitation"): Case(everyone(400), form={"token": "not-a-link", "password": "x" * 12,
                                                              "password_confirmation": "x" * 12}),
    ("GET", "/password-reset"): Case(everyone(200)),
    ("POST", "/password-reset"): Case(everyone(200), form={"email": "nobody@nowhere.example"}),
    ("GET", "/password-reset/confirm"): Case(everyone(400), query={"token": "not-a-link"}),
    ("POST", "/password-reset/confirm"): Case(everyone(400), form={"token": "not-a-link", "password": "x" * 12,
                                                                   "password_confirmation": "x" * 12}),
    # -- the signed-in person -------------------------------------------------
    ("GET", "/api/me"): Case(SIGNED_IN),
    ("PATCH", "/api/me"): Case(SIGNED_IN, json={"phone": "+43 1 26060"}),
    ("GET", "/api/me/tokens"): Case(SIGNED_IN),
    ("POST", "/api/me/tokens"): Case(answers(201, 201, 201, 201, 401), json={"name": "matrix"}),
    # The secretariat's own token: anyone else's answers 404, as if it did not exist.
    ("DELETE", "/api/me/tokens/{token_id:int}"): Case(answers(204, 404, 404, 404, 401),
                                                      params={"token_id": "@secretariat_token"}),
    # -- accounts and invitations ---------------------------------------------
    ("GET", "/api/accounts"): Case(SECRETARIAT_OR_FOCAL),
    # Another delegate of entity A: seen by the secretariat and A's focal point only.
    ("GET", "/api/accounts/{account_id:int}"): Case(answers(200, 200, 404, 404, 401),
                                                    params={"account_id": "@delegate_a2"}),
    ("PATCH", "/api/accounts/{account_id:int}"): Case(answers(200, 200, 404, 404, 401),
                                                      params={"account_id": "@delegate_a2"},
                                                      json={"phone": "+43 1 26060"}),
    ("POST", "/api/invitations"): Case(answers(201, 201, 404, 403, 401),
                                       json={"email": "new.delegate@austria.example", "full_name": "Mr. Jan Novak",
                                             "role": "delegate", "entity_id": "@entity_a"}),
    # -- audit log and outbox: the secretariat's --------------------------------
    ("GET", "/api/audit"): Case(SECRETARIAT_ONLY),
    ("GET", "/api/outbox"): Case(SECRETARIAT_ONLY),
    ("POST", "/api/outbox/{message_id:int}/retry"): Case(SECRETARIAT_ONLY, params={"message_id": "@failed_mail"}),
}

AWAITING_ENTRIES: set[tuple[str, str]] = {
    # Routes of the sessions/agenda/sittings/entities work, in progress when this
    # table was written: move each into EXPECTATIONS (and out of here).
    ("GET", "/api/entities"),
    ("POST", "/api/entities"),
    ("GET", "/api/entities/{entity_id:int}"),
    ("PATCH", "/api/entities/{entity_id:int}"),
    ("GET", "/api/bodies"),
    ("POST", "/api/bodies"),
    ("GET", "/api/bodies/{code:str}"),
    ("PATCH", "/api/bodies/{code:str}"),
    ("GET", "/api/sessions"),
    ("POST", "/api/sessions"),
    ("GET", "/api/sessions/{session_id:int}"),
    ("PATCH", "/api/sessions/{session_id:int}"),
    ("DELETE", "/api/sessions/{session_id:int}"),
    ("GET", "/api/sessions/{session_id:int}/officers"),
    ("POST", "/api/sessions/{session_id:int}/officers"),
    ("PATCH", "/api/officers/{officer_id:int}"),
    ("DELETE", "/api/officers/{officer_id:int}"),
    ("GET", "/api/sessions/{session_id:int}/agenda"),
    ("POST", "/api/sessions/{session_id:int}/agenda/items"),
    ("POST", "/api/sessions/{session_id:int}/agenda/adoption"),
    ("PATCH", "/api/agenda-items/{item_id:int}"),
    ("DELETE", "/api/agenda-items/{item_id:int}"),
    ("POST", "/api/sessions/{session_id:int}/documents"),
    ("PATCH", "/api/documents/{document_id:int}"),
    ("DELETE", "/api/documents/{document_id:int}"),
    ("GET", "/api/sessions/{session_id:int}/sittings"),
    ("POST", "/api/sessions/{session_id:int}/sittings"),
    ("GET", "/api/sittings/{sitting_id:int}"),
    ("PATCH", "/api/sittings/{sitting_id:int}"),
    ("POST", "/api/sittings/{sitting_id:int}/cancellation"),
    ("GET", "/api/sessions/{session_id:int}/delegations"),
    ("POST", "/api/sessions/{session_id:int}/delegations"),
    ("GET", "/api/sessions/{session_id:int}/registrations"),
    ("GET", "/api/sessions/{session_id:int}/registrations.csv"),
    ("GET", "/api/sessions/{session_id:int}/registrations.xlsx"),
    ("POST", "/api/sessions/{session_id:int}/registrations/approval"),
    ("POST", "/api/sessions/{session_id:int}/registrations/rejection"),
    ("GET", "/api/sessions/{session_id:int}/attendees"),
    ("POST", "/api/sessions/{session_id:int}/check-ins"),
    ("GET", "/api/delegations/{delegation_id:int}"),
    ("PATCH", "/api/delegations/{delegation_id:int}"),
    ("POST", "/api/delegations/{delegation_id:int}/registrations"),
    ("GET", "/api/registrations/{registration_id:int}"),
    ("GET", "/api/registrations/{registration_id:int}/history"),
    ("PATCH", "/api/registrations/{registration_id:int}"),
    ("POST", "/api/registrations/{registration_id:int}/mode"),
    ("POST", "/api/registrations/{registration_id:int}/substitution"),
    ("POST", "/api/registrations/{registration_id:int}/cancellation"),
    ("POST", "/api/registrations/{registration_id:int}/approval"),
    ("POST", "/api/registrations/{registration_id:int}/rejection"),
    ("GET", "/api/me/registrations"),
}


# -- the world every case runs in ----------------------------------------------


@dataclass
class World:
    """The people (by role) and objects the cases point at, on a fresh database."""

    app: Litestar
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)


async def _person(world: World, role_key: str, email: str, role: Role, entity: int | None) -> None:
    account = Account(email=email, full_name=email.split("@")[0].title(), role=role.value, entity=entity)
    await account.save()
    secret = new_token()
    token = ApiToken(account=account.id, name="matrix", token_hash=token_hash(secret))
    await token.save()
    world.headers[role_key] = {"Authorization": f"Bearer {secret}"}
    world.ids[role_key] = account.id
    world.ids[f"{role_key}_token"] = token.id


async def build_people(world: World, _client: AsyncTestClient[Litestar]) -> None:
    """Entities A and B, one person per role, another delegate of A, a failed e-mail."""
    async with current_engine().transaction():  # one commit, not twenty: much faster on PostgreSQL
        await _build_people(world)


async def _build_people(world: World) -> None:
    for key, short_name, iso in (("entity_a", "Austria", "AUT"), ("entity_b", "Brazil", "BRA")):
        entity = Entity(short_name=short_name, name=short_name, category="state_party", iso_code=iso)
        await entity.save()
        world.ids[key] = entity.id
    a, b = world.ids["entity_a"], world.ids["entity_b"]
    await _person(world, "secretariat", "officer@unodc.example", Role.SECRETARIAT, None)
    await _person(world, "focal_a", "focal@austria.example", Role.FOCAL_POINT, a)
    await _person(world, "focal_b", "focal@brazil.example", Role.FOCAL_POINT, b)
    await _person(world, "delegate", "delegate@austria.example", Role.DELEGATE, a)
    await _person(world, "delegate_a2", "second.delegate@austria.example", Role.DELEGATE, a)
    mail = OutboxMessage(recipient="x@austria.example", subject="Stuck", text="Text", status="failed", attempts=8)
    await mail.save()
    world.ids["failed_mail"] = mail.id


WORLD_BUILDERS: list[Callable[[World, AsyncTestClient[Litestar]], Awaitable[None]]] = [build_people]
"""Run in order on a fresh database; later builders can use the people the first made."""


def served_routes(app: Litestar) -> set[tuple[str, str]]:
    """(method, path) of every handler, leaving out Litestar's automatic OPTIONS answers.

    Those answer CORS preflights for every path and run no code of ours.
    """
    routes = set()
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for method, (handler, _) in route.route_handler_map.items():
            automatic = method == "OPTIONS" and handler.fn.__module__.startswith("litestar.")
            if not automatic:
                routes.add((method, route.path))
    return routes


def test_every_route_has_an_entry(settings: Settings) -> None:
    served = served_routes(create_app(settings))
    listed = set(EXPECTATIONS) | AWAITING_ENTRIES
    missing = sorted(served - listed)
    stale = sorted(listed - served)
    assert not missing, f"routes with no entry in the access matrix (add them to EXPECTATIONS): {missing}"
    assert not stale, f"entries for routes that no longer exist (remove them): {stale}"
    assert not set(EXPECTATIONS) & AWAITING_ENTRIES, "a route is both expected and awaiting an entry"


def _concrete_path(path: str, params: Mapping[str, str], ids: Mapping[str, int]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        assert name in params, f"{path}: say what {{{name}}} points at in Case.params"
        return str(_resolved(params[name], ids))

    return re.sub(r"\{(\w+)(?::\w+)?\}", value, path)


def _resolved(body: Any, ids: Mapping[str, int]) -> Any:
    """``body`` with every ``"@key"`` string replaced by the id ``ids[key]``."""
    if isinstance(body, dict):
        return {key: _resolved(value, ids) for key, value in body.items()}
    if isinstance(body, list):
        return [_resolved(value, ids) for value in body]
    if isinstance(body, str) and body.startswith("@"):
        assert body[1:] in ids, f"no world object {body!r}: add a WORLD_BUILDERS entry that makes it"
        return ids[body[1:]]
    return body


ROUTES = sorted(EXPECTATIONS)


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
async def test_route_answers_each_role_as_expected(app: Litestar, settings: Settings, method: str, path: str) -> None:
    """Call the route as each role; a write starts each role from a fresh database."""
    case = EXPECTATIONS[(method, path)]
    got: dict[str, int] = {}
    details: dict[str, str] = {}
    world: World | None = None
    async with AsyncTestClient(app=app, base_url="https://convene.test") as client:
        client.follow_redirects = False
        for role in ROLES:
            if world is not None and method in UNSAFE:
                await _empty_tables(settings.database_url)
                world = None
            world = world or await _build_world(app, client)
            client.cookies.clear()
            response = await _call(client, world, case, method, path, role)
            got[role] = response.status_code
            details[role] = response.text[:200]
    wrong = {role: f"expected {case.answers[role]}, got {got[role]}: {details[role]}"
             for role in ROLES if got[role] != case.answers[role]}
    assert not wrong, f"{method} {path}: {wrong}"


async def _build_world(app: Litestar, client: AsyncTestClient[Litestar]) -> World:
    world = World(app=app)
    for build in WORLD_BUILDERS:
        await build(world, client)
    return world


async def _call(
    client: AsyncTestClient[Litestar], world: World, case: Case, method: str, path: str, role: str
) -> Any:
    headers = dict(world.headers.get(role, {}))
    if role == "public" and method in UNSAFE:
        await client.get("/sign-in")  # the anonymous CSRF cookie, as a browser would have
        headers["X-CSRF-Token"] = client.cookies["__Host-convene_csrf"]
    return await client.request(
        method,
        _concrete_path(path, case.params, world.ids),
        headers=headers,
        params=case.query,
        json=_resolved(case.json, world.ids) if case.json is not None else None,
        data=case.form,
    )
