"""Invitations (iTIP over e-mail): REQUEST on approval and change, CANCEL, through the outbox."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from httpx import AsyncClient

from convene.app import ConveneApp
from convene.calendar.identity import CalendarIdentity
from convene.calendar.invitations import announce_sitting_change, invite, withdraw
from convene.calendar.sources import Person, person_of
from convene.db import current_engine
from convene.delegations.tables import Registration
from convene.errors import NotFound
from tests.accounts.conftest import SmtpServer
from tests.calendar.conftest import (
    DELEGATE_EMAIL,
    add_sitting,
    assert_times,
    calendar_parts,
    cancel_sitting,
    change_sitting,
    delivered,
    new_york,
    outbox,
    read,
    register,
    sitting_in_board_room_d,
    uid_of,
)

SENDER = "secretariat@convene.localhost"  # the default SMTP_SENDER the test settings keep


def _calendars(message: dict[str, Any]) -> list[tuple[str, Any]]:
    """(content type, both parsers' reading) of the calendar form of an outbox row's text."""
    attachments = message["attachments"]
    items = json.loads(attachments) if isinstance(attachments, str) else attachments
    return [
        (item["content_type"], read(base64.b64decode(item["content_b64"])))
        for item in items
        if item["disposition"] == "alternative"
    ]


async def _person(registration_id: int) -> Person:
    return person_of(await Registration.select().where(Registration.id == registration_id).first())


@pytest.fixture
def identity(app: ConveneApp) -> CalendarIdentity:
    """The identity the app's invitations are built with (its BASE_URL and sender)."""
    return app.runtime.calendar


async def _approve(identity: CalendarIdentity, registration_id: int) -> None:
    """As an approval does: inside its transaction."""
    async with current_engine().transaction():
        await invite(identity, await _person(registration_id))


async def test_approval_sends_one_invitation_per_sitting_that_both_parsers_read(
    client: AsyncClient, vienna_autumn: Any, bodies: dict[str, str], smtp: SmtpServer,
    identity: CalendarIdentity,
) -> None:
    session = await vienna_autumn()
    across = await add_sitting(
        client,
        bodies,
        session["id"],
        starts_at="2020-10-24T22:00",
        ends_at="2020-10-25T12:00",
        room="Board Room D",
    )
    monday = await sitting_in_board_room_d(
        client, bodies, session["id"], "2020-10-26", "10:00", "13:00"
    )
    dropped = await sitting_in_board_room_d(
        client, bodies, session["id"], "2020-10-27", "10:00", "13:00"
    )
    await cancel_sitting(client, bodies, dropped["id"])
    registration = await register(
        session["id"], mode="in_person", given_name="Nguyễn", family_name="Thị Lan"
    )
    assert await outbox() == []  # nobody was approved when the sittings were scheduled

    await _approve(identity, registration)
    messages = await outbox()  # one e-mail per sitting, as mail programs act on one invitation each
    title = "Eleventh session of the Implementation Review Group"
    assert [message["subject"] for message in messages] == [
        f"Invitation: {title}: {sitting['title']}" for sitting in (across, monday)
    ]
    assert all(message["recipient"].endswith(f"<{DELEGATE_EMAIL}>") for message in messages)
    assert "invites you to one of its 2 sittings" in messages[0]["text"]
    assert "Sunday 25 October 2020 12:00" in messages[0]["text"]

    for message, sitting in zip(messages, (across, monday), strict=True):
        [(content_type, calendar)] = _calendars(message)
        assert content_type == "text/calendar; method=REQUEST; charset=utf-8"
        assert calendar.ours["METHOD"] == "REQUEST" and calendar.theirs.method.value == "REQUEST"
        [event] = calendar.events()  # RFC 5546: one UID per scheduling message
        uid = uid_of("sitting", sitting["id"])
        assert str(event["UID"]) == uid and event["SEQUENCE"] == 0
        assert str(event["ORGANIZER"]) == f"mailto:{SENDER}"
        assert event["ORGANIZER"].params["CN"] == "Convene Secretariat"
        assert str(event["ATTENDEE"]) == f"mailto:{DELEGATE_EMAIL}"
        assert event["ATTENDEE"].params["CN"] == "Ms. Nguyễn Thị Lan"
        assert event["LOCATION"] == "Board Room D, Vienna International Centre, Vienna"
        their = calendar.their_events()[uid]
        assert their.organizer.value == f"mailto:{SENDER}"
        assert their.attendee.value == f"mailto:{DELEGATE_EMAIL}"
    assert_times(
        _calendars(messages[0])[0][1],
        uid_of("sitting", across["id"]),
        datetime(2020, 10, 24, 20, tzinfo=UTC),
        datetime(2020, 10, 25, 11, tzinfo=UTC),
        "Europe/Vienna",
    )

    # As Outlook (MS-OXCICAL: iMIP) and Gmail read an invitation: multipart/alternative of the
    # text and the text/calendar with its method, then the same calendar as a file to open.
    received = await delivered(smtp)
    assert [message["Subject"].strip() for message in received] == [m["subject"] for m in messages]
    for message, sitting in zip(received, (across, monday), strict=True):
        assert message.get_content_type() == "multipart/mixed"
        alternative, attached = message.iter_parts()  # type: ignore[attr-defined]
        assert alternative.get_content_type() == "multipart/alternative"
        plain, invitation = alternative.iter_parts()
        assert plain.get_content_type() == "text/plain"
        assert "invites you to one of its 2 sittings" in plain.get_content()
        assert invitation.get_content_type() == "text/calendar"
        assert invitation.get_param("method") == "REQUEST"
        assert invitation.get_content_charset() == "utf-8"
        assert invitation.get_content_disposition() is None  # a form of the text, not a file
        assert attached.get_content_type() == "application/ics"
        assert attached.get_content_disposition() == "attachment"
        assert attached.get_filename() == "invite.ics"
        assert attached.get_content() == invitation.get_content().encode()
        assert calendar_parts(message) == [invitation]
        [event] = read(invitation.get_content().encode()).events()
        assert event["UID"] == uid_of("sitting", sitting["id"])


async def test_a_change_reaches_every_approved_delegate_with_the_same_uid_and_a_higher_sequence(
    client: AsyncClient, create_session: Any, bodies: dict[str, str], delegate: dict[str, str]
) -> None:
    session = await create_session(**new_york())
    sitting = await add_sitting(
        client,
        bodies,
        session["id"],
        starts_at="2020-11-02T10:00",
        ends_at="2020-11-02T13:00",
        room="Conference Room 4",
    )
    await register(session["id"], mode="online_speaking")
    await register(
        session["id"],
        email="focal@austria.example",
        mode="in_person",
        given_name="Jan",
        family_name="Novak",
        honorific="Mr.",
    )
    await register(session["id"], email="waiting@austria.example", status="submitted")

    await change_sitting(
        client, bodies, sitting["id"], starts_at="2020-11-02T15:00", ends_at="2020-11-02T18:00"
    )
    messages = await outbox()
    assert sorted(m["recipient"].rsplit("<", 1)[-1].rstrip(">") for m in messages) == [
        DELEGATE_EMAIL,
        "focal@austria.example",
    ]
    uid = uid_of("sitting", sitting["id"])
    for message in messages:
        assert (
            message["subject"]
            == "Updated: Twelfth session of the Working Group on the Prevention of Corruption: 1st meeting"
        )
        [(content_type, calendar)] = _calendars(message)
        assert content_type == "text/calendar; method=REQUEST; charset=utf-8"
        event = calendar.event(uid)
        assert event["SEQUENCE"] == 1
        assert_times(
            calendar,
            uid,
            datetime(2020, 11, 2, 20, tzinfo=UTC),
            datetime(2020, 11, 2, 23, tzinfo=UTC),
            "America/New_York",
        )
    online = next(m for m in messages if DELEGATE_EMAIL in m["recipient"])
    event = _calendars(online)[0][1].event(uid)
    assert event["CONFERENCE"] == "https://join.example/session-12"
    assert event["LOCATION"] == "https://join.example/session-12"

    # The feed says the same: same UID, same SEQUENCE.
    link = (await client.get("/api/me/calendar-feed", headers=delegate)).json()["url"]
    feed = read((await client.get(link.removeprefix("http://convene.test"))).content)
    assert feed.event(uid)["SEQUENCE"] == 1

    before = len(messages)
    await change_sitting(client, bodies, sitting["id"], title="Opening meeting")  # shown: news
    renamed = (await outbox())[before:]
    assert len(renamed) == 2
    assert all(_calendars(m)[0][1].event(uid)["SEQUENCE"] == 2 for m in renamed)
    assert all(m["subject"].endswith(": Opening meeting") for m in renamed)


async def test_a_cancelled_sitting_sends_cancel_with_the_raised_sequence(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session()
    sitting = await sitting_in_board_room_d(
        client, bodies, session["id"], "2020-08-31", "10:00", "13:00"
    )
    await register(session["id"])
    await cancel_sitting(client, bodies, sitting["id"])
    [message] = await outbox()
    assert message["subject"].startswith("Cancelled: ")
    [(content_type, calendar)] = _calendars(message)
    assert content_type == "text/calendar; method=CANCEL; charset=utf-8"
    assert calendar.ours["METHOD"] == "CANCEL" and calendar.theirs.method.value == "CANCEL"
    event = calendar.event(uid_of("sitting", sitting["id"]))
    assert (event["STATUS"], event["SEQUENCE"]) == ("CANCELLED", 1)
    assert str(event["ATTENDEE"]) == f"mailto:{DELEGATE_EMAIL}"


async def test_a_new_sitting_is_sent_to_the_delegates_already_approved(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session()
    await register(session["id"])
    sitting = await sitting_in_board_room_d(
        client, bodies, session["id"], "2020-09-01", "10:00", "13:00"
    )
    [message] = await outbox()
    assert message["subject"].startswith("Invitation: ")
    [(_, calendar)] = _calendars(message)
    assert calendar.ours["METHOD"] == "REQUEST"
    assert calendar.event(uid_of("sitting", sitting["id"]))["SEQUENCE"] == 0


async def test_cancelling_a_registration_withdraws_its_invitations(
    client: AsyncClient, create_session: Any, bodies: dict[str, str],
    identity: CalendarIdentity,
) -> None:
    session = await create_session()
    first = await sitting_in_board_room_d(
        client, bodies, session["id"], "2020-08-31", "10:00", "13:00"
    )
    second = await sitting_in_board_room_d(
        client, bodies, session["id"], "2020-08-31", "15:00", "18:00"
    )
    registration = await register(session["id"])
    await _approve(identity, registration)
    async with current_engine().transaction():
        await withdraw(identity, await _person(registration))
    *_invitations, first_cancellation, second_cancellation = await outbox()
    cancellations = (first_cancellation, second_cancellation)
    assert all(message["subject"].startswith("Cancelled: ") for message in cancellations)
    calendars = [calendar for message in cancellations for calendar in _calendars(message)]
    assert {content_type for content_type, _ in calendars} == {
        "text/calendar; method=CANCEL; charset=utf-8"
    }
    assert [str(c.events()[0]["UID"]) for _, c in calendars] == [
        uid_of("sitting", s["id"]) for s in (first, second)
    ]
    assert all(
        c.events()[0]["STATUS"] == "CANCELLED" and c.ours["METHOD"] == "CANCEL"
        for _, c in calendars
    )


async def test_nothing_is_sent_when_the_transaction_rolls_back_or_nobody_is_approved(
    client: AsyncClient, create_session: Any, bodies: dict[str, str],
    identity: CalendarIdentity,
) -> None:
    session = await create_session()
    sitting = await sitting_in_board_room_d(
        client, bodies, session["id"], "2020-08-31", "10:00", "13:00"
    )
    registration = await register(session["id"])

    class Abandoned(Exception):
        pass

    with pytest.raises(Abandoned):
        async with current_engine().transaction():
            await invite(identity, await _person(registration))
            raise Abandoned
    assert await outbox() == []

    waiting = await register(session["id"], email="waiting@austria.example", status="submitted")
    await _approve(identity, waiting)
    assert await outbox() == []
    with pytest.raises(NotFound):
        await announce_sitting_change(identity, 999999)
    assert sitting["sequence"] == 0
