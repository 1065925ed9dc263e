"""Security headers on every kind of response, and an API reference that loads nothing from elsewhere."""

from __future__ import annotations

import re
from dataclasses import replace

from litestar import Litestar
from litestar.testing import AsyncTestClient

from convene.app import create_app
from convene.settings import Settings

SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy")


async def test_every_response_carries_the_security_headers(client: AsyncTestClient[Litestar]) -> None:
    for path, status in (("/", 200), ("/static/convene.css", 200), ("/api/sessions", 200),
                         ("/api/no-such-thing", 404), ("/schema", 200)):
        response = await client.get(path)
        assert response.status_code == status, path
        assert all(name in response.headers for name in SECURITY_HEADERS), path
        policy = response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy and "http" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "strict-transport-security" not in response.headers  # not in development or tests


async def test_production_adds_strict_transport_security(settings: Settings) -> None:
    production = create_app(replace(settings, environment="production"))
    async with AsyncTestClient(app=production, base_url="https://convene.test") as client:
        response = await client.get("/health")
    assert response.headers["strict-transport-security"].startswith("max-age=")


async def test_the_api_reference_loads_only_this_sites_files_and_runs_no_inline_script(
    client: AsyncTestClient[Litestar],
) -> None:
    page = (await client.get("/schema")).text
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(source.startswith("/static/") for source in sources)
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page) is None  # every script is a file
    for source in sources:
        assert (await client.get(source)).status_code == 200, source
    assert (await client.get("/schema/openapi.json")).json()["info"]["title"] == "Convene"
