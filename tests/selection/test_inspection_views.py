"""The 考察 tab: who sees which team (R000-23), forms post through the services."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kaoping.selection.models import InspectionReport, InspectionTalk
from tests.factories import make_person, make_unit
from tests.selection.factories_decision import inspection_setup, make_inspector, make_team
from tests.selection.test_inspection_services import REPORT

pytestmark = pytest.mark.django_db


def _page(s):
    return reverse("selection:inspection", args=[s.campaign.pk])


def test_anonymous_redirected_to_login(client, tree):
    s = inspection_setup(tree)
    response = client.get(_page(s))
    assert response.status_code == 302 and "login" in response["Location"]


def test_organiser_and_leader_see_all_teams(client_for, tree, hr_admin, leader):
    s = inspection_setup(tree)
    make_team(s.campaign, tree.org_dept, "第二考察组")
    for user in (hr_admin, leader):
        body = client_for(user).get(_page(s)).content.decode()
        assert "第一考察组" in body and "第二考察组" in body and "张明" in body


def test_liaison_and_no_role_get_404(client_for, tree, liaison, no_role_user):
    s = inspection_setup(tree)
    assert client_for(liaison).get(_page(s)).status_code == 404
    assert client_for(no_role_user).get(_page(s)).status_code == 404


def test_inspector_sees_only_own_team_r000_23(client_for, tree):
    s = inspection_setup(tree)
    other_team, _other_members = make_team(s.campaign, tree.org_dept, "第二考察组")
    user = make_inspector(s.members[1])
    body = client_for(user).get(_page(s)).content.decode()
    assert "第一考察组" in body and "第二考察组" not in body
    # and cannot open the other team's report page
    other_url = reverse("selection:inspection_report", args=[other_team.pk, s.candidates[0].pk])
    assert client_for(user).get(other_url).status_code == 404


def test_inspector_of_no_team_gets_404(client_for, tree):
    s = inspection_setup(tree)
    _, members = make_team(s.campaign, tree.org_dept, "第二考察组")
    other = inspection_setup(tree)  # another campaign
    user = make_inspector(members[0], "insp2")
    assert client_for(user).get(_page(other)).status_code == 404


def test_inspector_records_talk_and_report(client_for, tree):
    s = inspection_setup(tree)
    user = make_inspector(s.members[0])
    client = client_for(user)
    response = client.post(
        reverse("selection:inspection_talk_add", args=[s.team.pk]),
        {
            "registration": s.candidates[0].pk,
            "interviewee": "钱处长",
            "talk_date": "2011-10-25",
            "summary": "熟悉业务",
        },
    )
    assert response.status_code == 302
    assert InspectionTalk.objects.get().recorded_by == user
    url = reverse("selection:inspection_report", args=[s.team.pk, s.candidates[0].pk])
    assert client.post(url, REPORT).status_code == 302
    assert InspectionReport.objects.get().written_by == user


def test_report_without_shortcomings_shows_error_r000_23(client_for, tree, hr_admin):
    s = inspection_setup(tree)
    url = reverse("selection:inspection_report", args=[s.team.pk, s.candidates[0].pk])
    response = client_for(hr_admin).post(url, {**REPORT, "shortcomings": "   "})
    assert response.status_code == 422
    assert "考察材料必须写明该同志的缺点和不足" in response.content.decode()
    assert not InspectionReport.objects.exists()


def test_leader_reads_report_but_cannot_write(client_for, tree, leader):
    s = inspection_setup(tree)
    url = reverse("selection:inspection_report", args=[s.team.pk, s.candidates[0].pk])
    assert client_for(leader).get(url).status_code == 200
    assert client_for(leader).post(url, REPORT).status_code == 404


def test_inspector_cannot_manage_members(client_for, tree):
    s = inspection_setup(tree)
    user = make_inspector(s.members[0])
    p = make_person(tree.org_dept, "新成员")
    url = reverse("selection:inspection_member_add", args=[s.team.pk])
    assert client_for(user).post(url, {"person": p.pk}).status_code == 404


def test_organiser_builds_team(client_for, tree, hr_admin):
    s = inspection_setup(tree, with_team=False)
    client = client_for(hr_admin)
    client.post(reverse("selection:inspection_team_add", args=[s.campaign.pk]), {"name": "第三考察组"})
    team = s.campaign.teams.get()
    p = make_person(tree.org_dept, "组员甲")
    client.post(
        reverse("selection:inspection_member_add", args=[team.pk]), {"person": p.pk, "is_leader": "on"}
    )
    client.post(
        reverse("selection:inspection_team_assign", args=[s.campaign.pk, s.position.pk]), {"team": team.pk}
    )
    s.position.refresh_from_db()
    assert s.position.inspection_team == team
    body = client.get(_page(s)).content.decode()
    assert "R000-23 组长组员甲为正处级，应由正局级干部担任" in body


def test_my_inspections_lists_own_teams_only(client, client_for, tree, hr_admin):
    s = inspection_setup(tree)
    make_team(s.campaign, tree.org_dept, "第二考察组")
    user = make_inspector(s.members[0])
    url = reverse("selection:inspection_mine")
    assert client.get(url).status_code == 302
    assert client_for(hr_admin).get(url).status_code == 404  # organisers use the campaign pages
    body = client_for(user).get(url).content.decode()
    assert "第一考察组" in body and "办公厅副主任" in body and "第二考察组" not in body


def _more_positions(s, tree, n):
    from tests.selection.factories_decision import make_position, make_registration, set_total

    for k in range(n):
        unit = make_unit(f"部门{k}", parent=tree.root)
        position = make_position(s.campaign, unit, f"副部长{k}")
        for i in range(3):
            reg = make_registration(position, make_person(unit, f"候选{k}{i}"))
            set_total(reg, f"8{i}.0000", 3 - i, i > 0)
        team, _members = make_team(s.campaign, tree.org_dept, f"考察组{k}")
        position.inspection_team = team
        position.save()


def test_inspection_and_decision_query_counts_pinned(client_for, tree, hr_admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    s = inspection_setup(tree)
    client = client_for(hr_admin)
    urls = [_page(s), reverse("selection:decision", args=[s.campaign.pk])]
    for url in urls:
        client.get(url)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    before = [count(u) for u in urls]
    _more_positions(s, tree, 3)
    after = [count(u) for u in urls]
    assert after == before, (before, after)
    assert before[0] <= 25 and before[1] <= 15


def test_member_linked_to_an_inspector_account(client_for, tree, hr_admin):
    from kaoping.accounts.roles import Role
    from tests.factories import make_user

    s = inspection_setup(tree)
    inspector = make_user("insp9", Role.INSPECTOR)
    p = make_person(tree.org_dept, "组员乙")
    url = reverse("selection:inspection_member_add_any", args=[s.campaign.pk])
    client = client_for(hr_admin)
    client.post(url, {"team": s.team.pk, "person": p.pk, "user": hr_admin.pk})  # not an inspector: refused
    assert not s.team.members.filter(person=p).exists()
    client.post(url, {"team": s.team.pk, "person": p.pk, "user": inspector.pk})
    assert s.team.members.get(person=p).user == inspector
