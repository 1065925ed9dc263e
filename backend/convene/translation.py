"""Gettext-style markers for user-facing text, shared by templates and the Python that feeds them.

``gettext("text")`` and ``ngettext(singular, plural, n)`` return English until
a catalogue is installed with :func:`install_translations`. Nothing here knows
about templates, so every module can mark its strings without importing the
template engine (see :mod:`convene.templating`, which registers these there).
"""

from __future__ import annotations

import gettext as gettext_module
from typing import Any

_translations: gettext_module.NullTranslations = gettext_module.NullTranslations()


def install_translations(translations: gettext_module.NullTranslations) -> None:
    """Use a gettext catalogue for every text marked from now on."""
    global _translations
    _translations = translations


def gettext(message: str, **variables: Any) -> str:
    text = _translations.gettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, n: int, **variables: Any) -> str:
    text = _translations.ngettext(singular, plural, n)
    return text % {"num": n, **variables}
