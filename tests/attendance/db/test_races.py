"""Races on PostgreSQL: a leave is decided once; a person's day has one sign-in row; overlapping leaves
filed at once are refused (R003-04)."""

from __future__ import annotations

import datetime as dt

import pytest

from kaoping.attendance import services
from kaoping.attendance.models import LeaveRequest, SignIn
from kaoping.common.errors import DomainError
from tests.db.test_concurrency import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_leave_is_decided_exactly_once(world, hr_admin):
    leave = services.leave_request_create(
        actor=hr_admin,
        person=world.office_person,
        start=dt.date(2018, 3, 5),
        end=dt.date(2018, 3, 5),
        reason="事假",
    )
    flips = iter([True, False, True, False])

    def work():
        return services.leave_request_decide(actor=world.vice_chair, request=leave, approve=next(flips))

    results, errors = race(work)
    assert len(results) == 1 and len(errors) == 3
    assert all(isinstance(e, DomainError) for e in errors)
    leave.refresh_from_db()
    assert leave.status == results[0].status


def test_one_signin_row_per_person_day(world, hr_admin):
    def work():
        return services.signin_record(
            actor=hr_admin, person=world.office_person, day=dt.date(2018, 3, 5), morning_in=dt.time(9)
        )

    results, errors = race(work)
    assert not errors and len(results) == 4
    assert SignIn.objects.filter(person=world.office_person).count() == 1


def test_overlapping_leaves_filed_at_once(world, hr_admin):
    def work():
        return services.leave_request_create(
            actor=hr_admin,
            person=world.office_person,
            start=dt.date(2018, 3, 5),
            end=dt.date(2018, 3, 6),
            reason="事假",
        )

    results, errors = race(work)
    assert len(results) == 1 and all(isinstance(e, DomainError) for e in errors)
    assert LeaveRequest.objects.count() == 1
