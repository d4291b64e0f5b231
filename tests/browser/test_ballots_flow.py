"""Phone-sized walk of a voter (issue 5): scan URL with the code in the fragment → ballot → confirmation →
done; going back and submitting again is refused, and exactly one ballot exists."""

from __future__ import annotations

import re

import pytest

from kaoping.ballots.models import Ballot, Credential
from tests.ballots.conftest import issue, make_round
from tests.browser.conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(chromium_browser, live_server):
    context = chromium_browser.new_context(
        base_url=live_server.url,
        locale="zh-CN",
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    requested: list[str] = []
    page.on("request", lambda req: requested.append(req.url))
    page.requested = requested
    try:
        yield page
    finally:
        context.close()
    assert not errors, errors


def test_voter_scans_votes_confirms_and_cannot_vote_twice(phone, live_server):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    rnd = make_round(subjects=("张三", "李四", "王五"))
    code = issue(rnd, {"B": 1})["B"][0]
    phone.goto(f"/ballots/v/#{code.replace('-', '')}")
    phone.wait_for_selector("text=投票组：其他人员")
    assert "#" not in phone.url  # the fragment was removed from the address bar
    assert not any(code.replace("-", "") in url for url in phone.requested)
    phone.screenshot(path=str(SCREENSHOTS / "ballots-phone-01-ballot.png"), full_page=True)

    # Submitting with one subject missing: Chinese error, nothing stored.
    phone.locator("label", has_text=re.compile("^胜任$")).first.click()
    phone.get_by_role("button", name="下一步：核对").click()
    phone.wait_for_selector("#vote-error")
    assert "请对“李四”作出选择" in phone.content()
    assert not Ballot.objects.exists()

    for fieldset, option in zip(phone.locator("fieldset").all(), ["胜任", "基本胜任", "不胜任"], strict=True):
        fieldset.locator("label", has_text=re.compile(f"^{option}$")).click()
    phone.get_by_role("button", name="下一步：核对").click()
    phone.wait_for_selector("text=请核对您的选择")
    phone.screenshot(path=str(SCREENSHOTS / "ballots-phone-02-confirm.png"), full_page=True)
    fields = phone.evaluate(
        "() => Object.fromEntries(new FormData(document.getElementById('cast-form')).entries())"
    )
    phone.get_by_role("button", name="确认提交").click()
    phone.wait_for_selector("#vote-done")
    phone.screenshot(path=str(SCREENSHOTS / "ballots-phone-03-done.png"), full_page=True)
    assert Ballot.objects.filter(round=rnd).count() == 1

    # The same confirmation form posted again (back + resubmit, double click): refused.
    again = phone.request.post("/ballots/v/", form=fields)
    assert again.status == 410 and "已经使用过" in again.text()
    # Scanning the slip again: refused.
    phone.goto(f"/ballots/v/#{code.replace('-', '')}")
    phone.wait_for_selector("#vote-error")
    assert "已经使用过" in phone.content()
    assert Ballot.objects.filter(round=rnd).count() == 1
    assert Credential.objects.get(round=rnd).is_used


def test_organiser_follows_progress_closes_and_reads_results(page, screenshot, hr_admin):
    from django.urls import reverse

    from tests.ballots.conftest import vote_many
    from tests.browser.test_registry_flow import log_in

    rnd = make_round(eligible={"A": 5, "B": 5}, subjects=("张三", "李四"), min_group_size=5)
    codes = issue(rnd, {"A": 5, "B": 5})
    vote_many(rnd, codes["A"], [(5, {"张三": "胜任", "李四": "基本胜任"})])
    log_in(page, hr_admin.username)
    page.goto(reverse("ballots:round_detail", args=[rnd.pk]))
    progress = page.locator("#ballot-progress")
    assert "5" in progress.inner_text()
    vote_many(rnd, codes["B"], [(4, {"张三": "胜任", "李四": "不胜任"})])
    # htmx polls the progress every 5 s: the new B ballots show up without a reload
    page.wait_for_function(
        "() => document.querySelector('#ballot-progress tbody tr:nth-child(2) td:last-child').textContent.trim() === '4'",
        timeout=15_000,
    )
    screenshot("round-progress")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="结束投票").click()
    page.wait_for_selector("text=投票已结束，结果已锁定")
    page.get_by_role("link", name="测评结果").click()
    page.wait_for_selector("#results-table")
    text = page.locator("#results-table").inner_text()
    # 张三: A 5×1×40/5 = 40.00, B 4×1×60/4 = 60.00 → 100.00; B returned 4 < 5: no group breakdown
    assert "100.00" in text and "其他人员" not in text
    assert "少于 5 票" in page.content()
    assert "×60/4" not in page.content()  # the formula would name B's counts
    screenshot("results")
