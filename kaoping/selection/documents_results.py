"""Results documents: the per-stage results workbook (.xlsx), the entry templates that come back through
the import (.xlsx), and the 成绩通知单 of one candidate (.docx). Built with kaoping/documents."""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from kaoping.documents import docx as word
from kaoping.documents.xlsx import Column, TableSheet, TextSheet, workbook_bytes
from kaoping.selection.models import Campaign, OfferedPosition, Registration
from kaoping.selection.models_stages import EvaluationEntry, StageResult
from kaoping.selection.selectors_results import (
    position_results_table,
    scheme_of,
    shown,
    stage_participants,
    stage_positions,
)
from kaoping.selection.services_entry import marks_grid

Stage = Campaign.Stage
RStage = StageResult.Stage
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Import column headers (the template writes them; the import reads them back).
H_ID, H_POSITION, H_NAME, H_UNIT = "报名编号", "职位", "姓名", "单位"
H_ELIGIBLE, H_RETURNED = "应参加人数", "实际参加人数"
H_MARKER, H_EXAMINER, H_CHIEF = "阅卷人", "考官", "是否主考官"
YES, NO = "是", "否"


def safe_file_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_") or "download"


def _n(value: Decimal | None) -> Decimal | str:
    return "" if value is None else value


def _advance_label(value: bool | None) -> str:
    if value is None:
        return _("待定")
    return _("是") if value else _("否")


# ------------------------------------------------------------------------------------------ results


def results_headers(stage: str) -> list[str]:
    heads = [_("职位"), _("名次"), _("姓名"), _("单位"), _("基础分数"), _("基础权重")]
    heads += [_("民主测评分数"), _("民主测评权重")]
    if stage in (Stage.EXAM, Stage.INTERVIEW):
        heads += [_("笔试分数"), _("笔试权重")]
    if stage == Stage.INTERVIEW:
        heads += [_("面试分数"), _("面试权重")]
    if stage != Stage.EVALUATION:
        heads.append(_("笔试后加权合计") if stage == Stage.EXAM else _("总成绩"))
    heads += [_("并列"), _("进入下一环节"), _("说明")]
    return heads


def results_row_values(position: OfferedPosition, row, stage: str) -> list:
    def pair(score):
        return [_n(score.value), _n(score.weighted)] if score else ["", ""]

    values = [position.title, row.rank or "", row.name, row.unit, *pair(row.base), *pair(row.evaluation)]
    if stage in (Stage.EXAM, Stage.INTERVIEW):
        values += pair(row.exam)
    if stage == Stage.INTERVIEW:
        values += pair(row.interview)
    if stage != Stage.EVALUATION:
        values.append(_n(row.ranking.value) if row.ranking else "")
    note = row.ranking.note if row.ranking else ""
    values += [_("并列") if row.is_tied else "", _advance_label(row.advances), note]
    return values


def results_xlsx(campaign: Campaign, stage: str) -> bytes:
    """All positions' ranking tables of ``stage`` in one sheet (R000-17/19/21)."""
    heads = results_headers(stage)
    rows = []
    for position in stage_positions(campaign).order_by("order", "id"):
        for row in position_results_table(position, stage):
            rows.append(results_row_values(position, row, stage))
    widths = {0: 26, 2: 10, 3: 22}
    columns = [Column(h, width=widths.get(i, 12)) for i, h in enumerate(heads)]
    title = _("%(s)s成绩") % {"s": Stage(stage).label}
    return workbook_bytes([TableSheet(title, columns, rows)])


def results_file_name(campaign: Campaign, stage: str) -> str:
    return safe_file_name(f"{campaign.title}_{Stage(stage).label}成绩") + ".xlsx"


# ------------------------------------------------------------------------------------------ entry templates


def _instructions(stage: str) -> TextSheet:
    lines = {
        Stage.EVALUATION: [
            _("民主测评票数导入说明"),
            _("每位资格审查合格人员一行；报名编号、职位、姓名请勿修改。"),
            _("各表发出、收回票数可不填；填写时各表收回票数之和应等于实际参加人数。"),
            _("某人一行全部留空表示清除其已录入的票数。任一行有误，整份文件都不会导入。"),
        ],
        Stage.EXAM: [
            _("笔试成绩导入说明"),
            _("每位考生每位阅卷人一行；分数不得超过各题满分，最多两位小数。"),
            _("文件中某职位的成绩将整体替换该职位已录入的笔试成绩。任一行有误，整份文件都不会导入。"),
        ],
        Stage.INTERVIEW: [
            _("面试成绩导入说明"),
            _("每位考生每位考官一行；“是否主考官”填“是”或“否”，每个职位只能有一位主考官。"),
            _("文件中某职位的成绩将整体替换该职位已录入的面试成绩。任一行有误，整份文件都不会导入。"),
        ],
    }[stage]
    return TextSheet(_("说明"), lines)


def evaluation_columns(scheme) -> list[str]:
    heads = [H_ID, H_POSITION, H_NAME, H_UNIT, H_ELIGIBLE, H_RETURNED]
    for g in scheme.evaluation.groups:
        heads += [f"{g.key}表发出", f"{g.key}表收回"]
        heads += [f"{g.key}表{o.name}" for o in scheme.evaluation.options]
    return heads


def item_header(item) -> str:
    return f"{item.label}（满分{format(item.max_score.normalize(), 'f')}）"


def entry_template_xlsx(campaign: Campaign, stage: str) -> bytes:
    """The entry template of ``stage`` filled with what is already entered."""
    scheme = scheme_of(campaign)
    regs = list(stage_participants(campaign, stage))
    if stage == Stage.EVALUATION:
        heads = evaluation_columns(scheme)
        entries = {e.registration_id: e for e in EvaluationEntry.objects.filter(registration__in=regs)}
        rows = []
        for reg in regs:
            e = entries.get(reg.pk)
            row = [reg.pk, reg.position.title, reg.person.name, reg.person.unit.name]
            row += [e.eligible, e.returned] if e else ["", ""]
            for g in scheme.evaluation.groups:
                row += [
                    (e.issued_by_group.get(g.key, "") if e else ""),
                    (e.returned_by_group.get(g.key, "") if e else ""),
                ]
                row += [
                    (e.counts.get(g.key, {}).get(o.name, "") if e else "") for o in scheme.evaluation.options
                ]
            rows.append(row)
        title = _("民主测评票数")
    else:
        items = scheme.exam_items if stage == Stage.EXAM else scheme.interview_parts
        rater_head = H_MARKER if stage == Stage.EXAM else H_EXAMINER
        heads = [H_ID, H_POSITION, H_NAME, rater_head]
        if stage == Stage.INTERVIEW:
            heads.append(H_CHIEF)
        heads += [item_header(i) for i in items]
        rows = []
        by_position: dict[int, list[Registration]] = {}
        for reg in regs:
            by_position.setdefault(reg.position_id, []).append(reg)
        for position in stage_positions(campaign).order_by("order", "id"):
            if position.pk not in by_position:
                continue
            raters, chief, values = marks_grid(position, stage)
            if not raters:
                n = 2 if stage == Stage.EXAM else scheme.panel_min
                raters = [f"{rater_head}{i}" for i in range(1, n + 1)]
                chief = raters[0] if stage == Stage.INTERVIEW else None
            for reg in by_position[position.pk]:
                for rater in raters:
                    row = [reg.pk, position.title, reg.person.name, rater]
                    if stage == Stage.INTERVIEW:
                        row.append(YES if rater == chief else NO)
                    row += [_n(values.get((reg.pk, rater, i.key))) for i in items]
                    rows.append(row)
        title = _("笔试成绩") if stage == Stage.EXAM else _("面试成绩")
    columns = [
        Column(
            h,
            width=22 if h in (H_POSITION, H_UNIT) else 12,
            is_required=h in (H_ID,),
            choices=(YES, NO) if h == H_CHIEF else (),
        )
        for h in heads
    ]
    return workbook_bytes(
        [TableSheet(title, columns, rows, validation_rows=max(len(rows), 1)), _instructions(stage)]
    )


def entry_template_file_name(campaign: Campaign, stage: str) -> str:
    return safe_file_name(f"{campaign.title}_{Stage(stage).label}录入模板") + ".xlsx"


# ------------------------------------------------------------------------------------------ 成绩通知单


def score_notice_docx(registration: Registration) -> bytes:
    """成绩通知单 of one candidate: every stage score so far with its derivation text, rank and outcome."""
    from kaoping.scoring.trace import Derivation

    results = {r.stage: r for r in registration.results.all()}
    campaign = registration.campaign
    blocks: list = [
        word.Title(_("成绩通知单")),
        word.Paragraph(
            campaign.title + (f"（{campaign.doc_number}）" if campaign.doc_number else ""), align="center"
        ),
        word.Paragraph(
            _("%(name)s同志：您报名竞争“%(post)s”职位，各环节成绩如下。")
            % {"name": registration.person.name, "post": registration.position.title},
            indent_first=True,
        ),
    ]
    rows = []
    labels = [
        (RStage.BASE, _("基础分数")),
        (RStage.EVALUATION, _("民主测评分数")),
        (RStage.EXAM, _("笔试分数")),
        (RStage.AFTER_EXAM, _("笔试后加权合计")),
        (RStage.INTERVIEW, _("面试分数")),
        (RStage.TOTAL, _("总成绩")),
    ]
    for stage, label in labels:
        r = results.get(stage)
        if r is None:
            continue
        text = Derivation.from_dict(r.derivation).text() if r.derivation else ""
        weighted = (
            "" if r.weighted is None or stage in (RStage.AFTER_EXAM, RStage.TOTAL) else str(shown(r.weighted))
        )
        rank = "" if r.rank is None else str(r.rank) + (_("（并列）") if r.is_tied else "")
        rows.append([label, "" if r.value is None else str(shown(r.value)), weighted, rank, text])
    blocks.append(
        word.Table(
            header=[_("项目"), _("分数"), _("加权分"), _("名次"), _("计算过程")],
            rows=rows,
            widths=[3.2, 1.8, 1.8, 1.6, 8.0],
            align=["left", "right", "right", "center", "left"],
            size=9,
        )
    )
    outcome = results.get(RStage.TOTAL) or results.get(RStage.AFTER_EXAM) or results.get(RStage.EVALUATION)
    if outcome is not None and outcome.advances is not None:
        nxt = {
            RStage.EVALUATION: _("笔试"),
            RStage.AFTER_EXAM: _("面试"),
            RStage.TOTAL: _("组织考察"),
        }[outcome.stage]
        verdict = _("进入%(n)s环节。") if outcome.advances else _("未进入%(n)s环节。")
        blocks.append(word.Paragraph(verdict % {"n": nxt}, indent_first=True))
    blocks.append(word.Paragraph(_("组织部"), align="right"))
    blocks.append(word.Paragraph(timezone.localdate().strftime("%Y-%m-%d"), align="right"))
    return word.docx_bytes(word.DocumentSpec(blocks=blocks, title=_("成绩通知单")))


def score_notice_file_name(registration: Registration) -> str:
    return safe_file_name(f"成绩通知单_{registration.position.title}_{registration.person.name}") + ".docx"
