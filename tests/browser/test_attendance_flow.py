"""Browser walk of attendance (issue 8, R003-04/05): the demo year's unit summary, a sign-in entered on the
day grid at 09:15:01 (late), a half-day leave filed by HR and approved by the 分管领导 of that department,
and the person's year with the allowance derivation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kaoping.accounts.models import User
from kaoping.attendance.demo import load_attendance_demo
from kaoping.attendance.models import LeaveRequest, SignIn
from kaoping.org.models import Person
from tests.browser.test_registry_flow import PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_attendance_walk(page, screenshot, hr_admin):
    load_attendance_demo()
    person = Person.objects.filter(unit__name="办公室").order_by("name").last()
    log_in(page, hr_admin.username)

    page.goto(reverse("attendance:index") + "?year=2018")
    assert "全额扣除" in page.content()  # the person over 15 days
    assert "1420.00" in page.content()  # the person at 14.5 days
    screenshot("summary")

    # Day grid: 2018-12-27 for 办公室, one person signs in at 09:15:01.
    page.goto(reverse("attendance:signin_grid"))
    page.get_by_label("部门").select_option(label="办公室")
    page.get_by_label("日期").fill("2018-12-27")
    page.get_by_role("button", name="打开").click()
    page.get_by_label(f"{person.name} morning_in").fill("09:15:01")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert SignIn.objects.get(person=person, day="2018-12-27").morning_in.isoformat() == "09:15:01"
    screenshot("grid")

    # A half-day leave → routed to the 分管领导 of 办公室.
    page.goto(reverse("attendance:leave_create"))
    page.get_by_label("请假人").select_option(label=f"{person.name}（办公室）")
    page.get_by_label("开始日期").fill("2018-12-28")
    page.get_by_label("开始时段").select_option("下午")
    page.get_by_label("结束日期").fill("2018-12-28")
    page.get_by_label("结束时段").select_option("下午")
    page.get_by_label("请假事由").fill("就医")
    page.get_by_role("button", name="提交").click()
    page.wait_for_load_state()
    assert "由分管领导审批" in page.content()
    leave = LeaveRequest.objects.get(person=person, reason="就医")
    screenshot("leave-filed")

    approver = User.objects.get(username="pz_fuzhuxi_a")
    approver.set_password(PASSWORD)
    approver.save()
    page.context.clear_cookies()
    log_in(page, approver.username)
    page.goto(reverse("attendance:leave_list"))
    page.get_by_role("link", name=person.name).first.click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="批准", exact=True).click()
    page.wait_for_load_state()
    leave.refresh_from_db()
    assert leave.status == LeaveRequest.Status.APPROVED
    screenshot("leave-approved")

    page.goto(reverse("attendance:person", args=[person.pk]) + "?year=2018")
    assert "R003-05" in page.content() and "2018-12-27" in page.content()
    screenshot("person")
