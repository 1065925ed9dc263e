"""Request and response bodies for bodies, sessions and officers."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

from convene.entities.categories import Category
from convene.meetings.vocabulary import (
    Language,
    OfficerRole,
    SessionFormat,
    SessionKind,
    SessionStatus,
)
from convene.bounds import Count, PositiveInt
from convene.multilingual import TextsOut, Untranslated
from convene.text import line, matching

SymbolPrefix = Annotated[
    str,
    matching(r"[A-Z][A-Z0-9]*(/[A-Z0-9.-]+)*", max_length=60, examples=["CAC/COSP/IRG/2020"]),
]
BodyCode = Annotated[str, matching(r"[A-Z][A-Z0-9-]{0,19}", examples=["IRG"])]
Name = Annotated[str, line(min_length=1, max_length=300)]
Link = Annotated[str, matching(r"(https://[^\s\x00-\x1f\x7f]+)?", max_length=500)]
NameTranslations = Annotated[
    dict[Language, Annotated[str, line(max_length=300)]],
    Meta(
        description="The name in other official languages (ar, zh, fr, ru, es); an empty text "
        "removes one, and English falls in for it",
        examples=[
            {"fr": "Groupe d'examen de l'application", "es": "Grupo de Examen de la Aplicación"}
        ],
    ),
]
TitleCorrections = Annotated[
    dict[Language, Annotated[str, line(max_length=500)]],
    Meta(
        description="The secretariat's correction of the derived title, per language (any of the "
        "six); an empty text goes back to the derived title",
        examples=[{"fr": "Première reprise de la onzième session du Groupe d'examen de l'application"}],
    ),
]


class BodyIn(Struct, forbid_unknown_fields=True):
    code: BodyCode
    name: Name
    short_name: Annotated[str, line(min_length=1, max_length=100)]
    symbol_prefix: SymbolPrefix
    admitted_categories: list[Category] = msgspec.field(default_factory=lambda: list(Category))
    names: NameTranslations = msgspec.field(default_factory=dict)


class BodyPatch(Struct, forbid_unknown_fields=True):
    name: Name | UnsetType = UNSET
    short_name: Annotated[str, line(min_length=1, max_length=100)] | UnsetType = UNSET
    symbol_prefix: SymbolPrefix | UnsetType = UNSET
    admitted_categories: list[Category] | UnsetType = UNSET
    names: NameTranslations | UnsetType = UNSET


class BodyOut(Struct):
    code: str
    name: str
    """In the language of the request (English where it has no translation)."""
    short_name: str
    symbol_prefix: str
    admitted_categories: list[str]
    names: TextsOut | None = None
    untranslated: Untranslated | None = None


class PartIn(Struct, forbid_unknown_fields=True):
    """One body's share of a session, with that body's numbering."""

    body: BodyCode
    kind: SessionKind = SessionKind.REGULAR
    number: PositiveInt | None = None
    resumption: PositiveInt | None = None


class PartOut(Struct):
    body: str
    body_name: str
    kind: str
    number: int | None
    resumption: int | None
    title: str
    titles: TextsOut | None = None


class SessionFields(Struct, forbid_unknown_fields=True):
    """Fields a session is created with; every one can later be patched."""

    parts: Annotated[list[PartIn], Meta(min_length=1, max_length=4)]
    start_date: date
    end_date: date
    timezone: Annotated[str, line(min_length=1, max_length=64, examples=["Europe/Vienna"])]
    format: SessionFormat
    symbol_prefix: SymbolPrefix
    status: SessionStatus = SessionStatus.DRAFT
    subject: Annotated[str, line(max_length=300)] = ""
    venue_name: Annotated[str, line(max_length=200)] = ""
    city: Annotated[str, line(max_length=100)] = ""
    in_person_quota: Count | None | UnsetType = UNSET
    online_speaking_quota: Count | None | UnsetType = UNSET
    room_capacity: PositiveInt | None = None
    platform_name: Annotated[str, line(max_length=100)] = ""
    join_link: Link = ""
    interpretation_languages: list[Language] = msgspec.field(default_factory=list)
    admitted_categories: list[Category] | UnsetType = UNSET
    registration_opens: date | None = None
    registration_closes: date | None = None
    titles: TitleCorrections = msgspec.field(default_factory=dict)


class SessionPatch(Struct, forbid_unknown_fields=True):
    parts: Annotated[list[PartIn], Meta(min_length=1, max_length=4)] | UnsetType = UNSET
    start_date: date | UnsetType = UNSET
    end_date: date | UnsetType = UNSET
    timezone: Annotated[str, line(min_length=1, max_length=64)] | UnsetType = UNSET
    format: SessionFormat | UnsetType = UNSET
    symbol_prefix: SymbolPrefix | UnsetType = UNSET
    status: SessionStatus | UnsetType = UNSET
    subject: Annotated[str, line(max_length=300)] | UnsetType = UNSET
    venue_name: Annotated[str, line(max_length=200)] | UnsetType = UNSET
    city: Annotated[str, line(max_length=100)] | UnsetType = UNSET
    in_person_quota: Count | None | UnsetType = UNSET
    online_speaking_quota: Count | None | UnsetType = UNSET
    room_capacity: PositiveInt | None | UnsetType = UNSET
    platform_name: Annotated[str, line(max_length=100)] | UnsetType = UNSET
    join_link: Link | UnsetType = UNSET
    interpretation_languages: list[Language] | UnsetType = UNSET
    admitted_categories: list[Category] | UnsetType = UNSET
    registration_opens: date | None | UnsetType = UNSET
    registration_closes: date | None | UnsetType = UNSET
    participants_published: bool | UnsetType = UNSET
    titles: TitleCorrections | UnsetType = UNSET


class SessionOut(Struct):
    id: int
    title: str
    """Derived in the language of the request, or as the secretariat corrected it."""
    parts: list[PartOut]
    is_joint: bool
    start_date: date
    end_date: date
    timezone: str
    venue_name: str
    city: str
    format: str
    status: str
    symbol_prefix: str
    subject: str
    in_person_quota: int | None
    online_speaking_quota: int | None
    room_capacity: int | None
    platform_name: str
    interpretation_languages: list[str]
    admitted_categories: list[str]
    registration_opens: date | None
    registration_closes: date | None
    agenda_status: str
    agenda_adopted_on: date | None
    participants_published: bool
    join_link: str | None = None
    """Only the secretariat sees the platform's join link."""
    titles: TextsOut | None = None
    untranslated: Untranslated | None = None
    title_corrections: dict[str, str] | None = None
    """The secretariat's corrections by language, where the derived title does not stand
    (secretariat only)."""


class OfficerIn(Struct, forbid_unknown_fields=True):
    role: OfficerRole
    name: Name
    entity_id: PositiveInt | None = None
    honorific: Annotated[str, line(max_length=20, examples=["H.E. Mr."])] = ""


class OfficerPatch(Struct, forbid_unknown_fields=True):
    role: OfficerRole | UnsetType = UNSET
    name: Name | UnsetType = UNSET
    entity_id: PositiveInt | None | UnsetType = UNSET
    honorific: Annotated[str, line(max_length=20)] | UnsetType = UNSET


class OfficerOut(Struct):
    id: int
    role: str
    role_label: str
    honorific: str
    name: str
    entity_id: int | None
    state: str | None
