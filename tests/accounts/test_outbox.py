"""The outbox: mail written with the change, sent over SMTP with retries, never lost."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from httpx import AsyncClient

from convene.db import locked_transaction
from convene.mail import services as mail
from convene.mail.schemas import Attachment
from convene.mail.services import MAX_ATTEMPTS, backoff, deliver_pending, enqueue
from convene.mail.tables import OutboxMessage
from convene.settings import Settings
from tests.accounts.conftest import SmtpServer
from tests.conftest import AppBuilder, running

CALENDAR = b"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"


async def _message() -> dict[str, Any]:
    return await OutboxMessage.select().first()


async def test_mail_waits_while_smtp_is_down_then_goes_out_when_it_is_up(
    app: Any, smtp_port_down: SmtpServer
) -> None:
    await enqueue(
        "Ms. Anna Huber <focal@austria.example>",
        "Invitation: eleventh session",
        "Please find the meeting attached.",
        html="<p>Please find the meeting attached.</p>",
        attachments=[
            Attachment("invite.ics", CALENDAR, "text/calendar; method=REQUEST; charset=utf-8")
        ],
    )
    now = datetime.now(UTC)
    report = await deliver_pending(smtp_port_down.settings, now=now)
    assert (report.sent, report.retrying, report.failed) == (0, 1, 0)
    row = await _message()
    assert row["status"] == "pending" and row["attempts"] == 1
    assert "Connection" in row["last_error"] or "refused" in row["last_error"].lower()
    assert row["next_attempt_at"] - now == backoff(1) == timedelta(minutes=1)

    smtp_port_down.start()
    too_early = await deliver_pending(smtp_port_down.settings, now=now + timedelta(seconds=30))
    assert too_early.sent == 0 and smtp_port_down.inbox.envelopes == []

    later = await deliver_pending(smtp_port_down.settings, now=now + timedelta(minutes=2))
    assert later.sent == 1
    row = await _message()
    assert row["status"] == "sent" and row["attempts"] == 2 and row["sent_at"] is not None
    [envelope] = smtp_port_down.inbox.envelopes
    assert envelope.rcpt_tos == ["focal@austria.example"]
    [message] = smtp_port_down.inbox.messages
    assert message["Subject"] == "Invitation: eleventh session"
    assert message["From"] == "Convene <secretariat@convene.test>"
    assert message.get_body(("plain",)).get_content().strip() == "Please find the meeting attached."
    assert (
        message.get_body(("html",)).get_content().strip()
        == "<p>Please find the meeting attached.</p>"
    )
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "REQUEST"
    assert attachment.get_filename() == "invite.ics"
    assert attachment.get_payload(decode=True) == CALENDAR
    assert (
        await deliver_pending(smtp_port_down.settings, now=now + timedelta(hours=1))
        == mail.DeliveryReport()
    )


async def test_the_wait_doubles_up_to_an_hour() -> None:
    assert [backoff(n) for n in (1, 2, 3, 7, 8, 20)] == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
        timedelta(hours=1),
        timedelta(hours=1),
        timedelta(hours=1),
    ]


async def test_after_the_last_attempt_the_message_is_failed_but_kept(
    app: Any, smtp_port_down: SmtpServer
) -> None:
    await enqueue("delegate@austria.example", "Subject", "Text")
    moment = datetime.now(UTC)
    for _ in range(MAX_ATTEMPTS):
        await deliver_pending(smtp_port_down.settings, now=moment)
        moment += timedelta(hours=2)
    row = await _message()
    assert row["status"] == "failed" and row["attempts"] == MAX_ATTEMPTS
    assert await OutboxMessage.count() == 1
    assert (await deliver_pending(smtp_port_down.settings, now=moment)).failed == 0


async def test_a_recipient_refused_for_good_fails_at_once(
    app: Any, smtp_server: SmtpServer
) -> None:
    class Refusing:
        async def handle_RCPT(
            self, server: Any, session: Any, envelope: Any, address: str, options: Any
        ) -> str:
            return "550 5.1.1 No such mailbox"

    smtp_server.stop()
    smtp_server.inbox = Refusing()  # type: ignore[assignment]
    smtp_server.start()
    await enqueue("nobody@austria.example", "Subject", "Text")
    report = await deliver_pending(smtp_server.settings)
    assert report.failed == 1
    row = await _message()
    assert row["status"] == "failed" and "550" in row["last_error"]


async def test_mail_of_a_rolled_back_change_is_never_written(app: Any) -> None:
    with pytest.raises(RuntimeError):
        async with locked_transaction("test"):
            await enqueue("delegate@austria.example", "Subject", "Text")
            raise RuntimeError("the change failed")
    assert await OutboxMessage.count() == 0


async def test_two_senders_at_once_send_each_message_once(
    app: Any, smtp_server: SmtpServer
) -> None:
    for n in range(6):
        await enqueue(f"delegate{n}@austria.example", f"Message {n}", "Text")
    reports = await asyncio.gather(
        deliver_pending(smtp_server.settings), deliver_pending(smtp_server.settings)
    )
    assert sum(report.sent for report in reports) == 6
    assert sorted(m["Subject"] for m in smtp_server.inbox.messages) == [
        f"Message {n}" for n in range(6)
    ]


async def test_header_injection_is_refused(app: Any) -> None:
    with pytest.raises(ValueError):
        await enqueue("a@b.example", "Hello\r\nBcc: victim@example.org", "Text")
    with pytest.raises(ValueError):
        await enqueue("not an address", "Hello", "Text")


async def test_the_background_sender_delivers_while_the_app_runs(
    app: Any, settings: Settings, smtp_server: SmtpServer, build_app: AppBuilder
) -> None:
    """``app`` empties the tables before the sender's own app starts (and sends what it finds)."""
    sending = build_app(
        dataclasses.replace(settings, smtp=smtp_server.settings, mail_poll_seconds=0.05)
    )
    async with running(sending):
        await enqueue("delegate@austria.example", "From the loop", "Text")
        for _ in range(200):
            if (await _message())["status"] == "sent":
                break
            await asyncio.sleep(0.05)
    assert [m["Subject"] for m in smtp_server.inbox.messages] == ["From the loop"]
    assert (await _message())["status"] == "sent"


async def test_the_secretariat_sees_the_outbox_and_retries_a_failed_message(
    client: AsyncClient, secretariat: dict[str, str], smtp_server: SmtpServer
) -> None:
    await enqueue("delegate@austria.example", "Stuck", "Text")
    await OutboxMessage.update(
        {OutboxMessage.status: "failed", OutboxMessage.attempts: MAX_ATTEMPTS}, force=True
    )
    listed = (
        await client.get("/api/outbox", params={"status": "failed"}, headers=secretariat)
    ).json()
    assert listed["total"] == 1 and listed["items"][0]["subject"] == "Stuck"
    row_id = listed["items"][0]["id"]
    retried = await client.post(f"/api/outbox/{row_id}/retry", headers=secretariat)
    assert retried.status_code == 200 and retried.json()["status"] == "pending"
    assert (
        await client.post(f"/api/outbox/{row_id}/retry", headers=secretariat)
    ).status_code == 404
    assert (await deliver_pending(smtp_server.settings)).sent == 1
    assert (
        await client.get("/api/outbox", params={"status": "bogus"}, headers=secretariat)
    ).status_code == 400


async def test_a_sent_message_keeps_no_live_link_but_says_what_was_sent(
    app: Any, smtp_server: SmtpServer
) -> None:
    link = "http://convene.test/accept-invitation?token=Zq3_secret-Token"
    feed = "webcal://convene.test/calendar/personal/feedSecret_42/sittings.ics"
    await enqueue(
        "Ms. Anna Huber <focal@austria.example>",
        "Your invitation to Convene",
        f"Accept here: {link}\nYour calendar: {feed}",
        html=f'<a href="{link}&amp;lang=fr">Accept</a>',
    )
    assert (await deliver_pending(smtp_server.settings)).sent == 1
    assert smtp_server.inbox.links("/accept-invitation") == ["/accept-invitation?token=Zq3_secret-Token"]

    kept = await _message()
    assert kept["status"] == "sent" and kept["recipient"].endswith("<focal@austria.example>")
    assert kept["text"] == (
        "Accept here: http://convene.test/accept-invitation?token=[redacted]\n"
        "Your calendar: webcal://convene.test/calendar/personal/[redacted]/sittings.ics"
    )
    assert kept["html"] == '<a href="http://convene.test/accept-invitation?token=[redacted]&amp;lang=fr">Accept</a>'
