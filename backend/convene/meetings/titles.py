"""Session titles in English, derived as UN documents write them.

"First resumed eleventh session of the Implementation Review Group"; a joint
session names each body with its own numbering, joined by "and". Ordinals
are spelled out; only the first letter of the whole title is a capital.
"""

from __future__ import annotations

from dataclasses import dataclass

from num2words import num2words

from convene.meetings.vocabulary import SessionKind


@dataclass(frozen=True)
class PartTitle:
    """What one body contributes to a title: its name and its numbering."""

    body_name: str
    kind: SessionKind
    number: int | None = None
    resumption: int | None = None


def ordinal(number: int) -> str:
    """``21`` → ``"twenty-first"``, as UN documents spell session numbers."""
    return num2words(number, to="ordinal")


def part_title(part: PartTitle) -> str:
    """The lower-case title of one body's share: "eleventh session of the X"."""
    numbered = f"{ordinal(part.number)} " if part.number else ""
    noun = {
        SessionKind.REGULAR: "session",
        SessionKind.RESUMED: "session",
        SessionKind.SPECIAL: "special session",
        SessionKind.INTERSESSIONAL: "intersessional meeting",
    }[part.kind]
    resumed = (
        f"{ordinal(part.resumption or 1)} resumed " if part.kind is SessionKind.RESUMED else ""
    )
    return f"{resumed}{numbered}{noun} of the {part.body_name}"


def session_title(parts: list[PartTitle], subject: str = "") -> str:
    """The whole title, capitalized: each body's part joined by "and", then the subject."""
    titles = [part_title(part) for part in parts]
    joined = titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]
    title = f"{joined} {subject.strip()}" if subject.strip() else joined
    return title[0].upper() + title[1:]
