"""Demo data of the attendance app (seed 003): a year (2018) of sign-ins and leaves for the departments of
彭泽县总工会机关, with the seed's windows, approvers, allowance and deductions as the year's settings.

The assessment demo creates 彭泽县总工会 and its departments first; they are found by name at run time.
When they are missing, a small set of the same departments is created here. The mix: mostly on-time
signing, some late arrivals and early departures, approved / pending / rejected leaves, one person at
14.5 days of unexcused absence (allowance kept, 1420.00) and one at 16 days (allowance and target bonus
forfeited). Idempotent: nothing is loaded when the 2018 settings for the unit exist.
"""

from __future__ import annotations

import datetime as dt
import random

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

from kaoping.accounts.models import RoleAssignment, User
from kaoping.accounts.roles import Role
from kaoping.attendance import services
from kaoping.attendance.engine import calendar_of
from kaoping.attendance.models import AttendanceYear, LeaveRequest, SignIn
from kaoping.common.audit import audit_record
from kaoping.common.models import AuditEntry
from kaoping.org import choices as c
from kaoping.org import services as org_services
from kaoping.org.models import Person, Unit

YEAR = 2018
ROOT_NAME = "彭泽县总工会"
ROOT_CODE = "PZZGH-KQ"
DEPARTMENTS = ("办公室", "财务部", "组宣部", "女工部", "保障部", "职工服务中心")
SEED = 20180316
DEMO_PASSWORD = "kaoping-demo-2011"

# 2018 public holidays and make-up workdays (国务院办公厅 2017-11-30 and 2018-12-06 通知).
HOLIDAYS = (
    ["2018-01-01"]
    + [f"2018-02-{d:02d}" for d in range(15, 22)]
    + ["2018-04-05", "2018-04-06", "2018-04-07", "2018-04-29", "2018-04-30", "2018-05-01", "2018-06-18"]
    + ["2018-09-24"]
    + [f"2018-10-{d:02d}" for d in range(1, 8)]
    + ["2018-12-31"]  # 2019 New Year holiday: 12-30 … 01-01
)
WORKDAYS = ["2018-02-11", "2018-02-24", "2018-04-08", "2018-04-28", "2018-09-29", "2018-09-30", "2018-12-29"]

# Fallback staff, used only when a department has nobody in it.
STAFF = {
    "办公室": ("陈晓燕", "刘建华", "彭志强"),
    "财务部": ("周丽萍", "汪国庆"),
    "组宣部": ("黄文斌", "吕秀英", "曹明"),
    "女工部": ("徐慧敏", "江小红"),
    "保障部": ("余海涛", "朱永胜", "杨帆"),
    "职工服务中心": ("何春生", "方莉", "石磊"),
}
# (username, display name, approver level, supervised departments)
APPROVERS = (
    ("pz_wujianzhong", "吴建忠（主席）", "主席", ()),
    ("pz_hugenbao", "胡艮宝（常务副主席）", "常务副主席", ()),
    ("pz_fuzhuxi_a", "副主席甲", "分管领导", ("办公室", "财务部", "组宣部")),
    ("pz_fuzhuxi_b", "副主席乙", "分管领导", ("女工部", "保障部", "职工服务中心")),
)


def _root_and_departments() -> tuple[Unit, list[Unit]]:
    root = Unit.objects.filter(name=ROOT_NAME, is_active=True).order_by("depth", "pk").first()
    if root is None:
        root = org_services.unit_create(
            actor=None,
            parent=None,
            name=ROOT_NAME,
            code=ROOT_CODE,
            kind=c.UnitKind.ORGANIZATION,
            category=c.UnitCategory.CIVIL_SERVICE_LIKE,
        )
    departments = []
    for i, name in enumerate(DEPARTMENTS, start=1):
        unit = Unit.objects.filter(path__startswith=root.path, name=name).exclude(pk=root.pk).first()
        if unit is None:
            unit = org_services.unit_create(
                actor=None,
                parent=root,
                name=name,
                code=f"{ROOT_CODE}-{i:02d}",
                kind=c.UnitKind.DEPARTMENT,
                category=c.UnitCategory.CIVIL_SERVICE_LIKE,
            )
        departments.append(unit)
    return root, departments


def _staff(departments: list[Unit], rng: random.Random) -> list[Person]:
    people = []
    for unit in departments:
        existing = list(Person.objects.filter(unit=unit, is_active=True).order_by("name", "pk"))
        if not existing:
            for name in STAFF[unit.name]:
                existing.append(
                    org_services.person_create(
                        actor=None,
                        name=name,
                        unit=unit,
                        gender=rng.choice([c.Gender.MALE, c.Gender.FEMALE]),
                        birth_date=dt.date(rng.randint(1965, 1992), rng.randint(1, 12), rng.randint(1, 28)),
                        category=c.PersonCategory.CIVIL_SERVICE_LIKE,
                    )
                )
        people.extend(existing)
    return people


def _approver_user(username: str, display_name: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        password = get_random_string(16) if getattr(settings, "PRODUCTION", False) else DEMO_PASSWORD
        user = User.objects.create_user(username=username, password=password, display_name=display_name)
    if not user.roles.filter(role=Role.LEADER, unit__isnull=True).exists():
        RoleAssignment.objects.create(user=user, role=Role.LEADER, unit=None)
    return user


def _t(rng: random.Random, base: dt.time, spread_min: int) -> dt.time:
    minutes = base.hour * 60 + base.minute + rng.randint(0, spread_min)
    return dt.time(minutes // 60, minutes % 60, rng.randint(0, 59))


def _normal_day(rng: random.Random, late: bool, early: bool) -> tuple:
    morning_in = _t(rng, dt.time(9, 16), 40) if late else _t(rng, dt.time(8, 30), 44)
    morning_out = _t(rng, dt.time(11, 0), 30)
    afternoon_in = _t(rng, dt.time(14, 30), 29)
    afternoon_out = _t(rng, dt.time(16, 20), 39) if early else _t(rng, dt.time(17, 0), 40)
    return morning_in, morning_out, afternoon_in, afternoon_out


def load_attendance_demo() -> None:
    """Load the demo unless it is already there (idempotent)."""
    if AttendanceYear.objects.filter(year=YEAR, unit__name=ROOT_NAME).exists():
        return
    rng = random.Random(SEED)
    with transaction.atomic():
        root, departments = _root_and_departments()
        people = _staff(departments, rng)
        year = services.attendance_year_create(
            actor=None, unit=root, year=YEAR, calendar={"holidays": HOLIDAYS, "workdays": WORKDAYS}
        )
        by_name = {u.name: u for u in departments}
        approvers = {}
        for username, display, level, units in APPROVERS:
            user = _approver_user(username, display)
            services.approver_set(
                actor=None, attendance_year=year, level=level, user=user, units=[by_name[n] for n in units]
            )
            approvers.setdefault(level, []).append((user, {by_name[n].pk for n in units}))
        _load_year(year, people, approvers, rng)


def _approver_for(leave: LeaveRequest, approvers) -> User:
    for user, units in approvers[leave.approver_level]:
        if not units or leave.person.unit_id in units:
            return user
    raise AssertionError("no demo approver")  # pragma: no cover


def _load_year(year: AttendanceYear, people: list[Person], approvers, rng: random.Random) -> None:
    cal = calendar_of(year)
    days = [year.start_date + dt.timedelta(days=i) for i in range((year.end_date - year.start_date).days + 1)]
    workdays = [d for d in days if cal.is_working_day(d)]
    # Person 0: 16 unexcused days (forfeits); person 1: 14.5 days (keeps 1420.00); others: a few halves.
    absent: dict[int, set[tuple[dt.date, str]]] = {p.pk: set() for p in people}
    if people:
        for d in workdays[60:76]:
            absent[people[0].pk] |= {(d, "上午"), (d, "下午")}
    if len(people) > 1:
        for d in workdays[100:114]:
            absent[people[1].pk] |= {(d, "上午"), (d, "下午")}
        absent[people[1].pk].add((workdays[120], "下午"))
    for p in people[2:]:
        for _i in range(rng.randint(0, 3)):
            absent[p.pk].add((rng.choice(workdays), rng.choice(["上午", "下午"])))

    # Leaves: each person 1–3 approved leaves, some pending, one rejected (the day then counts as absent).
    leaves_by_person: dict[int, set[dt.date]] = {p.pk: set() for p in people}
    for index, person in enumerate(people):
        for n in range(rng.randint(1, 3)):
            start = rng.choice(workdays[5:-10])
            length = rng.choice([0, 0, 0, 1, 2])  # extra days
            end = workdays[workdays.index(start) + length]
            half = rng.choice(["上午", "下午", None]) if length == 0 else None
            taken = {d for d in days if start <= d <= end}
            if taken & leaves_by_person[person.pk] or any(d for d, _h in absent[person.pk] if d in taken):
                continue
            leave = services.leave_request_create(
                actor=None,
                person=person,
                start=start,
                end=end,
                start_half=half or "上午",
                end_half=half or "下午",
                reason=rng.choice(["事假：家中有事", "病假：就医", "事假：子女入学", "病假：感冒发烧"]),
            )
            leaves_by_person[person.pk] |= taken
            if index == 3 and n == 0:
                services.leave_request_decide(
                    actor=_approver_for(leave, approvers),
                    request=leave,
                    approve=False,
                    note="工作任务重，不予批准",
                )
            elif not (index % 5 == 4 and n == 0):  # one in five stays pending
                services.leave_request_decide(
                    actor=_approver_for(leave, approvers), request=leave, approve=True
                )
    # Official business (在外开会或公务): recorded by the office, excused without approval.
    for person in people[::2]:
        day = rng.choice(workdays[5:-10])
        if day in leaves_by_person[person.pk] or any(d == day for d, _h in absent[person.pk]):
            continue
        services.business_trip_record(
            actor=None, person=person, start=day, end=day, reason=rng.choice(["赴市总工会开会", "下基层调研"])
        )
        leaves_by_person[person.pk].add(day)
    # Pending and rejected leaves: the person stayed away anyway (unexcused until approved).
    excused = {p.pk: set() for p in people}
    for leave in LeaveRequest.objects.filter(attendance_year=year).order_by("pk"):
        excused[leave.person_id] |= set(leave.half_days())

    rows = []
    today = timezone.localdate()
    for person in people:
        for d in workdays:
            if d >= today:
                break
            halves = {
                h for h in ("上午", "下午") if (d, h) in excused[person.pk] or (d, h) in absent[person.pk]
            }
            if halves == {"上午", "下午"}:
                continue
            mi, mo, ai, ao = _normal_day(rng, late=rng.random() < 0.04, early=rng.random() < 0.02)
            if "上午" in halves:
                mi = mo = None
            if "下午" in halves:
                ai = ao = None
            rows.append(
                SignIn(
                    person=person,
                    day=d,
                    morning_in=mi,
                    morning_out=mo,
                    afternoon_in=ai,
                    afternoon_out=ao,
                    source=SignIn.Source.IMPORT,
                )
            )
    SignIn.objects.bulk_create(rows, batch_size=1000)
    audit_record(
        actor=None,
        action=AuditEntry.Action.IMPORT,
        object_type="attendance.signin",
        object_id="-",
        object_repr=f"{YEAR}年度签到表（演示数据）",
        changes={"rows": len(rows), "people": len(people)},
    )
