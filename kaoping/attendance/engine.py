"""Adapters between attendance rows and the rules engine (kaoping.scoring.attendance / dates)."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _

from kaoping.attendance.models import AttendanceYear, Half, LeaveRequest
from kaoping.common.errors import DomainError
from kaoping.scoring.attendance import AttendanceScheme
from kaoping.scoring.dates import WorkCalendar
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.presets import all_presets

PRESET_KEY = "targets.seed003"
HALF_DAY = Decimal("0.5")


def preset_scheme() -> dict:
    """The seed-003 preset's attendance settings (a copy the user edits)."""
    return copy.deepcopy(all_presets()[PRESET_KEY].data["attendance"])


def scheme_of(year: AttendanceYear) -> AttendanceScheme:
    try:
        return AttendanceScheme.from_dict(year.scheme)
    except (SchemeError, KeyError, TypeError) as exc:
        raise DomainError(_("考勤规则有误：%(e)s") % {"e": exc}, code="bad_scheme", field="scheme") from exc


def calendar_of(year: AttendanceYear) -> WorkCalendar:
    try:
        return WorkCalendar.from_dict(year.calendar)
    except SchemeError as exc:
        raise DomainError(
            _("节假日设置有误：%(e)s") % {"e": exc.message}, code="bad_calendar", field="calendar"
        ) from exc


def covering_year(unit_path: str, years: Iterable[AttendanceYear]) -> AttendanceYear | None:
    """The deepest year whose unit is the unit at ``unit_path`` or one of its ancestors."""
    best = None
    for year in years:
        if unit_path.startswith(year.unit.path) and (
            best is None or len(year.unit.path) > len(best.unit.path)
        ):
            best = year
    return best


def period_end(year: AttendanceYear, today: dt.date) -> dt.date | None:
    """The last day judged so far: the year's end date, or yesterday while the year is running (today is
    still being signed). None when nothing is due yet."""
    end = min(year.end_date, today - dt.timedelta(days=1))
    return end if end >= year.start_date else None


def leave_working_halves(leave: LeaveRequest, cal: WorkCalendar) -> list[tuple[dt.date, str]]:
    """The (day, half) pairs of a leave that fall on working days."""
    return [(d, h) for d, h in leave.half_days() if cal.is_working_day(d)]


def leave_days(leave: LeaveRequest, cal: WorkCalendar) -> Decimal:
    """Length of a leave in days, counting working half-days only."""
    return HALF_DAY * len(leave_working_halves(leave, cal))


HALVES = (str(Half.MORNING), str(Half.AFTERNOON))
