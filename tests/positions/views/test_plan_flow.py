"""The plan pages end to end as hr_admin: create from the seed-004 preset, break and repair the table with the
checker panel following every change, submit, approve, lock; return needs a reason; phases are marked done
(R004-01, R004-02, R004-06)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kaoping.positions.models import EstablishmentPlan, PlanPhase, PostDescription, PostLine

S = EstablishmentPlan.Status
HX = {"HTTP_HX_REQUEST": "true"}


def _detail(client, plan):
    return client.get(reverse("positions:plan_detail", args=[plan.pk])).content.decode()


def test_create_from_preset_shows_the_seed_table_passing(client_for, hr_admin, tree):
    client = client_for(hr_admin)
    page = client.get(reverse("positions:plan_create")).content.decode()
    assert "establishment.seed004" in page
    response = client.post(
        reverse("positions:plan_create"),
        {
            "mode": "preset",
            "preset_key": "establishment.seed004",
            "title": "信息中心岗位设置方案",
            "year": 2012,
            "unit": tree.institute.pk,
        },
    )
    plan = EstablishmentPlan.objects.get(title="信息中心岗位设置方案")
    assert response.status_code == 302
    assert response["Location"] == reverse("positions:plan_detail", args=[plan.pk])
    page = _detail(client, plan)
    assert page.count('id="line-') == 13
    assert "结构检查通过" in page
    assert "合计 31 个岗位" in page
    for phase in ("实施准备", "编写岗位说明书", "签订聘用合同"):
        assert phase in page
    listing = client.get(reverse("positions:plan_list")).content.decode()
    assert "信息中心岗位设置方案" in listing and "草稿" in listing


def test_create_blank_plan_with_numbers_and_template(client_for, hr_admin, tree):
    client = client_for(hr_admin)
    data = {"mode": "blank", "title": "空白方案", "year": 2025, "unit": tree.org_dept.pk}
    response = client.post(reverse("positions:plan_create"), data)
    assert response.status_code == 200
    assert "空白方案须填写此项。" in response.content.decode()
    data |= {
        "approved_staffing": 20,
        "approved_posts": 20,
        "staff_now": 15,
        "template_key": "establishment.national_defaults",
    }
    response = client.post(reverse("positions:plan_create"), data)
    plan = EstablishmentPlan.objects.get(title="空白方案")
    assert response.status_code == 302
    assert plan.approved_posts == 20 and plan.template_source == "establishment.national_defaults"
    page = _detail(client, plan)
    assert "尚未设置岗位。" in page
    assert "岗位设置分布表为空" not in page  # only shown when 上报 is refused


def test_full_flow_break_repair_submit_approve_lock(client_for, hr_admin, office_plan):
    client = client_for(hr_admin)
    plan = office_plan
    # A line that breaks the management quota (18 → 20) and the post total (31 → 33).
    response = client.post(
        reverse("positions:line_create", args=[plan.pk]),
        {"department": "信息中心", "name": "临时科员", "category": "管理", "grade": 9, "count": 2},
        **HX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="plan-checker" hx-swap-oob="true"' in html
    assert 'id="plan-summary" hx-swap-oob="true"' in html
    assert "结构检查通过" not in html
    assert "33" in html and "31" in html and "20" in html and "18" in html
    line = PostLine.objects.get(plan=plan, name="临时科员")

    response = client.post(reverse("positions:plan_submit", args=[plan.pk]))
    html = response.content.decode()
    assert response.status_code == 409
    assert "方案未能上报" in html
    blocked = html.split('id="plan-blocked"')[1].split("</div>\n")[1]
    assert "33" in blocked and "31" in blocked
    plan.refresh_from_db()
    assert plan.status == S.DRAFT

    response = client.post(reverse("positions:line_delete", args=[line.pk]), **HX)
    assert "结构检查通过" in response.content.decode()
    assert not PostLine.objects.filter(pk=line.pk).exists()

    response = client.post(reverse("positions:plan_submit", args=[plan.pk]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == S.SUBMITTED
    response = client.post(reverse("positions:plan_approve", args=[plan.pk]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == S.APPROVED

    page = _detail(client, plan)
    assert "方案已核准，内容已锁定。" in page
    assert 'name="approved_posts"' not in page
    assert reverse("positions:line_create", args=[plan.pk]) not in page

    # Edits are refused by the services (shown in Chinese), whatever the page offers.
    keyuan = plan.lines.get(name="科员")
    response = client.post(
        reverse("positions:line_edit", args=[keyuan.pk]),
        {"department": "信息中心", "name": "科员", "category": "管理", "grade": 9, "count": 3},
        **HX,
    )
    assert "方案已上报或已核准，不能修改" in response.content.decode()
    keyuan.refresh_from_db()
    assert keyuan.count == 9
    response = client.post(reverse("positions:line_delete", args=[keyuan.pk]), follow=True)
    assert "方案已上报或已核准，不能修改" in response.content.decode()
    assert PostLine.objects.filter(pk=keyuan.pk).exists()
    response = client.post(
        reverse("positions:plan_edit", args=[plan.pk]),
        {
            "title": "改名",
            "year": 2012,
            "approved_staffing": 31,
            "approved_posts": 31,
            "staff_now": 24,
            "notice_days": 7,
        },
    )
    assert "方案已上报或已核准，不能修改" in response.content.decode()
    response = client.post(reverse("positions:description_edit", args=[keyuan.pk]), {"duties": "x"})
    assert response.status_code == 302
    assert not PostDescription.objects.filter(line=keyuan, duties="x").exists()


def test_return_needs_a_reason(client_for, hr_admin, office_plan):
    client = client_for(hr_admin)
    client.post(reverse("positions:plan_submit", args=[office_plan.pk]))
    page = _detail(client, office_plan)
    assert "退回</button>" in page
    response = client.post(reverse("positions:plan_return", args=[office_plan.pk]), {"reason": "  "})
    assert response.status_code == 422
    assert "这个字段是必填项。" in response.content.decode() or "必填" in response.content.decode()
    office_plan.refresh_from_db()
    assert office_plan.status == S.SUBMITTED
    response = client.post(
        reverse("positions:plan_return", args=[office_plan.pk]), {"reason": "专技比例需复核"}
    )
    assert response.status_code == 302
    office_plan.refresh_from_db()
    assert office_plan.status == S.DRAFT
    assert 'name="approved_posts"' in _detail(client, office_plan)


def test_phase_complete_removes_it_from_overdue(client_for, hr_admin, office_plan):
    """R004-06: the seed's 2012 phases are all overdue today; 标记完成 makes one 已完成."""
    client = client_for(hr_admin)
    page = _detail(client, office_plan)
    assert page.count("已逾期") == 5
    phase = PlanPhase.objects.get(plan=office_plan, name="实施准备")
    response = client.post(reverse("positions:phase_complete", args=[office_plan.pk, phase.pk]))
    assert response.status_code == 302
    phase.refresh_from_db()
    assert phase.completed_on is not None
    page = _detail(client, office_plan)
    assert page.count("已逾期") == 4
    assert "已完成" in page
    assert f"{phase.completed_on:%Y-%m-%d} 完成" in page


def test_header_numbers_and_category_quota_edit(client_for, hr_admin, office_plan):
    client = client_for(hr_admin)
    data = {
        "title": "新标题",
        "year": 2013,
        "approved_staffing": 31,
        "approved_posts": 32,
        "staff_now": 24,
        "leadership_posts": 4,
        "notice_days": 7,
    }
    response = client.post(reverse("positions:plan_edit", args=[office_plan.pk]), data)
    assert response.status_code == 302
    page = _detail(client, office_plan)
    assert "新标题" in page and "结构检查通过" not in page
    response = client.post(
        reverse("positions:category_set", args=[office_plan.pk]),
        {"category": "管理", "quota": 19, "highest_grade": 6},
    )
    assert response.status_code == 302
    assert office_plan.categories.get(category="管理").quota == 19
    response = client.post(
        reverse("positions:category_set", args=[office_plan.pk]),
        {"category": "管理", "quota": "", "highest_grade": 6},
    )
    assert response.status_code == 422


def test_inline_line_form_shows_field_errors(client_for, hr_admin, office_plan):
    client = client_for(hr_admin)
    response = client.get(reverse("positions:line_create", args=[office_plan.pk]), **HX)
    assert 'name="department"' in response.content.decode()
    response = client.post(
        reverse("positions:line_create", args=[office_plan.pk]),
        {"department": "信息中心", "name": "超级", "category": "管理", "grade": 12, "count": 1},
        **HX,
    )
    assert "管理岗位的等级为 1–10 级。" in response.content.decode()
    assert not PostLine.objects.filter(name="超级").exists()
    cancel = client.get(reverse("positions:lines_section", args=[office_plan.pk]), **HX).content.decode()
    assert 'name="department"' not in cancel and "结构检查通过" in cancel


def test_description_page_saves_and_shows_the_hiring_condition(client_for, hr_admin, office_plan):
    """R004-03: a post description is written and read on its page, structured condition included."""
    client = client_for(hr_admin)
    line = office_plan.lines.get(category="专业技术", grade=5)
    url = reverse("positions:description_edit", args=[line.pk])
    page = client.get(url).content.decode()
    assert "高级工程师、经济师" in page
    assert "任职满 3 年" in page and "（6 级）" in page
    assert "省有突出贡献中青年专家" in page  # achievement a
    assert "取得副高职称满 6 年" in page
    response = client.post(
        url,
        {
            "duties": "负责系统建设\n负责技术指导",
            "standards": "按期完成",
            "min_education": "本科",
            "written_on": "2012-04-01",
        },
    )
    assert response.status_code == 302
    description = PostDescription.objects.get(line=line)
    assert description.duty_list == ["负责系统建设", "负责技术指导"]
    assert description.written_on == dt.date(2012, 4, 1)
    assert description.hiring_condition["grade"] == 5  # the structured condition is kept


@pytest.mark.parametrize("name", ["plan_list", "plan_create"])
def test_pages_have_breadcrumbs(client_for, hr_admin, name):
    page = client_for(hr_admin).get(reverse(f"positions:{name}")).content.decode()
    assert 'class="breadcrumb' in page


def test_plan_page_offers_every_download_and_the_chart(client_for, hr_admin, office_plan):
    """The plan page links the distribution table (xlsx, docx), the plan (docx) and shows the structure chart;
    each post description page links its Word file."""
    from kaoping.positions.views_plans import PLAN_DOCUMENTS

    client = client_for(hr_admin)
    page = _detail(client, office_plan)
    for name, _label in PLAN_DOCUMENTS:
        assert reverse(name, args=[office_plan.pk]) in page
    assert f'<img src="{reverse("positions:chart_svg", args=[office_plan.pk])}?v=' in page
    line = office_plan.lines.first()
    description = client.get(reverse("positions:description_edit", args=[line.pk])).content.decode()
    assert reverse("positions:description_docx", args=[line.pk]) in description


def test_positions_root_redirects_to_the_plan_list(client_for, hr_admin):
    response = client_for(hr_admin).get("/positions/")
    assert response.status_code == 302 and response.url == reverse("positions:plan_list")


def test_new_line_is_appended_at_the_end(client_for, hr_admin, office_plan):
    client = client_for(hr_admin)
    form = client.get(reverse("positions:line_create", args=[office_plan.pk]), **HX).content.decode()
    assert 'name="order" value="0"' not in form
    client.post(
        reverse("positions:line_create", args=[office_plan.pk]),
        {"department": "信息中心", "name": "末行", "category": "管理", "grade": 9, "count": 1, "order": ""},
        **HX,
    )
    assert list(office_plan.lines.values_list("name", flat=True))[-1] == "末行"


def test_R004_06_phases_are_added_and_edited_on_the_plan_page(client_for, hr_admin, leader, office_plan):
    client = client_for(hr_admin)
    url = reverse("positions:phase_create", args=[office_plan.pk])
    response = client.post(url, {"name": "动员部署", "start_date": "2026-03-01", "end_date": "2026-03-20"})
    assert response.status_code == 302
    phase = office_plan.phases.get(name="动员部署")
    bad = client.post(
        reverse("positions:phase_edit", args=[office_plan.pk, phase.pk]),
        {"name": "动员部署", "start_date": "2026-03-20", "end_date": "2026-03-01"},
        follow=True,
    )
    assert "结束日期不能早于开始日期。" in bad.content.decode()
    phase.refresh_from_db()
    assert phase.end_date.isoformat() == "2026-03-20"
    client.post(
        reverse("positions:phase_edit", args=[office_plan.pk, phase.pk]),
        {"name": "动员阶段", "start_date": "2026-03-01", "end_date": "2026-03-31"},
    )
    phase.refresh_from_db()
    assert (phase.name, phase.end_date.isoformat()) == ("动员阶段", "2026-03-31")
    assert (
        client_for(leader)
        .post(url, {"name": "x", "start_date": "2026-01-01", "end_date": "2026-01-02"})
        .status_code
        == 404
    )


def test_RP_10_structure_template_is_edited_as_data_and_checked(client_for, hr_admin, office_plan):
    client = client_for(hr_admin)
    url = reverse("positions:template_edit", args=[office_plan.pk])
    page = client.post(url, {"template": "{not json"}, follow=True).content.decode()
    assert "不是有效的 JSON：第 1 行" in page
    bad = '{"structure_ratios": [{"category": "专业技术", "bands": [], "ratio": [1]}]}'
    page = client.post(url, {"template": bad}, follow=True).content.decode()
    assert "结构比例模板有误" in page
    strict = (
        '{"structure_ratios": [{"category": "专业技术", "bands": [{"name": "高级", "from": 1, "to": 7},'
        ' {"name": "中级", "from": 8, "to": 10}, {"name": "初级", "from": 11, "to": 13}],'
        ' "ratio": [1, 3, 6], "mode": "exact"}]}'
    )
    client.post(url, {"template": strict})
    office_plan.refresh_from_db()
    assert office_plan.template["structure_ratios"][0]["ratio"] == [1, 3, 6]
    page = client.get(reverse("positions:plan_detail", args=[office_plan.pk])).content.decode()
    assert "1:3:6" in page or "1∶3∶6" in page


def test_R004_04_structured_hiring_condition_is_validated_by_the_engine(client_for, hr_admin, office_plan):
    client = client_for(hr_admin)
    line = office_plan.lines.get(category="专业技术", grade=5)
    url = reverse("positions:description_edit", args=[line.pk])
    wrong_grade = '{"category": "专业技术", "grade": 6, "below_grade": 7, "min_years_below": 3}'
    response = client.post(url, {"duties": "x", "hiring_condition": wrong_grade})
    assert response.status_code == 422
    assert "与本岗位（专业技术5级）不一致" in response.content.decode()
    ok = '{"category": "专业技术", "grade": 5, "below_grade": 6, "min_years_below": 2}'
    assert client.post(url, {"duties": "x", "hiring_condition": ok}).status_code == 302
    assert PostDescription.objects.get(line=line).hiring_condition["min_years_below"] == 2
