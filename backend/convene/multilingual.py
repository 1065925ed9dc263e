"""Content kept in the six official languages: English is the source, the others its translations.

A body's name, a session's title and an agenda item's title are stored once
in English (the column the rest of Convene has always read) and once per
other language in a column beside it (``name_fr``, ``title_ar``; empty: not
translated yet). Readers get the text in the language of the request, e-mail
or report (:func:`convene.translation.current_locale`), falling back to
English; the secretariat is told which languages fell back, the public is not.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Final

from msgspec import Meta

from convene.errors import RuleViolation
from convene.meetings.vocabulary import Language
from convene.translation import ENGLISH, LANGUAGES, current_locale, gettext

TRANSLATED: Final = tuple(language for language in LANGUAGES if language != ENGLISH)
"""The five languages translated from the English source."""

Texts = dict[str, str]
"""Language code → text, for the six languages (an empty text: none in that language)."""

TextsOut = Annotated[
    dict[str, str],
    Meta(
        description="The text in each of the six official languages (ar, zh, en, fr, ru, es); "
        "given with ?languages=all",
        examples=[{"en": "Implementation Review Group", "fr": "Groupe d'examen de l'application"}],
    ),
]
Untranslated = Annotated[
    list[str],
    Meta(description="Languages with no text of their own, shown in English (secretariat only)"),
]


def column(field: str, language: str) -> str:
    """The column holding ``field`` in ``language``: the English source is ``field`` itself."""
    return field if language == ENGLISH else f"{field}_{language}"


def stored_texts(row: Mapping[str, Any], field: str) -> Texts:
    """The six texts of ``field`` as one row holds them."""
    return {language: row.get(column(field, language)) or "" for language in LANGUAGES}


def in_language(texts: Texts, language: str | None = None) -> str:
    """The text in ``language`` (the current one when not given), else in English."""
    return texts.get(language or current_locale()) or texts.get(ENGLISH, "")


def all_six(texts: Texts) -> Texts:
    """Every language's text, English standing in where a translation is missing."""
    return {language: in_language(texts, language) for language in LANGUAGES}


def untranslated(texts: Texts) -> list[str]:
    """The languages that would be shown in English."""
    return [language for language in LANGUAGES if not texts.get(language)]


def translation_values(
    field: str, given: Mapping[Language, str], *, name: str, with_english: bool = False
) -> dict[str, str]:
    """Columns to write for the texts a request gives (an empty text removes one).

    Where the English text is the source field itself (``with_english`` false), ``en``
    here is refused naming the field.
    """
    if Language.ENGLISH in given and not with_english:
        raise RuleViolation(
            gettext(
                "The English text is %(field)s; %(name)s holds the other five languages",
                field=field,
                name=name,
            ),
            field=f"{name}.en",
            status_code=422,
        )
    return {column(field, language.value): text.strip() for language, text in given.items()}
