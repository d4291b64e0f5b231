"""Ties at the cut-offs (G-5, RP-05): top 3 to interview (R000-19) and top 2 to inspection (R000-21),
under tie_policy include_all (all tied go on, flagged) and tie_break (chain decides; a tie it cannot
break needs the organiser's recorded decision and blocks the transition until then)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.selection import services_results as svc
from kaoping.selection.models import Campaign
from kaoping.selection.models_stages import StageCut, StageResult
from kaoping.selection.selectors_results import inspection_candidates
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


def _after(pos, stage="after_exam"):
    rows = StageResult.objects.filter(position=pos, stage=stage).select_related("registration__person")
    return {r.registration.person.name: r for r in rows}


def _to_exam(actor, policy, bases, exams):
    """Candidates with the same evaluation (90.00); ``bases`` and ``exams`` by name; exam stage computed."""
    campaign = make_campaign(scheme={"cutoffs": {"tie_policy": policy, "tie_break": ["exam", "interview"]}})
    pos = make_position(campaign)
    regs = {n: make_candidate(pos, n, base=b) for n, b in bases.items()}
    enter_evaluation(actor, campaign, [evaluation_row(r) for r in regs.values()])
    svc.results_compute(campaign=campaign, actor=actor)
    campaign = move(campaign, Stage.EXAM, actor)
    enter_exam(actor, pos, {regs[n]: [exams[n], exams[n]] for n in regs})
    svc.results_compute(campaign=campaign, actor=actor)
    return campaign, pos, regs


def test_interview_cut_tie_include_all_lets_all_through_r000_19(hr_admin):
    """G-5 default: 丙 and 丁 tie for 3rd (same base, evaluation and exam) → both go to interview, flagged."""
    campaign, pos, _regs = _to_exam(
        hr_admin,
        "include_all",
        {"甲": "80", "乙": "80", "丙": "80", "丁": "80"},
        {"甲": (54, 36), "乙": (51, 34), "丙": (48, 32), "丁": (48, 32)},
    )
    after = _after(pos)
    assert [(after[n].rank, after[n].advances, after[n].is_tied) for n in "甲乙丙丁"] == [
        (1, True, False),
        (2, True, False),
        (3, True, True),
        (3, True, True),
    ]
    cut = StageCut.objects.get(position=pos, cut=StageCut.Cut.INTERVIEW)
    assert not cut.has_unresolved_tie
    assert any("并列" in r and "丙" in r for r in cut.reasons)
    assert svc.results_blocking_issues(campaign, Stage.INTERVIEW) == []


def test_interview_cut_tie_broken_by_chain_rp_05(hr_admin):
    """RP-05: after the exam 丙 16.00 + 18.00 + 24.00 (base 80, exam 80) and 丁 19.00 + 18.00 + 21.00
    (base 95, exam 70) both make 58.00; the chain compares 笔试 first → 丙 3rd and goes on, 丁 4th does not."""
    _campaign, pos, _regs = _to_exam(
        hr_admin,
        "tie_break",
        {"甲": "90", "乙": "90", "丙": "80", "丁": "95"},
        {"甲": (55, 35), "乙": (54, 34), "丙": (50, 30), "丁": (44, 26)},
    )
    after = _after(pos)
    assert after["丙"].value == after["丁"].value == D("58.00")
    assert (after["丙"].rank, after["丙"].advances) == (3, True)
    assert (after["丁"].rank, after["丁"].advances) == (4, False)
    assert "按笔试排序" in after["丙"].note
    assert not StageCut.objects.get(position=pos, cut=StageCut.Cut.INTERVIEW).has_unresolved_tie


def test_interview_cut_unbreakable_tie_needs_decision_r000_19(hr_admin):
    """tie_break with a tie the chain cannot break (equal exam, no interview yet): the cut is unresolved and
    blocks 笔试 → 面试 until the organiser records who goes on and why (audited)."""
    campaign, pos, regs = _to_exam(
        hr_admin,
        "tie_break",
        {"甲": "80", "乙": "80", "丙": "80", "丁": "80"},
        {"甲": (54, 36), "乙": (51, 34), "丙": (48, 32), "丁": (48, 32)},
    )
    after = _after(pos)
    assert after["丙"].advances is None and after["丁"].advances is None
    cut = StageCut.objects.get(position=pos, cut=StageCut.Cut.INTERVIEW)
    assert cut.has_unresolved_tie
    issues = svc.results_blocking_issues(campaign, Stage.INTERVIEW)
    assert any("并列" in i for i in issues)
    with pytest.raises(ValidationFailed):  # one place left: choosing both is refused
        svc.cut_resolve(actor=hr_admin, cut=cut, advance=[regs["丙"].pk, regs["丁"].pk], note="党组会议")
    with pytest.raises(ValidationFailed):  # a reason is required
        svc.cut_resolve(actor=hr_admin, cut=cut, advance=[regs["丙"].pk], note=" ")
    svc.cut_resolve(actor=hr_admin, cut=cut, advance=[regs["丙"].pk], note="组织部部务会研究确定")
    after = _after(pos)
    assert after["丙"].advances is True and after["丁"].advances is False
    assert svc.results_blocking_issues(campaign, Stage.INTERVIEW) == []
    assert AuditEntry.objects.filter(note__contains="组织部部务会研究确定").exists()
    # a recompute keeps the decision while the tie is the same
    svc.results_compute(campaign=campaign, actor=hr_admin)
    assert _after(pos)["丙"].advances is True
    cut.refresh_from_db()
    assert not cut.has_unresolved_tie and cut.resolution["advance"] == [regs["丙"].pk]
    campaign = move(campaign, Stage.INTERVIEW, hr_admin)
    with pytest.raises(DomainError):  # locked once the stage has closed
        svc.cut_resolve(actor=hr_admin, cut=cut, advance=[regs["丁"].pk], note="改变主意")


def _to_interview(actor, policy):
    campaign, pos, regs = _to_exam(
        actor,
        policy,
        {"甲": "90", "乙": "80", "丙": "80"},
        {"甲": (55, 35), "乙": (48, 32), "丙": (48, 32)},
    )
    campaign = move(campaign, Stage.INTERVIEW, actor)
    top = [(36, 54)] * 7
    same = [(32, 48)] * 7
    enter_interview(actor, pos, {regs["甲"]: top, regs["乙"]: same, regs["丙"]: same})
    svc.results_compute(campaign=campaign, actor=actor)
    return campaign, pos, regs


def test_inspection_cut_tie_include_all_r000_21(hr_admin):
    """乙 and 丙 are equal in every stage → tie for 2nd: both become inspection candidates, flagged."""
    campaign, pos, _regs = _to_interview(hr_admin, "include_all")
    total = _after(pos, "total")
    assert total["乙"].value == total["丙"].value
    assert [total[n].advances for n in "甲乙丙"] == [True, True, True]
    assert total["乙"].is_tied and total["丙"].is_tied
    assert svc.results_blocking_issues(campaign, Stage.INSPECTION) == []
    assert [r.person.name for r in inspection_candidates(pos)] == ["甲", "乙", "丙"]


def test_inspection_cut_tie_break_unresolved_blocks_r000_21(hr_admin):
    campaign, pos, regs = _to_interview(hr_admin, "tie_break")
    assert StageCut.objects.get(position=pos, cut=StageCut.Cut.INSPECTION).has_unresolved_tie
    assert any("并列" in i for i in svc.results_blocking_issues(campaign, Stage.INSPECTION))
    cut = StageCut.objects.get(position=pos, cut=StageCut.Cut.INSPECTION)
    svc.cut_resolve(actor=hr_admin, cut=cut, advance=[regs["丙"].pk], note="党组会议研究")
    assert svc.results_blocking_issues(campaign, Stage.INSPECTION) == []
    campaign = move(campaign, Stage.INSPECTION, hr_admin)
    assert [r.person.name for r in inspection_candidates(pos)] == ["甲", "丙"]
