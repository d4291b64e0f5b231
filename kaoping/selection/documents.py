"""Word/Excel documents of the selection core (R000-26): the 报名表 (annex 1, filled from the registry),
the 职位说明书 (annex 2) and the qualified list (R000-13). Data is read here and handed as plain blocks to
``kaoping.documents`` (fonts named explicitly there: 宋体 / 仿宋 for 汉字)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from kaoping.documents.docx import Cell, DocumentSpec, PageBreak, Paragraph, Table, Title, docx_bytes
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
    return f"{ym(start)}—{ym(end) if end else _('至今')}"


def _years(campaign: Campaign) -> tuple[int, ...]:
    years = ((campaign.scheme or {}).get("base_score") or {}).get("years") or DEFAULT_YEARS
    return tuple(int(y) for y in years)


def resume_lines(person: Person) -> list[str]:
    """工作简历 with secondments (援疆、援藏、挂职…) and training in date order."""
    entries: list[tuple[dt.date, str]] = []
    for line in person.resumelines.all():
        entries.append((line.start_date, f"{_span(line.start_date, line.end_date)}\u3000{line.text}"))
    for s in person.secondments.all():
        place = f"（{s.place}）" if s.place else ""
        entries.append(
            (s.start_date, f"{_span(s.start_date, s.end_date)}\u3000{s.get_kind_display()}{place}")
        )
    for t in person.trainings.all():
        by = f"（{t.organizer}）" if t.organizer else ""
        text = _("参加%(name)s%(by)s") % {"name": t.name, "by": by}
        entries.append((t.start_date, f"{_span(t.start_date, t.end_date)}\u3000{text}"))
    return [text for _day, text in sorted(entries, key=lambda e: e[0])]


def _org_opinion(registration: Registration) -> str:
    try:
        review = registration.review
    except EligibilityReview.DoesNotExist:
        return ""
    if review.decision == EligibilityReview.Decision.QUALIFIED:
        return _("资格审查合格。")
    if review.decision == EligibilityReview.Decision.REJECTED:
        return _("资格审查不合格：%(r)s") % {"r": review.reasons}
    return ""


def registration_form_fields(registration: Registration) -> dict[str, object]:
    """The annex-1 fields of one registration, filled from the registry."""
    person = (
        with_history(Person.objects.filter(pk=registration.person_id)).prefetch_related("resumelines").get()
    )
    campaign = registration.campaign
    grades = {a.year: str(a.get_grade_display()) for a in person.annualresults.all()}
    post = person.current_post or (person.rank.name if person.rank_id else "")
    deadline = timezone.localtime(campaign.registration_deadline)
    signed = timezone.localtime(registration.unit_signed_at).date() if registration.unit_signed_at else None
    return {
        "name": person.name,
        "gender": str(person.get_gender_display()),
        "birth": ym(person.birth_date),
        "unit_post": f"{person.unit.name}{post}",
        "education": str(person.get_education_display()) if person.education else "",
        "work_start": ym(person.work_start_date),
        "post_start": ym(person.post_start_date or person.rank_start_date),
        "level_start": ym(person.rank_start_date),
        "annual": [(y, grades.get(y, "")) for y in _years(campaign)],
        "health": registration.health,
        "position": registration.position.title,
        "obeys": str(_("是") if registration.obeys_assignment else _("否")),
        "resume": resume_lines(person),
        "unit_opinion": registration.unit_opinion,
        "signed_by": registration.unit_signed_by,
        "signed_on": signed,
        "org_opinion": _org_opinion(registration),
        "note": _("报名时间截至%(date)s%(time)s。报名表由各单位联络员统一报送组织部。")
        % {"date": _date_cn(deadline.date()), "time": f"{deadline:%H:%M}"},
    }


def _date_cn(day: dt.date | None) -> str:
    if day is None:
        return _("年\u3000\u3000月\u3000\u3000日")
    return _("%(y)s年%(m)s月%(d)s日") % {"y": day.year, "m": day.month, "d": day.day}


def registration_form_docx(registration: Registration) -> bytes:
    """R000-26 报名表 (annex 1): six columns, merged cells as in the seed's form."""
    f = registration_form_fields(registration)
    years = f["annual"]
    year_label = _("%(years)s年度考核结果") % {"years": "、".join(str(y) for y, _g in years)}
    grade_cells = [g or "—" for _y, g in years][:3]
    while len(grade_cells) < 3:
        grade_cells.append("")
    sign = _("负责人签名：%(name)s\u3000\u3000盖章") % {"name": f["signed_by"]}
    hint = _("（请将参加援疆、援藏、挂职、扶贫、支教、下基层锻炼等情况和参加培训情况填入相应时间段）")
    rows = [
        [_("姓名"), f["name"], _("性别"), f["gender"], _("出生年月"), f["birth"]],
        [_("单位及职务"), Cell(f["unit_post"], span=3), _("学历"), f["education"]],
        [
            _("参加工作时间"),
            f["work_start"],
            _("任职时间"),
            f["post_start"],
            _("任职级时间"),
            f["level_start"],
        ],
        [year_label, *grade_cells, _("身体状况"), f["health"]],
        [_("报名职位"), Cell(f["position"], span=3), _("是否服从组织安排"), f["obeys"]],
        [_("工作简历"), Cell(f["resume"] or [hint], span=5)],
        [_("单位意见"), Cell([f["unit_opinion"] or "", sign, _date_cn(f["signed_on"])], span=5)],
        [_("组织部意见"), Cell([f["org_opinion"], _("盖章"), _date_cn(None)], span=5)],
        [_("备注"), Cell(f["note"], span=5)],
    ]
    spec = DocumentSpec(
        title=_("报名表"),
        blocks=(
            Title(_("报\u3000名\u3000表")),
            Paragraph(registration.campaign.title, align="center", size=12),
            Table(rows=rows, widths=(2.6, 2.6, 2.4, 2.6, 2.6, 2.6), size=10.5),
        ),
    )
    return docx_bytes(spec)


def _position_blocks(position: OfferedPosition) -> tuple:
    duties = [f"{i}、{d}" for i, d in enumerate(position.duties or [], 1)] or ["—"]
    standards = [f"{i}、{s}" for i, s in enumerate(position.standards or [], 1)] or ["—"]
    rows = [
        [_("职位名称"), position.title],
        [_("所在单位"), position.unit.name],
        [_("职位层级"), f"{position.level}（{position.get_kind_display()}）"],
        [_("岗 位 职 责"), Cell(duties)],
        [_("工 作 标 准"), Cell(standards)],
    ]
    if position.requirements:
        rows.append([_("任 职 条 件"), Cell(position.requirements.splitlines())])
    title = _("%(t)s职位说明书") % {"t": position.title}
    return (Title(title), Table(rows=rows, widths=(3.2, 12.2), size=12))


def position_description_docx(position: OfferedPosition) -> bytes:
    """R000-26 职位说明书 (annex 2) of one position."""
    return docx_bytes(
        DocumentSpec(title=_("%(t)s职位说明书") % {"t": position.title}, blocks=_position_blocks(position))
    )


def positions_description_docx(campaign: Campaign) -> bytes:
    """Annex 2 of the whole campaign: every position's 职位说明书, one per page."""
    blocks: list = []
    for i, position in enumerate(campaign.positions.select_related("unit").order_by("order", "id")):
        if i:
            blocks.append(PageBreak())
        blocks.extend(_position_blocks(position))
    return docx_bytes(DocumentSpec(title=_("竞争上岗职位说明书"), blocks=tuple(blocks)))


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
        title=_("资格审查合格人员名单"),
        blocks=(
            Title(_("%(t)s资格审查合格人员名单") % {"t": campaign.title}),
            Table(
                header=(_("序号"), _("竞争职位"), _("姓名"), _("性别"), _("单位及职务")),
                rows=rows,
                widths=(1.3, 5.0, 2.2, 1.3, 6.0),
                align=("center", "left", "center", "center", "left"),
            ),
            Paragraph(_("共 %(n)s 人。") % {"n": len(rows)}, align="right", size=12),
        ),
    )
    return docx_bytes(spec)


def qualified_list_xlsx(campaign: Campaign) -> bytes:
    columns = (
        Column(_("序号"), 6),
        Column(_("竞争职位"), 30),
        Column(_("姓名"), 10),
        Column(_("性别"), 6),
        Column(_("单位及职务"), 36),
        Column(_("基础分"), 10),
    )
    return workbook_bytes(
        [TableSheet(title=_("资格审查合格人员名单"), columns=columns, rows=qualified_rows(campaign))]
    )
