"""Attendance API: same permissions as the pages (R003-04, R003-05)."""

from __future__ import annotations

import datetime as dt

import pytest

from kaoping.attendance.models import LeaveRequest, SignIn

pytestmark = pytest.mark.django_db


def _post(client, path, data):
    return client.post(path, data, content_type="application/json")


def test_signin_create_and_list(world, hr_admin, client_for):
    client = client_for(hr_admin)
    body = {
        "person": world.office_person.pk,
        "day": "2018-03-05",
        "morning_in": "09:15:01",
        "morning_out": "11:30",
    }
    response = _post(client, "/api/attendance/signins", body)
    assert response.status_code == 200, response.content
    assert response.json()["morning_in"] == "09:15:01" and response.json()["source"] == "api"
    listed = client.get("/api/attendance/signins", {"person": world.office_person.pk}).json()
    assert listed["count"] == 1 and listed["items"][0]["person_name"] == "王办公"
    cleared = _post(
        client, "/api/attendance/signins", {"person": world.office_person.pk, "day": "2018-03-05"}
    )
    assert cleared.status_code == 204 and not SignIn.objects.exists()


def test_signin_refused_to_liaison_and_bad_person(world, hr_admin, liaison, client_for):
    body = {"person": world.office_person.pk, "day": "2018-03-05", "morning_in": "09:00"}
    assert _post(client_for(liaison), "/api/attendance/signins", body).status_code == 403
    response = _post(client_for(hr_admin), "/api/attendance/signins", {**body, "person": 999999})
    assert response.status_code == 422


def test_leave_flow_routed_by_duration(world, liaison, client_for):
    """R003-04: a liaison files a one-day leave for their own unit; only the 常务副主席 may approve it."""
    client = client_for(liaison)
    body = {
        "person": world.office_person.pk,
        "start_date": "2018-03-05",
        "end_date": "2018-03-05",
        "reason": "事假",
    }
    response = _post(client, "/api/attendance/leaves", body)
    assert response.status_code == 201, response.content
    leave = response.json()
    assert leave["approver_level"] == "常务副主席" and leave["days"] == "1.0"
    other = _post(client, "/api/attendance/leaves", {**body, "person": world.org_person.pk})
    assert other.status_code == 422  # not the liaison's unit
    path = f"/api/attendance/leaves/{leave['id']}/decision"
    assert _post(client, path, {"approve": True}).status_code == 403  # liaison cannot approve
    assert _post(client_for(world.supervisor), path, {"approve": True}).status_code == 422
    decided = _post(client_for(world.vice_chair), path, {"approve": True, "note": "同意"})
    assert decided.status_code == 200 and decided.json()["status"] == "approved"
    again = _post(client_for(world.vice_chair), path, {"approve": False})
    assert again.status_code == 422
    assert LeaveRequest.objects.get().status == LeaveRequest.Status.APPROVED


def test_summary_read_is_scoped(world, hr_admin, liaison, client_for):
    from kaoping.attendance import services

    services.attendance_year_update(
        actor=hr_admin,
        attendance_year=world.year,
        start_date=dt.date(2018, 3, 5),
        end_date=dt.date(2018, 3, 5),
    )
    body = client_for(hr_admin).get("/api/attendance/summaries/2018").json()
    assert {i["person_name"] for i in body["items"]} == {"王办公", "李组织"}
    item = body["items"][0]
    assert (
        item["unexcused_half_days"] == 2
        and item["allowance"] == "1960.00"
        and not item["forfeits_target_bonus"]
    )
    assert "R003-05" not in item["allowance_formula"] and "2000" in item["allowance_formula"]
    scoped = client_for(liaison).get("/api/attendance/summaries/2018").json()
    assert [i["person_name"] for i in scoped["items"]] == ["王办公"]
