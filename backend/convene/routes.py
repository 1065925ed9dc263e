"""Every domain's HTTP handlers, gathered for the app factory."""

from __future__ import annotations

from litestar.types import ControllerRouterHandler

from convene.agenda.controllers import AgendaItemController, DocumentController, SessionAgendaController
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
    ]

