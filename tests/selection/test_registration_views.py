"""Registration pages: liaisons register people of their own unit subtree only and see only those; the
organiser sees everyone; leaders read; unit sign-off, the written change and withdrawal from the page; the
one-registration rule shown in Chinese; query count of the registration list pinned (R000-02 … R000-06)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kaoping.selection.models import Campaign, Registration
from tests.selection.factories_campaign import add_position, at_stage, eligible_person, new_campaign, register

Stage = Campaign.Stage
pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(tree):
    c = new_campaign()
    add_position(c, tree.office, "甲职位")
    add_position(c, tree.office, "乙职位")
    return at_stage(c, Stage.REGISTRATION)


@pytest.fixture
def regs(campaign, tree):
    a = campaign.positions.get(title="甲职位")
    own = register(campaign, a, eligible_person(tree.office_secretariat, "秘书处甲"), sign=False)
    other = register(campaign, a, eligible_person(tree.org_dept, "组织部乙"))
    return own, other


def test_anonymous_to_login(client, regs):
    own, _other = regs
    for url in (
        reverse("selection:registration_detail", args=[own.pk]),
        reverse("selection:registration_docx", args=[own.pk]),
        reverse("selection:registration_create", args=[own.campaign_id]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_liaison_sees_own_unit_only(client_for, liaison, regs):
    own, other = regs
    client = client_for(liaison)
    assert client.get(reverse("selection:registration_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("selection:registration_docx", args=[own.pk])).status_code == 200
    assert client.get(reverse("selection:registration_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("selection:registration_docx", args=[other.pk])).status_code == 404
    html = client.get(reverse("selection:campaign_registrations", args=[own.campaign_id])).content.decode()
    assert "秘书处甲" in html and "组织部乙" not in html
    response = client.post(
        reverse("selection:registration_sign", args=[other.pk]), {"opinion": "同意", "signed_by": "x"}
    )
    assert response.status_code == 404


def test_organiser_and_leader(client_for, hr_admin, leader, regs):
    own, _other = regs
    html = (
        client_for(hr_admin)
        .get(reverse("selection:campaign_registrations", args=[own.campaign_id]))
        .content.decode()
    )
    assert "秘书处甲" in html and "组织部乙" in html
    client = client_for(leader)
    page = client.get(reverse("selection:registration_detail", args=[own.pk]))
    assert page.status_code == 200 and 'id="sign-form"' not in page.content.decode()
    assert client.get(reverse("selection:registration_create", args=[own.campaign_id])).status_code == 404
    response = client.post(
        reverse("selection:registration_sign", args=[own.pk]), {"opinion": "同意", "signed_by": "x"}
    )
    assert response.status_code == 404


def test_no_role_404(client_for, no_role_user, regs):
    own, _other = regs
    client = client_for(no_role_user)
    assert client.get(reverse("selection:registration_detail", args=[own.pk])).status_code == 404
    assert client.get(reverse("selection:campaign_registrations", args=[own.campaign_id])).status_code == 404


def test_liaison_registers_from_page(client_for, liaison, campaign, tree):
    mine = eligible_person(tree.office, "办公厅丙")
    foreign = eligible_person(tree.org_dept, "组织部丁")
    client = client_for(liaison)
    url = reverse("selection:registration_create", args=[campaign.pk])
    html = client.get(url).content.decode()
    assert "办公厅丙" in html and "组织部丁" not in html
    a = campaign.positions.get(title="甲职位")
    response = client.post(
        url, {"person": foreign.pk, "position": a.pk, "obeys_assignment": "1", "health": "健康"}
    )
    assert response.status_code == 422 and not Registration.objects.filter(person=foreign).exists()
    response = client.post(
        url, {"person": mine.pk, "position": a.pk, "obeys_assignment": "0", "health": "良好"}
    )
    assert response.status_code == 302
    reg = Registration.objects.get(person=mine)
    assert reg.obeys_assignment is False and reg.health == "良好" and reg.registered_by == liaison
    again = client.post(url, {"person": mine.pk, "position": a.pk, "obeys_assignment": "1", "health": "健康"})
    assert again.status_code == 422 and "每人限报" in again.content.decode()
    response = client.post(
        reverse("selection:registration_sign", args=[reg.pk]),
        {"opinion": "同意报名。", "signed_by": "办公厅主任"},
    )
    assert response.status_code == 302
    reg.refresh_from_db()
    assert reg.status == Registration.Status.SUBMITTED


def test_sign_requires_signature(client_for, liaison, regs):
    own, _other = regs
    response = client_for(liaison).post(
        reverse("selection:registration_sign", args=[own.pk]), {"opinion": "同意", "signed_by": ""}
    )
    assert response.status_code == 422
    own.refresh_from_db()
    assert own.status == Registration.Status.UNIT_REVIEW


def test_change_and_withdraw_from_page(client_for, liaison, hr_admin, regs, campaign):
    own, _other = regs
    b = campaign.positions.get(title="乙职位")
    client = client_for(liaison)
    url = reverse("selection:registration_change", args=[own.pk])
    response = client.post(url, {"to_position": b.pk, "request_note": "书面申请"})
    assert response.status_code == 422 and "尚未发布" in response.content.decode()
    client_for(hr_admin).post(reverse("selection:counts_publish", args=[campaign.pk]))
    client = client_for(liaison)
    assert client.post(url, {"to_position": b.pk, "request_note": "书面申请"}).status_code == 302
    own.refresh_from_db()
    assert own.position == b
    response = client.post(
        url, {"to_position": campaign.positions.get(title="甲职位").pk, "request_note": "再改"}
    )
    assert response.status_code == 422 and "最多书面申请调整1次" in response.content.decode()
    client.post(reverse("selection:registration_withdraw", args=[own.pk]), {"reason": "本人申请"})
    own.refresh_from_db()
    assert own.status == Registration.Status.WITHDRAWN


def test_registration_list_query_count_pinned(
    client_for, hr_admin, campaign, tree, django_assert_max_num_queries
):
    a = campaign.positions.get(title="甲职位")
    for _ in range(15):
        register(campaign, a, eligible_person(tree.office))
    client = client_for(hr_admin)
    url = reverse("selection:campaign_registrations", args=[campaign.pk])
    client.get(url)
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


def test_review_list_query_count_pinned(client_for, hr_admin, campaign, tree, django_assert_max_num_queries):
    a = campaign.positions.get(title="甲职位")
    for _ in range(15):
        register(campaign, a, eligible_person(tree.office))
    at_stage(campaign, Stage.REVIEW)
    client = client_for(hr_admin)
    url = reverse("selection:campaign_review", args=[campaign.pk])
    client.get(url)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_r000_05_not_opened_position_and_move_from_page(client_for, hr_admin, liaison, campaign, tree):
    """At the deadline 乙职位 has one registrant: it is not opened, the review page says so, and the liaison
    moves the registrant to 甲职位 on written request."""
    from kaoping.selection import services
    from tests.selection.factories_campaign import past_deadline

    a, b = campaign.positions.get(title="甲职位"), campaign.positions.get(title="乙职位")
    for _ in range(3):
        register(campaign, a, eligible_person(tree.org_dept))
    thin = register(campaign, b, eligible_person(tree.office, "办公厅改报者"))
    services.campaign_advance(actor=hr_admin, campaign=past_deadline(campaign), confirm=True)
    html = client_for(hr_admin).get(reverse("selection:campaign_review", args=[campaign.pk])).content.decode()
    assert 'id="not-opened"' in html and "乙职位" in html
    client = client_for(liaison)
    page = client.get(reverse("selection:registration_detail", args=[thin.pk])).content.decode()
    assert "未开考职位书面申请改报" in page
    response = client.post(
        reverse("selection:registration_move", args=[thin.pk]),
        {"to_position": a.pk, "request_note": "书面申请改报甲职位"},
    )
    assert response.status_code == 302
    thin.refresh_from_db()
    assert thin.position == a and thin.changes.get().kind == "move"


def test_edit_while_with_the_unit(client_for, liaison, regs):
    own, _other = regs
    client = client_for(liaison)
    url = reverse("selection:registration_edit", args=[own.pk])
    assert client.post(url, {"obeys_assignment": "0", "health": "良好"}).status_code == 302
    own.refresh_from_db()
    assert own.obeys_assignment is False and own.health == "良好"
    client.post(
        reverse("selection:registration_sign", args=[own.pk]), {"opinion": "同意", "signed_by": "主任"}
    )
    response = client.post(url, {"obeys_assignment": "1", "health": "健康"})
    assert response.status_code == 422 and "不能再修改" in response.content.decode()


def test_copy_link_preselects_source(client_for, hr_admin, campaign):
    html = (
        client_for(hr_admin)
        .get(reverse("selection:campaign_create") + f"?copy_from={campaign.pk}")
        .content.decode()
    )
    assert f'<option value="{campaign.pk}" selected>' in html
