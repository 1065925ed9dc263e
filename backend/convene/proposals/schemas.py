"""Request and response bodies for proposals, their text, sponsors, revisions and action."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

from convene.bounds import PositiveInt
from convene.proposals.vocabulary import Outcome, ParagraphKind, ProposalKind
from convene.text import line, text, matching

Title = Annotated[str, line(min_length=1, max_length=500)]
ParagraphText = Annotated[str, line(max_length=8000)]
"""A paragraph is one line: its breaks are the text's, between paragraphs."""
FootnoteText = Annotated[str, line(min_length=1, max_length=2000)]
PlainText = Annotated[str, text(min_length=1, max_length=100_000)]
OptionalPlainText = Annotated[str, text(max_length=100_000)]
# CAC/COSP/2017/L.8 (a revision's /Rev.n is given by Convene, never typed)
Moment = Annotated[datetime, Meta(tz=True, examples=["2017-11-08T18:00:00Z"])]
"""A moment with its offset: a deadline means the same instant for every delegation."""
LSymbol = Annotated[
    str,
    matching(
        r"[A-Z][A-Z0-9.]*(/[A-Za-z0-9.-]+)*/L\.[1-9][0-9]{0,3}",
        max_length=80,
        examples=["CAC/COSP/2017/L.8"],
    ),
]


class ParagraphIn(Struct, forbid_unknown_fields=True):
    """One paragraph: its italic opening words, the rest of its text, its sub-paragraphs (a), (b)
    ...

    Footnotes are called in the text with ``[^n]``, n being the footnote's place in ``footnotes``.
    """

    kind: ParagraphKind
    opening: Annotated[str, line(max_length=120, examples=["Recalling", "Urges"])] = (
        ""
    )
    text: ParagraphText = ""
    sub_paragraphs: Annotated[list[ParagraphText], Meta(max_length=26)] = msgspec.field(
        default_factory=list
    )


class TextIn(Struct, forbid_unknown_fields=True):
    """The structured text of a draft, as UN drafting has it."""

    addressee: Annotated[
        str,
        line(max_length=500,
            examples=[
                "The Conference of the States Parties to the United Nations Convention "
                "against Corruption,"
            ],),
    ] = ""
    paragraphs: Annotated[list[ParagraphIn], Meta(max_length=300)] = msgspec.field(
        default_factory=list
    )
    footnotes: Annotated[list[FootnoteText], Meta(max_length=200)] = msgspec.field(
        default_factory=list
    )


class PlainTextIn(Struct, forbid_unknown_fields=True):
    """Text pasted as it comes (from a word processor or an e-mail), to be split into paragraphs."""

    plain_text: PlainText


class ProposalIn(Struct, forbid_unknown_fields=True):
    kind: ProposalKind
    title: Title
    agenda_item_id: PositiveInt | None = None
    symbol: LSymbol | None = None
    """Typed by the secretariat; else the session's next free L number."""
    sponsor_ids: Annotated[list[PositiveInt], Meta(max_length=200)] = msgspec.field(
        default_factory=list
    )
    """The entities that submit it (its main sponsors)."""
    sponsorship_deadline: Moment | None = None
    text: TextIn | None = None
    plain_text: OptionalPlainText = ""


class ProposalPatch(Struct, forbid_unknown_fields=True):
    title: Title | UnsetType = UNSET
    agenda_item_id: PositiveInt | None | UnsetType = UNSET
    sponsorship_deadline: Moment | None | UnsetType = UNSET


class TextUpdate(Struct, forbid_unknown_fields=True):
    """The draft's new text: structured, or pasted as plain text to be split."""

    text: TextIn | None = None
    plain_text: OptionalPlainText = ""


class IssueIn(Struct, forbid_unknown_fields=True):
    issued_on: date | None = None
    """The document's date; today (the venue's) when not given."""


class SponsorIn(Struct, forbid_unknown_fields=True):
    entity_id: PositiveInt | None = None
    """The State; a focal point may leave it out (their own)."""


class ActionIn(Struct, forbid_unknown_fields=True):
    outcome: Outcome
    acted_on: date
    amendments: Annotated[str, text(max_length=20_000)] = ""
    """The oral amendments as read out (adopted as orally amended)."""
    adopted_text: TextIn | None = None
    """The text as adopted once the oral amendments are made (adopted as orally amended)."""


# -- out ----------------------------------------------------------------------------------------


class Piece(Struct, frozen=True):
    """A run of a footnote's text; a document symbol in it links to the document."""

    text: str
    href: str = ""


class Segment(Struct, frozen=True):
    """A run of running text, or a footnote called at this point (``footnote`` > 0, its
    ``note``)."""

    text: str = ""
    footnote: int = 0
    note: list[Piece] = msgspec.field(default_factory=list)


class SubParagraphOut(Struct, frozen=True):
    letter: str
    segments: list[Segment]


class ParagraphOut(Struct, frozen=True):
    kind: str
    number: str
    """"1", "2" ... for operative paragraphs; empty for preambular ones."""
    opening: str
    segments: list[Segment]
    sub_paragraphs: list[SubParagraphOut]


class TextOut(Struct, frozen=True):
    addressee: str
    paragraphs: list[ParagraphOut]
    source: TextIn
    """The text as stored, for correcting it and sending it back."""
    notes: list[str] = msgspec.field(default_factory=list)
    """Where the punctuation departs from UN drafting ("Paragraph 2 ends with a semicolon")."""


class SponsorOut(Struct):
    entity_id: int
    name: str
    main: bool
    joined_at: datetime
    withdrawn_at: datetime | None
    joined_after_issue: bool


class VersionOut(Struct):
    revision: int
    symbol: str
    title: str
    issued_on: date | None
    sponsors_line: str
    text: TextOut


class VersionSummary(Struct):
    revision: int
    symbol: str
    issued_on: date | None
    sponsors_line: str


class DiffPart(Struct, frozen=True):
    op: str
    """"same", "inserted" or "deleted"."""
    text: str
    italic: bool = False
    """Part of the paragraph's opening words."""


class DiffBlock(Struct, frozen=True):
    label: str
    """"Title", "Addressee", "Preambular paragraph 2", "Paragraph 3", "Paragraph 3 (b)", "Footnote
    1"."""
    change: str
    """"same", "inserted", "deleted" or "changed"."""
    parts: list[DiffPart]
    mark: str = ""
    """What the block is printed after: "3." for paragraph 3, "(b)" for a sub-paragraph."""


class ChangesOut(Struct):
    symbol: str
    against: str
    """The symbol of the version it is compared with."""
    blocks: list[DiffBlock]


class ActionOut(Struct):
    outcome: str
    label: str
    acted_on: date
    number: str
    """"resolution 7/3", "decision 7/1"; empty unless adopted."""
    amendments: str
    adopted_text: TextOut | None


class ProposalOut(Struct):
    id: int
    session_id: int
    kind: str
    status: str
    symbol: str
    title: str
    agenda_item_id: int | None
    agenda_item: str
    """"Agenda item 2" or "Agenda item 4 (a)"; empty when the proposal is under no item."""
    sponsors_line: str
    sponsors: list[SponsorOut]
    co_sponsors_after_issue: list[str]
    """Sponsors who joined after the latest issued version, as the session's report lists them."""
    sponsorship_deadline: datetime | None
    sponsorship_open: bool
    versions: list[VersionSummary]
    current: VersionOut
    """The latest version the viewer may read: a draft revision for the secretariat and sponsors."""
    action: ActionOut | None


class ProposalDocument(Struct, frozen=True):
    """Everything the L document's PDF shows (the cache keys the PDF by it)."""

    symbol: str
    issued_on: str
    """"6 November 2017"; empty for a draft not issued yet."""
    body: str
    session_heading: str
    place_and_dates: str
    agenda_item: str
    agenda_item_title: str
    sponsors_line: str
    title: str
    text: TextOut
    author: str
    changes: list[DiffBlock] = msgspec.field(default_factory=list)
    """When printed with the changes marked: the text as blocks with insertions and deletions."""
    against: str = ""
    adopted: str = ""
    """"Resolution 7/3" when this is the adopted text."""
    orally_amended: bool = False
