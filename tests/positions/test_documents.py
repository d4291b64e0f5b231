"""Documents of an establishment plan (seed 004): the 岗位设置分布表 as .xlsx and .docx (annex 2 with totals),
a 岗位说明书 (annex 3) with the rendered hiring condition, the plan .docx with its chart, and the download
views (anonymous → login, no capability / other unit → 404, allowed → the file)."""

import io
import zipfile
from urllib.parse import unquote

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from kaoping.accounts.roles import Role
from kaoping.positions import chart_data, documents, services, views_documents
from tests.factories import make_user

COUNTS_TOTAL = 31


def _line(plan, name, grade):
    return plan.lines.get(name=name, grade=grade)


# ----------------------------------------------------------------------------------------- distribution


def test_distribution_rows_group_by_category_with_subtotals_and_total(plan):
    rows = documents.distribution_rows(plan)
    lines = [r for r in rows if not r.is_total]
    totals = [r for r in rows if r.is_total]
    assert len(lines) == 13 and [r.number for r in lines] == list(range(1, 14))
    assert [(t.department, t.category, t.count) for t in totals] == [
        ("小计", "管理岗位", 18),
        ("小计", "专业技术岗位", 13),
        ("合计", "", 31),
    ]
    assert (lines[0].name, lines[0].category, lines[0].grade, lines[0].count) == (
        "主任",
        "管理岗位",
        "6级",
        1,
    )


def test_distribution_docx_reads_back(plan):
    doc = Document(io.BytesIO(documents.distribution_docx(plan)))
    assert doc.paragraphs[0].text == "中国工运研究所岗位设置分布表"
    (table,) = doc.tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["序号", "部门", "岗位名称", "岗位类别", "岗位等级", "岗位数"]
    body = rows[1:]
    assert len(body) == 13 + 3  # 13 lines, two category subtotals, the total
    line_rows = [r for r in body if r[0]]
    assert len(line_rows) == 13
    assert sum(int(r[5]) for r in line_rows) == COUNTS_TOTAL
    assert body[-1][1] == "合计" and body[-1][5] == "31"
    assert ["", "小计", "", "专业技术岗位", "", "13"] in body
    assert line_rows[5] == ["6", "常州市信息中心", "高级工程师、经济师", "专业技术岗位", "5级", "1"]


def test_distribution_xlsx_reads_back_with_totals(plan):
    wb = load_workbook(io.BytesIO(documents.distribution_xlsx(plan)))
    ws = wb["岗位设置分布表"]
    values = list(ws.iter_rows(values_only=True))
    assert values[0] == ("序号", "部门", "岗位名称", "岗位类别", "岗位等级", "岗位数")
    line_rows = [r for r in values[1:] if r[0] is not None]
    assert len(line_rows) == 13 and sum(r[5] for r in line_rows) == COUNTS_TOTAL
    assert values[-1] == (None, "合计", None, None, None, 31)
    summary = list(wb["岗位类别"].iter_rows(values_only=True))
    assert summary[1:] == [("管理岗位", 18, 18, 0), ("专业技术岗位", 13, 13, 0)]


def test_distribution_xlsx_is_formula_injection_safe(plan):
    services.line_update(actor=None, line=_line(plan, "科员", 9), name='=HYPERLINK("http://x","y")')
    ws = load_workbook(io.BytesIO(documents.distribution_xlsx(plan)))["岗位设置分布表"]
    names = [row[2] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://x","y")' in names
    assert all(not (isinstance(n, str) and n.startswith("=")) for n in names)


# ----------------------------------------------------------------------------------------- descriptions


def test_hiring_condition_rendered_in_the_plans_words():
    from kaoping.scoring.presets.establishment import HIRING_CONDITIONS

    five = next(c for c in HIRING_CONDITIONS if c["category"] == "专业技术" and c["grade"] == 5)
    lines = documents.hiring_condition_lines(five)
    assert lines[0] == "须在低一级岗位（专业技术6级）任职满3年，并具备下列条件之一："
    assert lines[1] == "a. 任现职以来，被评为省有突出贡献中青年专家；"
    assert len([ln for ln in lines if ln[:2] in {f"{x}." for x in "abcdefg"}]) == 7
    assert lines[-2].startswith("首次聘用时，已聘副高级专业技术职务6年以上，符合上述条件之一，近3年年度考核")
    assert lines[-1] == "各年度考核均达到“合格”以上。"
    seven = next(c for c in HIRING_CONDITIONS if c["category"] == "专业技术" and c["grade"] == 7)
    assert documents.hiring_condition_lines(seven) == ["按现行各专业系列副高级职称评审条件执行。"]
    assert documents.hiring_condition_lines({}) == []
    assert documents.hiring_condition_lines({"grade": 99}) == []


def test_description_docx_has_duties_standards_and_the_hiring_condition(plan):
    """R004-03: the 岗位说明书 carries unit/department, post, category, grade, count, duties, standards,
    hiring conditions and the date written."""
    line = _line(plan, "高级工程师、经济师", 5)
    services.description_save(
        actor=None,
        line=line,
        duties="1、主持电子政务外网技术工作。\n2、指导中级岗位人员。",
        standards="1、网络安全可靠运行。",
        min_education="大学本科",
        conditions="遵守宪法和法律。",
    )
    doc = Document(io.BytesIO(documents.description_docx(line)))
    assert doc.paragraphs[0].text == "高级工程师、经济师岗位说明书"
    assert "编写日期" in doc.paragraphs[1].text and "中国工运研究所" in doc.paragraphs[1].text
    (table,) = doc.tables
    cells = {row.cells[0].text: row.cells[1] for row in table.rows}
    assert [p.text for p in cells["岗位职责任务"].paragraphs] == [
        "1、主持电子政务外网技术工作。",
        "2、指导中级岗位人员。",
    ]
    assert [p.text for p in cells["岗位工作标准"].paragraphs] == ["1、网络安全可靠运行。"]
    conditions = [p.text for p in cells["任职条件"].paragraphs]
    assert conditions[:3] == ["最低学历：大学本科", "遵守宪法和法律。", "岗位等级任职条件："]
    assert "须在低一级岗位（专业技术6级）任职满3年，并具备下列条件之一：" in conditions
    assert "a. 任现职以来，被评为省有突出贡献中青年专家；" in conditions
    assert [c.text for c in table.rows[1].cells] == [
        "岗位名称",
        "高级工程师、经济师",
        "岗位类别",
        "专业技术岗位",
    ]
    assert [c.text for c in table.rows[2].cells] == ["岗位等级", "5级", "岗位数量", "1"]


def test_description_docx_without_a_description(plan):
    line = plan.lines.get(name="主任")
    line.description.delete()
    doc = Document(io.BytesIO(documents.description_docx(line)))
    texts = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert texts["岗位职责任务"] == "（未填写）"
    assert "年  月  日" in doc.paragraphs[1].text


# ------------------------------------------------------------------------------------------------- plan


def test_plan_docx_has_numbers_tables_check_phases_and_chart(plan):
    data = documents.plan_docx(plan)
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert doc.paragraphs[0].text == "岗位设置方案"
    assert "核定编制31个" in text and "核准岗位总量31个" in text and "单位领导岗位4个" in text
    assert "经检查，岗位设置分布表符合核准的岗位总量、类别数额与结构比例。" in text
    categories, distribution, phases = doc.tables
    assert [c.text for c in categories.rows[1].cells] == ["管理岗位", "18", "58%", "6级", "18", "0"]
    assert [c.text for c in categories.rows[2].cells] == ["专业技术岗位", "13", "42%", "5级", "13", "0"]
    assert len(distribution.rows) == 1 + 13 + 3
    assert [c.text for c in phases.rows[1].cells][:4] == ["1", "实施准备", "2012年3月10日", "2012年3月20日"]
    assert len(phases.rows) == 1 + 5
    assert len(doc.inline_shapes) == 1
    media = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("word/media/")]
    assert media and media[0].endswith(".png")


def test_plan_docx_lists_the_checkers_violations(plan):
    services.line_update(actor=None, line=_line(plan, "科员", 9), count=10)
    doc = Document(io.BytesIO(documents.plan_docx(plan)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "经检查，存在以下问题：" in text
    assert "分布表岗位数量合计 32，与核准岗位总量 31 不一致" in text


def test_chart_data_of_the_seed_plan(plan):
    data = chart_data.structure_chart_data(plan)
    assert [(c.label, c.quota, c.used) for c in data.categories] == [
        ("管理岗位", 18, 18),
        ("专业技术岗位", 13, 13),
    ]
    assert [(b.label, b.count, int(b.target_ratio)) for b in data.bands] == [
        ("高级", 5, 5),
        ("中级", 4, 4),
        ("初级", 4, 4),
    ]
    svg = chart_data.plan_chart(plan, "svg").decode()
    assert "<!-- 管理岗位 -->" in svg and "<!-- 初级 -->" in svg


# ------------------------------------------------------------------------------------------------ views


def _urls(plan):
    line = plan.lines.get(name="主任")
    return [
        (reverse("positions:distribution_xlsx", args=[plan.pk]), views_documents.XLSX, "岗位设置分布表.xlsx"),
        (reverse("positions:distribution_docx", args=[plan.pk]), views_documents.DOCX, "岗位设置分布表.docx"),
        (reverse("positions:plan_docx", args=[plan.pk]), views_documents.DOCX, "岗位设置方案.docx"),
        (reverse("positions:description_docx", args=[line.pk]), views_documents.DOCX, "岗位说明书.docx"),
        (reverse("positions:chart_svg", args=[plan.pk]), "image/svg+xml", ".svg"),
    ]


def test_anonymous_is_sent_to_login(client, plan):
    for url, _type, _name in _urls(plan):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login" in response["Location"], url


def test_marker_gets_404(client_for, marker, plan):
    client = client_for(marker)
    for url, _type, _name in _urls(plan):
        assert client.get(url).status_code == 404, url


def test_liaison_of_another_unit_gets_404(client_for, liaison, plan):
    client = client_for(liaison)
    for url, _type, _name in _urls(plan):
        assert client.get(url).status_code == 404, url


def test_missing_records_are_404(client_for, hr_admin, plan):
    client = client_for(hr_admin)
    assert client.get(reverse("positions:plan_docx", args=[plan.pk + 999])).status_code == 404
    assert client.get(reverse("positions:description_docx", args=[999999])).status_code == 404


@pytest.mark.parametrize("who", ["hr_admin", "own_liaison"])
def test_allowed_users_download_each_document(client_for, hr_admin, tree, plan, who):
    user = hr_admin if who == "hr_admin" else make_user("gys", Role.LIAISON, unit=tree.institute)
    client = client_for(user)
    for url, content_type, name_part in _urls(plan):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == content_type
        disposition = response["Content-Disposition"]
        if content_type == "image/svg+xml":
            assert disposition.startswith("inline") and response.content.startswith(b"<?xml")
        else:
            assert disposition.startswith("attachment") and "filename*=utf-8''" in disposition
            assert response.content[:2] == b"PK"
        assert name_part in unquote(disposition), disposition
