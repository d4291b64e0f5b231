"""Screenshots of the organiser's input pages of an annual round (set-up, counts, cadre inputs, flags,
related assessments, a scheme), each rendering without JavaScript errors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.annual.conftest import scored_round  # noqa: F401
from tests.browser.test_registry_flow import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_organiser_pages_render(page, screenshot, scored_round, hr_admin):  # noqa: F811
    log_in(page, hr_admin.username)
    for name, marker in [
        ("round_detail", "考核规则"),
        ("setup", "分项考核项目"),
        ("counts", "抓基层党建工作民主测评"),
        ("cadre_inputs", "领导评价"),
        ("flags", "登记情形"),
        ("related", "试用期考核"),
    ]:
        page.goto(reverse(f"annual:{name}", args=[scored_round.pk]))
        assert marker in page.content()
        screenshot(name)
    page.goto(reverse("annual:round_scheme", args=[scored_round.pk, "cadre_grading"]))
    assert "R002-06" in page.locator("textarea").input_value()
    screenshot("scheme")
