"""Laying reports out with WeasyPrint, from the Jinja templates in the top-level ``reports/`` folder.

One ``FontConfiguration`` and one parsed stylesheet serve every report the
process renders: building them is the slow part of a small report. PDFs are
tagged PDF/UA-1 (structure tree, language, XMP metadata) so screen readers
can follow them; the title, author and language come from the template's
``<head>``.

WeasyPrint is not documented as thread-safe, and rendering is CPU-bound
anyway, so renders run one at a time in a worker thread, off the event loop.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
import weasyprint
from markupsafe import Markup
from msgspec import Struct
from weasyprint.text.fonts import FontConfiguration

from convene.reports import parsing, tagging
from convene.reports.coverage import with_replacements
from convene.reports.language import report_gettext, report_ngettext
from convene.reports.scripts import name_markup, script_markup
from convene.settings import PROJECT_ROOT

REPORTS_DIR = PROJECT_ROOT / "reports"
STYLESHEET = "report.css"
PDF_VARIANT = "pdf/ua-1"
LAYOUT_VERSION = "2"
"""Raise when the Python side of the layout changes in a way the templates' hash cannot see."""

_render_lock = threading.Lock()
parsing.install()
tagging.install()

# WeasyPrint logs each step of each layout at INFO; one request would write seven lines.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int


@cache
def font_configuration() -> FontConfiguration:
    return FontConfiguration()


@cache
def _stylesheet() -> weasyprint.CSS:
    return weasyprint.CSS(filename=str(REPORTS_DIR / STYLESHEET), font_config=font_configuration())


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(REPORTS_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_as_printed,
    )
    environment.filters["script"] = script_markup
    environment.filters["titled"] = lambda name, honorific: name_markup(honorific, name)
    environment.tests["breakable"] = has_long_word
    environment.filters["spaceless"] = spaceless
    environment.globals.update(
        _=report_gettext, ngettext=report_ngettext, page_numbering=page_numbering
    )
    return environment


def page_numbering() -> Markup:
    """The page boxes' "Page 2 of 5" in the report's language, as CSS ``content``."""
    words = report_gettext("Page %(page)s of %(pages)s", page="\x00", pages="\x01")
    before, rest = words.split("\x00")
    middle, after = rest.split("\x01")
    pieces = (_css_string(before), "counter(page)", _css_string(middle), "counter(pages)")
    return Markup(" ".join((*pieces, _css_string(after))))


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _as_printed(value: Any) -> Any:
    """Every text a template prints, with the characters no font draws shown as U+FFFD (see :mod:`coverage`)."""
    if isinstance(value, str) and not value.isascii():
        printed = with_replacements(value)
        return Markup(printed) if isinstance(value, Markup) else printed
    return value


LONG_WORD = 40
"""Characters without a space: a Latin word this long may not fit a line of a list (see report.css)."""


def has_long_word(text: str) -> bool:
    """Whether ``text`` has a word that may be longer than a line, and so must be allowed to break."""
    return len(text) >= LONG_WORD and any(len(word) >= LONG_WORD for word in text.split())


_BETWEEN_TAGS = re.compile(r">\s+<")


def spaceless(html: str) -> Markup:
    """``html`` without the whitespace between tags (as Django's ``spaceless``).

    WeasyPrint makes a text box of every run of whitespace between two
    blocks, lays it out and then drops it: in a list of a thousand persons
    that is a fifth of the layout time for nothing on the page. Only for
    markup where no two inline elements are separated by a space alone.
    """
    return Markup(_BETWEEN_TAGS.sub("><", html))


def render_html(template: str, report: Struct) -> str:
    return _environment().get_template(template).render(report=report)


def render_pdf(template: str, report: Struct) -> RenderedPdf:
    """The report as a tagged PDF (blocking: call it from a worker thread)."""
    html = render_html(template, report)
    with _render_lock, _collecting_once():
        return _laid_out(html)


def _laid_out(html: str) -> RenderedPdf:
    document = weasyprint.HTML(string=html, base_url=str(REPORTS_DIR)).render(
        stylesheets=[_stylesheet()], font_config=font_configuration(), pdf_variant=PDF_VARIANT
    )
    content = document.write_pdf(pdf_variant=PDF_VARIANT)
    return RenderedPdf(content=content, pages=len(document.pages))


@contextmanager
def _collecting_once() -> Iterator[None]:
    """No garbage collection during a layout, and one of the youngest objects after it.

    A laid-out document is a web of cycles (styles, boxes) that only the
    collector frees; while it is built, the collector would walk the whole
    process's objects again and again (a quarter of the time of a long list)
    to find nothing to free. Everything the layout allocated is still in the
    youngest generation when it ends, so one collection of that generation
    frees the document, and memory stays what it was.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)


@cache
def layout_fingerprint() -> str:
    """What, besides a report's data, decides its PDF: templates, CSS, WeasyPrint and the fonts installed.

    Part of every cache key, so a new template or newly installed fonts
    (a PDF cached with missing glyphs) never serve a stale PDF.
    """
    digest = hashlib.sha256(f"{LAYOUT_VERSION}:{weasyprint.__version__}:{PDF_VARIANT}".encode())
    for path in sorted(REPORTS_DIR.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    digest.update(_installed_fonts().encode())
    return digest.hexdigest()


def _installed_fonts() -> str:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ""
    command = [fc_list, "--format", "%{file}\n"]
    listing = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    return "\n".join(sorted(listing.stdout.splitlines()))
