"""The language switcher on every page: a form, so it works without scripts.

It remembers the choice on the browser (the ``convene_language`` cookie, see
:mod:`convene.languages`) and, for a signed-in person, on their account, so
their pages and e-mails follow them to any browser. Then it goes back to the
page it was sent from (a path on this site only).

The public's switcher sends a GET: public pages are kept in memory and shared
by every visitor (:mod:`convene.freshness.memo`), so they cannot carry one
visitor's CSRF token, and a cookie on the asker's own browser is all it
changes. A signed-in person's switcher posts, with the session's token,
because it changes their account.
"""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.params import FromQuery, URLEncodedBody
from litestar.response import Redirect

from convene.accounts.services import choose_language
from convene.errors import RuleViolation
from convene.languages import language_cookie, local_path
from convene.translation import LANGUAGES, gettext
from convene.web.rendering import AnyRequest


class LanguagePages(Controller):
    include_in_schema = False

    @get("/language", cache=False)
    async def switch_here(
        self, language: FromQuery[str] = "", next: FromQuery[str | None] = None
    ) -> Redirect:
        """On this browser only (the public's switcher)."""
        return _back(_official(language), next)

    @post("/language", status_code=303)
    async def switch(self, request: AnyRequest, data: URLEncodedBody[dict[str, str]]) -> Redirect:
        """On this browser and, for a signed-in person, on their account."""
        language = _official(data.get("language", ""))
        if request.user is not None:
            await choose_language(request.user, language)
        return _back(language, data.get("next"))


def _official(language: str) -> str:
    if language not in LANGUAGES:
        raise RuleViolation(
            gettext("Choose one of the six official languages"), field="language", status_code=400
        )
    return language


def _back(language: str, target: str | None) -> Redirect:
    return Redirect(
        path=local_path(target),
        status_code=303,
        cookies=[language_cookie(language)],
        headers={"Cache-Control": "no-store"},
    )
