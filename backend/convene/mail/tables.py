from piccolo.columns import JSON, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class OutboxMessage(Table):
    """One e-mail to one recipient: pending until the SMTP server accepts it.

    Rows are never deleted by the sender: a message that could not be sent is
    marked ``failed`` and stays for the secretariat to see and retry.
    """

    id = Serial(primary_key=True)
    recipient = Varchar(length=254)
    subject = Varchar(length=300)
    text = Text()
    html = Text(null=True, default=None)
    # [{"filename", "content_type", "disposition", "content_b64"}]
    attachments = JSON(default="[]")
    status = Varchar(length=10, index=True)
    attempts = Integer(default=0)
    next_attempt_at = Timestamptz(default=TimestamptzNow())
    claimed_until = Timestamptz(null=True, default=None)
    last_error = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())
    sent_at = Timestamptz(null=True, default=None)
