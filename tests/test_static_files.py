"""Static files: fingerprinted names kept for a year, compressed once, plain names revalidated."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from httpx import AsyncClient

from convene.static_files import StaticAssets

STATIC = Path(__file__).parents[1] / "frontend" / "static"


async def _linked(client: AsyncClient, page: str = "/") -> list[str]:
    html = (await client.get(page)).text
    return re.findall(r'(?:src|href)="(/static/[^"]+)"', html)


async def test_pages_link_fingerprinted_files_that_browsers_may_keep_for_good(client: AsyncClient) -> None:
    links = await _linked(client)
    assert {re.sub(r"\.[0-9a-f]{10}\.", ".", link) for link in links} == {
        "/static/favicon.svg",
        "/static/convene.css",
        "/static/vendor/htmx.min.js",
        "/static/convene.js",
    }
    for link in links:
        response = await client.get(link)
        assert response.status_code == 200, link
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
        plain = re.sub(r"\.[0-9a-f]{10}\.", ".", link).removeprefix("/static/")
        assert response.content == (STATIC / plain).read_bytes()


async def test_a_changed_file_gets_a_new_name(client: AsyncClient) -> None:
    stylesheet = next(link for link in await _linked(client) if link.endswith(".css"))
    assert stylesheet != "/static/convene.css"
    assert (await client.get("/static/convene.0123456789.css")).status_code == 404


async def test_compressible_files_travel_gzipped_and_small_ones_as_they_are(client: AsyncClient) -> None:
    raw = await client.get("/static/convene.css", headers={"accept-encoding": "gzip"})
    assert raw.headers["content-encoding"] == "gzip"
    assert raw.headers["vary"] == "Accept-Encoding"
    assert raw.content == (STATIC / "convene.css").read_bytes()  # httpx decodes it
    assert int(raw.headers["content-length"]) < len(raw.content) / 2
    plain = await client.get("/static/convene.css", headers={"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.headers["content-type"] == "text/css; charset=utf-8"
    small = await client.get("/static/openapi.js", headers={"accept-encoding": "gzip"})
    assert "content-encoding" not in small.headers and small.status_code == 200


async def test_a_plain_name_is_revalidated_and_answers_304_when_unchanged(client: AsyncClient) -> None:
    first = await client.get("/static/convene.js")
    assert first.headers["cache-control"] == "public, no-cache"
    again = await client.get("/static/convene.js", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == first.headers["etag"]


async def test_head_and_other_methods(client: AsyncClient) -> None:
    head = await client.head("/static/convene.css", headers={"accept-encoding": "identity"})
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) == (STATIC / "convene.css").stat().st_size
    assert (await client.post("/static/convene.css")).status_code == 405
    missing = await client.get("/static/../pyproject.toml")
    assert missing.status_code == 404


def test_the_compressed_bytes_are_the_file() -> None:
    asset, immutable = StaticAssets(STATIC).find("vendor/htmx.min.js") or (None, None)
    assert asset is not None and immutable is False
    assert asset.gzipped is not None and gzip.decompress(asset.gzipped) == asset.body


async def test_the_site_has_an_icon_where_browsers_look_for_it(client: AsyncClient) -> None:
    icon = await client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"] in ("image/vnd.microsoft.icon", "image/x-icon")
    assert icon.content == (STATIC / "favicon.ico").read_bytes()
    assert icon.headers["cache-control"] == "public, no-cache"
    svg = next(link for link in await _linked(client) if "favicon" in link)
    assert (await client.get(svg)).headers["content-type"] == "image/svg+xml"
