"""What a list of speakers records: the lists, their entries, the body's speaking times,
the online speakers' sound checks, and each version of a list as its viewers were told."""

from piccolo.columns import (
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
from convene.agenda.tables import AgendaItem
from convene.delegations.tables import Delegation, Registration
from convene.meetings.tables import Body, Session
from convene.sittings.tables import Sitting


class SpeakingTimes(Table):
    """A body's time limits and order of precedence, or one agenda item's override of them.

    Exactly one of ``body`` and ``agenda_item`` is set. Limits are in seconds;
    ``precedence`` lists the classes of speakers in the order they are taken (``group`` for
    statements on behalf of a group, then participant categories).
    """

    id = Serial(primary_key=True)
    body = ForeignKey(Body, null=True, default=None, on_delete=OnDelete.cascade)
    agenda_item = ForeignKey(AgendaItem, null=True, default=None, on_delete=OnDelete.cascade)
    statement = Integer(default=300)
    observer_statement = Integer(default=180)
    group_statement = Integer(default=300)
    point_of_order = Integer(default=120)
    first_reply = Integer(default=300)
    second_reply = Integer(default=180)
    explanation = Integer(default=300)
    precedence = Varchar(length=200, default="")


class SpeakerList(Table):
    """The list of speakers on one agenda item at one sitting.

    ``version`` grows by one with every change: a console sends the version it shows, and a
    change made on an older one is refused (two consoles pressing "next" advance it once).
    """

    id = Serial(primary_key=True)
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    sitting = ForeignKey(Sitting, on_delete=OnDelete.cascade)
    agenda_item = ForeignKey(AgendaItem, on_delete=OnDelete.cascade)
    status = Varchar(length=10, default="open")
    version = Integer(default=1)
    created_at = Timestamptz(default=TimestamptzNow())


class SpeakerEntry(Table):
    """A delegation's request for the floor, and once called, its delivery.

    Waiting entries are ordered by ``position``: the rules place a new entry, the chair may
    move it. ``elapsed`` counts the seconds spoken before the timer last started
    (``timer_started_at``, null while it stands still).
    """

    id = Serial(primary_key=True)
    speaker_list = ForeignKey(SpeakerList, on_delete=OnDelete.cascade)
    delegation = ForeignKey(Delegation, on_delete=OnDelete.cascade)
    registration = ForeignKey(Registration, null=True, default=None, on_delete=OnDelete.set_null)
    kind = Varchar(length=20)
    on_behalf_of = Varchar(length=200, default="")
    reply_number = Integer(default=0)
    status = Varchar(length=12, default="waiting")
    position = Integer(default=0)
    limit_seconds = Integer()
    inscribed_at = Timestamptz(default=TimestamptzNow())
    called_at = Timestamptz(null=True, default=None)
    timer_started_at = Timestamptz(null=True, default=None)
    elapsed = Integer(default=0)
    ended_at = Timestamptz(null=True, default=None)
    speaker = ForeignKey(Registration, null=True, default=None, on_delete=OnDelete.set_null)
    mode = Varchar(length=10, default="")
    statement_text = Text(default="")
    inscribed_by = ForeignKey(Account, null=True, default=None, on_delete=OnDelete.set_null)


class SoundCheck(Table):
    """The secretariat checked an online speaker's sound for a sitting: they are ready."""

    id = Serial(primary_key=True)
    sitting = ForeignKey(Sitting, on_delete=OnDelete.cascade)
    registration = ForeignKey(Registration, on_delete=OnDelete.cascade)
    checked_at = Timestamptz(default=TimestamptzNow())
    by = ForeignKey(Account, null=True, default=None, on_delete=OnDelete.set_null)


class SpeakerListNews(Table):
    """Each version of a list as its live viewers were told (the message, JSON): a viewer that
    reconnects with ``Last-Event-ID`` is sent the versions it missed from here."""

    id = Serial(primary_key=True)
    speaker_list = ForeignKey(SpeakerList, on_delete=OnDelete.cascade)
    version = Integer()
    message = Text()
