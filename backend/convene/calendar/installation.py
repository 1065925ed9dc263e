"""The installation's name in calendar UIDs: read from the database, drawn once if missing."""

from __future__ import annotations

import dataclasses
import uuid

from convene.calendar.identity import CalendarIdentity
from convene.calendar.tables import CalendarInstallation


async def uid_domain() -> str:
    """This database's UID name; the first caller draws it, racing workers agree on one."""
    row = await _stored()
    if row is not None:
        return row
    drawn = f"{uuid.uuid4().hex}.convene"
    await CalendarInstallation.insert(CalendarInstallation(uid_domain=drawn)).on_conflict(
        action="DO NOTHING"
    )
    stored = await _stored()
    if stored is None:  # pragma: no cover - the insert above or a racing one left a row
        raise RuntimeError("the calendar installation's name could not be stored")
    return stored


async def installed(identity: CalendarIdentity) -> CalendarIdentity:
    """``identity`` with this database's UID name, for building calendars."""
    return dataclasses.replace(identity, uid_domain=await uid_domain())


async def _stored() -> str | None:
    row = await CalendarInstallation.select(CalendarInstallation.uid_domain).first()
    return None if row is None else str(row["uid_domain"])
