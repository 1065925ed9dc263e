"""Every route of the app, and what each kind of caller gets from it.

The table below is the app's access policy in one place. Two tests hold it:

- ``test_every_route_has_an_entry``: every (method, path) the app serves must
  have an entry in ``EXPECTATIONS`` (or, for now, be listed in
  ``AWAITING_ENTRIES``), and every entry must name a route that exists. A new
  route without an entry fails here, so access is always decided explicitly.
- ``test_route_answers_each_role_as_expected``: each entry is called once per
  role and must answer exactly the status it lists for that role. Every call
  meets the world exactly as built (see below): the cases share it, and any
  call that changed a row (a write that succeeded, a read that issues
  something) has it built afresh for the next.

Roles: the secretariat; the focal point of entity A; the focal point of
entity B; a delegate of entity A; the public (not signed in). Signed-in roles
call with their personal API token; the public calls from a browser with the
anonymous CSRF cookie, so a 403 is about access, never a missing CSRF token.

To add a route: add ``("METHOD", "/path/{name:type}"): Case(...)`` to
``EXPECTATIONS``, with ``answers(...)`` for the five roles; name the objects
its path parameters point at in ``params`` (``"@key"`` for ``World.ids[key]``),
and give a valid ``json``/``form`` body (where ``"@key"`` strings also become
ids) so that what is tested is access, not validation. If the objects do
not exist yet, add a builder to ``WORLD_BUILDERS`` that creates them and
records their ids in ``world.ids``.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from litestar import Litestar
from litestar.routes import ASGIRoute, HTTPRoute
from httpx import AsyncClient
from piccolo.table import Table

from convene.accounts.roles import Role
from convene.accounts.tables import Account, AccountLink, ApiToken
from convene.accounts.tokens import new_token, token_hash
from convene.db import current_engine
from convene.registry import all_tables, app_registry
from convene.entities.tables import Entity
from convene.mail.tables import OutboxMessage
from convene.settings import Settings
from tests.calendar.world import MATRIX_BODY, MATRIX_FEED_TOKEN, build_calendar
from tests.reports.world import build_reports
from tests.web.world import CHECK_IN_BADGE, build_web
from tests.conftest import app_client, emptied, empty_tables, running
from tests.meetings.world import build_meetings
from tests.proposals.world import build_proposals
from tests.presence.matrix_world import PRESENCE_BADGE, PRESENCE_BODY, ZOOM_REPORT, build_presence
from tests.speakers.matrix_world import SPEAKERS_BODY, build_speakers

ROLES = ("secretariat", "focal_a", "focal_b", "delegate", "public")
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def answers(
    secretariat: int, focal_a: int, focal_b: int, delegate: int, public: int
) -> dict[str, int]:
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
    files: Mapping[str, tuple[str, bytes, str]] | None = None
    """A multipart upload: field -> (file name, content, media type)."""


SIGNED_IN = answers(200, 200, 200, 200, 401)
SECRETARIAT_ONLY = answers(200, 403, 403, 403, 401)
SECRETARIAT_OR_FOCAL = answers(200, 200, 200, 403, 401)

# -- web pages (issue 8): the public's, a focal point's, a delegate's, the secretariat's --------
# A page answers the public with a redirect to the sign-in form (303) and a signed-in person
# of the wrong role with a "not open to you" page (403); another entity's delegation is 404.
PAGE_SECRETARIAT = answers(200, 403, 403, 403, 303)
CHANGE_SECRETARIAT = answers(303, 403, 403, 403, 303)
PAGE_DELEGATION = answers(200, 200, 404, 403, 303)
CHANGE_DELEGATION = answers(303, 303, 404, 403, 303)
WEB_SESSION = {"session_id": "@web_session"}
CONFIRMED = {"confirmed": "yes"}
"""A destructive action's form as posted once the person has said yes (see convene.web.confirmation)."""
WEB_SITTING_FORM = {
    "starts_at": "2099-06-15T10:00",
    "ends_at": "2099-06-15T13:00",
    "room": "Room W",
}
WEB_PERSON = {"given_name": "Nina", "family_name": "Novak", "email": "nina.novak@austria.example"}
WEB_SESSION_FORM = {
    "parts-0-body": "WEB-MATRIX",
    "parts-0-kind": "regular",
    "parts-0-number": "3",
    "start_date": "2097-06-14",
    "end_date": "2097-06-18",
    "timezone": "Europe/Vienna",
    "format": "hybrid",
    "status": "draft",
    "symbol_prefix": "CAC/WEB/2097",
}

# -- the sessions, agenda, sittings, entities and delegations API (issues 3 and 5) ------------
# Reading what is published is public; every change is the secretariat's; a delegation is its
# entity's focal point's too (another entity's is 404); a delegate reaches only their own.
CREATED_BY_SECRETARIAT = answers(201, 403, 403, 403, 401)
CHANGED_BY_SECRETARIAT = answers(200, 403, 403, 403, 401)
DELETED_BY_SECRETARIAT = answers(204, 403, 403, 403, 401)
API_SESSION = {"session_id": "@api_session"}
OWN_DELEGATION = {"delegation_id": "@api_delegation"}
OWN_REGISTRATION = {"registration_id": "@api_registration_own"}
API_PERSON = {"given_name": "Lena", "family_name": "Huber", "email": "lena.huber@austria.example"}
API_SESSION_JSON = {
    "parts": [{"body": "API-MATRIX", "number": 9}],
    "start_date": "2099-09-01",
    "end_date": "2099-09-03",
    "timezone": "Europe/Vienna",
    "format": "hybrid",
    "symbol_prefix": "CAC/API/2099/9",
}

API_EXPECTATIONS: dict[tuple[str, str], Case] = {
    ("GET", "/api/entities"): Case(everyone(200)),
    ("GET", "/api/entities/{entity_id:int}"): Case(everyone(200), params={"entity_id": "@entity_a"}),
    ("POST", "/api/entities"): Case(
        CREATED_BY_SECRETARIAT, json={"short_name": "Interpol", "category": "igo"}
    ),
    ("PATCH", "/api/entities/{entity_id:int}"): Case(
        CHANGED_BY_SECRETARIAT, params={"entity_id": "@entity_a"}, json={"name": "Republic of Austria"}
    ),
    ("GET", "/api/bodies"): Case(everyone(200)),
    ("GET", "/api/bodies/{code:str}"): Case(everyone(200), params={"code": "API-MATRIX"}),
    ("POST", "/api/bodies"): Case(
        CREATED_BY_SECRETARIAT,
        json={"code": "EMIC", "name": "Expert Meeting", "short_name": "Experts", "symbol_prefix": "CAC/COSP/EG.1"},
    ),
    ("PATCH", "/api/bodies/{code:str}"): Case(
        CHANGED_BY_SECRETARIAT, params={"code": "API-MATRIX"}, json={"short_name": "Matrix"}
    ),
    ("GET", "/api/sessions"): Case(everyone(200)),
    ("POST", "/api/sessions"): Case(CREATED_BY_SECRETARIAT, json=API_SESSION_JSON),
    ("GET", "/api/sessions/{session_id:int}"): Case(everyone(200), params=API_SESSION),
    ("PATCH", "/api/sessions/{session_id:int}"): Case(
        CHANGED_BY_SECRETARIAT, params=API_SESSION, json={"room_capacity": 150}
    ),
    ("DELETE", "/api/sessions/{session_id:int}"): Case(
        DELETED_BY_SECRETARIAT, params={"session_id": "@api_draft"}
    ),
    ("GET", "/api/sessions/{session_id:int}/officers"): Case(everyone(200), params=API_SESSION),
    ("POST", "/api/sessions/{session_id:int}/officers"): Case(
        CREATED_BY_SECRETARIAT, params=API_SESSION, json={"role": "chair", "name": "Ms. Chair"}
    ),
    ("PATCH", "/api/officers/{officer_id:int}"): Case(
        CHANGED_BY_SECRETARIAT, params={"officer_id": "@api_officer"}, json={"name": "Mr. R. Apporteur"}
    ),
    ("DELETE", "/api/officers/{officer_id:int}"): Case(
        DELETED_BY_SECRETARIAT, params={"officer_id": "@api_officer"}
    ),
    ("GET", "/api/sessions/{session_id:int}/agenda"): Case(everyone(200), params=API_SESSION),
    ("POST", "/api/sessions/{session_id:int}/agenda/items"): Case(
        CREATED_BY_SECRETARIAT, params=API_SESSION, json={"title": "Other matters"}
    ),
    ("POST", "/api/sessions/{session_id:int}/agenda/adoption"): Case(
        CREATED_BY_SECRETARIAT, params=API_SESSION, json={"adopted_on": "2099-03-02"}
    ),
    ("PATCH", "/api/agenda-items/{item_id:int}"): Case(
        CHANGED_BY_SECRETARIAT, params={"item_id": "@api_item"}, json={"title": "Organization of work"}
    ),
    ("DELETE", "/api/agenda-items/{item_id:int}"): Case(
        CHANGED_BY_SECRETARIAT, params={"item_id": "@api_item"}
    ),
    ("POST", "/api/sessions/{session_id:int}/documents"): Case(
        CREATED_BY_SECRETARIAT, params=API_SESSION, json={"symbol": "CAC/API/2099/CRP.1", "title": "Paper"}
    ),
    ("PATCH", "/api/documents/{document_id:int}"): Case(
        CHANGED_BY_SECRETARIAT, params={"document_id": "@api_document"}, json={"title": "Provisional agenda"}
    ),
    ("DELETE", "/api/documents/{document_id:int}"): Case(
        DELETED_BY_SECRETARIAT, params={"document_id": "@api_document"}
    ),
    ("GET", "/api/sessions/{session_id:int}/sittings"): Case(everyone(200), params=API_SESSION),
    ("POST", "/api/sessions/{session_id:int}/sittings"): Case(
        CREATED_BY_SECRETARIAT,
        params=API_SESSION,
        json={"starts_at": "2099-03-03T10:00", "ends_at": "2099-03-03T13:00", "room": "Room A"},
    ),
    ("GET", "/api/sittings/{sitting_id:int}"): Case(everyone(200), params={"sitting_id": "@api_sitting"}),
    ("PATCH", "/api/sittings/{sitting_id:int}"): Case(
        CHANGED_BY_SECRETARIAT, params={"sitting_id": "@api_sitting"}, json={"room": "Room B"}
    ),
    ("POST", "/api/sittings/{sitting_id:int}/cancellation"): Case(
        CREATED_BY_SECRETARIAT, params={"sitting_id": "@api_sitting"}
    ),
    ("GET", "/api/sessions/{session_id:int}/delegations"): Case(SECRETARIAT_OR_FOCAL, params=API_SESSION),
    ("POST", "/api/sessions/{session_id:int}/delegations"): Case(
        answers(201, 201, 201, 403, 401),
        params={"session_id": "@api_session_unopened"},
        json={"entity_id": "@entity_b"},
    ),
    ("GET", "/api/sessions/{session_id:int}/registrations"): Case(SECRETARIAT_ONLY, params=API_SESSION),
    ("GET", "/api/sessions/{session_id:int}/registrations.csv"): Case(SECRETARIAT_ONLY, params=API_SESSION),
    ("GET", "/api/sessions/{session_id:int}/registrations.xlsx"): Case(SECRETARIAT_ONLY, params=API_SESSION),
    ("POST", "/api/sessions/{session_id:int}/registrations/approval"): Case(
        CHANGED_BY_SECRETARIAT, params=API_SESSION, json={"registration_ids": ["@api_registration_other"]}
    ),
    ("POST", "/api/sessions/{session_id:int}/registrations/rejection"): Case(
        CHANGED_BY_SECRETARIAT,
        params=API_SESSION,
        json={"registration_ids": ["@api_registration_other"], "reason": "Duplicate"},
    ),
    ("GET", "/api/sessions/{session_id:int}/attendees"): Case(
        SECRETARIAT_ONLY, params=API_SESSION, query={"q": "Novak"}
    ),
    ("POST", "/api/sessions/{session_id:int}/check-ins"): Case(
        CHANGED_BY_SECRETARIAT, params=API_SESSION, json={"registration_id": "@api_registration_approved"}
    ),
    # Live updates stream until their timeout: a short one, so the secretariat's answer ends.
    ("GET", "/api/sessions/{session_id:int}/events"): Case(
        SECRETARIAT_ONLY, params=API_SESSION, query={"timeout": "0.1"}
    ),
    ("GET", "/api/delegations/{delegation_id:int}"): Case(
        answers(200, 200, 404, 403, 401), params=OWN_DELEGATION
    ),
    ("PATCH", "/api/delegations/{delegation_id:int}"): Case(
        answers(200, 200, 404, 403, 401), params=OWN_DELEGATION, json={"credentials_reference": "NV/2099/4"}
    ),
    ("POST", "/api/delegations/{delegation_id:int}/registrations"): Case(
        answers(201, 201, 404, 403, 401), params=OWN_DELEGATION, json={**API_PERSON, "mode": "online_listening"}
    ),
    ("GET", "/api/registrations/{registration_id:int}"): Case(
        answers(200, 200, 404, 200, 401), params=OWN_REGISTRATION
    ),
    ("GET", "/api/registrations/{registration_id:int}/history"): Case(
        answers(200, 200, 404, 200, 401), params=OWN_REGISTRATION
    ),
    ("PATCH", "/api/registrations/{registration_id:int}"): Case(
        answers(200, 200, 404, 404, 401), params=OWN_REGISTRATION, json={"function": "Counsellor"}
    ),
    ("POST", "/api/registrations/{registration_id:int}/mode"): Case(
        answers(200, 200, 404, 404, 401), params=OWN_REGISTRATION, json={"mode": "online_listening"}
    ),
    ("POST", "/api/registrations/{registration_id:int}/substitution"): Case(
        answers(200, 200, 404, 404, 401), params=OWN_REGISTRATION, json=API_PERSON
    ),
    ("POST", "/api/registrations/{registration_id:int}/cancellation"): Case(
        answers(200, 200, 404, 200, 401), params=OWN_REGISTRATION
    ),
    ("POST", "/api/registrations/{registration_id:int}/approval"): Case(
        CHANGED_BY_SECRETARIAT, params=OWN_REGISTRATION
    ),
    ("POST", "/api/registrations/{registration_id:int}/rejection"): Case(
        CHANGED_BY_SECRETARIAT, params=OWN_REGISTRATION, json={"reason": "Duplicate"}
    ),
    ("POST", "/api/registrations/{registration_id:int}/reopening"): Case(
        CHANGED_BY_SECRETARIAT, params={"registration_id": "@web_registration_rejected"}
    ),
    ("GET", "/api/me/registrations"): Case(SIGNED_IN),
}

# -- proposals (issue 16): issued ones are everyone's; a draft is the secretariat's and its sponsors'
# (entity A's focal point and delegate); focal points change their own State's sponsorship only. ------
DRAFT_PROPOSAL = {"proposal_id": "@matrix_draft"}
ISSUED_PROPOSAL = {"proposal_id": "@matrix_issued"}
SEEN_BY_SPONSORS = answers(200, 200, 404, 200, 404)
PROPOSAL_EXPECTATIONS: dict[tuple[str, str], Case] = {
    ("GET", "/api/sessions/{session_id:int}/proposals"): Case(everyone(200), params=API_SESSION),
    ("POST", "/api/sessions/{session_id:int}/proposals"): Case(
        CREATED_BY_SECRETARIAT, params=API_SESSION, json={"kind": "decision", "title": "Venue of the next session"}
    ),
    ("POST", "/api/proposal-texts/split"): Case(
        answers(200, 403, 403, 403, 401), json={"plain_text": "Urges States parties to act."}
    ),
    ("GET", "/api/proposals/{proposal_id:int}"): Case(SEEN_BY_SPONSORS, params=DRAFT_PROPOSAL),
    ("PATCH", "/api/proposals/{proposal_id:int}"): Case(
        CHANGED_BY_SECRETARIAT, params=DRAFT_PROPOSAL, json={"title": "Matrix renamed"}
    ),
    ("PUT", "/api/proposals/{proposal_id:int}/text"): Case(
        CHANGED_BY_SECRETARIAT, params=DRAFT_PROPOSAL, json={"plain_text": "Urges States parties to act."}
    ),
    ("POST", "/api/proposals/{proposal_id:int}/issue"): Case(
        CREATED_BY_SECRETARIAT, params=DRAFT_PROPOSAL, json={"issued_on": "2099-03-02"}
    ),
    ("POST", "/api/proposals/{proposal_id:int}/revisions"): Case(CREATED_BY_SECRETARIAT, params=ISSUED_PROPOSAL),
    ("GET", "/api/proposals/{proposal_id:int}/changes"): Case(everyone(200), params=ISSUED_PROPOSAL),
    ("POST", "/api/proposals/{proposal_id:int}/sponsors"): Case(
        answers(201, 201, 403, 403, 401), params=ISSUED_PROPOSAL, json={"entity_id": "@entity_a"}
    ),
    ("DELETE", "/api/proposals/{proposal_id:int}/sponsors/{entity_id:int}"): Case(
        answers(204, 403, 204, 403, 401), params={**ISSUED_PROPOSAL, "entity_id": "@entity_b"}
    ),
    ("POST", "/api/proposals/{proposal_id:int}/action"): Case(
        CREATED_BY_SECRETARIAT, params=ISSUED_PROPOSAL, json={"outcome": "adopted", "acted_on": "2099-03-04"}
    ),
    ("GET", "/api/proposals/{proposal_id:int}/document.pdf"): Case(SEEN_BY_SPONSORS, params=DRAFT_PROPOSAL),
    ("GET", "/api/proposals/{proposal_id:int}/adopted.pdf"): Case(
        everyone(200), params={"proposal_id": "@matrix_adopted"}
    ),
    # Pages: a draft is "Not found" to others; a focal point joins for their own State (B already sponsors).
    ("GET", "/sessions/{session_id:int}/proposals"): Case(everyone(200), params=API_SESSION),
    ("GET", "/proposals/{proposal_id:int}"): Case(SEEN_BY_SPONSORS, params=DRAFT_PROPOSAL),
    ("POST", "/proposals/{proposal_id:int}/sponsorship"): Case(
        answers(403, 303, 409, 403, 303), params=ISSUED_PROPOSAL, form={"action": "join"}
    ),
    # The secretariat's proposal desk.
    ("GET", "/secretariat/sessions/{session_id:int}/proposals"): Case(PAGE_SECRETARIAT, params=API_SESSION),
    ("POST", "/secretariat/sessions/{session_id:int}/proposals"): Case(
        CHANGE_SECRETARIAT, params=API_SESSION, form={"kind": "decision", "title": "Venue of the next session"}
    ),
    ("GET", "/secretariat/proposals/{proposal_id:int}"): Case(PAGE_SECRETARIAT, params=DRAFT_PROPOSAL),
    ("POST", "/secretariat/proposals/{proposal_id:int}/text"): Case(
        CHANGE_SECRETARIAT, params=DRAFT_PROPOSAL, form={"plain_text": "Urges States parties to act."}
    ),
    ("POST", "/secretariat/proposals/{proposal_id:int}/issue"): Case(
        CHANGE_SECRETARIAT, params=DRAFT_PROPOSAL, form={"issued_on": "2099-03-02"}
    ),
    ("POST", "/secretariat/proposals/{proposal_id:int}/revisions"): Case(
        CHANGE_SECRETARIAT, params=ISSUED_PROPOSAL, form={}
    ),
    ("POST", "/secretariat/proposals/{proposal_id:int}/deadline"): Case(
        CHANGE_SECRETARIAT, params=ISSUED_PROPOSAL, form={"sponsorship_deadline": "2099-03-05T18:00"}
    ),
    ("POST", "/secretariat/proposals/{proposal_id:int}/action"): Case(
        CHANGE_SECRETARIAT, params=ISSUED_PROPOSAL, form={"outcome": "adopted", "acted_on": "2099-03-04"}
    ),
}

WEB_EXPECTATIONS: dict[tuple[str, str], Case] = {
    ("GET", "/"): Case(everyone(200)),
    ("GET", "/sessions/{session_id:int}"): Case(everyone(200), params=WEB_SESSION),
    ("GET", "/focal-point"): Case(answers(403, 200, 200, 403, 303)),
    ("POST", "/focal-point/sessions/{session_id:int}/delegation"): Case(
        answers(403, 303, 303, 403, 303),
        params={"session_id": "@web_session_unopened"},
        form={"credentials_reference": "Note verbale NV/2098/1"},
    ),
    ("GET", "/delegations/{delegation_id:int}"): Case(
        PAGE_DELEGATION, params={"delegation_id": "@web_delegation"}
    ),
    ("POST", "/delegations/{delegation_id:int}"): Case(
        CHANGE_DELEGATION,
        params={"delegation_id": "@web_delegation"},
        form={"credentials_reference": "Note verbale NV/2099/7"},
    ),
    ("POST", "/delegations/{delegation_id:int}/registrations"): Case(
        CHANGE_DELEGATION,
        params={"delegation_id": "@web_delegation"},
        form={**WEB_PERSON, "mode": "online_listening"},
    ),
    ("GET", "/registrations/{registration_id:int}"): Case(
        PAGE_DELEGATION, params={"registration_id": "@web_registration"}
    ),
    ("POST", "/registrations/{registration_id:int}"): Case(
        CHANGE_DELEGATION,
        params={"registration_id": "@web_registration"},
        form={
            "given_name": "Dana",
            "family_name": "Delegate",
            "email": "delegate@austria.example",
            "function": "Adviser",
        },
    ),
    ("POST", "/registrations/{registration_id:int}/mode"): Case(
        CHANGE_DELEGATION,
        params={"registration_id": "@web_registration"},
        form={"mode": "online_listening"},
    ),
    ("POST", "/registrations/{registration_id:int}/substitution"): Case(
        CHANGE_DELEGATION, params={"registration_id": "@web_registration"}, form=WEB_PERSON
    ),
    ("POST", "/registrations/{registration_id:int}/cancellation"): Case(
        CHANGE_DELEGATION, params={"registration_id": "@web_registration"}, form=CONFIRMED
    ),
    ("POST", "/registrations/{registration_id:int}/reopening"): Case(
        CHANGE_SECRETARIAT, params={"registration_id": "@web_registration_rejected"}, form={}
    ),
    ("GET", "/my"): Case(answers(200, 200, 200, 200, 303)),
    ("POST", "/my/calendar-link/rotation"): Case(everyone(303), form=CONFIRMED),
    ("GET", "/people/invitations"): Case(answers(200, 200, 200, 403, 303)),
    ("POST", "/people/invitations"): Case(
        answers(303, 303, 404, 403, 303),
        form={
            "full_name": "Mr. Karl Neu",
            "email": "karl.neu@austria.example",
            "role": "delegate",
            "entity_id": "@entity_a",
        },
    ),
    ("POST", "/people/invitations/{account_id:int}/resending"): Case(
        answers(303, 303, 404, 403, 303), params={"account_id": "@invited_delegate"}, form={}
    ),
    ("POST", "/people/invitations/{account_id:int}/revocation"): Case(
        answers(303, 303, 404, 403, 303), params={"account_id": "@invited_delegate"}, form=CONFIRMED
    ),
    ("GET", "/secretariat/outbox"): Case(PAGE_SECRETARIAT),
    ("POST", "/secretariat/outbox/{message_id:int}/retry"): Case(
        CHANGE_SECRETARIAT, params={"message_id": "@failed_mail"}, form={}
    ),
    ("GET", "/secretariat"): Case(PAGE_SECRETARIAT),
    ("GET", "/secretariat/audit"): Case(PAGE_SECRETARIAT),
    ("GET", "/secretariat/sessions/new"): Case(PAGE_SECRETARIAT),
    ("POST", "/secretariat/sessions"): Case(CHANGE_SECRETARIAT, form=WEB_SESSION_FORM),
    ("GET", "/secretariat/sessions/{session_id:int}"): Case(PAGE_SECRETARIAT, params=WEB_SESSION),
    ("POST", "/secretariat/sessions/{session_id:int}"): Case(
        CHANGE_SECRETARIAT,
        params=WEB_SESSION,
        form={
            **WEB_SESSION_FORM,
            "parts-0-number": "1",
            "start_date": "2099-06-14",
            "end_date": "2099-06-18",
            "status": "scheduled",
            "symbol_prefix": "CAC/WEB/2099",
        },
    ),
    ("POST", "/secretariat/sessions/{session_id:int}/registration-opening"): Case(
        CHANGE_SECRETARIAT, params=WEB_SESSION, form={}
    ),
    ("GET", "/secretariat/sessions/{session_id:int}/agenda"): Case(
        PAGE_SECRETARIAT, params=WEB_SESSION
    ),
    ("POST", "/secretariat/sessions/{session_id:int}/agenda/items"): Case(
        CHANGE_SECRETARIAT, params=WEB_SESSION, form={"title": "Other matters"}
    ),
    ("POST", "/secretariat/sessions/{session_id:int}/agenda/adoption"): Case(
        CHANGE_SECRETARIAT, params=WEB_SESSION, form={"adopted_on": "2099-06-14"}
    ),
    ("POST", "/secretariat/sessions/{session_id:int}/documents"): Case(
        CHANGE_SECRETARIAT, params=WEB_SESSION, form={"symbol": "CAC/WEB/2099/2", "title": "Report"}
    ),
    ("POST", "/secretariat/agenda-items/{item_id:int}"): Case(
        CHANGE_SECRETARIAT, params={"item_id": "@web_item"}, form={"title": "Opening"}
    ),
    ("POST", "/secretariat/agenda-items/{item_id:int}/position"): Case(
        CHANGE_SECRETARIAT, params={"item_id": "@web_item"}, form={"position": "2"}
    ),
    ("POST", "/secretariat/agenda-items/{item_id:int}/removal"): Case(
        CHANGE_SECRETARIAT, params={"item_id": "@web_item"}, form=CONFIRMED
    ),
    ("POST", "/secretariat/documents/{document_id:int}/removal"): Case(
        CHANGE_SECRETARIAT, params={"document_id": "@web_document"}, form=CONFIRMED
    ),
    ("GET", "/secretariat/sessions/{session_id:int}/sittings"): Case(
        PAGE_SECRETARIAT, params=WEB_SESSION
    ),
    ("POST", "/secretariat/sessions/{session_id:int}/sittings"): Case(
        CHANGE_SECRETARIAT, params=WEB_SESSION, form=WEB_SITTING_FORM
    ),
    ("POST", "/secretariat/sittings/{sitting_id:int}"): Case(
        CHANGE_SECRETARIAT, params={"sitting_id": "@web_sitting"}, form=WEB_SITTING_FORM
    ),
    ("POST", "/secretariat/sittings/{sitting_id:int}/cancellation"): Case(
        CHANGE_SECRETARIAT, params={"sitting_id": "@web_sitting"}, form=CONFIRMED
    ),
    ("GET", "/secretariat/sessions/{session_id:int}/officers"): Case(
        PAGE_SECRETARIAT, params=WEB_SESSION
    ),
    ("POST", "/secretariat/sessions/{session_id:int}/officers"): Case(
        CHANGE_SECRETARIAT,
        params=WEB_SESSION,
        form={"role": "rapporteur", "name": "Mr. Rapporteur"},
    ),
    ("POST", "/secretariat/officers/{officer_id:int}/removal"): Case(
        CHANGE_SECRETARIAT, params={"officer_id": "@web_officer"}, form=CONFIRMED
    ),
    ("GET", "/secretariat/sessions/{session_id:int}/registrations"): Case(
        PAGE_SECRETARIAT, params=WEB_SESSION
    ),
    ("POST", "/secretariat/sessions/{session_id:int}/registrations/decisions"): Case(
        CHANGE_SECRETARIAT,
        params=WEB_SESSION,
        form={"registration_ids": "@web_registration", "decision": "approve"},
    ),
    ("POST", "/secretariat/sessions/{session_id:int}/delegations"): Case(
        CHANGE_SECRETARIAT, params=WEB_SESSION, form={"entity_id": "@entity_b"}
    ),
    ("GET", "/secretariat/sessions/{session_id:int}/entities"): Case(
        PAGE_SECRETARIAT, params=WEB_SESSION
    ),
    ("GET", "/secretariat/sessions/{session_id:int}/check-in"): Case(
        PAGE_SECRETARIAT, params=WEB_SESSION
    ),
    ("POST", "/secretariat/sessions/{session_id:int}/check-in"): Case(
        answers(200, 403, 403, 403, 303), params=WEB_SESSION, form={"badge_code": CHECK_IN_BADGE}
    ),
    ("GET", "/secretariat/sessions/{session_id:int}/reports"): Case(
        PAGE_SECRETARIAT, params=WEB_SESSION
    ),
    ("POST", "/secretariat/sessions/{session_id:int}/reports/{kind:str}"): Case(
        answers(200, 403, 403, 403, 303), params={**WEB_SESSION, "kind": "agenda"}, form={}
    ),
}

# -- hybrid sittings (issue 14): the door, the live picture and the records are the secretariat's;
# a focal point plans their own delegation's seats; a personal join link is its own credential.
PRESENCE_SITTING = {"sitting_id": "@presence_sitting"}
PRESENCE_TOKEN = {"token": "@presence_token"}
SPEAKERS_LIST = {"list_id": "@speakers_list"}
SPEAKERS_ENTRY = {**SPEAKERS_LIST, "entry_id": "@speakers_waiting"}
SPEAKERS_SESSION = {"session_id": "@presence_session"}
SPEAKERS_VERSION = {"version": 1}
PRESENCE_SCAN = {"badge_code": PRESENCE_BADGE, "direction": "in", "idempotency_key": "matrix-scan-0001"}
PRESENCE_EXPECTATIONS: dict[tuple[str, str], Case] = {
    ("POST", "/api/sittings/{sitting_id:int}/door/scans"): Case(
        CHANGED_BY_SECRETARIAT, params=PRESENCE_SITTING, json=PRESENCE_SCAN
    ),
    ("POST", "/api/sittings/{sitting_id:int}/door/scans/batch"): Case(
        CHANGED_BY_SECRETARIAT, params=PRESENCE_SITTING, json={"scans": [PRESENCE_SCAN]}
    ),
    ("GET", "/api/sittings/{sitting_id:int}/presence"): Case(SECRETARIAT_ONLY, params=PRESENCE_SITTING),
    ("GET", "/api/sittings/{sitting_id:int}/attendance.csv"): Case(SECRETARIAT_ONLY, params=PRESENCE_SITTING),
    ("GET", "/api/sittings/{sitting_id:int}/attendance.xlsx"): Case(SECRETARIAT_ONLY, params=PRESENCE_SITTING),
    ("POST", "/api/sittings/{sitting_id:int}/online-report"): Case(
        CHANGED_BY_SECRETARIAT, params=PRESENCE_SITTING, files={"file": ("report.csv", ZOOM_REPORT, "text/csv")}
    ),
    ("POST", "/api/sittings/{sitting_id:int}/online-presence"): Case(
        CHANGED_BY_SECRETARIAT, params=PRESENCE_SITTING, json={"registration_id": "@presence_online"}
    ),
    ("PUT", "/api/sittings/{sitting_id:int}/delegations/{delegation_id:int}/seat-plan"): Case(
        answers(200, 200, 404, 403, 401),
        params={**PRESENCE_SITTING, "delegation_id": "@presence_delegation"},
        json={"registration_ids": ["@presence_badge_holder"]},
    ),
    ("GET", "/api/sessions/{session_id:int}/hybrid-setup"): Case(
        SECRETARIAT_ONLY, params={"session_id": "@presence_session"}
    ),
    ("PATCH", "/api/sessions/{session_id:int}/hybrid-setup"): Case(
        CHANGED_BY_SECRETARIAT, params={"session_id": "@presence_session"}, json={"seats_at_table": 3}
    ),
    ("PUT", "/api/delegations/{delegation_id:int}/seats"): Case(
        CHANGED_BY_SECRETARIAT, params={"delegation_id": "@presence_delegation"}, json={"seats_at_table": 1}
    ),
    ("GET", "/api/bodies/{code:str}/quorum"): Case(SIGNED_IN, params={"code": PRESENCE_BODY}),
    ("PUT", "/api/bodies/{code:str}/quorum"): Case(
        CHANGED_BY_SECRETARIAT,
        params={"code": PRESENCE_BODY},
        json={"opening_numerator": 1, "opening_denominator": 2, "decision_numerator": 1, "decision_denominator": 2},
    ),
    # A focal point prints their own delegation's badges (``?delegation_id=``), not the session's.
    ("GET", "/api/sessions/{session_id:int}/badges.pdf"): Case(
        SECRETARIAT_ONLY, params={"session_id": "@presence_session"}
    ),
    ("GET", "/api/registrations/{registration_id:int}/join-links"): Case(
        answers(200, 200, 404, 200, 401), params={"registration_id": "@presence_online"}
    ),
    ("POST", "/api/join/{token:str}"): Case(everyone(200), params=PRESENCE_TOKEN),
    ("POST", "/api/join/{token:str}/heartbeat"): Case(everyone(200), params=PRESENCE_TOKEN),
    ("POST", "/api/join/{token:str}/leave"): Case(everyone(200), params=PRESENCE_TOKEN),
    ("GET", "/join/{token:str}"): Case(everyone(200), params=PRESENCE_TOKEN),
    ("POST", "/join/{token:str}/leave"): Case(everyone(200), params=PRESENCE_TOKEN, form={}),
    ("GET", "/secretariat/sittings/{sitting_id:int}/door"): Case(PAGE_SECRETARIAT, params=PRESENCE_SITTING),
    ("POST", "/secretariat/sittings/{sitting_id:int}/door"): Case(
        answers(200, 403, 403, 403, 303), params=PRESENCE_SITTING, form=PRESENCE_SCAN
    ),
    ("GET", "/secretariat/sittings/{sitting_id:int}/presence"): Case(PAGE_SECRETARIAT, params=PRESENCE_SITTING),
    ("GET", "/delegations/{delegation_id:int}/seat-plan"): Case(
        PAGE_DELEGATION, params={"delegation_id": "@presence_delegation"}
    ),
    ("POST", "/delegations/{delegation_id:int}/seat-plan/{sitting_id:int}"): Case(
        CHANGE_DELEGATION,
        params={"delegation_id": "@presence_delegation", **PRESENCE_SITTING},
        form={"registration_ids": "@presence_badge_holder"},
    ),
    # -- the list of speakers (issue 15): public list, display and record; the chair's acts the
    # secretariat's; delegates through their own sitting link; statements before delivery the
    # secretariat's (and interpreters', a role outside this matrix) ---------------------------
    ("GET", "/api/sittings/{sitting_id:int}/speaker-lists"): Case(everyone(200), params=PRESENCE_SITTING),
    ("POST", "/api/sittings/{sitting_id:int}/speaker-lists"): Case(
        CHANGED_BY_SECRETARIAT, params=PRESENCE_SITTING, json={"agenda_item_id": "@speakers_item"}
    ),
    ("POST", "/api/sittings/{sitting_id:int}/sound-checks"): Case(
        CHANGED_BY_SECRETARIAT, params=PRESENCE_SITTING, json={"registration_id": "@presence_online"}
    ),
    ("GET", "/api/speaker-lists/{list_id:int}"): Case(everyone(200), params=SPEAKERS_LIST),
    ("GET", "/api/speaker-lists/{list_id:int}/events"): Case(
        everyone(200), params=SPEAKERS_LIST, query={"timeout": "0.1"}
    ),
    ("GET", "/api/speaker-lists/{list_id:int}/console"): Case(SECRETARIAT_ONLY, params=SPEAKERS_LIST),
    ("GET", "/api/speaker-lists/{list_id:int}/statements"): Case(SECRETARIAT_ONLY, params=SPEAKERS_LIST),
    ("POST", "/api/speaker-lists/{list_id:int}/entries"): Case(
        answers(201, 201, 404, 403, 401),
        params=SPEAKERS_LIST,
        json={"delegation_id": "@presence_delegation", "kind": "point_of_order"},
    ),
    ("POST", "/api/speaker-lists/{list_id:int}/call"): Case(
        CHANGED_BY_SECRETARIAT, params=SPEAKERS_LIST, json=SPEAKERS_VERSION
    ),
    ("POST", "/api/speaker-lists/{list_id:int}/timer"): Case(
        CHANGED_BY_SECRETARIAT, params=SPEAKERS_LIST, json={**SPEAKERS_VERSION, "action": "start"}
    ),
    ("POST", "/api/speaker-lists/{list_id:int}/skip"): Case(
        CHANGED_BY_SECRETARIAT, params=SPEAKERS_LIST, json=SPEAKERS_VERSION
    ),
    ("POST", "/api/speaker-lists/{list_id:int}/closing"): Case(
        CHANGED_BY_SECRETARIAT, params=SPEAKERS_LIST, json=SPEAKERS_VERSION
    ),
    ("POST", "/api/speaker-lists/{list_id:int}/reopening"): Case(
        CHANGED_BY_SECRETARIAT, params=SPEAKERS_LIST, json=SPEAKERS_VERSION
    ),
    ("POST", "/api/speaker-lists/{list_id:int}/entries/{entry_id:int}/position"): Case(
        CHANGED_BY_SECRETARIAT, params=SPEAKERS_ENTRY, json={**SPEAKERS_VERSION, "position": 1}
    ),
    ("POST", "/api/speaker-lists/{list_id:int}/entries/{entry_id:int}/withdrawal"): Case(
        CHANGED_BY_SECRETARIAT, params=SPEAKERS_ENTRY, json=SPEAKERS_VERSION
    ),
    ("GET", "/api/floor/{token:str}"): Case(everyone(200), params=PRESENCE_TOKEN),
    ("POST", "/api/floor/{token:str}/requests"): Case(
        everyone(201), params=PRESENCE_TOKEN, json={"kind": "explanation"}
    ),
    ("POST", "/api/floor/{token:str}/requests/{entry_id:int}/withdrawal"): Case(
        everyone(200), params={**PRESENCE_TOKEN, "entry_id": "@speakers_waiting"}
    ),
    ("PUT", "/api/floor/{token:str}/requests/{entry_id:int}/statement"): Case(
        everyone(200),
        params={**PRESENCE_TOKEN, "entry_id": "@speakers_waiting"},
        json={"text": "Mr. Chair, ..."},
    ),
    ("GET", "/api/speaker-entries/{entry_id:int}/statement"): Case(
        answers(200, 404, 404, 404, 404), params={"entry_id": "@speakers_waiting"}
    ),
    ("GET", "/api/bodies/{code:str}/speaking-times"): Case(everyone(200), params={"code": SPEAKERS_BODY}),
    ("PUT", "/api/bodies/{code:str}/speaking-times"): Case(
        CHANGED_BY_SECRETARIAT, params={"code": SPEAKERS_BODY}, json={"statement": 240}
    ),
    ("GET", "/api/agenda-items/{item_id:int}/speaking-times"): Case(
        everyone(200), params={"item_id": "@speakers_item"}
    ),
    ("PUT", "/api/agenda-items/{item_id:int}/speaking-times"): Case(
        CHANGED_BY_SECRETARIAT, params={"item_id": "@speakers_item"}, json={"statement": 240}
    ),
    ("GET", "/api/sessions/{session_id:int}/speakers"): Case(everyone(200), params=SPEAKERS_SESSION),
    ("GET", "/api/sessions/{session_id:int}/speakers/report-paragraphs"): Case(
        everyone(200), params=SPEAKERS_SESSION
    ),
    ("GET", "/api/sessions/{session_id:int}/speakers/record.csv"): Case(everyone(200), params=SPEAKERS_SESSION),
    ("GET", "/api/sessions/{session_id:int}/speakers/record.xlsx"): Case(everyone(200), params=SPEAKERS_SESSION),
    ("GET", "/secretariat/sittings/{sitting_id:int}/speakers"): Case(PAGE_SECRETARIAT, params=PRESENCE_SITTING),
    ("POST", "/secretariat/sittings/{sitting_id:int}/speakers"): Case(
        CHANGE_SECRETARIAT, params=PRESENCE_SITTING, form={"agenda_item_id": "@speakers_item"}
    ),
    ("GET", "/secretariat/speakers/{list_id:int}"): Case(PAGE_SECRETARIAT, params=SPEAKERS_LIST),
    ("POST", "/secretariat/speakers/{list_id:int}/{act:str}"): Case(
        answers(200, 403, 403, 403, 303), params={**SPEAKERS_LIST, "act": "close"}, form={"version": "1"}
    ),
    ("GET", "/speakers/{list_id:int}/display"): Case(everyone(200), params=SPEAKERS_LIST),
    ("GET", "/sessions/{session_id:int}/speakers"): Case(everyone(200), params=SPEAKERS_SESSION),
    ("GET", "/speakers/statements/{entry_id:int}"): Case(
        answers(200, 404, 404, 404, 404), params={"entry_id": "@speakers_waiting"}
    ),
    ("GET", "/statements"): Case(PAGE_SECRETARIAT),
    ("GET", "/statements/{list_id:int}"): Case(PAGE_SECRETARIAT, params=SPEAKERS_LIST),
    ("GET", "/floor/{token:str}"): Case(everyone(200), params=PRESENCE_TOKEN),
    ("POST", "/floor/{token:str}/ask"): Case(everyone(200), params=PRESENCE_TOKEN, form={"kind": "explanation"}),
    ("POST", "/floor/{token:str}/statement/{entry_id:int}"): Case(
        everyone(200), params={**PRESENCE_TOKEN, "entry_id": "@speakers_waiting"}, form={"statement": "Mr. Chair"}
    ),
    ("POST", "/floor/{token:str}/withdraw/{entry_id:int}"): Case(
        everyone(200), params={**PRESENCE_TOKEN, "entry_id": "@speakers_waiting"}, form={}
    ),
}

EXPECTATIONS: dict[tuple[str, str], Case] = {
    # -- operations and documentation: public --------------------------------
    ("GET", "/health"): Case(everyone(200)),
    ("GET", "/schema"): Case(everyone(200)),
    ("GET", "/schema/openapi.json"): Case(everyone(200)),
    ("GET", "/schema/openapi.yaml"): Case(everyone(200)),
    ("GET", "/schema/openapi.yml"): Case(everyone(200)),
    ("GET", "/schema/{path:str}"): Case(everyone(404), params={"path": "no-such-page"}),
    ("GET", "/static/{file_path:path}"): Case(everyone(200), params={"file_path": "convene.css"}),
    ("HEAD", "/static/{file_path:path}"): Case(everyone(200), params={"file_path": "convene.css"}),
    # -- web pages of accounts: public forms ----------------------------------
    ("GET", "/sign-in"): Case(everyone(200)),
    ("POST", "/sign-in"): Case(everyone(400), form={"email": "", "password": ""}),
    ("GET", "/sign-out"): Case(everyone(200)),
    ("POST", "/sign-out"): Case(everyone(303), form={}),
    ("GET", "/account"): Case(answers(200, 200, 200, 200, 303)),
    # the language switcher: a cookie for anyone, and the account's language when signed in
    ("GET", "/language"): Case(everyone(303), query={"language": "en", "next": "/"}),
    ("POST", "/language"): Case(everyone(303), form={"language": "en", "next": "/"}),
    ("GET", "/accept-invitation"): Case(everyone(400), query={"token": "not-a-link"}),
    ("POST", "/accept-invitation"): Case(
        everyone(400),
        form={"token": "not-a-link", "password": "x" * 12, "password_confirmation": "x" * 12},
    ),
    ("GET", "/password-reset"): Case(everyone(200)),
    ("POST", "/password-reset"): Case(everyone(200), form={"email": "nobody@nowhere.example"}),
    ("GET", "/password-reset/confirm"): Case(everyone(400), query={"token": "not-a-link"}),
    ("POST", "/password-reset/confirm"): Case(
        everyone(400),
        form={"token": "not-a-link", "password": "x" * 12, "password_confirmation": "x" * 12},
    ),
    # -- the signed-in person -------------------------------------------------
    ("GET", "/api/me"): Case(SIGNED_IN),
    ("PATCH", "/api/me"): Case(SIGNED_IN, json={"phone": "+43 1 26060"}),
    ("GET", "/api/me/tokens"): Case(SIGNED_IN),
    ("POST", "/api/me/tokens"): Case(answers(201, 201, 201, 201, 401), json={"name": "matrix"}),
    # The secretariat's own token: anyone else's answers 404, as if it did not exist.
    ("DELETE", "/api/me/tokens/{token_id:int}"): Case(
        answers(204, 404, 404, 404, 401), params={"token_id": "@secretariat_token"}
    ),
    # -- accounts and invitations ---------------------------------------------
    ("GET", "/api/accounts"): Case(SECRETARIAT_OR_FOCAL),
    # Another delegate of entity A: seen by the secretariat and A's focal point only.
    ("GET", "/api/accounts/{account_id:int}"): Case(
        answers(200, 200, 404, 404, 401), params={"account_id": "@delegate_a2"}
    ),
    ("PATCH", "/api/accounts/{account_id:int}"): Case(
        answers(200, 200, 404, 404, 401),
        params={"account_id": "@delegate_a2"},
        json={"phone": "+43 1 26060"},
    ),
    ("POST", "/api/invitations"): Case(
        answers(201, 201, 404, 403, 401),
        json={
            "email": "new.delegate@austria.example",
            "full_name": "Mr. Jan Novak",
            "role": "delegate",
            "entity_id": "@entity_a",
        },
    ),
    # -- audit log and outbox: the secretariat's --------------------------------
    ("GET", "/api/audit"): Case(SECRETARIAT_ONLY),
    ("GET", "/api/outbox"): Case(SECRETARIAT_ONLY),
    ("POST", "/api/outbox/{message_id:int}/retry"): Case(
        SECRETARIAT_ONLY, params={"message_id": "@failed_mail"}
    ),
    # -- calendars: public feeds; a personal feed's token in its URL is its only credential --
    ("GET", "/calendar/sessions.ics"): Case(everyone(200)),
    ("GET", "/calendar/bodies/{code:str}/sessions.ics"): Case(
        everyone(200), params={"code": MATRIX_BODY}
    ),
    ("GET", "/calendar/sessions/{session_id:int}/sittings.ics"): Case(
        everyone(200), params={"session_id": "@calendar_session"}
    ),
    ("GET", "/calendar/personal/{token:str}/sittings.ics"): Case(
        everyone(200), params={"token": MATRIX_FEED_TOKEN}
    ),
    ("HEAD", "/calendar/sessions.ics"): Case(everyone(200)),
    ("HEAD", "/calendar/bodies/{code:str}/sessions.ics"): Case(
        everyone(200), params={"code": MATRIX_BODY}
    ),
    ("HEAD", "/calendar/sessions/{session_id:int}/sittings.ics"): Case(
        everyone(200), params={"session_id": "@calendar_session"}
    ),
    ("HEAD", "/calendar/personal/{token:str}/sittings.ics"): Case(
        everyone(200), params={"token": MATRIX_FEED_TOKEN}
    ),
    ("GET", "/api/me/calendar-feed"): Case(SIGNED_IN),
    ("POST", "/api/me/calendar-feed/rotation"): Case(answers(201, 201, 201, 201, 401)),
    ("DELETE", "/api/me/calendar-feed"): Case(answers(204, 204, 204, 204, 401)),
    # -- reports: the secretariat's PDFs; the list of participants is everyone's once published --
    ("GET", "/api/sessions/{session_id:int}/reports/participants.pdf"): Case(
        SECRETARIAT_ONLY, params={"session_id": "@report_session"}
    ),
    ("GET", "/api/sessions/{session_id:int}/reports/agenda.pdf"): Case(
        SECRETARIAT_ONLY, params={"session_id": "@report_session"}
    ),
    ("GET", "/api/sessions/{session_id:int}/reports/attendance.pdf"): Case(
        SECRETARIAT_ONLY, params={"session_id": "@report_session"}
    ),
    # The page of download links: each viewer sees the links they may follow.
    ("GET", "/sessions/{session_id:int}/reports"): Case(
        everyone(200), params={"session_id": "@report_session"}
    ),
    **WEB_EXPECTATIONS,
    **API_EXPECTATIONS,
    **PROPOSAL_EXPECTATIONS,
    **PRESENCE_EXPECTATIONS,
}

AWAITING_ENTRIES: set[tuple[str, str]] = set()
"""Routes whose access is not decided yet; a route may wait here only while it is being built."""


# -- the world every case runs in ----------------------------------------------


@dataclass
class World:
    """The people (by role) and objects the cases point at, on a fresh database."""

    app: Litestar
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    emptied: int = 0
    """``tests.conftest.emptied`` of its database once built: it moves when a test empties it."""
    rows: dict[str, str | None] = field(default_factory=dict)
    """Every row of the database once built (see :func:`_rows`)."""


async def _person(world: World, role_key: str, email: str, role: Role, entity: int | None) -> None:
    account = Account(
        email=email, full_name=email.split("@")[0].title(), role=role.value, entity=entity
    )
    await account.save()
    secret = new_token()
    token = ApiToken(account=account.id, name="matrix", token_hash=token_hash(secret))
    await token.save()
    world.headers[role_key] = {"Authorization": f"Bearer {secret}"}
    world.ids[role_key] = account.id
    world.ids[f"{role_key}_token"] = token.id


async def build_people(world: World, _client: AsyncClient) -> None:
    """Entities A and B, one person per role, another delegate of A, a failed e-mail."""
    async with current_engine().transaction():  # one commit, not twenty: much faster on PostgreSQL
        await _build_people(world)


async def _build_people(world: World) -> None:
    for key, short_name, iso in (("entity_a", "Austria", "AUT"), ("entity_b", "Brazil", "BRA")):
        entity = Entity(
            short_name=short_name, name=short_name, category="state_party", iso_code=iso
        )
        await entity.save()
        world.ids[key] = entity.id
    a, b = world.ids["entity_a"], world.ids["entity_b"]
    await _person(world, "secretariat", "officer@unodc.example", Role.SECRETARIAT, None)
    await _person(world, "focal_a", "focal@austria.example", Role.FOCAL_POINT, a)
    await _person(world, "focal_b", "focal@brazil.example", Role.FOCAL_POINT, b)
    await _person(world, "delegate", "delegate@austria.example", Role.DELEGATE, a)
    await _person(world, "delegate_a2", "second.delegate@austria.example", Role.DELEGATE, a)
    invited = Account(
        email="invited@austria.example", full_name="Mr. Ivo Invited", role="delegate", entity=a
    )
    await invited.save()
    await AccountLink(
        account=invited.id,
        purpose="invitation",
        token_hash=token_hash("matrix-invitation"),
        expires_at=datetime.now(UTC) + timedelta(days=7),
    ).save()
    world.ids["invited_delegate"] = invited.id
    mail = OutboxMessage(
        recipient="x@austria.example", subject="Stuck", text="Text", status="failed", attempts=8
    )
    await mail.save()
    world.ids["failed_mail"] = mail.id


WORLD_BUILDERS: list[Callable[[World, AsyncClient], Awaitable[None]]] = [
    build_people,
    build_calendar,
    build_reports,
    build_web,
    build_meetings,
    build_proposals,
    build_presence,
    build_speakers,
]
"""Run in order on a fresh database; later builders can use the people the first made."""


def served_routes(app: Litestar) -> set[tuple[str, str]]:
    """(method, path) of every handler, leaving out Litestar's automatic OPTIONS answers.

    Those answer CORS preflights for every path and run no code of ours.
    """
    routes = set()
    for route in app.routes:
        if isinstance(route, ASGIRoute) and route.route_handler.is_mount:  # the static files
            # A mount answers every path under it; the matrix names them as the old static route did.
            routes |= {(method, route.path + "/{file_path:path}") for method in ("GET", "HEAD")}
        if not isinstance(route, HTTPRoute):
            continue
        for method, (handler, _) in route.route_handler_map.items():
            automatic = method == "OPTIONS" and handler.fn.__module__.startswith("litestar.")
            if not automatic:
                routes.add((method, route.path))
    return routes


def test_every_route_has_an_entry(app: Litestar) -> None:
    served = served_routes(app)
    listed = set(EXPECTATIONS) | AWAITING_ENTRIES
    missing = sorted(served - listed)
    stale = sorted(listed - served)
    assert not missing, (
        f"routes with no entry in the access matrix (add them to EXPECTATIONS): {missing}"
    )
    assert not stale, f"entries for routes that no longer exist (remove them): {stale}"
    assert not set(EXPECTATIONS) & AWAITING_ENTRIES, (
        "a route is both expected and awaiting an entry"
    )


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
        assert body[1:] in ids, (
            f"no world object {body!r}: add a WORLD_BUILDERS entry that makes it"
        )
        return ids[body[1:]]
    return body


ROUTES = sorted(EXPECTATIONS)


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
async def test_route_answers_each_role_as_expected(
    bound_app: Litestar, settings: Settings, method: str, path: str
) -> None:
    """Call the route as each role, each call on the world as built."""
    case = EXPECTATIONS[(method, path)]
    got: dict[str, int] = {}
    details: dict[str, str] = {}
    async with running(bound_app), app_client(bound_app, "https://convene.test") as client:
        client.follow_redirects = False
        for role in ROLES:
            world = await _world_as_built(bound_app, client, settings.database_url)
            client.cookies.clear()
            response = await _call(client, world, case, method, path, role)
            got[role] = response.status_code
            details[role] = response.text[:200]
            if await _rows(settings.database_url) != world.rows:
                del _worlds[settings.database_url]  # the call changed it: the next starts afresh
    wrong = {
        role: f"expected {case.answers[role]}, got {got[role]}: {details[role]}"
        for role in ROLES
        if got[role] != case.answers[role]
    }
    assert not wrong, f"{method} {path}: {wrong}"


_worlds: dict[str, World] = {}
"""The world each database holds, exactly as built, shared by the cases."""


async def _world_as_built(
    app: Litestar, client: AsyncClient, database_url: str
) -> World:
    """The shared world, built afresh unless the database still holds it as built.

    Building it costs more than most calls, and most calls change nothing
    (reads, refused writes): so the cases share it, and any call that changed
    a row drops it. It is stale too once another test emptied the tables, or
    once the app was built anew.
    """
    world = _worlds.get(database_url)
    if world is None or world.app is not app or world.emptied != emptied[database_url]:
        await empty_tables(database_url)
        world = await _build_world(app, client)
        world.emptied, world.rows = emptied[database_url], await _rows(database_url)
        _worlds[database_url] = world
    return world


async def _build_world(app: Litestar, client: AsyncClient) -> World:
    world = World(app=app)
    for build in WORLD_BUILDERS:
        await build(world, client)
    return world


BOOKKEEPING = {(ApiToken._meta.tablename, ApiToken.last_used_at._meta.db_column_name)}
"""Columns left out of :func:`_rows`: every call with a personal token sets its time of last use."""


async def _rows(database_url: str) -> dict[str, str | None]:
    """Every row of every table, each table's as one string, read in one query."""
    sqlite = database_url.startswith("sqlite")
    aggregate = "group_concat(r, ';')" if sqlite else "string_agg(r, ';' ORDER BY k)"
    tables = all_tables(app_registry())
    selects = ", ".join(
        f"(SELECT {aggregate} FROM ({_rows_of(table)}) AS rows) AS t{n}"
        for n, table in enumerate(tables)
    )
    [found] = await tables[0].raw(f"SELECT {selects}")
    return found


def _rows_of(table: type[Table]) -> str:
    """A query of ``table``'s rows in key order: ``k`` the key, ``r`` every column as text."""
    name = table._meta.tablename
    values = " || '|' || ".join(
        f"COALESCE(CAST(\"{column._meta.db_column_name}\" AS TEXT), 'NULL')"
        for column in table._meta.columns
        if (name, column._meta.db_column_name) not in BOOKKEEPING
    )
    key = table._meta.primary_key._meta.db_column_name
    return f'SELECT "{key}" AS k, {values} AS r FROM "{name}" ORDER BY k'


async def _call(
    client: AsyncClient, world: World, case: Case, method: str, path: str, role: str
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
        data=_resolved(dict(case.form), world.ids) if case.form is not None else None,
        files=case.files,
    )
