"""E-mails written from templates (``frontend/templates/mail/``), in the recipient's language.

Each message is one template, ``<name>.txt``, with a ``subject`` block and a
``body`` block (the plain text, complete on its own), and optionally
``<name>.html``, the HTML alternative that says the same with a link. Their
words are marked with ``_()`` like every page's, so the catalogues translate
them; :func:`render_mail` renders both inside :func:`using_locale`, so the
texts, the dates and any title read while rendering are in that language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    select_autoescape,
)

from convene.reports.texts import date_span, long_date, weekday_date
from convene.settings import PROJECT_ROOT
from convene.translation import (
    ENGLISH,
    current_locale,
    gettext,
    ngettext,
    text_direction,
    using_locale,
)

MAIL_TEMPLATES = PROJECT_ROOT / "frontend" / "templates" / "mail"


@dataclass(frozen=True)
class Mail:
    """One message as the outbox takes it."""

    subject: str
    text: str
    html: str | None = None


def utc_moment(moment: datetime) -> str:
    """A deadline in UTC: "02 December 2026, 17:00 UTC" ("2 décembre 2026, 17:00 UTC")."""
    moment = moment.astimezone(UTC)
    if current_locale() == ENGLISH:
        return moment.strftime("%d %B %Y, %H:%M UTC")
    return f"{long_date(moment.date())}, {moment:%H:%M} UTC"


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(MAIL_TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.globals.update(
        _=gettext,
        gettext=gettext,
        ngettext=ngettext,
        current_locale=current_locale,
        text_direction=text_direction,
        long_date=long_date,
        weekday_date=weekday_date,
        date_span=date_span,
        utc_moment=utc_moment,
    )
    return environment


def render_mail(message: str, language: str, /, **context: Any) -> Mail:
    """The message ``message`` (a template's name) written in ``language`` with ``context``."""
    environment = _environment()
    with using_locale(language):
        template = environment.get_template(f"{message}.txt")
        blocks = template.new_context(context)
        subject = " ".join("".join(template.blocks["subject"](blocks)).split())
        text = "".join(template.blocks["body"](blocks)).strip() + "\n"
        try:
            html: str | None = environment.get_template(f"{message}.html").render(context)
        except TemplateNotFound:
            html = None
    return Mail(subject, text, html)
