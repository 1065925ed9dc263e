"""Attendance modes, registration statuses and capacities in a delegation."""

from __future__ import annotations

import enum

from convene.meetings.vocabulary import SessionFormat
from convene.translation import N_, gettext


class AttendanceMode(str, enum.Enum):
    IN_PERSON = "in_person"
    ONLINE_SPEAKING = "online_speaking"
    """A personal link with the floor; limited per delegation."""
    ONLINE_LISTENING = "online_listening"
    """The webcast; not limited."""

    @property
    def label(self) -> str:
        return MODE_LABELS[self]


MODE_LABELS = {
    AttendanceMode.IN_PERSON: N_("In person"),
    AttendanceMode.ONLINE_SPEAKING: N_("Online (speaking)"),
    AttendanceMode.ONLINE_LISTENING: N_("Online (listening)"),
}

# The session's format decides which modes are open.
OPEN_MODES: dict[SessionFormat, set[AttendanceMode]] = {
    SessionFormat.IN_PERSON: {AttendanceMode.IN_PERSON},
    SessionFormat.ONLINE: {AttendanceMode.ONLINE_SPEAKING, AttendanceMode.ONLINE_LISTENING},
    SessionFormat.HYBRID: set(AttendanceMode),
}


class RegistrationStatus(str, enum.Enum):
    SUBMITTED = "submitted"
    APPROVED = "approved"
    WAITLISTED = "waitlisted"
    REJECTED = "rejected"
    CANCELLED = "cancelled"

    @property
    def word(self) -> str:
        """The status as a refusal names it ("a waitlisted registration"), translated."""
        return gettext(REGISTRATION_WORDS[self])


REGISTRATION_WORDS = {
    RegistrationStatus.SUBMITTED: N_("submitted"),
    RegistrationStatus.APPROVED: N_("approved"),
    RegistrationStatus.WAITLISTED: N_("waitlisted"),
    RegistrationStatus.REJECTED: N_("rejected"),
    RegistrationStatus.CANCELLED: N_("cancelled"),
}


# Registrations that hold a place (count against quotas) or wait for one.
HOLDING = [RegistrationStatus.SUBMITTED.value, RegistrationStatus.APPROVED.value]
ACTIVE = [*HOLDING, RegistrationStatus.WAITLISTED.value]

HONORIFICS = ["H.E. Mr.", "H.E. Ms.", "H.E.", "Mr.", "Ms.", "Mx.", "Dr.", "Prof.", ""]

# What a registration says of its person (what a substitution replaces).
PERSON_FIELDS = (
    "honorific",
    "given_name",
    "family_name",
    "function",
    "organization",
    "email",
    "phone",
)
