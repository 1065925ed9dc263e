"""Online presence: a personal join link per person and sitting, its heartbeat and its leave.

The link (``/join/<token>``) is the person's own: the token is an HMAC of the registration
and the sitting under the app's secret key, so nothing is stored until it is used and it
cannot be guessed. Following it records the join and hands over the meeting platform's link
of the person's mode: the speaking link only to those with a speaking place, the webcast to
everyone else. The page then beats every ``HEARTBEAT_SECONDS``; a person whose beats stop
for ``LAPSE`` has left, as has one who leaves explicitly.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import UTC, datetime, timedelta
from typing import Any

from convene.accounts.access import Actor
from convene.db import locked_transaction
from convene.delegations.access import registration_for
from convene.delegations.check_in import EARLY_ARRIVAL
from convene.delegations.tables import Registration
from convene.delegations.vocabulary import AttendanceMode, RegistrationStatus
from convene.errors import NotFound, RuleViolation
from convene.meetings.timezones import as_utc
from convene.presence.events import announce
from convene.presence.people import SittingAt, sitting_at
from convene.presence.schemas import JoinLinkOut, OnlineStatus
from convene.presence.seating import hybrid_setup
from convene.presence.tables import OnlineVisit
from convene.presence.vocabulary import OnlineMode, VisitSource
from convene.settings import Settings
from convene.sittings.tables import Sitting
from convene.translation import gettext

HEARTBEAT_SECONDS = 30
LAPSE = timedelta(seconds=90)
"""Three missed heartbeats: the person has left (closed the page, lost the network)."""


def join_token(secret_key: str, registration_id: int, sitting_id: int) -> str:
    return f"{registration_id}.{sitting_id}.{_signature(secret_key, registration_id, sitting_id)}"


def _signature(secret_key: str, registration_id: int, sitting_id: int) -> str:
    message = f"join:{registration_id}:{sitting_id}".encode()
    digest = hmac.new(secret_key.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode("ascii")


def join_path(token: str) -> str:
    return f"/join/{token}"


def read_token(secret_key: str, token: str) -> tuple[int, int]:
    """The registration and sitting a genuine token names; any other names nothing."""
    parts = token.split(".")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
        raise NotFound(gettext("Join link not found"))
    registration_id, sitting_id = int(parts[0]), int(parts[1])
    expected = _signature(secret_key, registration_id, sitting_id)
    if not hmac.compare_digest(expected, parts[2]):
        raise NotFound(gettext("Join link not found"))
    return registration_id, sitting_id


def online_mode(registration_mode: str) -> OnlineMode:
    """Only a speaking place gives the speaking link; in-person delegates away from it listen."""
    if registration_mode == AttendanceMode.ONLINE_SPEAKING.value:
        return OnlineMode.SPEAKING
    return OnlineMode.LISTENING


async def join_links(actor: Actor, registration_id: int, settings: Settings) -> list[JoinLinkOut]:
    """The person's own link to each sitting (for them, their focal point, the secretariat)."""
    row = await registration_for(actor, registration_id, self_service=True)
    if row["status"] != RegistrationStatus.APPROVED.value:
        return []
    sittings = (
        await Sitting.select(Sitting.id, Sitting.title, Sitting.starts_at)
        .where((Sitting.session == row["session"]) & (Sitting.status != "cancelled"))
        .order_by(Sitting.starts_at)
    )
    mode = online_mode(row["mode"]).value
    return [
        JoinLinkOut(
            sitting_id=s["id"],
            title=s["title"],
            starts_at=as_utc(s["starts_at"]),
            mode=mode,
            url=settings.base_url + join_path(join_token(settings.secret_key, row["id"], s["id"])),
        )
        for s in sittings
    ]


async def join(settings: Settings, token: str) -> OnlineStatus:
    """Record the join (or keep an open visit alive); give the platform's link of their mode."""
    registration, sitting = await _joining(settings, token)
    mode = online_mode(registration["mode"])
    link = await _platform_link(sitting, mode)
    await _keep_alive(sitting, registration, mode)
    return OnlineStatus(sitting.id, registration["id"], mode.value, True, HEARTBEAT_SECONDS, link)


async def heartbeat(settings: Settings, token: str) -> OnlineStatus:
    """The page is still open: the person is still here (a lapsed visit starts again)."""
    registration, sitting = await _joining(settings, token)
    mode = online_mode(registration["mode"])
    await _keep_alive(sitting, registration, mode)
    return OnlineStatus(sitting.id, registration["id"], mode.value, True, HEARTBEAT_SECONDS, "")


async def leave(settings: Settings, token: str) -> OnlineStatus:
    """The person left: their open visit ends now."""
    registration, sitting = await _joining(settings, token, opening=False)
    mode = online_mode(registration["mode"])
    now = datetime.now(UTC)
    async with locked_transaction(_lock(sitting.id, registration["id"])):
        visit = await _open_visit(sitting.id, registration["id"], now)
        if visit is not None:
            await OnlineVisit.update(
                {OnlineVisit.left_at: now, OnlineVisit.last_seen_at: now}
            ).where(OnlineVisit.id == visit["id"])
            await announce(None, sitting.id, sitting.session_id, registration["id"], "left online")
    return OnlineStatus(sitting.id, registration["id"], mode.value, False, HEARTBEAT_SECONDS, "")


async def _joining(
    settings: Settings, token: str, *, opening: bool = True
) -> tuple[dict[str, Any], SittingAt]:
    registration_id, sitting_id = read_token(settings.secret_key, token)
    registration = await Registration.select().where(Registration.id == registration_id).first()
    sitting = await sitting_at(sitting_id)
    if registration is None or registration["session"] != sitting.session_id:
        raise NotFound(gettext("Join link not found"))
    if registration["status"] != RegistrationStatus.APPROVED.value:
        raise RuleViolation(
            gettext("This registration is no longer approved"), field="token", status_code=403
        )
    if sitting.status == "cancelled":
        raise RuleViolation(gettext("This sitting was cancelled"), field="token")
    if opening:
        _check_open(sitting)
    return registration, sitting


def _check_open(sitting: SittingAt) -> None:
    now = datetime.now(UTC)
    opens = as_utc(sitting.starts_at) - EARLY_ARRIVAL
    if now < opens:
        raise RuleViolation(
            gettext(
                "This sitting opens for joining at %(time)s (venue time)", time=sitting.clock(opens)
            ),
            field="token",
        )
    if now > as_utc(sitting.ends_at):
        raise RuleViolation(gettext("This sitting has ended"), field="token")


async def _platform_link(sitting: SittingAt, mode: OnlineMode) -> str:
    if mode is OnlineMode.SPEAKING:
        link = sitting.online_link or sitting.session_link
    else:
        link = (await hybrid_setup(sitting.session_id)).listening_link
    if not link:
        missing = (
            gettext("The secretariat has not yet set the speaking link of this sitting")
            if mode is OnlineMode.SPEAKING
            else gettext("The secretariat has not yet set the listening link of this sitting")
        )
        raise RuleViolation(missing, field="token")
    return link


def _lock(sitting_id: int, registration_id: int) -> str:
    return f"online:{sitting_id}:{registration_id}"


async def _open_visit(
    sitting_id: int, registration_id: int, now: datetime
) -> dict[str, Any] | None:
    return (
        await OnlineVisit.select(OnlineVisit.id)
        .where(
            (OnlineVisit.sitting == sitting_id)
            & (OnlineVisit.registration == registration_id)
            & online_now(now)
        )
        .first()
    )


async def _keep_alive(sitting: SittingAt, registration: dict[str, Any], mode: OnlineMode) -> None:
    now = datetime.now(UTC)
    async with locked_transaction(_lock(sitting.id, registration["id"])):
        visit = await _open_visit(sitting.id, registration["id"], now)
        if visit is not None:
            await OnlineVisit.update({OnlineVisit.last_seen_at: now}).where(
                OnlineVisit.id == visit["id"]
            )
            return
        await OnlineVisit.insert(
            OnlineVisit(
                sitting=sitting.id,
                registration=registration["id"],
                delegation=registration["delegation"],
                mode=mode.value,
                joined_at=now,
                last_seen_at=now,
                source=VisitSource.LINK.value,
            )
        )
        await announce(None, sitting.id, sitting.session_id, registration["id"], "joined online")


def online_now(now: datetime) -> Any:
    """The visits that are open now: not left, and heard from within the lapse (those the
    secretariat marked online need no heartbeat)."""
    return OnlineVisit.left_at.is_null() & (
        (OnlineVisit.last_seen_at >= now - LAPSE) | (OnlineVisit.source == VisitSource.DESK.value)
    )


async def mark_online(
    actor: Actor, sitting_id: int, registration_id: int, online: bool
) -> OnlineStatus:
    """The secretariat records someone as online (or no longer), as the platform's host sees."""
    sitting = await sitting_at(sitting_id)
    registration = await Registration.select().where(Registration.id == registration_id).first()
    if registration is None or registration["session"] != sitting.session_id:
        raise RuleViolation(
            gettext("No registration of this session has this id"),
            field="registration_id",
            status_code=404,
        )
    if registration["status"] != RegistrationStatus.APPROVED.value:
        raise RuleViolation(gettext("This registration is not approved"), field="registration_id")
    mode = online_mode(registration["mode"])
    now = datetime.now(UTC)
    async with locked_transaction(_lock(sitting.id, registration_id)):
        visit = await _open_visit(sitting.id, registration_id, now)
        if online and visit is None:
            await OnlineVisit.insert(
                OnlineVisit(
                    sitting=sitting.id,
                    registration=registration_id,
                    delegation=registration["delegation"],
                    mode=mode.value,
                    joined_at=now,
                    last_seen_at=now,
                    source=VisitSource.DESK.value,
                )
            )
            await announce(actor, sitting.id, sitting.session_id, registration_id, "joined online")
        elif not online and visit is not None:
            await OnlineVisit.update(
                {OnlineVisit.left_at: now, OnlineVisit.last_seen_at: now}
            ).where(OnlineVisit.id == visit["id"])
            await announce(actor, sitting.id, sitting.session_id, registration_id, "left online")
    return OnlineStatus(sitting.id, registration_id, mode.value, online, HEARTBEAT_SECONDS, "")
