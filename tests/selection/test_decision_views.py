"""The 研究决定 tab (R000-24): the leader decides, the organiser proposes and records comments and may
record the meeting's decision, a liaison sees nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kaoping.selection.models import Campaign, Proposal
from tests.selection.factories_decision import inspection_setup

pytestmark = pytest.mark.django_db


def _url(name, s, *extra):
    return reverse(f"selection:{name}", args=[s.campaign.pk, *extra])


def test_rbac_of_the_decision_page(client, client_for, tree, hr_admin, leader, liaison, no_role_user):
    s = inspection_setup(tree, stage=Campaign.Stage.DECISION)
    assert client.get(_url("decision", s)).status_code == 302
    assert client_for(liaison).get(_url("decision", s)).status_code == 404
    assert client_for(no_role_user).get(_url("decision", s)).status_code == 404
    assert client_for(leader).get(_url("decision", s)).status_code == 200
    body = client_for(hr_admin).get(_url("decision", s)).content.decode()
    assert "办公厅副主任" in body and "张明" in body and "R000-24 “办公厅副主任”尚未提出任职建议。" in body


def test_full_decision_by_organiser_and_leader_r000_24(client_for, tree, hr_admin, leader):
    s = inspection_setup(tree, stage=Campaign.Stage.DECISION)
    organiser = client_for(hr_admin)
    organiser.post(
        _url("decision_proposal", s, s.position.pk),
        {"registration": s.candidates[0].pk, "rationale": "排名第一"},
    )
    organiser.post(
        _url("decision_comment", s, s.position.pk),
        {"party_committee_comment": "同意", "discipline_committee_comment": "无反映问题"},
    )
    leader_client = client_for(leader)
    # The leader cannot propose …
    response = leader_client.post(_url("decision_proposal", s, s.position.pk), {"registration": ""})
    assert response.status_code == 404
    # … but decides.
    response = leader_client.post(
        _url("decision_decide", s, s.position.pk), {"decision": "appoint", "meeting": "2011年第20次党组会议"}
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.decision, proposal.decided_by, proposal.registration) == (
        "appoint",
        leader,
        s.candidates[0],
    )
    page = leader_client.get(_url("decision", s)).content.decode()
    assert "data-confirm" in page and "决定任职" in page


def test_liaison_cannot_decide(client_for, tree, liaison):
    s = inspection_setup(tree, stage=Campaign.Stage.DECISION)
    response = client_for(liaison).post(
        _url("decision_decide", s, s.position.pk), {"decision": "vacant", "meeting": "x"}
    )
    assert response.status_code == 404
    assert not Proposal.objects.exists()


def test_decision_without_comments_reports_error_r000_24(client_for, tree, hr_admin):
    s = inspection_setup(tree, stage=Campaign.Stage.DECISION)
    client = client_for(hr_admin)
    client.post(_url("decision_proposal", s, s.position.pk), {"registration": "", "rationale": "无合适人选"})
    response = client.post(
        _url("decision_decide", s, s.position.pk), {"decision": "vacant", "meeting": "党组会议"}, follow=True
    )
    assert "须先征求机关党委、机关纪委意见" in response.content.decode()
    assert Proposal.objects.get().decision == "pending"


def test_done_page_shows_scores_not_kept_r000_25(client_for, tree, hr_admin):
    from kaoping.selection import services_decision as dsvc

    s = inspection_setup(tree, stage=Campaign.Stage.DECISION)
    p = dsvc.proposal_save(actor=None, position=s.position, registration=s.candidates[0], rationale="")
    dsvc.proposal_comment(
        actor=None, proposal=p, party_committee_comment="同意", discipline_committee_comment="同意"
    )
    dsvc.proposal_decide(actor=None, proposal=p, decision="appoint", meeting="党组会议")
    s.campaign.stage = Campaign.Stage.DONE
    s.campaign.save()
    dsvc.appointments_write(actor=hr_admin, campaign=s.campaign)
    body = client_for(hr_admin).get(_url("decision", s)).content.decode()
    assert "已任职" in body and "未任职，竞岗成绩不再保留" in body
