"""What every Jinja template can use, registered once on the app's template engine.

- ``_("text")`` and ``ngettext(singular, plural, n)``: gettext-style markers
  from :mod:`convene.translation`, translated into the request's language;
  ``current_locale()`` and ``text_direction()`` for ``<html lang dir>``.
- ``static("convene.css")``: a static file's fingerprinted address.
- ``role_label(role)``: "Secretariat", "Focal point", "Delegate".
- ``language_names``: each official language named in itself, for the switcher.
- the web pages' date, time and label helpers (:mod:`convene.web.formatting`).
- ``csrf_input`` (context) and ``csrf_token()``: Litestar's own, fed by
  :mod:`convene.accounts.auth` with the token a form must send back.
"""

from __future__ import annotations

from litestar.plugins.jinja import JinjaTemplateEngine

from convene.languages import LANGUAGE_NAMES
from convene.static_files import StaticAssets
from convene.translation import N_, current_locale, gettext, ngettext, text_direction  # page controllers import gettext from here
from convene.web.formatting import template_globals

ROLE_LABELS = {"secretariat": N_("Secretariat"), "focal_point": N_("Focal point"), "delegate": N_("Delegate")}



def role_label(role: str | None) -> str:
    return gettext(ROLE_LABELS.get(role or "", role or ""))


def configure_template_engine(engine: JinjaTemplateEngine, static: StaticAssets) -> None:
    """The app's ``TemplateConfig.engine_callback``, given the app's static files."""
    engine.engine.globals.update(
        _=gettext, gettext=gettext, ngettext=ngettext, role_label=role_label, static=static.url,
        current_locale=current_locale, text_direction=text_direction, language_names=LANGUAGE_NAMES,
    )
    engine.engine.globals.update(template_globals())
