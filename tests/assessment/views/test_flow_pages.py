"""The flow through the pages: self scores and evidence by the liaison, office scores, transitions, the
documents (read back with openpyxl / python-docx) and the evidence files served only to who may see them."""

from __future__ import annotations

import io
from decimal import Decimal

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kaoping.assessment import services
from kaoping.assessment.models import EvidenceFile, Stage
from kaoping.assessment.services_flow import assessment_transition
from kaoping.assessment.services_pay import leader_link_set, pay_run_create
from tests.assessment.conftest import to_approval
from tests.factories import make_person

D = Decimal


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_liaison_enters_self_scores_with_evidence_and_submits(client_for, liaison, targets, finance_liaison):
    client = client_for(liaison)
    a = targets.office
    for s in a.scores.all():
        r = client.post(
            reverse("assessment:score_set", args=[s.pk]), {"value": str(s.max_points), "note": "完成"}
        )
        assert r.status_code == 302
    first = a.scores.get(key="1")
    upload = SimpleUploadedFile("签到表.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")
    client.post(reverse("assessment:evidence_add", args=[a.pk]), {"file": upload, "score": first.pk})
    evidence = EvidenceFile.objects.get(score=first)
    client.post(reverse("assessment:summary_set", args=[a.pk]), {"summary": "全年完成各项目标任务。"})
    page = client.get(reverse("assessment:assessment_detail", args=[a.pk])).content.decode()
    assert "签到表.pdf" in page and "自评合计" in page and "100.00" in page
    download = client.get(reverse("assessment:evidence_download", args=[evidence.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 evidence"
    # another department's liaison cannot fetch it
    other = client_for(finance_liaison)
    assert other.get(reverse("assessment:evidence_download", args=[evidence.pk])).status_code == 404
    client = client_for(liaison)
    client.post(reverse("assessment:transition", args=[a.pk]), {"action": "submit"})
    a.refresh_from_db()
    assert a.stage == Stage.OFFICE


def test_bad_score_input_is_refused_and_nothing_saved(client_for, liaison, targets):
    client = client_for(liaison)
    s = targets.office.scores.get(key="1")
    r = client.post(reverse("assessment:score_set", args=[s.pk]), {"value": "31"}, follow=True)
    assert "超过该项分值" in r.content.decode()
    r = client.post(reverse("assessment:score_set", args=[s.pk]), {"value": "abc"}, follow=True)
    assert "分数格式不正确" in r.content.decode()
    s.refresh_from_db()
    assert s.self_score is None


def test_skipping_a_step_via_the_page_shows_issues(client_for, hr_admin, targets):
    client = client_for(hr_admin)
    r = client.post(
        reverse("assessment:transition", args=[targets.office.pk]), {"action": "approve"}, follow=True
    )
    targets.office.refresh_from_db()
    assert targets.office.stage == Stage.SELF
    assert "您没有执行此操作的权限" in r.content.decode() or "当前环节" in r.content.decode()


def test_documents_read_back(client_for, hr_admin, leader, targets):
    for a in (targets.office, targets.finance):
        to_approval(hr_admin, a)
        assessment_transition(actor=leader, assessment=a, action="approve")
    client = client_for(hr_admin)
    r = client.get(reverse("assessment:results_xlsx", args=[targets.scheme.pk]))
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    ranking = list(wb["排名"].iter_rows(values_only=True))
    assert ranking[0][:5] == ("名次", "单位", "环节", "自评合计", "得分")
    assert {row[1] for row in ranking[1:]} == {"办公室", "财务部"}
    assert all(row[4] == 100 for row in ranking[1:])
    assert len(list(wb["分项得分"].iter_rows())) > 10
    r = client.get(reverse("assessment:archive_docx", args=[targets.office.pk]))
    doc = docx.Document(io.BytesIO(r.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "目标管理考核档案表" in text and "考核得分：100.00" in text
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "分管领导签字" in cells and "部门负责人签字" in cells
    svg = client.get(reverse("assessment:results_chart", args=[targets.scheme.pk]))
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content


def test_payout_xlsx_read_back(client_for, hr_admin, leader, targets):
    """R003-06/07: the payout table lists each person with amount and derivation."""
    for a in (targets.office, targets.finance):
        to_approval(hr_admin, a)
        assessment_transition(actor=leader, assessment=a, action="approve")
    make_person(targets.office_unit, "办公室甲")
    chair = make_person(targets.finance_unit, "主席甲")
    leader_link_set(actor=hr_admin, scheme=targets.scheme, person=chair, role="chair")
    run = pay_run_create(actor=hr_admin, scheme=targets.scheme, forfeited=set())
    client = client_for(hr_admin)
    assert client.get(reverse("assessment:pay_run", args=[run.pk])).status_code == 200
    r = client.get(reverse("assessment:pay_run_xlsx", args=[run.pk]))
    rows = list(openpyxl.load_workbook(io.BytesIO(r.content))["奖金发放表"].iter_rows(values_only=True))
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["办公室甲"][5] == 4000 and "全额兑现" in by_name["办公室甲"][7]
    assert by_name["主席甲"][2] == "主席" and "全部部门平均得分" in by_name["主席甲"][6]


def test_scheme_page_shows_checker_warnings_of_seed_001(client_for, hr_admin, tree):
    """R001-03: the seed's own mismatches appear on the scheme page."""
    scheme = services.scheme_create(actor=hr_admin, year=2011, preset_key="union_work.seed001")
    page = client_for(hr_admin).get(reverse("assessment:scheme_detail", args=[scheme.pk])).content.decode()
    assert "株洲市国资委系统工会 组织建设：考核内容分值合计 25，与权重 20 不一致" in page
    assert "市卫生系统工会 “双联”维权帮扶：考核内容分值合计 28，与权重 30 不一致" in page


def test_create_and_edit_scheme_pages(client_for, hr_admin, tree):
    client = client_for(hr_admin)
    r = client.post(
        reverse("assessment:scheme_create"), {"preset_key": "targets.seed003", "year": 2019, "title": ""}
    )
    assert r.status_code == 302
    scheme = services.AssessmentScheme.objects.get(year=2019)
    assert scheme.title == "彭泽县总工会机关工作目标管理考核办法"
    r = client.post(
        reverse("assessment:scheme_edit", args=[scheme.pk]), {"title": "x", "year": 2019, "scheme": "{bad"}
    )
    assert "JSON 格式有误" in r.content.decode()
    scheme.refresh_from_db()
    assert scheme.title != "x"


def test_column_save_is_all_or_nothing(client_for, liaison, targets):
    """One refused row (30.5 > 30) leaves every row unsaved and names the row."""
    client = client_for(liaison)
    rows = list(targets.office.scores.all())
    data = {f"value-{s.pk}": str(s.max_points) for s in rows}
    data[f"value-{rows[0].pk}"] = "30.5"
    r = client.post(reverse("assessment:scores_save", args=[targets.office.pk]), data, follow=True)
    page = r.content.decode()
    assert "未保存任何得分" in page and "1：得分 30.50 超过该项分值 30" in page
    assert not targets.office.scores.filter(self_score__isnull=False).exists()
    data[f"value-{rows[0].pk}"] = "29.5"
    r = client.post(reverse("assessment:scores_save", args=[targets.office.pk]), data, follow=True)
    assert "已保存 9 项得分" in r.content.decode()
    assert targets.office.scores.get(pk=rows[0].pk).self_score == Decimal("29.50")


def test_column_save_with_levels(client_for, hr_admin, indicators):
    """R001-02 from the page: the office picks levels for the whole column."""
    from tests.assessment.conftest import self_assess

    a = indicators.health
    self_assess(hr_admin, a, Decimal("20"))
    data = {}
    for s in a.scores.all():
        data[f"level-{s.pk}"] = "basic"
        if s.key == "民主管理":
            data[f"docs-{s.pk}"] = "on"
    client_for(hr_admin).post(reverse("assessment:scores_save", args=[a.pk]), data)
    got = {s.key: s.proposed_score for s in a.scores.all()}
    assert got == {
        "组织建设": D("14.00"),
        "民主管理": D("12.50"),
        "素质提升": D("17.50"),
        "“双联”维权帮扶": D("21.00"),
    }
