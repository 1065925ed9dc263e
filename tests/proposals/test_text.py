"""Drafting as the UN prints it: the sponsors line, pasted text split into paragraphs, changes between versions."""

from __future__ import annotations

import pytest

from convene.errors import RuleViolation
from convene.proposals.changes import compare
from convene.proposals.lines import sponsors_line
from convene.proposals.paste import opening_words, split_plain_text
from convene.proposals.schemas import ParagraphIn, TextIn
from convene.proposals.texts import check_text, text_out
from convene.proposals.vocabulary import ParagraphKind, ProposalKind

PASTED = """The Conference of the States Parties to the United Nations Convention
against Corruption,

Recalling its resolution 6/2 of 6 November 2015,[^a]

Welcoming also the report of the Secretariat on the
implementation of that resolution,[^b]

Bearing in mind that asset recovery is a fundamental principle of the Convention,
in accordance with its article 51,

1. Urges States parties to:
(a) Adopt measures for the return of assets;
(b) Cooperate with one another;
Also requests the Secretariat to continue its work;

Calls upon States parties to report on progress.

[^a]: See CAC/COSP/2015/10, chap. I, sect. A.
[^b]: CAC/COSP/2017/3 and CAC/COSP/2017/7.
"""


def test_the_sponsors_line_is_alphabetical_with_and_before_the_last() -> None:
    names = ["United States of America", "Israel", "Brazil", "Australia"]
    assert sponsors_line(names, ProposalKind.RESOLUTION, revised=False) == (
        "Australia, Brazil, Israel and United States of America: draft resolution")
    assert sponsors_line(names, ProposalKind.RESOLUTION, revised=True) == (
        "Australia, Brazil, Israel and United States of America: revised draft resolution")
    assert sponsors_line(["Côte d'Ivoire", "Colombia", "Cuba"], ProposalKind.DECISION, revised=False) == (
        "Colombia, Côte d'Ivoire and Cuba: draft decision")
    assert sponsors_line(["Peru", "Egypt"], ProposalKind.DECISION, revised=False) == "Egypt and Peru: draft decision"
    assert sponsors_line(["Egypt"], ProposalKind.RESOLUTION, revised=False) == "Egypt: draft resolution"


def test_pasted_text_is_split_into_addressee_paragraphs_sub_paragraphs_and_footnotes() -> None:
    text = split_plain_text(PASTED)
    assert text.addressee == ("The Conference of the States Parties to the United Nations Convention "
                              "against Corruption,")
    shape = [(p.kind.value, p.opening, p.text) for p in text.paragraphs]
    assert shape == [
        ("preambular", "Recalling", "its resolution 6/2 of 6 November 2015,[^1]"),
        ("preambular", "Welcoming also", "the report of the Secretariat on the implementation of that resolution,[^2]"),
        ("preambular", "Bearing in mind", "that asset recovery is a fundamental principle of the Convention, "
                                          "in accordance with its article 51,"),
        ("operative", "Urges", "States parties to:"),
        ("operative", "Also requests", "the Secretariat to continue its work;"),
        ("operative", "Calls upon", "States parties to report on progress."),
    ]
    assert text.paragraphs[3].sub_paragraphs == ["Adopt measures for the return of assets;", "Cooperate with one another;"]
    assert text.footnotes == ["See CAC/COSP/2015/10, chap. I, sect. A.", "CAC/COSP/2017/3 and CAC/COSP/2017/7."]
    check_text(text)  # a consistent text: every footnote called once


@pytest.mark.parametrize(("line", "opening", "rest"), [
    ("Recalling, in that regard, its resolution 6/2,", "Recalling", ", in that regard, its resolution 6/2,"),
    ("Takes note with appreciation of the report;", "Takes note with appreciation", "of the report;"),
    ("Requests also the Secretariat to report;", "Requests also", "the Secretariat to report;"),
    ("Deeply concerned about the scale of corruption,", "Deeply concerned", "about the scale of corruption,"),
    ("Having considered the report,", "Having considered", "the report,"),
    ("the Conference decided nothing", "", "the Conference decided nothing"),
])
def test_opening_words_are_found(line: str, opening: str, rest: str) -> None:
    assert opening_words(line) == (opening, rest)


def test_printed_text_numbers_operative_paragraphs_letters_sub_paragraphs_and_links_symbols() -> None:
    text = text_out(split_plain_text(PASTED), {"CAC/COSP/2017/3": "https://www.unodc.org/cosp7/3.pdf"})
    assert [p.number for p in text.paragraphs] == ["", "", "", "1", "2", "3"]
    assert [s.letter for s in text.paragraphs[3].sub_paragraphs] == ["(a)", "(b)"]
    first = text.paragraphs[0].segments
    assert first[0].text == " its resolution 6/2 of 6 November 2015,"
    assert first[1].footnote == 1
    note = text.paragraphs[1].segments[1].note
    assert [(p.text, p.href) for p in note] == [
        ("CAC/COSP/2017/3", "https://www.unodc.org/cosp7/3.pdf"), (" and ", ""),
        ("CAC/COSP/2017/7", "https://undocs.org/CAC/COSP/2017/7"), (".", "")]


def test_punctuation_that_departs_from_un_drafting_is_noted() -> None:
    assert text_out(split_plain_text(PASTED)).notes == []
    sloppy = split_plain_text("The Conference\n\nRecalling its work.\n\n1. Urges States to act.\n2. Requests reports;\n")
    assert text_out(sloppy).notes == [
        "The addressee ends with a comma", "Preambular paragraph 1 ends with a comma",
        "Paragraph 1 ends with a semicolon", "Paragraph 2 ends with a full stop (it is the last)"]


def test_a_footnote_called_twice_or_never_or_missing_is_refused_naming_the_place() -> None:
    para = ParagraphIn(kind=ParagraphKind.OPERATIVE, opening="Urges", text="States[^1] parties[^1].")
    with pytest.raises(RuleViolation) as twice:
        check_text(TextIn(paragraphs=[para], footnotes=["A note."]))
    assert twice.value.field == "text.paragraphs[0].text"
    with pytest.raises(RuleViolation) as never:
        check_text(TextIn(paragraphs=[ParagraphIn(kind=ParagraphKind.OPERATIVE, text="x")], footnotes=["A note."]))
    assert never.value.field == "text.footnotes[0]"
    with pytest.raises(RuleViolation) as missing:
        split_plain_text("Recalling its work,[^3]\n")
    assert "[^3]" in missing.value.message


def test_changes_are_paragraph_by_paragraph_and_renumbering_is_not_a_change() -> None:
    before = split_plain_text(PASTED)
    paragraphs = list(before.paragraphs)
    paragraphs.insert(3, ParagraphIn(kind=ParagraphKind.OPERATIVE, opening="Decides", text="to act;"))
    paragraphs[5] = ParagraphIn(kind=ParagraphKind.OPERATIVE, opening="Also requests",
                                text="the Secretariat to continue and expand its work;")
    del paragraphs[6]
    after = TextIn(addressee=before.addressee, paragraphs=paragraphs, footnotes=before.footnotes)
    diff = compare(before, after)
    operative = [(b.label, b.change) for b in diff if b.label.startswith("Paragraph") and b.change != "deleted"]
    assert operative == [("Paragraph 1", "inserted"), ("Paragraph 2", "same"), ("Paragraph 2 (a)", "same"),
                         ("Paragraph 2 (b)", "same"), ("Paragraph 3", "changed")]  # "Urges" was 1: not a change
    changed = next(b for b in diff if b.change == "changed")
    assert changed.mark == "3."
    assert [(p.op, p.text) for p in changed.parts if p.op != "same"] == [("inserted", "and expand ")]
    gone = [b for b in compare(before, after) if b.change == "deleted"]
    assert ["".join(p.text for p in b.parts) for b in gone] == ["Calls upon States parties to report on progress."]
    assert [(p.text, p.italic) for p in gone[0].parts] == [("Calls upon", True), (" States parties to report on progress.", False)]
