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
from io import BytesIO
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from convene.settings import PROJECT_ROOT
from convene.translation import ENGLISH, current_locale, gettext, ngettext

CATALOGUES = PROJECT_ROOT / "reports" / "locale"


@cache
def _catalogue(language: str) -> gettext_module.NullTranslations | None:
    """The reports' catalogue for ``language``, compiled once per process; None without one."""
    path = CATALOGUES / language / "LC_MESSAGES" / "reports.po"
    if language == ENGLISH or not path.exists():
        return None
    with path.open("rb") as source:
        catalog = read_po(source, locale=language)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext_module.GNUTranslations(compiled)


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
