from piccolo.columns import (
    Boolean,
    ForeignKey,
    Integer,
    OnDelete,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from convene.accounts.tables import Account
from convene.entities.tables import Entity
from convene.meetings.tables import Session
from convene.sittings.tables import Sitting


class Delegation(Table):
    """One entity's delegation to one session (a joint session is registered for once)."""

    id = Serial(primary_key=True)
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    entity = ForeignKey(Entity, on_delete=OnDelete.restrict)
    credentials_reference = Varchar(length=200, default="")
    """The note verbale or nomination letter, e.g. "Note verbale NV/2020/123 of 3 August 2020"."""
    in_person_quota = Integer(null=True, default=None)
    """Overrides the session's quota for this delegation (set by the secretariat)."""
    online_speaking_quota = Integer(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class Registration(Table):
    """A person in a delegation, with how they attend and where their request stands."""

    id = Serial(primary_key=True)
    delegation = ForeignKey(Delegation, on_delete=OnDelete.cascade)
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    honorific = Varchar(length=20, default="")
    given_name = Varchar(length=100)
    family_name = Varchar(length=100)
    name_order = Varchar(length=12, default="")
    """``given_first`` or ``family_first`` (see ``delegations.names``); empty only in rows written
    without the services, which print in the order the name's letters suggest."""
    function = Varchar(length=200, default="")
    organization = Varchar(length=200, default="")
    email = Varchar(length=254)
    phone = Varchar(length=40, default="")
    mode = Varchar(length=20)
    status = Varchar(length=20)
    is_head = Boolean(default=False)
    badge_code = Varchar(length=12, unique=True)
    waitlisted_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())


class RegistrationEvent(Table):
    """The history of a registration: every change of status, mode or person."""

    id = Serial(primary_key=True)
    registration = ForeignKey(Registration, on_delete=OnDelete.cascade)
    at = Timestamptz(default=TimestamptzNow())
    actor = ForeignKey(Account, null=True, default=None, on_delete=OnDelete.set_null)
    action = Varchar(length=30)
    status = Varchar(length=20)
    mode = Varchar(length=20)
    note = Text(default="")


class CheckIn(Table):
    """A delegate's arrival at the venue, at a sitting when one is under way."""

    id = Serial(primary_key=True)
    registration = ForeignKey(Registration, on_delete=OnDelete.cascade)
    sitting = ForeignKey(Sitting, null=True, default=None, on_delete=OnDelete.set_null)
    at = Timestamptz(default=TimestamptzNow())
    by = ForeignKey(Account, null=True, default=None, on_delete=OnDelete.set_null)


class BulkDecision(Table):
    """One approval or rejection of many registrations at once, as the secretariat sent it.

    Kept so that the page the secretariat is sent to after the action (post/redirect/get) can
    show, and show again on reload, which registrations were decided and which were not, and why.
    """

    id = Serial(primary_key=True)
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    actor = ForeignKey(Account, null=True, default=None, on_delete=OnDelete.set_null)
    decision = Varchar(length=10)
    """``approve`` or ``reject``."""
    reason = Text(default="")
    at = Timestamptz(default=TimestamptzNow())


class BulkOutcome(Table):
    """What became of one registration of a bulk decision: done, unchanged, or refused and why."""

    id = Serial(primary_key=True)
    bulk_decision = ForeignKey(BulkDecision, on_delete=OnDelete.cascade)
    registration_id = Integer()
    """Not a foreign key: an id that names no registration is an outcome too ("not found")."""
    outcome = Varchar(length=10)
    status = Varchar(length=20, null=True, default=None)
    reason = Text(default="")
