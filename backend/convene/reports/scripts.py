"""Marking text written in other scripts, so it is laid out and read correctly.

Arabic runs right to left inside a left-to-right list: each such text is
isolated with the Unicode controls FIRST STRONG ISOLATE ... POP DIRECTIONAL
ISOLATE, so its words keep their order and the comma after it stays on the
right side. The controls are invisible and draw no glyph; unlike a ``<bdi>``
element they add no inline box, which keeps a long list's layout fast.
Chinese, Japanese and Korean text carries its language, which picks the
matching Noto CJK face and tells a screen reader how to speak it. Latin,
Cyrillic and Vietnamese text needs nothing.
"""

from __future__ import annotations

import unicodedata

from markupsafe import Markup, escape

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"
RTL_CLASSES = {"R", "AL"}
STRONG_CLASSES = {"L", "R", "AL"}


def script_markup(text: str) -> Markup:
    """``text`` escaped, isolated when it runs right to left, tagged with its language when CJK."""
    if text.isascii():
        return escape(text)
    if first_strong_is_rtl(text):
        return Markup(FIRST_STRONG_ISOLATE) + escape(text) + Markup(POP_DIRECTIONAL_ISOLATE)
    lang = cjk_language(text)
    return Markup(f'<span lang="{lang}">{escape(text)}</span>') if lang else escape(text)


def first_strong_is_rtl(text: str) -> bool:
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in STRONG_CLASSES:
            return direction in RTL_CLASSES
    return False


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
