"""The assessment demo and the attendance demo share 彭泽县总工会's departments: a pay run after both uses
the attendance year (R003-05) — the demo's person at 16 days of unexcused absence gets no target bonus."""

from __future__ import annotations

from decimal import Decimal

from kaoping.assessment.demo import load_assessment_demo
from kaoping.assessment.models import AssessmentScheme
from kaoping.assessment.models_pay import PayLine
from kaoping.assessment.services_pay import pay_run_create
from kaoping.attendance.demo import load_attendance_demo


def test_r003_05_demo_pay_run_applies_attendance(db, hr_admin):
    load_assessment_demo()
    load_attendance_demo()
    scheme = AssessmentScheme.objects.get(year=2018)
    run = pay_run_create(actor=hr_admin, scheme=scheme)
    lines = PayLine.objects.filter(run=run)
    assert lines.filter(basis="办公室").exists()
    forfeited = lines.filter(is_forfeited=True)
    assert forfeited.count() >= 1
    assert all(line.amount == Decimal("0.00") for line in forfeited)
    assert lines.filter(is_forfeited=False, amount__gt=0).count() > 4
    # the leadership team is outside the attendance year's units: linked by score, never forfeited
    assert not lines.filter(basis__in=["主席", "常务副主席", "副主席"], is_forfeited=True).exists()
