"""The structured text of a draft: numbering, footnote calls, and document symbols as links.

A paragraph's text calls a footnote with ``[^n]`` (n: the footnote's place in the
text's list of footnotes). Footnotes are printed numbered in the order they are
called, each called once, as in UN documents; a document symbol in a footnote
("CAC/COSP/2017/3") links to the document.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping

import msgspec

from convene.errors import RuleViolation
from convene.proposals.schemas import (
    ParagraphIn,
    ParagraphOut,
    Piece,
    Segment,
    SubParagraphOut,
    TextIn,
    TextOut,
)
from convene.proposals.vocabulary import ParagraphKind
from convene.translation import gettext

FOOTNOTE_CALL = re.compile(r"\[\^(\d+)\]")
DOCUMENT_SYMBOL = re.compile(
    r"\b[A-Z][A-Z0-9]*(?:/[A-Z0-9][A-Za-z0-9.-]*)*/\d{4}/"
    r"(?:[A-Z]+\.?)?[0-9]+(?:/(?:Rev|Corr|Add)\.\d+)*\b"
)
"""A session document's symbol: prefix, year, serial (CAC/COSP/2017/3, CAC/COSP/IRG/2018/CRP.9,
CAC/COSP/2019/L.1)."""
UN_DOCUMENTS = "https://undocs.org/"
LETTERS = string.ascii_lowercase


def decode_text(stored: str) -> TextIn:
    """A version's text as stored (JSON); an empty text when none was written yet."""
    return msgspec.json.decode(stored, type=TextIn) if stored else TextIn()


def encode_text(text: TextIn) -> str:
    return msgspec.json.encode(text).decode()


def check_text(text: TextIn, field: str = "text") -> None:
    """Every footnote called exactly once, and no call to a footnote that is not there."""
    called: list[int] = []
    for where, run in _runs(text, field):
        for match in FOOTNOTE_CALL.finditer(run):
            number = int(match.group(1))
            if not 1 <= number <= len(text.footnotes):
                raise RuleViolation(
                    gettext("There is no footnote %(number)s to call", number=number),
                    field=where,
                    status_code=422,
                )
            if number in called:
                raise RuleViolation(
                    gettext(
                        "Footnote %(number)s is called twice; a footnote is called once",
                        number=number,
                    ),
                    field=where,
                    status_code=422,
                )
            called.append(number)
    for number in range(1, len(text.footnotes) + 1):
        if number not in called:
            raise RuleViolation(
                gettext(
                    "Footnote %(number)s is not called in the text (write [^%(number)s] where it "
                    "belongs)",
                    number=number,
                ),
                field=f"{field}.footnotes[{number - 1}]",
                status_code=422,
            )
    for index, paragraph in enumerate(text.paragraphs):
        if not (paragraph.opening.strip() or paragraph.text.strip()):
            raise RuleViolation(
                gettext("A paragraph needs some text"),
                field=f"{field}.paragraphs[{index}].text",
                status_code=422,
            )


def _runs(text: TextIn, field: str) -> Iterator[tuple[str, str]]:
    """Every run of text that may call a footnote, with the field that holds it."""
    yield f"{field}.addressee", text.addressee
    for index, paragraph in enumerate(text.paragraphs):
        yield f"{field}.paragraphs[{index}].text", paragraph.text
        for letter, sub in enumerate(paragraph.sub_paragraphs):
            yield f"{field}.paragraphs[{index}].sub_paragraphs[{letter}]", sub


def text_out(text: TextIn, links: Mapping[str, str] | None = None) -> TextOut:
    """The text as printed: operative paragraphs numbered, sub-paragraphs lettered, footnotes
    numbered."""
    order = _call_order(text)
    operative = 0
    paragraphs = []
    for paragraph in text.paragraphs:
        number = ""
        if paragraph.kind is ParagraphKind.OPERATIVE:
            operative += 1
            number = str(operative)
        paragraphs.append(_paragraph_out(paragraph, number, text.footnotes, order, links or {}))
    return TextOut(
        addressee=text.addressee, paragraphs=paragraphs, source=text, notes=drafting_notes(text)
    )


def drafting_notes(text: TextIn) -> list[str]:
    """Where the punctuation departs from UN drafting: a hint for the secretariat, never a refusal.

    The addressee and preambular paragraphs end with a comma, operative paragraphs
    with a semicolon and the last with a full stop; a paragraph with sub-paragraphs
    ends with a colon, and its sub-paragraphs carry the paragraph's ending.
    """
    notes = []
    if text.addressee.strip() and not _ends(text.addressee, ","):
        notes.append("The addressee ends with a comma")
    operative = [p for p in text.paragraphs if p.kind is ParagraphKind.OPERATIVE]
    counts = {ParagraphKind.PREAMBULAR: 0, ParagraphKind.OPERATIVE: 0}
    for paragraph in text.paragraphs:
        counts[paragraph.kind] += 1
        if paragraph.kind is ParagraphKind.PREAMBULAR:
            name, ending, word = f"Preambular paragraph {counts[paragraph.kind]}", ",", "a comma"
        elif paragraph is operative[-1]:
            name, ending, word = (
                f"Paragraph {counts[paragraph.kind]}",
                ".",
                "a full stop (it is the last)",
            )
        else:
            name, ending, word = f"Paragraph {counts[paragraph.kind]}", ";", "a semicolon"
        if not paragraph.sub_paragraphs:
            if not _ends(paragraph.text or paragraph.opening, ending):
                notes.append(f"{name} ends with {word}")
            continue
        if not _ends(paragraph.text, ":"):
            notes.append(f"{name} ends with a colon before its sub-paragraphs")
        for index, sub in enumerate(paragraph.sub_paragraphs):
            last = index == len(paragraph.sub_paragraphs) - 1
            if not _ends(sub, ending if last else ";"):
                notes.append(
                    f"{name} ({sub_letter(index)}) ends with {word if last else 'a semicolon'}"
                )
    return notes


def _ends(run: str, ending: str) -> bool:
    return plain(run).rstrip().endswith(ending)


def _paragraph_out(
    paragraph: ParagraphIn,
    number: str,
    footnotes: list[str],
    order: dict[int, int],
    links: Mapping[str, str],
) -> ParagraphOut:
    opening = paragraph.opening.strip()
    return ParagraphOut(
        kind=paragraph.kind.value,
        number=number,
        opening=opening,
        segments=segments(after_opening(opening, paragraph.text), footnotes, order, links),
        sub_paragraphs=[
            SubParagraphOut(
                letter=f"({sub_letter(index)})", segments=segments(sub, footnotes, order, links)
            )
            for index, sub in enumerate(paragraph.sub_paragraphs)
        ],
    )


def after_opening(opening: str, rest: str) -> str:
    """The rest of a paragraph as printed after its opening words: a space first, unless
    punctuation."""
    rest = rest.strip()
    if not opening or not rest or rest[0] in ",;:.)" or rest.startswith("[^"):
        return rest
    return " " + rest


def sub_letter(index: int) -> str:
    """0 → "a", 25 → "z": sub-paragraphs are lettered (a) to (z)."""
    return LETTERS[index]


def _call_order(text: TextIn) -> dict[int, int]:
    """Footnote place in the list → its printed number (the order in which the text calls them)."""
    order: dict[int, int] = {}
    for _, run in _runs(text, "text"):
        for match in FOOTNOTE_CALL.finditer(run):
            order.setdefault(int(match.group(1)), len(order) + 1)
    return order


def segments(
    run: str, footnotes: list[str], order: dict[int, int], links: Mapping[str, str]
) -> list[Segment]:
    """``run`` cut at its footnote calls: text, then the footnote, then text ..."""
    result: list[Segment] = []
    position = 0
    for match in FOOTNOTE_CALL.finditer(run):
        if match.start() > position:
            result.append(Segment(text=run[position : match.start()]))
        index = int(match.group(1))
        if 1 <= index <= len(footnotes):
            note = footnote_pieces(footnotes[index - 1], links)
            result.append(Segment(footnote=order.get(index, index), note=note))
        position = match.end()
    if position < len(run):
        result.append(Segment(text=run[position:]))
    return result


def footnote_pieces(note: str, links: Mapping[str, str]) -> list[Piece]:
    """A footnote's text with each document symbol in it a link (the document's own, else the
    UN's)."""
    pieces: list[Piece] = []
    position = 0
    for match in DOCUMENT_SYMBOL.finditer(note):
        if match.start() > position:
            pieces.append(Piece(text=note[position : match.start()]))
        symbol = match.group(0)
        pieces.append(Piece(text=symbol, href=links.get(symbol) or UN_DOCUMENTS + symbol))
        position = match.end()
    if position < len(note):
        pieces.append(Piece(text=note[position:]))
    return pieces


def plain(run: str) -> str:
    """A run without its footnote calls: what a reader compares between versions."""
    return FOOTNOTE_CALL.sub("", run)


def paragraph_words(paragraph: ParagraphIn) -> str:
    """The paragraph as one line of words: opening words, then the rest."""
    return (
        paragraph.opening.strip() + plain(after_opening(paragraph.opening.strip(), paragraph.text))
    ).strip()


def symbols_in(text: TextIn) -> set[str]:
    """Every document symbol the footnotes cite."""
    return {match.group(0) for note in text.footnotes for match in DOCUMENT_SYMBOL.finditer(note)}
