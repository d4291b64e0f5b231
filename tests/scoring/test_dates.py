"""G-3 date conventions and RP-08 working-day notices."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.scoring.dates import (
    LeapDayRule,
    WorkCalendar,
    add_months,
    add_years,
    age_on,
    born_on_or_after,
    clip_period,
    completed_months,
    completed_years,
    has_full_years,
    notice_end_date,
    notice_is_long_enough,
    parse_date,
    period_months,
)
from kaoping.scoring.errors import SchemeError

D = date.fromisoformat


@pytest.mark.parametrize(
    ("start", "as_of", "years"),
    [
        ("2008-09-30", "2011-09-30", 3),  # anniversary exactly on the cut-off counts
        ("2008-10-01", "2011-09-30", 2),  # one day short
        ("2008-09-29", "2011-09-30", 3),
        ("2011-09-30", "2011-09-30", 0),
        ("2012-01-01", "2011-09-30", 0),  # starts after the cut-off
        ("2009-09-30", "2011-09-30", 2),
    ],
)
def test_G_3_completed_years_up_to_and_including_cutoff(start, as_of, years):
    """G-3: completed years counted up to and including D."""
    assert completed_years(D(start), D(as_of)) == years


@pytest.mark.parametrize(
    ("start", "as_of", "n", "ok"),
    [
        ("2008-09-30", "2011-09-30", 3, True),
        ("2008-10-01", "2011-09-30", 3, False),
        ("2009-09-30", "2011-09-30", 2, True),
        ("2009-10-01", "2011-09-30", 2, False),
    ],
)
def test_G_3_full_years_when_anniversary_on_or_before_d(start, as_of, n, ok):
    """G-3: "满 N 年" is satisfied when the anniversary falls on or before D."""
    assert has_full_years(D(start), D(as_of), n) is ok


@pytest.mark.parametrize(
    ("birth", "threshold", "ok"),
    [
        ("1953-10-01", "1953-10-01", True),
        ("1953-09-30", "1953-10-01", False),
        ("1960-01-01", "1953-10-01", True),
    ],
)
def test_G_3_born_on_or_after_includes_the_day(birth, threshold, ok):
    """G-3: "X 年 X 月 X 日以后出生" includes that day."""
    assert born_on_or_after(D(birth), D(threshold)) is ok


@pytest.mark.parametrize(
    ("start", "years", "rule", "expected"),
    [
        ("2008-02-29", 1, LeapDayRule.FEB_28, "2009-02-28"),
        ("2008-02-29", 1, LeapDayRule.MAR_1, "2009-03-01"),
        ("2008-02-29", 4, LeapDayRule.FEB_28, "2012-02-29"),
        ("2008-02-28", 1, LeapDayRule.MAR_1, "2009-02-28"),
    ],
)
def test_G_3_leap_day_anniversary(start, years, rule, expected):
    """G-3: a 02-29 anniversary is 02-28 in common years by default, 03-01 as the alternative."""
    assert add_years(D(start), years, rule) == D(expected)


def test_G_3_leap_day_age_and_tenure():
    """G-3: someone born 1952-02-29 is 59 on 2011-02-28 (default) but not under the 03-01 reading."""
    assert age_on(D("1952-02-29"), D("2011-02-28")) == 59
    assert age_on(D("1952-02-29"), D("2011-02-28"), LeapDayRule.MAR_1) == 58
    assert completed_years(D("2008-02-29"), D("2011-02-28"), "mar_1") == 2


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2011-01-31", 1, "2011-02-28"),
        ("2012-01-31", 1, "2012-02-29"),
        ("2011-03-31", -1, "2011-02-28"),
        ("2011-11-15", 3, "2012-02-15"),
    ],
)
def test_G_3_add_months_clamps_to_month_end(start, months, expected):
    """G-3: month arithmetic clamps to the end of the month."""
    assert add_months(D(start), months) == D(expected)


@pytest.mark.parametrize(
    ("start", "as_of", "months"),
    [
        ("2011-01-31", "2011-02-28", 1),
        ("2011-01-15", "2011-02-14", 0),
        ("2011-01-15", "2011-02-15", 1),
        ("2011-05-01", "2011-04-01", 0),
    ],
)
def test_G_3_completed_months(start, as_of, months):
    """G-3: completed months up to and including D."""
    assert completed_months(D(start), D(as_of)) == months


@pytest.mark.parametrize(
    ("start", "last_day", "months"),
    [
        ("2009-03-01", "2009-08-31", 6),
        ("2009-03-01", "2009-08-30", 5),
        ("2009-03-01", "2009-02-01", 0),
        ("2009-01-01", "2010-06-30", 18),
    ],
)
def test_G_3_period_with_inclusive_last_day(start, last_day, months):
    """G-3: a period served through its last day: 03-01 … 08-31 is six completed months."""
    assert period_months(D(start), D(last_day)) == months


def test_G_3_clip_period():
    """G-3: the part of a period inside a window."""
    assert clip_period(D("2007-01-01"), D("2009-12-31"), D("2008-06-01"), D("2011-09-30")) == (
        D("2008-06-01"),
        D("2009-12-31"),
    )
    assert clip_period(D("2010-01-01"), None, None, D("2011-09-30")) == (D("2010-01-01"), D("2011-09-30"))
    assert clip_period(D("2005-01-01"), D("2006-01-01"), D("2008-01-01"), D("2011-09-30")) is None


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 12, 31)), st.integers(0, 40))
def test_G_3_property_anniversary_is_exactly_the_threshold(start, n):
    """G-3: has N full years on the anniversary, never the day before."""
    anniversary = add_years(start, n)
    assert has_full_years(start, anniversary, n)
    assert completed_years(start, anniversary) >= n
    if n > 0:
        assert not has_full_years(start, anniversary - timedelta(days=1), n)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 12, 31)), st.integers(0, 5000))
def test_G_3_property_completed_years_and_months_agree(start, days):
    """G-3: completed months // 12 never exceeds completed years + 1 and years never decrease with time."""
    as_of = start + timedelta(days=days)
    years = completed_years(start, as_of)
    assert years >= completed_years(start, as_of - timedelta(days=1))
    assert abs(completed_months(start, as_of) // 12 - years) <= 1


def test_parse_date_rejects_garbage():
    """G-3: dates in schemes are ISO strings; anything else is a SchemeError naming the field."""
    assert parse_date("2011-09-30") == D("2011-09-30")
    assert parse_date(D("2011-09-30")) == D("2011-09-30")
    with pytest.raises(SchemeError) as exc:
        parse_date("30/9/2011", "cut_off")
    assert exc.value.field == "cut_off"


# National Day 2011: 10-01 … 10-07 off, 10-08 (Sat) and 10-09 (Sun) are make-up workdays.
NATIONAL_DAY_2011 = WorkCalendar.from_dict(
    {
        "holidays": [f"2011-10-0{d}" for d in range(1, 8)],
        "workdays": ["2011-10-08", "2011-10-09"],
    }
)


@pytest.mark.parametrize(
    ("start", "days", "cal", "end"),
    [
        ("2011-10-10", 5, WorkCalendar(), "2011-10-14"),  # Monday → Friday
        ("2011-10-12", 5, WorkCalendar(), "2011-10-18"),  # skips the weekend
        ("2011-10-15", 5, WorkCalendar(), "2011-10-21"),  # starts on a Saturday
        ("2011-09-28", 5, NATIONAL_DAY_2011, "2011-10-09"),  # 09-28, 09-29, 09-30, 10-08, 10-09
        ("2011-09-30", 1, NATIONAL_DAY_2011, "2011-09-30"),
    ],
)
def test_RP_08_notice_end_date(start, days, cal, end):
    """RP-08: a notice of N working days skips weekends and holidays and counts make-up workdays."""
    assert notice_end_date(D(start), days, cal) == D(end)


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        ("2011-10-10", "2011-10-14", True),
        ("2011-10-10", "2011-10-13", False),
        ("2011-10-12", "2011-10-17", False),
        ("2011-10-12", "2011-10-18", True),
    ],
)
def test_RP_08_notice_long_enough(start, end, ok):
    """RP-08: public notices last at least 5 working days."""
    assert notice_is_long_enough(D(start), D(end)) is ok


def test_RP_08_calendar_round_trip_and_errors():
    """RP-08: the calendar is data; a day cannot be both a holiday and a workday; days ≥ 1."""
    assert WorkCalendar.from_dict(NATIONAL_DAY_2011.to_dict()) == NATIONAL_DAY_2011
    assert NATIONAL_DAY_2011.working_days_between(D("2011-10-01"), D("2011-10-09")) == 2
    assert NATIONAL_DAY_2011.working_days_between(D("2011-10-09"), D("2011-10-01")) == 0
    with pytest.raises(SchemeError):
        WorkCalendar.from_dict({"holidays": ["2011-10-08"], "workdays": ["2011-10-08"]})
    with pytest.raises(SchemeError):
        notice_end_date(D("2011-10-10"), 0)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)), st.integers(1, 30))
def test_RP_08_property_end_date_is_long_enough_and_minimal(start, days):
    """RP-08: the computed end date gives exactly the required working days."""
    end = notice_end_date(start, days)
    assert WorkCalendar().working_days_between(start, end) == days
    assert WorkCalendar().is_working_day(end)
    assert notice_is_long_enough(start, end, days)
