"""The holiday calendar page (节假日与调休) that RP-08 notices count against: RBAC, add / edit / delete,
bulk paste, audit, and its effect on the working-day count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kaoping.common import services_calendar as svc
from kaoping.common.calendar import notice_end
from kaoping.common.errors import ValidationFailed
from kaoping.common.models import AuditEntry, CalendarDay

pytestmark = pytest.mark.django_db
URL = reverse("calendar_list")


def test_rbac(client, client_for, hr_admin, sysadmin, liaison, leader, no_role_user):
    assert client.get(URL).status_code == 302
    for user in (liaison, leader, no_role_user):
        assert client_for(user).get(URL).status_code == 404
    assert client_for(hr_admin).get(URL).status_code == 200
    assert client_for(sysadmin).get(URL).status_code == 200


def test_list_by_year(client_for, hr_admin):
    CalendarDay.objects.create(day=dt.date(2011, 10, 1), note="国庆节")
    CalendarDay.objects.create(day=dt.date(2012, 1, 23), note="春节")
    body = client_for(hr_admin).get(URL + "?year=2011").content.decode()
    assert "2011-10-01" in body and "国庆节" in body and "2012-01-23" not in body


def test_add_edit_delete_audited(client_for, hr_admin):
    client = client_for(hr_admin)
    client.post(
        URL, {"action": "save", "year": 2011, "day": "2011-10-03", "is_workday": "0", "note": "国庆节"}
    )
    day = CalendarDay.objects.get()
    assert (day.day, day.is_workday, day.note) == (dt.date(2011, 10, 3), False, "国庆节")
    client.post(
        URL,
        {
            "action": "save",
            "year": 2011,
            "pk": day.pk,
            "day": "2011-10-08",
            "is_workday": "1",
            "note": "调休",
        },
    )
    day.refresh_from_db()
    assert (day.day, day.is_workday) == (dt.date(2011, 10, 8), True)
    client.post(URL, {"action": "delete", "year": 2011, "pk": day.pk})
    assert not CalendarDay.objects.exists()
    actions = list(
        AuditEntry.objects.filter(object_type="common.calendarday").values_list("action", flat=True)
    )
    assert sorted(actions) == ["create", "delete", "update"]


def test_duplicate_day_refused_with_message(client_for, hr_admin):
    CalendarDay.objects.create(day=dt.date(2011, 10, 3))
    response = client_for(hr_admin).post(URL, {"action": "save", "day": "2011-10-03", "is_workday": "0"})
    assert response.status_code == 422
    assert "2011-10-03已登记" in response.content.decode()


def test_bulk_paste_national_day_2011_rp_08(client_for, hr_admin):
    client = client_for(hr_admin)
    text = "\n".join(f"2011-10-0{d} 国庆节" for d in range(1, 8))
    client.post(URL, {"action": "bulk", "dates": text, "is_workday": "0"})
    client.post(
        URL,
        {"action": "bulk", "dates": "2011/10/8\n2011年10月9日", "is_workday": "1", "note": "国庆调休上班"},
    )
    assert CalendarDay.objects.filter(is_workday=False).count() == 7
    assert (
        list(CalendarDay.objects.filter(is_workday=True).values_list("note", flat=True))
        == ["国庆调休上班"] * 2
    )
    # RP-08: 5 working days from Friday 2011-09-30 end on Tuesday 2011-10-11.
    assert notice_end(dt.date(2011, 9, 30), 5) == dt.date(2011, 10, 11)


def test_bulk_paste_bad_line_refuses_everything(client_for, hr_admin):
    response = client_for(hr_admin).post(
        URL, {"action": "bulk", "dates": "2011-10-01\n2011-13-01 错误\n\n2011-10-01", "is_workday": "0"}
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "第2行：无法识别的日期“2011-13-01”" in body and "第4行：日期2011-10-01重复" in body
    assert not CalendarDay.objects.exists()


def test_bulk_paste_updates_existing(hr_admin):
    CalendarDay.objects.create(day=dt.date(2011, 10, 8), is_workday=False)
    assert svc.calendar_bulk_save(actor=hr_admin, text="2011-10-08\n2011-10-09", is_workday=True) == (1, 1)
    assert CalendarDay.objects.filter(is_workday=True).count() == 2


def test_parse_rejects_empty():
    with pytest.raises(ValidationFailed):
        svc.parse_pasted("  \n ")


def test_list_query_count_pinned(client_for, hr_admin):
    for d in range(1, 8):
        CalendarDay.objects.create(day=dt.date(2011, 10, d))
    client = client_for(hr_admin)
    client.get(URL + "?year=2011")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL + "?year=2011").status_code == 200
    baseline = len(ctx)
    for d in range(1, 20):
        CalendarDay.objects.create(day=dt.date(2011, 11, d))
    with CaptureQueriesContext(connection) as ctx:
        client.get(URL + "?year=2011")
    assert len(ctx) == baseline <= 10


def test_redundant_entries_are_hinted(client_for, hr_admin):
    CalendarDay.objects.create(day=dt.date(2011, 10, 1), note="国庆节")  # a Saturday
    CalendarDay.objects.create(day=dt.date(2011, 10, 10), is_workday=True)  # a Monday
    body = client_for(hr_admin).get(URL + "?year=2011").content.decode()
    assert "（周末本就不计工作日）" in body and "（周一至周五本就是工作日）" in body
