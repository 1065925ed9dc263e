"""Lists of speakers: speaking times, lists, entries, sound checks, and the news of each version."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import ForeignKey, Integer, OnDelete, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table, create_db_tables

ID = "2026-12-02T05:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Speaking times, lists of speakers, their entries, sound checks and news"


class Session(Table, tablename="session"):
    pass


class Body(Table, tablename="body"):
    pass


class Sitting(Table, tablename="sitting"):
    pass


class AgendaItem(Table, tablename="agenda_item"):
    pass


class Delegation(Table, tablename="delegation"):
    pass


class Registration(Table, tablename="registration"):
    pass


class Account(Table, tablename="account"):
    pass


class SpeakingTimes(Table, tablename="speaking_times"):
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


class SpeakerList(Table, tablename="speaker_list"):
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    sitting = ForeignKey(Sitting, on_delete=OnDelete.cascade)
    agenda_item = ForeignKey(AgendaItem, on_delete=OnDelete.cascade)
    status = Varchar(length=10, default="open")
    version = Integer(default=1)
    created_at = Timestamptz(default=TimestamptzNow())


class SpeakerEntry(Table, tablename="speaker_entry"):
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


class SoundCheck(Table, tablename="sound_check"):
    sitting = ForeignKey(Sitting, on_delete=OnDelete.cascade)
    registration = ForeignKey(Registration, on_delete=OnDelete.cascade)
    checked_at = Timestamptz(default=TimestamptzNow())
    by = ForeignKey(Account, null=True, default=None, on_delete=OnDelete.set_null)


class SpeakerListNews(Table, tablename="speaker_list_news"):
    speaker_list = ForeignKey(SpeakerList, on_delete=OnDelete.cascade)
    version = Integer()
    message = Text()


TABLES = [SpeakingTimes, SpeakerList, SpeakerEntry, SoundCheck, SpeakerListNews]

INDEXES = [
    "CREATE UNIQUE INDEX speaking_times_body ON speaking_times (body)",
    "CREATE UNIQUE INDEX speaking_times_item ON speaking_times (agenda_item)",
    # One list per item and sitting: two consoles opening it at once make one.
    "CREATE UNIQUE INDEX speaker_list_once ON speaker_list (sitting, agenda_item)",
    "CREATE INDEX speaker_entry_list ON speaker_entry (speaker_list, status, position)",
    "CREATE UNIQUE INDEX sound_check_once ON sound_check (sitting, registration)",
    "CREATE UNIQUE INDEX speaker_list_news_once ON speaker_list_news (speaker_list, version)",
]


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="speakers", description=DESCRIPTION)

    async def create() -> None:
        await create_db_tables(*TABLES)
        for statement in INDEXES:
            await SpeakerList.raw(statement)

    manager.add_raw(create)
    return manager
