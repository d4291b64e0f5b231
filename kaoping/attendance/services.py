"""Writes of attendance: year settings, sign-in rows, leave requests and their decisions (R003-04).
Each validates, saves and audits in one transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap
from kaoping.attendance.engine import PRESET_KEY, calendar_of, leave_days, preset_scheme, scheme_of
from kaoping.attendance.models import ApproverSetting, AttendanceYear, Half, LeaveRequest, SignIn
from kaoping.attendance.selectors import may_decide, year_for_person
from kaoping.common.audit import audit_record, save_audited, snapshot
from kaoping.common.errors import DomainError, TransitionBlocked, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.common.validation import validate_model
from kaoping.org.models import Person, Unit
from kaoping.scoring.attendance import leave_approver

# ------------------------------------------------------------------------------------------------ years


@transaction.atomic
def attendance_year_create(
    *,
    actor,
    unit: Unit,
    year: int,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    scheme: dict | None = None,
    calendar: dict | None = None,
) -> AttendanceYear:
    """A year's settings for ``unit``'s subtree; the scheme starts as a copy of the seed-003 preset."""
    obj = AttendanceYear(
        unit=unit,
        year=year,
        start_date=start_date or dt.date(year, 1, 1),
        end_date=end_date or dt.date(year, 12, 31),
        scheme=scheme if scheme is not None else preset_scheme(),
        scheme_source="" if scheme is not None else PRESET_KEY,
        calendar=calendar or {"holidays": [], "workdays": []},
    )
    scheme_of(obj)
    calendar_of(obj)
    save_audited(obj, actor=actor, before=None, conflict_message=_("该单位本年度的考勤设置已存在。"))
    return obj


@transaction.atomic
def attendance_year_update(*, actor, attendance_year: AttendanceYear, **fields: Any) -> AttendanceYear:
    allowed = {"start_date", "end_date", "scheme", "calendar"}
    unknown = set(fields) - allowed
    if unknown:
        raise DomainError(_("不可修改的字段：%(f)s") % {"f": "、".join(sorted(unknown))}, code="bad_field")
    before = snapshot(attendance_year)
    for name, value in fields.items():
        setattr(attendance_year, name, value)
    try:
        scheme_of(attendance_year)
        calendar_of(attendance_year)
        save_audited(attendance_year, actor=actor, before=before)
    except DomainError:
        attendance_year.refresh_from_db()  # the caller keeps a valid object
        raise
    return attendance_year


@transaction.atomic
def approver_set(
    *, actor, attendance_year: AttendanceYear, level: str, user, units: list[Unit] | None = None
) -> ApproverSetting:
    """Name ``user`` approver at ``level`` (one of the scheme's approvers), optionally for some units only."""
    levels = [name for _limit, name in scheme_of(attendance_year).approvers]
    if level not in levels:
        raise DomainError(
            _("审批级别须为：%(levels)s") % {"levels": "、".join(levels)}, code="bad_level", field="level"
        )
    if not has_cap(user, Cap.LEAVE_APPROVE):
        raise DomainError(_("该用户没有审批请假的权限（须为领导角色）。"), code="not_leader", field="user")
    outside = [u.name for u in units or [] if not u.path.startswith(attendance_year.unit.path)]
    if outside:
        raise DomainError(
            _("分管部门须在本年度考勤设置的适用单位之内：%(u)s") % {"u": "、".join(outside)},
            code="unit_outside",
            field="units",
        )
    setting = ApproverSetting.objects.filter(attendance_year=attendance_year, level=level, user=user).first()
    before = snapshot(setting) if setting else None
    setting = setting or ApproverSetting(attendance_year=attendance_year, level=level, user=user)
    save_audited(setting, actor=actor, before=before)
    setting.units.set(units or [])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=setting,
        changes={"units": [u.name for u in units or []]},
        note=_("设置分管部门"),
    )
    return setting


@transaction.atomic
def approver_remove(*, actor, setting: ApproverSetting) -> None:
    audit_record(actor=actor, action=AuditEntry.Action.DELETE, obj=setting, changes=snapshot(setting))
    setting.delete()


# ---------------------------------------------------------------------------------------------- sign-in


SIGN_FIELDS = ("morning_in", "morning_out", "afternoon_in", "afternoon_out")


def _signin_plain(obj: SignIn) -> dict[str, str]:
    """The audited view of a sign-in row (times as HH:MM:SS, empty when not signed)."""
    out = {"person": str(obj.person), "day": obj.day.isoformat(), "source": obj.source}
    for name in SIGN_FIELDS:
        value = getattr(obj, name)
        out[name] = value.isoformat() if value else ""
    return out


def _year_or_error(person: Person, day: dt.date) -> AttendanceYear:
    ay = year_for_person(person, day.year)
    if ay is None:
        raise DomainError(
            _("%(name)s所在单位未设置%(year)s年度考勤。") % {"name": person.name, "year": day.year},
            code="no_attendance_year",
        )
    if not ay.start_date <= day <= ay.end_date:
        raise DomainError(
            _("%(day)s不在考勤期间（%(start)s至%(end)s）内。")
            % {"day": day.isoformat(), "start": ay.start_date.isoformat(), "end": ay.end_date.isoformat()},
            code="outside_period",
            field="day",
        )
    return ay


def signin_save(
    *,
    actor,
    person: Person,
    day: dt.date,
    morning_in: dt.time | None = None,
    morning_out: dt.time | None = None,
    afternoon_in: dt.time | None = None,
    afternoon_out: dt.time | None = None,
    source: str = SignIn.Source.DIRECT,
    audit: bool = True,
) -> SignIn | None:
    """Create or replace a person's sign-in row of ``day`` (no transaction of its own: callers wrap).
    A row with all four times empty deletes the existing row (returns None)."""
    _year_or_error(person, day)
    # Lock the person: concurrent writes of the same person's day queue here, so "replace" stays a replace.
    Person.objects.select_for_update().filter(pk=person.pk).exists()
    existing = SignIn.objects.select_for_update().filter(person=person, day=day).first()
    times = {
        "morning_in": morning_in,
        "morning_out": morning_out,
        "afternoon_in": afternoon_in,
        "afternoon_out": afternoon_out,
    }
    if all(v is None for v in times.values()):
        if existing:
            if audit:
                audit_record(
                    actor=actor,
                    action=AuditEntry.Action.DELETE,
                    obj=existing,
                    changes=_signin_plain(existing),
                )
            existing.delete()
        return None
    before = _signin_plain(existing) if existing else None
    obj = existing or SignIn(person=person, day=day)
    for name, value in times.items():
        setattr(obj, name, value)
    obj.source = source
    validate_model(obj)
    obj.save()
    if audit:
        after = _signin_plain(obj)
        changes = after if before is None else {k: [before[k], v] for k, v in after.items() if before[k] != v}
        if changes:
            action = AuditEntry.Action.CREATE if before is None else AuditEntry.Action.UPDATE
            audit_record(actor=actor, action=action, obj=obj, changes=changes)
    return obj


@transaction.atomic
def signin_record(
    *,
    actor,
    person: Person,
    day: dt.date,
    morning_in: dt.time | None = None,
    morning_out: dt.time | None = None,
    afternoon_in: dt.time | None = None,
    afternoon_out: dt.time | None = None,
    source: str = SignIn.Source.DIRECT,
) -> SignIn | None:
    """Record (create or replace) one person's sign times on ``day``; all empty clears the day."""
    return signin_save(
        actor=actor,
        person=person,
        day=day,
        morning_in=morning_in,
        morning_out=morning_out,
        afternoon_in=afternoon_in,
        afternoon_out=afternoon_out,
        source=source,
    )


# ----------------------------------------------------------------------------------------------- leaves


@transaction.atomic
def leave_request_create(
    *,
    actor,
    person: Person,
    start: dt.date,
    end: dt.date,
    reason: str,
    start_half: str = Half.MORNING,
    end_half: str = Half.AFTERNOON,
) -> LeaveRequest:
    """A pending leave from ``start`` (``start_half``) to ``end`` (``end_half``); its length in working
    days decides the approver level (R003-04: 半天内 分管领导, 一天内 常务副主席, 一天以上 主席)."""
    ay = _year_or_error(person, start)
    # Lock the person: two overlapping requests filed at once cannot both pass the overlap check.
    Person.objects.select_for_update().filter(pk=person.pk).exists()
    leave = LeaveRequest(
        attendance_year=ay,
        person=person,
        start_date=start,
        start_half=start_half,
        end_date=end,
        end_half=end_half,
        reason=(reason or "").strip(),
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        days=0,
        approver_level="-",
    )
    validate_model(leave, exclude=["days", "approver_level"])
    if end > ay.end_date:
        raise DomainError(_("结束日期超出考勤期间。"), code="outside_period", field="end_date")
    days = leave_days(leave, calendar_of(ay))
    if days <= 0:
        raise DomainError(_("所选时间内没有工作日，无需请假。"), code="no_working_days", field="end_date")
    leave.days = days
    leave.approver_level = leave_approver(days, scheme_of(ay))
    overlap = LeaveRequest.objects.filter(
        person=person,
        status__in=[LeaveRequest.Status.PENDING, LeaveRequest.Status.APPROVED],
        start_date__lte=end,
        end_date__gte=start,
    )
    mine = set(leave.half_days())
    for other in overlap:
        if mine & set(other.half_days()):
            raise DomainError(
                _("与已提交的请假（%(other)s）时间重叠。") % {"other": other},
                code="overlap",
                field="start_date",
            )
    save_audited(leave, actor=actor, before=None)
    return leave


def leave_blocking_issues(*, actor, request: LeaveRequest) -> list[str]:
    issues = []
    if request.status != LeaveRequest.Status.PENDING:
        issues.append(_("该请假已审批（%(s)s），不能重复审批。") % {"s": request.get_status_display()})
    if not may_decide(actor, request):
        issues.append(_("您不是该请假的审批人（应由%(level)s审批）。") % {"level": request.approver_level})
    return issues


@transaction.atomic
def leave_request_decide(*, actor, request: LeaveRequest, approve: bool, note: str = "") -> LeaveRequest:
    """Approve or reject a pending leave; only an approver of the request's level and unit may."""
    request = LeaveRequest.objects.select_for_update().get(pk=request.pk)
    issues = leave_blocking_issues(actor=actor, request=request)
    if issues:
        raise TransitionBlocked(issues)
    before = snapshot(request)
    request.status = LeaveRequest.Status.APPROVED if approve else LeaveRequest.Status.REJECTED
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.decision_note = (note or "").strip()
    save_audited(request, actor=actor, before=before, note=_("批准请假") if approve else _("不批准请假"))
    return request


def signin_grid_save(*, actor, day: dt.date, entries: list[tuple[Person, dict[str, dt.time | None]]]) -> int:
    """Save a day's grid (one entry per person: the four times) in one transaction; every row is
    audited. Any bad row → ValidationFailed naming each person, nothing saved. Returns rows saved."""
    errors: dict[str, list[str]] = {}
    saved = 0
    with transaction.atomic():
        for person, times in entries:
            try:
                if signin_save(actor=actor, person=person, day=day, **times) is not None:
                    saved += 1
            except ValidationFailed as exc:
                errors[f"p{person.pk}"] = [
                    f"{person.name}：{m}" for msgs in exc.errors.values() for m in msgs
                ]
            except DomainError as exc:
                errors[f"p{person.pk}"] = [f"{person.name}：{exc.message}"]
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise ValidationFailed(errors)
    return saved


OFFICE_APPROVER = "办公室"
OFFICE_KINDS = {
    LeaveRequest.Kind.BUSINESS: gettext_lazy("公务外出已通报办公室"),
    LeaveRequest.Kind.EXEMPT: gettext_lazy("登记不计考勤期间"),
}


@transaction.atomic
def office_record(
    *,
    actor,
    person: Person,
    start: dt.date,
    end: dt.date,
    reason: str,
    kind: str = LeaveRequest.Kind.BUSINESS,
    start_half: str = Half.MORNING,
    end_half: str = Half.AFTERNOON,
) -> LeaveRequest:
    """An absence the office records without a leader's approval, excused at once: official business
    (seed 003 四.2: 在外开会或公务须向办公室通报) or a period outside this unit's attendance (before joining,
    after leaving, on secondment). The caller must manage attendance for the person (view / API check)."""
    if kind not in OFFICE_KINDS:
        raise DomainError(_("该类别须由领导审批。"), code="bad_kind", field="kind")
    leave = leave_request_create(
        actor=actor,
        person=person,
        start=start,
        end=end,
        reason=reason,
        start_half=start_half,
        end_half=end_half,
    )
    before = snapshot(leave)
    leave.kind = kind
    leave.approver_level = OFFICE_APPROVER
    leave.status = LeaveRequest.Status.APPROVED
    leave.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    leave.decided_at = timezone.now()
    save_audited(leave, actor=actor, before=before, note=str(OFFICE_KINDS[kind]))
    return leave


def business_trip_record(
    *, actor, person: Person, start: dt.date, end: dt.date, reason: str, **halves
) -> LeaveRequest:
    """Official business (公务外出), see :func:`office_record`."""
    return office_record(
        actor=actor,
        person=person,
        start=start,
        end=end,
        reason=reason,
        kind=LeaveRequest.Kind.BUSINESS,
        **halves,
    )
