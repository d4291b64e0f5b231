"""Selection API (campaigns, positions, registrations, review decisions, transitions) with the pages'
permission rules: 401 anonymous, 403 lacking the capability, 404 outside the user's units, 422 with Chinese
messages — a refused transition lists every blocking issue."""

from __future__ import annotations

import pytest

from kaoping.selection.models import Campaign, Registration
from tests.selection.factories_campaign import (
    add_position,
    at_stage,
    eligible_person,
    new_campaign,
    register,
)

Stage = Campaign.Stage
pytestmark = pytest.mark.django_db
API = "/api/selection/"


def post(client, path, data):
    return client.post(API + path, data, content_type="application/json")


@pytest.fixture
def campaign(tree):
    c = new_campaign(title="API竞争上岗")
    add_position(c, tree.office, "甲职位")
    return c


def test_anonymous_401(client, campaign):
    assert client.get(API + "campaigns").status_code == 401


def test_no_role_403(client_for, no_role_user, campaign):
    client = client_for(no_role_user)
    assert client.get(API + "campaigns").status_code == 403
    assert client.get(API + f"campaigns/{campaign.pk}").status_code == 403


def test_list_and_detail(client_for, leader, campaign):
    client = client_for(leader)
    data = client.get(API + "campaigns", {"q": "API"}).json()
    assert data["count"] == 1 and data["items"][0]["stage_label"] == "草稿"
    detail = client.get(API + f"campaigns/{campaign.pk}").json()
    assert detail["scheme"]["weights"]["base"] == "0.20"
    assert client.get(API + "campaigns/999999").status_code == 404
    positions = client.get(API + f"campaigns/{campaign.pk}/positions").json()
    assert positions[0]["title"] == "甲职位" and positions[0]["unit_name"] == "办公厅"


def test_create_from_preset_and_leader_refused(client_for, hr_admin, leader, tree):
    body = {
        "title": "接口新建",
        "tenure_cutoff": "2012-09-30",
        "registration_deadline": "2030-10-09T17:00:00+08:00",
    }
    assert post(client_for(leader), "campaigns", body).status_code == 403
    response = post(client_for(hr_admin), "campaigns", body)
    assert response.status_code == 201
    assert response.json()["scheme"]["cutoffs"]["inspection_top_n"] == 2
    bad = post(client_for(hr_admin), "campaigns", {**body, "preset_key": "nope"})
    assert bad.status_code == 422


def test_advance_refused_lists_issues_then_succeeds(client_for, hr_admin, leader, tree):
    empty = new_campaign()
    client = client_for(hr_admin)
    response = post(client, f"campaigns/{empty.pk}/advance", {"confirm": True})
    assert response.status_code == 422
    assert any("尚未设置竞争职位" in item["message"] for item in response.json()["detail"])
    issues = client.get(API + f"campaigns/{empty.pk}/blocking-issues").json()
    assert issues["next_stage"] == "published" and issues["issues"]
    add_position(empty, tree.office)
    assert post(client, f"campaigns/{empty.pk}/advance", {}).json()["detail"][0]["code"] == "confirm_required"
    assert post(client_for(leader), f"campaigns/{empty.pk}/advance", {"confirm": True}).status_code == 403
    response = post(client_for(hr_admin), f"campaigns/{empty.pk}/advance", {"confirm": True})
    assert response.status_code == 200 and response.json()["stage"] == "published"


def test_liaison_registers_own_unit_only(client_for, liaison, campaign, tree):
    at_stage(campaign, Stage.REGISTRATION)
    position = campaign.positions.get()
    mine = eligible_person(tree.office_secretariat, "秘书处干部")
    other = eligible_person(tree.org_dept, "组织部干部")
    client = client_for(liaison)
    response = post(
        client, f"campaigns/{campaign.pk}/registrations", {"person": other.pk, "position": position.pk}
    )
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "person"
    response = post(
        client, f"campaigns/{campaign.pk}/registrations", {"person": mine.pk, "position": position.pk}
    )
    assert response.status_code == 201
    reg_id = response.json()["id"]
    again = post(
        client, f"campaigns/{campaign.pk}/registrations", {"person": mine.pk, "position": position.pk}
    )
    assert again.status_code == 422 and "每人限报" in again.json()["detail"][0]["message"]
    signed = post(client, f"registrations/{reg_id}/sign", {"opinion": "同意", "signed_by": "办公厅主任"})
    assert signed.json()["status"] == "submitted"
    # the organiser's registration of someone in another unit is invisible to the liaison
    foreign = register(campaign, position, eligible_person(tree.org_dept))
    assert client.get(API + f"registrations/{foreign.pk}").status_code == 404
    listed = client.get(API + f"campaigns/{campaign.pk}/registrations").json()
    assert [i["person_name"] for i in listed["items"]] == ["秘书处干部"]


def test_change_and_withdraw(client_for, hr_admin, campaign, tree):
    b = add_position(campaign, tree.office, "乙职位")
    at_stage(campaign, Stage.REGISTRATION)
    reg = register(campaign, campaign.positions.get(title="甲职位"), eligible_person(tree.office))
    client = client_for(hr_admin)
    refused = post(client, f"registrations/{reg.pk}/change", {"to_position": b.pk, "request_note": "申请"})
    assert refused.status_code == 422 and "尚未发布" in refused.json()["detail"][0]["message"]
    Campaign.objects.filter(pk=campaign.pk).update(counts_published_at=campaign.created_at)
    ok = post(client, f"registrations/{reg.pk}/change", {"to_position": b.pk, "request_note": "书面申请"})
    assert ok.status_code == 200 and ok.json()["position_title"] == "乙职位"
    second = post(client, f"registrations/{reg.pk}/change", {"to_position": b.pk - 1, "request_note": "再次"})
    assert second.status_code == 422
    gone = post(client, f"registrations/{reg.pk}/withdraw", {"reason": "本人申请"})
    assert gone.json()["is_active"] is False


def test_review_decision(client_for, hr_admin, liaison, campaign, tree):
    at_stage(campaign, Stage.REGISTRATION)
    reg = register(campaign, campaign.positions.get(), eligible_person(tree.office))
    at_stage(campaign, Stage.REVIEW)
    assert (
        post(client_for(liaison), f"registrations/{reg.pk}/review/decision", {"qualified": True}).status_code
        == 403
    )
    client = client_for(hr_admin)
    missing = post(client, f"registrations/{reg.pk}/review/decision", {"qualified": False})
    assert missing.status_code == 422 and missing.json()["detail"][0]["field"] == "reasons"
    done = post(client, f"registrations/{reg.pk}/review/decision", {"qualified": True})
    body = done.json()
    assert done.status_code == 200 and body["decision"] == "qualified"
    assert body["base_score"] == "79.00"  # 处长 30 + 15 + 17 + 17
    assert {r["rule"] for r in body["report"]} >= {"R000-07", "R000-09", "R000-10", "R000-12"}
    assert Registration.objects.get(pk=reg.pk).status == "qualified"
    assert client_for(liaison).get(API + f"registrations/{reg.pk}/review").json()["decision"] == "qualified"


def test_patch_campaign_scheme_and_position(client_for, hr_admin, leader, campaign):
    client = client_for(hr_admin)
    response = client.patch(
        API + f"campaigns/{campaign.pk}", {"doc_number": "工组字[2011]369号"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["doc_number"] == "工组字[2011]369号"
    bad = dict(
        campaign.scheme, weights={"base": "0.5", "evaluation": "0.2", "exam": "0.3", "interview": "0.3"}
    )
    response = client.put(
        API + f"campaigns/{campaign.pk}/scheme", {"scheme": bad}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"][0] == {
        "field": "weights",
        "message": "各项权重之和应为 100%",
        "code": "invalid",
    }
    good = dict(campaign.scheme, registration={"min_registrants": 4, "max_changes": 1})
    response = client.put(
        API + f"campaigns/{campaign.pk}/scheme", {"scheme": good}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["scheme"]["registration"]["min_registrants"] == 4
    position = campaign.positions.get()
    at_stage(campaign, Stage.PUBLISHED)
    response = client.patch(
        API + f"positions/{position.pk}", {"level": "副局级"}, content_type="application/json"
    )
    assert response.status_code == 422 and response.json()["detail"][0]["code"] == "position_locked"
    response = client.patch(
        API + f"positions/{position.pk}", {"duties": ["新职责"]}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["duties"] == ["新职责"]
    response = client_for(leader).patch(
        API + f"positions/{position.pk}", {"duties": []}, content_type="application/json"
    )
    assert response.status_code == 403
