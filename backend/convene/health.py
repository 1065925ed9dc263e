"""``/health``: is the database reachable, and is its schema up to date?

Load balancers and ``compose`` poll this; it answers 503 (never 500) when the
database cannot be reached or migrations are pending, so a worker is taken out
of rotation instead of serving errors.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import msgspec
from litestar import Controller, Response, get
from litestar.datastructures import State

from convene.migrations import ran_migrations

logger = logging.getLogger("convene.health")

DATABASE_TIMEOUT_SECONDS = 5


class HealthReport(msgspec.Struct):
    database: str
    migrations: str
    pending_migrations: list[str] = []


class HealthController(Controller):
    path = "/health"
    tags = ["Operations"]

    @get("/", summary="Database reachability and migration state", cache=False)
    async def health(self, state: State) -> Response[dict[str, Any]]:
        try:
            ran = await asyncio.wait_for(ran_migrations(), DATABASE_TIMEOUT_SECONDS)
        except Exception as error:  # any failure to reach the database means "unreachable"
            logger.warning("health: database unreachable: %s", error)
            return _answer(HealthReport("unreachable", "unknown"))
        pending = sorted(f"{app}:{name}" for app, name in state.known_migrations - ran)
        return _answer(HealthReport("reachable", "pending" if pending else "up to date", pending))


def _answer(report: HealthReport) -> Response[dict[str, Any]]:
    """200 with the report, or 503 with the report inside an RFC 9457 problem."""
    body = msgspec.structs.asdict(report)
    if report.database == "reachable" and not report.pending_migrations:
        return Response({"status": "ok", **body}, media_type="application/json")
    detail = f"database {report.database}, migrations {report.migrations}"
    problem = {"status": 503, "title": "Service Unavailable", "detail": detail, **body}
    return Response(problem, status_code=503, media_type="application/problem+json")
