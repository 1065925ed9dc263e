"""A Conference at its real size, inserted in bulk: 200 delegations and 1,500 registrations.

For the secretariat's journey in Chromium (tests/web/test_lists_browser.py) and for
bench/lists.py: the States of the shipped registry (and a few organizations) each send a
delegation to one session; most registrations await a decision, some are decided, one
delegate's name is spelt as the secretariat will not remember it, ten addresses are registered
by two delegations; its list of participants is published; a year of other sessions, a long
audit log and a full outbox surround it. Rows are written directly, a few hundred per insert,
so the world takes a few seconds to build, not the minutes the services would take.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from convene.accounts.passwords import hash_password
from convene.accounts.tables import Account
from convene.audit.tables import AuditEntry
from convene.db import current_engine
from convene.delegations.tables import Delegation, Registration
from convene.entities.services import sync_registry
from convene.entities.tables import Entity
from convene.mail.tables import OutboxMessage
from convene.meetings.tables import Body, Session, SessionPart

DELEGATIONS = 200
REGISTRATIONS = 1_500
OTHER_SESSIONS = 250
AUDIT_ENTRIES = 3_000
SECRETARIAT = "secretariat@conference.example"
FOCAL_POINT = "focal.point@conference.example"
"""The focal point of the first delegation."""
PASSWORD = "correct horse battery staple"
BADGE = "C0000000"
"""The badge of the first registration: the head of the first delegation, approved, in person."""
MISSPELT = ("Chidinma", "Okonkwo")
"""The delegate the secretariat looks for as "Chidimma Okonkow"."""
CATEGORIES = "state_party,signatory,reio,observer_state,un_entity,igo,ngo"
GIVEN = ["Anna", "Lukas", "Amina", "Kwame", "Sofía", "Mateo", "Mei", "Hiroshi", "Olga", "Ivan",
         "Fatima", "Omar", "Priya", "Arjun", "Grace", "John", "Leila", "Karim", "Elena", "Pablo",
         "Nadia", "Tomás", "Aiko", "Jin", "Zanele", "Thabo", "Ingrid", "Lars", "Marta", "Diego"]
FAMILY = ["Berger", "Gruber", "Mensah", "Diallo", "García", "Fernández", "Wang", "Tanaka",
          "Ivanova", "Petrov", "Haddad", "Nasser", "Sharma", "Patel", "Njoroge", "Smith",
          "Rahimi", "Farouk", "Popescu", "López", "Kowalski", "Silva", "Sato", "Kim", "Dlamini",
          "Nkosi", "Andersen", "Larsen", "Novák", "Herrera"]


@dataclass(frozen=True)
class Conference:
    session_id: int
    other_session_id: int
    body_code: str
    delegation_id: int
    """The first delegation's, whose focal point is :data:`FOCAL_POINT`."""
    delegate: str
    """The e-mail address of an approved delegate with an account (in person: :data:`BADGE`)."""
    awaiting_by_group: dict[str, int]
    """How many registrations await a decision in each regional group."""


async def build_conference(seed: int = 18) -> Conference:
    """The world, in one transaction on the current engine (tables empty but for migrations)."""
    rng = random.Random(seed)
    await sync_registry()
    async with current_engine().transaction():
        await _secretariat()
        body = Body(code="COSP", name="Conference of the States Parties", short_name="COSP",
                    symbol_prefix="CAC/COSP", admitted_categories=CATEGORIES)
        await body.save()
        others = await _sessions(body.id, OTHER_SESSIONS)
        session_id = others.pop()
        delegations = await _delegations(session_id)
        awaiting = await _registrations(session_id, delegations, rng)
        await _audit(session_id, rng)
        await _outbox()
        await Session.update({Session.participants_published: True}).where(
            Session.id == session_id
        )
        delegate = await _people(delegations[0])
    return Conference(
        session_id, others[-1], body.code, delegations[0]["delegation"], delegate, awaiting
    )


async def _secretariat() -> None:
    await Account(email=SECRETARIAT, full_name="Conference Secretary", role="secretariat",
                  password_hash=hash_password(PASSWORD)).save()


async def _people(delegation: dict[str, Any]) -> str:
    """The first delegation's focal point, and its head (approved) as a delegate with an account."""
    await Account(email=FOCAL_POINT, full_name="Focal Point", role="focal_point",
                  entity=delegation["id"], password_hash=hash_password(PASSWORD)).save()
    head = await Registration.select(Registration.id, Registration.email).where(
        Registration.delegation == delegation["delegation"]
    ).order_by(Registration.id).first()
    assert head is not None
    await Account(email=head["email"], full_name="Head of Delegation", role="delegate",
                  entity=delegation["id"], password_hash=hash_password(PASSWORD)).save()
    return str(head["email"])


async def _sessions(body_id: int, count: int) -> list[int]:
    """``count`` sessions a fortnight apart, the last (the newest) the Conference's own."""
    first = date.today() - timedelta(weeks=2 * (count - 20))
    rows = [
        Session(
            start_date=first + timedelta(weeks=2 * n),
            end_date=first + timedelta(weeks=2 * n, days=4),
            timezone="Europe/Vienna",
            venue_name="Vienna International Centre",
            city="Vienna",
            format="hybrid",
            status="scheduled",
            symbol_prefix=f"CAC/COSP/{n + 1}",
            admitted_categories=CATEGORIES,
            registration_opens=date.today() - timedelta(days=30),
            in_person_quota=6,
            online_speaking_quota=4,
            room_capacity=2_000,
        )
        for n in range(count)
    ]
    ids = await _insert_all(Session, rows)
    await _insert_all(
        SessionPart,
        [
            SessionPart(session=i, body=body_id, kind="regular", number=n + 1)
            for n, i in enumerate(ids)
        ],
    )
    return ids


async def _delegations(session_id: int) -> list[dict[str, Any]]:
    """The States of the registry first (but one in twelve, which has not registered yet), then
    organizations, up to :data:`DELEGATIONS`."""
    entities = await Entity.select(Entity.id, Entity.short_name, Entity.regional_group,
                                   Entity.category).order_by(Entity.id)
    states = [e for n, e in enumerate(e for e in entities if e["regional_group"]) if n % 12 != 5]
    chosen = (states + [e for e in entities if not e["regional_group"]])[:DELEGATIONS]
    ids = await _insert_all(
        Delegation,
        [Delegation(session=session_id, entity=e["id"],
                    credentials_reference=f"Note verbale {n}") for n, e in enumerate(chosen)],
    )
    return [e | {"delegation": i} for e, i in zip(chosen, ids, strict=True)]


async def _registrations(
    session_id: int, delegations: list[dict[str, Any]], rng: random.Random
) -> dict[str, int]:
    now = datetime.now(UTC)
    awaiting: dict[str, int] = {}
    rows = []
    for n in range(REGISTRATIONS):
        delegation = delegations[n % len(delegations)]
        given, family = MISSPELT if n == 777 else (rng.choice(GIVEN), rng.choice(FAMILY))
        status = "approved" if n == 0 else rng.choices(
            ["submitted", "approved", "waitlisted", "rejected", "cancelled"], [60, 25, 5, 5, 5]
        )[0]
        if status == "submitted" and delegation["regional_group"]:
            group = delegation["regional_group"]
            awaiting[group] = awaiting.get(group, 0) + 1
        rows.append(Registration(
            delegation=delegation["delegation"],
            session=session_id,
            honorific=rng.choice(["Mr.", "Ms.", "Dr.", "H.E. Mr.", "H.E. Ms."]),
            given_name=given,
            family_name=family,
            name_order="given_first",
            function=rng.choice(["Ambassador", "Counsellor", "Legal adviser", "Expert"]),
            email=_address(given, family, n, delegation["id"]),
            mode="in_person" if n == 0 else rng.choices(
                ["in_person", "online_speaking", "online_listening"], [70, 15, 15]
            )[0],
            status=status,
            is_head=n < len(delegations),
            badge_code=f"C{n:07d}",
            waitlisted_at=now if status == "waitlisted" else None,
            created_at=now - timedelta(minutes=REGISTRATIONS - n),
        ))
    await _insert_all(Registration, rows)
    return awaiting


def _address(given: str, family: str, n: int, entity_id: int) -> str:
    """Each person's own address; the last ten are also registered by another delegation."""
    if n >= REGISTRATIONS - 10:
        return f"shared.{n - 700}@conference.example"
    if n in range(REGISTRATIONS - 10 - 700, REGISTRATIONS - 700):
        return f"shared.{n}@conference.example"
    return f"{given}.{family}.{n}@delegation{entity_id}.example".lower()


async def _audit(session_id: int, rng: random.Random) -> None:
    """A long log: each change's whole record before and after, one field of it changed."""
    record = {"honorific": "Mr.", "given_name": "John", "family_name": "Smith",
              "function": "Expert", "organization": "", "phone": "", "mode": "in_person",
              "is_head": False}
    await _insert_all(AuditEntry, [
        AuditEntry(
            actor_name="Conference Secretary",
            action="registration.approved",
            object_type="registration",
            object_id=str(n + 1),
            before=record | {"status": "submitted"},
            after=record | {"status": "approved"},
            session_id=session_id if rng.random() < 0.8 else None,
        )
        for n in range(AUDIT_ENTRIES)
    ])


async def _outbox() -> None:
    """The approvals' e-mails, sent, as the outbox keeps them."""
    await _insert_all(OutboxMessage, [
        OutboxMessage(recipient=f"delegate{n}@delegation.example", status="sent",
                      subject="Your registration is approved", text="Dear delegate, ..." * 20)
        for n in range(REGISTRATIONS)
    ])


async def _insert_all(table: Any, rows: list[Any], chunk: int = 400) -> list[int]:
    """Insert ``rows`` a chunk at a time; their ids, in order."""
    ids: list[int] = []
    for start in range(0, len(rows), chunk):
        inserted = await table.insert(*rows[start : start + chunk]).returning(table.id)
        ids += [row["id"] for row in inserted]
    return ids
