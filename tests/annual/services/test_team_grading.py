"""R002-03 team grades through the round: thresholds, top 30 % of the same type for enterprise/institution
teams (团场 exempt), vetoes, criticisms, party-building vote shares and the precedence 差 > 一般 > 好 > 较好."""

from __future__ import annotations

import pytest

from kaoping.annual import adapters as ad
from kaoping.annual import services as svc
from kaoping.annual.services_grading import compute
from tests.annual import builders as b


@pytest.fixture
def rnd(tree):
    return b.single_item_round(tree)


def grade_of(rnd, team):
    _der, result = compute(rnd)[0][ad.team_key(team)]
    return result


def flag(rnd, team, name):
    svc.flag_add(actor=None, round=rnd, team=team, name=name, note="依据文件")


def test_R002_03_hao_needs_top_30_percent_for_affiliated_teams(rnd, tree):
    teams = [b.scored_team(rnd, tree.root, "affiliated", s) for s in ("66", "65", "64", "63")]  # 96 … 93
    results = [grade_of(rnd, t) for t in teams]
    # 30 % of 4 = 1.2 → 1 place (floor, G-4)
    assert [r.grade for r in results] == ["好", "较好", "较好", "较好"]
    assert "同类前 30%" in " ".join(results[1].reasons + results[0].reasons)


def test_R002_03_farm_teams_need_no_percentile(rnd, tree):
    teams = [b.scored_team(rnd, tree.root, "farm", s) for s in ("66", "65", "64")]
    assert [grade_of(rnd, t).grade for t in teams] == ["好", "好", "好"]


def test_R002_03_thresholds_90_and_80_exact(rnd, tree):
    """≥ 90 and ≥ 80 include the threshold; 79.99 is 一般 (the default)."""
    a = b.scored_team(rnd, tree.root, "farm", "60")  # 90.00
    c = b.scored_team(rnd, tree.root, "farm", "50")  # 80.00
    d = b.scored_team(rnd, tree.root, "farm", "49.99")  # 79.99
    assert grade_of(rnd, a).grade == "好"
    assert grade_of(rnd, c).grade == "较好"
    low = grade_of(rnd, d)
    assert low.grade == "一般" and "其他情形" in low.reasons[-1]


def test_R002_03_veto_blocks_hao_and_jiaohao(rnd, tree):
    team = b.scored_team(rnd, tree.root, "farm", "68")
    flag(rnd, team, "一票否决")
    result = grade_of(rnd, team)
    assert result.grade == "一般"
    assert "不能评为好：一票否决" in result.reasons
    assert "不能评为较好：一票否决" in result.reasons


def test_R002_03_criticism_makes_yiban_despite_high_score(rnd, tree):
    team = b.scored_team(rnd, tree.root, "farm", "68")
    flag(rnd, team, "受到师市以上通报批评")
    result = grade_of(rnd, team)
    assert result.grade == "一般"
    assert "受到师市以上通报批评" in result.reasons[-1]


def test_R002_03_party_building_shares_below_two_thirds_make_yiban(rnd, tree):
    """好+较好 6/10 < 2/3 and 差 1/10 ≤ 1/3 → 一般."""
    team = b.scored_team(rnd, tree.root, "farm", "68", pb={"好": 3, "较好": 3, "一般": 3, "差": 1})
    result = grade_of(rnd, team)
    assert result.grade == "一般"
    assert "6/10" in result.reasons[-1]


def test_R002_03_two_thirds_exactly_is_not_below(rnd, tree):
    team = b.scored_team(rnd, tree.root, "farm", "68", pb={"好": 4, "较好": 2, "一般": 3, "差": 0})  # 6/9
    assert grade_of(rnd, team).grade == "好"


def test_R002_03_cha_votes_over_a_third_need_the_organisations_finding(rnd, tree):
    pb = {"好": 3, "较好": 2, "一般": 0, "差": 4}  # 差 4/9 > 1/3
    team = b.scored_team(rnd, tree.root, "farm", "68", pb=pb)
    # 好+较好 5/9 < 2/3 but 差 > 1/3: neither 一般 by ③ nor 差 without the organisation's finding
    assert grade_of(rnd, team).grade == "好"
    flag(rnd, team, "经组织认定确实存在问题")
    assert grade_of(rnd, team).grade == "差"


def test_R002_03_below_60_and_bottom_15_percent_is_cha(rnd, tree):
    subs = ("66", "65", "64", "63", "62", "61", "25")  # last: 55.00; 15 % of 7 = 1 place
    teams = [b.scored_team(rnd, tree.root, "affiliated", s) for s in subs]
    assert grade_of(rnd, teams[-1]).grade == "差"
    assert "同类后 15%" in grade_of(rnd, teams[-1]).reasons[-1]


def test_R002_03_single_affiliated_team_has_no_top_30_percent_place(rnd, tree):
    """G-4 floor: 30 % of 1 team = 0 places, so a lone affiliated team at 96 is 较好, not 好."""
    team = b.scored_team(rnd, tree.root, "affiliated", "66")
    assert grade_of(rnd, team).grade == "较好"


def test_R002_03_below_60_but_not_in_bottom_15_percent_is_yiban(rnd, tree):
    teams = [b.scored_team(rnd, tree.root, "affiliated", s) for s in ("66", "25")]  # 15 % of 2 = 0 places
    assert grade_of(rnd, teams[-1]).grade == "一般"


def test_R002_03_precedence_cha_before_yiban(rnd, tree):
    team = b.scored_team(rnd, tree.root, "farm", "68")
    flag(rnd, team, "受到师市以上通报批评")
    flag(rnd, team, "重大违法行政案件")
    assert grade_of(rnd, team).grade == "差"


def test_R002_03_missing_party_building_counts_is_incomplete(rnd, tree):
    team = b.scored_team(rnd, tree.root, "farm", "68")
    team.democratictallys.filter(tally="party_building").delete()
    result = grade_of(rnd, team)
    assert result.status == "incomplete" and result.grade is None


def test_team_types_are_separate_comparison_groups(rnd, tree):
    """Top 30 % is counted within the same type: the best of each type may be 好."""
    a = b.scored_team(rnd, tree.root, "affiliated", "66")
    c = b.scored_team(rnd, tree.root, "agency", "61")
    others = [
        b.scored_team(rnd, tree.root, kind, "10") for kind in ("agency", "affiliated") for _ in range(3)
    ]
    assert grade_of(rnd, a).grade == "好"
    assert grade_of(rnd, c).grade == "好"
    assert grade_of(rnd, others[0]).grade != "好"


@pytest.mark.parametrize(
    ("flag", "expected"),
    [
        ("一票否决", "一般"),  # blocks 好 and 较好 → default
        ("受到师市以上通报批评", "一般"),  # 一般 ①
        ("发生重大事件或事故", "一般"),  # 一般 ②
        ("重大违法行政案件", "差"),  # 差 ②
        ("经组织认定确实存在问题", "好"),  # 差 ③ needs 差 votes > 1/3 as well
    ],
)
def test_R002_03_every_flag_of_the_rules(rnd, tree, flag, expected):
    team = b.scored_team(rnd, tree.root, "farm", "68")  # 98.00, 好 without any flag
    svc.flag_add(actor=None, round=rnd, team=team, name=flag, note="依据")
    assert grade_of(rnd, team).grade == expected


def test_R002_03_reasons_say_why_a_better_grade_was_missed(rnd, tree):
    teams = [b.scored_team(rnd, tree.root, "affiliated", s) for s in ("66", "65", "64", "63")]
    second = grade_of(rnd, teams[1])
    assert second.grade == "较好"
    assert any(r.startswith("未评为好：") and "同类前 30%" in r and "不满足" in r for r in second.reasons), (
        second.reasons
    )
