"""Load the demo data through the same services the API uses, so it obeys every rule.

Loading is idempotent: bodies, sessions (by their numbering) and accounts that
already exist are left exactly as they are.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec

from convene.accounts.roles import Role
from convene.accounts.services import create_secretariat_account
from convene.accounts.tables import Account
from convene.agenda import services as agenda
from convene.agenda.schemas import DocumentIn
from convene.demo.data import BODIES, SESSIONS, DemoSession
from convene.demo.proposals import load_demo_proposals
from convene.demo.translations import BODY_NAMES, SESSION_TITLES, agenda_item_in
from convene.demo.hybrid import load_live_hybrid_session
from convene.demo.speakers import load_demo_speakers
from convene.entities.services import sync_registry
from convene.entities.tables import Entity
from convene.meetings import bodies, officers, services
from convene.meetings.schemas import BodyIn, OfficerIn, SessionFields, SessionPatch
from convene.meetings.tables import Body, SessionPart
from convene.meetings.vocabulary import Language, SessionStatus
from convene.sittings import services as sittings
from convene.sittings.schemas import SittingIn

DEMO_SECRETARIAT = (
    "secretariat@convene.example.org",
    "Demo Secretariat",
    "convene-demo-secretariat",
)


async def load_demo_data() -> str:
    added_entities = await sync_registry()
    added_bodies = 0
    for body in BODIES:
        if not await Body.exists().where(Body.code == body["code"]):
            names = BODY_NAMES.get(body["code"], {})
            await bodies.create_body(None, msgspec.convert(body | {"names": names}, BodyIn))
            added_bodies += 1
    added_sessions = 0
    for demo in SESSIONS:
        if not await _exists(demo):
            await _load_session(demo)
            added_sessions += 1
    account = await _demo_account()
    added_proposals = await load_demo_proposals(DEMO_SECRETARIAT[0])
    live = await load_live_hybrid_session(await _secretariat())
    speakers = await load_demo_speakers(await _secretariat())
    return (
        f"Demo data: {added_entities} entities, {added_bodies} bodies, {added_sessions} sessions added"
        f"{f', {added_proposals} draft resolutions and decisions' if added_proposals else ''}"
        f"{account}"
        f"{'; a hybrid session with a sitting under way (issue 14)' if live else ''}"
        f"{'; a list of speakers under way at its sitting (issue 15)' if speakers else ''}"
    )


def _found(row: dict[str, Any] | None, what: str) -> dict[str, Any]:
    """A row the shipped demo data names: missing, the registry or the data file is broken."""
    if row is None:
        raise RuntimeError(f"The demo data names {what}, which is not in the database")
    return row


async def _exists(demo: DemoSession) -> bool:
    first = demo.fields["parts"][0]
    body = _found(
        await Body.select(Body.id).where(Body.code == first["body"]).first(), first["body"]
    )
    query = SessionPart.exists().where(
        (SessionPart.body == body["id"])
        & (SessionPart.kind == first["kind"])
        & (SessionPart.number == first["number"])
    )
    if first.get("resumption"):
        query = query.where(SessionPart.resumption == first["resumption"])
    return await query


async def _load_session(demo: DemoSession) -> None:
    # Past sessions are created as scheduled and concluded once their record is in.
    fields = msgspec.convert(
        demo.fields
        | {
            "status": "draft" if demo.fields["status"] == "draft" else "scheduled",
            "titles": SESSION_TITLES.get(_numbering(demo), {}),
        },
        SessionFields,
    )
    session = await services.create_session(None, fields)
    item_ids = await _load_agenda(session.id, demo)
    for symbol, title, item in demo.documents:
        await agenda.add_document(
            None,
            session.id,
            DocumentIn(
                symbol=symbol,
                title=title,
                languages=fields.interpretation_languages or [Language.ENGLISH],
                agenda_item_id=item_ids[item] if item else None,
            ),
        )
    for sitting in demo.sittings:
        await sittings.create_sitting(
            None,
            session.id,
            SittingIn(
                starts_at=f"{sitting.day}T{sitting.start}",
                ends_at=f"{sitting.day}T{sitting.end}",
                room=sitting.room,
                agenda_item_ids=[item_ids[number] for number in sitting.items],
            ),
        )
    for role, honorific, name, state in demo.officers:
        entity = _found(
            await Entity.select(Entity.id).where(Entity.short_name == state).first(), state
        )
        await officers.add_officer(
            None,
            session.id,
            msgspec.convert(
                {"role": role, "honorific": honorific, "name": name, "entity_id": entity["id"]},
                OfficerIn,
            ),
        )
    if demo.adopted_on:
        await agenda.adopt_agenda(None, session.id, date.fromisoformat(demo.adopted_on))
    if demo.fields["status"] != fields.status.value:
        await services.update_session(
            None, session.id, SessionPatch(status=SessionStatus(demo.fields["status"]))
        )


def _numbering(demo: DemoSession) -> tuple[str, str, int]:
    """The session's first body, kind and number: what its corrected titles are found by."""
    first = demo.fields["parts"][0]
    return first["body"], first["kind"], first["number"]


async def _load_agenda(session_id: int, demo: DemoSession) -> dict[int, int]:
    """Add the items and sub-items, in the six languages; return each top-level number's item id."""
    item_ids: dict[int, int] = {}
    for number, (title, sub_items) in enumerate(demo.agenda, start=1):
        tree = await agenda.add_item(None, session_id, agenda_item_in(title))
        item_ids[number] = tree.items[-1].id
        for sub_title in sub_items:
            await agenda.add_item(None, session_id, agenda_item_in(sub_title, item_ids[number]))
    return item_ids




async def _demo_account() -> str:
    email, name, password = DEMO_SECRETARIAT
    if await Account.exists().where(Account.email == email):
        return ""
    await create_secretariat_account(email, name, password)
    return f"; secretariat sign-in: {email} / {password} ({Role.SECRETARIAT.value})"


async def _secretariat() -> Account:
    """The demo secretariat account: the live hybrid session is run in its name."""
    account = await Account.objects().where(Account.email == DEMO_SECRETARIAT[0]).first()
    if account is None:
        raise RuntimeError("The demo secretariat account is missing")
    return account
