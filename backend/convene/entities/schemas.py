"""Request and response bodies for participating entities."""

from __future__ import annotations

from typing import Annotated

from msgspec import UNSET, Meta, Struct, UnsetType

from convene.entities.categories import Category, RegionalGroup
from convene.text import line, matching

ShortName = Annotated[str, line(min_length=1, max_length=200)]
IsoCode = Annotated[str, matching(r"[A-Z]{3}")]


class EntityIn(Struct, forbid_unknown_fields=True):
    short_name: ShortName
    category: Category
    name: Annotated[str, line(max_length=300)] = ""
    iso_code: IsoCode | None = None
    regional_group: RegionalGroup | None = None


class EntityPatch(Struct, forbid_unknown_fields=True):
    short_name: ShortName | UnsetType = UNSET
    category: Category | UnsetType = UNSET
    name: Annotated[str, line(max_length=300)] | UnsetType = UNSET
    iso_code: IsoCode | None | UnsetType = UNSET
    regional_group: RegionalGroup | None | UnsetType = UNSET


class EntityOut(Struct):
    id: int
    short_name: str
    name: str
    category: str
    iso_code: str | None
    regional_group: str | None
