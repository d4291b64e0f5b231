"""Results and entry pages: RBAC for each page (anonymous → login, no role / liaison → 404 where scores are
shown, organiser and leader → 200), the grids save, the documents read back, the API, pinned queries."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from kaoping.selection import services_results as svc
from kaoping.selection.models import Campaign
from kaoping.selection.models_stages import EvaluationEntry, ExamMarkEntry, StageResult
from tests.selection.factories_results import (
    enter_evaluation,
    enter_exam,
    evaluation_row,
    make_campaign,
    make_candidate,
    make_position,
    move,
)

pytestmark = pytest.mark.django_db
Stage = Campaign.Stage
D = Decimal


@pytest.fixture
def flow(hr_admin, tree):
    """A campaign in the exam stage: 甲 乙 丙 evaluated (90 / 77 / 38), exam computed for 甲 乙."""
    campaign = make_campaign()
    pos = make_position(campaign, unit=tree.office)
    a = make_candidate(pos, "甲", base="93.50", unit=tree.office)
    b = make_candidate(pos, "乙", base="85", unit=tree.institute)
    c = make_candidate(pos, "丙", base="70", unit=tree.institute)
    enter_evaluation(
        hr_admin,
        campaign,
        [
            evaluation_row(a, (8, 2, 0), (40, 10, 0)),
            evaluation_row(b, (6, 4, 0), (30, 15, 5)),
            evaluation_row(c, (2, 3, 5), (10, 20, 20)),
        ],
    )
    svc.results_compute(campaign=campaign, actor=hr_admin)
    campaign = move(campaign, Stage.EXAM, hr_admin)
    enter_exam(hr_admin, pos, {a: [(50, 32), (48, 30)], b: [(45, 30), (46, 31)]})
    svc.results_compute(campaign=campaign, actor=hr_admin)
    return campaign, pos, (a, b, c)


def _pages(campaign, pos, reg):
    return [
        reverse("selection:results", args=[campaign.pk]),
        reverse("selection:results_position", args=[pos.pk]),
        reverse("selection:results_xlsx", args=[campaign.pk, "exam"]),
        reverse("selection:results_notice_docx", args=[reg.pk]),
        reverse("selection:results_derivations", args=[reg.pk]) + "?stage=exam",
        reverse("selection:entry_evaluation", args=[campaign.pk]),
        reverse("selection:entry_exam", args=[campaign.pk]),
        reverse("selection:entry_interview", args=[campaign.pk]),
        reverse("selection:entry_position", args=[pos.pk, "exam"]),
        reverse("selection:entry_template", args=[campaign.pk, "exam"]),
    ]


def test_anonymous_redirected_to_login(client, flow):
    campaign, pos, (a, _b, _c) = flow
    for url in _pages(campaign, pos, a):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_no_role_gets_404(client_for, no_role_user, flow):
    campaign, pos, (a, _b, _c) = flow
    client = client_for(no_role_user)
    for url in _pages(campaign, pos, a):
        assert client.get(url).status_code == 404, url


def test_organiser_sees_every_page(client_for, hr_admin, flow):
    campaign, pos, (a, _b, _c) = flow
    client = client_for(hr_admin)
    for url in _pages(campaign, pos, a):
        assert client.get(url).status_code == 200, url


def test_leader_sees_scores_but_not_entry(client_for, leader, flow):
    campaign, pos, (a, _b, _c) = flow
    client = client_for(leader)
    pages = _pages(campaign, pos, a)
    for url in pages[:5]:
        assert client.get(url).status_code == 200, url
    for url in pages[5:]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("selection:results_compute", args=[campaign.pk])).status_code == 404


def test_liaison_sees_published_lists_only(client_for, liaison, flow):
    """Liaison: the overview with the lists of closed stages (进入笔试: 甲、乙), no scores, no derivations."""
    campaign, pos, (a, _b, _c) = flow
    client = client_for(liaison)
    response = client.get(reverse("selection:results", args=[campaign.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "甲、乙" in html and "90.00" not in html
    assert reverse("selection:results_position", args=[pos.pk]) not in html
    for url in _pages(campaign, pos, a)[1:]:
        assert client.get(url).status_code == 404, url


def test_results_page_shows_components_derivation_and_advances(client_for, hr_admin, flow):
    _campaign, pos, _regs = flow
    client = client_for(hr_admin)
    html = client.get(reverse("selection:results_position", args=[pos.pk]) + "?stage=exam").content.decode()
    for text in ("60.70", "55.20", "18.70", "80.00", "计算过程"):
        assert text in html, text
    a = _regs[0]
    url = reverse("selection:results_derivations", args=[a.pk])
    assert url in html
    fragment = client.get(url + "?stage=exam").content.decode()
    for text in ("(8×1 + 2×0.5)×40/10", "R000-19", "基础权重 18.70 [基础分数 93.50×20%]", "笔试分数"):
        assert text in fragment, text
    assert "(82 + 78)/2" in fragment or "(78 + 82)/2" in fragment
    html = client.get(
        reverse("selection:results_position", args=[pos.pk]) + "?stage=evaluation"
    ).content.decode()
    assert "38.00" in html and "民主测评分数低于 60 分" in html
    assert (
        client.get(reverse("selection:results_position", args=[pos.pk]) + "?stage=interview").status_code
        == 404
    )


def test_result_pages_query_count_pinned(client_for, hr_admin, flow, django_assert_max_num_queries):
    campaign, pos, _regs = flow
    client = client_for(hr_admin)
    client.get(reverse("selection:results", args=[campaign.pk]))
    with django_assert_max_num_queries(22):
        client.get(reverse("selection:results", args=[campaign.pk]))
    with django_assert_max_num_queries(14):
        client.get(reverse("selection:results_position", args=[pos.pk]))


def test_compute_button_and_locked_message(client_for, hr_admin, flow):
    campaign, _pos, _regs = flow
    client = client_for(hr_admin)
    response = client.post(reverse("selection:results_compute", args=[campaign.pk]), follow=True)
    assert "已计算笔试成绩" in response.content.decode()


def test_exam_grid_saves_and_refuses_above_maximum(client_for, hr_admin, flow):
    _campaign, pos, (a, b, _c) = flow
    client = client_for(hr_admin)
    url = reverse("selection:entry_position", args=[pos.pk, "exam"])
    page = client.get(url).content.decode()
    assert 'name="rater-0" value="甲"' in page and f'name="m-{a.pk}-0-case" value="50' in page
    data = {"slots": "3", "rater-0": "甲", "rater-1": "乙", "rater-2": ""}
    for reg in (a, b):
        for i in (0, 1):
            data[f"m-{reg.pk}-{i}-case"] = "50"
            data[f"m-{reg.pk}-{i}-essay"] = "30"
    data[f"m-{a.pk}-1-essay"] = "45"
    response = client.post(url, data)
    assert response.status_code == 422
    assert "甲 乙 写作 45 超过满分 40" in response.content.decode()
    assert ExamMarkEntry.objects.get(registration=a, marker="乙", item="essay").value == D("30")
    data[f"m-{a.pk}-1-essay"] = "31.5"
    assert client.post(url, data).status_code == 302
    assert ExamMarkEntry.objects.get(registration=a, marker="乙", item="essay").value == D("31.5")


def test_evaluation_grid_locked_after_stage(client_for, hr_admin, flow):
    _campaign, pos, (a, _b, _c) = flow
    client = client_for(hr_admin)
    url = reverse("selection:entry_position", args=[pos.pk, "evaluation"])
    assert "已锁定" in client.get(url).content.decode()
    response = client.post(url, {f"e-{a.pk}-eligible": "60", f"e-{a.pk}-returned": "60"})
    assert response.status_code == 422 and "已锁定" in response.content.decode()
    assert EvaluationEntry.objects.get(registration=a).eligible == 60 - 0  # unchanged (was 60)


def test_results_xlsx_reads_back(client_for, hr_admin, flow):
    campaign, _pos, _regs = flow
    client = client_for(hr_admin)
    response = client.get(reverse("selection:results_xlsx", args=[campaign.pk, "exam"]))
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    head = list(rows[0])
    assert head[:3] == ["职位", "名次", "姓名"] and "笔试后加权合计" in head
    first = dict(zip(head, rows[1], strict=False))
    assert first["姓名"] == "甲" and first["名次"] == 1
    assert D(str(first["笔试后加权合计"])) == D("60.70") and first["进入下一环节"] == "是"
    assert D(str(first["笔试权重"])) == D("24.00")


def test_score_notice_docx_reads_back(client_for, hr_admin, flow):
    _campaign, _pos, (a, _b, _c) = flow
    response = client_for(hr_admin).get(reverse("selection:results_notice_docx", args=[a.pk]))
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "成绩通知单" in text and "甲同志" in text and "进入面试环节" in text
    cells = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert ["民主测评分数", "90.00", "18.00", "1"] == cells[2][:4]
    assert cells[4][:2] == ["笔试后加权合计", "60.70"]


def test_api_results_and_lists(client_for, hr_admin, liaison, flow):
    campaign, _pos, (a, _b, _c) = flow
    client = client_for(hr_admin)
    data = client.get(f"/api/selection/results/{campaign.pk}?stage=exam").json()
    row = next(r for r in data["rows"] if r["registration_id"] == a.pk)
    assert row["rank"] == 1 and row["advances"] is True
    assert D(row["scores"]["after_exam"]["value"]) == D("60.70")
    assert row["scores"]["evaluation"]["derivation"]["rule"] == "R000-15"
    client = client_for(liaison)
    assert client.get(f"/api/selection/results/{campaign.pk}").status_code == 403
    lists = client.get(f"/api/selection/results/{campaign.pk}/lists").json()
    assert lists[0]["to_exam"] == ["甲", "乙"] and lists[0]["to_interview"] == []
    assert client.get("/api/selection/results/999999/lists").status_code == 404


def test_stage_results_store_scheme_digest(flow):
    campaign, _pos, _regs = flow
    digests = set(
        StageResult.objects.filter(campaign=campaign)
        .exclude(stage="base")
        .values_list("scheme_digest", flat=True)
    )
    assert len(digests) == 1 and len(digests.pop()) == 64


def test_tie_resolution_page_and_post(client_for, hr_admin, leader):
    """RP-05: the unresolved tie is shown with a form for the organiser only; the POST records it."""
    from kaoping.selection.models_stages import StageCut
    from tests.selection.test_results_ties import _to_exam

    _campaign, pos, regs = _to_exam(
        hr_admin,
        "tie_break",
        {"甲": "80", "乙": "80", "丙": "80", "丁": "80"},
        {"甲": (54, 36), "乙": (51, 34), "丙": (48, 32), "丁": (48, 32)},
    )
    cut = StageCut.objects.get(position=pos, cut=StageCut.Cut.INTERVIEW)
    url = reverse("selection:results_position", args=[pos.pk]) + "?stage=exam"
    assert 'id="tie-resolve"' not in client_for(leader).get(url).content.decode()
    resolve = reverse("selection:cut_resolve", args=[cut.pk])
    assert client_for(leader).post(resolve, {"advance": [regs["丙"].pk], "note": "x"}).status_code == 404
    client = client_for(hr_admin)
    html = client.get(url).content.decode()
    assert 'id="tie-resolve"' in html and "按方案须由组织部研究确定" in html
    response = client.post(resolve, {"advance": [regs["丙"].pk, regs["丁"].pk], "note": "会议"}, follow=True)
    assert "剩余名额 1 个" in response.content.decode()
    response = client.post(resolve, {"advance": [regs["丙"].pk], "note": "部务会研究"}, follow=True)
    assert "并列处理结果已记录" in response.content.decode()
    cut.refresh_from_db()
    assert not cut.has_unresolved_tie and cut.resolution_note == "部务会研究"


def test_linked_buttons_on_entry_page(client_for, hr_admin, tree):
    campaign = make_campaign(evaluation_mode=Campaign.InputMode.LINKED)
    pos = make_position(campaign, unit=tree.office)
    make_candidate(pos, "甲", unit=tree.office)
    client = client_for(hr_admin)
    page = reverse("selection:entry_evaluation", args=[campaign.pk])
    assert "创建民主测评" in client.get(page).content.decode()
    response = client.post(
        reverse("selection:entry_linked", args=[campaign.pk, "evaluation", "create"]), follow=True
    )
    html = response.content.decode()
    assert "已创建" in html and "导入最终结果" in html
    response = client.post(
        reverse("selection:entry_linked", args=[campaign.pk, "evaluation", "import"]), follow=True
    )
    assert "民主测评尚未结束" in response.content.decode()
