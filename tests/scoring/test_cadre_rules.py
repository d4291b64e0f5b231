"""Inspection teams (R000-23), probation (R002-07), grassroots training (R002-08), reserve cadres (R002-09)."""

from datetime import date
from decimal import Decimal as D

import pytest

from kaoping.scoring.cadre_rules import (
    GrassrootsTrainingRule,
    InspectionTeamRule,
    ProbationRule,
    ReserveRule,
    TeamMember,
    inspection_team_issues,
    probation_outcome,
    reserve_requirement,
    training_allows_confirmation,
)
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.presets import get_preset

TEAM = InspectionTeamRule.from_dict(get_preset("selection.seed000.inspection_team").data)
MGMT = get_preset("annual.cadre_management").data
PROBATION = ProbationRule.from_dict(MGMT["probation"])
TRAINING = GrassrootsTrainingRule.from_dict(MGMT["grassroots_training"])
RESERVE = ReserveRule.from_dict(MGMT["reserve"])


def team(n_members: int, leader_level: str = "正局级") -> list[TeamMember]:
    members = [TeamMember("L", "甲组长", leader_level, is_leader=True)]
    members += [TeamMember(f"M{i}", f"组员{i}", "正处级") for i in range(n_members - 1)]
    return members


@pytest.mark.parametrize(("size", "ok"), [(3, False), (4, True), (6, True), (7, False)])
def test_R000_23_team_size_bounds_are_inclusive(size, ok):
    """R000-23: 4–6 people (the seed's preset counts the leader)."""
    issues = inspection_team_issues(TEAM, team(size))
    assert (issues == ()) is ok
    if not ok:
        assert issues == (f"R000-23 考察组成员应为 4–6 人（现有 {size} 人）",)


def test_R000_23_leader_must_be_bureau_level_and_unique():
    issues = inspection_team_issues(TEAM, team(5, leader_level="副局级"))
    assert issues == ("R000-23 组长甲组长为副局级，应由正局级干部担任",)
    no_leader = [m for m in team(5) if not m.is_leader] + [TeamMember("X", "乙", "正处级")]
    assert inspection_team_issues(TEAM, no_leader)[0] == "R000-23 考察组应有且只有一名组长（现有 0 名）"


def test_R000_23_declared_conflict_blocks_the_member():
    issues = inspection_team_issues(TEAM, team(5), conflicts={"M1": "与考察对象系近亲属"})
    assert issues == ("R000-23 组员1应当回避：与考察对象系近亲属",)


def test_R000_23_size_rule_is_data():
    rule = InspectionTeamRule.from_dict({"min_members": 4, "max_members": 6, "count_includes_leader": False})
    assert inspection_team_issues(rule, team(7)) == ()
    with pytest.raises(SchemeError) as exc:
        InspectionTeamRule.from_dict({"min_members": 6, "max_members": 4})
    assert exc.value.field == "max_members"


@pytest.mark.parametrize(
    ("result", "formal", "text"),
    [
        ("合格", True, "R002-07 试用期考核合格，办理正式任职"),
        ("不合格", False, "R002-07 试用期考核不合格，免去试任职务，按试用前原职级安排工作"),
        (None, None, "R002-07 试用期至 2018-06-30 期满，尚未考核"),
    ],
)
def test_R002_07_probation_outcome(result, formal, text):
    outcome = probation_outcome(PROBATION, date(2017, 6, 30), result)
    assert outcome.formal is formal and outcome.text == text
    assert outcome.due == date(2018, 6, 30)


@pytest.mark.parametrize(
    ("result", "allowed"), [("优秀", True), ("合格", True), ("不合格", False), (None, False)]
)
def test_R002_08_grassroots_training_gates_confirmation(result, allowed):
    ok, reason = training_allows_confirmation(TRAINING, result)
    assert ok is allowed and reason.startswith("R002-08")
    if result is None:
        assert "未经基层锻炼" in reason


def test_R002_08_unknown_grade_is_refused():
    with pytest.raises(SchemeError):
        training_allows_confirmation(TRAINING, "良好")
    with pytest.raises(SchemeError):
        GrassrootsTrainingRule.from_dict({"grades": ["合格"], "confirm_grades": ["优秀"]})


def test_R002_09_reserves_one_to_one_and_ratio_is_data():
    d = reserve_requirement(RESERVE, head_posts=1, deputy_posts=3)
    assert d.value == 4 and d.text() == "后备干部推荐人数 4 = 正职 1×1 + 副职 3×1 = 1 + 3"
    half = ReserveRule.from_dict({"head_ratio": "2", "deputy_ratio": "0.5"})
    assert reserve_requirement(half, 1, 3).value == D("4")  # 2 + ceil(1.5)
    with pytest.raises(SchemeError):
        reserve_requirement(RESERVE, -1, 0)


def test_probation_length_is_data():
    rule = ProbationRule.from_dict({"months": 6, "pass_grades": ["合格", "优秀"]})
    assert probation_outcome(rule, date(2020, 8, 31), "优秀").due == date(2021, 2, 28)
    with pytest.raises(SchemeError):
        ProbationRule.from_dict({"pass_grades": []})
