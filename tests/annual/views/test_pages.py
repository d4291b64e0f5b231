"""Every annual page: anonymous → login, no role → 404, the right role → 200 with its content; the LIAISON
(办公厅, unit-scoped) sees only the sub-items its unit scores and cannot open the round itself."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kaoping.annual import services_grading as gsvc
from kaoping.annual.models import Proposal, SubItemScore

ROUND_PAGES = [
    "round_detail",
    "setup",
    "counts",
    "cadre_inputs",
    "flags",
    "proposals",
    "notice",
    "results",
    "related",
]


@pytest.mark.parametrize("name", [*ROUND_PAGES, "sub_items"])
def test_anonymous_is_sent_to_login(client, scored_round, name):
    response = client.get(reverse(f"annual:{name}", args=[scored_round.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("name", [*ROUND_PAGES, "sub_items"])
def test_no_role_gets_404(client_for, no_role_user, scored_round, name):
    assert client_for(no_role_user).get(reverse(f"annual:{name}", args=[scored_round.pk])).status_code == 404


@pytest.mark.parametrize("name", [*ROUND_PAGES, "sub_items"])
def test_hr_admin_sees_every_page(client_for, hr_admin, scored_round, name):
    response = client_for(hr_admin).get(reverse(f"annual:{name}", args=[scored_round.pk]))
    assert response.status_code == 200
    assert scored_round.title in response.content.decode()


@pytest.mark.parametrize("name", ROUND_PAGES)
def test_liaison_cannot_open_a_round_of_the_root_unit(client_for, liaison, scored_round, name):
    assert client_for(liaison).get(reverse(f"annual:{name}", args=[scored_round.pk])).status_code == 404


def test_liaison_sees_only_the_sub_items_of_its_unit(client_for, liaison, scored_round):
    """ANNUAL_SUBITEM is unit-scoped: 办公厅 scores 目标管理考核 and 履行职责, not 组织建设考核."""
    client = client_for(liaison)
    listing = client.get(reverse("annual:index")).content.decode()
    assert scored_round.title in listing and "分项考核录入" in listing
    page = client.get(reverse("annual:sub_items", args=[scored_round.pk])).content.decode()
    assert "目标管理考核" in page and "履行职责" in page
    assert "组织建设考核" not in page


def test_liaison_saves_its_own_item_and_not_another_departments(client_for, liaison, scored_round):
    client = client_for(liaison)
    own = scored_round.sub_items.get(name="履行职责")
    other = scored_round.sub_items.get(name="组织建设考核", team_type__kind="affiliated")
    team = scored_round.teams.get(unit__name="研究院")
    response = client.post(reverse("annual:sub_item_save", args=[own.pk]), {f"score-{team.pk}": "29"})
    assert response.status_code == 302
    assert SubItemScore.objects.get(sub_item=own, team=team).score == 29
    response = client.post(reverse("annual:sub_item_save", args=[other.pk]), {f"score-{team.pk}": "1"})
    assert response.status_code == 404
    assert SubItemScore.objects.get(sub_item=other, team=team).score == 36


def test_score_above_the_items_points_is_refused_and_nothing_saved(client_for, hr_admin, scored_round):
    item = scored_round.sub_items.get(name="履行职责")
    team = scored_round.teams.get(unit__name="研究院")
    response = client_for(hr_admin).post(
        reverse("annual:sub_item_save", args=[item.pk]), {f"score-{team.pk}": "31"}, follow=True
    )
    assert "得分不能超过该项分值 30" in response.content.decode()
    assert SubItemScore.objects.get(sub_item=item, team=team).score == 27.5


def test_leader_decides_with_reason_on_the_proposals_page(client_for, hr_admin, leader, scored_round):
    gsvc.round_advance(actor=hr_admin, round=scored_round)
    p = Proposal.objects.filter(cadre__isnull=False).first()
    client = client_for(leader)
    page = client.get(reverse("annual:proposals", args=[scored_round.pk])).content.decode()
    assert "理由与计算过程" in page and "R002-04" in page
    response = client.post(
        reverse("annual:proposal_decide", args=[p.pk]), {"grade": "基本称职", "reason": ""}, follow=True
    )
    assert "须填写确定理由" in response.content.decode()
    client.post(
        reverse("annual:proposal_decide", args=[p.pk]), {"grade": "基本称职", "reason": "分管工作被通报"}
    )
    p.refresh_from_db()
    assert p.decided_grade == "基本称职"


def test_hr_admin_cannot_decide(client_for, hr_admin, scored_round):
    """ANNUAL_CONFIRM belongs to LEADER; the organiser cannot decide grades."""
    gsvc.round_advance(actor=hr_admin, round=scored_round)
    p = Proposal.objects.first()
    response = client_for(hr_admin).post(
        reverse("annual:proposal_decide", args=[p.pk]), {"grade": "优秀", "reason": "x"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["results_xlsx", "chart_svg_team", "chart_svg_cadre"])
def test_downloads(client_for, hr_admin, scored_round, name):
    gsvc.round_advance(actor=hr_admin, round=scored_round)
    if name.startswith("chart"):
        url = reverse("annual:chart_svg", args=[scored_round.pk, name.rsplit("_", 1)[1]])
    else:
        url = reverse(f"annual:{name}", args=[scored_round.pk])
    response = client_for(hr_admin).get(url)
    assert response.status_code == 200 and len(response.content) > 1000


def test_cadre_form_docx(client_for, hr_admin, scored_round):
    cadre = scored_round.cadres.first()
    response = client_for(hr_admin).get(reverse("annual:cadre_form_docx", args=[cadre.pk]))
    assert response.status_code == 200 and response.content[:2] == b"PK"
