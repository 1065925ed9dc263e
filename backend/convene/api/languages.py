"""``?languages=all``: content in every official language, beside the request's own."""

from __future__ import annotations

from typing import Annotated, Literal

from litestar.params import QueryParameter

AllLanguages = Annotated[
    Literal["all"] | None,
    QueryParameter(
        name="languages",
        description="`all` adds every translated text in the six official languages (ar, zh, en, "
        "fr, ru, es) as an object keyed by language (`names`, `titles`); without it, texts are "
        "in the request's language (the language cookie, else Accept-Language), English where "
        "a translation is missing",
    ),
]


def wants_all(languages: str | None) -> bool:
    """Whether the request asked for every language."""
    return languages == "all"
