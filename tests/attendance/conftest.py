"""Fixtures of the attendance tests: a 2018 attendance year over the test tree, people and approvers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from kaoping.accounts.roles import Role
from kaoping.attendance import services
from tests.factories import make_person, make_user

YEAR = 2018


@dataclass
class AttendanceWorld:
    year: object
    office_person: object  # in 办公厅
    org_person: object  # in 组织部
    supervisor: object  # 分管领导 of 办公厅 only
    vice_chair: object  # 常务副主席
    chair: object  # 主席


@pytest.fixture
def world(tree, hr_admin):
    year = services.attendance_year_create(
        actor=hr_admin, unit=tree.root, year=YEAR, calendar={"holidays": ["2018-10-01"], "workdays": []}
    )
    supervisor = make_user("fenguan", Role.LEADER, display_name="分管领导甲")
    vice_chair = make_user("changwu", Role.LEADER, display_name="常务副主席")
    chair = make_user("zhuxi", Role.LEADER, display_name="主席")
    services.approver_set(
        actor=hr_admin, attendance_year=year, level="分管领导", user=supervisor, units=[tree.office]
    )
    services.approver_set(actor=hr_admin, attendance_year=year, level="常务副主席", user=vice_chair)
    services.approver_set(actor=hr_admin, attendance_year=year, level="主席", user=chair)
    return AttendanceWorld(
        year=year,
        office_person=make_person(tree.office, "王办公"),
        org_person=make_person(tree.org_dept, "李组织"),
        supervisor=supervisor,
        vice_chair=vice_chair,
        chair=chair,
    )


def full_day(hr_admin, person, day: dt.date) -> None:
    """Sign a whole day on time."""
    services.signin_record(
        actor=hr_admin,
        person=person,
        day=day,
        morning_in=dt.time(8, 50),
        morning_out=dt.time(11, 30),
        afternoon_in=dt.time(14, 40),
        afternoon_out=dt.time(17, 30),
    )
