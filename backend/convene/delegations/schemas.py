"""Request and response bodies for delegations, registrations and check-in."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from msgspec import UNSET, Meta, Struct, UnsetType

from convene.delegations.names import NameOrder
from convene.delegations.vocabulary import AttendanceMode
from convene.bounds import Count, PositiveInt
from convene.text import line, matching, text

PersonName = Annotated[str, line(min_length=1, max_length=100)]
Honorific = Annotated[str, line(max_length=20, examples=["H.E. Ms."])]
Email = Annotated[str, matching(r"[^@\s\x00-\x1f\x7f]+@[^@\s\x00-\x1f\x7f]+", min_length=3, max_length=254)]
Phone = Annotated[str, line(max_length=40)]
Text200 = Annotated[str, line(max_length=200)]


class DelegationIn(Struct, forbid_unknown_fields=True):
    entity_id: PositiveInt | None = None
    """The secretariat names the entity; a focal point's delegation is always their own."""
    credentials_reference: Text200 = ""


class DelegationPatch(Struct, forbid_unknown_fields=True):
    credentials_reference: Text200 | UnsetType = UNSET
    in_person_quota: Count | None | UnsetType = UNSET
    online_speaking_quota: Count | None | UnsetType = UNSET


class Places(Struct):
    """How many places of one kind a delegation (or the room) has, and how many are taken."""

    limit: int | None
    used: int
    left: int | None


class DelegationPlaces(Struct):
    in_person: Places
    online_speaking: Places
    room: Places


class PersonIn(Struct, forbid_unknown_fields=True):
    given_name: PersonName
    family_name: PersonName
    email: Email
    honorific: Honorific = ""
    function: Text200 = ""
    organization: Text200 = ""
    phone: Phone = ""
    name_order: NameOrder | None = None
    """Omitted: the order the name's letters suggest (family name first for CJK, Vietnamese, Hungarian)."""


class RegistrationIn(PersonIn, forbid_unknown_fields=True):
    mode: AttendanceMode = AttendanceMode.IN_PERSON
    is_head: bool = False


class RegistrationPatch(Struct, forbid_unknown_fields=True):
    """A correction of the same person's details: their place and approval stay as they are."""

    given_name: PersonName | UnsetType = UNSET
    family_name: PersonName | UnsetType = UNSET
    email: Email | UnsetType = UNSET
    """A new address: the calendar invitations are withdrawn at the old one and sent to it."""
    honorific: Honorific | UnsetType = UNSET
    function: Text200 | UnsetType = UNSET
    organization: Text200 | UnsetType = UNSET
    phone: Phone | UnsetType = UNSET
    is_head: bool | UnsetType = UNSET
    name_order: NameOrder | UnsetType = UNSET


class ModeChange(Struct, forbid_unknown_fields=True):
    mode: AttendanceMode


MOST_AT_ONCE = 500
"""The most registrations one bulk decision takes (the API and the queue page alike)."""
RegistrationIds = Annotated[list[PositiveInt], Meta(min_length=1, max_length=MOST_AT_ONCE)]
Reason = Annotated[str, text(max_length=500)]


class BulkDecision(Struct, forbid_unknown_fields=True):
    registration_ids: RegistrationIds


class BulkRejection(Struct, forbid_unknown_fields=True):
    registration_ids: RegistrationIds
    reason: Reason = ""
    """Required: kept in each rejected registration's history, which its focal point reads."""


class Rejection(Struct, forbid_unknown_fields=True):
    reason: Reason = ""
    """Required: kept in the registration's history, which its focal point reads."""


class RegistrationOut(Struct):
    id: int
    delegation_id: int
    session_id: int
    entity: str
    honorific: str
    given_name: str
    family_name: str
    function: str
    organization: str
    name_order: str
    """``given_first`` or ``family_first``."""
    mode: str
    status: str
    is_head: bool
    waitlist_position: int | None
    arrived: bool
    created_at: datetime
    email: str | None = None
    """Personal data: only for the secretariat, the person and their focal point."""
    phone: str | None = None
    badge_code: str | None = None
    decision_reason: str | None = None
    """Why a rejected registration was rejected, as the secretariat wrote it (for its focal point)."""
    also_registered_by: list[OtherRegistration] | None = None
    """Only for the secretariat: other delegations that registered the same address, to resolve."""


class DelegationOut(Struct):
    id: int
    session_id: int
    entity_id: int
    entity: str
    category: str
    credentials_reference: str
    in_person_quota: int | None
    online_speaking_quota: int | None
    places: DelegationPlaces
    registrations: list[RegistrationOut]


class DecisionResult(Struct):
    """What became of one registration of a bulk decision."""

    registration_id: int
    outcome: str
    """``done``; ``unchanged`` (it already was approved, or rejected); ``refused`` (see ``error``)."""
    status: str | None
    """The registration's status now (None for an id that names no registration of the session)."""
    error: str | None = None
    """Why it was refused."""


class OtherRegistration(Struct):
    """The same person (e-mail address) registered for the session by another delegation."""

    registration_id: int
    entity: str
    status: str


class EventOut(Struct):
    at: datetime
    action: str
    status: str
    mode: str
    note: str
    actor: str | None


class CheckInIn(Struct, forbid_unknown_fields=True):
    badge_code: Annotated[str, line(min_length=4, max_length=12)] | None = None
    registration_id: PositiveInt | None = None
    sitting_id: PositiveInt | None = None


class AttendeeOut(Struct):
    registration_id: int
    name: str
    entity: str
    badge_code: str
    arrived: bool
    arrived_at: datetime | None
    """The first arrival at the session (a repeated check-in keeps it)."""
    already_checked_in: bool = False
    """On a check-in: the person had arrived before it, so it recorded nothing new."""
