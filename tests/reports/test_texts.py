"""Dates and times as UN documents write them."""

from __future__ import annotations

from datetime import date, datetime

from convene.reports.texts import date_span, time_span, weekday_date
from convene.translation import using_locale


def test_date_spans_repeat_only_what_differs() -> None:
    assert date_span(date(2021, 6, 7), date(2021, 6, 11)) == "7–11 June 2021"
    assert date_span(date(2020, 8, 31), date(2020, 9, 2)) == "31 August–2 September 2020"
    assert date_span(date(2020, 12, 28), date(2021, 1, 2)) == "28 December 2020–2 January 2021"
    assert date_span(date(2021, 6, 7), date(2021, 6, 7)) == "7 June 2021"
    assert weekday_date(date(2020, 8, 31)) == "Monday, 31 August 2020"


def test_times_are_twelve_hour_with_the_period_once_when_shared() -> None:
    def at(hour: int, minute: int = 0) -> datetime:
        return datetime(2020, 8, 31, hour, minute)

    assert time_span(at(10), at(13)) == "10 a.m.–1 p.m."
    assert time_span(at(15), at(18)) == "3–6 p.m."
    assert time_span(at(9, 30), at(11)) == "9.30–11 a.m."
    assert time_span(at(10), at(12)) == "10 a.m.–noon"
    assert time_span(at(12), at(15)) == "noon–3 p.m."


def test_beyond_english_dates_and_times_take_the_languages_own_forms() -> None:
    with using_locale("fr"):
        assert date_span(date(2021, 6, 7), date(2021, 6, 11)) == "7–11 juin 2021"
        assert weekday_date(date(2020, 8, 31)) == "lundi 31 août 2020"
        assert time_span(datetime(2020, 8, 31, 15), datetime(2020, 8, 31, 18)) == "15:00\u2009–\u200918:00"
    with using_locale("zh"):
        assert weekday_date(date(2020, 8, 31)) == "2020年8月31日星期一"
