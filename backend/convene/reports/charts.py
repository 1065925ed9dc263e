"""Horizontal bar charts drawn as inline SVG, so a PDF needs no chart library.

Each bar sits under its own label, so long labels ("United Nations entities,
specialized agencies and other bodies") are never cut; stacked segments show
a split such as in person / online, and a legend names them.
"""

from __future__ import annotations

from html import escape
from typing import NamedTuple

WIDTH = 600
BAR_AREA = 440
ROW = 36
BAR_HEIGHT = 14
LEGEND = 28


class Segment(NamedTuple):
    value: int
    colour: str


class Bar(NamedTuple):
    label: str
    segments: tuple[Segment, ...]
    note: str
    """Written after the bar: "12 (8 in person, 4 online)"."""


def bar_chart(title: str, bars: list[Bar], legend: list[tuple[str, str]]) -> str:
    """An SVG chart of ``bars``, scaled to the longest; ``legend`` is (label, colour) pairs."""
    height = LEGEND + ROW * max(len(bars), 1)
    top = max((sum(segment.value for segment in bar.segments) for bar in bars), default=0)
    rows = [_bar(bar, LEGEND + index * ROW, top) for index, bar in enumerate(bars)]
    if not bars:
        rows = [f'<text x="0" y="{LEGEND + 16}" font-size="11">No figures to show</text>']
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}">'
        f"<title>{escape(title)}</title>{_legend(legend)}{''.join(rows)}</svg>"
    )


def _bar(bar: Bar, y: int, top: int) -> str:
    parts = [f'<text x="0" y="{y + 11}" font-size="10">{escape(bar.label)}</text>']
    x = 0.0
    for segment in bar.segments:
        width = BAR_AREA * segment.value / top if top else 0
        if width:
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 15}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{segment.colour}"/>'
            )
        x += width
    parts.append(f'<text x="{x + 6:.1f}" y="{y + 26}" font-size="10">{escape(bar.note)}</text>')
    return "".join(parts)


def _legend(legend: list[tuple[str, str]]) -> str:
    parts, x = [], 0
    for label, colour in legend:
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="14" font-size="10">{escape(label)}</text>')
        x += 16 + 7 * len(label) + 20
    return "".join(parts)
