"""Browser walk of a department's assessment (issue 8, R003-03): the liaison enters self scores, uploads
evidence and the summary and submits; the office proposes and carries the sheet to the chair's meeting;
the leader approves (confirm dialog) and the result is locked. The scheme page shows the seed-001 checker."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from kaoping.assessment import services
from kaoping.assessment.models import Stage
from tests.assessment.conftest import fill, targets  # noqa: F401  (fixture)
from tests.browser.test_registry_flow import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _log_out(page):
    page.context.clear_cookies()


def test_department_flow_in_the_browser(page, screenshot, targets, liaison, hr_admin, leader, tmp_path):  # noqa: F811
    a = targets.office
    log_in(page, liaison.username)
    page.goto(reverse("assessment:assessment_detail", args=[a.pk]))
    assert "财务部" not in page.content()
    for s in a.scores.all():
        page.get_by_label(f"{s.key} 得分", exact=True).fill(str(s.max_points))
    page.get_by_role("button", name="保存本栏得分").click()
    page.wait_for_load_state()
    assert "已保存 9 项得分" in page.content()
    evidence = tmp_path / "会议记录.txt"
    evidence.write_text("会议记录", encoding="utf-8")
    page.locator("#scores tbody tr").first.locator("input[type=file]").set_input_files(str(evidence))
    page.locator("#scores tbody tr").first.get_by_role("button", name="上传").click()
    page.wait_for_load_state()
    assert "会议记录.txt" in page.content()
    page.locator("#summary textarea").fill("全年完成各项目标。")
    page.get_by_role("button", name="保存总结").click()
    page.wait_for_load_state()
    assert "自评合计" in page.inner_text("#scores") and "100.00" in page.inner_text("#scores")
    screenshot("self-assessed")
    page.get_by_role("button", name="提交自评").click()
    page.wait_for_load_state()
    a.refresh_from_db()
    assert a.stage == Stage.OFFICE

    # The office proposes, adjusts and reviews (service calls stand in for the same forms).
    fill(hr_admin, a, Decimal("100"))
    _log_out(page)
    log_in(page, hr_admin.username)
    page.goto(reverse("assessment:assessment_detail", args=[a.pk]))
    for label in ("提出评分意见并反馈", "调整完毕，报领导小组", "审查完毕，报主席会审定"):
        page.get_by_role("button", name=label).click()
        page.wait_for_load_state()
    a.refresh_from_db()
    assert a.stage == Stage.APPROVAL

    _log_out(page)
    log_in(page, leader.username)
    page.goto(reverse("assessment:assessment_detail", args=[a.pk]))
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="审定").click()
    page.wait_for_load_state()
    assert "考核结果已审定并锁定" in page.content()
    screenshot("approved")
    a.refresh_from_db()
    assert a.stage == Stage.APPROVED and a.total == Decimal("100.00")


def test_scheme_page_shows_seed_001_warnings(page, screenshot, hr_admin, tree):
    scheme = services.scheme_create(actor=hr_admin, year=2011, preset_key="union_work.seed001")
    log_in(page, hr_admin.username)
    page.goto(reverse("assessment:scheme_detail", args=[scheme.pk]))
    checker = page.locator("#checker").inner_text()
    assert "考核内容分值合计 25，与权重 20 不一致" in checker
    assert "考核内容分值合计 28，与权重 30 不一致" in checker
    screenshot("checker")


def test_demo_results_and_payout(page, screenshot, hr_admin):
    """The demo's seed-003 results (ranking, chart) and a pay run with the leaders' lines (R003-06/07)."""
    from kaoping.assessment.demo import load_assessment_demo
    from kaoping.assessment.models import AssessmentScheme

    load_assessment_demo()
    scheme = AssessmentScheme.objects.get(year=2018)
    log_in(page, hr_admin.username)
    page.goto(reverse("assessment:results", args=[scheme.pk]))
    assert page.locator("#chart img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert "保障部" in page.inner_text("#ranking")
    screenshot("results")
    page.goto(reverse("assessment:pay", args=[scheme.pk]))
    page.get_by_role("button", name="核算奖金").click()
    page.wait_for_load_state()
    table = page.inner_text("#pay-lines")
    assert "吴建忠" in table and "主席考核得分" in table
    screenshot("payout")
