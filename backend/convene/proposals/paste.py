"""Splitting pasted plain text into the paragraphs of a draft, with their opening words found.

Drafts reach the secretariat as word-processor files and e-mails. Pasted as
plain text, a draft is a run of lines: the addressee ("The Conference ...,"),
preambular paragraphs, operative paragraphs (numbered "1." or, when the word
processor's numbering was lost, recognized by their verb: "Urges", "Requests"),
sub-paragraphs "(a)", "(b)", and footnotes written ``[^1]: text`` and called
``[^1]``. Lines a mail program wrapped are joined again. The split is a
proposal: the secretariat corrects it before saving.
"""

from __future__ import annotations

import re

from convene.errors import RuleViolation
from convene.proposals.schemas import ParagraphIn, TextIn
from convene.proposals.vocabulary import ParagraphKind
from convene.translation import gettext

FOOTNOTE_LINE = re.compile(r"^\[\^([^\]\s]+)\]:\s*(.+)$")
PASTED_CALL = re.compile(r"\[\^([^\]\s]+)\]")
"""In pasted text a footnote may be labelled with anything ([^1], [^a], [^note]); stored, it is
numbered."""
NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")
LETTERED = re.compile(r"^\(([a-z])\)\s+(.*)$")
ENDS_PARAGRAPH = (",", ";", ":", ".")

LEADING_ADVERBS = {
    "Also",
    "Further",
    "Furthermore",
    "Moreover",
    "Deeply",
    "Seriously",
    "Gravely",
    "Firmly",
    "Fully",
    "Strongly",
    "Once",
    "Again",
    "Reiterating",
}
"""Words that may come before the verb of an opening: "Also requests", "Deeply concerned"."""
PHRASE_TAILS = [
    ("in", "mind"),
    ("into", "account"),
    ("into", "consideration"),
    ("note",),
    ("with", "appreciation"),
    ("with", "concern"),
    ("with", "deep", "concern"),
    ("with", "grave", "concern"),
    ("with", "satisfaction"),
    ("with", "interest"),
    ("upon",),
    ("also",),
    ("further",),
    ("furthermore",),
    ("moreover",),
    ("once", "again"),
    ("again",),
]
"""Words that belong to an opening after its verb: "Bearing in mind", "Takes note with
appreciation",
"Calls upon", "Welcoming also", "Requests further"."""
HAVING = "Having"
PREAMBULAR_WORDS = {
    "Mindful",
    "Convinced",
    "Concerned",
    "Aware",
    "Conscious",
    "Determined",
    "Alarmed",
    "Cognizant",
    "Desirous",
    "Guided",
    "Encouraged",
    "Committed",
    "Resolved",
}


def split_plain_text(plain_text: str) -> TextIn:
    """The text as paragraphs; a line that cannot belong anywhere is refused, naming it."""
    body, footnotes = _footnotes(plain_text)
    addressee = ""
    paragraphs: list[ParagraphIn] = []
    for number, line in enumerate(_paragraph_lines(body), start=1):
        lettered = LETTERED.match(line)
        if lettered:
            if not paragraphs:
                raise RuleViolation(
                    gettext(
                        "Line %(number)s: a sub-paragraph (%(letter)s) needs a paragraph before it",
                        number=number,
                        letter=lettered.group(1),
                    ),
                    field="plain_text",
                    status_code=422,
                )
            last = paragraphs[-1]
            paragraphs[-1] = ParagraphIn(
                kind=last.kind,
                opening=last.opening,
                text=last.text,
                sub_paragraphs=[*last.sub_paragraphs, lettered.group(2).strip()],
            )
            continue
        numbered = NUMBERED.match(line)
        if numbered:
            paragraphs.append(_paragraph(ParagraphKind.OPERATIVE, numbered.group(2)))
            continue
        if not paragraphs and not addressee and _is_addressee(line):
            addressee = line
            continue
        operative_seen = any(p.kind is ParagraphKind.OPERATIVE for p in paragraphs)
        kind = (
            ParagraphKind.OPERATIVE
            if operative_seen or _reads_operative(line)
            else ParagraphKind.PREAMBULAR
        )
        paragraphs.append(_paragraph(kind, line))
    return TextIn(addressee=addressee, paragraphs=paragraphs, footnotes=footnotes)


def _footnotes(plain_text: str) -> tuple[list[str], list[str]]:
    """The lines of the text, and its footnotes renumbered 1, 2 ... in the order they are
    defined."""
    lines: list[str] = []
    defined: dict[str, str] = {}
    for line in plain_text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        found = FOOTNOTE_LINE.match(line.strip())
        if found:
            defined[found.group(1)] = found.group(2).strip()
        else:
            lines.append(line)
    places = {label: str(index) for index, label in enumerate(defined, start=1)}

    def renumber(match: re.Match[str]) -> str:
        label = match.group(1)
        if label not in places:
            raise RuleViolation(
                gettext(
                    "Footnote [^%(label)s] is called but not given (add a line [^%(label)s]: its "
                    "text)",
                    label=label,
                ),
                field="plain_text",
                status_code=422,
            )
        return f"[^{places[label]}]"

    return [PASTED_CALL.sub(renumber, line) for line in lines], list(defined.values())


def _paragraph_lines(lines: list[str]) -> list[str]:
    """One line per paragraph: wrapped lines joined, a paragraph ending at punctuation or a blank
    line."""
    paragraphs: list[str] = []
    current = ""
    for raw in lines:
        line = " ".join(raw.split())
        marked = bool(NUMBERED.match(line) or LETTERED.match(line))
        # A paragraph opens with a capital, a number or a letter in brackets: a line in lower case
        # continues the one before, even after a comma ("Recalling its resolution 6/2,\nin which").
        starts_new = (
            not current or marked or (current.endswith(ENDS_PARAGRAPH) and not line[:1].islower())
        )
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
        elif starts_new:
            if current:
                paragraphs.append(current)
            current = line
        else:
            current = f"{current} {line}"
    if current:
        paragraphs.append(current)
    return paragraphs


def _is_addressee(line: str) -> bool:
    """ "The Conference of the States Parties to the United Nations Convention against Corruption,".

    Only the first paragraph can be; no preambular paragraph opens with "The".
    """
    return line.startswith("The ")


def _reads_operative(line: str) -> bool:
    """An unnumbered paragraph whose verb is in the present tense ("Urges", "Also requests")."""
    opening, _ = opening_words(line)
    words = opening.split()
    verb = next((word for word in words if word not in LEADING_ADVERBS), "")
    return verb.endswith("s") and not verb.endswith("ss") and verb not in PREAMBULAR_WORDS


def _paragraph(kind: ParagraphKind, line: str) -> ParagraphIn:
    opening, rest = opening_words(line)
    return ParagraphIn(kind=kind, opening=opening, text=rest)


def opening_words(line: str) -> tuple[str, str]:
    """The italic opening words of a paragraph and the rest: "Welcoming also" | "the report ..."."""
    words = line.split(" ")
    taken = 0
    while (
        taken < len(words)
        and _bare(words[taken]) in LEADING_ADVERBS
        and words[taken] == _bare(words[taken])
    ):
        taken += 1
    if taken >= len(words) or not _is_head(words[taken], after_adverb=taken > 0):
        return ("", line) if taken == 0 else (" ".join(words[:taken]), " ".join(words[taken:]))
    taken += 1
    if words[taken - 1] == HAVING and taken < len(words) and words[taken] == _bare(words[taken]):
        taken += 1
    taken = _tails(words, taken)
    head, rest = words[:taken], words[taken:]
    last = head[-1]
    if _bare(last) != last:  # "Recalling," : the punctuation stays with the rest
        head[-1] = _bare(last)
        rest = [last[len(_bare(last)) :], *rest]
        return " ".join(head), (rest[0] + (" " + " ".join(rest[1:]) if rest[1:] else ""))
    return " ".join(head), " ".join(rest)


def _tails(words: list[str], taken: int) -> int:
    """Past every phrase that belongs to the opening (each word bare: punctuation ends the
    opening)."""
    extended = True
    while extended and words[taken - 1] == _bare(words[taken - 1]):
        extended = False
        for tail in PHRASE_TAILS:
            candidate = words[taken : taken + len(tail)]
            if (
                len(candidate) == len(tail)
                and all(_bare(w) == t for w, t in zip(candidate, tail, strict=True))
                and all(w == _bare(w) for w in candidate[:-1])
            ):
                taken += len(tail)
                extended = True
                break
    return taken


def _bare(word: str) -> str:
    return word.rstrip(",;:.")


def _is_head(word: str, *, after_adverb: bool = False) -> bool:
    """A capitalized word of letters (after "Also", any): an opening's verb, participle or
    adjective."""
    bare = _bare(word)
    capitalized = bare[:1].isupper() or (after_adverb and bare[:1].islower())
    return len(bare) > 1 and capitalized and bare.isalpha() and not bare.isupper()
