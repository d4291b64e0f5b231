"""Documents of the selection core read back with python-docx / openpyxl (R000-26, R000-13): the 报名表 with
the seed's annex-1 fields filled from the registry, the 职位说明书 and the qualified list; Chinese fonts are
named explicitly (eastAsia)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from kaoping.org.models import ResumeLine, Training
from kaoping.selection import documents
from kaoping.selection import services_review as revsvc
from kaoping.selection.models import Campaign, Registration
from tests.selection.factories_campaign import (
    add_position,
    add_secondment,
    at_stage,
    aware,
    eligible_person,
    new_campaign,
    register,
)

Stage = Campaign.Stage
pytestmark = pytest.mark.django_db


def cells(doc) -> list[str]:
    """Every physical cell's text, row by row (a horizontally merged cell once)."""
    from docx.table import _Cell

    out = []
    for table in doc.tables:
        for row in table.rows:
            out.extend(_Cell(tc, table).text for tc in row._tr.tc_lst)
    return out


def east_asia_fonts(doc) -> set[str]:
    fonts = set()
    for el in doc.element.body.iter(qn("w:rFonts")):
        value = el.get(qn("w:eastAsia"))
        if value:
            fonts.add(value)
    return fonts


@pytest.fixture
def registration(tree):
    campaign = new_campaign(title="2011年竞争上岗", registration_deadline=aware(2030, 10, 9, 17, 0))
    post = add_position(
        campaign,
        tree.office,
        "办公厅副主任",
        level="副局级",
        duties=["协助办公厅主任工作", "领导分管处、室开展日常工作"],
        standards=["坚决贯彻党的路线、方针、政策"],
        requirements="大学本科以上学历",
    )
    at_stage(campaign, Stage.REGISTRATION)
    person = eligible_person(
        tree.office,
        "赵志刚",
        since=dt.date(2006, 3, 1),
        birth_date=dt.date(1965, 3, 12),
        gender="M",
        education="bachelor",
        work_start_date=dt.date(1987, 7, 1),
        current_post="综合处处长",
    )
    ResumeLine.objects.create(
        person=person,
        start_date=dt.date(1987, 7, 1),
        end_date=dt.date(2006, 2, 28),
        text="办公厅综合处科员、副处长",
    )
    add_secondment(person, "xinjiang", dt.date(2008, 1, 1), dt.date(2009, 6, 30))
    Training.objects.create(
        person=person,
        name="中央党校中青班",
        organizer="中央党校",
        start_date=dt.date(2010, 3, 1),
        end_date=dt.date(2010, 7, 15),
    )
    return register(campaign, post, person)


def test_r000_26_registration_form_fields(registration):
    """R000-26."""
    doc = Document(io.BytesIO(documents.registration_form_docx(registration)))
    text = cells(doc)
    joined = "\n".join(text)
    for expected in (
        "赵志刚",
        "男",
        "1965.03",
        "办公厅综合处处长",
        "大学本科",
        "1987.07",
        "2006.03",
        "2008、2009、2010年度考核结果",
        "称职",
        "优秀",
        "健康",
        "办公厅副主任",
        "是否服从组织安排",
        "同意报名",
        "张主任",
        "报名时间截至2030年10月9日17:00",
    ):
        assert expected in joined, expected
    assert "1987.07—2006.02　办公厅综合处科员、副处长" in joined
    assert "2008.01—2009.06　援疆" in joined
    assert "参加中央党校中青班（中央党校）" in joined
    assert text[text.index("姓名") + 1] == "赵志刚"
    assert text[text.index("是否服从组织安排") + 1] == "是"
    assert "宋体" in east_asia_fonts(doc)


def test_r000_26_org_opinion_after_review(registration):
    """R000-26."""
    at_stage(registration.campaign, Stage.REVIEW)
    reg = Registration.objects.select_related("campaign", "position").get(pk=registration.pk)
    revsvc.review_decide(actor=None, registration=reg, qualified=True)
    doc = Document(io.BytesIO(documents.registration_form_docx(reg)))
    assert "资格审查合格。" in "\n".join(cells(doc))


def test_r000_26_position_description(registration):
    """R000-26."""
    doc = Document(io.BytesIO(documents.position_description_docx(registration.position)))
    text = cells(doc)
    assert text[text.index("职位名称") + 1] == "办公厅副主任"
    duties = text[text.index("岗 位 职 责") + 1]
    assert "1、协助办公厅主任工作" in duties and "2、领导分管处、室开展日常工作" in duties
    assert "1、坚决贯彻党的路线、方针、政策" in text[text.index("工 作 标 准") + 1]
    assert "大学本科以上学历" in text[text.index("任 职 条 件") + 1]
    assert doc.paragraphs[0].text == "办公厅副主任职位说明书"


def test_r000_13_qualified_list_documents(registration, tree, client_for, hr_admin):
    """R000-13."""
    campaign = registration.campaign
    other = register(campaign, registration.position, eligible_person(tree.office, "钱不合格"))
    at_stage(campaign, Stage.REVIEW)
    for reg, ok in ((registration, True), (other, False)):
        reg = Registration.objects.select_related("campaign", "position").get(pk=reg.pk)
        revsvc.review_decide(actor=None, registration=reg, qualified=ok, reasons="" if ok else "不符合条件")
    client = client_for(hr_admin)
    response = client.get(reverse("selection:qualified_xlsx", args=[campaign.pk]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("序号", "竞争职位", "姓名", "性别", "单位及职务", "基础分")
    assert len(rows) == 2
    assert rows[1][1:5] == ("办公厅副主任", "赵志刚", "男", "办公厅综合处处长")
    # 处长 30 + 称职 15 + 优秀 17 + 优秀 17 + 援疆 2008-01—2009-06 inside the rank since 2006: 3 half-years 4.5
    assert str(rows[1][5]) in ("83.5", "83.50")
    doc = Document(io.BytesIO(client.get(reverse("selection:qualified_docx", args=[campaign.pk])).content))
    text = cells(doc)
    assert "赵志刚" in text and "钱不合格" not in text
    assert any("共 1 人" in p.text for p in doc.paragraphs)


def test_download_names(registration, client_for, hr_admin):
    client = client_for(hr_admin)
    response = client.get(reverse("selection:registration_docx", args=[registration.pk]))
    assert response.status_code == 200
    assert "wordprocessingml" in response["Content-Type"]
    response = client.get(reverse("selection:position_docx", args=[registration.position.pk]))
    assert response.status_code == 200


def test_r000_26_all_position_descriptions(registration, tree, client_for, liaison):
    """R000-26: annex 2 for the whole campaign, one 职位说明书 per page, in position order."""
    campaign = registration.campaign
    from kaoping.selection.models import OfferedPosition

    OfferedPosition.objects.create(
        campaign=campaign,
        order=99,
        title="宣传教育部副部长",
        unit=tree.office,
        level="副局级",
        duties=["协助部长工作"],
    )
    response = client_for(liaison).get(reverse("selection:positions_docx", args=[campaign.pk]))
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    titles = [p.text for p in doc.paragraphs if p.text.endswith("职位说明书")]
    assert titles == ["办公厅副主任职位说明书", "宣传教育部副部长职位说明书"]
    assert "1、协助部长工作" in cells(doc)
