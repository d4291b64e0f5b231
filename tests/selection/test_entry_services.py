"""Entry services and the .xlsx import: validation in Chinese, marks against the item maxima (R000-18),
the interview panel and its chief (R000-20), per-table tallies (R000-15/16, RP-09), nothing half-saved."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from kaoping.common.errors import ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.selection import documents_results as doc
from kaoping.selection import services_entry as entry
from kaoping.selection import services_entry_evaluation as entry_eval
from kaoping.selection import services_results as svc
from kaoping.selection.models import Campaign
from kaoping.selection.models_stages import EvaluationEntry, ExamMarkEntry, InterviewMarkEntry, StageResult
from kaoping.selection.services_entry_import import entry_import
from tests.selection.factories_results import (
    EXAMINERS,
    enter_evaluation,
    enter_exam,
    evaluation_row,
    make_campaign,
    make_candidate,
    make_position,
    move,
)

pytestmark = pytest.mark.django_db
Stage = Campaign.Stage
D = Decimal


@pytest.fixture
def setup(hr_admin):
    campaign = make_campaign()
    pos = make_position(campaign)
    regs = [make_candidate(pos, n) for n in ("甲", "乙", "丙")]
    return campaign, pos, regs


def _exam_stage(actor, campaign, regs):
    enter_evaluation(actor, campaign, [evaluation_row(r) for r in regs])
    svc.results_compute(campaign=campaign, actor=actor)
    return move(campaign, Stage.EXAM, actor)


def test_evaluation_row_validation_messages_r000_15(hr_admin, setup):
    campaign, _pos, (a, b, c) = setup
    bad = evaluation_row(a, (8, 2, 0), (40, 10, 0), eligible=50, returned=60)
    with pytest.raises(ValidationFailed) as exc:
        enter_evaluation(hr_admin, campaign, [bad, evaluation_row(b)])
    messages = exc.value.errors[f"row-{a.pk}"]
    assert any("实际参加人数 60 超过应参加人数 50" in m for m in messages)
    assert not EvaluationEntry.objects.exists()  # the good row was not saved either
    over = evaluation_row(b, (8, 2, 0), (40, 10, 0))
    over.returned_by_group = {"A": 5, "B": 55}
    with pytest.raises(ValidationFailed) as exc:
        enter_evaluation(hr_admin, campaign, [over])
    assert any("A表各选项票数之和 10 超过收回票数 5" in m for m in exc.value.errors[f"row-{b.pk}"])
    neg = evaluation_row(c)
    neg.counts["A"]["胜任"] = "-1"
    with pytest.raises(ValidationFailed) as exc:
        enter_evaluation(hr_admin, campaign, [neg])
    assert any("应为非负整数" in m for m in exc.value.errors[f"row-{c.pk}"])


def test_evaluation_ballots_over_issued_void_rp_09(hr_admin, setup):
    campaign, _pos, (a, b, c) = setup
    row = evaluation_row(a)
    row.issued = {"A": 10, "B": 45}
    row.returned_by_group = {"A": 10, "B": 50}
    enter_evaluation(hr_admin, campaign, [row, evaluation_row(b), evaluation_row(c)])
    svc.results_compute(campaign=campaign, actor=hr_admin)
    r = StageResult.objects.get(registration=a, stage="evaluation")
    assert r.value is None and "超过发出凭证" in r.note


def test_blank_row_clears_and_audit_lists_changes(hr_admin, setup):
    campaign, _pos, (a, _b, _c) = setup
    enter_evaluation(hr_admin, campaign, [evaluation_row(a)])
    assert EvaluationEntry.objects.count() == 1
    enter_evaluation(hr_admin, campaign, [entry_eval.EvaluationInput(registration_id=a.pk)])
    assert EvaluationEntry.objects.count() == 0
    audit = AuditEntry.objects.filter(note__startswith="录入民主测评票数").order_by("-id").first()
    assert "甲" in audit.changes


def test_exam_mark_above_maximum_refused_r000_18(hr_admin, setup):
    campaign, pos, regs = setup
    campaign = _exam_stage(hr_admin, campaign, regs)
    with pytest.raises(ValidationFailed) as exc:
        enter_exam(hr_admin, pos, {regs[0]: [(60.5, 30), (50, 30)]})
    assert any("甲 甲 案例分析 60.5 超过满分 60" in m for m in exc.value.errors["marks"])
    with pytest.raises(ValidationFailed) as exc:
        enter_exam(hr_admin, pos, {regs[0]: [("abc", 30), (50, "40.001")]})
    joined = "；".join(exc.value.errors["marks"])
    assert "不是有效的分数" in joined and "超过满分 40" in joined
    assert not ExamMarkEntry.objects.exists()
    enter_exam(hr_admin, pos, {regs[0]: [(60, 40), (59.5, 39.5)]})
    assert ExamMarkEntry.objects.count() == 4


def test_interview_panel_size_and_chief_r000_20(hr_admin, setup):
    campaign, pos, regs = setup
    campaign = _exam_stage(hr_admin, campaign, regs)
    enter_exam(hr_admin, pos, {r: [(50, 30)] * 2 for r in regs})
    svc.results_compute(campaign=campaign, actor=hr_admin)
    campaign = move(campaign, Stage.INTERVIEW, hr_admin)
    marks = {(regs[0].pk, e, "statement"): 30 for e in EXAMINERS[:6]}
    with pytest.raises(ValidationFailed) as exc:
        entry.interview_marks_save(
            actor=hr_admin, position=pos, examiners=list(EXAMINERS[:6]), chief="主考", marks=marks
        )
    assert any("考官组应为 7–9 人，现为 6 人" in m for m in exc.value.errors["marks"])
    with pytest.raises(ValidationFailed) as exc:
        entry.interview_marks_save(
            actor=hr_admin, position=pos, examiners=list(EXAMINERS), chief=None, marks={}
        )
    assert "请指定主考官" in exc.value.errors["marks"]
    with pytest.raises(ValidationFailed) as exc:
        entry.interview_marks_save(
            actor=hr_admin,
            position=pos,
            examiners=list(EXAMINERS),
            chief="主考",
            marks={(regs[0].pk, "考官1", "statement"): 41},
        )
    assert any("超过满分 40" in m for m in exc.value.errors["marks"])
    entry.interview_marks_save(
        actor=hr_admin,
        position=pos,
        examiners=list(EXAMINERS),
        chief="主考",
        marks={(regs[0].pk, e, "statement"): 30 for e in EXAMINERS},
    )
    assert InterviewMarkEntry.objects.get(examiner="主考", registration=regs[0]).role == "chief"


def _fill(data: bytes, edit) -> io.BytesIO:
    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    edit(ws)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def test_import_evaluation_template_round_trip(hr_admin, setup):
    campaign, _pos, regs = setup
    data = doc.entry_template_xlsx(campaign, Stage.EVALUATION)
    header = [c.value for c in load_workbook(io.BytesIO(data)).worksheets[0][1]]
    assert header[:6] == ["报名编号", "职位", "姓名", "单位", "应参加人数", "实际参加人数"]

    def fill(ws):
        for row in ws.iter_rows(min_row=2):
            values = {
                "应参加人数": 60,
                "实际参加人数": 60,
                "A表胜任": 8,
                "A表基本胜任": 2,
                "B表胜任": 40,
                "B表基本胜任": 10,
            }
            for cell, head in zip(row, header, strict=False):
                if head in values:
                    cell.value = values[head]

    n = entry_import(actor=hr_admin, campaign=campaign, stage=Stage.EVALUATION, file=_fill(data, fill))
    assert n == 3 and EvaluationEntry.objects.count() == 3
    assert EvaluationEntry.objects.get(registration=regs[0]).counts["A"] == {
        "胜任": 8,
        "基本胜任": 2,
        "不胜任": 0,
    }


def test_import_exam_bad_row_imports_nothing(hr_admin, setup):
    campaign, _pos, regs = setup
    campaign = _exam_stage(hr_admin, campaign, regs)
    data = doc.entry_template_xlsx(campaign, Stage.EXAM)
    ws0 = load_workbook(io.BytesIO(data)).worksheets[0]
    header = [c.value for c in ws0[1]]
    assert header == ["报名编号", "职位", "姓名", "阅卷人", "案例分析（满分60）", "写作（满分40）"]
    assert ws0.max_row == 1 + 3 * 2  # three candidates × two marker rows

    def fill(ws, bad=True):
        for i, row in enumerate(ws.iter_rows(min_row=2)):
            row[4].value = 70 if bad and i == 5 else 50
            row[5].value = 30

    with pytest.raises(ValidationFailed) as exc:
        entry_import(actor=hr_admin, campaign=campaign, stage=Stage.EXAM, file=_fill(data, fill))
    assert any("70 超过满分 60" in m for m in exc.value.errors["file"])
    assert not ExamMarkEntry.objects.exists()
    entry_import(
        actor=hr_admin, campaign=campaign, stage=Stage.EXAM, file=_fill(data, lambda ws: fill(ws, False))
    )
    assert ExamMarkEntry.objects.count() == 12
    svc.results_compute(campaign=campaign, actor=hr_admin)
    assert StageResult.objects.get(registration=regs[0], stage="exam").value == D("80.00")


def test_import_rejects_unknown_file(hr_admin, setup):
    campaign, _pos, _regs = setup
    from kaoping.common.errors import DomainError

    with pytest.raises(DomainError) as exc:
        entry_import(
            actor=hr_admin, campaign=campaign, stage=Stage.EVALUATION, file=io.BytesIO(b"not a workbook")
        )
    assert "无法读取该文件" in exc.value.message
