"""A hybrid session with a sitting under way: the door and the live picture show something at once.

Its dates are those of the day the demo is loaded (the day before to the day after, in Vienna),
and its sitting started 40 minutes before loading. Delegates came through the door (Austria
rotated: its third delegate was refused while two sat, then took the seat of the first, who
left), others follow online, speaking or listening, and the quorum of States parties is met.
Loaded through the same services as the API, by the demo secretariat account.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import msgspec

from convene.accounts.tables import Account
from convene.delegations import delegations, registrations
from convene.delegations.access import delegation_row
from convene.delegations.schemas import DelegationIn, RegistrationIn
from convene.delegations.tables import Registration
from convene.entities.tables import Entity
from convene.meetings import services
from convene.meetings.schemas import SessionFields
from convene.meetings.tables import Body, SessionPart
from convene.presence import door, online, seating
from convene.presence.schemas import HybridSetupIn, ScanIn, SeatPlanIn
from convene.presence.vocabulary import Direction
from convene.sittings import services as sittings
from convene.sittings.schemas import SittingIn

VIENNA = ZoneInfo("Europe/Vienna")
NUMBER = 17
"""The Implementation Review Group's seventeenth session, between the demo's 12th and 18th."""

IN, SPEAK, LISTEN = "in_person", "online_speaking", "online_listening"
DELEGATES: dict[str, list[tuple[str, str, str, str]]] = {
    "Austria": [
        ("H.E. Ms.", "Elisabeth", "Gruber", IN),
        ("Mr.", "Lukas", "Berger", IN),
        ("Ms.", "Sophie", "Wimmer", IN),
        ("Mr.", "Jakob", "Huber", SPEAK),
    ],
    "Brazil": [("H.E. Mr.", "João", "Pereira", IN), ("Ms.", "Ana", "Costa", SPEAK)],
    "Egypt": [("Mr.", "Ahmed", "Hassan", IN), ("Ms.", "Mona", "Farouk", LISTEN)],
    "France": [("Ms.", "Claire", "Dubois", IN), ("Mr.", "Julien", "Moreau", LISTEN)],
    "Germany": [("Dr.", "Katrin", "Schmidt", SPEAK)],
    "India": [("Mr.", "Arjun", "Mehta", IN), ("Ms.", "Priya", "Nair", IN)],
    "Indonesia": [("Ms.", "Siti", "Rahayu", LISTEN)],
    "Japan": [("Mr.", "Kenji", "Tanaka", IN)],
    "Kenya": [("Ms.", "Wanjiru", "Kamau", SPEAK), ("Mr.", "Otieno", "Odhiambo", LISTEN)],
    "Mexico": [("Mr.", "Luis", "Hernández", IN)],
    "Nigeria": [("Mr.", "Chinedu", "Okafor", IN)],
    "Peru": [("Ms.", "Lucía", "Quispe", IN)],
    "Switzerland": [("Ms.", "Anna", "Keller", IN)],
    "Andorra": [("Mr.", "Marc", "Puig", IN)],
}
ABSENT = {("Switzerland", 0), ("Mexico", 0)}
"""Registered, not (yet) arrived."""


async def load_live_hybrid_session(actor: Account) -> bool:
    """Add the session unless it is there; True when added."""
    body = await Body.select(Body.id).where(Body.code == "IRG").first()
    if body is None or await SessionPart.exists().where(
        (SessionPart.body == body["id"])
        & (SessionPart.kind == "regular")
        & (SessionPart.number == NUMBER)
    ):
        return False
    now = datetime.now(UTC)
    today = now.astimezone(VIENNA).date()
    session = await services.create_session(
        actor,
        msgspec.convert(
            {
                "parts": [{"body": "IRG", "kind": "regular", "number": NUMBER}],
                "start_date": str(today - timedelta(days=1)),
                "end_date": str(today + timedelta(days=1)),
                "venue_name": "Vienna International Centre",
                "city": "Vienna",
                "timezone": "Europe/Vienna",
                "format": "hybrid",
                "status": "scheduled",
                "symbol_prefix": f"CAC/COSP/IRG/{today.year}",
                "in_person_quota": 4,
                "online_speaking_quota": 2,
                "room_capacity": 40,
                "platform_name": "Interprefy",
                "join_link": "https://unodc.interprefy.example/irg-17",
                "interpretation_languages": ["ar", "zh", "en", "fr", "ru", "es"],
            },
            SessionFields,
        ),
    )
    start = (now - timedelta(minutes=40)).astimezone(VIENNA).replace(second=0, microsecond=0)
    sitting = await sittings.create_sitting(
        actor,
        session.id,
        SittingIn(
            starts_at=start.strftime("%Y-%m-%dT%H:%M"),
            ends_at=(start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            room="Board Room D",
        ),
    )
    await seating.update_hybrid_setup(
        actor, session.id, HybridSetupIn(listening_link="https://webtv.un.example/irg-17")
    )
    people = await _register(actor, session.id)
    await _sitting_under_way(actor, sitting.id, people, now)
    return True


async def _register(actor: Account, session_id: int) -> dict[tuple[str, int], dict[str, Any]]:
    people: dict[tuple[str, int], dict[str, Any]] = {}
    for state, members in DELEGATES.items():
        entity = await Entity.select(Entity.id).where(Entity.short_name == state).first()
        if entity is None:
            raise RuntimeError(f"The demo data names {state}, which is not in the database")
        opened = await delegations.create_delegation(
            actor, session_id, DelegationIn(entity_id=entity["id"])
        )
        delegation = await delegation_row(opened.id)
        for index, (honorific, given, family, mode) in enumerate(members):
            email = f"{given}.{family}@{state.casefold()}.mission.example".casefold().replace(
                " ", ""
            )
            data = msgspec.convert(
                {
                    "honorific": honorific,
                    "given_name": given,
                    "family_name": family,
                    "email": _ascii(email),
                    "mode": mode,
                    "is_head": index == 0,
                },
                RegistrationIn,
            )
            registration_id = await registrations.submit(actor, delegation, data)
            await registrations.approve(actor, registration_id)
            people[(state, index)] = {"id": registration_id, "delegation": opened.id, "mode": mode}
    return people


def _ascii(email: str) -> str:
    return email.translate(str.maketrans("ãáéíóúç", "aaeiouc"))


async def _sitting_under_way(
    actor: Account, sitting_id: int, people: dict[tuple[str, int], dict[str, Any]], now: datetime
) -> None:
    """The door's morning (Austria's rotation included), and those following online."""
    badges = await _badges(people)
    moments = iter(range(38, 0, -1))
    order = [
        (key, Direction.IN)
        for key, person in people.items()
        if person["mode"] == IN and key not in ABSENT and key[0] != "Austria"
    ]
    austria = [
        (("Austria", 0), Direction.IN),
        (("Austria", 1), Direction.IN),
        (("Austria", 2), Direction.IN),
        (("Austria", 0), Direction.OUT),
        (("Austria", 2), Direction.IN),
    ]
    for number, (key, direction) in enumerate([*austria, *order]):
        await door.scan(
            actor,
            sitting_id,
            ScanIn(
                badge_code=badges[key],
                direction=direction,
                door="Door A" if number % 2 else "Door B",
                idempotency_key=f"demo-irg17-{number:04d}",
                scanned_at=now - timedelta(minutes=next(moments)),
            ),
        )
    await seating.set_seat_plan(
        actor,
        sitting_id,
        people[("Austria", 0)]["delegation"],
        SeatPlanIn(registration_ids=[people[("Austria", 1)]["id"], people[("Austria", 2)]["id"]]),
    )
    for person in people.values():
        if person["mode"] != IN:
            await online.mark_online(actor, sitting_id, person["id"], True)


async def _badges(people: dict[tuple[str, int], dict[str, Any]]) -> dict[tuple[str, int], str]:
    rows = await Registration.select(Registration.id, Registration.badge_code).where(
        Registration.id.is_in([p["id"] for p in people.values()])
    )
    codes = {row["id"]: row["badge_code"] for row in rows}
    return {key: codes[person["id"]] for key, person in people.items()}
