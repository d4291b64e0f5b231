"""Browser walk of blind marking and interview scoring on a tablet-sized screen (issue 6): a marker sees codes
only and submits a mark (confirm dialog, then locked); an examiner enters marks for their panel's candidate;
the organiser's exam page shows progress and the draw screen shows the commitment."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kaoping.marking import services
from kaoping.marking import services_interview as si
from kaoping.marking.models import Draw, Mark
from tests.browser.test_registry_flow import log_in
from tests.marking.conftest import NAMES, build_exam, build_interview

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 820, "height": 1180}


def test_marker_marks_by_code_on_a_tablet(page, screenshot, tree, hr_admin):
    setup = build_exam(hr_admin, tree, mode="2+1", n=3)
    services.exam_start_marking(actor=hr_admin, exam=setup.exam)
    page.on("dialog", lambda d: d.accept())
    page.set_viewport_size(TABLET)
    marker = setup.markers[0]
    log_in(page, marker.username)
    page.goto(reverse("marking:marker_home"))
    page.get_by_text(setup.exam.title).click()
    body = page.locator("main").inner_text()
    assert all(name not in body for name in NAMES)
    code = setup.candidates[0].blind_code
    row = page.locator(".list-group-item", has_text=code).filter(has_text="案例分析").first
    row.get_by_label("分数").fill("61")
    screenshot("marker-queue")
    row.get_by_role("button", name="提交").click()
    page.wait_for_selector("text=分数应在 0 至 60.00 之间")
    assert not Mark.objects.exists()
    row = page.locator(".list-group-item", has_text=code).filter(has_text="案例分析").first
    row.get_by_label("分数").fill("48.5")
    row.get_by_role("button", name="提交").click()
    page.wait_for_selector(f"text=密号 {code} 案例分析 已提交 48.5 分")
    assert Mark.objects.get().value == 48.5
    page.goto(reverse("marking:marker_exam", args=[setup.exam.pk]) + "?show=done")
    assert "48.50" in page.locator("main").inner_text()
    screenshot("marker-done")

    page.context.clear_cookies()
    log_in(page, hr_admin.username)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(reverse("marking:exam_detail", args=[setup.exam.pk]))
    assert "阅卷进度" in page.locator("main").inner_text()
    screenshot("organiser-exam")
    draw = Draw.objects.get(kind="exam_codes")
    page.goto(reverse("marking:draw_detail", args=[draw.pk]))
    assert draw.commitment in page.locator("main").inner_text()
    screenshot("code-draw-sealed")


def test_examiner_scores_on_a_tablet(page, screenshot, tree, hr_admin):
    setup = build_interview(hr_admin, tree, panels=1, per_panel=2)
    si.interview_start(actor=hr_admin, interview=setup.interview)
    page.on("dialog", lambda d: d.accept())
    page.set_viewport_size(TABLET)
    examiner = setup.members[0][2]
    log_in(page, examiner.username)
    page.goto(reverse("marking:examiner_home"))
    page.get_by_text("第1考官组").click()
    first = setup.candidates[0] if setup.candidates[0].order_no == 1 else setup.candidates[1]
    page.locator(".list-group-item", has_text=first.person.name).get_by_role("link", name="评分").click()
    page.get_by_label("个人陈述（40.00）").fill("35")
    page.get_by_label("竞岗答辩（60.00）").fill("52.5")
    screenshot("examiner-entry")
    page.get_by_role("button", name="提交评分").click()
    page.wait_for_selector("text=评分已提交。")
    assert "87.50" in page.locator(".list-group-item", has_text=first.person.name).inner_text()
    screenshot("examiner-panel")
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, hr_admin.username)
    page.goto(reverse("marking:interview_detail", args=[setup.interview.pk]))
    assert "第1考官组" in page.locator("main").inner_text()
    screenshot("organiser-interview")
    page.goto(reverse("marking:interview_results", args=[setup.interview.pk]))
    assert "1/6" in page.locator("main").inner_text()
    screenshot("organiser-interview-results")
