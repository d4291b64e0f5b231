"""The system holiday calendar (common.CalendarDay) is the base of every working-day notice (RP-08); a
process's own days (an annual round's holidays) sit on top of it."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from kaoping.annual.services_grading import working_calendar
from kaoping.common.calendar import work_calendar_with
from kaoping.common.models import CalendarDay
from kaoping.positions.services_appointment import _notice_end
from kaoping.scoring.dates import WorkCalendar

pytestmark = pytest.mark.django_db

MON = dt.date(2011, 10, 10)


def test_rp08_round_days_override_system_days():
    CalendarDay.objects.create(day=MON, is_workday=False, note="系统节假日")
    CalendarDay.objects.create(day=dt.date(2011, 10, 15), is_workday=True, note="调休上班")
    own = WorkCalendar(
        holidays=frozenset({dt.date(2011, 10, 15)}), workdays=frozenset({dt.date(2011, 10, 16)})
    )
    cal = work_calendar_with(own)
    assert not cal.is_working_day(MON)  # from the system calendar
    assert not cal.is_working_day(dt.date(2011, 10, 15))  # the round's holiday wins over the system workday
    assert cal.is_working_day(dt.date(2011, 10, 16))  # the round's make-up Sunday


def test_rp08_annual_notice_skips_a_system_holiday():
    rnd = SimpleNamespace(holidays={})
    assert working_calendar(rnd).add_working_days(MON, 5) == dt.date(2011, 10, 14)
    CalendarDay.objects.create(day=MON, is_workday=False)
    assert working_calendar(rnd).add_working_days(MON, 5) == dt.date(2011, 10, 17)


def test_rp08_appointment_notice_skips_a_system_holiday():
    rnd = SimpleNamespace(notice_working_days=True, notice_days=5)
    assert _notice_end(rnd, MON) == dt.date(2011, 10, 14)
    CalendarDay.objects.create(day=dt.date(2011, 10, 12), is_workday=False)
    assert _notice_end(rnd, MON) == dt.date(2011, 10, 17)
