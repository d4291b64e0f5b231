"""The working-day calendar (weekends, configured holidays and make-up workdays) as a pure WorkCalendar."""

from __future__ import annotations

from datetime import date

from kaoping.common.models import CalendarDay
from kaoping.scoring.dates import WorkCalendar


def work_calendar(start: date | None = None, end: date | None = None) -> WorkCalendar:
    """The calendar for [start, end] (whole table when open), for kaoping.scoring.dates computations."""
    qs = CalendarDay.objects.all()
    if start is not None:
        qs = qs.filter(day__gte=start)
    if end is not None:
        qs = qs.filter(day__lte=end)
    holidays, workdays = set(), set()
    for day, is_workday in qs.values_list("day", "is_workday"):
        (workdays if is_workday else holidays).add(day)
    return WorkCalendar(holidays=frozenset(holidays), workdays=frozenset(workdays))


def work_calendar_with(overrides: WorkCalendar, start: date | None = None) -> WorkCalendar:
    """The system calendar with a process's own days on top: its holidays and make-up workdays win over the
    system's for the same date (e.g. an annual round or an attendance year that lists extra days)."""
    base = work_calendar(start)
    return WorkCalendar(
        holidays=(base.holidays - overrides.workdays) | overrides.holidays,
        workdays=(base.workdays - overrides.holidays) | overrides.workdays,
    )


def notice_end(start: date, working_days: int) -> date:
    """Last day of a notice that starts on ``start`` and lasts ``working_days`` working days (RP-08)."""
    return work_calendar(start).add_working_days(start, working_days)
