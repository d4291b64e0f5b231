"""Composite scores through the round: R002-01 team total, R002-02 team democratic score, R002-04 head
composite (with and without a team), R002-05 deputy total — to the cent."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from kaoping.annual import adapters as ad
from kaoping.annual.services_grading import compute
from tests.annual import builders as b


@pytest.fixture
def world(tree):
    rnd = b.make_round(tree.root)
    b.add_item(rnd, "affiliated", "党风廉政建设责任制考核", "40", tree.org_dept)
    b.add_item(rnd, "affiliated", "履行工作职责", "30", tree.office)
    team = b.add_team(rnd, tree.root)
    head = b.add_cadre(rnd, role="head", team=team, is_party_secretary=True, party_building_grade="优秀")
    deputy = b.add_cadre(rnd, role="deputy", team=team, leader_score=D("27.5"))
    lone = b.add_cadre(rnd, role="head", unit=tree.institute, kind="affiliated", supervisor_score=D("88"))
    b.to_scoring(rnd)
    b.score_team(team, {"党风廉政建设责任制考核": "38.5", "履行工作职责": "27"})
    b.counts(rnd, team, {"好": 20, "较好": 8, "一般": 2, "差": 0})
    b.counts(rnd, team, b.GOOD_PB, tally="party_building")
    b.counts(rnd, head, {"优秀": 15, "称职": 5})
    b.counts(rnd, deputy, {"优秀": 10, "称职": 8, "基本称职": 2})
    b.counts(rnd, lone, {"优秀": 7, "称职": 3})
    return rnd, team, head, deputy, lone


def test_R002_01_R002_02_team_total_to_the_cent(world):
    rnd, team, *_ = world
    computed, _inputs = compute(rnd)
    der, _result = computed[ad.team_key(team)]
    # sub-items 38.50 + 27.00 = 65.50; democratic 30 × (20×1 + 8×0.8 + 2×0.6) / 30 = 27.60
    assert der.value == D("93.10")
    assert der.rule == "R002-01"
    assert "分项考核得分 65.50" in der.formula
    assert "27.60" in der.formula


def test_R002_04_head_composite_30_team_70_democratic(world):
    rnd, _team, head, _deputy, _lone = world
    der, _ = compute(rnd)[0][ad.cadre_key(head)]
    # 93.10 × 30 % = 27.93; 100 × (15 + 5×0.8) / 20 = 95.00 × 70 % = 66.50
    assert der.value == D("94.43")
    assert der.rule == "R002-04"


def test_R002_04_head_without_team_uses_supervising_department(world):
    rnd, *_rest, lone = world
    der, _ = compute(rnd)[0][ad.cadre_key(lone)]
    # 88 × 30 % = 26.40; 100 × (7 + 3×0.8) / 10 = 94.00 × 70 % = 65.80
    assert der.value == D("92.20")
    assert "主管部门" in str(der.to_dict())


def test_R002_05_deputy_leader_30_plus_democratic_70(world):
    rnd, _team, _head, deputy, _lone = world
    der, _ = compute(rnd)[0][ad.cadre_key(deputy)]
    # 27.50 + 70 × (10 + 8×0.8 + 2×0.6) / 20 = 27.50 + 61.60
    assert der.value == D("89.10")
    assert der.rule == "R002-05"


def test_missing_sub_item_score_is_incomplete_and_names_the_department(world):
    """G-6: a missing score never counts as 0; the responsible department is named."""
    rnd, team, *_ = world
    team.sub_item_scores.filter(sub_item__name="履行工作职责").delete()
    der, result = compute(rnd)[0][ad.team_key(team)]
    assert der.value is None
    assert any("履行工作职责" in r and "办公厅" in r for r in der.all_incomplete_reasons())
    assert result.status == "incomplete"
