"""What every Jinja template can use, registered once on the app's template engine.

- ``_("text")`` and ``ngettext(singular, plural, n)``: gettext-style markers
  from :mod:`convene.translation`, translated into the request's language
  (in HTML, escaped before their variables are put in, so ``isolated(name)``
  keeps a name's own direction: ``<bdi>``);
  ``current_locale()`` and ``text_direction()`` for ``<html lang dir>``.
- ``static("convene.css")``: a static file's fingerprinted address.
- ``role_label(role)``: "Secretariat", "Focal point", "Delegate".
- ``language_names``: each official language named in itself, for the switcher.
- the web pages' date, time and label helpers (:mod:`convene.web.formatting`).
- ``csrf_input`` (context) and ``csrf_token()``: Litestar's own, fed by
  :mod:`convene.accounts.auth` with the token a form must send back.
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from litestar.plugins.jinja import JinjaTemplateEngine
from markupsafe import Markup, escape

from convene.languages import LANGUAGE_NAMES
from convene.static_files import StaticAssets
from convene.translation import (  # page controllers import gettext from here
    N_, current_locale, gettext, plural_form, text_direction,
)
from convene.web.formatting import number, template_globals

ROLE_LABELS = {
    "secretariat": N_("Secretariat"),
    "focal_point": N_("Focal point"),
    "delegate": N_("Delegate"),
    "interpreter": N_("Interpreter"),
}


@pass_eval_context
def page_gettext(context: EvalContext, message: str, **variables: Any) -> str:
    """``_()`` in an HTML template: the translation escaped, then its variables, each escaped unless markup.

    So a name passed as ``isolated(name)`` keeps its ``<bdi>`` while any other
    value (and the translation itself) is shown as text.
    """
    if not context.autoescape:
        return gettext(message, **variables)
    text = escape(gettext(message))
    return text % variables if variables else text


@pass_eval_context
def page_ngettext(context: EvalContext, singular: str, plural: str, n: int, **variables: Any) -> str:
    """``ngettext()`` in a template: the form for ``n`` (six in Arabic), with ``%(num)s``
    written as the language writes numbers."""
    variables = {"num": number(n), **variables}
    if not context.autoescape:
        return plural_form(singular, plural, n) % variables
    return escape(plural_form(singular, plural, n)) % variables


def isolated(name: Any) -> Markup:
    """A name, entity or symbol kept in its own direction inside a sentence: Latin names in Arabic text."""
    return Markup("<bdi>{}</bdi>").format(name)


def role_label(role: str | None) -> str:
    return gettext(ROLE_LABELS.get(role or "", role or ""))


def configure_template_engine(engine: JinjaTemplateEngine, static: StaticAssets) -> None:
    """The app's ``TemplateConfig.engine_callback``, given the app's static files."""
    engine.engine.globals.update(
        _=page_gettext, gettext=page_gettext, ngettext=page_ngettext, isolated=isolated,
        role_label=role_label, static=static.url,
        current_locale=current_locale, text_direction=text_direction, language_names=LANGUAGE_NAMES,
    )
    engine.engine.globals.update(template_globals())
