"""年度考核登记表 (annual assessment registration form) of one cadre, and the 公示 of proposed 优秀 — Word
documents built from plain data (no ORM, no request) with the generic helpers of :mod:`.docx`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kaoping.documents.docx import Cell, DocumentSpec, Heading, Paragraph, Table, Title, docx_bytes


@dataclass(frozen=True)
class CadreForm:
    """What the form shows: identity, post, the score with its formula, the grade and the decision."""

    year: int
    name: str
    gender: str
    birth: str
    political_status: str
    education: str
    unit: str
    post: str
    score: str
    formula: str
    proposed: str
    grade: str
    reasons: Sequence[str] = field(default_factory=tuple)
    decision_reason: str = ""
    streaks: Sequence[str] = field(default_factory=tuple)
    organiser: str = ""


def cadre_form_docx(data: CadreForm) -> bytes:
    """年度考核登记表: a form-like bordered table (label / value pairs) with signature blocks."""
    rows = [
        [Cell(_("姓名"), bold=True), data.name, Cell(_("性别"), bold=True), data.gender],
        [Cell(_("出生年月"), bold=True), data.birth, Cell(_("政治面貌"), bold=True), data.political_status],
        [Cell(_("学历"), bold=True), data.education, Cell(_("单位"), bold=True), data.unit],
        [Cell(_("现任职务"), bold=True), Cell(data.post, span=3)],
        [Cell(_("考核得分"), bold=True), Cell([data.score, data.formula], span=3)],
        [Cell(_("系统建议"), bold=True), Cell([data.proposed, *data.reasons], span=3)],
        [
            Cell(_("考核等次"), bold=True),
            Cell([data.grade, *([data.decision_reason] if data.decision_reason else [])], span=3),
        ],
        [Cell(_("连续年度提示"), bold=True), Cell(list(data.streaks) or [_("无")], span=3)],
        [
            Cell(_("个人总结"), bold=True),
            Cell(["", "", "", "", _("本人签名：　　　　　　　年　　月　　日")], span=3),
        ],
        [Cell(_("主管领导评语"), bold=True), Cell(["", "", _("签名：　　　　　　　年　　月　　日")], span=3)],
        [
            Cell(_("考核委员会意见"), bold=True),
            Cell(["", "", _("（盖章）　　　　　　　年　　月　　日")], span=3),
        ],
        [Cell(_("本人意见"), bold=True), Cell(["", _("签名：　　　　　　　年　　月　　日")], span=3)],
    ]
    spec = DocumentSpec(
        title=_("%(y)s年度考核登记表（%(n)s）") % {"y": data.year, "n": data.name},
        blocks=(
            Title(_("%(y)s年度考核登记表") % {"y": data.year}),
            Paragraph(_("填报单位：%(u)s") % {"u": data.organiser or data.unit}, align="left", size=12),
            Table(rows=rows, widths=(3.2, 4.8, 3.2, 4.8), size=12),
        ),
    )
    return docx_bytes(spec)


@dataclass(frozen=True)
class NoticeEntry:
    name: str
    unit: str
    post: str


def excellent_notice_docx(
    *,
    title: str,
    year: int,
    start: str,
    end: str,
    working_days: int,
    entries: Sequence[NoticeEntry],
    text: str,
    issuer: str,
) -> bytes:
    """公示 of the proposed 优秀 (RP-08): the list, the period in working days and how to object."""
    intro = text or (
        _("根据%(y)s年度综合考核工作安排，经考核、研究，拟确定以下同志%(y)s年度考核等次为优秀，现予以公示。")
        % {"y": year}
    )
    blocks = [
        Title(_("关于%(y)s年度考核拟定优秀等次人选的公示") % {"y": year}),
        Paragraph(intro, indent_first=True),
        Table(
            header=(_("序号"), _("姓名"), _("单位"), _("职务")),
            rows=[(i, e.name, e.unit, e.post) for i, e in enumerate(entries, start=1)],
            widths=(1.5, 3, 6, 5.5),
            align=("center", "center", "left", "left"),
        ),
        Paragraph(
            _(
                "公示期为 %(s)s 至 %(e)s（%(n)s 个工作日）。公示期间，如对公示对象有不同意见，"
                "可通过来信、来电、来访等方式向组织人事部门反映。反映情况应实事求是，以真实姓名反映的优先核查。"
            )
            % {"s": start, "e": end, "n": working_days},
            indent_first=True,
        ),
        Paragraph(issuer, align="right"),
        Paragraph(start, align="right"),
    ]
    if not entries:
        blocks.insert(2, Heading(_("（无拟定优秀等次人选）")))
    return docx_bytes(DocumentSpec(title=title, blocks=tuple(blocks)))
