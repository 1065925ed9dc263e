"""Gettext-style markers for user-facing text, in the language of the request at hand.

Delegates work in the six official UN languages. The language is chosen per
request (or per e-mail, per report) and kept in a context variable, never
process-wide: two requests served at once by one worker each get their own.

- ``gettext("text")`` and ``ngettext(singular, plural, n)`` translate into
  :func:`current_locale`, falling back to the English text itself.
- :func:`using_locale` sets the language for a block (a request, an e-mail to
  one recipient, a report built in French).
- :func:`install_catalogue` gives a language its catalogue (read from the
  ``.po`` files at start, see :mod:`convene.catalogues`).

Nothing here knows about templates, so every module can mark its strings
without importing the template engine (:mod:`convene.templating` registers
these there).
"""

from __future__ import annotations

import gettext as gettext_module
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Final

ENGLISH: Final = "en"
LANGUAGES: Final = ("ar", "zh", "en", "fr", "ru", "es")
"""The six official languages of the United Nations, in the UN's own (English alphabetical) order."""
RIGHT_TO_LEFT: Final = frozenset({"ar"})

_locale: ContextVar[str] = ContextVar("convene_locale", default=ENGLISH)
_catalogues: dict[str, gettext_module.NullTranslations] = {}
_english = gettext_module.NullTranslations()


def current_locale() -> str:
    """The language of the request, e-mail or report being built ("en" when none was chosen)."""
    return _locale.get()


def text_direction(locale: str | None = None) -> str:
    """"rtl" for Arabic, else "ltr": what ``<html dir>`` says."""
    return "rtl" if (locale or current_locale()) in RIGHT_TO_LEFT else "ltr"


@contextmanager
def using_locale(locale: str) -> Iterator[str]:
    """Translate into ``locale`` within the block; the previous language comes back after it."""
    if locale not in LANGUAGES:
        raise ValueError(f"{locale!r} is not one of the six official languages")
    token = _locale.set(locale)
    try:
        yield locale
    finally:
        _locale.reset(token)


def install_catalogue(locale: str, translations: gettext_module.NullTranslations) -> None:
    """Use ``translations`` for every text marked in ``locale`` from now on."""
    _catalogues[locale] = translations


def _translations() -> gettext_module.NullTranslations:
    return _catalogues.get(_locale.get(), _english)


def gettext(message: str, **variables: Any) -> str:
    text = _translations().gettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, n: int, **variables: Any) -> str:
    return plural_form(singular, plural, n) % {"num": n, **variables}


def plural_form(singular: str, plural: str, n: int) -> str:
    """The translated form for ``n`` (one of six in Arabic), its placeholders not yet filled."""
    return _translations().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a text kept in a table (a label, a notice) for extraction.

    :func:`gettext` translates it where it is shown.
    """
    return message
