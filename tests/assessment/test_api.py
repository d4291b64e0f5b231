"""The assessment API: same permissions as the pages (R003-03 steps guarded, a department sees only its own)."""

from __future__ import annotations

import itertools

import pytest

from kaoping.accounts.services import api_token_create
from tests.api.conftest import ApiClient


@pytest.fixture
def api_for(db):
    seq = itertools.count(1)

    def make(user):
        _token, plaintext = api_token_create(user=user, name=f"测试{next(seq)}")
        return ApiClient(plaintext)

    return make


def put(api, path, data):
    return api.client.put(path, data, content_type="application/json", headers=api.headers)


def test_no_cap_is_403(client_for, marker, targets):
    assert client_for(marker).get("/api/assessment/schemes").status_code == 403


def test_liaison_self_scores_and_submits_via_api(api_for, liaison, targets):
    api = api_for(liaison)
    unit = api.get(f"/api/assessment/units/{targets.office.pk}").json()
    assert unit["stage"] == "self" and unit["actions"] == ["submit"]
    for s in unit["scores"]:
        r = put(api, f"/api/assessment/scores/{s['id']}", {"value": s["max_points"]})
        assert r.status_code == 200, r.content
    r = api.post(f"/api/assessment/units/{targets.office.pk}/transitions", {"action": "submit"})
    assert r.status_code == 422 and "尚未填写年度工作总结" in r.json()["detail"][0]["message"]
    assert (
        put(api, f"/api/assessment/units/{targets.office.pk}/summary", {"summary": "总结"}).status_code == 200
    )
    r = api.post(f"/api/assessment/units/{targets.office.pk}/transitions", {"action": "submit"})
    assert r.status_code == 200 and r.json()["stage"] == "office"


def test_liaison_cannot_reach_other_unit_or_ranking(api_for, liaison, targets):
    api = api_for(liaison)
    assert api.get(f"/api/assessment/units/{targets.finance.pk}").status_code == 404
    assert api.get(f"/api/assessment/schemes/{targets.scheme.pk}/results").status_code == 404
    detail = api.get(f"/api/assessment/schemes/{targets.scheme.pk}").json()
    assert [u["key"] for u in detail["units"]] == ["办公室"] and detail["warnings"] == []
    score = targets.finance.scores.first()
    assert put(api, f"/api/assessment/scores/{score.pk}", {"value": "1"}).status_code == 404


def test_skip_step_is_422_and_wrong_cap_is_403(api_for, hr_admin, targets):
    api = api_for(hr_admin)
    r = api.post(f"/api/assessment/units/{targets.office.pk}/transitions", {"action": "propose"})
    assert r.status_code == 422 and "当前环节为“自评”" in r.json()["detail"][0]["message"]
    r = api.post(f"/api/assessment/units/{targets.office.pk}/transitions", {"action": "approve"})
    assert r.status_code == 403


def test_manager_sees_seed_warnings(api_for, hr_admin, indicators):
    detail = api_for(hr_admin).get(f"/api/assessment/schemes/{indicators.scheme.pk}").json()
    assert any(w["rule"] == "R001-03" and "28" in w["message"] for w in detail["warnings"])
    ranking = api_for(hr_admin).get(f"/api/assessment/schemes/{indicators.scheme.pk}/results").json()
    assert len(ranking) == 2


def test_office_proposal_hidden_from_department_until_feedback(
    api_for, client_for, liaison, hr_admin, targets
):
    """R003-03: the proposal is fed back to the department in the feedback step."""
    from decimal import Decimal

    from django.urls import reverse

    from kaoping.assessment.services_flow import assessment_transition
    from tests.assessment.conftest import fill, self_assess

    self_assess(liaison, targets.office)
    fill(hr_admin, targets.office, Decimal("1"))
    unit = api_for(liaison).get(f"/api/assessment/units/{targets.office.pk}").json()
    assert {s["proposed_score"] for s in unit["scores"]} == {None}
    page = client_for(liaison).get(reverse("assessment:assessment_detail", args=[targets.office.pk]))
    assert "1.00" not in page.content.decode().split('id="scores"')[1].split("</table>")[0]
    assessment_transition(actor=hr_admin, assessment=targets.office, action="propose")
    unit = api_for(liaison).get(f"/api/assessment/units/{targets.office.pk}").json()
    assert {s["proposed_score"] for s in unit["scores"]} == {"1.00"}
