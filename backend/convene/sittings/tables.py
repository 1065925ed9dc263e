from piccolo.columns import ForeignKey, Integer, OnDelete, Serial, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from convene.agenda.tables import AgendaItem
from convene.meetings.tables import Session


class Sitting(Table):
    """One sitting ("3rd meeting"), stored in UTC and shown in the venue's time.

    ``sequence`` counts the changes a calendar must hear about (time, room,
    link, cancellation), as iCalendar's SEQUENCE does.
    """

    id = Serial(primary_key=True)
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    title = Varchar(length=200)
    starts_at = Timestamptz()
    ends_at = Timestamptz()
    room = Varchar(length=100, default="")
    online_link = Varchar(length=500, default="")
    status = Varchar(length=20, default="scheduled")
    sequence = Integer(default=0)
    updated_at = Timestamptz(default=TimestamptzNow())


class SittingItem(Table):
    """An agenda item taken up at a sitting."""

    id = Serial(primary_key=True)
    sitting = ForeignKey(Sitting, on_delete=OnDelete.cascade)
    agenda_item = ForeignKey(AgendaItem, on_delete=OnDelete.cascade)
    position = Integer(default=1)
