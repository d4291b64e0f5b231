"""Who may open which establishment-plan page: anonymous → login, marker → 404 everywhere, liaison only in
their subtree, leader reads and approves but edits nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kaoping.positions.models import EstablishmentPlan, PostLine


def _urls(plan):
    line = plan.lines.first()
    phase = plan.phases.first()
    return {
        "plan_detail": ("get", reverse("positions:plan_detail", args=[plan.pk])),
        "plan_edit": ("post", reverse("positions:plan_edit", args=[plan.pk])),
        "category_set": ("post", reverse("positions:category_set", args=[plan.pk])),
        "plan_submit": ("post", reverse("positions:plan_submit", args=[plan.pk])),
        "plan_approve": ("post", reverse("positions:plan_approve", args=[plan.pk])),
        "plan_return": ("post", reverse("positions:plan_return", args=[plan.pk])),
        "phase_complete": ("post", reverse("positions:phase_complete", args=[plan.pk, phase.pk])),
        "lines_section": ("get", reverse("positions:lines_section", args=[plan.pk])),
        "line_create": ("get", reverse("positions:line_create", args=[plan.pk])),
        "line_edit": ("get", reverse("positions:line_edit", args=[line.pk])),
        "line_delete": ("post", reverse("positions:line_delete", args=[line.pk])),
        "description_view": ("get", reverse("positions:description_edit", args=[line.pk])),
        "description_save": ("post", reverse("positions:description_edit", args=[line.pk])),
    }


EDIT_URLS = (
    "plan_edit",
    "category_set",
    "plan_submit",
    "phase_complete",
    "line_create",
    "line_edit",
    "line_delete",
    "description_save",
)


def test_anonymous_is_sent_to_login(client, office_plan):
    urls = [reverse("positions:plan_list"), reverse("positions:plan_create")]
    urls += [url for _m, url in _urls(office_plan).values()]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("accounts:login") in response["Location"], url


def test_marker_gets_404_everywhere(client_for, marker, office_plan):
    client = client_for(marker)
    assert client.get(reverse("positions:plan_list")).status_code == 404
    assert client.get(reverse("positions:plan_create")).status_code == 404
    for name, (method, url) in _urls(office_plan).items():
        assert getattr(client, method)(url).status_code == 404, name


def test_marker_has_no_menu_entry_but_hr_admin_has(client_for, marker, hr_admin):
    assert "岗位设置方案" not in client_for(marker).get(reverse("home")).content.decode()
    assert reverse("positions:plan_list") in client_for(hr_admin).get(reverse("home")).content.decode()


def test_liaison_sees_only_plans_of_their_subtree(client_for, liaison, office_plan, org_plan):
    client = client_for(liaison)
    page = client.get(reverse("positions:plan_list")).content.decode()
    assert "秘书处岗位设置方案" in page
    assert "组织部岗位设置方案" not in page
    assert client.get(reverse("positions:plan_detail", args=[office_plan.pk])).status_code == 200
    for name, (method, url) in _urls(org_plan).items():
        assert getattr(client, method)(url).status_code == 404, name


def test_liaison_edits_lines_in_their_subtree(client_for, liaison, office_plan):
    client = client_for(liaison)
    line = office_plan.lines.get(name="科员")
    response = client.post(
        reverse("positions:line_edit", args=[line.pk]),
        {"department": line.department, "name": "科员", "category": "管理", "grade": 9, "count": 9},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "结构检查通过" in response.content.decode()
    page = client.get(reverse("positions:plan_detail", args=[office_plan.pk])).content.decode()
    assert "上报" in page and "核准" not in page.split('id="plan-numbers"')[0]


def test_liaison_unit_choices_are_limited_to_their_subtree(client_for, liaison, tree):
    page = client_for(liaison).get(reverse("positions:plan_create")).content.decode()
    assert "秘书处" in page and "办公厅" in page
    assert "组织部" not in page.split('name="unit"')[1].split("</select>")[0]


def test_liaison_cannot_create_a_plan_for_another_unit(client_for, liaison, tree):
    response = client_for(liaison).post(
        reverse("positions:plan_create"),
        {
            "mode": "preset",
            "preset_key": "establishment.seed004",
            "title": "越权",
            "year": 2012,
            "unit": tree.org_dept.pk,
        },
    )
    assert response.status_code == 200
    assert not EstablishmentPlan.objects.filter(title="越权").exists()


@pytest.mark.parametrize("name", EDIT_URLS)
def test_leader_gets_404_on_edit_urls(client_for, leader, office_plan, name):
    method, url = _urls(office_plan)[name]
    assert getattr(client_for(leader), method)(url).status_code == 404


def test_leader_reads_the_plan_and_its_descriptions_read_only(client_for, leader, office_plan):
    client = client_for(leader)
    page = client.get(reverse("positions:plan_detail", args=[office_plan.pk])).content.decode()
    assert "岗位设置分布表" in page
    assert 'name="approved_posts"' not in page
    assert reverse("positions:line_create", args=[office_plan.pk]) not in page
    assert "标记完成" not in page
    assert "上报</button>" not in page
    line = PostLine.objects.get(plan=office_plan, name="主任")
    page = client.get(reverse("positions:description_edit", args=[line.pk])).content.decode()
    assert "<textarea" not in page
    assert "任职满 3 年" in page
    assert client.get(reverse("positions:plan_create")).status_code == 404


def test_leader_approves_a_submitted_plan(client_for, leader, hr_admin, office_plan):
    client_for(hr_admin).post(reverse("positions:plan_submit", args=[office_plan.pk]))
    client = client_for(leader)
    page = client.get(reverse("positions:plan_detail", args=[office_plan.pk])).content.decode()
    assert "核准</button>" in page
    response = client.post(reverse("positions:plan_approve", args=[office_plan.pk]))
    assert response.status_code == 302
    office_plan.refresh_from_db()
    assert office_plan.status == EstablishmentPlan.Status.APPROVED
