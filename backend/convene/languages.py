"""Which of the six languages a request is answered in, decided in one place.

In order: the signed-in person's saved preference (applied once the account
is known, see :mod:`convene.accounts.auth`), else the language switcher's
cookie, else the browser's ``Accept-Language``, else English. Decided before
anything else reads the request, so that pages answered from memory
(:mod:`convene.freshness.memo`) are kept per language too.
"""

from __future__ import annotations

from typing import Final

from babel import negotiate_locale
from litestar.datastructures import Cookie, Headers
from litestar.types import Scope

from convene.translation import ENGLISH, LANGUAGES

LANGUAGE_COOKIE: Final = "convene_language"
"""What the language switcher on every page remembers (not a secret, a preference)."""
LANGUAGE_NAMES: Final = {
    "ar": "العربية",
    "zh": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}
"""Each language named in itself, as the switcher offers it: a reader finds their own whatever the page's."""
MAX_RANGES: Final = 20
"""Accept-Language ranges read at most: a header of thousands is not worth parsing."""


def request_locale(scope: Scope) -> str:
    """The language a request is answered in when no saved preference says otherwise."""
    headers = Headers.from_scope(scope)
    chosen = cookie_locale(headers.get("cookie", ""))
    return chosen or accepted_locale(headers.get("accept-language", "")) or ENGLISH


def cookie_locale(cookie_header: str) -> str | None:
    for part in cookie_header.split(";"):
        name, _, value = part.strip().partition("=")
        if name == LANGUAGE_COOKIE and value in LANGUAGES:
            return value
    return None


def accepted_locale(accept_language: str) -> str | None:
    """The first official language the browser accepts, by its weights ("zh-CN" is Chinese)."""
    ranges: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")[:MAX_RANGES]):
        tag, _, parameters = part.strip().partition(";")
        weight = _weight(parameters)
        if tag and weight > 0:
            ranges.append((-weight, position, tag.strip().lower()))
    preferred = [tag for _, _, tag in sorted(ranges)]
    return negotiate_locale(preferred, LANGUAGES, sep="-") if preferred else None


def local_path(target: str | None, otherwise: str = "/") -> str:
    """Only a path on this site, never ``//evil.example`` or an absolute URL: where a form goes back to."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return otherwise


def language_cookie(locale: str) -> Cookie:
    """The switcher's choice, kept for a year on this browser."""
    return Cookie(key=LANGUAGE_COOKIE, value=locale, max_age=365 * 24 * 3600, samesite="lax", httponly=True)


def _weight(parameters: str) -> float:
    name, _, value = parameters.strip().partition("=")
    if name.strip() != "q":
        return 1.0
    try:
        return max(0.0, min(1.0, float(value)))
    except ValueError:
        return 0.0
