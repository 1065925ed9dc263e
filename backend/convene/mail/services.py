"""The outbox's rules: enqueue inside the caller's transaction, deliver later with retries.

Writing the message in the same transaction as the change that caused it
means an invitation is never sent for an account that was rolled back, and
never lost for one that was committed. Delivery happens outside any request:
a loop in each worker (see :mod:`convene.mail.sender`) calls
:func:`deliver_pending`, which tests call directly.

Retry policy: a failed attempt is retried after 1, 2, 4, ... minutes (capped at
one hour); after ``MAX_ATTEMPTS`` attempts, or at once when the server refuses
the recipient with a permanent (5xx) answer, the message is marked ``failed``
and kept. Several workers can run the sender at once: each message is
claimed with a conditional UPDATE before it is sent, so it is sent once.
"""

from __future__ import annotations

import asyncio
import base64
import email.message
import email.utils
import enum
import json
import logging
import re
import smtplib
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from typing import Any

import msgspec
from email_validator import EmailNotValidError, validate_email

from convene.db import locked_transaction
from convene.errors import NotFound
from convene.events.bus import publish
from convene.mail.events import OutboxRetried
from convene.mail.schemas import Attachment, DeliveryReport, OutboxMessageOut, OutboxMessageRead
from convene.mail.tables import OutboxMessage
from convene.settings import SmtpSettings
from convene.translation import gettext

logger = logging.getLogger("convene.mail")

MAX_ATTEMPTS = 8
BACKOFF_FIRST = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=1)
CLAIM_FOR = timedelta(minutes=5)
BATCH_SIZE = 50
SMTP_TIMEOUT_SECONDS = 30
LINK_SECRET = re.compile(r"(?<=[?&]token=)[\w-]+|(?<=/calendar/personal/)[\w-]+")
"""The secret part of a one-time link (``?token=``) or of a personal calendar link."""
REDACTED = "[redacted]"
ALTERNATIVE = "alternative"


class MailStatus(str, enum.Enum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


def _now() -> datetime:
    return datetime.now(UTC)


def _header_safe(value: str, what: str) -> str:
    """Refuse line breaks, the way header injection gets in."""
    if "\r" in value or "\n" in value:
        raise ValueError(f"The {what} must not contain line breaks")
    return value


def _checked_recipient(to: str) -> str:
    _header_safe(to, "recipient")
    _name, address = email.utils.parseaddr(to)
    if "@" not in address:
        raise ValueError(f"{to!r} is not an e-mail address")
    return to.strip()


def _encoded_attachments(attachments: Iterable[Attachment]) -> str:
    return json.dumps(
        [
            {
                "filename": _header_safe(item.filename, "attachment file name"),
                "content_type": _header_safe(item.content_type, "attachment content type"),
                "disposition": item.disposition,
                "content_b64": base64.b64encode(item.content).decode("ascii"),
            }
            for item in attachments
        ]
    )


async def enqueue(
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    attachments: Sequence[Attachment] = (),
) -> int:
    """Write a message to the outbox and return its id.

    Call it inside the transaction of the change that causes the message; the
    row is then committed, or rolled back, with that change.
    """
    message = OutboxMessage(
        recipient=_checked_recipient(to),
        subject=_header_safe(subject, "subject"),
        text=text,
        html=html,
        attachments=_encoded_attachments(attachments),
        status=MailStatus.PENDING.value,
        next_attempt_at=_now(),
    )
    await message.save()
    return message.id


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: 1, 2, 4 ... minutes, at most an hour."""
    return min(BACKOFF_FIRST * 2 ** max(attempts - 1, 0), BACKOFF_CAP)


async def deliver_pending(
    smtp: SmtpSettings, *, now: datetime | None = None, limit: int = BATCH_SIZE
) -> DeliveryReport:
    """Send every message that is due, once, and record how each attempt went."""
    now = now or _now()
    report = DeliveryReport()
    for row in await _due_messages(now, limit):
        if not await _claim(row["id"], now):
            continue  # another worker took it
        try:
            await asyncio.to_thread(_send, smtp, _email_message(row, smtp.sender))
        except Exception as error:  # any failure to hand it over is recorded, never lost
            await _record_failure(row, error, now, report)
        else:
            await _record_success(row, report)
    return report


async def _due_messages(now: datetime, limit: int) -> list[dict[str, Any]]:
    return (
        await OutboxMessage.select()
        .where(
            (OutboxMessage.status == MailStatus.PENDING.value)
            & (OutboxMessage.next_attempt_at <= now)
            & (OutboxMessage.claimed_until.is_null() | (OutboxMessage.claimed_until < now))
        )
        .order_by(OutboxMessage.next_attempt_at)
        .order_by(OutboxMessage.id)
        .limit(limit)
    )


async def _claim(message_id: int, now: datetime) -> bool:
    """Mark the message as being sent by this worker; False if another got there first."""
    claimed = (
        await OutboxMessage.update({OutboxMessage.claimed_until: now + CLAIM_FOR})
        .where(
            (OutboxMessage.id == message_id)
            & (OutboxMessage.status == MailStatus.PENDING.value)
            & (OutboxMessage.claimed_until.is_null() | (OutboxMessage.claimed_until < now))
        )
        .returning(OutboxMessage.id)
    )
    return bool(claimed)


def redacted(body: str) -> str:
    """``body`` with the secrets of its links replaced: what a sent message keeps.

    Invitation and reset links work once and personal calendar links for good;
    once the message is delivered its copy in the outbox must not be a way in.
    The secretariat still sees to whom, when and what was sent.
    """
    return LINK_SECRET.sub(REDACTED, body)


async def _record_success(row: dict[str, Any], report: DeliveryReport) -> None:
    await OutboxMessage.update(
        {
            OutboxMessage.text: redacted(row["text"]),
            OutboxMessage.html: redacted(row["html"]) if row["html"] else row["html"],
            OutboxMessage.status: MailStatus.SENT.value,
            OutboxMessage.attempts: row["attempts"] + 1,
            OutboxMessage.sent_at: _now(),
            OutboxMessage.claimed_until: None,
            OutboxMessage.last_error: "",
        }
    ).where(OutboxMessage.id == row["id"])
    report.sent += 1


async def _record_failure(
    row: dict[str, Any], error: Exception, now: datetime, report: DeliveryReport
) -> None:
    attempts = row["attempts"] + 1
    give_up = attempts >= MAX_ATTEMPTS or _is_permanent(error)
    logger.warning(
        "outbox message %s to %s: attempt %s failed (%s)%s",
        row["id"],
        row["recipient"],
        attempts,
        error,
        ", giving up" if give_up else "",
    )
    values: dict[Any, Any] = {
        OutboxMessage.status: (MailStatus.FAILED if give_up else MailStatus.PENDING).value,
        OutboxMessage.attempts: attempts,
        OutboxMessage.claimed_until: None,
        OutboxMessage.last_error: f"{type(error).__name__}: {error}"[:2000],
    }
    if not give_up:
        values[OutboxMessage.next_attempt_at] = now + backoff(attempts)
    await OutboxMessage.update(values).where(OutboxMessage.id == row["id"])
    if give_up:
        report.failed += 1
    else:
        report.retrying += 1


class NoInternationalMail(smtplib.SMTPNotSupportedError):
    """The recipient's address needs SMTPUTF8 (RFC 6531), which the mail server does not offer."""

    def __str__(self) -> str:
        return (
            "The mail server does not offer SMTPUTF8, which this recipient's address needs "
            "(letters beyond ASCII before the @): ask for an address in ASCII, or a server that offers it"
        )


def _is_permanent(error: Exception) -> bool:
    """Only the recipient refused for good (5xx), or unreachable by this server, is not worth retrying.

    Everything else, including a refused sender (a configuration problem the
    secretariat can fix), is retried so that no mail is dropped by mistake.
    """
    if isinstance(error, NoInternationalMail):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return False


def _email_message(row: dict[str, Any], sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = on_the_wire(row["recipient"])
    message["Subject"] = row["subject"]
    message["Date"] = email.utils.format_datetime(row["created_at"])
    message["Message-ID"] = _message_id(row, sender)
    message.set_content(row["text"])
    if row["html"]:
        message.add_alternative(row["html"], subtype="html")
    items = _decoded_attachments(row["attachments"])
    for item in items:
        if item.get("disposition") == ALTERNATIVE:
            _add_alternative(message, item)
    for item in items:  # after the alternatives: the first file makes the message multipart/mixed
        if item.get("disposition") != ALTERNATIVE:
            _attach(message, item)
    return message


def _message_id(row: dict[str, Any], sender: str) -> str:
    """Stable across retries, so a receiving server can drop a duplicate."""
    domain = email.utils.parseaddr(sender)[1].rpartition("@")[2] or "convene.localhost"
    return f"<outbox-{row['id']}-{int(row['created_at'].timestamp())}@{domain}>"


def _decoded_attachments(stored: str | list[dict[str, str]] | None) -> list[dict[str, str]]:
    if not stored:
        return []
    return json.loads(stored) if isinstance(stored, str) else stored


def _add_alternative(message: EmailMessage, item: dict[str, str]) -> None:
    """Another form of the text (``text/calendar; method=REQUEST``), with no file name."""
    parsed, params = _content_type(item["content_type"])
    charset = params.pop("charset", "utf-8")
    message.add_alternative(
        base64.b64decode(item["content_b64"]).decode(charset),
        subtype=parsed.get_content_subtype(),
        charset=charset,
        params=params,
    )


def _content_type(value: str) -> tuple[email.message.Message, dict[str, str]]:
    """The content type, and its parameters (``method=REQUEST``) to keep on the MIME part."""
    parsed = email.message.Message()
    parsed["Content-Type"] = value
    return parsed, {key: value for key, value in (parsed.get_params() or [])[1:]}


def _attach(message: EmailMessage, item: dict[str, str]) -> None:
    """Attach one file, keeping every parameter of its content type (``method=REQUEST``)."""
    parsed, params = _content_type(item["content_type"])
    message.add_attachment(
        base64.b64decode(item["content_b64"]),
        maintype=parsed.get_content_maintype(),
        subtype=parsed.get_content_subtype(),
        filename=item["filename"],
        disposition=item.get("disposition", "attachment"),
        params=params,
    )


def on_the_wire(recipient: str) -> str:
    """The recipient as the To header carries it: a domain beyond ASCII in its ASCII (IDNA) form.

    Only an address whose local part (before the @) is beyond ASCII then needs
    the server's SMTPUTF8; ``zoe@ministère.example.org`` goes anywhere.
    """
    name, address = email.utils.parseaddr(recipient)
    try:
        ascii_form = validate_email(address, check_deliverability=False).ascii_email
    except EmailNotValidError:
        ascii_form = None
    return addressed(name, ascii_form or address)


def addressed(name: str, address: str) -> str:
    """``Name <address>`` (or the address alone), either part beyond ASCII if need be.

    Built from the address's two halves: the standard library refuses to parse
    a local part beyond ASCII, though RFC 6531 allows it.
    """
    username, _, domain = address.rpartition("@")
    return str(Address(display_name=" ".join(name.split()), username=username, domain=domain))


def _send(smtp: SmtpSettings, message: EmailMessage) -> None:
    """Hand one message to the SMTP server (blocking; run in a thread).

    smtplib asks for SMTPUTF8 itself when an address needs it; a server that
    does not offer it is a failure recorded on the message, in words.
    """
    implicit_tls = smtp.use_tls and smtp.port == 465
    client_class = smtplib.SMTP_SSL if implicit_tls else smtplib.SMTP
    with client_class(smtp.host, smtp.port, timeout=SMTP_TIMEOUT_SECONDS) as client:
        if smtp.use_tls and not implicit_tls:
            client.starttls()
        if smtp.username:
            client.login(smtp.username, smtp.password or "")
        try:
            client.send_message(message)
        except smtplib.SMTPNotSupportedError as error:
            raise NoInternationalMail() from error


async def retry_failed(actor: Any, message_id: int) -> None:
    """The secretariat sends a failed message again (audited); 404 if it is not a failed one."""
    async with locked_transaction(f"outbox:{message_id}"):
        if not await retry(message_id):
            raise NotFound(gettext("Failed message not found"))
        await publish(OutboxRetried(actor=actor, action="outbox.retried", object_id=message_id))


async def retry(message_id: int) -> bool:
    """Put a failed message back in the queue now; False if there is no such failed message."""
    updated = (
        await OutboxMessage.update(
            {
                OutboxMessage.status: MailStatus.PENDING.value,
                OutboxMessage.next_attempt_at: _now(),
                OutboxMessage.attempts: 0,
            }
        )
        .where((OutboxMessage.id == message_id) & (OutboxMessage.status == MailStatus.FAILED.value))
        .returning(OutboxMessage.id)
    )
    return bool(updated)


async def list_messages(
    status: MailStatus | None, *, limit: int, offset: int
) -> tuple[list[OutboxMessageOut], int]:
    """A page of messages, newest first, without their bodies."""
    query = OutboxMessage.select().order_by(OutboxMessage.id, ascending=False)
    count_query = OutboxMessage.count()
    if status is not None:
        query = query.where(OutboxMessage.status == status.value)
        count_query = count_query.where(OutboxMessage.status == status.value)
    rows = await query.limit(limit).offset(offset)
    return [_message_out(row) for row in rows], await count_query


async def read_messages(
    status: MailStatus | None, *, limit: int, offset: int
) -> tuple[list[OutboxMessageRead], int]:
    """A page of messages, newest first, each with its text: the secretariat's outbox page."""
    query = OutboxMessage.select().order_by(OutboxMessage.id, ascending=False)
    count_query = OutboxMessage.count()
    if status is not None:
        query = query.where(OutboxMessage.status == status.value)
        count_query = count_query.where(OutboxMessage.status == status.value)
    rows = await query.limit(limit).offset(offset)
    return [
        OutboxMessageRead(**msgspec.structs.asdict(_message_out(row)), text=row["text"])
        for row in rows
    ], await count_query


async def message_out(message_id: int) -> OutboxMessageOut:
    row = await OutboxMessage.select().where(OutboxMessage.id == message_id).first()
    if row is None:
        raise LookupError(message_id)
    return _message_out(row)


def _message_out(row: dict[str, Any]) -> OutboxMessageOut:
    return OutboxMessageOut(
        id=row["id"],
        recipient=row["recipient"],
        subject=row["subject"],
        status=row["status"],
        attempts=row["attempts"],
        next_attempt_at=row["next_attempt_at"],
        last_error=row["last_error"],
        created_at=row["created_at"],
        sent_at=row["sent_at"],
        attachments=[
            item["filename"]
            for item in _decoded_attachments(row["attachments"])
            if item.get("disposition") != ALTERNATIVE
        ],
    )
