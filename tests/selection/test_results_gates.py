"""Stage gates of the results part: participation (R000-16), the evaluation pass mark (R000-17), vacancy,
the blocking issues of evaluation → exam → interview → inspection, and locking once a stage has closed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kaoping.common.errors import DomainError
from kaoping.selection import services_entry
from kaoping.selection import services_results as svc
from kaoping.selection.models import Campaign, OfferedPosition
from kaoping.selection.models_stages import StageResult
from tests.selection.factories_results import (
    enter_evaluation,
    enter_exam,
    enter_interview,
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


def _ev(reg):
    return StageResult.objects.get(registration=reg, stage="evaluation")


def test_participation_79_99_invalid_80_valid_r000_16(hr_admin, setup):
    """7 999 of 10 000 (79.99 %) → invalid with the reason, and blocks the exam; 8 000 (80 %) is valid."""
    campaign, _pos, (a, b, c) = setup
    enter_evaluation(
        hr_admin,
        campaign,
        [
            evaluation_row(a, eligible=10000, returned=7999),
            evaluation_row(b, eligible=10000, returned=8000),
            evaluation_row(c),
        ],
    )
    svc.results_compute(campaign=campaign, actor=hr_admin)
    assert _ev(a).value is None and _ev(a).advances is None
    assert "未达到应参加人数的 80%" in _ev(a).note
    assert _ev(b).value == D("90.00") and _ev(b).advances is True
    issues = svc.results_blocking_issues(campaign, Stage.EXAM)
    assert len(issues) == 1 and "甲" in issues[0] and "80%" in issues[0]


def test_evaluation_59_99_stops_60_passes_r000_17(hr_admin, setup):
    """B table 5 999 胜任 of 6 000 → 5999×60/6000 = 59.99 (A table all 不胜任 = 0.00) → no exam;
    6 000 of 6 000 → 60.00 → exam (inclusive)."""
    campaign, _pos, (a, b, c) = setup
    enter_evaluation(
        hr_admin,
        campaign,
        [
            evaluation_row(a, (0, 0, 10), (5999, 0, 1)),
            evaluation_row(b, (0, 0, 10), (6000, 0, 0)),
            evaluation_row(c),
        ],
    )
    svc.results_compute(campaign=campaign, actor=hr_admin)
    assert (_ev(a).value, _ev(a).advances) == (D("59.99"), False)
    assert (_ev(b).value, _ev(b).advances) == (D("60.00"), True)
    assert svc.results_blocking_issues(campaign, Stage.EXAM) == []


def test_position_with_nobody_left_is_vacant(hr_admin, setup):
    campaign, pos, regs = setup
    enter_evaluation(hr_admin, campaign, [evaluation_row(r, (0, 0, 10), (0, 10, 40)) for r in regs])
    summary = svc.results_compute(campaign=campaign, actor=hr_admin)
    pos.refresh_from_db()
    assert pos.status == OfferedPosition.Status.VACANT and summary.vacant == [pos.title]
    # corrected counts reopen it
    enter_evaluation(hr_admin, campaign, [evaluation_row(r) for r in regs])
    svc.results_compute(campaign=campaign, actor=hr_admin)
    pos.refresh_from_db()
    assert pos.status == OfferedPosition.Status.OPEN


def test_blocking_evaluation_to_exam(hr_admin, setup):
    """Missing counts, not computed, computed but stale after a change: each listed."""
    campaign, _pos, (a, b, c) = setup
    issues = svc.results_blocking_issues(campaign, Stage.EXAM)
    assert sum("尚未录入民主测评票数" in i for i in issues) == 3
    assert any("尚未计算" in i for i in issues)
    enter_evaluation(hr_admin, campaign, [evaluation_row(r) for r in (a, b, c)])
    svc.results_compute(campaign=campaign, actor=hr_admin)
    assert svc.results_blocking_issues(campaign, Stage.EXAM) == []
    enter_evaluation(hr_admin, campaign, [evaluation_row(a, (7, 3, 0))])
    assert any("未重新计算" in i for i in svc.results_blocking_issues(campaign, Stage.EXAM))


def test_blocking_exam_to_interview_and_interview_to_inspection(hr_admin, setup):
    campaign, pos, (a, b, c) = setup
    enter_evaluation(hr_admin, campaign, [evaluation_row(r) for r in (a, b, c)])
    svc.results_compute(campaign=campaign, actor=hr_admin)
    campaign = move(campaign, Stage.EXAM, hr_admin)
    enter_exam(hr_admin, pos, {a: [(50, 30), (50, 30)], b: [(40, 30), (40, 30)]})
    issues = svc.results_blocking_issues(campaign, Stage.INTERVIEW)
    assert any("丙" in i and "尚未录入笔试成绩" in i for i in issues)
    # one marker's essay missing for 丙 → incomplete, named
    services_entry.exam_marks_save(
        actor=hr_admin,
        position=pos,
        markers=["甲", "乙"],
        marks={
            **{
                (r.pk, m, k): v
                for r, v1 in ((a, 50), (b, 40))
                for m in ("甲", "乙")
                for k, v in (("case", v1), ("essay", 30))
            },
            (c.pk, "甲", "case"): 40,
            (c.pk, "甲", "essay"): 30,
            (c.pk, "乙", "case"): 40,
        },
    )
    svc.results_compute(campaign=campaign, actor=hr_admin)
    issues = svc.results_blocking_issues(campaign, Stage.INTERVIEW)
    assert any("丙" in i and "乙 写作" in i for i in issues), issues
    enter_exam(hr_admin, pos, {a: [(50, 30)] * 2, b: [(40, 30)] * 2, c: [(40, 30)] * 2})
    svc.results_compute(campaign=campaign, actor=hr_admin)
    assert svc.results_blocking_issues(campaign, Stage.INTERVIEW) == []
    campaign = move(campaign, Stage.INTERVIEW, hr_admin)
    issues = svc.results_blocking_issues(campaign, Stage.INSPECTION)
    assert sum("尚未录入面试成绩" in i for i in issues) == 3
    enter_interview(hr_admin, pos, {r: [(30, 50)] * 7 for r in (a, b, c)})
    svc.results_compute(campaign=campaign, actor=hr_admin)
    assert svc.results_blocking_issues(campaign, Stage.INSPECTION) == []


def test_locked_after_the_stage_moves_on(hr_admin, setup):
    campaign, pos, regs = setup
    enter_evaluation(hr_admin, campaign, [evaluation_row(r) for r in regs])
    svc.results_compute(campaign=campaign, actor=hr_admin)
    campaign = move(campaign, Stage.EXAM, hr_admin)
    with pytest.raises(DomainError) as exc:
        enter_evaluation(hr_admin, campaign, [evaluation_row(regs[0], (1, 1, 8))])
    assert exc.value.code == "locked" and "已锁定" in exc.value.message
    with pytest.raises(DomainError) as exc:
        svc.results_compute(campaign=campaign, stage=Stage.EVALUATION, actor=hr_admin)
    assert exc.value.code == "locked"
    with pytest.raises(DomainError) as exc:  # interview marks before the interview stage
        enter_interview(hr_admin, pos, {})
    assert exc.value.code == "wrong_stage"
    assert _ev(regs[0]).value == D("90.00")
