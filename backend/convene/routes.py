"""Every domain's HTTP handlers, gathered for the app factory."""

from __future__ import annotations

from litestar.types import ControllerRouterHandler

from convene.agenda.controllers import (
    AgendaItemController,
    DocumentController,
    SessionAgendaController,
)
from convene.delegations.controllers import (
    DelegationController,
    MyRegistrationsController,
    RegistrationController,
    SessionDelegationController,
)
from convene.entities.controllers import EntityController
from convene.live.controllers import SessionEventsController
from convene.meetings.controllers import BodyController, OfficerController, SessionController
from convene.proposals.controllers import (
    ProposalController,
    ProposalTextController,
    SessionProposalController,
)
from convene.sittings.controllers import SessionSittingController, SittingController


def route_handlers() -> list[ControllerRouterHandler]:
    return [
        EntityController,
        BodyController,
        SessionController,
        OfficerController,
        SessionAgendaController,
        AgendaItemController,
        DocumentController,
        SessionSittingController,
        SittingController,
        SessionDelegationController,
        DelegationController,
        RegistrationController,
        MyRegistrationsController,
        SessionEventsController,
        SessionProposalController,
        ProposalController,
        ProposalTextController,
        *_accounts_handlers(),
        *_reports_handlers(),
        *_calendar_handlers(),
        *_web_handlers(),
        *_presence_handlers(),
        *_speakers_handlers(),
    ]


def _accounts_handlers() -> list[ControllerRouterHandler]:
    """Accounts, sign-in pages, audit log and outbox (issue 4)."""
    from convene.accounts.controllers import AccountController, InvitationController, MeController
    from convene.accounts.pages import AccountPages
    from convene.audit.controllers import AuditController
    from convene.mail.controllers import OutboxController

    return [MeController, AccountController, InvitationController, AccountPages, AuditController, OutboxController]


def _reports_handlers() -> list[ControllerRouterHandler]:
    """PDF reports of a session and the page that links to them (issue 7)."""
    from convene.reports.controllers import SessionReportController
    from convene.reports.pages import SessionReportPages

    return [SessionReportController, SessionReportPages]


def _calendar_handlers() -> list[ControllerRouterHandler]:
    """Calendar feeds and the signed-in person's feed link (issue 6)."""
    from convene.calendar.controllers import FeedController, FeedLinkController

    return [FeedController, FeedLinkController]


def _web_handlers() -> list[ControllerRouterHandler]:
    """The web pages of the public, focal points, delegates and the secretariat (issue 8)."""
    from convene.web import web_router

    return [web_router()]


def _presence_handlers() -> list[ControllerRouterHandler]:
    """Hybrid sittings, live: the door, seats, online presence, the live picture (issue 14)."""
    from convene.presence.controllers import (
        BadgeController,
        DelegationSeatsController,
        HybridSetupController,
        JoinLinkController,
        OnlinePresenceController,
        QuorumRuleController,
        SittingPresenceController,
    )

    return [
        SittingPresenceController,
        HybridSetupController,
        DelegationSeatsController,
        QuorumRuleController,
        JoinLinkController,
        OnlinePresenceController,
        BadgeController,
    ]


def _speakers_handlers() -> list[ControllerRouterHandler]:
    """The list of speakers: the chair's console, requests for the floor, the record (issue 15)."""
    from convene.speakers.controllers import (
        FloorController,
        SittingSpeakersController,
        SpeakerListController,
        SpeakersRecordController,
        SpeakingTimesController,
        StatementController,
    )

    return [
        SittingSpeakersController,
        SpeakerListController,
        FloorController,
        SpeakingTimesController,
        SpeakersRecordController,
        StatementController,
    ]
