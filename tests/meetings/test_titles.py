"""Session titles as UN documents write them."""

from convene.meetings.titles import PartTitle, session_title
from convene.meetings.vocabulary import SessionKind

IRG = "Implementation Review Group"
WGP = "Working Group on the Prevention of Corruption"


def test_a_regular_session_is_titled_with_its_ordinal_spelled_out() -> None:
    assert session_title([PartTitle(IRG, SessionKind.REGULAR, 21)]) == (
        "Twenty-first session of the Implementation Review Group"
    )


def test_a_resumed_session_names_its_resumption_first() -> None:
    assert session_title([PartTitle(IRG, SessionKind.RESUMED, 11, 1)]) == (
        "First resumed eleventh session of the Implementation Review Group"
    )
    assert session_title([PartTitle(IRG, SessionKind.RESUMED, 12, 2)]) == (
        "Second resumed twelfth session of the Implementation Review Group"
    )


def test_a_joint_session_names_each_body_with_its_own_numbering() -> None:
    parts = [PartTitle(IRG, SessionKind.RESUMED, 11, 1), PartTitle(WGP, SessionKind.REGULAR, 11)]
    assert session_title(parts) == (
        "First resumed eleventh session of the Implementation Review Group"
        " and eleventh session of the Working Group on the Prevention of Corruption"
    )


def test_special_sessions_and_intersessional_meetings_have_their_own_nouns() -> None:
    assert session_title(
        [PartTitle("General Assembly", SessionKind.SPECIAL)], "against corruption"
    ) == ("Special session of the General Assembly against corruption")
    assert session_title([PartTitle("General Assembly", SessionKind.SPECIAL, 32)]) == (
        "Thirty-second special session of the General Assembly"
    )
    conference = (
        "Conference of the States Parties to the United Nations Convention against Corruption"
    )
    assert session_title([PartTitle(conference, SessionKind.INTERSESSIONAL, 1)]) == (
        "First intersessional meeting of the Conference of the States Parties"
        " to the United Nations Convention against Corruption"
    )
