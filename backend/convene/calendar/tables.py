from piccolo.columns import ForeignKey, OnDelete, Serial, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from convene.accounts.tables import Account


class CalendarFeed(Table):
    """A person's secret feed link: at most one live link per account.

    The link's token is an HMAC of ``nonce`` under the app's secret key, so the
    page can show the same link again; the database keeps only the nonce and
    the token's SHA-256, which is what a feed request is looked up by. Someone
    who reads the database (a leaked backup, say) cannot rebuild a link.
    Rotating draws a new nonce; revoking deletes the row.
    """

    id = Serial(primary_key=True)
    account = ForeignKey(Account, on_delete=OnDelete.cascade)
    token_hash = Varchar(length=64, unique=True)
    nonce = Varchar(length=64)
    created_at = Timestamptz(default=TimestamptzNow())
