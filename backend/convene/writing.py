"""Which language a piece of text is written in, as far as its letters tell.

Names come without a language. Their letters often tell it: Arabic script,
Cyrillic, Greek, Hebrew, kana (Japanese), hangul (Korean), ideographs alone
(Chinese), the letters only Vietnamese uses (ơ, ư and the stacked tone marks)
and those only Hungarian uses (ő, ű). That guess is what a screen reader needs
to pick a voice and what the default order of a person's names is decided
from. Latin letters common to many languages tell nothing, and give None.
"""

from __future__ import annotations

VIETNAMESE_LETTERS = frozenset("ơưƠƯ")
HUNGARIAN_LETTERS = frozenset("őűŐŰ")
SCRIPT_LANGUAGES = (
    # (first code point, last code point, language)
    (0x0370, 0x03FF, "el"),
    (0x0400, 0x052F, "ru"),
    (0x0590, 0x05FF, "he"),
    (0x0600, 0x06FF, "ar"),
    (0x0750, 0x077F, "ar"),
    (0x08A0, 0x08FF, "ar"),
    (0xFB50, 0xFDFF, "ar"),
    (0xFE70, 0xFEFF, "ar"),
    (0x1EA0, 0x1EF9, "vi"),
)


def cjk_language(text: str) -> str | None:
    """ "ja" with kana, "ko" with hangul, "zh" with ideographs alone, else None."""
    has_han = False
    for char in text:
        code = ord(char)
        if 0x3040 <= code <= 0x30FF:
            return "ja"
        if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF:
            return "ko"
        has_han = has_han or 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF
    return "zh" if has_han else None


def language_of(text: str) -> str | None:
    """The language ``text``'s letters show ("ar", "ru", "zh", "vi", "hu", ...), or None."""
    if text.isascii():
        return None
    cjk = cjk_language(text)
    if cjk:
        return cjk
    for char in text:
        if char in VIETNAMESE_LETTERS:
            return "vi"
        if char in HUNGARIAN_LETTERS:
            return "hu"
        code = ord(char)
        for first, last, language in SCRIPT_LANGUAGES:
            if first <= code <= last:
                return language
    return None
