"""The annual API: same permissions as the pages (unit-scoped sub-item entry, decisions for ANNUAL_CONFIRM)."""

from __future__ import annotations

import pytest

from kaoping.annual import services_grading as gsvc
from kaoping.annual.models import SubItemScore
from tests.api.conftest import api_for  # noqa: F401


def test_rounds_and_subjects(api_for, hr_admin, scored_round):  # noqa: F811
    api = api_for(hr_admin)
    rounds = api.get("/api/annual/rounds").json()
    assert [r["title"] for r in rounds] == [scored_round.title]
    data = api.get(f"/api/annual/rounds/{scored_round.pk}/subjects").json()
    assert len(data["teams"]) == 2 and len(data["cadres"]) == 4


def test_liaison_sub_items_and_entry(api_for, liaison, scored_round):  # noqa: F811
    api = api_for(liaison)
    items = api.get(f"/api/annual/rounds/{scored_round.pk}/sub-items").json()
    assert sorted(i["name"] for i in items) == ["履行职责", "目标管理考核"]
    own = next(i for i in items if i["name"] == "履行职责")
    team_id = own["rows"][0]["team_id"]
    assert (
        api.post(f"/api/annual/sub-items/{own['id']}/scores", {"team_id": team_id, "score": "28"}).status_code
        == 200
    )
    assert SubItemScore.objects.get(sub_item_id=own["id"], team_id=team_id).score == 28
    other = scored_round.sub_items.get(name="组织建设考核", team_type__kind="affiliated")
    assert (
        api.post(f"/api/annual/sub-items/{other.pk}/scores", {"team_id": team_id, "score": "1"}).status_code
        == 404
    )
    assert api.get(f"/api/annual/rounds/{scored_round.pk}").status_code == 404
    too_high = api.post(f"/api/annual/sub-items/{own['id']}/scores", {"team_id": team_id, "score": "31"})
    assert too_high.status_code == 422 and "不能超过" in too_high.content.decode()


@pytest.mark.parametrize("role_user", ["leader", "hr_admin"])
def test_decide_needs_confirm_capability(client_for, request, scored_round, hr_admin, role_user):
    """Session auth (leaders hold no API tokens): only ANNUAL_CONFIRM may decide."""
    gsvc.round_advance(actor=hr_admin, round=scored_round)
    client = client_for(request.getfixturevalue(role_user))
    proposal = client.get(f"/api/annual/rounds/{scored_round.pk}/proposals").json()[0]
    response = client.post(
        f"/api/annual/proposals/{proposal['id']}/decide",
        {"grade": "一般", "reason": "研究决定"},
        content_type="application/json",
    )
    assert response.status_code == (200 if role_user == "leader" else 403)
    if role_user == "leader":
        assert response.json()["decided_grade"] == "一般"


def test_no_capability_is_403(client_for, marker, scored_round):
    assert client_for(marker).get("/api/annual/rounds").status_code == 403


def test_counts_entry(api_for, hr_admin, liaison, scored_round):  # noqa: F811
    from kaoping.annual.models import DemocraticTally

    team = scored_round.teams.get(unit__name="研究院")
    url = f"/api/annual/rounds/{scored_round.pk}/counts"
    ok = api_for(hr_admin).post(url, {"team_id": team.pk, "counts": {"好": 8, "较好": 2}})
    assert ok.status_code == 200
    assert DemocraticTally.objects.get(team=team, tally="main").counts == {
        "好": 8,
        "较好": 2,
        "一般": 0,
        "差": 0,
    }
    bad = api_for(hr_admin).post(url, {"team_id": team.pk, "counts": {"优": 8}})
    assert bad.status_code == 422 and "未知选项" in bad.content.decode()
    assert api_for(liaison).post(url, {"team_id": team.pk, "counts": {"好": 1}}).status_code == 403
