"""Fixtures of the annual tests: a round with one farm team and one affiliated team whose sub-items are
scored by 组织部 and 办公厅 (the liaison's unit)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from kaoping.annual.models import AnnualRound
from tests.annual import builders as b


@pytest.fixture
def scored_round(tree):
    """Round in 分项考核与民主测评 with every input entered: 2 teams, a head and a deputy each."""
    rnd = b.make_round(tree.root)
    b.add_item(rnd, "farm", "组织建设考核", "40", tree.org_dept)
    b.add_item(rnd, "farm", "目标管理考核", "30", tree.office)
    b.add_item(rnd, "affiliated", "组织建设考核", "40", tree.org_dept)
    b.add_item(rnd, "affiliated", "履行职责", "30", tree.office)
    farm = b.add_team(rnd, tree.root, "farm", name="一团")
    inst = b.add_team(rnd, tree.root, "affiliated", name="研究院")
    people = []
    for team in (farm, inst):
        people.append(b.add_cadre(rnd, role="head", team=team))
        people.append(b.add_cadre(rnd, role="deputy", team=team, leader_score=D("26")))
    b.to_scoring(rnd)
    b.score_team(farm, {"组织建设考核": "38", "目标管理考核": "28"})
    b.score_team(inst, {"组织建设考核": "36", "履行职责": "27.5"})
    for team in (farm, inst):
        b.counts(rnd, team, {"好": 20, "较好": 5, "一般": 1, "差": 0})
        b.counts(rnd, team, b.GOOD_PB, tally="party_building")
    for cadre in people:
        b.counts(rnd, cadre, {"优秀": 18, "称职": 6})
    rnd.refresh_from_db()
    assert rnd.stage == AnnualRound.Stage.SCORING
    return rnd
