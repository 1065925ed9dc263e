"""The interface's translations: extracted from the code and templates, read from ``.po`` files at start.

``backend/convene/locales/messages.pot`` holds every marked text (``_``,
``gettext``, ``ngettext``, ``N_``) of the Python code and the Jinja
templates; ``<lang>/LC_MESSAGES/messages.po`` its translation into Arabic,
Chinese, French, Russian and Spanish (English is the text itself). Only the
``.po`` files are kept in the repository: each process compiles them in
memory once (:func:`install_catalogues`), so no compiled ``.mo`` can fall
behind its source.

``convene messages`` (:func:`update_catalogues`) extracts again and merges the
new texts into every ``.po`` file, with the plural forms CLDR gives each
language (Arabic has six); the new entries are then translated by hand.
"""

from __future__ import annotations

import gettext as gettext_module
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Final

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from convene.settings import PROJECT_ROOT
from convene.translation import ENGLISH, LANGUAGES, install_catalogue

LOCALES: Final = Path(__file__).parent / "locales"
TEMPLATE: Final = LOCALES / "messages.pot"
TRANSLATED: Final = tuple(language for language in LANGUAGES if language != ENGLISH)
KEYWORDS: Final = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
"""The markers: ``N_`` marks a text kept in a table (a label, a notice) and translated where shown."""
SOURCES: Final = (
    (PROJECT_ROOT / "backend" / "convene", [("**.py", "python")]),
    (
        PROJECT_ROOT / "frontend" / "templates",
        [("**.html", "jinja2.ext:babel_extract"), ("mail/**.txt", "jinja2.ext:babel_extract")],
    ),
)
PROJECT: Final = "Convene"


def catalogue_path(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / "messages.po"


def read_catalogue(language: str) -> Catalog:
    with catalogue_path(language).open("rb") as source:
        return read_po(source, locale=language)


def compiled(catalogue: Catalog) -> gettext_module.GNUTranslations:
    """The catalogue as Python's gettext reads it, compiled in memory (fuzzy entries left out)."""
    buffer = BytesIO()
    write_mo(buffer, catalogue)
    buffer.seek(0)
    return gettext_module.GNUTranslations(buffer)


@cache
def install_catalogues() -> None:
    """Read and install each language's catalogue, once per process.

    A language without a ``.po`` stays in English.
    """
    for language in TRANSLATED:
        if catalogue_path(language).exists():
            install_catalogue(language, compiled(read_catalogue(language)))


def extracted() -> Catalog:
    """Every marked text of the code and the templates, as a fresh ``messages.pot`` would hold it."""
    template = Catalog(project=PROJECT, copyright_holder=PROJECT, fuzzy=False)
    for folder, method_map in SOURCES:
        for filename, lineno, message, comments, context in extract_from_dir(
            folder, method_map, keywords=KEYWORDS, strip_comment_tags=True
        ):
            where = (folder / filename).relative_to(PROJECT_ROOT).as_posix()
            template.add(message, None, [(where, lineno)], auto_comments=comments, context=context)
    return template


def update_catalogues() -> dict[str, int]:
    """Write ``messages.pot`` afresh and merge it into each ``.po``: {language: entries left to translate}."""
    template = extracted()
    if TEMPLATE.exists():
        with TEMPLATE.open("rb") as source:
            before = read_po(source)
        if [m.id for m in before] == [m.id for m in template]:
            template.creation_date = before.creation_date  # no new text: no change of date to merge
    _write(TEMPLATE, template)
    untranslated = {}
    for language in TRANSLATED:
        path = catalogue_path(language)
        if path.exists():
            catalogue = read_catalogue(language)
        else:
            catalogue = Catalog(locale=language, project=PROJECT, copyright_holder=PROJECT)
        catalogue.fuzzy = False  # the header: its plural forms are CLDR's for the language
        catalogue.update(template, update_header_comment=False)
        catalogue.obsolete.clear()  # a text no longer in the code is not worth keeping
        _write(path, catalogue)
        untranslated[language] = len(missing_entries(catalogue))
    return untranslated


def missing_entries(catalogue: Catalog) -> list[str]:
    """The texts a catalogue does not (or only fuzzily) translate."""
    return [str(message.id) for message in catalogue if message.id and not is_translated(message)]


def is_translated(message: Message) -> bool:
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    return not message.fuzzy and all(forms)


def _write(path: Path, catalogue: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as target:
        write_po(target, catalogue, width=100, omit_header=False, sort_output=False, no_location=False)
