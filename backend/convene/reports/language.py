"""The words of the reports in the language they are built in.

A report is built inside :func:`convene.translation.using_locale` (the
language asked for on its route or the secretariat's reports page), so its
session title, bodies' names, agenda items and dates follow that language.
Its fixed words (headings, category names, the press sentence) are marked
``_()`` like the interface's and looked up first in the reports' own
catalogue, ``reports/locale/<language>/LC_MESSAGES/reports.po`` (the terms
UN documents use in each language), then in the interface's catalogue, then
left in English.
"""

from __future__ import annotations

import gettext as gettext_module
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

from convene.catalogues import compiled
from convene.settings import PROJECT_ROOT
from convene.translation import ENGLISH, current_locale, gettext, ngettext

CATALOGUES = PROJECT_ROOT / "reports" / "locale"


@cache
def _catalogue(language: str) -> gettext_module.NullTranslations | None:
    """The reports' catalogue for ``language``, compiled once per process; None without one."""
    path = report_catalogue_path(language)
    if language == ENGLISH or not path.exists():
        return None
    with path.open("rb") as source:
        return compiled(read_po(source, locale=language))


def report_catalogue_path(language: str) -> Path:
    return CATALOGUES / language / "LC_MESSAGES" / "reports.po"


def report_gettext(message: str, **variables: Any) -> str:
    """``message`` in the report's language; the interface's catalogue where the reports' lacks it."""
    catalogue = _catalogue(current_locale())
    text = catalogue.gettext(message) if catalogue else message
    if text == message:
        return gettext(message, **variables)
    return text % variables if variables else text


def report_ngettext(singular: str, plural: str, n: int, **variables: Any) -> str:
    """The form of ``singular``/``plural`` for ``n`` in the report's language (``%(num)d`` is n)."""
    catalogue = _catalogue(current_locale())
    text = catalogue.ngettext(singular, plural, n) if catalogue else singular
    if text in (singular, plural):
        return ngettext(singular, plural, n, **variables)
    return text % {"num": n, **variables}
