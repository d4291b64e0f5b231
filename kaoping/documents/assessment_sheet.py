"""Documents of the target assessment (seeds 001, 003): the results workbook (ranking, per-item breakdown,
bonus items), the per-unit archive sheet (考核档案表, .docx, with the two signatures of R003-03) and the
per-person payout workbook (R003-06/07) with each amount's derivation. Plain data in, bytes out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from kaoping.documents import docx as word
from kaoping.documents.xlsx import Column, TableSheet, TextSheet, workbook_bytes


@dataclass(frozen=True)
class RankingRow:
    rank: int | None
    unit: str
    stage: str
    self_total: Decimal | None
    total: Decimal | None
    is_final: bool
    formula: str = ""


@dataclass(frozen=True)
class BreakdownRow:
    unit: str
    item: str
    max_points: Decimal
    self_score: Decimal | None
    proposed: Decimal | None
    adjusted: Decimal | None
    reviewed: Decimal | None
    level: str = ""
    note: str = ""


@dataclass(frozen=True)
class BonusRow:
    unit: str
    item: str
    points: Decimal | None
    note: str = ""


@dataclass(frozen=True)
class ResultsBook:
    title: str
    ranking: Sequence[RankingRow]
    breakdown: Sequence[BreakdownRow]
    bonus: Sequence[BonusRow] = ()
    warnings: Sequence[str] = ()


def results_workbook(book: ResultsBook) -> bytes:
    """考核结果 workbook: 排名, 分项得分 (self vs reviewed), 加分项目, and the checker's warnings."""
    ranking = TableSheet(
        title=_("排名"),
        columns=[
            Column(_("名次"), 8),
            Column(_("单位"), 30),
            Column(_("环节"), 14),
            Column(_("自评合计"), 12),
            Column(_("得分"), 12),
            Column(_("是否最终"), 10),
            Column(_("计算过程"), 60),
        ],
        rows=[
            [r.rank, r.unit, r.stage, r.self_total, r.total, _("是") if r.is_final else _("否"), r.formula]
            for r in book.ranking
        ],
    )
    breakdown = TableSheet(
        title=_("分项得分"),
        columns=[
            Column(_("单位"), 30),
            Column(_("指标/目标"), 24),
            Column(_("分值"), 8),
            Column(_("自评分"), 10),
            Column(_("办公室评议分"), 12),
            Column(_("调整后得分"), 12),
            Column(_("审查得分"), 10),
            Column(_("审查−自评"), 10),
            Column(_("完成等级"), 10),
            Column(_("评议意见"), 30),
        ],
        rows=[
            [
                r.unit,
                r.item,
                r.max_points,
                r.self_score,
                r.proposed,
                r.adjusted,
                r.reviewed,
                None if r.reviewed is None or r.self_score is None else r.reviewed - r.self_score,
                r.level,
                r.note,
            ]
            for r in book.breakdown
        ],
    )
    sheets: list = [ranking, breakdown]
    if book.bonus:
        sheets.append(
            TableSheet(
                title=_("加分项目"),
                columns=[
                    Column(_("单位"), 30),
                    Column(_("加分项目"), 50),
                    Column(_("分值"), 8),
                    Column(_("说明"), 30),
                ],
                rows=[[b.unit, b.item, b.points, b.note] for b in book.bonus],
            )
        )
    if book.warnings:
        sheets.append(TextSheet(title=_("细则检查"), lines=[book.title, *book.warnings]))
    return workbook_bytes(sheets)


@dataclass(frozen=True)
class ArchiveSheet:
    """One unit's 考核档案表."""

    title: str
    unit: str
    year: int
    stage: str
    rows: Sequence[
        tuple[str, str, Decimal, Decimal | None, Decimal | None, str]
    ]  # item, content, max, self, final, note
    bonus: Sequence[tuple[str, Decimal | None, str]] = ()
    total: Decimal | None = None
    formula: str = ""
    summary: str = ""
    feedback: str = ""
    leader_signed: str = ""
    head_signed: str = ""
    log: Sequence[tuple[str, str, str]] = field(default_factory=tuple)  # time, step, actor


def _num(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def archive_docx(sheet: ArchiveSheet) -> bytes:
    """The archive sheet (R003-03): items with self and final scores, bonus, total with its formula, summary,
    feedback, the flow's log and the signatures of the leader in charge and the department head."""
    blocks: list = [
        word.Title(_("%(year)s年度目标管理考核档案表") % {"year": sheet.year}),
        word.Paragraph(sheet.title, align="center", size=12),
        word.Paragraph(_("被考核单位：%(u)s　　环节：%(s)s") % {"u": sheet.unit, "s": sheet.stage}, size=12),
        word.Table(
            header=[_("指标/目标"), _("考核内容"), _("分值"), _("自评分"), _("最终得分"), _("评议意见")],
            rows=[[i, c, _num(m), _num(s), _num(f), n] for i, c, m, s, f, n in sheet.rows],
            widths=[2.6, 6.4, 1.4, 1.6, 1.8, 2.6],
            align=["left", "left", "right", "right", "right", "left"],
            size=9,
        ),
    ]
    if sheet.bonus:
        blocks.append(word.Heading(_("加分项目")))
        blocks.append(
            word.Table(
                header=[_("加分项目"), _("分值"), _("说明")],
                rows=[[t, _num(p), n] for t, p, n in sheet.bonus],
                widths=[9, 2, 5],
                size=9,
            )
        )
    total = _num(sheet.total) or _("尚未审定")
    blocks.append(word.Paragraph(_("考核得分：%(t)s") % {"t": total}, bold=True))
    if sheet.formula:
        blocks.append(word.Paragraph(sheet.formula, size=10))
    blocks.append(word.Heading(_("年度工作总结")))
    blocks.append(word.Paragraph(sheet.summary or _("（未填写）"), indent_first=True, size=12))
    if sheet.feedback:
        blocks.append(word.Heading(_("反馈意见")))
        blocks.append(word.Paragraph(sheet.feedback, indent_first=True, size=12))
    if sheet.log:
        blocks.append(word.Heading(_("考核流程记录")))
        blocks.append(
            word.Table(
                header=[_("时间"), _("环节"), _("操作人")],
                rows=[list(r) for r in sheet.log],
                widths=[4, 8, 4],
                size=9,
            )
        )
    blocks.append(
        word.Table(
            rows=[
                [_("分管领导签字"), sheet.leader_signed, _("部门负责人签字"), sheet.head_signed],
            ],
            widths=[3.5, 4.5, 3.5, 4.5],
            size=11,
        )
    )
    return word.docx_bytes(word.DocumentSpec(title=_("目标管理考核档案表"), blocks=blocks))


@dataclass(frozen=True)
class PayoutRow:
    person: str
    unit: str
    basis: str
    score: Decimal | None
    is_forfeited: bool
    amount: Decimal | None
    score_formula: str
    bonus_formula: str


def payout_workbook(title: str, rows: Sequence[PayoutRow], notes: Sequence[str] = ()) -> bytes:
    """目标管理奖金发放表 (R003-06/07): one row per person with both derivations."""
    sheet = TableSheet(
        title=_("奖金发放表"),
        columns=[
            Column(_("姓名"), 12),
            Column(_("单位"), 24),
            Column(_("挂钩依据"), 16),
            Column(_("挂钩得分"), 10),
            Column(_("旷工取消"), 10),
            Column(_("目标管理奖金"), 14),
            Column(_("得分计算"), 50),
            Column(_("奖金计算"), 60),
        ],
        rows=[
            [
                r.person,
                r.unit,
                r.basis,
                r.score,
                _("是") if r.is_forfeited else "",
                r.amount,
                r.score_formula,
                r.bonus_formula,
            ]
            for r in rows
        ],
    )
    return workbook_bytes([sheet, TextSheet(title=_("说明"), lines=[title, *notes])])
