"""What a hybrid sitting records: seats, the door's scans, who is inside, who is online."""

from piccolo.columns import (
    ForeignKey,
    Integer,
    OnDelete,
    Serial,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from convene.accounts.tables import Account
from convene.delegations.tables import Delegation, Registration
from convene.meetings.tables import Body, Session
from convene.sittings.tables import Sitting


class HybridSetup(Table):
    """A session's arrangements for its hybrid sittings (one row per session, once set).

    ``seats_at_table`` is how many of a delegation's badge holders may sit in the room at
    any moment (UN practice: two); ``listening_link`` is the webcast that those without a
    speaking place follow. The speaking link is the sitting's own, else the session's.
    """

    id = Serial(primary_key=True)
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    seats_at_table = Integer(default=2)
    listening_link = Varchar(length=500, default="")


class DelegationSeats(Table):
    """The secretariat's override of the seats at the table for one delegation."""

    id = Serial(primary_key=True)
    delegation = ForeignKey(Delegation, on_delete=OnDelete.cascade)
    seats_at_table = Integer()


class QuorumRule(Table):
    """A body's quorum: a fraction of the States parties participating to open a sitting,
    and more than a fraction of those present for a decision (defaults: 1/3 and 1/2)."""

    id = Serial(primary_key=True)
    body = ForeignKey(Body, on_delete=OnDelete.cascade)
    opening_numerator = Integer(default=1)
    opening_denominator = Integer(default=3)
    decision_numerator = Integer(default=1)
    decision_denominator = Integer(default=2)


class SeatPlan(Table):
    """A delegate the focal point expects to sit at the table at one sitting."""

    id = Serial(primary_key=True)
    sitting = ForeignKey(Sitting, on_delete=OnDelete.cascade)
    delegation = ForeignKey(Delegation, on_delete=OnDelete.cascade)
    registration = ForeignKey(Registration, on_delete=OnDelete.cascade)


class DoorScan(Table):
    """One badge scan at a door, as the device made it (``scanned_at``) and what it decided.

    Scans are decided in the order they were made, (``scanned_at``, ``idempotency_key``),
    whenever they arrive: ``outcome`` is what that order gives.
    """

    id = Serial(primary_key=True)
    sitting = ForeignKey(Sitting, on_delete=OnDelete.cascade)
    registration = ForeignKey(Registration, on_delete=OnDelete.cascade)
    delegation = ForeignKey(Delegation, on_delete=OnDelete.cascade)
    direction = Varchar(length=3)
    scanned_at = Timestamptz()
    idempotency_key = Varchar(length=100, unique=True)
    door = Varchar(length=50, default="")
    outcome = Varchar(length=20)
    received_at = Timestamptz(default=TimestamptzNow())
    by = ForeignKey(Account, null=True, default=None, on_delete=OnDelete.set_null)


class InRoom(Table):
    """Someone inside the room at a sitting now, since their accepted scan in."""

    id = Serial(primary_key=True)
    sitting = ForeignKey(Sitting, on_delete=OnDelete.cascade)
    registration = ForeignKey(Registration, on_delete=OnDelete.cascade)
    delegation = ForeignKey(Delegation, on_delete=OnDelete.cascade)
    since = Timestamptz()


class OnlineVisit(Table):
    """One stretch of someone following a sitting online, through their personal link
    (kept alive by the page's heartbeat) or imported from the platform's report."""

    id = Serial(primary_key=True)
    sitting = ForeignKey(Sitting, on_delete=OnDelete.cascade)
    registration = ForeignKey(Registration, on_delete=OnDelete.cascade)
    delegation = ForeignKey(Delegation, on_delete=OnDelete.cascade)
    mode = Varchar(length=20)
    joined_at = Timestamptz()
    last_seen_at = Timestamptz()
    left_at = Timestamptz(null=True, default=None)
    source = Varchar(length=20, default="link")
