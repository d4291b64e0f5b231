"""Word/Excel documents of the selection core (R000-26): the 报名表 (annex 1, filled from the registry),
the 职位说明书 (annex 2) and the qualified list (R000-13). Data is read here and handed as plain blocks to
``kaoping.documents`` (fonts named explicitly there: 宋体 / 仿宋 for 汉字)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from kaoping.documents.docx import Cell, DocumentSpec, Paragraph, Table, Title, docx_bytes
from kaoping.documents.xlsx import Column, TableSheet, workbook_bytes
from kaoping.org.adapters import with_history
from kaoping.org.models import Person
from kaoping.selection.models import Campaign, EligibilityReview, OfferedPosition, Registration
from kaoping.selection.selectors import base_results, qualified_registrations

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DEFAULT_YEARS = (2008, 2009, 2010)


def _download(data: bytes, content_type: str, file_name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, file_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def docx_response(data: bytes, name: str) -> HttpResponse:
    return _download(data, DOCX, f"{name}.docx")


def xlsx_response(data: bytes, name: str) -> HttpResponse:
    return _download(data, XLSX, f"{name}.xlsx")


def ym(value: dt.date | None) -> str:
    """出生年月 style: 1965.03."""
    return value.strftime("%Y.%m") if value else ""


def _span(start: dt.date | None, end: dt.date | None) -> str:
    return f"{ym(start)}—{ym(end) if end else '至今'}"


def _years(campaign: Campaign) -> tuple[int, ...]:
    years = ((campaign.scheme or {}).get("base_score") or {}).get("years") or DEFAULT_YEARS
    return tuple(int(y) for y in years)


def resume_lines(person: Person) -> list[str]:
    """工作简历 with secondments (援疆、援藏、挂职…) and training in date order."""
    entries: list[tuple[dt.date, str]] = []
    for line in person.resumelines.all():
        entries.append((line.start_date, f"{_span(line.start_date, line.end_date)}　{line.text}"))
    for s in person.secondments.all():
        place = f"（{s.place}）" if s.place else ""
        entries.append((s.start_date, f"{_span(s.start_date, s.end_date)}　{s.get_kind_display()}{place}"))
    for t in person.trainings.all():
        by = f"（{t.organizer}）" if t.organizer else ""
        entries.append((t.start_date, f"{_span(t.start_date, t.end_date)}　参加{t.name}{by}"))
    return [text for _day, text in sorted(entries, key=lambda e: e[0])]


def _org_opinion(registration: Registration) -> str:
    try:
        review = registration.review
    except EligibilityReview.DoesNotExist:
        return ""
    if review.decision == EligibilityReview.Decision.QUALIFIED:
        return "资格审查合格。"
    if review.decision == EligibilityReview.Decision.REJECTED:
        return f"资格审查不合格：{review.reasons}"
    return ""


def registration_form_fields(registration: Registration) -> dict[str, object]:
    """The annex-1 fields of one registration (also used by the tests)."""
    person = (
        with_history(Person.objects.filter(pk=registration.person_id)).prefetch_related("resumelines").get()
    )
    campaign = registration.campaign
    grades = {a.year: str(a.get_grade_display()) for a in person.annualresults.all()}
    post = person.current_post or (person.rank.name if person.rank_id else "")
    deadline = timezone.localtime(campaign.registration_deadline)
    return {
        "姓名": person.name,
        "性别": person.get_gender_display(),
        "出生年月": ym(person.birth_date),
        "单位及职务": f"{person.unit.name}{post}",
        "学历": person.get_education_display() if person.education else "",
        "参加工作时间": ym(person.work_start_date),
        "任职时间": ym(person.post_start_date or person.rank_start_date),
        "任职级时间": ym(person.rank_start_date),
        "年度考核": [(y, grades.get(y, "")) for y in _years(campaign)],
        "身体状况": registration.health,
        "报名职位": registration.position.title,
        "是否服从组织安排": "是" if registration.obeys_assignment else "否",
        "工作简历": resume_lines(person),
        "单位意见": registration.unit_opinion,
        "负责人签名": registration.unit_signed_by,
        "单位签署日期": timezone.localtime(registration.unit_signed_at).date()
        if registration.unit_signed_at
        else None,
        "组织部意见": _org_opinion(registration),
        "备注": f"报名时间截至{deadline.year}年{deadline.month}月{deadline.day}日{deadline:%H:%M}。"
        "报名表由各单位联络员统一报送组织部。",
    }


def _date_cn(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "年　　月　　日"


def registration_form_docx(registration: Registration) -> bytes:
    """R000-26 报名表 (annex 1): six columns, merged cells as in the seed's form."""
    f = registration_form_fields(registration)
    years = f["年度考核"]
    year_label = "、".join(str(y) for y, _g in years) + "年度考核结果"
    grade_cells = [g or "—" for _y, g in years][:3]
    while len(grade_cells) < 3:
        grade_cells.append("")
    opinion = [f["单位意见"] or "", f"负责人签名：{f['负责人签名']}　　盖章", _date_cn(f["单位签署日期"])]
    rows = [
        ["姓名", f["姓名"], "性别", f["性别"], "出生年月", f["出生年月"]],
        ["单位及职务", Cell(f["单位及职务"], span=3), "学历", f["学历"]],
        ["参加工作时间", f["参加工作时间"], "任职时间", f["任职时间"], "任职级时间", f["任职级时间"]],
        [year_label, *grade_cells, "身体状况", f["身体状况"]],
        ["报名职位", Cell(f["报名职位"], span=3), "是否服从组织安排", f["是否服从组织安排"]],
        [
            "工作简历",
            Cell(
                f["工作简历"]
                or ["（请将参加援疆、援藏、挂职、扶贫、支教、下基层锻炼等情况和参加培训情况填入相应时间段）"],
                span=5,
            ),
        ],
        ["单位意见", Cell(opinion, span=5)],
        ["组织部意见", Cell([f["组织部意见"], "盖章", _date_cn(None)], span=5)],
        ["备注", Cell(f["备注"], span=5)],
    ]
    spec = DocumentSpec(
        title="报名表",
        blocks=(
            Title("报　名　表"),
            Paragraph(registration.campaign.title, align="center", size=12),
            Table(rows=rows, widths=(2.6, 2.6, 2.4, 2.6, 2.6, 2.6), size=10.5),
        ),
    )
    return docx_bytes(spec)


def position_description_docx(position: OfferedPosition) -> bytes:
    """R000-26 职位说明书 (annex 2)."""
    duties = [f"{i}、{d}" for i, d in enumerate(position.duties or [], 1)] or ["—"]
    standards = [f"{i}、{s}" for i, s in enumerate(position.standards or [], 1)] or ["—"]
    rows = [
        ["职位名称", position.title],
        ["所在单位", position.unit.name],
        ["职位层级", f"{position.level}（{position.get_kind_display()}）"],
        ["岗 位 职 责", Cell(duties)],
        ["工 作 标 准", Cell(standards)],
    ]
    if position.requirements:
        rows.append(["任 职 条 件", Cell(position.requirements.splitlines())])
    spec = DocumentSpec(
        title=f"{position.title}职位说明书",
        blocks=(Title(f"{position.title}职位说明书"), Table(rows=rows, widths=(3.2, 12.2), size=12)),
    )
    return docx_bytes(spec)


def qualified_rows(campaign: Campaign) -> list[list[object]]:
    """序号, 竞争职位, 姓名, 性别, 单位及职务, 基础分 — one row per qualified registration (R000-13)."""
    bases = base_results(campaign)
    rows = []
    for i, reg in enumerate(qualified_registrations(campaign), 1):
        person = reg.person
        post = person.current_post or (person.rank.name if person.rank_id else "")
        base = bases.get(reg.pk)
        value = base.value.quantize(base.value.__class__("0.01")) if base and base.value is not None else None
        rows.append(
            [
                i,
                reg.position.title,
                person.name,
                person.get_gender_display(),
                f"{person.unit.name}{post}",
                value,
            ]
        )
    return rows


def qualified_list_docx(campaign: Campaign) -> bytes:
    rows = [r[:5] for r in qualified_rows(campaign)]
    spec = DocumentSpec(
        title="资格审查合格人员名单",
        blocks=(
            Title(f"{campaign.title}资格审查合格人员名单"),
            Table(
                header=("序号", "竞争职位", "姓名", "性别", "单位及职务"),
                rows=rows,
                widths=(1.3, 5.0, 2.2, 1.3, 6.0),
                align=("center", "left", "center", "center", "left"),
            ),
            Paragraph(f"共 {len(rows)} 人。", align="right", size=12),
        ),
    )
    return docx_bytes(spec)


def qualified_list_xlsx(campaign: Campaign) -> bytes:
    columns = (
        Column("序号", 6),
        Column("竞争职位", 30),
        Column("姓名", 10),
        Column("性别", 6),
        Column("单位及职务", 36),
        Column("基础分", 10),
    )
    return workbook_bytes(
        [TableSheet(title="资格审查合格人员名单", columns=columns, rows=qualified_rows(campaign))]
    )
