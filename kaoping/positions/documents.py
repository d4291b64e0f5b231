"""Documents of an establishment plan (seed 004): the 岗位设置分布表 (annex 2) as .xlsx and .docx, the
岗位说明书 of a post line (annex 3) as .docx, the plan itself as .docx with its structure chart, and the
chart alone (SVG for pages).

This module reads the plan through the selectors and turns it into plain data for the pure builders in
``kaoping.documents``; it never writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from kaoping.documents import charts
from kaoping.documents import docx as word
from kaoping.documents.xlsx import Column, TableSheet, workbook_bytes
from kaoping.positions import chart_data, selectors
from kaoping.positions.models import EstablishmentPlan, PostCategory, PostDescription, PostLine
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.hiring import HiringCondition

CATEGORY_ORDER = [PostCategory.MANAGEMENT, PostCategory.PROFESSIONAL, PostCategory.SKILLED]


def _category_label(category: str) -> str:
    return str(PostCategory(category).label) if category in PostCategory.values else category


def _grade_label(grade: int) -> str:
    return _("%(grade)s级") % {"grade": grade}


def _date_label(value: dt.date | None) -> str:
    if value is None:
        return _("    年  月  日")
    return _("%(y)s年%(m)s月%(d)s日") % {"y": value.year, "m": value.month, "d": value.day}


def _safe_file_name(text: str) -> str:
    return "".join("_" if ch in '/\\:*?"<>|' else ch for ch in text).strip() or "document"


# ------------------------------------------------------------------------------------ distribution table


@dataclass(frozen=True)
class DistributionRow:
    """A row of the 岗位设置分布表: a post line (``number`` set) or a total (``is_total``)."""

    number: int | None
    department: str
    name: str
    category: str
    grade: str
    count: int
    is_total: bool = False


def distribution_rows(plan: EstablishmentPlan) -> list[DistributionRow]:
    """The lines grouped by category (管理, 专业技术, 工勤技能; plan order within), a subtotal after each
    category and the overall total last (annex 2 with totals)."""
    lines = list(plan.lines.all())
    order = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    categories = sorted({ln.category for ln in lines}, key=lambda c: order.get(c, len(order)))
    rows: list[DistributionRow] = []
    number = 0
    for category in categories:
        group = [ln for ln in lines if ln.category == category]
        for ln in group:
            number += 1
            rows.append(
                DistributionRow(
                    number,
                    ln.department,
                    ln.name,
                    _category_label(ln.category),
                    _grade_label(ln.grade),
                    ln.count,
                )
            )
        rows.append(
            DistributionRow(
                None,
                _("小计"),
                "",
                _category_label(category),
                "",
                sum(ln.count for ln in group),
                is_total=True,
            )
        )
    rows.append(DistributionRow(None, _("合计"), "", "", "", sum(ln.count for ln in lines), is_total=True))
    return rows


def _distribution_headers() -> list[str]:
    return [_("序号"), _("部门"), _("岗位名称"), _("岗位类别"), _("岗位等级"), _("岗位数")]


def _row_values(row: DistributionRow) -> list:
    return [row.number, row.department, row.name, row.category, row.grade, row.count]


def distribution_title(plan: EstablishmentPlan) -> str:
    return _("%(unit)s岗位设置分布表") % {"unit": plan.unit.name}


def distribution_file_name(plan: EstablishmentPlan, ext: str) -> str:
    return f"{_safe_file_name(distribution_title(plan))}.{ext}"


def distribution_xlsx(plan: EstablishmentPlan) -> bytes:
    plan = selectors.plan_with_rows(plan.pk)
    widths = (6, 22, 22, 14, 10, 8)
    columns = [Column(h, width=w) for h, w in zip(_distribution_headers(), widths, strict=True)]
    summary = TableSheet(
        title=_("岗位类别"),
        columns=[
            Column(_("岗位类别"), width=16),
            Column(_("核准岗位数"), width=12),
            Column(_("已设置岗位数"), width=14),
            Column(_("差额"), width=8),
        ],
        rows=[(r["label"], r["quota"], r["used"], r["diff"]) for r in selectors.category_summary(plan)],
    )
    table = TableSheet(
        title=_("岗位设置分布表"), columns=columns, rows=[_row_values(r) for r in distribution_rows(plan)]
    )
    return workbook_bytes([table, summary])


def _distribution_table(plan: EstablishmentPlan) -> word.Table:
    rows = distribution_rows(plan)
    return word.Table(
        header=_distribution_headers(),
        rows=[["" if v is None else v for v in _row_values(r)] for r in rows],
        widths=(1.3, 4.2, 4.2, 3.0, 2.0, 1.8),
        bold_rows=frozenset(i for i, r in enumerate(rows) if r.is_total),
        align=("center", "left", "left", "center", "center", "center"),
    )


def distribution_docx(plan: EstablishmentPlan) -> bytes:
    plan = selectors.plan_with_rows(plan.pk)
    title = distribution_title(plan)
    return word.docx_bytes(
        word.DocumentSpec(title=title, blocks=[word.Title(title), _distribution_table(plan)])
    )


# -------------------------------------------------------------------------------------- hiring conditions


def _title_level(level: str) -> str:
    return level if level.endswith("级") else level + "级"


def hiring_condition_lines(data: dict) -> list[str]:
    """A structured hiring condition (``PostDescription.hiring_condition``) in the plan's own words, e.g.
    "须在低一级岗位（专业技术6级）任职满3年，并具备下列条件之一：" followed by "a. …" lines."""
    if not data:
        return []
    try:
        cond = HiringCondition.from_dict(data, "hiring_condition")
    except (SchemeError, KeyError, TypeError, ValueError):
        return []
    lines: list[str] = []
    if cond.title_rule:
        lines.append(cond.title_rule + "。")
    if cond.below_grade is not None and cond.min_years_below:
        head = _("须在低一级岗位（%(category)s%(grade)s级）任职满%(years)s年") % {
            "category": cond.category,
            "grade": cond.below_grade,
            "years": cond.min_years_below,
        }
        lines.append(head + (_("，并具备下列条件之一：") if cond.achievements else "。"))
    elif cond.achievements:
        lines.append(_("具备下列条件之一："))
    for code, text in cond.achievements:
        lines.append(_("%(code)s. %(text)s；") % {"code": code, "text": text})
    first = cond.first_appointment
    if first is not None:
        text = _("首次聘用时，已聘%(level)s专业技术职务%(years)s年以上") % {
            "level": _title_level(first.title_level),
            "years": first.min_years,
        }
        if first.needs_achievement and cond.achievements:
            text += _("，符合上述条件之一")
        if first.needs_recent_merit:
            text += _(
                "，近%(n)s年年度考核至少一次达“优秀”（含省级先进个人）、“嘉奖”或担任内设机构正副领导岗位"
            ) % {"n": first.recent_years}
        lines.append(text + "。")
    if cond.min_annual_grade and (cond.below_grade is not None or cond.achievements):
        lines.append(_("各年度考核均达到“%(grade)s”以上。") % {"grade": cond.min_annual_grade})
    return lines


# ----------------------------------------------------------------------------------------- descriptions


def description_title(line: PostLine) -> str:
    return _("%(name)s岗位说明书") % {"name": line.name}


def description_file_name(line: PostLine) -> str:
    label = _("%(name)s（%(category)s%(grade)s级）岗位说明书") % {
        "name": line.name,
        "category": _category_label(line.category),
        "grade": line.grade,
    }
    return f"{_safe_file_name(label)}.docx"


def condition_lines(description: PostDescription | None) -> list[str]:
    """Everything of the 任职条件: education, certificates, free text, then the structured condition."""
    if description is None:
        return []
    lines = []
    if description.min_education:
        lines.append(_("最低学历：%(value)s") % {"value": description.min_education})
    if description.certificates:
        lines.append(_("资格证书：%(value)s") % {"value": description.certificates})
    lines += [x.strip() for x in description.conditions.splitlines() if x.strip()]
    structured = hiring_condition_lines(description.hiring_condition)
    if structured:
        lines.append(_("岗位等级任职条件："))
        lines += structured
    return lines


def description_docx(line: PostLine) -> bytes:
    line = PostLine.objects.select_related("plan__unit").get(pk=line.pk)
    description = PostDescription.objects.filter(line=line).first()
    title = description_title(line)
    dash = _("（未填写）")
    label = {"bold": True, "align": "center"}
    form = word.Table(
        rows=[
            [word.Cell(_("内设机构名称"), **label), word.Cell(line.department, span=3)],
            [
                word.Cell(_("岗位名称"), **label),
                line.name,
                word.Cell(_("岗位类别"), **label),
                _category_label(line.category),
            ],
            [
                word.Cell(_("岗位等级"), **label),
                _grade_label(line.grade),
                word.Cell(_("岗位数量"), **label),
                line.count,
            ],
            [
                word.Cell(_("岗位职责任务"), **label),
                word.Cell((description.duty_list if description else []) or [dash], span=3),
            ],
            [
                word.Cell(_("岗位工作标准"), **label),
                word.Cell((description.standard_list if description else []) or [dash], span=3),
            ],
            [
                word.Cell(_("任职条件"), **label),
                word.Cell(condition_lines(description) or [dash], span=3),
            ],
        ],
        widths=(3.0, 5.2, 2.8, 4.4),
        size=12,
    )
    written = _date_label(description.written_on if description else None)
    return word.docx_bytes(
        word.DocumentSpec(
            title=title,
            blocks=[
                word.Title(title),
                word.Paragraph(
                    _("单位名称（盖章）：%(unit)s　　　　编写日期：%(date)s")
                    % {"unit": line.plan.unit.name, "date": written},
                    size=12,
                ),
                form,
            ],
        )
    )


# -------------------------------------------------------------------------------------------------- plan


def plan_file_name(plan: EstablishmentPlan) -> str:
    return f"{_safe_file_name(plan.title)}.docx"


def _percent(part: int, whole: int) -> str:
    if not whole:
        return "—"
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return f"{value}%"


def plan_docx(plan: EstablishmentPlan) -> bytes:
    """The plan: its numbers, the category table with the chart, the distribution table, the checker's
    result and the phases."""
    plan = selectors.plan_with_rows(plan.pk)
    grades = {c.category: c.highest_grade for c in plan.categories.all()}
    summary = selectors.category_summary(plan)
    check = selectors.plan_check(plan)
    numbers = _(
        "单位：%(unit)s；年度：%(year)s；状态：%(status)s。核定编制%(staffing)s个，现有正式工作人员%(staff)s名，"
        "核准岗位总量%(posts)s个，单位领导岗位%(leaders)s个。"
    ) % {
        "unit": plan.unit.name,
        "year": plan.year,
        "status": plan.get_status_display(),
        "staffing": plan.approved_staffing,
        "staff": plan.staff_now,
        "posts": plan.approved_posts,
        "leaders": plan.leadership_posts if plan.leadership_posts is not None else "—",
    }
    category_table = word.Table(
        header=[_("岗位类别"), _("核准岗位数"), _("占岗位总量"), _("最高等级"), _("已设置"), _("差额")],
        rows=[
            [
                r["label"],
                r["quota"],
                _percent(r["quota"], plan.approved_posts),
                _grade_label(grades[r["category"]]) if grades.get(r["category"]) else "—",
                r["used"],
                f"{r['diff']:+d}" if r["diff"] else "0",
            ]
            for r in summary
        ],
        widths=(3.6, 2.6, 2.6, 2.4, 2.0, 1.8),
        align=("left", "center", "center", "center", "center", "center"),
    )
    if check.passed:
        check_blocks = [word.Paragraph(_("经检查，岗位设置分布表符合核准的岗位总量、类别数额与结构比例。"))]
    else:
        check_blocks = [word.Paragraph(_("经检查，存在以下问题："))] + [
            word.Paragraph(f"{i}. {msg}") for i, msg in enumerate(check.messages, start=1)
        ]
    phases = list(plan.phases.all())
    phase_table = word.Table(
        header=[_("序号"), _("阶段"), _("开始日期"), _("结束日期"), _("完成日期")],
        rows=[
            [
                i,
                p.name,
                _date_label(p.start_date),
                _date_label(p.end_date),
                _date_label(p.completed_on) if p.completed_on else "",
            ]
            for i, p in enumerate(phases, start=1)
        ],
        widths=(1.3, 5.6, 3.2, 3.2, 3.2),
        align=("center", "left", "center", "center", "center"),
    )
    chart_png = charts.structure_chart(chart_data.structure_chart_data(plan), "png")
    blocks: list = [
        word.Title(plan.title),
        word.Heading(_("一、核准岗位情况")),
        word.Paragraph(numbers, indent_first=True),
        word.Heading(_("二、岗位类别与结构")),
        category_table,
        word.Picture(chart_png, width_cm=15.5),
        word.Heading(_("三、岗位设置分布表")),
        _distribution_table(plan),
        word.Heading(_("四、结构比例检查")),
        *check_blocks,
        word.Heading(_("五、实施步骤")),
    ]
    blocks.append(phase_table if phases else word.Paragraph(_("尚未安排实施步骤。")))
    return word.docx_bytes(word.DocumentSpec(title=plan.title, blocks=blocks))
