"""The order of a person's names, and how a list prints them.

UN lists print the family name in capitals. Most names put the given name
first ("Gregor KOESSLER"); Chinese, Japanese, Korean, Vietnamese and
Hungarian names, among others, put the family name first ("NGUYỄN Thị
Hương", "NAGY Zoltán", "王小明", the last with no space). Each registration
stores its order; when the person does not say, the order their name's
letters suggest is stored (see :mod:`convene.writing`), and the secretariat or
the focal point can correct it.
"""

from __future__ import annotations

import enum

from convene.writing import cjk_language, language_of


class NameOrder(str, enum.Enum):
    GIVEN_FIRST = "given_first"
    FAMILY_FIRST = "family_first"


FAMILY_FIRST_LANGUAGES = frozenset({"zh", "ja", "ko", "vi", "hu"})


def default_name_order(given_name: str, family_name: str) -> NameOrder:
    """The order the letters suggest: family name first for Chinese, Japanese, Korean, Vietnamese, Hungarian."""
    if language_of(f"{family_name} {given_name}") in FAMILY_FIRST_LANGUAGES:
        return NameOrder.FAMILY_FIRST
    return NameOrder.GIVEN_FIRST


def stored_name_order(given_name: str, family_name: str, stated: NameOrder | None) -> str:
    """What a registration stores: the order the person stated, else the default from the letters."""
    return (stated or default_name_order(given_name, family_name)).value


def printed_name(given_name: str, family_name: str, order: str) -> str:
    """ "Gregor KOESSLER", "NGUYỄN Thị Hương", "王小明": family name in capitals, in the person's order.

    A name without a stored order (rows written before the order was kept)
    takes the default from its letters. Names written in Chinese, Japanese
    or Korean characters are not spaced.
    """
    given, family = given_name.strip(), family_name.strip().upper()
    name_order = NameOrder(order) if order else default_name_order(given, family)
    if name_order is NameOrder.GIVEN_FIRST:
        return f"{given} {family}".strip()
    if cjk_language(family) and (not given or cjk_language(given)):
        return f"{family}{given}"
    return f"{family} {given}".strip()
