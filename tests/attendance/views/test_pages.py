"""Attendance pages: RBAC per page, who sees which people, query counts pinned on the lists."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kaoping.attendance import services
from kaoping.attendance.models import LeaveRequest
from tests.attendance.conftest import full_day
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def _pages(world):
    leave = services.leave_request_create(
        actor=None,
        person=world.office_person,
        start=dt.date(2018, 3, 5),
        end=dt.date(2018, 3, 5),
        start_half="上午",
        end_half="上午",
        reason="看病",
    )
    return {
        "index": reverse("attendance:index"),
        "export": reverse("attendance:export") + "?year=2018",
        "person": reverse("attendance:person", args=[world.office_person.pk]) + "?year=2018",
        "years": reverse("attendance:year_list"),
        "year": reverse("attendance:year_detail", args=[world.year.pk]),
        "grid": reverse("attendance:signin_grid"),
        "import": reverse("attendance:signin_import"),
        "template": reverse("attendance:signin_template"),
        "leaves": reverse("attendance:leave_list"),
        "leave_new": reverse("attendance:leave_create"),
        "leave": reverse("attendance:leave_detail", args=[leave.pk]),
    }


def test_anonymous_is_sent_to_login(world, client):
    for url in _pages(world).values():
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response["Location"], url


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (
            "hr_admin",
            dict.fromkeys(
                [
                    "index",
                    "export",
                    "person",
                    "years",
                    "year",
                    "grid",
                    "import",
                    "template",
                    "leaves",
                    "leave_new",
                    "leave",
                ],
                200,
            ),
        ),
        (
            "liaison",
            {
                "index": 200,
                "export": 200,
                "person": 200,
                "years": 404,
                "year": 404,
                "grid": 404,
                "import": 404,
                "template": 404,
                "leaves": 200,
                "leave_new": 200,
                "leave": 200,
            },
        ),
        (
            "no_role_user",
            {
                "index": 404,
                "export": 404,
                "person": 404,
                "years": 404,
                "year": 404,
                "grid": 404,
                "import": 404,
                "template": 404,
                "leaves": 404,
                "leave_new": 404,
                "leave": 404,
            },
        ),
        ("marker", {"index": 404, "person": 404, "years": 404, "leaves": 404, "leave": 404}),
        (
            "leader",
            {
                "index": 200,
                "export": 200,
                "person": 200,
                "years": 404,
                "year": 404,
                "grid": 404,
                "import": 404,
                "template": 404,
                "leaves": 200,
                "leave_new": 200,
                "leave": 200,
            },
        ),
    ],
)
def test_rbac_per_page(world, client_for, request, who, expected):
    pages = _pages(world)
    client = client_for(request.getfixturevalue(who))
    for name, status in expected.items():
        assert client.get(pages[name]).status_code == status, name


def test_supervisor_sees_the_leave_to_approve_and_decides_it(world, client_for):
    pages = _pages(world)
    client = client_for(world.supervisor)
    response = client.get(pages["leaves"])
    assert response.status_code == 200 and "王办公" in response.content.decode()
    leave = LeaveRequest.objects.get()
    response = client.post(
        reverse("attendance:leave_decide", args=[leave.pk]), {"decision": "approve", "note": "同意"}
    )
    assert response.status_code == 302
    leave.refresh_from_db()
    assert leave.status == LeaveRequest.Status.APPROVED and leave.decided_by == world.supervisor


def test_chair_sees_but_cannot_decide_a_half_day_leave(world, client_for):
    """R003-04: a half-day leave is the 分管领导's; the chair (a leader who may view) gets no buttons and a
    forged POST changes nothing."""
    pages = _pages(world)
    client = client_for(world.chair)
    html = client.get(pages["leave"]).content.decode()
    assert "王办公" in html and 'value="approve"' not in html
    leave = LeaveRequest.objects.get()
    client.post(reverse("attendance:leave_decide", args=[leave.pk]), {"decision": "approve"})
    leave.refresh_from_db()
    assert leave.status == LeaveRequest.Status.PENDING


def test_liaison_sees_only_own_unit_people(world, client_for, liaison):
    pages = _pages(world)
    client = client_for(liaison)
    html = client.get(pages["index"] + "?year=2018").content.decode()
    assert "王办公" in html and "李组织" not in html
    assert client.get(reverse("attendance:person", args=[world.org_person.pk])).status_code == 404
    form = client.get(pages["leave_new"]).content.decode()
    assert "王办公" in form and "李组织" not in form


def test_person_page_shows_derivation(world, hr_admin, client_for):
    services.attendance_year_update(
        actor=hr_admin,
        attendance_year=world.year,
        start_date=dt.date(2018, 3, 5),
        end_date=dt.date(2018, 3, 6),
    )
    full_day(hr_admin, world.office_person, dt.date(2018, 3, 5))
    html = client_for(hr_admin).get(_pages(world)["person"]).content.decode()
    assert "R003-05" in html and "1960.00" in html and "2018-03-06" in html


def test_index_query_count_is_pinned(world, hr_admin, client_for, tree, django_assert_max_num_queries):
    client = client_for(hr_admin)
    url = reverse("attendance:index") + "?year=2018"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(25):
        make_person(tree.org_dept, f"人员{i}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(many) == len(few)
    assert len(many) <= 16


def test_leave_list_query_count_is_pinned(world, hr_admin, client_for, tree):
    client = client_for(hr_admin)
    url = reverse("attendance:leave_list") + "?tab=all"
    _pages(world)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(8):
        p = make_person(tree.org_dept, f"请假{i}")
        services.leave_request_create(
            actor=hr_admin, person=p, start=dt.date(2018, 4, 2), end=dt.date(2018, 4, 3), reason="事假"
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200 and "请假7" in response.content.decode()
    assert len(many) == len(few)


def test_year_settings_edit_is_audited_and_validated(world, hr_admin, client_for):
    client = client_for(hr_admin)
    url = reverse("attendance:year_detail", args=[world.year.pk])
    data = {
        "start_date": "2018-01-01",
        "end_date": "2018-12-31",
        "morning_in_by": "09:00:00",
        "morning_out_after": "11:00:00",
        "afternoon_in_by": "15:00:00",
        "afternoon_out_after": "17:00:00",
        "approvers": "0.5,分管领导\n1,常务副主席\n,主席",
        "allowance": "2400",
        "deduction_per_half_day": "25",
        "deduction_per_day": "50",
        "forfeit_days": "15",
        "holidays": "2018-10-01\n2018-10-02",
        "workdays": "2018-09-29",
    }
    assert client.post(url, data).status_code == 302
    world.year.refresh_from_db()
    assert world.year.scheme["morning_in_by"] == "09:00:00" and world.year.scheme["allowance"] == "2400"
    assert world.year.calendar["workdays"] == ["2018-09-29"]
    bad = client.post(url, {**data, "approvers": "1,主席\n0.5,分管领导"})
    assert bad.status_code == 200 and "审批权限须按天数递增" in bad.content.decode()
    bad = client.post(url, {**data, "holidays": "国庆"})
    assert "不是日期" in bad.content.decode()


def test_signin_grid_saves_all_or_nothing(world, hr_admin, client_for, tree):
    client = client_for(hr_admin)
    url = reverse("attendance:signin_grid")
    second = make_person(tree.office, "赵二")
    p1 = world.office_person
    data = {
        "unit": tree.office.pk,
        "day": "2018-03-05",
        f"t-{p1.pk}-morning_in": "09:15:01",
        f"t-{second.pk}-morning_in": "09:00",
        f"t-{second.pk}-morning_out": "08:00",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "赵二" in response.content.decode()
    assert not p1.sign_ins.exists()
    data[f"t-{second.pk}-morning_out"] = "11:30"
    assert client.post(url, data).status_code == 302
    assert p1.sign_ins.get().morning_in == dt.time(9, 15, 1)


def test_year_page_warns_about_levels_without_approver(world, hr_admin, client_for):
    from kaoping.attendance.models import ApproverSetting

    ApproverSetting.objects.filter(level="主席").delete()
    html = client_for(hr_admin).get(reverse("attendance:year_detail", args=[world.year.pk])).content.decode()
    assert "尚未设置审批人" in html and "主席" in html


def test_export_has_the_derivation(world, hr_admin, client_for):
    import io

    from openpyxl import load_workbook

    services.attendance_year_update(
        actor=hr_admin,
        attendance_year=world.year,
        start_date=dt.date(2018, 3, 5),
        end_date=dt.date(2018, 3, 5),
    )
    response = client_for(hr_admin).get(reverse("attendance:export") + "?year=2018&q=王")
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:2] == ("单位", "姓名") and len(rows) == 2
    assert rows[1][1] == "王办公" and rows[1][7] == 1960 and "2000 − 旷工 1 天 × 40" in rows[1][9]


def test_business_trip_only_for_managers(world, hr_admin, liaison, client_for):
    url = reverse("attendance:leave_create")
    data = {
        "kind": "business",
        "person": world.office_person.pk,
        "start_date": "2018-03-05",
        "start_half": "上午",
        "end_date": "2018-03-05",
        "end_half": "下午",
        "reason": "赴市总开会",
    }
    # A liaison has no 类别 field: the entry is an ordinary leave waiting for approval.
    assert client_for(liaison).post(url, data).status_code == 302
    assert LeaveRequest.objects.get().kind == LeaveRequest.Kind.LEAVE
    LeaveRequest.objects.all().delete()
    assert client_for(hr_admin).post(url, data).status_code == 302
    trip = LeaveRequest.objects.get()
    assert trip.kind == LeaveRequest.Kind.BUSINESS and trip.status == LeaveRequest.Status.APPROVED


def test_signin_grid_shows_the_day_judgement(world, hr_admin, client_for, tree):
    """R003-04 on the grid: 09:15:01 shows 迟到上午; nobody signed shows 旷工."""
    services.signin_record(
        actor=hr_admin,
        person=world.office_person,
        day=dt.date(2018, 3, 5),
        morning_in=dt.time(9, 15, 1),
        morning_out=dt.time(11),
        afternoon_in=dt.time(15),
        afternoon_out=dt.time(17),
    )
    make_person(tree.office, "赵二")
    client = client_for(hr_admin)
    html = client.get(
        reverse("attendance:signin_grid"), {"unit": tree.office.pk, "day": "2018-03-05"}
    ).content.decode()
    assert "迟到上午" in html and "旷工上午、下午" in html
    html = client.get(
        reverse("attendance:signin_grid"), {"unit": tree.office.pk, "day": "2018-03-04"}
    ).content.decode()
    assert "不判定" in html  # a Sunday


def test_signin_grid_query_count_is_pinned(world, hr_admin, client_for, tree):
    client = client_for(hr_admin)
    params = {"unit": tree.office.pk, "day": "2018-03-05"}
    url = reverse("attendance:signin_grid")
    client.get(url, params)
    with CaptureQueriesContext(connection) as few:
        client.get(url, params)
    for i in range(10):
        p = make_person(tree.office, f"签到{i}")
        full_day(hr_admin, p, dt.date(2018, 3, 5))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, params)
    assert response.status_code == 200 and "签到9" in response.content.decode()
    assert len(many) == len(few)
