"""The secretariat's pages of a hybrid sitting: the door, and the live picture with its quorum.

The door takes a USB scanner typing into a field (it presses Enter) or the device's camera
(``frontend/static/presence.js``, where the browser detects barcodes); each rendered form
carries a fresh idempotency key, so a form posted twice records one scan. The live picture
reloads its figures whenever the session's stream says presence changed, and every 30 s so
that those whose heartbeat stopped drop out.
"""

from __future__ import annotations

import uuid
from typing import Any

from litestar import get, post
from litestar.params import FromQuery
from litestar.response import Template

from convene.bounds import PathId
from convene.presence import door, picture
from convene.presence.people import sitting_at
from convene.presence.schemas import ScanIn, ScanOut
from convene.templating import gettext as _
from convene.web.forms import FormErrors, convert, optional, post_form, text
from convene.web.rendering import AnyRequest, is_htmx, render
from convene.web.secretariat.pages import SecretariatController, session_of


class HybridPages(SecretariatController):
    path = "/secretariat/sittings/{sitting_id:int}"

    @get("/door")
    async def door_page(
        self,
        request: AnyRequest,
        sitting_id: PathId,
        door_name: FromQuery[str | None] = None,
    ) -> Template:
        return await self._door(request, sitting_id, door_name=(door_name or "")[:50])

    async def _door(
        self,
        request: AnyRequest,
        sitting_id: int,
        status_code: int = 200,
        result: ScanOut | None = None,
        errors: dict[str, str] | None = None,
        door_name: str = "",
        direction: str = "in",
    ) -> Template:
        sitting = await sitting_at(sitting_id)
        template = "web/secretariat/_door.html" if is_htmx(request) else "web/secretariat/door.html"
        return await render(
            request,
            template,
            status_code,
            session=await session_of(sitting.session_id),
            sitting=sitting,
            result=result,
            errors=errors or {},
            idempotency_key=f"desk-{uuid.uuid4().hex}",
            door_name=door_name,
            direction=direction,
        )

    @post("/door")
    async def scan(self, request: AnyRequest, sitting_id: PathId) -> Template:
        form = await request.form()
        door_name, direction = text(form, "door")[:50], text(form, "direction") or "in"
        return await post_form(
            lambda: self._scan(request, sitting_id, form),
            then=lambda result: self._door(
                request, sitting_id, result=result, door_name=door_name, direction=direction
            ),
            again=lambda failure: self._door(
                request,
                sitting_id,
                failure.status_code,
                errors=failure.errors,
                door_name=door_name,
                direction=direction,
            ),
            fields=("badge_code", "direction", "idempotency_key"),
        )

    async def _scan(self, request: AnyRequest, sitting_id: int, form: Any) -> ScanOut:
        values = optional(form, "badge_code", "direction", "idempotency_key", "door")
        if not values.get("badge_code"):
            raise FormErrors({"badge_code": _("Type or scan a badge code")})
        return await door.scan(request.user, sitting_id, convert(values, ScanIn))

    @get("/presence")
    async def live_picture(
        self, request: AnyRequest, sitting_id: PathId, view: FromQuery[str | None] = None
    ) -> Template:
        shown = await picture.live_picture(sitting_id)
        return await render(
            request,
            "web/secretariat/presence.html",
            session=await session_of(shown.session_id),
            picture=shown,
            chair=view == "chair",
        )
