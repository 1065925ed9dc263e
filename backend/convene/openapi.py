"""The API reference at ``/schema``: Swagger UI served from this site, started by a script file.

Litestar's render plugins load their scripts and fonts from public CDNs and start
them with an inline script; Convene's pages load nothing from another site and
its Content-Security-Policy forbids inline scripts. So the page is Swagger UI's
own bundle from ``frontend/static/vendor/swagger-ui/`` (swagger-ui-dist, see its
VERSION file), started by ``frontend/static/openapi.js``, which reads the schema
from the JSON route named in a data attribute.
"""

from __future__ import annotations

from html import escape
from typing import Any

from litestar import Request
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, OpenAPIRenderPlugin, YamlRenderPlugin

from convene import __version__
from convene.static_files import StaticAssets

PATH = "/schema"


class SelfHostedSwagger(OpenAPIRenderPlugin):
    """Swagger UI with every asset from ``/static`` and no inline script or style."""

    def __init__(self, static: StaticAssets) -> None:
        super().__init__(path="/", favicon="", style="")
        self.static = static

    def render(self, request: Request, openapi_schema: dict[str, Any]) -> bytes:
        title = escape(openapi_schema["info"]["title"])
        spec_url = escape(self.get_openapi_json_route(request))
        url = self.static.url
        return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title} API</title>
  <link rel="stylesheet" href="{url("vendor/swagger-ui/swagger-ui.css")}">
  <script src="{url("vendor/swagger-ui/swagger-ui-bundle.js")}" defer></script>
  <script src="{url("openapi.js")}" defer></script>
</head>
<body>
  <main id="swagger-ui" data-spec-url="{spec_url}"></main>
</body>
</html>""".encode()


class KeptYaml(YamlRenderPlugin):
    """The document as YAML, dumped once per app: PyYAML takes about a second for it.

    The document is built once per app and never changes while it runs (see
    :mod:`convene.api.document`), so its YAML does not either.
    """

    def __init__(self) -> None:
        super().__init__(path=["/openapi.yaml", "/openapi.yml"])
        self._kept: tuple[int, bytes] | None = None

    def render(self, request: Request, openapi_schema: dict[str, Any]) -> bytes:
        if self._kept is None or self._kept[0] != id(openapi_schema):
            self._kept = (id(openapi_schema), super().render(request, openapi_schema))
        return self._kept[1]


def openapi_config(static: StaticAssets) -> OpenAPIConfig:
    """The OpenAPI document at ``/schema/openapi.json`` and its reference page at ``/schema``."""
    return OpenAPIConfig(
        title="Convene",
        version=__version__,
        description="Sessions, agendas, delegations and calendars of intergovernmental bodies.",
        path=PATH,
        render_plugins=[
            SelfHostedSwagger(static),
            JsonRenderPlugin(path="/openapi.json"),
            KeptYaml(),
        ],
    )
