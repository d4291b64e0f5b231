"""Date arithmetic for tenure, age and public notices (RULES.md G-3, RP-08).

Conventions (G-3):

* "任职年限计算截至 D": completed years/months are counted up to and including the cut-off D.
  A year (or month) is *completed* when its anniversary falls on or before D, so a rank taken on
  2008-09-30 has 3 full years on 2011-09-30, and one taken on 2008-10-01 does not.
* "满 N 年" is :func:`has_full_years`: the N-th anniversary is on or before D.
* "X 年 X 月 X 日以后出生" includes that day (:func:`born_on_or_after`).
* Month arithmetic clamps to the end of the month: 01-31 plus one month is 02-28 (02-29 in a leap year).
* Leap-day anniversaries: a start on 02-29 has its anniversary on 02-28 in common years by default
  (:attr:`LeapDayRule.FEB_28`, the same clamp as month arithmetic and the reading most Chinese HR
  software uses). :attr:`LeapDayRule.MAR_1` is the alternative setting.
* A *period* with an inclusive last day (a secondment 2009-03-01 … 2009-08-31) lasts until the
  day after its last day, so that period is 6 completed months (:func:`period_months`).

Working days skip Saturdays, Sundays and configured holidays, and count configured make-up workdays
(调休上班) even when they fall on a weekend (:class:`WorkCalendar`).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .errors import SchemeError

ONE_DAY = timedelta(days=1)


class LeapDayRule(StrEnum):
    """Where the anniversary of 02-29 falls in a common year."""

    FEB_28 = "feb_28"  # default: last day of February
    MAR_1 = "mar_1"  # alternative: the day after 02-28


def parse_date(value: object, field: str = "date") -> date:
    """A ``date`` from a ``date`` or an ISO string ``YYYY-MM-DD``; :class:`SchemeError` otherwise."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise SchemeError(field, f"日期格式不正确：{value!r}（应为 YYYY-MM-DD）")


def add_months(start: date, months: int) -> date:
    """``start`` plus ``months`` calendar months, clamped to the end of the target month."""
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(start.day, last))


def add_years(start: date, years: int, leap_rule: LeapDayRule = LeapDayRule.FEB_28) -> date:
    """The ``years``-th anniversary of ``start`` (see :class:`LeapDayRule` for 02-29)."""
    target_year = start.year + years
    if start.month == 2 and start.day == 29 and not calendar.isleap(target_year):
        if LeapDayRule(leap_rule) is LeapDayRule.MAR_1:
            return date(target_year, 3, 1)
        return date(target_year, 2, 28)
    return start.replace(year=target_year)


def completed_years(start: date, as_of: date, leap_rule: LeapDayRule = LeapDayRule.FEB_28) -> int:
    """Completed years from ``start`` counted up to and including ``as_of`` (0 if ``as_of`` < ``start``)."""
    if as_of < start:
        return 0
    years = as_of.year - start.year
    if add_years(start, years, leap_rule) > as_of:
        years -= 1
    return years


def completed_months(start: date, as_of: date) -> int:
    """Completed months from ``start`` counted up to and including ``as_of`` (0 if ``as_of`` < ``start``)."""
    if as_of < start:
        return 0
    months = (as_of.year - start.year) * 12 + as_of.month - start.month
    if add_months(start, months) > as_of:
        months -= 1
    return months


def has_full_years(start: date, as_of: date, years: int, leap_rule: LeapDayRule = LeapDayRule.FEB_28) -> bool:
    """ "满 N 年": the ``years``-th anniversary of ``start`` falls on or before ``as_of``."""
    return add_years(start, years, leap_rule) <= as_of


def age_on(birth_date: date, as_of: date, leap_rule: LeapDayRule = LeapDayRule.FEB_28) -> int:
    """Age in completed years (周岁) on ``as_of``."""
    return completed_years(birth_date, as_of, leap_rule)


def born_on_or_after(birth_date: date, threshold: date) -> bool:
    """ "``threshold`` 以后出生", the threshold day included."""
    return birth_date >= threshold


def clip_period(start: date, end: date | None, lower: date | None, upper: date) -> tuple[date, date] | None:
    """The part of [start, end] (``end`` None = ongoing) inside [lower, upper], or None if empty."""
    s = max(start, lower) if lower is not None else start
    e = upper if end is None else min(end, upper)
    return (s, e) if s <= e else None


def period_months(start: date, last_day: date) -> int:
    """Completed months of a period whose ``last_day`` is served (inclusive): 03-01 … 08-31 is 6."""
    if last_day < start:
        return 0
    return completed_months(start, last_day + ONE_DAY)


@dataclass(frozen=True)
class WorkCalendar:
    """Working days: Monday–Friday, minus ``holidays``, plus make-up ``workdays`` (调休上班)."""

    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        both = self.holidays & self.workdays
        if both:
            day = min(both).isoformat()
            raise SchemeError("workdays", f"{day} 不能既是节假日又是调休工作日")

    @classmethod
    def from_dict(cls, data: dict | None) -> WorkCalendar:
        """Build from ``{"holidays": ["2011-10-03", ...], "workdays": ["2011-10-08", ...]}``."""
        data = data or {}
        holidays = frozenset(parse_date(v, f"holidays[{i}]") for i, v in enumerate(data.get("holidays", [])))
        workdays = frozenset(parse_date(v, f"workdays[{i}]") for i, v in enumerate(data.get("workdays", [])))
        return cls(holidays=holidays, workdays=workdays)

    def to_dict(self) -> dict:
        return {
            "holidays": sorted(d.isoformat() for d in self.holidays),
            "workdays": sorted(d.isoformat() for d in self.workdays),
        }

    def is_working_day(self, day: date) -> bool:
        """True for a weekday that is not a holiday, or a configured make-up workday."""
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in [start, end], both ends included (0 when ``end`` < ``start``)."""
        count = 0
        day = start
        while day <= end:
            count += self.is_working_day(day)
            day += ONE_DAY
        return count

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th working day counting ``start`` itself as day 1 when it is a working day."""
        if days < 1:
            raise SchemeError("days", "工作日天数必须至少为 1")
        day = start
        counted = 0
        while True:
            if self.is_working_day(day):
                counted += 1
                if counted == days:
                    return day
            day += ONE_DAY


WEEKENDS_ONLY = WorkCalendar()
NOTICE_MIN_WORKING_DAYS = 5  # RP-08


def notice_end_date(
    start: date, working_days: int = NOTICE_MIN_WORKING_DAYS, cal: WorkCalendar = WEEKENDS_ONLY
) -> date:
    """RP-08: the last day of a public notice that starts on ``start`` and lasts ``working_days``."""
    return cal.add_working_days(start, working_days)


def notice_is_long_enough(
    start: date, end: date, minimum: int = NOTICE_MIN_WORKING_DAYS, cal: WorkCalendar = WEEKENDS_ONLY
) -> bool:
    """RP-08: a notice from ``start`` to ``end`` (inclusive) covers at least ``minimum`` working days."""
    return cal.working_days_between(start, end) >= minimum
