"""Browser walk of the 竞争上岗 results (issue 4, results): on the 2011 demo campaign, which stands after the
interview, the organiser opens the results overview, a position's ranking after the interview, expands one
candidate's derivation (R000-21: total = base×20% + evaluation×20% + exam×30% + interview×30%), and the
leader sees the same ranking read-only; the liaison sees no scores."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from kaoping.selection.demo import load_selection_demo
from kaoping.selection.models import StageResult
from tests.browser.test_registry_flow import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_results_overview_ranking_and_derivation(page, screenshot, hr_admin, leader):
    campaign = load_selection_demo()
    assert campaign is not None
    top = (
        StageResult.objects.filter(campaign=campaign, stage=StageResult.Stage.TOTAL, rank=1)
        .select_related("position", "registration__person")
        .order_by("position__order")
        .first()
    )
    assert top is not None and top.value is not None

    log_in(page, hr_admin.username)
    page.goto(reverse("selection:results", args=[campaign.pk]))
    overview = page.locator("#results-overview").inner_text()
    assert top.position.title in overview
    screenshot("overview")

    page.get_by_role("link", name=top.position.title, exact=True).click()
    page.get_by_role("link", name="面试", exact=True).click()
    table = page.locator("#results-table")
    row = table.locator("tr", has_text=top.registration.person.name).first
    total_text = f"{top.value.quantize(Decimal('0.01'))}"
    assert total_text in row.inner_text()
    row.get_by_role("button", name="计算过程").click()
    derivation = page.locator(f"#d-{top.registration_id}")
    derivation.get_by_text("R000-21").first.wait_for()
    text = derivation.inner_text()
    assert "加权" in text or "×" in text
    screenshot("ranking-with-derivation")

    # The leader reads the same table but has no compute button.
    page.context.clear_cookies()
    log_in(page, leader.username)
    page.goto(reverse("selection:results", args=[campaign.pk]))
    assert page.locator("#results-compute").count() == 0
    assert top.position.title in page.locator("#results-overview").inner_text()
