"""What changed between two versions of a draft, paragraph by paragraph, word by word.

Paragraphs are matched by their words, not their numbers: inserting paragraph 2
renumbers those after it, and they are not changes. A paragraph whose words
changed is shown with its insertions and deletions; one that is new or gone is
shown whole.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from convene.proposals.schemas import DiffBlock, DiffPart, TextIn
from convene.proposals.texts import paragraph_words, plain, sub_letter
from convene.proposals.vocabulary import ParagraphKind

WORD = re.compile(r"\S+\s*")
SIMILAR_ENOUGH = 0.5
"""Below this likeness two paragraphs in the same place are a deletion and an insertion, not a
change."""


@dataclass(frozen=True)
class Block:
    label: str
    words: str
    mark: str = ""
    opening: int = 0
    """How many characters of ``words`` are the paragraph's opening words (printed in italics)."""


def blocks(text: TextIn) -> list[Block]:
    """The text as a reader compares it: addressee, each paragraph and sub-paragraph, each
    footnote."""
    found = [Block("Addressee", text.addressee.strip())] if text.addressee.strip() else []
    preambular = operative = 0
    for paragraph in text.paragraphs:
        if paragraph.kind is ParagraphKind.OPERATIVE:
            operative += 1
            label = f"Paragraph {operative}"
        else:
            preambular += 1
            label = f"Preambular paragraph {preambular}"
        mark = f"{operative}." if paragraph.kind is ParagraphKind.OPERATIVE else ""
        found.append(Block(label, paragraph_words(paragraph), mark, len(paragraph.opening.strip())))
        for index, sub in enumerate(paragraph.sub_paragraphs):
            letter = f"({sub_letter(index)})"
            found.append(Block(f"{label} {letter}", plain(sub).strip(), letter))
    for index, note in enumerate(text.footnotes, start=1):
        found.append(Block(f"Footnote {index}", note.strip(), f"[{index}]"))
    return found


def compare(
    before: TextIn, after: TextIn, titles: tuple[str, str] | None = None
) -> list[DiffBlock]:
    """Every block of ``after`` in order, with the blocks of ``before`` that are gone where they
    were.

    ``titles`` (before, after) puts the title first, changed or not.
    """
    old, new = blocks(before), blocks(after)
    if titles is not None:
        old, new = [Block("Title", titles[0]), *old], [Block("Title", titles[1]), *new]
    matcher = difflib.SequenceMatcher(
        a=[b.words for b in old], b=[b.words for b in new], autojunk=False
    )
    result: list[DiffBlock] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result.extend(_whole(b, "same") for b in new[j1:j2])
        elif op == "replace":
            result.extend(_replaced(old[i1:i2], new[j1:j2]))
        elif op == "delete":
            result.extend(_whole(b, "deleted") for b in old[i1:i2])
        else:
            result.extend(_whole(b, "inserted") for b in new[j1:j2])
    return result


def _replaced(old: list[Block], new: list[Block]) -> list[DiffBlock]:
    """Pairs in place: alike enough, a changed paragraph; else the old one gone and the new one
    added."""
    result: list[DiffBlock] = []
    for index in range(max(len(old), len(new))):
        before = old[index] if index < len(old) else None
        after = new[index] if index < len(new) else None
        if before and after and _likeness(before.words, after.words) >= SIMILAR_ENOUGH:
            parts = italicized(word_changes(before.words, after.words), after.opening)
            result.append(DiffBlock(after.label, "changed", parts, after.mark))
            continue
        if before:
            result.append(_whole(before, "deleted"))
        if after:
            result.append(_whole(after, "inserted"))
    return result


def _whole(block: Block, change: str) -> DiffBlock:
    return DiffBlock(
        block.label, change, italicized([DiffPart(change, block.words)], block.opening), block.mark
    )


def italicized(parts: list[DiffPart], opening: int) -> list[DiffPart]:
    """The parts with the paragraph's first ``opening`` characters (as it now reads) marked italic.

    A deletion takes the style of the place it was struck from.
    """
    result: list[DiffPart] = []
    position = 0
    for part in parts:
        if part.op == "deleted" and len(parts) > 1:
            result.append(DiffPart(part.op, part.text, italic=position < opening))
            continue
        head = max(0, min(len(part.text), opening - position))
        if 0 < head < len(part.text):
            result += [
                DiffPart(part.op, part.text[:head], italic=True),
                DiffPart(part.op, part.text[head:]),
            ]
        else:
            result.append(DiffPart(part.op, part.text, italic=head > 0))
        position += len(part.text)
    return result


def _likeness(a: str, b: str) -> float:
    return difflib.SequenceMatcher(a=WORD.findall(a), b=WORD.findall(b), autojunk=False).ratio()


def word_changes(before: str, after: str) -> list[DiffPart]:
    """The words kept, deleted and inserted, in reading order (deletions before insertions)."""
    old, new = WORD.findall(before), WORD.findall(after)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    parts: list[DiffPart] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(DiffPart("same", "".join(new[j1:j2])))
            continue
        if i2 > i1:
            parts.append(DiffPart("deleted", "".join(old[i1:i2])))
        if j2 > j1:
            parts.append(DiffPart("inserted", "".join(new[j1:j2])))
    return parts


def has_changes(diff: list[DiffBlock]) -> bool:
    return any(block.change != "same" for block in diff)
