from piccolo.columns import ForeignKey, Integer, OnDelete, Serial, Text, Varchar
from piccolo.table import Table

from convene.meetings.tables import Session


class AgendaItem(Table):
    """An agenda item (``parent`` empty) or a sub-item; numbered by ``position``."""

    id = Serial(primary_key=True)
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    parent: ForeignKey["AgendaItem"] = ForeignKey("self", null=True, default=None, on_delete=OnDelete.cascade)
    position = Integer()
    title = Varchar(length=500)
    """In English, the source of its translations below (empty: not translated yet)."""
    title_ar = Varchar(length=500, default="")
    title_zh = Varchar(length=500, default="")
    title_fr = Varchar(length=500, default="")
    title_ru = Varchar(length=500, default="")
    title_es = Varchar(length=500, default="")
    description = Text(default="")


class Document(Table):
    """A session document with its UN symbol, optionally listed under an item."""

    id = Serial(primary_key=True)
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    agenda_item = ForeignKey(AgendaItem, null=True, default=None, on_delete=OnDelete.set_null)
    symbol = Varchar(length=80, unique=True)
    title = Varchar(length=500)
    # Comma-separated official languages it is available in: ar,zh,en,fr,ru,es.
    languages = Varchar(length=40, default="en")
    link = Varchar(length=500, default="")
