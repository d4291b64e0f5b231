"""Full flow through the services, from qualified registrations to totals, with worked numbers checked to
the cent (R000-14 base as stored, R000-15 … R000-21)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kaoping.selection import services_results
from kaoping.selection.models import Campaign, OfferedPosition
from kaoping.selection.models_stages import StageCut, StageResult
from kaoping.selection.selectors_results import inspection_candidates, position_results_table
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
D = Decimal
Stage = Campaign.Stage


def _by_name(position, stage):
    rows = StageResult.objects.filter(position=position, stage=stage).select_related("registration__person")
    return {r.registration.person.name: r for r in rows}


def _core_services():
    try:
        from kaoping.selection import services as core
    except ImportError:
        return None
    return core if hasattr(core, "campaign_advance") else None


def test_full_flow_worked_numbers_r000_15_to_r000_21(hr_admin):
    """A worked example checked by hand:

    Evaluation (R000-15), A table 10 ballots × 40 points, B table 50 ballots × 60 points:
      甲: A (8×1 + 2×0.5)×40/10 = 36.00, B (40×1 + 10×0.5)×60/50 = 54.00 → 90.00
      乙: A (6 + 2)×40/10 = 32.00,       B (30 + 7.5)×60/50 = 45.00 → 77.00
      丙: A (5 + 1.5)×40/10 = 26.00,     B (25 + 10)×60/50 = 42.00 → 68.00
      丁: A (2 + 1.5)×40/10 = 14.00,     B (10 + 10)×60/50 = 24.00 → 38.00 < 60, no exam (R000-17)
    Exam (R000-18), mean of two markers' totals: 甲 (82 + 78)/2 = 80.00, 乙 (75 + 77)/2 = 76.00,
      丙 (65 + 67)/2 = 66.00.
    After exam (R000-19): 甲 18.70 + 18.00 + 24.00 = 60.70; 乙 17.00 + 15.40 + 22.80 = 55.20;
      丙 16.00 + 13.60 + 19.80 = 49.40 → all three to interview.
    Interview (R000-20), chief left out, highest and lowest of six dropped:
      甲 (88 + 90 + 87 + 89)/4 = 88.50; 乙 (80 + 82 + 79 + 81)/4 = 80.50; 丙 (75 + 76 + 74 + 73)/4 = 74.50.
    Total (R000-21): 甲 60.70 + 26.55 = 87.25; 乙 55.20 + 24.15 = 79.35; 丙 49.40 + 22.35 = 71.75
      → 甲 and 乙 are the inspection candidates.
    """
    campaign = make_campaign(stage=Stage.EVALUATION)
    pos = make_position(campaign)
    a = make_candidate(pos, "甲", base="93.50")
    b = make_candidate(pos, "乙", base="85")
    c = make_candidate(pos, "丙", base="80")
    d = make_candidate(pos, "丁", base="70")

    enter_evaluation(
        hr_admin,
        campaign,
        [
            evaluation_row(a, (8, 2, 0), (40, 10, 0)),
            evaluation_row(b, (6, 4, 0), (30, 15, 5)),
            evaluation_row(c, (5, 3, 2), (25, 20, 5)),
            evaluation_row(d, (2, 3, 5), (10, 20, 20)),
        ],
    )
    services_results.results_compute(campaign=campaign, actor=hr_admin)
    ev = _by_name(pos, "evaluation")
    assert {n: r.value for n, r in ev.items()} == {"甲": D("90"), "乙": D("77"), "丙": D("68"), "丁": D("38")}
    assert ev["甲"].weighted == D("18.00") and ev["乙"].weighted == D("15.40")
    assert [ev[n].advances for n in "甲乙丙丁"] == [True, True, True, False]
    assert ev["丁"].note.startswith("民主测评分数低于 60 分")
    assert ev["甲"].derivation["parts"][0]["formula"] == "(8×1 + 2×0.5)×40/10"
    assert services_results.results_blocking_issues(campaign, Stage.EXAM) == []

    campaign = move(campaign, Stage.EXAM, hr_admin)
    enter_exam(hr_admin, pos, {a: [(50, 32), (48, 30)], b: [(45, 30), (46, 31)], c: [(40, 25), (41, 26)]})
    services_results.results_compute(campaign=campaign, actor=hr_admin)
    exam = _by_name(pos, "exam")
    assert {n: r.value for n, r in exam.items()} == {"甲": D("80"), "乙": D("76"), "丙": D("66")}
    assert exam["乙"].weighted == D("22.80")
    after = _by_name(pos, "after_exam")
    assert {n: (r.value, r.rank, r.advances) for n, r in after.items()} == {
        "甲": (D("60.70"), 1, True),
        "乙": (D("55.20"), 2, True),
        "丙": (D("49.40"), 3, True),
    }
    assert after["甲"].derivation["formula"].startswith("基础权重 18.70 [基础分数 93.50×20%]")
    assert services_results.results_blocking_issues(campaign, Stage.INTERVIEW) == []

    campaign = move(campaign, Stage.INTERVIEW, hr_admin)
    enter_interview(
        hr_admin,
        pos,
        {
            a: [(38, 55), (35, 53), (36, 54), (34, 51), (37, 55), (35, 52), (36, 53)],
            b: [(30, 50), (32, 48), (33, 49), (31, 47), (34, 50), (32, 47), (32, 49)],
            c: [(28, 42), (30, 45), (30, 46), (28, 42), (31, 46), (29, 45), (29, 44)],
        },
    )
    services_results.results_compute(campaign=campaign, actor=hr_admin)
    iv = _by_name(pos, "interview")
    assert {n: r.value for n, r in iv.items()} == {"甲": D("88.50"), "乙": D("80.50"), "丙": D("74.50")}
    assert iv["甲"].weighted == D("26.55")
    total = _by_name(pos, "total")
    assert {n: (r.value, r.rank, r.advances) for n, r in total.items()} == {
        "甲": (D("87.25"), 1, True),
        "乙": (D("79.35"), 2, True),
        "丙": (D("71.75"), 3, False),
    }
    assert len(total["甲"].scheme_digest) == 64
    assert services_results.results_blocking_issues(campaign, Stage.INSPECTION) == []
    campaign = move(campaign, Stage.INSPECTION, hr_admin)
    assert [r.person.name for r in inspection_candidates(pos)] == ["甲", "乙"]
    cut = StageCut.objects.get(position=pos, cut=StageCut.Cut.INSPECTION)
    assert not cut.has_unresolved_tie
    rows = position_results_table(pos, Stage.INTERVIEW)
    assert [(r.name, r.rank, r.advances) for r in rows] == [
        ("甲", 1, True),
        ("乙", 2, True),
        ("丙", 3, False),
    ]
    assert rows[0].exam.value == D("80") and rows[0].base.value == D("93.50")
    pos.refresh_from_db()
    assert pos.status == OfferedPosition.Status.OPEN


def test_full_flow_through_core_services_from_registration(tree, hr_admin):
    """Registration → review (base score by the core services, R000-14) → evaluation → exam → interview →
    inspection, every transition through campaign_advance (which calls results_blocking_issues and
    on_stage_entered). Base: 甲 30 + 15 + 17 + 17 = 79.00, 乙 30 + 3×15 = 75.00, 丙 30 + 3×17 = 81.00.
    After exam: 甲 15.80 + 18.00 + 24.00 = 57.80; 乙 15.00 + 15.40 + 22.80 = 53.20; 丙 16.20 + 13.60 + 19.80
    = 49.60. Totals: 甲 57.80 + 26.55 = 84.35; 乙 53.20 + 24.15 = 77.35; 丙 49.60 + 22.35 = 71.95."""
    from kaoping.common.errors import TransitionBlocked
    from kaoping.selection import services, services_review
    from tests.selection.factories_campaign import (
        add_position,
        at_stage,
        eligible_person,
        new_campaign,
        past_deadline,
        register,
    )

    def advance(c):
        return services.campaign_advance(actor=hr_admin, campaign=c, confirm=True)

    campaign = new_campaign(hr_admin)
    pos = add_position(campaign, tree.office, "办公厅秘书处处长")
    campaign = at_stage(campaign, Stage.REGISTRATION)
    grades = {
        "甲": {2008: "competent", 2009: "excellent", 2010: "excellent"},
        "乙": {2008: "competent", 2009: "competent", 2010: "competent"},
        "丙": {2008: "excellent", 2009: "excellent", 2010: "excellent"},
    }
    regs = {n: register(campaign, pos, eligible_person(tree.office, n, grades=g)) for n, g in grades.items()}
    campaign = advance(past_deadline(campaign))
    assert campaign.stage == Stage.REVIEW
    for reg in regs.values():
        reg.refresh_from_db()
        reg.campaign.refresh_from_db()
        services_review.review_decide(actor=hr_admin, registration=reg, qualified=True)
    assert {n: r.value for n, r in _by_name(pos, "base").items()} == {
        "甲": D("79"),
        "乙": D("75"),
        "丙": D("81"),
    }
    campaign = advance(campaign)
    assert campaign.stage == Stage.EVALUATION
    with pytest.raises(TransitionBlocked) as exc:
        advance(campaign)
    assert sum("尚未录入民主测评票数" in i for i in exc.value.issues) == 3

    a, b, c = regs["甲"], regs["乙"], regs["丙"]
    enter_evaluation(
        hr_admin,
        campaign,
        [
            evaluation_row(a, (8, 2, 0), (40, 10, 0)),
            evaluation_row(b, (6, 4, 0), (30, 15, 5)),
            evaluation_row(c, (5, 3, 2), (25, 20, 5)),
        ],
    )
    services_results.results_compute(campaign=campaign, actor=hr_admin)
    campaign = advance(campaign)
    enter_exam(hr_admin, pos, {a: [(50, 32), (48, 30)], b: [(45, 30), (46, 31)], c: [(40, 25), (41, 26)]})
    with pytest.raises(TransitionBlocked) as exc:  # marks entered but not computed yet
        advance(campaign)
    assert any("尚未计算" in i for i in exc.value.issues)
    services_results.results_compute(campaign=campaign, actor=hr_admin)
    campaign = advance(campaign)
    after = _by_name(pos, "after_exam")
    assert {n: r.value for n, r in after.items()} == {"甲": D("57.80"), "乙": D("53.20"), "丙": D("49.60")}
    enter_interview(
        hr_admin,
        pos,
        {
            a: [(38, 55), (35, 53), (36, 54), (34, 51), (37, 55), (35, 52), (36, 53)],
            b: [(30, 50), (32, 48), (33, 49), (31, 47), (34, 50), (32, 47), (32, 49)],
            c: [(28, 42), (30, 45), (30, 46), (28, 42), (31, 46), (29, 45), (29, 44)],
        },
    )
    services_results.results_compute(campaign=campaign, actor=hr_admin)
    campaign = advance(campaign)
    assert campaign.stage == Stage.INSPECTION
    total = _by_name(pos, "total")
    assert {n: (r.value, r.rank, r.advances) for n, r in total.items()} == {
        "甲": (D("84.35"), 1, True),
        "乙": (D("77.35"), 2, True),
        "丙": (D("71.95"), 3, False),
    }
    assert [r.person.name for r in inspection_candidates(pos)] == ["甲", "乙"]
