"""Fixtures of the assessment tests: a seed-001 indicator scheme and a seed-003 targets scheme, opened."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from kaoping.accounts.roles import Role
from kaoping.assessment import services
from kaoping.assessment.services_flow import assessment_transition, score_set, summary_set
from tests.factories import make_unit, make_user

D = Decimal
FULL = D("100")


@dataclass
class Targets:
    scheme: object
    office: object  # 办公室 assessment
    finance: object  # 财务部 assessment
    office_unit: object
    finance_unit: object


@dataclass
class Indicators:
    scheme: object
    health: object  # 市卫生系统工会 assessment
    state: object  # 株洲市国资委系统工会 assessment


@pytest.fixture
def targets(tree, hr_admin) -> Targets:
    """Seed 003 with 办公室 (= tree.office, so the fixture ``liaison`` is its liaison) and 财务部."""
    finance_unit = make_unit("财务部", parent=tree.root, code="CWB")
    scheme = services.scheme_create(actor=hr_admin, year=2018, preset_key="targets.seed003")
    office = services.scheme_unit_add(actor=hr_admin, scheme=scheme, unit=tree.office, key="办公室")
    finance = services.scheme_unit_add(actor=hr_admin, scheme=scheme, unit=finance_unit, key="财务部")
    services.scheme_open(actor=hr_admin, scheme=scheme)
    return Targets(scheme, office, finance, tree.office, finance_unit)


@pytest.fixture
def indicators(tree, hr_admin) -> Indicators:
    scheme = services.scheme_create(actor=hr_admin, year=2011, preset_key="union_work.seed001")
    health = services.scheme_unit_add(actor=hr_admin, scheme=scheme, unit=tree.office, key="市卫生系统工会")
    state = services.scheme_unit_add(
        actor=hr_admin, scheme=scheme, unit=tree.org_dept, key="株洲市国资委系统工会"
    )
    services.scheme_open(actor=hr_admin, scheme=scheme)
    return Indicators(scheme, health, state)


@pytest.fixture
def finance_liaison(targets):
    return make_user("finance_liaison", Role.LIAISON, unit=targets.finance_unit)


def fill(actor, assessment, values: dict[str, Decimal] | Decimal, **kwargs) -> None:
    """Enter the open column for every row: ``values`` per key or one value (capped at each maximum)."""
    for s in assessment.scores.all():
        v = values.get(s.key) if isinstance(values, dict) else min(values, s.max_points)
        score_set(actor=actor, score=s, value=v, **kwargs)


def self_assess(actor, assessment, value=FULL) -> None:
    fill(actor, assessment, value)
    summary_set(actor=actor, assessment=assessment, summary="全年工作总结")
    assessment_transition(actor=actor, assessment=assessment, action="submit")


def to_approval(hr_admin, assessment, values=FULL) -> None:
    """From self-assessment to the chair's meeting, office scores ``values``."""
    self_assess(hr_admin, assessment)
    fill(hr_admin, assessment, values)
    for action in ("propose", "adjust", "review"):
        assessment_transition(actor=hr_admin, assessment=assessment, action=action)
