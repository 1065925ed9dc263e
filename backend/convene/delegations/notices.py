"""The e-mails a registration's changes send the registered person: which change sends which.

Written in the person's language (their account's, else their focal point's) from
the template ``frontend/templates/mail/registration_notice.txt``.

The outbox writes them (see :mod:`convene.mail.subscribers`) in the change's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from convene.delegations.correspondence import registrant_language
from convene.delegations.events import RegistrationChanged
from convene.delegations.registrations import waitlist_position
from convene.delegations.vocabulary import AttendanceMode
from convene.mail.templates import Mail, render_mail
from convene.meetings.services import get_session
from convene.translation import current_locale, gettext, using_locale


@dataclass(frozen=True)
class Notice:
    recipient: str
    mail: Mail


async def notice_for(event: RegistrationChanged) -> Notice | None:
    """What the change tells the registered person, in their language; None if it tells nothing.

    The words are ``frontend/templates/mail/registration_notice.txt``.
    """
    kind = _kind(event)
    if kind is None:
        return None
    registration = event.after
    language = await registrant_language(registration["email"], registration["id"])
    # The publisher read the session in the request's language; another language reads it again.
    same_language = language == current_locale()
    with using_locale(language):
        session = event.session if event.session and same_language else None
        session = session or await get_session(registration["session"], include_private=True)
        mode = gettext(AttendanceMode(registration["mode"]).label)
        mail = render_mail(
            "registration_notice",
            language,
            kind=kind,
            session=session,
            title=session.title[0].lower() + session.title[1:],
            name=_name(registration),
            mode=mode,
            mode_lower=mode.lower(),
            badge_code=registration["badge_code"],
            position=await waitlist_position(registration),
        )
    return Notice(registration["email"], mail)


def _name(registration: dict[str, Any]) -> str:
    parts = (registration["honorific"], registration["given_name"], registration["family_name"])
    return " ".join(part for part in parts if part)


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
