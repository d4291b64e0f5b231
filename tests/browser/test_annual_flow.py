"""Browser walk of an annual round (issue 9): the 办公厅 liaison enters its sub-item scores (and sees only its
items), the organiser closes the inputs and the system proposes grades with reasons and derivations, the
leader overrides one grade with a written reason."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kaoping.annual.models import AnnualRound, Proposal, SubItemScore
from tests.annual.conftest import scored_round  # noqa: F401
from tests.browser.test_registry_flow import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_annual_round_from_sub_items_to_decision(page, screenshot, scored_round, liaison, hr_admin, leader):  # noqa: F811
    # The liaison of 办公厅 scores 履行职责 / 目标管理考核 only.
    log_in(page, liaison.username)
    page.goto(reverse("annual:index"))
    page.get_by_role("link", name=scored_round.title).click()
    assert "组织建设考核" not in page.content()
    card = page.locator("form", has_text="履行职责")
    card.get_by_label("研究院领导班子").fill("29.5")
    card.get_by_role("button", name="保存本项得分").click()
    page.wait_for_selector("text=“履行职责”得分已保存")
    assert SubItemScore.objects.get(sub_item__name="履行职责").score == 29.5
    screenshot("liaison-sub-items")
    page.context.clear_cookies()

    # The organiser closes the inputs: proposals are computed.
    log_in(page, hr_admin.username)
    page.goto(reverse("annual:round_detail", args=[scored_round.pk]))
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="结束录入，计算建议等次").click()
    page.wait_for_selector("text=已进入“研究定等”阶段")
    scored_round.refresh_from_db()
    assert scored_round.stage == AnnualRound.Stage.GRADING
    page.goto(reverse("annual:proposals", args=[scored_round.pk]))
    row = page.locator("#team-proposals tr", has_text="研究院领导班子")
    row.get_by_text("理由与计算过程").click()
    assert "R002-01" in row.inner_text()
    screenshot("proposals")
    page.context.clear_cookies()

    # The leader overrides a deputy's grade with a reason.
    log_in(page, leader.username)
    page.goto(reverse("annual:proposals", args=[scored_round.pk]))
    deputy = scored_round.cadres.filter(role="deputy").first()
    proposal = Proposal.objects.get(cadre=deputy)
    row = page.locator(f"#p{proposal.pk}")
    row.get_by_label("确定等次").select_option("基本称职")
    row.get_by_role("button", name="确定").click()
    page.wait_for_selector("text=须填写确定理由")
    row = page.locator(f"#p{proposal.pk}")
    row.get_by_label("确定等次").select_option("基本称职")
    row.get_by_placeholder("与建议不同时须填写理由").fill("分管工作受到通报批评，研究确定")
    row.get_by_role("button", name="确定").click()
    page.wait_for_selector(f"#p{proposal.pk} >> text=分管工作受到通报批评")
    proposal.refresh_from_db()
    assert proposal.decided_grade == "基本称职" and proposal.is_overridden
    screenshot("decided")
    page.context.clear_cookies()

    # Accept the rest, publish the notice (RP-08, 5 working days), confirm after it ran, see the results.
    log_in(page, leader.username)
    page.goto(reverse("annual:proposals", args=[scored_round.pk]))
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="采纳全部系统建议").click()
    page.wait_for_selector("text=已采纳系统建议等次")
    page.context.clear_cookies()
    log_in(page, hr_admin.username)
    page.goto(reverse("annual:notice", args=[scored_round.pk]))
    page.get_by_label("公示开始日期").fill("2011-12-01")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="发布公示").click()
    page.wait_for_selector("#notice-period")
    assert "2011-12-01 至 2011-12-07（5 个工作日" in page.locator("#notice-period").inner_text()
    screenshot("notice")
    page.context.clear_cookies()
    log_in(page, leader.username)
    page.goto(reverse("annual:notice", args=[scored_round.pk]))
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="确定年度考核等次").click()
    page.wait_for_selector("text=已写入干部年度考核结果")
    assert page.locator("text=已写入").count() >= 4
    page.wait_for_load_state("networkidle")
    assert page.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
    screenshot("results")
