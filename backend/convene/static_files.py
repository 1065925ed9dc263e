"""The stylesheet, scripts and vendored bundles, read and compressed once, served from memory.

Pages link each file under a fingerprinted name (``convene.3f2a1b9c0d.css``,
from a hash of its bytes), which never changes meaning: browsers and proxies
may keep it for a year without asking again (``immutable``). A new version
of a file gets a new name, so nobody keeps an old stylesheet after a
release. The plain name (``/static/convene.css``) still answers, with an
ETag and ``no-cache``, for anyone who typed or bookmarked it.

Files are few and small (the largest is Swagger UI's bundle, 1.7 MB), so
each app reads them at start-up and gzips the compressible ones at the
strongest level once, instead of compressing on every request.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from litestar import asgi
from litestar.datastructures import Headers
from litestar.exceptions import MethodNotAllowedException, NotFoundException
from litestar.handlers import ASGIRouteHandler
from litestar.types import HTTPResponseBodyEvent, HTTPResponseStartEvent, Receive, Scope, Send

from convene.compression import UNCOMPRESSED
from convene.freshness.conditional import etag_matches

PREFIX = "/static/"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, no-cache"
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")
AT_THE_ROOT = {"/favicon.ico": "favicon.ico"}
"""Files that browsers ask for at fixed addresses outside ``/static``, revalidated."""
MINIMUM_TO_COMPRESS = 1024
"""Below this a gzip header and dictionary cost more than they save."""


@dataclass(frozen=True)
class Asset:
    name: str
    """The file's path under the static folder: ``vendor/htmx.min.js``."""
    fingerprinted: str
    """The same with a hash of its bytes before the last suffix: ``vendor/htmx.min.1a2b3c4d5e.js``."""
    media_type: str
    body: bytes
    gzipped: bytes | None
    """The body gzipped once, or None when compressing would not pay."""

    @property
    def etag(self) -> str:
        return f'"{self.fingerprinted.rsplit(".", 2)[-2]}"'

    @classmethod
    def read(cls, folder: Path, path: Path) -> Asset:
        body = path.read_bytes()
        name = path.relative_to(folder).as_posix()
        stem, dot, suffix = name.rpartition(".")
        digest = hashlib.sha256(body).hexdigest()[:10]
        fingerprinted = f"{stem}.{digest}.{suffix}" if dot and "/" not in suffix else f"{name}.{digest}"
        media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        compress = media_type.startswith(COMPRESSIBLE) and len(body) >= MINIMUM_TO_COMPRESS
        gzipped = gzip.compress(body, compresslevel=9, mtime=0) if compress else None
        return cls(name, fingerprinted, media_type, body, gzipped)


class StaticAssets:
    """Every file under one folder, by plain and fingerprinted name."""

    def __init__(self, folder: Path) -> None:
        self._by_name: dict[str, Asset] = {}
        self._by_fingerprint: dict[str, Asset] = {}
        for asset in _read_all(folder):
            self._by_name[asset.name] = asset
            self._by_fingerprint[asset.fingerprinted] = asset

    def url(self, name: str) -> str:
        """The address a page links to: fingerprinted, so it can be kept for good."""
        return PREFIX + self._by_name[name].fingerprinted

    def find(self, path: str) -> tuple[Asset, bool] | None:
        """The asset at ``path`` (under ``/static/``) and whether it is the fingerprinted name."""
        if (asset := self._by_fingerprint.get(path)) is not None:
            return asset, True
        if (asset := self._by_name.get(path)) is not None:
            return asset, False
        return None

    async def answer(self, scope: Scope, send: Send) -> bool:
        """Send the file a GET or HEAD asks for; False when there is none (the route says why)."""
        method = scope.get("method")
        if scope["type"] != "http" or method not in ("GET", "HEAD"):
            return False
        path = scope["path"]
        if path in AT_THE_ROOT:
            path = PREFIX + AT_THE_ROOT[path]
        found = self.find(path.removeprefix(PREFIX)) if path.startswith(PREFIX) else None
        if found is None:
            return False
        await _send(scope, send, method == "HEAD", *found)
        return True

    def handler(self) -> ASGIRouteHandler:
        """The ``/static`` route, for what :meth:`answer` (called before the app) leaves: errors."""
        assets = self

        @asgi(
            PREFIX.rstrip("/"),
            is_mount=True,
            copy_scope=True,
            name="static",
            include_in_schema=False,
            opt={UNCOMPRESSED: True},
        )
        async def serve(scope: Scope, receive: Receive, send: Send) -> None:
            if scope.get("method") not in ("GET", "HEAD"):
                raise MethodNotAllowedException(headers={"Allow": "GET, HEAD"})
            if not await assets.answer(scope, send):
                raise NotFoundException(f"No file {scope['path']}")

        return serve


@cache
def static_assets(folder: Path) -> StaticAssets:
    """One read (and one compression) of a folder per process, however many apps serve it."""
    return StaticAssets(folder)


def _read_all(folder: Path) -> Iterable[Asset]:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield Asset.read(folder, path)


async def _send(scope: Scope, send: Send, head: bool, asset: Asset, immutable: bool) -> None:
    request_headers = Headers.from_scope(scope)
    headers = [
        (b"cache-control", (IMMUTABLE if immutable else REVALIDATE).encode()),
        (b"etag", asset.etag.encode()),
        (b"vary", b"Accept-Encoding"),
    ]
    if_none_match = request_headers.get("if-none-match")
    if if_none_match is not None and etag_matches(if_none_match, asset.etag):
        await _answer(send, 304, headers, b"")
        return
    body = asset.body
    if asset.gzipped is not None and "gzip" in request_headers.get("accept-encoding", ""):
        body = asset.gzipped
        headers.append((b"content-encoding", b"gzip"))
    content_type = asset.media_type + ("; charset=utf-8" if asset.media_type.startswith("text/") else "")
    headers += [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())]
    await _answer(send, 200, headers, b"" if head else body)


async def _answer(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    start: HTTPResponseStartEvent = {"type": "http.response.start", "status": status, "headers": headers}
    await send(start)
    end: HTTPResponseBodyEvent = {"type": "http.response.body", "body": body, "more_body": False}
    await send(end)
