"""The reports a session has, and the versions of the list of participants."""

from __future__ import annotations

import enum


class ReportKind(str, enum.Enum):
    PARTICIPANTS = "participants"
    AGENDA = "agenda"
    ATTENDANCE = "attendance"


class ListVersion(str, enum.Enum):
    """A provisional list is printed before (or during) the session, the final one after it."""

    PROVISIONAL = "provisional"
    FINAL = "final"

    @property
    def label(self) -> str:
        return (
            "Provisional list of participants"
            if self is ListVersion.PROVISIONAL
            else "Final list of participants"
        )


PARTICIPANTS_INF_NUMBER = 2
"""INF/1 is, by practice, "Information for participants"; the list of participants follows it."""

AGENDA_SERIAL = 1
"""The provisional agenda is, by practice, the session's document /1."""
