"""Target bonus pay (R003-06) and leaders' linkage (R003-07) through pay runs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kaoping.assessment.models_pay import LeaderRole, PayLine
from kaoping.assessment.services_flow import assessment_transition
from kaoping.assessment.services_pay import leader_link_set, pay_run_create
from kaoping.common.errors import TransitionBlocked
from tests.assessment.conftest import to_approval
from tests.factories import make_person, make_unit

D = Decimal


def _approve(hr_admin, leader, assessment, value):
    to_approval(hr_admin, assessment, D("100"))
    # lower item 1 to reach ``value``
    s = assessment.scores.get(key="1")
    assessment_transition(actor=leader, assessment=assessment, action="return")
    from kaoping.assessment.services_flow import score_set

    score_set(actor=hr_admin, score=s, value=s.max_points - (D("100") - value))
    assessment_transition(actor=hr_admin, assessment=assessment, action="review")
    return assessment_transition(actor=leader, assessment=assessment, action="approve")


@pytest.fixture
def approved(targets, hr_admin, leader):
    """办公室 95.00, 财务部 84.50; two members each; a chair and a vice-chair supervising 财务部."""
    office = _approve(hr_admin, leader, targets.office, D("95"))
    finance = _approve(hr_admin, leader, targets.finance, D("84.5"))
    people = {
        "o1": make_person(targets.office_unit, "办公室甲"),
        "f1": make_person(targets.finance_unit, "财务部甲"),
    }
    lead_unit = make_unit("班子", code="BZ")
    chair = make_person(lead_unit, "主席甲")
    vice = make_person(lead_unit, "副主席乙")
    leader_link_set(actor=hr_admin, scheme=targets.scheme, person=chair, role=LeaderRole.CHAIR)
    leader_link_set(
        actor=hr_admin, scheme=targets.scheme, person=vice, role=LeaderRole.VICE, supervised=[finance]
    )
    return office, finance, people, chair, vice


def test_pay_run_blocked_until_all_approved(targets, hr_admin):
    with pytest.raises(TransitionBlocked) as exc:
        pay_run_create(actor=hr_admin, scheme=targets.scheme, forfeited=set())
    assert "尚未审定" in exc.value.issues[0]


def test_r003_06_r003_07_pay_lines(targets, hr_admin, approved):
    """R003-06: 95 → 4000 − ⌊5/5⌋ × 200 = 3800; 84.5 → 4000 − ⌊15.5/5⌋ × 200 = 3400. R003-07: chair (95 + 84.5)/2 = 89.75
    → 4000 − 2 × 200 = 3600; vice 30% × 89.75 + 70% × 84.5 = 86.08 → 4000 − 2 × 200 = 3600."""
    office, finance, people, chair, vice = approved
    assert (office.total, finance.total) == (D("95.00"), D("84.50"))
    run = pay_run_create(actor=hr_admin, scheme=targets.scheme, forfeited=set())
    lines = {line.person_id: line for line in PayLine.objects.filter(run=run)}
    assert lines[people["o1"].pk].amount == D("3800.00")
    assert lines[people["f1"].pk].amount == D("3400.00")
    assert lines[chair.pk].score == D("89.75") and lines[chair.pk].amount == D("3600.00")
    assert lines[vice.pk].score == D("86.08") and lines[vice.pk].amount == D("3600.00")
    assert lines[vice.pk].derivation["score"]["rule"] == "R003-07"
    assert lines[people["f1"].pk].derivation["bonus"]["rule"] == "R003-06"


def test_r003_06_ceil_option(targets, hr_admin, approved):
    """R003-06 with "a started band counts": 95 → 4000 − 1 × 200; 84.5 → 4000 − 4 × 200."""
    _office, _finance, people, _chair, _vice = approved
    run = pay_run_create(actor=hr_admin, scheme=targets.scheme, band_rounding="ceil", forfeited=set())
    lines = {line.person_id: line.amount for line in PayLine.objects.filter(run=run)}
    assert lines[people["o1"].pk] == D("3800.00")
    assert lines[people["f1"].pk] == D("3200.00")


def test_r003_05_forfeited_person_gets_nothing(targets, hr_admin, approved):
    _office, _finance, people, _chair, _vice = approved
    run = pay_run_create(actor=hr_admin, scheme=targets.scheme, forfeited={people["o1"].pk})
    line = PayLine.objects.get(run=run, person=people["o1"])
    assert line.amount == D("0.00") and line.is_forfeited
    assert run.forfeited == [people["o1"].pk]
