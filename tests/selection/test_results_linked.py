"""Linked mode: the 民主测评 round, the written exam and the interview are created in the ballots / marking
apps with the stage's participants (external_ref = selection.registration:<pk>), and the final results come
back (R000-15/16 tallies into EvaluationEntry, source = ballots). Results not final yet are refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from kaoping.common.errors import DomainError
from kaoping.selection import services_linked as linked
from kaoping.selection import services_results as svc
from kaoping.selection.models import Campaign
from kaoping.selection.models_stages import EvaluationEntry, StageResult
from tests.selection.factories_results import (
    enter_evaluation,
    evaluation_row,
    make_campaign,
    make_candidate,
    make_position,
    move,
)

pytestmark = pytest.mark.django_db
Stage = Campaign.Stage
LINKED = Campaign.InputMode.LINKED


def _campaign(**modes):
    campaign = make_campaign(**modes)
    pos = make_position(campaign)
    regs = [make_candidate(pos, n) for n in ("甲", "乙", "丙")]
    return campaign, pos, regs


def test_manual_campaign_refuses_linked_actions(hr_admin):
    campaign, _pos, _regs = _campaign()
    with pytest.raises(DomainError) as exc:
        linked.linked_create(actor=hr_admin, campaign=campaign, stage=Stage.EVALUATION)
    assert exc.value.code == "not_linked"


def test_evaluation_round_created_and_tallies_imported_r000_15(hr_admin):
    from kaoping.ballots.models import EvaluationRound, PaperReturn, PaperTally

    campaign, _pos, regs = _campaign(evaluation_mode=LINKED)
    rnd = linked.linked_create(actor=hr_admin, campaign=campaign, stage=Stage.EVALUATION)
    refs = sorted(rnd.subjects.values_list("external_ref", flat=True))
    assert refs == sorted(f"selection.registration:{r.pk}" for r in regs)
    assert sorted(rnd.groups.values_list("key", flat=True)) == ["A", "B"]
    with pytest.raises(DomainError) as exc:  # a second round is refused
        linked.linked_create(actor=hr_admin, campaign=campaign, stage=Stage.EVALUATION)
    assert exc.value.code == "exists"
    with pytest.raises(DomainError) as exc:  # not closed yet
        linked.linked_import(actor=hr_admin, campaign=campaign, stage=Stage.EVALUATION)
    assert exc.value.code == "not_final"
    # paper ballots keyed in: A 10 of 10, B 50 of 50; 甲 A 8/2/0 B 40/10/0 → 36.00 + 54.00 = 90.00
    counts = {"A": (8, 2, 0), "B": (40, 10, 0)}
    for g in rnd.groups.all():
        n = 10 if g.key == "A" else 50
        g.eligible = g.paper_issued = n
        g.save()
        PaperReturn.objects.create(round=rnd, group=g, returned=n)
        for subject in rnd.subjects.all():
            for option, c in zip(("胜任", "基本胜任", "不胜任"), counts[g.key], strict=True):
                PaperTally.objects.create(
                    round=rnd, group=g, subject=subject, item="overall", option=option, count=c
                )
    now = timezone.now()
    EvaluationRound.objects.filter(pk=rnd.pk).update(
        status=EvaluationRound.Status.CLOSED, opened_at=now, closed_at=now
    )
    assert linked.linked_import(actor=hr_admin, campaign=campaign, stage=Stage.EVALUATION) == 3
    e = EvaluationEntry.objects.get(registration=regs[0])
    assert e.source == "ballots" and e.counts["A"] == {"胜任": 8, "基本胜任": 2, "不胜任": 0}
    assert (e.eligible, e.returned) == (60, 60)
    assert any("未重新计算" in i for i in svc.results_blocking_issues(campaign, Stage.EXAM))
    svc.results_compute(campaign=campaign, actor=hr_admin)
    assert StageResult.objects.get(registration=regs[0], stage="evaluation").value == Decimal("90.00")
    assert svc.results_blocking_issues(campaign, Stage.EXAM) == []


def test_exam_and_interview_created_in_marking_and_import_waits_for_final(hr_admin):
    campaign, _pos, regs = _campaign(exam_mode=LINKED, interview_mode=LINKED)
    enter_evaluation(hr_admin, campaign, [evaluation_row(r) for r in regs])
    svc.results_compute(campaign=campaign, actor=hr_admin)
    campaign = move(campaign, Stage.EXAM, hr_admin)
    exam = linked.linked_create(actor=hr_admin, campaign=campaign, stage=Stage.EXAM)
    assert exam.candidates.count() == 3
    assert sorted(exam.items.values_list("key", flat=True)) == ["case", "essay"]
    with pytest.raises(DomainError) as exc:
        linked.linked_import(actor=hr_admin, campaign=campaign, stage=Stage.EXAM)
    assert exc.value.code == "not_final"
    svc.results_compute(campaign=campaign, actor=hr_admin)
    issues = svc.results_blocking_issues(campaign, Stage.INTERVIEW)
    assert any("尚未导入阅卷评分系统的成绩" in i for i in issues)
    assert not any("尚未录入笔试成绩" in i for i in issues)


def test_interview_created_with_one_panel_per_position_r000_20(hr_admin):
    from tests.selection.factories_results import enter_exam

    campaign, pos, regs = _campaign(interview_mode=LINKED)
    enter_evaluation(hr_admin, campaign, [evaluation_row(r) for r in regs])
    svc.results_compute(campaign=campaign, actor=hr_admin)
    campaign = move(campaign, Stage.EXAM, hr_admin)
    enter_exam(hr_admin, pos, {r: [(50, 30), (50, 30)] for r in regs})
    svc.results_compute(campaign=campaign, actor=hr_admin)
    campaign = move(campaign, Stage.INTERVIEW, hr_admin)
    interview = linked.linked_create(actor=hr_admin, campaign=campaign, stage=Stage.INTERVIEW)
    panels = list(interview.panels.all())
    assert [p.name for p in panels] == [pos.title]
    cands = panels[0].candidates.all()
    assert sorted(c.external_ref for c in cands) == sorted(f"selection.registration:{r.pk}" for r in regs)
    assert {c.group for c in cands} == {str(pos.pk)}
    with pytest.raises(DomainError) as exc:
        linked.linked_import(actor=hr_admin, campaign=campaign, stage=Stage.INTERVIEW)
    assert exc.value.code == "not_final"
