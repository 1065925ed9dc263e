"""What every Jinja template can use, registered once on the app's template engine.

- ``_("text")`` and ``ngettext(singular, plural, n)``: gettext-style markers,
  so user-facing strings are ready for translation (they return English until
  a catalogue is installed with :func:`install_translations`).
- ``role_label(role)``: "Secretariat", "Focal point", "Delegate".
- ``csrf_input`` (context) and ``csrf_token()``: Litestar's own, fed by
  :mod:`convene.accounts.auth` with the token a form must send back.
"""

from __future__ import annotations

import gettext as gettext_module
from typing import Any

from litestar.plugins.jinja import JinjaTemplateEngine

ROLE_LABELS = {"secretariat": "Secretariat", "focal_point": "Focal point", "delegate": "Delegate"}

_translations: gettext_module.NullTranslations = gettext_module.NullTranslations()


def install_translations(translations: gettext_module.NullTranslations) -> None:
    """Use a gettext catalogue for every template rendered from now on."""
    global _translations
    _translations = translations


def _gettext(message: str, **variables: Any) -> str:
    text = _translations.gettext(message)
    return text % variables if variables else text


def _ngettext(singular: str, plural: str, n: int, **variables: Any) -> str:
    text = _translations.ngettext(singular, plural, n)
    return text % {"num": n, **variables}


gettext = _gettext
"""For Python code that hands user-facing text to a template (page controllers)."""
ngettext = _ngettext


def role_label(role: str | None) -> str:
    return _gettext(ROLE_LABELS.get(role or "", role or ""))


def configure_template_engine(engine: JinjaTemplateEngine) -> None:
    """The app's ``TemplateConfig.engine_callback``."""
    engine.engine.globals.update(
        _=_gettext, gettext=_gettext, ngettext=_ngettext, role_label=role_label
    )
    from convene.web.formatting import template_globals  # the web pages' date and label helpers

    engine.engine.globals.update(template_globals())
