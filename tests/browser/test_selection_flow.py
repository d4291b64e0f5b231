"""Browser walk of a 竞争上岗 campaign (issue 4, core): the organiser creates a campaign from the seed-000 preset,
adjusts the scheme, adds a position and opens registration; the liaison registers a person of the unit and
signs the unit opinion; the deadline passes; the organiser closes registration, runs the eligibility checks,
qualifies the registrant (base score with its derivation) and opens the qualified list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from kaoping.selection.models import Campaign, Registration
from tests.browser.test_registry_flow import log_in
from tests.selection.factories_campaign import eligible_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def confirm_next(page) -> None:
    page.once("dialog", lambda dialog: dialog.accept())


def test_campaign_registration_review_walk(page, screenshot, tree, hr_admin, liaison):
    person = eligible_person(tree.office, "周建国", since=dt.date(2005, 7, 1))

    # Organiser: a campaign from the preset.
    log_in(page, hr_admin.username)
    page.goto(reverse("selection:campaign_create"))
    page.locator("#id_title").fill("2011年竞争上岗（演练）")
    page.locator("#id_doc_number").fill("工组字[2011]369号")
    page.locator("#id_tenure_cutoff").fill("2011-09-30")
    page.locator("#id_registration_deadline").fill("2030-10-09T17:00")
    page.get_by_role("button", name="保存").click()
    page.wait_for_selector("#campaign-stages")
    campaign = Campaign.objects.get(title="2011年竞争上岗（演练）")
    assert "尚未设置竞争职位" in page.locator("#campaign-issues").inner_text()
    screenshot("campaign-created")

    # The scheme's key numbers: one registrant is enough for this rehearsal.
    page.get_by_role("link", name="计分方案").click()
    page.locator("#id_min_registrants").fill("1")
    page.get_by_role("button", name="保存主要参数").click()
    page.wait_for_selector("text=计分方案已保存")
    campaign.refresh_from_db()
    assert campaign.scheme["registration"]["min_registrants"] == 1

    # A position, then publish and open registration (each step confirmed).
    page.get_by_role("link", name="职位", exact=True).click()
    page.get_by_role("link", name="添加职位").click()
    page.locator("#id_title").fill("办公厅综合处处长")
    page.locator("#id_unit").select_option(label="\u3000办公厅")
    page.locator("#id_level").select_option("正处级")
    page.locator("#id_duties").fill("负责综合协调工作\n起草重要文稿")
    page.get_by_role("button", name="保存").click()
    page.wait_for_selector("text=职位已添加")
    for stage in ("已发布", "报名"):
        page.get_by_role("link", name="概况").click()
        confirm_next(page)
        page.get_by_role("button", name="进入下一阶段").click()
        page.wait_for_selector(f"text=已进入“{stage}”阶段")
    screenshot("registration-open")

    # Liaison: registers a person of the own unit and signs the unit opinion.
    page.context.clear_cookies()
    log_in(page, liaison.username)
    page.goto(reverse("selection:campaign_registrations", args=[campaign.pk]))
    page.get_by_role("link", name="登记报名").click()
    page.locator("#id_person").select_option(label="周建国（办公厅 处长）")
    page.locator("#id_position").select_option(label="办公厅综合处处长")
    page.get_by_role("button", name="登记").click()
    page.wait_for_selector("#sign-form")
    page.locator("#id_sign_signed_by").fill("办公厅主任")
    page.get_by_role("button", name="签署并报送组织部").click()
    page.wait_for_selector("text=报名已报送组织部")
    assert "已报送组织部" in page.locator("#registration-status").inner_text()
    screenshot("registered")

    # The deadline passes.
    Campaign.objects.filter(pk=campaign.pk).update(
        registration_deadline=timezone.now() - dt.timedelta(minutes=1)
    )

    # Organiser: close registration, check and qualify, see the base score and the qualified list.
    page.context.clear_cookies()
    log_in(page, hr_admin.username)
    page.goto(reverse("selection:campaign_detail", args=[campaign.pk]))
    confirm_next(page)
    page.get_by_role("button", name="进入下一阶段").click()
    page.wait_for_selector("text=已进入“资格审查”阶段")
    page.get_by_role("link", name="资格审查", exact=True).click()
    page.get_by_role("button", name="对全部待审人员检查资格条件").click()
    page.wait_for_selector("text=已完成 1 人的资格条件检查")
    page.get_by_role("link", name="周建国").click()
    rules = page.locator("#review-rules").inner_text()
    assert "R000-07" in rules and "R000-09" in rules
    page.locator("#id_dec_qualified").select_option("1")
    confirm_next(page)
    page.get_by_role("button", name="记录结论").click()
    page.wait_for_selector("text=资格审查结论已记录")
    base = page.locator("#base-score").inner_text()
    assert "79.00" in base and "职务分" in base
    screenshot("qualified-with-base-score")
    registration = Registration.objects.get(person=person)
    assert registration.status == Registration.Status.QUALIFIED

    page.goto(reverse("selection:qualified_list", args=[campaign.pk]))
    assert "周建国" in page.locator("#qualified-list").inner_text()
    screenshot("qualified-list")
