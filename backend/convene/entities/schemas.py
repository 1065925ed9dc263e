"""Request and response bodies for participating entities."""

from __future__ import annotations

from typing import Annotated

from msgspec import UNSET, Meta, Struct, UnsetType

from convene.entities.categories import Category, RegionalGroup
from convene.text import LINE, whole

ShortName = Annotated[str, Meta(min_length=1, max_length=200, pattern=LINE)]
IsoCode = Annotated[str, Meta(pattern=whole(r"[A-Z]{3}"))]


class EntityIn(Struct, forbid_unknown_fields=True):
    short_name: ShortName
    category: Category
    name: Annotated[str, Meta(max_length=300, pattern=LINE)] = ""
    iso_code: IsoCode | None = None
    regional_group: RegionalGroup | None = None


class EntityPatch(Struct, forbid_unknown_fields=True):
    short_name: ShortName | UnsetType = UNSET
    category: Category | UnsetType = UNSET
    name: Annotated[str, Meta(max_length=300, pattern=LINE)] | UnsetType = UNSET
    iso_code: IsoCode | None | UnsetType = UNSET
    regional_group: RegionalGroup | None | UnsetType = UNSET


class EntityOut(Struct):
    id: int
    short_name: str
    name: str
    category: str
    iso_code: str | None
    regional_group: str | None
