"""Import of the entry templates (.xlsx, see documents_results.entry_template_xlsx): the whole file is
read and validated, then saved through the entry services in one transaction — a bad row anywhere means
nothing is imported, and every problem is reported with its row number."""

from __future__ import annotations

from collections import defaultdict
from io import BytesIO

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.documents.xlsx import restore_cell
from kaoping.selection import documents_results as doc
from kaoping.selection import services_entry as entry
from kaoping.selection import services_entry_evaluation as entry_eval
from kaoping.selection.models import Campaign, OfferedPosition
from kaoping.selection.selectors_results import scheme_of, stage_participants

Stage = Campaign.Stage
MAX_ROWS = 20_000


def _rows(file) -> tuple[list[str], list[tuple[int, list]]]:
    try:
        wb = load_workbook(BytesIO(file.read()), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a non-xlsx upload
        raise DomainError(_("无法读取该文件，请上传由模板填写的 .xlsx 文件。"), code="bad_file") from exc
    ws = wb.worksheets[0]
    it = ws.iter_rows(values_only=True)
    header = [str(restore_cell(h)).strip() if h is not None else "" for h in next(it, ())]
    rows = []
    for n, values in enumerate(it, start=2):
        values = [restore_cell(v) for v in values]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        rows.append((n, values))
        if len(rows) > MAX_ROWS:
            raise DomainError(_("文件行数过多（最多 %(n)s 行）。") % {"n": MAX_ROWS}, code="too_many_rows")
    wb.close()
    return header, rows


def _col(header: list[str], name: str, problems: list[str]) -> int | None:
    if name not in header:
        problems.append(_("缺少列“%(c)s”，请使用下载的模板。") % {"c": name})
        return None
    return header.index(name)


def _cell(values: list, idx: int | None):
    if idx is None or idx >= len(values):
        return None
    v = values[idx]
    return v.strip() if isinstance(v, str) else v


def _reg_id(value, n: int, regs: dict, problems: list[str]):
    try:
        pk = int(str(value).strip())
    except (TypeError, ValueError):
        problems.append(_("第%(n)s行：报名编号“%(v)s”无效") % {"n": n, "v": value})
        return None
    if pk not in regs:
        problems.append(_("第%(n)s行：报名编号 %(v)s 不在本阶段名单中") % {"n": n, "v": pk})
        return None
    return pk


def _raise(problems: list[str]) -> None:
    if problems:
        raise ValidationFailed({"file": problems})


@transaction.atomic
def entry_import(*, actor, campaign: Campaign, stage: str, file) -> int:
    """Import a filled entry template of ``stage``; returns the number of candidates (evaluation) or
    positions (marks) written."""
    entry.require_entry_stage(campaign, stage)
    scheme = scheme_of(campaign)
    header, rows = _rows(file)
    regs = {r.pk: r for r in stage_participants(campaign, stage)}
    problems: list[str] = []
    if stage == Stage.EVALUATION:
        cols = {h: _col(header, h, problems) for h in doc.evaluation_columns(scheme)}
        _raise(problems)
        inputs, seen = [], set()
        for n, values in rows:
            pk = _reg_id(_cell(values, cols[doc.H_ID]), n, regs, problems)
            if pk is None:
                continue
            if pk in seen:
                problems.append(_("第%(n)s行：报名编号 %(v)s 重复") % {"n": n, "v": pk})
                continue
            seen.add(pk)
            row = entry_eval.EvaluationInput(
                registration_id=pk,
                eligible=_cell(values, cols[doc.H_ELIGIBLE]),
                returned=_cell(values, cols[doc.H_RETURNED]),
            )
            for g in scheme.evaluation.groups:
                row.issued[g.key] = _cell(values, cols[f"{g.key}表发出"])
                row.returned_by_group[g.key] = _cell(values, cols[f"{g.key}表收回"])
                row.counts[g.key] = {
                    o.name: _cell(values, cols[f"{g.key}表{o.name}"]) for o in scheme.evaluation.options
                }
            inputs.append((n, row))
        _raise(problems)
        try:
            return entry_eval.evaluation_entries_save(
                actor=actor, campaign=campaign, rows=[r for _n, r in inputs]
            )
        except ValidationFailed as exc:
            lines = {f"row-{r.registration_id}": n for n, r in inputs}
            _raise(
                [
                    (_("第%(n)s行：") % {"n": lines[k]} if k in lines else "") + m
                    for k, msgs in exc.errors.items()
                    for m in msgs
                ]
            )
            raise
    items = scheme.exam_items if stage == Stage.EXAM else scheme.interview_parts
    rater_head = doc.H_MARKER if stage == Stage.EXAM else doc.H_EXAMINER
    cols = {h: _col(header, h, problems) for h in [doc.H_ID, rater_head]}
    item_cols = {i.key: _col(header, doc.item_header(i), problems) for i in items}
    chief_col = _col(header, doc.H_CHIEF, problems) if stage == Stage.INTERVIEW else None
    _raise(problems)
    raters: dict[int, list[str]] = defaultdict(list)
    chiefs: dict[int, set[str]] = defaultdict(set)
    marks: dict[int, dict] = defaultdict(dict)
    for n, values in rows:
        pk = _reg_id(_cell(values, cols[doc.H_ID]), n, regs, problems)
        rater = str(_cell(values, cols[rater_head]) or "").strip()
        if pk is None:
            continue
        if not rater:
            problems.append(_("第%(n)s行：请填写%(h)s") % {"n": n, "h": rater_head})
            continue
        position_id = regs[pk].position_id
        if rater not in raters[position_id]:
            raters[position_id].append(rater)
        if chief_col is not None:
            flag = str(_cell(values, chief_col) or "").strip()
            if flag not in (doc.YES, doc.NO, ""):
                problems.append(_("第%(n)s行：“是否主考官”应填“是”或“否”") % {"n": n})
            elif flag == doc.YES:
                chiefs[position_id].add(rater)
        for key, idx in item_cols.items():
            if (pk, rater, key) in marks[position_id]:
                problems.append(_("第%(n)s行：%(r)s 对该考生的评分重复") % {"n": n, "r": rater})
                break
            marks[position_id][(pk, rater, key)] = _cell(values, idx)
    for names in chiefs.values():
        if len(names) > 1:
            problems.append(_("同一职位只能有一位主考官：%(c)s") % {"c": "、".join(sorted(names))})
    _raise(problems)
    positions = {p.pk: p for p in OfferedPosition.objects.filter(pk__in=marks.keys())}
    for position_id, cells in marks.items():
        position = positions[position_id]
        try:
            if stage == Stage.EXAM:
                entry.exam_marks_save(
                    actor=actor, position=position, markers=raters[position_id], marks=cells
                )
            else:
                chief = next(iter(chiefs[position_id]), None)
                entry.interview_marks_save(
                    actor=actor, position=position, examiners=raters[position_id], chief=chief, marks=cells
                )
        except ValidationFailed as exc:
            problems += [f"{position.title}：{m}" for msgs in exc.errors.values() for m in msgs]
    _raise(problems)
    return len(marks)
