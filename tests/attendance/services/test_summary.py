"""attendance_summary: unexcused absence, allowance deductions and forfeiture (R003-04, R003-05)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kaoping.attendance import services
from kaoping.attendance.selectors import attendance_summary, person_years
from kaoping.common.errors import DomainError
from tests.attendance.conftest import full_day

pytestmark = pytest.mark.django_db


def _limit(world, last: dt.date):
    services.attendance_year_update(actor=None, attendance_year=world.year, end_date=last)


def _sign_all_but(hr_admin, person, start: dt.date, end: dt.date, skip: dict[dt.date, str]) -> None:
    """Sign every weekday in [start, end] on time, except the halves named in ``skip`` (上午/下午/全天)."""
    day = start
    while day <= end:
        if day.weekday() < 5 and day != dt.date(2018, 10, 1):
            what = skip.get(day)
            if what is None:
                full_day(hr_admin, person, day)
            elif what == "上午":
                services.signin_record(
                    actor=hr_admin,
                    person=person,
                    day=day,
                    afternoon_in=dt.time(14, 0),
                    afternoon_out=dt.time(17, 0),
                )
            elif what == "下午":
                services.signin_record(
                    actor=hr_admin,
                    person=person,
                    day=day,
                    morning_in=dt.time(9, 0),
                    morning_out=dt.time(11, 0),
                )
        day += dt.timedelta(days=1)


def test_r003_05_deductions_to_the_cent(world, hr_admin):
    """R003-05: 2 whole days and 1 half-day unexcused → 2000 − 2×40 − 1×20 = 1900.00."""
    # 2018-03-05 (Mon) … 03-09 (Fri)
    _limit(world, dt.date(2018, 3, 9))
    services.attendance_year_update(actor=None, attendance_year=world.year, start_date=dt.date(2018, 3, 5))
    _sign_all_but(
        hr_admin,
        world.office_person,
        dt.date(2018, 3, 5),
        dt.date(2018, 3, 9),
        {dt.date(2018, 3, 6): "全天", dt.date(2018, 3, 7): "全天", dt.date(2018, 3, 8): "下午"},
    )
    result = attendance_summary(year=2018, person_ids=[world.office_person.pk])[world.office_person.pk]
    assert result.unexcused_half_days == 5
    assert result.unexcused_days == Decimal("2.5")
    assert result.allowance.value == Decimal("1900.00")
    assert result.forfeits_target_bonus is False
    assert "R003-05" == result.allowance.rule


def test_r003_05_forfeiture_at_14_5_vs_15_days(world, hr_admin):
    """R003-05: 14.5 unexcused days keep the allowance (2000 − 14×40 − 20 = 1420.00) and the target bonus;
    15 days forfeit both."""
    start = dt.date(2018, 1, 1)  # Monday
    services.attendance_year_update(actor=None, attendance_year=world.year, start_date=start)
    # Weekdays of January 2018: 23. Sign the last 8 weekdays fully, skip 14 days and a half.
    days = [start + dt.timedelta(days=i) for i in range(31)]
    weekdays = [d for d in days if d.weekday() < 5]
    _limit(world, dt.date(2018, 1, 31))
    skip = {d: "全天" for d in weekdays[:14]}
    skip[weekdays[14]] = "上午"
    _sign_all_but(hr_admin, world.office_person, start, dt.date(2018, 1, 31), skip)
    result = attendance_summary(year=2018, person_ids=[world.office_person.pk])[world.office_person.pk]
    assert result.unexcused_days == Decimal("14.5")
    assert result.allowance.value == Decimal("1420.00")
    assert result.forfeits_target_bonus is False

    services.signin_record(actor=hr_admin, person=world.office_person, day=weekdays[14])  # clears the day
    result = attendance_summary(year=2018, person_ids=[world.office_person.pk])[world.office_person.pk]
    assert result.unexcused_days == Decimal("15")
    assert result.allowance.value == Decimal("0.00")
    assert result.forfeits_target_bonus is True


def test_r003_04_approved_leave_excuses_only_when_approved(world, hr_admin):
    services.attendance_year_update(
        actor=None, attendance_year=world.year, start_date=dt.date(2018, 3, 5), end_date=dt.date(2018, 3, 6)
    )
    person = world.office_person
    leave = services.leave_request_create(
        actor=hr_admin, person=person, start=dt.date(2018, 3, 5), end=dt.date(2018, 3, 5), reason="事假"
    )
    assert attendance_summary(year=2018)[person.pk].unexcused_half_days == 4  # pending excuses nothing
    services.leave_request_decide(actor=world.vice_chair, request=leave, approve=True)
    assert attendance_summary(year=2018)[person.pk].unexcused_half_days == 2
    other = services.leave_request_create(
        actor=hr_admin, person=person, start=dt.date(2018, 3, 6), end=dt.date(2018, 3, 6), reason="事假"
    )
    services.leave_request_decide(actor=world.vice_chair, request=other, approve=False)
    assert attendance_summary(year=2018)[person.pk].unexcused_half_days == 2  # rejected leave = 旷工


def test_holidays_and_weekends_are_not_judged(world, hr_admin):
    services.attendance_year_update(
        actor=None, attendance_year=world.year, start_date=dt.date(2018, 9, 29), end_date=dt.date(2018, 10, 1)
    )  # Sat, Sun, holiday
    assert attendance_summary(year=2018)[world.org_person.pk].unexcused_half_days == 0


def test_running_year_judges_until_yesterday(world):
    judged = person_years(year=2018, person_ids=[world.org_person.pk], today=dt.date(2018, 1, 3))
    assert judged[world.org_person.pk].days_judged == 2  # 01-01 and 01-02 (Mon, Tue)


def test_people_outside_any_year_are_absent(world, tree):
    from tests.factories import make_person

    assert attendance_summary(year=2019) == {}
    assert world.office_person.pk in attendance_summary(year=2018)
    outsider_root = make_person(tree.institute, "所外").pk
    assert outsider_root in attendance_summary(year=2018)  # the root year covers the institute


def test_signin_without_year_is_refused(world, hr_admin):
    with pytest.raises(DomainError) as exc:
        services.signin_record(actor=hr_admin, person=world.office_person, day=dt.date(2019, 1, 2))
    assert exc.value.code == "no_attendance_year"
