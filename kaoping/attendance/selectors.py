"""Reads of attendance: access helpers, the per-person year judgement and ``attendance_summary`` — the
public read other apps (assessment: target bonus forfeiture) call."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap, scoped
from kaoping.attendance.engine import (
    HALVES,
    calendar_of,
    covering_year,
    leave_working_halves,
    period_end,
    scheme_of,
)
from kaoping.attendance.models import ApproverSetting, AttendanceYear, LeaveRequest, SignIn
from kaoping.common.access import get_or_not_found, not_found
from kaoping.org.models import Person
from kaoping.scoring.attendance import DayJudgement, DayRecord, attendance_allowance, judge_day
from kaoping.scoring.trace import Derivation

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class PersonAttendance:
    """R003-05: a person's unexcused absence in a year and what it costs."""

    person_id: int
    unexcused_half_days: int
    unexcused_days: Decimal
    allowance: Derivation
    forfeits_target_bonus: bool


@dataclass(frozen=True)
class PersonYear:
    """The full judgement of one person's year (for the summary pages)."""

    person_id: int
    attendance_year: AttendanceYear
    judgements: tuple[DayJudgement, ...]
    summary: PersonAttendance
    days_judged: int
    leaves: tuple[LeaveRequest, ...] = field(default=())

    @property
    def late_count(self) -> int:
        return sum(len(j.late) for j in self.judgements)

    @property
    def early_count(self) -> int:
        return sum(len(j.early) for j in self.judgements)

    @property
    def excused_half_days(self) -> int:
        return sum(len(j.excused) for j in self.judgements)

    def irregular(self) -> list[DayJudgement]:
        """Days with anything late, early or absent (the derivation's detail lines)."""
        return [j for j in self.judgements if j.late or j.early or j.absent]


# ------------------------------------------------------------------------------------------------ access


def years_visible(user, cap: str = Cap.ATTENDANCE_VIEW) -> QuerySet[AttendanceYear]:
    return scoped(AttendanceYear.objects.select_related("unit"), user, cap, "unit__path")


def access_year(user, pk, cap: str = Cap.ATTENDANCE_MANAGE) -> AttendanceYear:
    return get_or_not_found(years_visible(user, cap), pk)


def people_visible(user, cap: str = Cap.ATTENDANCE_VIEW) -> QuerySet[Person]:
    return scoped(Person.objects.select_related("unit"), user, cap, "unit__path")


def access_person(user, pk, cap: str = Cap.ATTENDANCE_VIEW) -> Person:
    return get_or_not_found(people_visible(user, cap), pk)


def leaves_visible(user, cap: str = Cap.ATTENDANCE_VIEW) -> QuerySet[LeaveRequest]:
    qs = LeaveRequest.objects.select_related("person", "person__unit", "attendance_year", "decided_by")
    return scoped(qs, user, cap, "person__unit__path")


def approver_settings_of(user) -> list[ApproverSetting]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        ApproverSetting.objects.filter(user=user)
        .select_related("attendance_year__unit")
        .prefetch_related("units")
    )


def leaves_to_approve(user) -> QuerySet[LeaveRequest]:
    """Leave requests whose level and unit match one of ``user``'s approver settings (any status)."""
    if not has_cap(user, Cap.LEAVE_APPROVE):
        return LeaveRequest.objects.none()
    q = Q(pk__in=[])
    for setting in approver_settings_of(user):
        part = Q(attendance_year=setting.attendance_year, approver_level=setting.level)
        units = list(setting.units.all())
        if units:
            unit_q = Q(pk__in=[])
            for unit in units:
                unit_q |= Q(person__unit__path__startswith=unit.path)
            part &= unit_q
        q |= part
    return LeaveRequest.objects.select_related(
        "person", "person__unit", "attendance_year", "decided_by"
    ).filter(q)


def may_decide(user, leave: LeaveRequest) -> bool:
    return leaves_to_approve(user).filter(pk=leave.pk).exists()


def access_leave(user, pk) -> LeaveRequest:
    """A leave the user may see: in their attendance scope, submitted by them, or theirs to approve."""
    if not getattr(user, "is_authenticated", False):
        raise not_found()
    visible = Q(pk__in=leaves_visible(user).values("pk")) | Q(requested_by=user)
    visible |= Q(pk__in=leaves_to_approve(user).values("pk"))
    qs = LeaveRequest.objects.filter(visible).select_related(
        "person", "person__unit", "attendance_year", "decided_by", "requested_by"
    )
    return get_or_not_found(qs, pk)


# ----------------------------------------------------------------------------------------------- judging


def year_for_person(person: Person, year: int) -> AttendanceYear | None:
    years = AttendanceYear.objects.filter(year=year).select_related("unit")
    return covering_year(person.unit.path, years)


def person_years(
    *, year: int, person_ids: Iterable[int] | None = None, today: dt.date | None = None
) -> dict[int, PersonYear]:
    """Judge every person covered by an attendance year of ``year`` (or only ``person_ids``): each working
    day of the period (up to yesterday while the year runs) against the sign windows (R003-04), approved
    leave excusing its half-days, then the allowance (R003-05). Four queries whatever the head count."""
    today = today or timezone.localdate()
    years = list(AttendanceYear.objects.filter(year=year).select_related("unit"))
    if not years:
        return {}
    people_q = Q()
    for y in years:
        people_q |= Q(unit__path__startswith=y.unit.path)
    people = Person.objects.filter(people_q).select_related("unit")
    if person_ids is not None:
        people = people.filter(pk__in=list(person_ids))
    else:
        people = people.filter(is_active=True)
    people = list(people.only("id", "unit__path"))
    covered = {p.pk: covering_year(p.unit.path, years) for p in people}
    ids = list(covered)
    start = min(y.start_date for y in years)
    end = max(y.end_date for y in years)
    signs: dict[int, dict[dt.date, tuple]] = defaultdict(dict)
    for row in SignIn.objects.filter(person_id__in=ids, day__range=(start, end)).values_list(
        "person_id", "day", "morning_in", "morning_out", "afternoon_in", "afternoon_out"
    ):
        signs[row[0]][row[1]] = row[2:]
    leaves_by_person: dict[int, list[LeaveRequest]] = defaultdict(list)
    for leave in LeaveRequest.objects.filter(
        person_id__in=ids, attendance_year__in=years, status=LeaveRequest.Status.APPROVED
    ).order_by("start_date", "id"):
        leaves_by_person[leave.person_id].append(leave)

    prepared = {y.pk: (scheme_of(y), calendar_of(y), period_end(y, today)) for y in years}
    out = {}
    for pid, ay in covered.items():
        scheme, cal, last = prepared[ay.pk]
        excused: dict[dt.date, set[str]] = defaultdict(set)
        for leave in leaves_by_person[pid]:
            for d, h in leave_working_halves(leave, cal):
                excused[d].add(h)
        judgements = []
        day = ay.start_date
        while last is not None and day <= last:
            if cal.is_working_day(day):
                times = signs[pid].get(day, (None, None, None, None))
                record = DayRecord(day, *times, excused=frozenset(excused.get(day, ())))
                judgements.append(judge_day(record, scheme))
            day += ONE_DAY
        halves = sum(j.absent_half_days for j in judgements)
        result = attendance_allowance(halves, scheme)
        summary = PersonAttendance(
            person_id=pid,
            unexcused_half_days=halves,
            unexcused_days=Decimal(halves) / 2,
            allowance=result.allowance,
            forfeits_target_bonus=result.forfeits_target_bonus,
        )
        out[pid] = PersonYear(
            pid, ay, tuple(judgements), summary, len(judgements), tuple(leaves_by_person[pid])
        )
    return out


def attendance_summary(*, year: int, person_ids=None) -> dict[int, PersonAttendance]:
    """R003-05 for ``year``: by person id, their unexcused absence, the allowance (a Derivation) and whether
    the target bonus is forfeited. People not covered by any attendance year of ``year`` are absent from
    the result (no attendance is kept for them)."""
    return {pid: py.summary for pid, py in person_years(year=year, person_ids=person_ids).items()}


def signins_for(person_ids: Iterable[int], day: dt.date) -> dict[int, SignIn]:
    return {s.person_id: s for s in SignIn.objects.filter(person_id__in=list(person_ids), day=day)}


__all__ = ["HALVES", "PersonAttendance", "attendance_summary", "person_years"]


# ------------------------------------------------------------------------------------------------- lists


def years_available() -> list[int]:
    """Years that have attendance settings, newest first."""
    return list(AttendanceYear.objects.order_by("-year").values_list("year", flat=True).distinct())


def summary_people(user, *, year: int, q: str = "", unit=None) -> QuerySet[Person]:
    """People the user may see whose units are covered by an attendance year of ``year``."""
    paths = list(AttendanceYear.objects.filter(year=year).values_list("unit__path", flat=True))
    if not paths:
        return Person.objects.none()
    covered = Q(pk__in=[])
    for path in paths:
        covered |= Q(unit__path__startswith=path)
    qs = people_visible(user).filter(covered, is_active=True)
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(unit__name__contains=q))
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs.order_by("unit__path", "name", "id")


def day_judgements(people: list[Person], day: dt.date) -> dict[int, DayJudgement | None]:
    """R003-04 for one day (the sign-in grid's status column): each person's judgement, or None when the
    day is not judged (no attendance year, outside its period, or not a working day). Three queries."""
    years = list(AttendanceYear.objects.filter(year=day.year).select_related("unit"))
    signs = {s.person_id: s for s in SignIn.objects.filter(person__in=people, day=day)}
    leaves: dict[int, list[LeaveRequest]] = defaultdict(list)
    for leave in LeaveRequest.objects.filter(
        person__in=people, status=LeaveRequest.Status.APPROVED, start_date__lte=day, end_date__gte=day
    ):
        leaves[leave.person_id].append(leave)
    prepared = {y.pk: (scheme_of(y), calendar_of(y)) for y in years}
    out: dict[int, DayJudgement | None] = {}
    for person in people:
        ay = covering_year(person.unit.path, years)
        if (
            ay is None
            or not ay.start_date <= day <= ay.end_date
            or not prepared[ay.pk][1].is_working_day(day)
        ):
            out[person.pk] = None
            continue
        scheme, _cal = prepared[ay.pk]
        s = signs.get(person.pk)
        excused = frozenset(h for leave in leaves[person.pk] for d, h in leave.half_days() if d == day)
        times = (s.morning_in, s.morning_out, s.afternoon_in, s.afternoon_out) if s else (None,) * 4
        out[person.pk] = judge_day(DayRecord(day, *times, excused=excused), scheme)
    return out
