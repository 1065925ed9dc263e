"""The words of the domain: session kinds, formats, statuses, officer roles."""

from __future__ import annotations

import enum

from convene.translation import N_, gettext


class SessionKind(str, enum.Enum):
    REGULAR = "regular"
    RESUMED = "resumed"
    SPECIAL = "special"
    INTERSESSIONAL = "intersessional"


class SessionFormat(str, enum.Enum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"


class SessionStatus(str, enum.Enum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"
    CONCLUDED = "concluded"

    @property
    def word(self) -> str:
        """The status as a refusal names it ("a draft session"), in the reader's language."""
        return gettext(SESSION_WORDS[self])


SESSION_WORDS = {
    SessionStatus.DRAFT: N_("draft"),
    SessionStatus.SCHEDULED: N_("scheduled"),
    SessionStatus.POSTPONED: N_("postponed"),
    SessionStatus.CANCELLED: N_("cancelled"),
    SessionStatus.CONCLUDED: N_("concluded"),
}


# Which status a session may move to from each status; cancelled and concluded are final.
STATUS_TRANSITIONS: dict[SessionStatus, set[SessionStatus]] = {
    SessionStatus.DRAFT: {SessionStatus.SCHEDULED, SessionStatus.CANCELLED},
    SessionStatus.SCHEDULED: {
        SessionStatus.POSTPONED,
        SessionStatus.CANCELLED,
        SessionStatus.CONCLUDED,
    },
    SessionStatus.POSTPONED: {SessionStatus.SCHEDULED, SessionStatus.CANCELLED},
    SessionStatus.CANCELLED: set(),
    SessionStatus.CONCLUDED: set(),
}

PUBLIC_STATUSES = [s.value for s in SessionStatus if s is not SessionStatus.DRAFT]


class OfficerRole(str, enum.Enum):
    PRESIDENT = "president"
    CHAIR = "chair"
    VICE_PRESIDENT = "vice_president"
    VICE_CHAIR = "vice_chair"
    RAPPORTEUR = "rapporteur"

    @property
    def presides(self) -> bool:
        return self in {OfficerRole.PRESIDENT, OfficerRole.CHAIR}

    @property
    def label(self) -> str:
        return OFFICER_ROLE_LABELS[self]


OFFICER_ROLE_LABELS = {
    OfficerRole.PRESIDENT: N_("President"),
    OfficerRole.CHAIR: N_("Chair"),
    OfficerRole.VICE_PRESIDENT: N_("Vice-president"),
    OfficerRole.VICE_CHAIR: N_("Vice-chair"),
    OfficerRole.RAPPORTEUR: N_("Rapporteur"),
}


class Language(str, enum.Enum):
    """The six official languages of the United Nations."""

    ARABIC = "ar"
    CHINESE = "zh"
    ENGLISH = "en"
    FRENCH = "fr"
    RUSSIAN = "ru"
    SPANISH = "es"
