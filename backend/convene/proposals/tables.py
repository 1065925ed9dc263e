from piccolo.columns import (
    Boolean,
    Date,
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
from convene.entities.tables import Entity
from convene.meetings.tables import Session


class Proposal(Table):
    """A draft resolution or decision of a session: one L number, its versions, sponsors and
    fate."""

    id = Serial(primary_key=True)
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    agenda_item = ForeignKey(AgendaItem, null=True, default=None, on_delete=OnDelete.set_null)
    kind = Varchar(length=20)
    serial = Integer()
    """The L number: 8 in CAC/COSP/2017/L.8."""
    status = Varchar(length=20, index=True)
    sponsorship_deadline = Timestamptz(null=True, default=None)
    outcome = Varchar(length=30, null=True, default=None)
    acted_on = Date(null=True, default=None)
    adopted_number = Integer(null=True, default=None)
    """3 in "resolution 7/3": the order of adoption among the session's texts of its kind."""
    adopted_symbol = Varchar(length=40, default="")
    amendments = Text(default="")
    """The oral amendments as read out, when adopted as orally amended."""
    adopted_text = Text(default="")
    """The adopted text (JSON, as a version's), once adopted."""
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())


class ProposalVersion(Table):
    """One issue of a proposal: the original (revision 0) or Rev.1, Rev.2, with its own text and
    sponsors line."""

    id = Serial(primary_key=True)
    proposal = ForeignKey(Proposal, on_delete=OnDelete.cascade)
    revision = Integer()
    symbol = Varchar(length=80, unique=True)
    title = Varchar(length=500)
    text = Text(default="")
    """The structured text as JSON (addressee, paragraphs, footnotes)."""
    sponsors = Text(default="")
    """The sponsors' short names (JSON) as printed when issued; empty while a draft."""
    sponsors_line = Varchar(length=2000, default="")
    issued_on = Date(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class Sponsorship(Table):
    """A State party's (or the European Union's) sponsorship of a proposal; withdrawn ones are
    kept."""

    id = Serial(primary_key=True)
    proposal = ForeignKey(Proposal, on_delete=OnDelete.cascade)
    entity = ForeignKey(Entity, on_delete=OnDelete.restrict)
    is_main = Boolean(default=False)
    """A main sponsor submitted the draft; the others joined once it was issued."""
    joined_at = Timestamptz(default=TimestamptzNow())
    withdrawn_at = Timestamptz(null=True, default=None)
    changed_by = ForeignKey(Account, null=True, default=None, on_delete=OnDelete.set_null)
