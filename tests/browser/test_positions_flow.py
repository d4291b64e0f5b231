"""Browser walk of an establishment plan (issue 7): open the seed plan, add a post line inline (htmx), watch the
structure checker report the breach with its numbers, see 上报 refused, then delete the line and submit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kaoping.positions import services
from kaoping.positions.models import EstablishmentPlan
from tests.browser.test_registry_flow import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_plan_checker_follows_inline_edits(page, screenshot, tree, hr_admin):
    plan = services.plan_create_from_preset(
        actor=hr_admin,
        unit=tree.institute,
        preset_key="establishment.seed004",
        title="岗位设置方案",
        year=2012,
    )
    log_in(page, hr_admin.username)
    page.goto(reverse("positions:plan_detail", args=[plan.pk]))
    checker = page.locator("#plan-checker")
    assert "结构检查通过" in checker.inner_text()
    screenshot("plan-passes")

    # Add one more 科员 (管理 9级) through the inline row: totals and the 管理 quota break.
    page.get_by_role("link", name="新增岗位").click()
    row = page.locator("tr.kp-edit-row")
    row.get_by_label("部门").fill("常州市信息中心")
    row.get_by_label("岗位名称").fill("科员（新增）")
    row.get_by_label("岗位类别").select_option("管理")
    row.get_by_label("岗位等级").fill("9")
    row.get_by_label("岗位数").fill("1")
    row.get_by_role("button", name="保存").click()
    page.wait_for_selector("#plan-checker >> text=分布表岗位数量合计 32，与核准岗位总量 31 不一致")
    assert "管理岗位合计 19 个，与核准数 18 不一致" in checker.inner_text()
    chart = page.locator("#plan-chart img")
    chart_after_edit = chart.get_attribute("src")
    screenshot("plan-breached")

    # 上报 is refused with every problem listed (the browser's confirm dialog is accepted).
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="上报").click()
    page.wait_for_load_state()
    assert "分布表岗位数量合计 32" in page.content()
    plan.refresh_from_db()
    assert plan.status == EstablishmentPlan.Status.DRAFT

    # Delete the extra line (htmx, with its own confirmation) and submit.
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("tr", has_text="科员（新增）").get_by_role("button", name="删除").click()
    page.wait_for_selector("#plan-checker >> text=结构检查通过")
    assert chart.get_attribute("src") != chart_after_edit  # the chart follows the table
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="上报").click()
    page.wait_for_load_state()
    plan.refresh_from_db()
    assert plan.status == EstablishmentPlan.Status.SUBMITTED
    screenshot("plan-submitted")
