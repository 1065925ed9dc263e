"""The e-mails a registration's changes send, written to the outbox in the same transaction."""

from __future__ import annotations

from typing import Any

from convene.mail.services import enqueue
from convene.meetings.schemas import SessionOut
from convene.meetings.services import get_session

SUBJECTS = {
    "submitted": "Registration received",
    "approved": "Registration approved",
    "rejected": "Registration not approved",
    "waitlisted": "Registration on the waiting list",
    "promoted": "A place has become available",
    "cancelled": "Registration cancelled",
}

BODIES = {
    "submitted": "Your registration for the {title} has been received and awaits the secretariat's approval.",
    "approved": "Your registration for the {title} is approved ({mode}). Your badge code is {badge_code}.",
    "rejected": "Your registration for the {title} has not been approved. Your delegation's focal point can tell you more.",
    "waitlisted": (
        "The {title} has no {mode_lower} place left for your delegation at the moment; your registration "
        "is number {position} on the waiting list and moves up automatically when a place frees up."
    ),
    "promoted": (
        "A {mode_lower} place has become available for you at the {title}; your registration now awaits "
        "the secretariat's approval."
    ),
    "cancelled": "Your registration for the {title} has been cancelled.",
}


async def notify(
    kind: str,
    registration: dict[str, Any],
    *,
    mode_label: str,
    position: int | None = None,
    session: SessionOut | None = None,
) -> None:
    """Tell the registered person what happened, in plain words.

    ``session``, when the caller has it, spares reading the session (title,
    venue, dates) again inside the caller's lock.
    """
    session = session or await get_session(registration["session"], include_private=True)
    name = " ".join(
        p
        for p in (
            registration["honorific"],
            registration["given_name"],
            registration["family_name"],
        )
        if p
    )
    body = BODIES[kind].format(
        title=session.title[0].lower() + session.title[1:],
        mode=mode_label,
        mode_lower=mode_label.lower(),
        badge_code=registration["badge_code"],
        position=position,
    )
    text = f"Dear {name},\n\n{body}\n\n{session.venue_name}, {session.city}: {session.start_date:%d %B %Y} to {session.end_date:%d %B %Y}.\n\nThe Secretariat\n"
    await enqueue(registration["email"], f"{SUBJECTS[kind]}: {session.title}", text)
