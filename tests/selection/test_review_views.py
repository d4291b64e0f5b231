"""Review pages (R000-07 … R000-14): the rule table with pass/fail/pending, reasons and data; judgement
items, exemption and avoidance recorded from the page; decisions (rejection needs reasons); the base score
with its derivation; the qualified list. RBAC: organiser decides, liaison reads own unit only, leader reads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kaoping.selection.models import Campaign, Registration
from tests.selection.factories_campaign import add_position, at_stage, eligible_person, new_campaign, register

Stage = Campaign.Stage
pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(tree):
    c = new_campaign()
    add_position(c, tree.office, "办公厅副主任", level="副局级")
    return at_stage(c, Stage.REGISTRATION)


@pytest.fixture
def regs(campaign, tree):
    post = campaign.positions.get()
    own = register(campaign, post, eligible_person(tree.office, "办公厅甲", since=dt.date(2008, 9, 30)))
    transfer = register(
        campaign, post, eligible_person(tree.institute, "研究所乙", birth_date=dt.date(1960, 1, 1))
    )
    at_stage(campaign, Stage.REVIEW)
    return own, transfer


def test_rbac(client, client_for, hr_admin, leader, liaison, no_role_user, regs):
    own, transfer = regs
    url_own = reverse("selection:review_detail", args=[own.pk])
    url_other = reverse("selection:review_detail", args=[transfer.pk])
    assert "login" in client.get(url_own)["Location"]
    assert client_for(no_role_user).get(url_own).status_code == 404
    assert client_for(hr_admin).get(url_other).status_code == 200
    assert client_for(leader).get(url_other).status_code == 200
    liaison_client = client_for(liaison)
    assert liaison_client.get(url_own).status_code == 200
    assert liaison_client.get(url_other).status_code == 404
    decide = reverse("selection:review_decide", args=[own.pk])
    assert liaison_client.post(decide, {"qualified": "1"}).status_code == 404
    assert client_for(leader).post(decide, {"qualified": "1"}).status_code == 404
    run_all = reverse("selection:review_run_all", args=[own.campaign_id])
    assert client_for(leader).post(run_all).status_code == 404


def test_rules_table_and_decision(client_for, hr_admin, regs):
    """R000-07 exactly three years on the cut-off passes; the decision stores the base score (R000-14)."""
    own, _transfer = regs
    client = client_for(hr_admin)
    client.post(reverse("selection:review_run_all", args=[own.campaign_id]))
    html = client.get(reverse("selection:review_detail", args=[own.pk])).content.decode()
    assert 'id="review-rules"' in html and "R000-07" in html and "满3年" in html and "R000-12" in html
    response = client.post(
        reverse("selection:review_decide", args=[own.pk]), {"qualified": "1", "reasons": ""}
    )
    assert response.status_code == 302
    html = client.get(reverse("selection:review_detail", args=[own.pk])).content.decode()
    assert "基础分" in html and "79.00" in html and "职务分 30" in html
    own.refresh_from_db()
    assert own.status == Registration.Status.QUALIFIED


def test_rejection_needs_reasons_on_page(client_for, hr_admin, regs):
    own, _transfer = regs
    client = client_for(hr_admin)
    response = client.post(
        reverse("selection:review_decide", args=[own.pk]), {"qualified": "0", "reasons": ""}
    )
    assert response.status_code == 422 and "须写明原因" in response.content.decode()
    own.refresh_from_db()
    assert own.status == Registration.Status.SUBMITTED


def test_transfer_judgements_from_page(client_for, hr_admin, regs):
    """R000-11: the transfer applicant's review is pending until both judgement items are recorded."""
    _own, transfer = regs
    client = client_for(hr_admin)
    url = reverse("selection:review_detail", args=[transfer.pk])
    client.post(reverse("selection:review_run", args=[transfer.pk]))
    html = client.get(url).content.decode()
    assert "调任条件" in html and "待审核" in html and "最低工作年限" in html
    response = client.post(reverse("selection:review_decide", args=[transfer.pk]), {"qualified": "1"})
    assert response.status_code == 422 and "R000-11" in response.content.decode()
    response = client.post(
        reverse("selection:review_record", args=[transfer.pk]),
        {"j0_status": "yes", "j0_note": "符合", "j1_status": "yes", "j1_note": ""},
    )
    assert response.status_code == 302
    assert (
        client.post(reverse("selection:review_decide", args=[transfer.pk]), {"qualified": "1"}).status_code
        == 302
    )


def test_avoidance_from_page_blocks(client_for, hr_admin, regs):
    own, _transfer = regs
    client = client_for(hr_admin)
    response = client.post(
        reverse("selection:avoidance_add", args=[own.pk]),
        {"kind": "relative_examiner", "related_person": "王五", "description": "兄弟", "resolution": "block"},
    )
    assert response.status_code == 302
    html = client.get(reverse("selection:review_detail", args=[own.pk])).content.decode()
    assert "存在回避情形" in html and "王五" in html


def test_qualified_list_page(client_for, hr_admin, liaison, regs):
    own, transfer = regs
    client = client_for(hr_admin)
    client.post(reverse("selection:review_decide", args=[own.pk]), {"qualified": "1"})
    client.post(
        reverse("selection:review_decide", args=[transfer.pk]),
        {"qualified": "0", "reasons": "不符合调任条件"},
    )
    html = client.get(reverse("selection:qualified_list", args=[own.campaign_id])).content.decode()
    assert "办公厅甲" in html and "不符合调任条件" in html
    # before publication (evaluation stage) a liaison sees own unit's people only, and no foreign reasons
    html = (
        client_for(liaison).get(reverse("selection:qualified_list", args=[own.campaign_id])).content.decode()
    )
    assert "办公厅甲" in html and "不符合调任条件" not in html
