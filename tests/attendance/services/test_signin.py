"""Sign-in rows judged against the windows (R003-04)."""

from __future__ import annotations

import datetime as dt

import pytest

from kaoping.attendance import services
from kaoping.attendance.selectors import person_years
from kaoping.common.errors import ValidationFailed
from kaoping.common.models import AuditEntry

pytestmark = pytest.mark.django_db
DAY = dt.date(2018, 3, 5)

ON_TIME = {
    "morning_in": dt.time(9, 15, 0),
    "morning_out": dt.time(11, 0, 0),
    "afternoon_in": dt.time(15, 0, 0),
    "afternoon_out": dt.time(17, 0, 0),
}


def _judge(world, hr_admin, **times):
    services.attendance_year_update(actor=hr_admin, attendance_year=world.year, start_date=DAY, end_date=DAY)
    services.signin_record(actor=hr_admin, person=world.office_person, day=DAY, **{**ON_TIME, **times})
    return person_years(year=2018, person_ids=[world.office_person.pk])[world.office_person.pk].judgements[0]


def test_r003_04_exact_boundaries_are_on_time(world, hr_admin):
    """R003-04: 09:15:00 in, 11:00:00 out, 15:00:00 in, 17:00:00 out — all regular."""
    j = _judge(world, hr_admin)
    assert (j.late, j.early, j.absent) == ((), (), ())


@pytest.mark.parametrize(
    ("field", "value", "late", "early"),
    [
        ("morning_in", dt.time(9, 15, 1), ("上午",), ()),
        ("afternoon_in", dt.time(15, 0, 1), ("下午",), ()),
        ("morning_out", dt.time(10, 59, 59), (), ("上午",)),
        ("afternoon_out", dt.time(16, 59, 59), (), ("下午",)),
    ],
)
def test_r003_04_one_second_off_the_window(world, hr_admin, field, value, late, early):
    """R003-04: 09:15:01 is late; 15:00:01 late; 10:59:59 and 16:59:59 leave early."""
    j = _judge(world, hr_admin, **{field: value})
    assert (j.late, j.early, j.absent) == (late, early, ())


def test_r003_04_half_with_no_sign_is_absent(world, hr_admin):
    j = _judge(world, hr_admin, afternoon_in=None, afternoon_out=None)
    assert j.absent == ("下午",)


def test_signin_is_replaced_and_audited(world, hr_admin):
    first = services.signin_record(actor=hr_admin, person=world.office_person, day=DAY, morning_in=dt.time(9))
    second = services.signin_record(
        actor=hr_admin, person=world.office_person, day=DAY, morning_in=dt.time(10)
    )
    assert first.pk == second.pk and second.morning_in == dt.time(10)
    entries = AuditEntry.objects.filter(object_type="attendance.signin", object_id=str(first.pk))
    assert [e.action for e in entries.order_by("id")] == ["create", "update"]
    assert entries.order_by("id").last().changes["morning_in"] == ["09:00:00", "10:00:00"]


def test_signout_before_signin_is_refused(world, hr_admin):
    with pytest.raises(ValidationFailed):
        services.signin_record(
            actor=hr_admin, person=world.office_person, day=DAY, morning_in=dt.time(9), morning_out=dt.time(8)
        )
