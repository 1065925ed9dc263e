"""The e-mails a registration's changes send the registered person: which change sends which, in what words.

The outbox writes them (see :mod:`convene.mail.subscribers`) in the change's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from convene.delegations.events import RegistrationChanged
from convene.delegations.registrations import waitlist_position
from convene.delegations.vocabulary import AttendanceMode
from convene.meetings.services import get_session

SUBJECTS = {
    "submitted": "Registration received",
    "approved": "Registration approved",
    "waitlisted": "Registration on the waiting list",
    "promoted": "A place has become available",
}

BODIES = {
    "submitted": "Your registration for the {title} has been received and awaits the secretariat's approval.",
    "approved": "Your registration for the {title} is approved ({mode}). Your badge code is {badge_code}.",
    "waitlisted": (
        "The {title} has no {mode_lower} place left for your delegation at the moment; your registration "
        "is number {position} on the waiting list and moves up automatically when a place frees up."
    ),
    "promoted": (
        "A {mode_lower} place has become available for you at the {title}; your registration now awaits "
        "the secretariat's approval."
    ),
}


@dataclass(frozen=True)
class Notice:
    recipient: str
    subject: str
    text: str


async def notice_for(event: RegistrationChanged) -> Notice | None:
    """What the change tells the registered person, in plain words; None if it tells nothing."""
    kind = _kind(event)
    if kind is None:
        return None
    registration = event.after
    session = event.session or await get_session(registration["session"], include_private=True)
    name = " ".join(
        p
        for p in (
            registration["honorific"],
            registration["given_name"],
            registration["family_name"],
        )
        if p
    )
    mode_label = AttendanceMode(registration["mode"]).label
    body = BODIES[kind].format(
        title=session.title[0].lower() + session.title[1:],
        mode=mode_label,
        mode_lower=mode_label.lower(),
        badge_code=registration["badge_code"],
        position=await waitlist_position(registration),
    )
    text = f"Dear {name},\n\n{body}\n\n{session.venue_name}, {session.city}: {session.start_date:%d %B %Y} to {session.end_date:%d %B %Y}.\n\nThe Secretariat\n"
    return Notice(registration["email"], f"{SUBJECTS[kind]}: {session.title}", text)


def _kind(event: RegistrationChanged) -> str | None:
    """Which notice the change sends.

    A submission or a substitution says where the registration now stands
    (received, or on the waiting list); an approval and a promotion say so;
    a switch of mode that frees a waitlisted registration is a promotion.
    Rejections, cancellations and edited details send nothing.
    """
    status = event.after["status"]
    if event.change in {"submitted", "substituted"}:
        return status
    if event.change in {"approved", "promoted"}:
        return event.change
    if event.change == "mode switched" and event.before and event.before["status"] != status:
        return "promoted"
    return None
