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
from convene.meetings.controllers import BodyController, OfficerController, SessionController
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
        *_accounts_handlers(),
    ]


def _accounts_handlers() -> list[ControllerRouterHandler]:
    """Accounts, sign-in pages, audit log and outbox (issue 4)."""
    from convene.accounts.controllers import AccountController, InvitationController, MeController
    from convene.accounts.pages import AccountPages
    from convene.audit.controllers import AuditController
    from convene.mail.controllers import OutboxController

    return [MeController, AccountController, InvitationController, AccountPages, AuditController, OutboxController]
