"""Request and response bodies for agendas, agenda items and documents."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

from convene.meetings.vocabulary import Language
from convene.bounds import PositiveInt
from convene.multilingual import TextsOut, Untranslated
from convene.text import line, matching, text

Title = Annotated[str, line(min_length=1, max_length=500)]
Description = Annotated[str, text(max_length=5000)]
# CAC/COSP/2017/3, CAC/COSP/IRG/2018/CRP.9, CAC/COSP/2019/L.1/Rev.1, CAC/COSP/2019/INF/1
Symbol = Annotated[
    str,
    matching(r"[A-Z][A-Z0-9.]*(/[A-Za-z0-9.-]+)+", max_length=80, examples=["CAC/COSP/2017/3"]),
]
Link = Annotated[str, matching(r"(https?://[^\s\x00-\x1f\x7f]+)?", max_length=500)]
TitleTranslations = Annotated[
    dict[Language, Annotated[str, line(max_length=500)]],
    Meta(
        description="The title in other official languages (ar, zh, fr, ru, es); an empty text "
        "removes one, and English falls in for it",
        examples=[{"fr": "Questions d'organisation", "es": "Cuestiones de organización"}],
    ),
]


class AgendaItemIn(Struct, forbid_unknown_fields=True):
    title: Title
    """In English, the source of its translations."""
    description: Description = ""
    parent_id: PositiveInt | None = None
    position: PositiveInt | None = None
    """Where among its siblings (1 = first); at the end when not given."""
    titles: TitleTranslations = msgspec.field(default_factory=dict)


class AgendaItemPatch(Struct, forbid_unknown_fields=True):
    title: Title | UnsetType = UNSET
    titles: TitleTranslations | UnsetType = UNSET
    description: Description | UnsetType = UNSET
    parent_id: PositiveInt | None | UnsetType = UNSET
    position: PositiveInt | UnsetType = UNSET


class DocumentIn(Struct, forbid_unknown_fields=True):
    symbol: Symbol
    title: Title
    languages: Annotated[list[Language], Meta(min_length=1)] = msgspec.field(
        default_factory=lambda: [Language.ENGLISH]
    )
    link: Link = ""
    agenda_item_id: PositiveInt | None = None


class DocumentPatch(Struct, forbid_unknown_fields=True):
    symbol: Symbol | UnsetType = UNSET
    title: Title | UnsetType = UNSET
    languages: Annotated[list[Language], Meta(min_length=1)] | UnsetType = UNSET
    link: Link | UnsetType = UNSET
    agenda_item_id: PositiveInt | None | UnsetType = UNSET


class DocumentOut(Struct):
    id: int
    symbol: str
    title: str
    languages: list[str]
    link: str
    agenda_item_id: int | None


class AgendaItemOut(Struct):
    id: int
    number: str
    """"4" for an item, "4 (a)" for a sub-item."""
    title: str
    description: str
    parent_id: int | None
    position: int
    documents: list[DocumentOut]
    sub_items: list[AgendaItemOut]
    titles: TextsOut | None = None
    untranslated: Untranslated | None = None


class AgendaOut(Struct):
    session_id: int
    status: str
    adopted_on: date | None
    items: list[AgendaItemOut]
    documents: list[DocumentOut]
    """Every document of the session, with or without an item."""


class AdoptionIn(Struct, forbid_unknown_fields=True):
    adopted_on: date
