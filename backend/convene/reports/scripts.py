"""Marking text written in other scripts, so it is laid out and read correctly.

Arabic runs right to left inside a left-to-right list: each such text is
isolated with the Unicode controls FIRST STRONG ISOLATE ... POP DIRECTIONAL
ISOLATE, so its words keep their order and the comma after it stays on the
right side. It and Chinese, Japanese and Korean text go in a span carrying
their language: the language picks the matching Noto CJK face, and the
stylesheet keeps those spans from making their line taller than a Latin one
(Naskh and CJK faces are taller). Latin, Cyrillic and Vietnamese text needs
no markup: an inline box per name would slow a long list down, and the
language a screen reader needs is added to every run when the PDF is tagged
(:mod:`convene.reports.tagging`).
"""

from __future__ import annotations

import unicodedata

from markupsafe import Markup, escape

from convene.writing import cjk_language, language_of

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"
RTL_CLASSES = {"R", "AL"}
STRONG_CLASSES = {"L", "R", "AL"}
BIDI_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Marks and embeddings, overrides and isolates: they steer the layout and are not text."""


def script_markup(text: str) -> Markup:
    """``text`` escaped; right-to-left text isolated, it and CJK text in a span carrying its language."""
    if text.isascii():
        return escape(text)
    if first_strong_is_rtl(text):
        isolated = Markup(FIRST_STRONG_ISOLATE) + escape(text) + Markup(POP_DIRECTIONAL_ISOLATE)
        return _in_language(language_of(text) or "ar", isolated)
    lang = cjk_language(text)
    return _in_language(lang, escape(text)) if lang else escape(text)


def _in_language(lang: str, markup: Markup) -> Markup:
    return Markup(f'<span lang="{lang}">') + markup + Markup("</span>")


def name_markup(honorific: str, name: str) -> Markup:
    """An honorific and a name in one script form one isolated run ("السيد محمد حداد").

    Isolated apart, an Arabic honorific would be drawn on the left of an
    Arabic name, where a right-to-left reader finds it after the name. An
    honorific in another script than the name ("H.E. Mr." before an Arabic
    name) keeps to its own side.
    """
    if not honorific:
        return script_markup(name)
    if language_of(honorific) == language_of(name):
        return script_markup(f"{honorific} {name}")
    return script_markup(honorific) + Markup(" ") + script_markup(name)


def first_strong_is_rtl(text: str) -> bool:
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in STRONG_CLASSES:
            return direction in RTL_CLASSES
    return False
