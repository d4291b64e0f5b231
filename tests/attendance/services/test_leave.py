"""Leave requests: routing by duration and who may decide (R003-04)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kaoping.attendance import services
from kaoping.attendance.models import LeaveRequest
from kaoping.common.errors import DomainError, TransitionBlocked
from kaoping.common.models import AuditEntry

pytestmark = pytest.mark.django_db

MON = dt.date(2018, 3, 5)


def _leave(world, hr_admin, start, end, start_half="上午", end_half="下午", person=None):
    return services.leave_request_create(
        actor=hr_admin,
        person=person or world.office_person,
        start=start,
        end=end,
        start_half=start_half,
        end_half=end_half,
        reason="家中有事",
    )


@pytest.mark.parametrize(
    ("start", "start_half", "end", "end_half", "days", "approver"),
    [
        (MON, "上午", MON, "上午", "0.5", "分管领导"),  # exactly half a day
        (MON, "下午", MON, "下午", "0.5", "分管领导"),
        (MON, "下午", MON + dt.timedelta(days=1), "上午", "1.0", "常务副主席"),  # exactly one day
        (MON, "上午", MON, "下午", "1.0", "常务副主席"),
        (MON, "上午", MON + dt.timedelta(days=1), "上午", "1.5", "主席"),  # just over a day
        (dt.date(2018, 3, 9), "上午", dt.date(2018, 3, 12), "下午", "2.0", "主席"),  # Fri–Mon: weekend free
        (dt.date(2018, 3, 9), "下午", dt.date(2018, 3, 12), "上午", "1.0", "常务副主席"),
    ],
)
def test_r003_04_leave_routing_at_the_boundaries(
    world, hr_admin, start, start_half, end, end_half, days, approver
):
    """R003-04: ≤ half a day → 分管领导, ≤ one day → 常务副主席, longer → 主席 (working days only)."""
    leave = _leave(world, hr_admin, start, end, start_half, end_half)
    assert leave.days == Decimal(days)
    assert leave.approver_level == approver
    assert leave.status == LeaveRequest.Status.PENDING
    assert AuditEntry.objects.filter(object_type="attendance.leaverequest", object_id=str(leave.pk)).exists()


def test_r003_04_routing_follows_the_edited_scheme(world, hr_admin):
    scheme = dict(world.year.scheme)
    scheme["approvers"] = [
        {"max_days": "1", "approver": "分管领导"},
        {"max_days": None, "approver": "主席"},
    ]
    services.attendance_year_update(actor=hr_admin, attendance_year=world.year, scheme=scheme)
    assert _leave(world, hr_admin, MON, MON).approver_level == "分管领导"


def test_half_day_leave_is_decided_by_the_supervisor_of_the_unit_only(world, hr_admin, tree):
    mine = _leave(world, hr_admin, MON, MON, "上午", "上午")
    theirs = _leave(world, hr_admin, MON, MON, "上午", "上午", person=world.org_person)
    with pytest.raises(TransitionBlocked):  # the vice-chair is not the approver of a half day
        services.leave_request_decide(actor=world.vice_chair, request=mine, approve=True)
    with pytest.raises(TransitionBlocked):  # 组织部 is not supervised by this 分管领导
        services.leave_request_decide(actor=world.supervisor, request=theirs, approve=True)
    decided = services.leave_request_decide(actor=world.supervisor, request=mine, approve=True, note="同意")
    assert decided.status == LeaveRequest.Status.APPROVED
    assert decided.decided_by == world.supervisor and decided.decided_at is not None
    with pytest.raises(TransitionBlocked) as exc:
        services.leave_request_decide(actor=world.supervisor, request=mine, approve=False)
    assert "不能重复审批" in str(exc.value)


def test_hr_admin_cannot_approve(world, hr_admin):
    leave = _leave(world, hr_admin, MON, MON)
    with pytest.raises(TransitionBlocked):
        services.leave_request_decide(actor=hr_admin, request=leave, approve=True)


def test_bad_leaves_are_refused(world, hr_admin):
    with pytest.raises(DomainError):
        _leave(world, hr_admin, MON, MON - dt.timedelta(days=1))
    with pytest.raises(DomainError):
        _leave(world, hr_admin, MON, MON, "下午", "上午")
    with pytest.raises(DomainError) as exc:
        _leave(world, hr_admin, dt.date(2018, 3, 10), dt.date(2018, 3, 11))  # a weekend
    assert exc.value.code == "no_working_days"
    _leave(world, hr_admin, MON, MON)
    with pytest.raises(DomainError) as exc:
        _leave(world, hr_admin, MON, MON, "下午", "下午")
    assert exc.value.code == "overlap"
    with pytest.raises(DomainError):
        _leave(world, hr_admin, dt.date(2018, 12, 31), dt.date(2019, 1, 2))
    assert LeaveRequest.objects.count() == 1


def test_official_business_excuses_without_approval(world, hr_admin):
    """Seed 003 四.2: meetings and official business are notified to the office, not approved by a leader."""
    from kaoping.attendance.selectors import attendance_summary

    services.attendance_year_update(actor=hr_admin, attendance_year=world.year, start_date=MON, end_date=MON)
    trip = services.business_trip_record(
        actor=hr_admin, person=world.office_person, start=MON, end=MON, reason="赴市总开会"
    )
    assert trip.kind == LeaveRequest.Kind.BUSINESS and trip.status == LeaveRequest.Status.APPROVED
    assert trip.approver_level == "办公室" and trip.decided_by == hr_admin
    assert attendance_summary(year=2018)[world.office_person.pk].unexcused_half_days == 0
    assert attendance_summary(year=2018)[world.org_person.pk].unexcused_half_days == 2


def test_approver_units_must_lie_in_the_year(world, hr_admin, tree):
    from tests.factories import make_unit

    other_root = make_unit("另一单位")
    with pytest.raises(DomainError) as exc:
        services.approver_set(
            actor=hr_admin, attendance_year=world.year, level="分管领导", user=world.chair, units=[other_root]
        )
    assert exc.value.code == "unit_outside"
    with pytest.raises(DomainError) as exc:
        services.approver_set(actor=hr_admin, attendance_year=world.year, level="处长", user=world.chair)
    assert exc.value.code == "bad_level"
    with pytest.raises(DomainError) as exc:
        services.approver_set(actor=hr_admin, attendance_year=world.year, level="主席", user=hr_admin)
    assert exc.value.code == "not_leader"


def test_exempt_period_for_a_new_hire(world, hr_admin):
    """A person who joined on 2018-03-06 is not absent on 03-05: the office records the period as 不计考勤."""
    from kaoping.attendance.selectors import attendance_summary

    services.attendance_year_update(
        actor=hr_admin, attendance_year=world.year, start_date=MON, end_date=MON + dt.timedelta(days=1)
    )
    services.office_record(
        actor=hr_admin, person=world.org_person, start=MON, end=MON, reason="2018-03-06入职", kind="exempt"
    )
    assert attendance_summary(year=2018)[world.org_person.pk].unexcused_half_days == 2  # only 03-06
    with pytest.raises(DomainError):
        services.office_record(
            actor=hr_admin, person=world.org_person, start=MON, end=MON, reason="x", kind="leave"
        )
