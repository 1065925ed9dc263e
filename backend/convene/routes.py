"""Every domain's HTTP handlers, gathered for the app factory."""

from __future__ import annotations

from litestar.types import ControllerRouterHandler


def route_handlers() -> list[ControllerRouterHandler]:
    return []
