"""Attendance R003-04 and attendance allowance R003-05 (seed 003)."""

from datetime import date, time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.scoring.attendance import (
    AttendanceScheme,
    DayRecord,
    attendance_allowance,
    judge_day,
    leave_approver,
    unexcused_half_days,
)
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.presets.targets import TARGETS_2018

SCHEME = AttendanceScheme.from_dict(TARGETS_2018["attendance"])
DAY = date(2018, 4, 2)
T = time.fromisoformat


def test_R003_04_preset_equals_defaults():
    """R003-04: the seed's windows 09:15 / 15:00 in, 11:00 / 17:00 out are the preset."""
    assert SCHEME == AttendanceScheme()
    assert AttendanceScheme.from_dict(None) == SCHEME


@pytest.mark.parametrize(
    ("times", "excused", "late", "early", "absent"),
    [
        (("09:00", "11:30", "14:30", "17:30"), (), (), (), ()),
        (("09:15", "11:00", "15:00", "17:00"), (), (), (), ()),  # exactly on the boundaries
        (("09:16", "11:00", "15:01", "17:00"), (), ("上午", "下午"), (), ()),
        (("09:00", "10:59", "14:00", "16:59"), (), (), ("上午", "下午"), ()),
        ((None, None, "14:00", "17:30"), (), (), (), ("上午",)),
        ((None, None, None, None), (), (), (), ("上午", "下午")),
        ((None, None, None, None), ("上午",), (), (), ("下午",)),
        ((None, "11:30", "14:00", None), (), ("上午",), ("下午",), ()),  # missing sign-in / sign-out
    ],
)
def test_R003_04_judge_day(times, excused, late, early, absent):
    """R003-04: late / early / unexcused absent half-days against the sign windows."""
    record = DayRecord(DAY, *(None if t is None else T(t) for t in times), excused=frozenset(excused))
    judged = judge_day(record, SCHEME)
    assert (judged.late, judged.early, judged.absent) == (late, early, absent)
    assert judged.excused == tuple(excused)
    assert judged.absent_half_days == len(absent)


def test_R003_04_unexcused_total():
    """R003-04: unexcused half-days add up over the days."""
    days = [judge_day(DayRecord(DAY), SCHEME), judge_day(DayRecord(DAY, T("09:00"), T("11:30")), SCHEME)]
    assert unexcused_half_days(days) == 3


@pytest.mark.parametrize(
    ("days", "approver"),
    [
        ("0.5", "分管领导"),
        ("0.25", "分管领导"),
        ("1", "常务副主席"),
        ("0.75", "常务副主席"),
        ("1.5", "主席"),
        ("10", "主席"),
    ],
)
def test_R003_04_leave_approver_by_duration(days, approver):
    """R003-04: ≤ half a day 分管领导, ≤ one day 常务副主席, longer 主席."""
    assert leave_approver(Decimal(days), SCHEME) == approver


@pytest.mark.parametrize("days", ["0", "-1"])
def test_R003_04_leave_duration_positive(days):
    """R003-04: a leave of zero or negative length is refused."""
    with pytest.raises(SchemeError):
        leave_approver(Decimal(days), SCHEME)


@pytest.mark.parametrize(
    ("half_days", "amount", "forfeit"),
    [
        (0, "2000.00", False),
        (1, "1980.00", False),  # half a day: −20
        (2, "1960.00", False),  # a day: −40
        (7, "1860.00", False),  # 3 days + half a day
        (29, "1420.00", False),  # 14.5 days: still paid
        (30, "0.00", True),  # 15 days (inclusive): whole allowance and the target bonus forfeited
        (100, "0.00", True),
    ],
)
def test_R003_05_allowance(half_days, amount, forfeit):
    """R003-05: 2000 − 20 per half day / 40 per day; ≥ 15 days forfeits allowance and bonus."""
    result = attendance_allowance(half_days, SCHEME)
    assert result.allowance.value == Decimal(amount)
    assert result.forfeits_target_bonus is forfeit
    assert result.allowance.rule == "R003-05"


def test_R003_05_formula_and_floor():
    """R003-05: the formula shows the numbers; money never goes below 0."""
    assert attendance_allowance(7, SCHEME).allowance.formula == "2000 − 旷工 3 天 × 40 − 1 个半天 × 20"
    small = AttendanceScheme.from_dict({"allowance": "100", "forfeit_days": "100"})
    result = attendance_allowance(10, small)
    assert result.allowance.value == Decimal("0.00") and result.allowance.formula.startswith("max(")


@pytest.mark.parametrize("bad", [-1, "x", 1.5, True])
def test_R003_05_bad_half_days(bad):
    """R003-05: negative or non-integer absences are SchemeErrors."""
    with pytest.raises(SchemeError):
        attendance_allowance(bad, SCHEME)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"morning_in_by": "9点15"}, "morning_in_by"),
        ({"allowance": "-1"}, "allowance"),
        ({"forfeit_days": "0"}, "forfeit_days"),
        ({"approvers": [{"max_days": "1", "approver": "a"}]}, "approvers"),
        (
            {
                "approvers": [
                    {"max_days": "1", "approver": "a"},
                    {"max_days": "0.5", "approver": "b"},
                    {"max_days": None, "approver": "c"},
                ]
            },
            "approvers",
        ),
        (
            {"approvers": [{"max_days": "0", "approver": "a"}, {"max_days": None, "approver": "c"}]},
            "approvers[0].max_days",
        ),
    ],
)
def test_R003_04_scheme_validation(data, field):
    """R003-04: invalid attendance schemes raise SchemeError naming the field."""
    with pytest.raises(SchemeError) as exc:
        AttendanceScheme.from_dict(data)
    assert exc.value.field == field


@given(st.integers(0, 200), st.integers(0, 200))
def test_R003_05_property_more_absence_never_pays_more(a, b):
    """R003-05: more unexcused half-days never raise the allowance; it stays in [0, 2000]."""
    low, high = sorted((a, b))
    more = attendance_allowance(high, SCHEME).allowance.value
    less = attendance_allowance(low, SCHEME).allowance.value
    assert Decimal("0") <= more <= less <= Decimal("2000")
