"""R003-05 through the attendance app: a pay run without an explicit forfeiture set asks
``kaoping.attendance.selectors.attendance_summary`` and pays 0 to whoever reached 15 days of unexcused
absence."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kaoping.assessment.models_pay import PayLine
from kaoping.assessment.services_flow import assessment_transition
from kaoping.assessment.services_pay import pay_run_create
from kaoping.attendance import services as attendance
from tests.assessment.conftest import to_approval
from tests.factories import make_person

D = Decimal


def test_r003_05_forfeiture_comes_from_attendance(targets, hr_admin, leader, tree):
    for a in (targets.office, targets.finance):
        to_approval(hr_admin, a)
        assessment_transition(actor=leader, assessment=a, action="approve")
    # January 2018 only: 22 workdays; nobody signs in except 勤勉.
    attendance.attendance_year_create(
        actor=hr_admin,
        unit=tree.root,
        year=2018,
        start_date=dt.date(2018, 1, 1),
        end_date=dt.date(2018, 1, 31),
    )
    absent = make_person(targets.office_unit, "旷工者")
    present = make_person(targets.office_unit, "勤勉")
    day = dt.date(2018, 1, 1)
    while day.month == 1:
        if day.weekday() < 5:
            attendance.signin_record(
                actor=hr_admin,
                person=present,
                day=day,
                morning_in=dt.time(8, 50),
                morning_out=dt.time(11, 30),
                afternoon_in=dt.time(14, 40),
                afternoon_out=dt.time(17, 30),
            )
        day += dt.timedelta(days=1)
    run = pay_run_create(actor=hr_admin, scheme=targets.scheme)
    lines = {line.person_id: line for line in PayLine.objects.filter(run=run)}
    assert lines[absent.pk].is_forfeited and lines[absent.pk].amount == D("0.00")
    assert not lines[present.pk].is_forfeited and lines[present.pk].amount == D("4000.00")
    assert absent.pk in run.forfeited
