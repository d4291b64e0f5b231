"""The assessment flow (R003-03): guarded steps, no skipping, locking, audit, totals from the engine."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kaoping.assessment.models import Stage, StageLog
from kaoping.assessment.services_flow import (
    ACTIONS,
    assessment_transition,
    score_set,
    stage_total,
    summary_set,
)
from kaoping.assessment.services_materials import bonus_add
from kaoping.common.errors import DomainError, PermissionDenied, TransitionBlocked
from kaoping.common.models import AuditEntry
from tests.assessment.conftest import fill, self_assess, to_approval

D = Decimal


@pytest.mark.parametrize("action", ["propose", "adjust", "review", "approve", "archive"])
def test_r003_03_flow_cannot_skip_a_step(targets, hr_admin, sysadmin, action):
    """R003-03: from self-assessment, every later step is refused with the stage named."""
    with pytest.raises(TransitionBlocked) as exc:
        assessment_transition(
            actor=sysadmin, assessment=targets.office, action=action, leader_signed="甲", head_signed="乙"
        )
    assert "当前环节为“自评”" in str(exc.value)
    targets.office.refresh_from_db()
    assert targets.office.stage == Stage.SELF


def test_r003_03_submit_blocked_until_scores_and_summary(targets, liaison):
    with pytest.raises(TransitionBlocked) as exc:
        assessment_transition(actor=liaison, assessment=targets.office, action="submit")
    assert any("尚未评分" in i for i in exc.value.issues)
    assert "尚未填写年度工作总结。" in exc.value.issues


def test_r003_03_full_flow_locks_and_logs(targets, liaison, hr_admin, leader):
    """R003-03: self → office → feedback → review → chair → archive, each step logged and audited."""
    self_assess(liaison, targets.office, D("100"))
    a = targets.office
    fill(hr_admin, a, {s.key: s.max_points - (D("2") if s.key == "1" else 0) for s in a.scores.all()})
    assessment_transition(actor=hr_admin, assessment=a, action="propose")
    # adjusted starts as proposed
    first = a.scores.get(key="1")
    assert first.adjusted_score == D("28.00")
    score_set(actor=hr_admin, score=first, value=D("29"))
    assessment_transition(actor=hr_admin, assessment=a, action="adjust")
    assert a.scores.get(key="1").reviewed_score == D("29.00")
    bonus_add(actor=hr_admin, assessment=a, code="1b")  # +2
    assessment_transition(actor=hr_admin, assessment=a, action="review")
    with pytest.raises(PermissionDenied):
        assessment_transition(actor=hr_admin, assessment=a, action="approve")
    a = assessment_transition(actor=leader, assessment=a, action="approve")
    assert a.stage == Stage.APPROVED
    assert a.total == D("101.00")  # 99 + 2 bonus
    assert a.derivation["rule"] == "R003-01"
    with pytest.raises(DomainError) as exc:
        score_set(actor=hr_admin, score=first, value=D("30"))
    assert exc.value.code == "locked"
    with pytest.raises(TransitionBlocked) as exc:
        assessment_transition(actor=hr_admin, assessment=a, action="archive")
    assert "须由分管领导签字。" in exc.value.issues
    a = assessment_transition(
        actor=hr_admin, assessment=a, action="archive", leader_signed="胡艮宝", head_signed="张三"
    )
    assert a.stage == Stage.ARCHIVED and a.archived_at
    assert [log.to_stage for log in StageLog.objects.filter(assessment=a)] == [
        "office",
        "feedback",
        "review",
        "approval",
        "approved",
        "archived",
    ]
    assert (
        AuditEntry.objects.filter(object_type="assessment.unitassessment", object_id=str(a.pk)).count() >= 7
    )


def test_liaison_cannot_enter_office_scores_or_other_units(targets, liaison):
    self_assess(liaison, targets.office)
    with pytest.raises(PermissionDenied):
        score_set(actor=liaison, score=targets.office.scores.first(), value=D("1"))
    with pytest.raises(PermissionDenied):
        score_set(actor=liaison, score=targets.finance.scores.first(), value=D("1"))


def test_r003_01_score_above_item_points_refused(targets, liaison):
    with pytest.raises(DomainError) as exc:
        score_set(actor=liaison, score=targets.office.scores.get(key="1"), value=D("30.01"))
    assert "超过该项分值" in exc.value.message
    summary_set(actor=liaison, assessment=targets.office, summary="x")


def test_r003_02_bonus_cap_20(targets, hr_admin):
    to_approval(hr_admin, targets.finance, D("100"))
    a = targets.finance
    total = stage_total(a, "reviewed_score")
    assert total.value == D("100.00")


def test_r003_02_bonus_capped_in_total(targets, hr_admin, leader):
    a = targets.finance
    self_assess(hr_admin, a)
    fill(hr_admin, a, D("100"))
    for code in ("1a", "2a", "3a", "4a", "5"):  # 4 + 4 + 3 + 4 + 6 = 21
        bonus_add(actor=hr_admin, assessment=a, code=code)
    bonus_add(actor=hr_admin, assessment=a, code="6", points=D("1.5"), note="创新")
    for action in ("propose", "adjust", "review"):
        assessment_transition(actor=hr_admin, assessment=a, action=action)
    a = assessment_transition(actor=leader, assessment=a, action="approve")
    assert a.total == D("120.00")  # 100 + min(22.5, 20)
    bonus = a.derivation["parts"][-1]
    assert bonus["formula"] == "min(4 + 4 + 3 + 4 + 6 + 1.50, 20)"


def test_discretionary_bonus_needs_points(targets, hr_admin):
    with pytest.raises(DomainError) as exc:
        bonus_add(actor=hr_admin, assessment=targets.office, code="6")
    assert exc.value.code == "points_required"


def test_return_from_chair_goes_back_to_review(targets, hr_admin, leader):
    to_approval(hr_admin, targets.office)
    a = assessment_transition(actor=leader, assessment=targets.office, action="return", note="再议")
    assert a.stage == Stage.REVIEW
    assert ACTIONS["return"].target == Stage.REVIEW


def test_r001_02_indicator_levels_to_the_cent(indicators, hr_admin, leader):
    """R001-02: 全面完成 20, 基本完成 25×70% = 17.50, 未完成 0, 资料不全 30 − 30×20% = 24.00."""
    a = indicators.health
    self_assess(hr_admin, a, D("20"))
    plan = {
        "组织建设": ("full", False),
        "民主管理": ("basic", False),
        "素质提升": ("none", False),
        "“双联”维权帮扶": ("full", True),
    }
    for s in a.scores.all():
        level, docs = plan[s.key]
        score_set(actor=hr_admin, score=s, level=level, docs_incomplete=docs)
    values = {s.key: s.proposed_score for s in a.scores.all()}
    assert values == {
        "组织建设": D("20.00"),
        "民主管理": D("17.50"),
        "素质提升": D("0.00"),
        "“双联”维权帮扶": D("24.00"),
    }
    for action in ("propose", "adjust", "review"):
        assessment_transition(actor=hr_admin, assessment=a, action=action)
    a = assessment_transition(actor=leader, assessment=a, action="approve")
    assert a.total == D("61.50")
    assert a.derivation["rule"] == "R001-02"


def test_r001_02_basic_and_docs_incomplete_floor(indicators, hr_admin):
    """R001-02: 基本完成 + 资料不全 on weight 25 = 17.50 − 5.00 = 12.50; 未完成 + 资料不全 floors at 0."""
    a = indicators.state
    self_assess(hr_admin, a, D("20"))
    s = a.scores.get(key="民主管理")
    assert score_set(actor=hr_admin, score=s, level="basic", docs_incomplete=True).proposed_score == D(
        "12.50"
    )
    assert score_set(actor=hr_admin, score=s, level="none", docs_incomplete=True).proposed_score == D("0.00")


def test_r001_04_self_score_above_weight_refused(indicators, hr_admin):
    with pytest.raises(DomainError) as exc:
        score_set(actor=hr_admin, score=indicators.health.scores.get(key="组织建设"), value=D("20.5"))
    assert "超过权重" in exc.value.message
