"""The attendance demo (seed 003): idempotent, a realistic mix, one person over the forfeiture line."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kaoping.attendance.demo import load_attendance_demo
from kaoping.attendance.models import AttendanceYear, LeaveRequest, SignIn
from kaoping.attendance.selectors import attendance_summary, person_years

pytestmark = pytest.mark.django_db


def test_demo_loads_once_with_a_realistic_mix():
    load_attendance_demo()
    counts = (AttendanceYear.objects.count(), SignIn.objects.count(), LeaveRequest.objects.count())
    load_attendance_demo()
    assert (AttendanceYear.objects.count(), SignIn.objects.count(), LeaveRequest.objects.count()) == counts
    assert counts[1] > 3000
    statuses = set(LeaveRequest.objects.values_list("status", flat=True))
    assert statuses == {"pending", "approved", "rejected"}
    assert LeaveRequest.objects.filter(kind="business").exists()
    levels = set(LeaveRequest.objects.values_list("approver_level", flat=True))
    assert {"分管领导", "常务副主席", "主席"} <= levels
    summary = attendance_summary(year=2018)
    assert len(summary) >= 12
    forfeited = [s for s in summary.values() if s.forfeits_target_bonus]
    assert len(forfeited) == 1 and forfeited[0].unexcused_days == Decimal("16")
    assert any(
        s.unexcused_days == Decimal("14.5") and s.allowance.value == Decimal("1420.00")
        for s in summary.values()
    )
    judged = person_years(year=2018)
    assert sum(j.late_count for j in judged.values()) > 50


def test_demo_uses_existing_departments_by_name():
    from tests.factories import make_person, make_unit

    root = make_unit("彭泽县总工会", code="PZ")
    office = make_unit("办公室", parent=root)
    make_person(office, "已有人员")
    load_attendance_demo()
    year = AttendanceYear.objects.get()
    assert year.unit == root
    assert "已有人员" in {p.name for p in office.people.all()}
    assert office.people.count() == 1  # existing staff kept, none added
