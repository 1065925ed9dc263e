"""Registrations: submit, approve, reject, switch mode, substitute, cancel; the waitlist.

Every change runs in the session's registration lock. A request that does not
fit a limit is waitlisted, never lost; whenever a place frees up, the first
registrations on the waiting list that now fit are promoted. Each change is
written to the registration's history and published
(:class:`convene.delegations.events.RegistrationChanged`): the audit log, the
person's e-mail and calendar hear of it in its transaction, the session's live
streams once it has committed.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from convene.accounts.access import Actor, is_secretariat
from convene.api.patches import given_fields
from convene.db import columns, locked_transaction
from convene.delegations.access import delegation_row, registration_row
from convene.delegations.events import RegistrationChanged
from convene.delegations.names import NameOrder, stored_name_order
from convene.delegations.places import (
    Limits,
    Tally,
    registration_lock,
    shortfall,
    taken,
)
from convene.delegations.schemas import PersonIn, RegistrationIn, RegistrationPatch
from convene.delegations.tables import Registration, RegistrationEvent
from convene.delegations.vocabulary import (
    ACTIVE,
    HOLDING,
    OPEN_MODES,
    PERSON_FIELDS,
    AttendanceMode,
    RegistrationStatus,
)
from convene.errors import RuleViolation
from convene.events.bus import publish
from convene.meetings.lookups import session_row
from convene.meetings.schemas import SessionOut
from convene.meetings.services import get_session
from convene.meetings.vocabulary import SessionFormat, SessionStatus
from convene.reports.texts import long_date
from convene.translation import ENGLISH, current_locale, gettext

BADGE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread at the desk


# Submitting ------------------------------------------------------------------


async def submit(actor: Actor, delegation: dict[str, Any], data: RegistrationIn) -> int:
    """Register a person: a place is held if one is free, else the person is waitlisted."""
    email = data.email.strip().lower()
    # Read before the lock, which every registration to the session waits for: the e-mail's
    # wording needs the session's title, venue and dates; the rules read the session again.
    wording = await get_session(delegation["session"], include_private=True)
    async with locked_transaction(registration_lock(delegation["session"])):
        session = await session_row(delegation["session"])
        _check_open(session, actor)
        _check_mode_open(session, data.mode)
        await _check_person_free(delegation["id"], email, registration_id=None)
        if data.is_head:
            await _check_no_other_head(delegation["id"], registration_id=None)
        reason = shortfall(
            data.mode, Limits.of(session, delegation), await taken(session["id"], delegation["id"])
        )
        status = RegistrationStatus.WAITLISTED if reason else RegistrationStatus.SUBMITTED
        registration = Registration(
            delegation=delegation["id"],
            session=session["id"],
            **{field: getattr(data, field).strip() for field in PERSON_FIELDS if field != "email"},
            email=email,
            name_order=stored_name_order(data.given_name, data.family_name, data.name_order),
            mode=data.mode.value,
            status=status.value,
            is_head=data.is_head,
            badge_code=_badge_code(),
            waitlisted_at=datetime.now(UTC) if reason else None,
        )
        await registration.save()
        row = await registration_row(registration.id)
        await _log(actor, row, "submitted", str(reason or ""), session=wording)
    return registration.id


def _badge_code() -> str:
    return "".join(secrets.choice(BADGE_ALPHABET) for _ in range(8))


def _check_open(session: dict[str, Any], actor: Actor) -> None:
    """Registration is for scheduled sessions, between the dates the secretariat set.

    The secretariat itself may still register someone outside those dates.
    """
    if session["status"] != SessionStatus.SCHEDULED.value:
        raise RuleViolation(
            gettext(
                "The session is %(status)s; it takes no registrations",
                status=SessionStatus(session["status"]).word,
            ),
            field="session",
        )
    if is_secretariat(actor):
        return
    today = datetime.now(ZoneInfo(session["timezone"])).date()
    opens, closes = session["registration_opens"], session["registration_closes"]
    if opens and today < opens:
        raise RuleViolation(
            gettext("Registration opens on %(date)s", date=_opening_day(opens)), field="session"
        )
    if (closes and today > closes) or today > session["end_date"]:
        raise RuleViolation(gettext("Registration for this session is closed"), field="session")


def _opening_day(day: date) -> str:
    """ "01 January 2099", as this refusal has always put it in English; else the reader's form."""
    return f"{day:%d %B %Y}" if current_locale() == ENGLISH else long_date(day)


def _check_mode_open(session: dict[str, Any], mode: AttendanceMode) -> None:
    session_format = SessionFormat(session["format"])
    if mode not in OPEN_MODES[session_format]:
        open_modes = ", ".join(sorted(m.value for m in OPEN_MODES[session_format]))
        attended = (
            gettext("An online session is attended %(modes)s", modes=open_modes)
            if session_format is SessionFormat.ONLINE
            else gettext("An in-person session is attended %(modes)s", modes=open_modes)
        )
        raise RuleViolation(attended, field="mode", status_code=422)


async def _check_person_free(
    delegation_id: int, email: str, *, registration_id: int | None
) -> None:
    """A person is registered once in a delegation.

    Only the delegation's own registrations are looked at: whether another entity registered
    the address is none of this focal point's business, and the answer must not tell. Such a
    registration is accepted like any other; the secretariat sees the two side by side in its
    queue (:func:`convene.delegations.queue.conflicts`) and decides which stands.
    """
    query = Registration.select(Registration.id).where(
        (Registration.delegation == delegation_id)
        & (Registration.email == email)
        & Registration.status.is_in(ACTIVE)
    )
    if registration_id is not None:
        query = query.where(Registration.id != registration_id)
    if await query.first():
        raise RuleViolation(
            gettext("%(email)s is already registered in this delegation", email=email),
            field="email",
        )


async def _check_not_approved_elsewhere(row: dict[str, Any]) -> None:
    """One person, one badge: the same address cannot be approved in two delegations."""
    entity = Registration.delegation.entity.short_name  # type: ignore[union-attr]
    other = (
        await Registration.select(entity.as_alias("entity"))
        .where(
            (Registration.session == row["session"])
            & (Registration.email == row["email"])
            & (Registration.status == RegistrationStatus.APPROVED.value)
            & (Registration.id != row["id"])
        )
        .first()
    )
    if other:
        raise RuleViolation(
            gettext(
                "%(email)s is already approved for this session in the delegation of "
                "%(entity)s; reject one of the two registrations",
                email=row["email"],
                entity=other["entity"],
            ),
            field="email",
        )


async def _check_no_other_head(delegation_id: int, *, registration_id: int | None) -> None:
    query = Registration.select(Registration.given_name, Registration.family_name).where(
        (Registration.delegation == delegation_id)
        & (Registration.is_head == True)
        & Registration.status.is_in(ACTIVE)  # noqa: E712
    )
    if registration_id is not None:
        query = query.where(Registration.id != registration_id)
    if head := await query.first():
        name = f"{head['given_name']} {head['family_name']}"
        raise RuleViolation(
            gettext("%(name)s already heads this delegation", name=name),
            field="is_head",
        )


# Deciding --------------------------------------------------------------------


async def approve(actor: Actor, registration_id: int) -> bool:
    """Approve a registration that holds a place (a waitlisted one must wait for one).

    Approving an approved registration changes nothing and says so (False): a decision taken
    twice, by a double click or a retried request, is not an error, and is neither logged
    nor mailed again.
    """
    async with _locked(registration_id) as row:
        if row["status"] == RegistrationStatus.APPROVED.value:
            return False
        if row["status"] == RegistrationStatus.WAITLISTED.value:
            raise RuleViolation(
                gettext("A waitlisted registration has no place to approve yet"), field="status"
            )
        if row["status"] != RegistrationStatus.SUBMITTED.value:
            raise RuleViolation(
                gettext(
                    "A %(status)s registration cannot be approved",
                    status=RegistrationStatus(row["status"]).word,
                ),
                field="status",
            )
        await _check_not_approved_elsewhere(row)
        await _set(actor, row, "approved", status=RegistrationStatus.APPROVED)
    return True


async def reject(actor: Actor, registration_id: int, reason: str) -> bool:
    """Reject a registration, saying why: the history keeps the reason, the focal point reads it.

    Rejecting a rejected registration changes nothing (False), as approving twice does.
    """
    check_reason(reason)
    async with _locked(registration_id) as row:
        if row["status"] == RegistrationStatus.REJECTED.value:
            return False
        if row["status"] not in ACTIVE:
            raise RuleViolation(
                gettext(
                    "A %(status)s registration cannot be rejected",
                    status=RegistrationStatus(row["status"]).word,
                ),
                field="status",
            )
        await _set(actor, row, "rejected", status=RegistrationStatus.REJECTED, note=reason.strip())
        await _after_release(actor, row)
    return True


def check_reason(reason: str) -> None:
    """A rejection says why: the delegation's focal point sees the reason on their pages."""
    if not reason.strip():
        raise RuleViolation(
            gettext("Give the reason for the rejection: the delegation's focal point reads it"),
            field="reason",
            status_code=422,
        )


async def cancel(actor: Actor, registration_id: int) -> None:
    async with _locked(registration_id) as row:
        if row["status"] not in ACTIVE:
            raise RuleViolation(
                gettext(
                    "A %(status)s registration cannot be cancelled",
                    status=RegistrationStatus(row["status"]).word,
                ),
                field="status",
            )
        await _set(actor, row, "cancelled", status=RegistrationStatus.CANCELLED)
        await _after_release(actor, row)


# Changing --------------------------------------------------------------------


async def switch_mode(actor: Actor, registration_id: int, mode: AttendanceMode) -> None:
    """Change how a person attends; a held place is kept only if the new mode has room."""
    async with _locked(registration_id) as row:
        if row["status"] not in ACTIVE:
            raise RuleViolation(_cannot_change(row), field="mode")
        if row["mode"] == mode.value:
            return
        session = await session_row(row["session"])
        delegation = await delegation_row(row["delegation"])
        _check_mode_open(session, mode)
        now = await taken(session["id"], delegation["id"], excluding=registration_id)
        reason = shortfall(mode, Limits.of(session, delegation), now)
        if row["status"] in HOLDING and reason:
            raise RuleViolation(
                gettext(
                    "Cannot switch: %(reason)s; the current place is kept", reason=reason.said()
                ),
                field="mode",
            )
        status = RegistrationStatus(row["status"])
        if status is RegistrationStatus.WAITLISTED and not reason:
            status = RegistrationStatus.SUBMITTED
        await _set(
            actor,
            row,
            "mode switched",
            status=status,
            mode=mode,
            note=f"{row['mode']} to {mode.value}",
        )
        await _after_release(actor, row)


async def substitute(actor: Actor, registration_id: int, person: PersonIn) -> None:
    """Another person takes this place; an approved place awaits approval of the newcomer.

    Governments name each delegate in a note verbale and the secretariat accredits persons,
    so a different person needs the secretariat's approval again; correcting the same
    person's details does not (:func:`update_details`).
    """
    email = person.email.strip().lower()
    async with _locked(registration_id) as row:
        if row["status"] not in ACTIVE:
            raise RuleViolation(
                gettext(
                    "A %(status)s registration cannot be substituted",
                    status=RegistrationStatus(row["status"]).word,
                ),
                field="email",
            )
        await _check_person_free(row["delegation"], email, registration_id=registration_id)
        values = {field: getattr(person, field).strip() for field in PERSON_FIELDS} | {
            "email": email,
            "name_order": stored_name_order(person.given_name, person.family_name, person.name_order),
        }
        status = RegistrationStatus(row["status"])
        if status is RegistrationStatus.APPROVED:
            status = RegistrationStatus.SUBMITTED
        note = f"{row['given_name']} {row['family_name']} replaced by {values['given_name']} {values['family_name']}"
        await _set(
            actor,
            row,
            "substituted",
            status=status,
            note=note,
            values=values | {"badge_code": _badge_code()},
        )


async def update_details(actor: Actor, registration_id: int, patch: RegistrationPatch) -> None:
    """Correct the person's details (a misspelled name, a new address), keeping their place.

    The same person stays registered, so an approved registration stays approved: no new
    approval, no new badge. Every correction goes to the history and the audit log with its
    before and after; a new e-mail address moves the calendar invitations there (the calendar
    hears the change). Another person taking the place is a substitution (:func:`substitute`).
    """
    changes = given_fields(patch)
    for field in ("honorific", "given_name", "family_name", "function", "organization", "phone"):
        if field in changes:
            changes[field] = changes[field].strip()
    if "email" in changes:
        changes["email"] = changes["email"].strip().lower()
    if "name_order" in changes:
        changes["name_order"] = NameOrder(changes["name_order"]).value
    async with _locked(registration_id) as row:
        changes = {key: value for key, value in changes.items() if row[key] != value}
        await _check_correction(row, changes)
        if changes:
            await _set(
                actor,
                row,
                "details changed",
                status=RegistrationStatus(row["status"]),
                note=_corrected(row, changes),
                values=changes,
            )


async def _check_correction(row: dict[str, Any], changes: dict[str, Any]) -> None:
    """A corrected registration must still keep the rules a new one keeps."""
    if changes and row["status"] not in ACTIVE:
        raise RuleViolation(_cannot_change(row), field="status")
    if changes.get("is_head"):
        await _check_no_other_head(row["delegation"], registration_id=row["id"])
    if "email" in changes:
        await _check_person_free(row["delegation"], changes["email"], registration_id=row["id"])
        if row["status"] == RegistrationStatus.APPROVED.value:
            await _check_not_approved_elsewhere(row | {"email": changes["email"]})


def _cannot_change(row: dict[str, Any]) -> str:
    return gettext(
        "A %(status)s registration cannot change", status=RegistrationStatus(row["status"]).word
    )


def _corrected(row: dict[str, Any], changes: dict[str, Any]) -> str:
    """The history's note of a correction: each field, from what to what."""
    return "; ".join(
        f"{field}: {row[field] or '-'} to {changes[field] or '-'}"
        for field in PERSON_FIELDS
        if field in changes
    )


async def reopen(actor: Actor, registration_id: int) -> None:
    """Take a rejected registration back to the secretariat's decision (the secretariat only).

    It awaits a decision again if a place is free for it, else it waits on the list like a
    new one; the history and the audit log keep who reopened it.
    """
    if not is_secretariat(actor):
        raise RuleViolation(
            gettext("Only the secretariat can reopen a rejected registration"),
            field="status",
            status_code=403,
        )
    async with _locked(registration_id) as row:
        if row["status"] != RegistrationStatus.REJECTED.value:
            raise RuleViolation(
                gettext(
                    "Only a rejected registration can be reopened; this one is %(status)s",
                    status=RegistrationStatus(row["status"]).word,
                ),
                field="status",
            )
        session = await session_row(row["session"])
        delegation = await delegation_row(row["delegation"])
        await _check_person_free(row["delegation"], row["email"], registration_id=row["id"])
        reason = shortfall(
            AttendanceMode(row["mode"]),
            Limits.of(session, delegation),
            await taken(session["id"], delegation["id"]),
        )
        status = RegistrationStatus.WAITLISTED if reason else RegistrationStatus.SUBMITTED
        await _set(actor, row, "reopened", status=status, note=str(reason or ""))


# The waitlist ----------------------------------------------------------------


WAITING_QUERY = """
SELECT id, delegation, mode FROM registration
WHERE session = {} AND status = 'waitlisted'
ORDER BY waitlisted_at, id
"""
"""The waiting list in its order: first come, first served (the pass needs no more of each row)."""


async def _after_release(actor: Actor, row: dict[str, Any]) -> None:
    """A place may have freed up: promote whoever now fits."""
    await promote_waiting(actor, row["session"])


async def promote_waiting(actor: Actor, session_id: int) -> int:
    """Promote, first come first served, every waitlisted registration that now fits.

    Runs wherever a place may have freed up or a limit changed (a cancellation, a rejection,
    a switch of mode, a delegation's quota, the session's room, quotas or format), inside the
    session's registration lock the caller holds. The places held are read once for the whole
    pass and counted on as people are promoted, so the lock is held briefly however long the
    list. Answers how many were promoted.
    """
    waiting = await Registration.raw(WAITING_QUERY, session_id)
    if not waiting:
        return 0
    tally = await Tally.read(await session_row(session_id))
    wording: SessionOut | None = None  # read once, for the e-mails of all those promoted
    full: set[tuple[int, AttendanceMode]] = set()
    """A pass only adds places held: what does not fit once does not fit later in it."""
    promoted = 0
    for candidate in waiting:
        delegation_id, mode = candidate["delegation"], AttendanceMode(candidate["mode"])
        if (delegation_id, mode) in full:
            continue
        if tally.shortfall(delegation_id, mode):
            full.add((delegation_id, mode))
            continue
        wording = wording or await get_session(session_id, include_private=True)
        row = await registration_row(candidate["id"])
        await _set(actor, row, "promoted", status=RegistrationStatus.SUBMITTED, session=wording)
        tally.hold(delegation_id, mode)
        promoted += 1
    return promoted


async def waitlist_position(row: dict[str, Any]) -> int | None:
    if row["status"] != RegistrationStatus.WAITLISTED.value:
        return None
    ahead = await Registration.count().where(
        (Registration.session == row["session"])
        & (Registration.status == RegistrationStatus.WAITLISTED.value)
        & (
            (Registration.waitlisted_at < row["waitlisted_at"])
            | ((Registration.waitlisted_at == row["waitlisted_at"]) & (Registration.id < row["id"]))
        )
    )
    return ahead + 1


# Plumbing --------------------------------------------------------------------


@asynccontextmanager
async def _locked(registration_id: int) -> AsyncIterator[dict[str, Any]]:
    """The registration, read again inside its session's registration lock."""
    session_id = (await registration_row(registration_id))["session"]
    async with locked_transaction(registration_lock(session_id)):
        yield await registration_row(registration_id)


async def _set(
    actor: Actor,
    row: dict[str, Any],
    action: str,
    *,
    status: RegistrationStatus,
    mode: AttendanceMode | None = None,
    note: str = "",
    values: dict[str, Any] | None = None,
    session: SessionOut | None = None,
) -> None:
    """Write the change, then log and publish it (``session``: as in :func:`_log`)."""
    changes: dict[str, Any] = dict(values or {}) | {
        "status": status.value,
        "updated_at": datetime.now(UTC),
    }
    if mode is not None:
        changes["mode"] = mode.value
    if status is RegistrationStatus.WAITLISTED and row["status"] != status.value:
        changes["waitlisted_at"] = datetime.now(UTC)
    elif status is not RegistrationStatus.WAITLISTED:
        changes["waitlisted_at"] = None
    await Registration.update(columns(changes)).where(Registration.id == row["id"])
    # The row as now stored: what was read in the lock, with what was just written.
    await _log(actor, row | changes, action, note, before=row, session=session)


async def _log(
    actor: Actor,
    row: dict[str, Any],
    action: str,
    note: str,
    before: dict[str, Any] | None = None,
    session: SessionOut | None = None,
) -> None:
    """Every change goes to the registration's history, and is published."""
    await RegistrationEvent.insert(
        RegistrationEvent(
            registration=row["id"],
            actor=getattr(actor, "id", None),
            action=action,
            status=row["status"],
            mode=row["mode"],
            note=note,
        )
    )
    await publish(
        RegistrationChanged(
            actor=actor,
            action=f"registration.{action.replace(' ', '_')}",
            change=action,
            object_id=row["id"],
            before=before,
            after=row,
            session_id=row["session"],
            session=session,
        )
    )

