"""任前公示 (RP-08): length in working days over weekends and the 2011 National Day holidays, the page,
objections, and the .docx notice read back."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from kaoping.common.models import CalendarDay
from kaoping.selection import documents_notice
from kaoping.selection import services_decision as dsvc
from kaoping.selection import services_notice as nsvc
from kaoping.selection.models import Campaign, NoticeObjection
from tests.selection.factories_decision import inspection_setup

pytestmark = pytest.mark.django_db


def national_day_2011():
    for d in range(1, 8):
        CalendarDay.objects.create(day=dt.date(2011, 10, d), note="国庆节")
    CalendarDay.objects.create(day=dt.date(2011, 10, 8), is_workday=True, note="国庆调休上班")
    CalendarDay.objects.create(day=dt.date(2011, 10, 9), is_workday=True, note="国庆调休上班")


def test_notice_over_a_weekend_rp_08(tree):
    s = inspection_setup(tree)
    # Wednesday 2011-11-02: Wed, Thu, Fri, (Sat, Sun skipped), Mon, Tue → ends Tuesday 11-08.
    assert nsvc.notice_min_end(s.campaign, dt.date(2011, 11, 2)) == dt.date(2011, 11, 8)


def test_notice_over_national_day_2011_rp_08(tree):
    national_day_2011()
    s = inspection_setup(tree)
    # Friday 09-30 is day 1; 10-01…10-07 are holidays; 10-08 (Sat) and 10-09 (Sun) are make-up workdays
    # (days 2, 3); Monday 10-10 and Tuesday 10-11 are days 4 and 5.
    assert nsvc.notice_min_end(s.campaign, dt.date(2011, 9, 30)) == dt.date(2011, 10, 11)
    # Starting inside the holiday: 10-03 is not a working day; days 1–5 are 10-08 … 10-12.
    assert nsvc.notice_min_end(s.campaign, dt.date(2011, 10, 3)) == dt.date(2011, 10, 12)


def test_notice_length_follows_campaign_setting_rp_08(tree):
    s = inspection_setup(tree)
    s.campaign.notice_working_days = 7
    assert nsvc.notice_min_end(s.campaign, dt.date(2011, 11, 2)) == dt.date(2011, 11, 10)


def _notice(tree):
    s = inspection_setup(tree, stage=Campaign.Stage.DECISION)
    p = dsvc.proposal_save(actor=None, position=s.position, registration=s.candidates[0], rationale="")
    dsvc.proposal_comment(
        actor=None, proposal=p, party_committee_comment="同意", discipline_committee_comment="同意"
    )
    dsvc.proposal_decide(actor=None, proposal=p, decision="appoint", meeting="党组会议")
    s.campaign.stage = Campaign.Stage.NOTICE
    s.campaign.doc_number = "工组字[2011]369号"
    s.campaign.save()
    notice = nsvc.notice_ensure(actor=None, campaign=s.campaign, start=dt.date(2011, 11, 2))
    nsvc.notice_update(
        actor=None, notice=notice, start=notice.start, text=notice.text, contact="组织部 68592040"
    )
    return s, notice


def test_notice_page_rbac_and_content(client, client_for, tree, hr_admin, liaison, no_role_user):
    s, _ = _notice(tree)
    url = reverse("selection:notice", args=[s.campaign.pk])
    assert client.get(url).status_code == 302
    assert client_for(no_role_user).get(url).status_code == 404
    body = client_for(liaison).get(url).content.decode()  # the notice is public to viewers
    assert "2011-11-02 至 2011-11-08" in body and "张明" in body
    assert "登记反映" not in body  # but only the organiser records objections
    assert "登记反映" in client_for(hr_admin).get(url).content.decode()


def test_objection_recorded_and_resolved_through_the_page_rp_08(client_for, tree, hr_admin):
    s, _notice_obj = _notice(tree)
    client = client_for(hr_admin)
    client.post(
        reverse("selection:notice_objection_add", args=[s.campaign.pk]),
        {"registration": s.candidates[0].pk, "received_on": "2011-11-03", "content": "反映工作作风问题"},
    )
    objection = NoticeObjection.objects.get()
    client.post(
        reverse("selection:notice_objection_resolve", args=[s.campaign.pk, objection.pk]),
        {"status": "dismissed", "resolution": "经核查，反映不实。"},
    )
    objection.refresh_from_db()
    assert (objection.status, objection.resolved_by) == ("dismissed", hr_admin)


def test_liaison_cannot_record_objections(client_for, tree, liaison):
    s, _ = _notice(tree)
    response = client_for(liaison).post(
        reverse("selection:notice_objection_add", args=[s.campaign.pk]),
        {"registration": s.candidates[0].pk, "received_on": "2011-11-03", "content": "x"},
    )
    assert response.status_code == 404


def test_notice_docx_read_back(client_for, tree, hr_admin):
    s, _notice_obj = _notice(tree)
    response = client_for(hr_admin).get(reverse("selection:notice_docx", args=[s.campaign.pk]))
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"{s.campaign.title}任职前公示" in text
    assert "2011年11月02日至2011年11月08日（不少于5个工作日，节假日不计）" in text
    assert "工组字[2011]369号" in text and "组织部 68592040" in text
    rows = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert rows[0] == ["序号", "姓名", "性别", "出生年月", "现任职务", "拟任职务"]
    assert rows[1][1] == "张明" and rows[1][5] == "办公厅副主任"
    # Chinese font set explicitly on the runs.
    xml = doc.element.xml
    assert 'w:eastAsia="仿宋"' in xml or 'w:eastAsia="宋体"' in xml


def test_notice_rows_helper(tree):
    _s, notice = _notice(tree)
    assert documents_notice.notice_rows(notice)[0][1] == "张明"
