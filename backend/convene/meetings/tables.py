from piccolo.columns import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    OnDelete,
    Serial,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from convene.entities.tables import Entity


class Body(Table):
    """A body that holds sessions: the Conference, a working group, an expert meeting."""

    id = Serial(primary_key=True)
    code = Varchar(length=20, unique=True)
    name = Varchar(length=300)
    """The name in English, the source of its translations below (empty: not translated yet)."""
    name_ar = Varchar(length=300, default="")
    name_zh = Varchar(length=300, default="")
    name_fr = Varchar(length=300, default="")
    name_ru = Varchar(length=300, default="")
    name_es = Varchar(length=300, default="")
    short_name = Varchar(length=100)
    symbol_prefix = Varchar(length=60)
    # Comma-separated participant categories the body admits by default.
    admitted_categories = Varchar(length=200)


class Session(Table):
    """A session held by one body, or jointly by several (see ``SessionPart``)."""

    id = Serial(primary_key=True)
    subject = Varchar(length=300, default="")
    # The secretariat's correction of the derived title, per language (empty: derived).
    title = Varchar(length=500, default="")
    title_ar = Varchar(length=500, default="")
    title_zh = Varchar(length=500, default="")
    title_fr = Varchar(length=500, default="")
    title_ru = Varchar(length=500, default="")
    title_es = Varchar(length=500, default="")
    start_date = Date()
    end_date = Date()
    venue_name = Varchar(length=200, default="")
    city = Varchar(length=100, default="")
    timezone = Varchar(length=64)
    format = Varchar(length=20)
    status = Varchar(length=20, index=True)
    symbol_prefix = Varchar(length=60)
    in_person_quota = Integer(null=True, default=None)
    online_speaking_quota = Integer(null=True, default=None)
    room_capacity = Integer(null=True, default=None)
    platform_name = Varchar(length=100, default="")
    join_link = Varchar(length=500, default="")
    interpretation_languages = Varchar(length=100, default="")
    admitted_categories = Varchar(length=200)
    registration_opens = Date(null=True, default=None)
    registration_closes = Date(null=True, default=None)
    agenda_status = Varchar(length=20, default="provisional")
    agenda_adopted_on = Date(null=True, default=None)
    participants_published = Boolean(default=False)
    sequence = Integer(default=0)
    """Counts the changes a calendar's all-day event of the session shows (iCalendar SEQUENCE)."""
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())


class SessionPart(Table):
    """One body's share of a session, with that body's own numbering.

    A joint session is one meeting but, for each body, a different session:
    "first resumed eleventh session" of one, "eleventh session" of another.
    """

    id = Serial(primary_key=True)
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    body = ForeignKey(Body, on_delete=OnDelete.restrict)
    position = Integer(default=1)
    kind = Varchar(length=20)
    number = Integer(null=True, default=None)
    resumption = Integer(null=True, default=None)


class Officer(Table):
    """An officer of a session's bureau: President or Chair, Vice-President, Rapporteur."""

    id = Serial(primary_key=True)
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    role = Varchar(length=20)
    honorific = Varchar(length=20, default="")
    name = Varchar(length=200)
    entity = ForeignKey(Entity, null=True, default=None, on_delete=OnDelete.restrict)
    position = Integer(default=1)
