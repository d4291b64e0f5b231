"""Presets of part A: selection.seed000 (seed 000) and the annual presets (seed 002, RP-06, RP-07); G-2."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction

import pytest

from kaoping.scoring import _schemeparse as sp
from kaoping.scoring.base_score import BaseScoreScheme
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.grading import GradingScheme
from kaoping.scoring.presets import all_presets, get_preset
from kaoping.scoring.selection import SelectionScheme
from kaoping.scoring.streaks import StreakRule
from kaoping.scoring.totals import TotalScheme
from kaoping.scoring.votes import VoteScheme

READERS = {
    "selection": SelectionScheme.from_dict,
    "grading": GradingScheme.from_dict,
    "votes": VoteScheme.from_dict,
    "total": TotalScheme.from_dict,
    "streaks": lambda d: [StreakRule.from_dict(r, f"rules[{i}]") for i, r in enumerate(d["rules"])],
}
KEYS = [
    "selection.seed000",
    "annual.team.seed002",
    "annual.cadre.civil_servant",
    "annual.cadre.institution",
    "annual.team.democratic",
    "annual.team.total",
    "annual.cadre.head.total",
    "annual.cadre.deputy.total",
    "annual.streaks",
]


@pytest.mark.parametrize("key", KEYS)
def test_G_2_every_part_a_preset_validates(key):
    """G-2: each shipped preset is data that its scheme's from_dict accepts."""
    preset = all_presets()[key]
    assert preset.title and preset.source
    assert READERS[preset.kind](preset.data)


def test_R000_15_to_R000_21_seed000_numbers():
    """R000-15–R000-21: the seed's numbers live in the preset (A 40 / B 60, 80%, 60, 60+40, 40+60, 3, 2, 20/20/30/30)."""
    s = SelectionScheme.from_dict(get_preset("selection.seed000").data)
    assert [(g.key, g.points) for g in s.evaluation.groups] == [("A", D(40)), ("B", D(60))]
    assert [(o.name, o.weight) for o in s.evaluation.options] == [
        ("胜任", D(1)),
        ("基本胜任", D("0.5")),
        ("不胜任", D(0)),
    ]
    assert s.participation_threshold == D("0.80") and s.participation_inclusive
    assert s.evaluation_pass_mark == D(60)
    assert [(i.label, i.max_score) for i in s.exam_items] == [("案例分析", D(60)), ("写作", D(40))]
    assert [(p.label, p.max_score) for p in s.interview_parts] == [("个人陈述", D(40)), ("竞岗答辩", D(60))]
    assert (s.interview_trim_k, s.interview_excluded_roles, s.panel_min, s.panel_max) == (1, ("chief",), 7, 9)
    assert (s.min_registrants, s.max_changes, s.interview_top_n, s.inspection_top_n) == (3, 1, 3, 2)
    assert s.tie_break == ("exam", "interview")
    assert [str(w) for _, w in s.weights] == ["0.20", "0.20", "0.30", "0.30"]


def test_R000_14_base_score_subdict_is_readable_by_the_base_score_scheme():
    """R000-14: the selection preset carries the base-score numbers under "base_score" for BaseScoreScheme."""
    s = SelectionScheme.from_dict(get_preset("selection.seed000").data)
    base = BaseScoreScheme.from_dict(dict(s.base_score))
    assert dict(base.position_points)["副局级"] == D(40)


def test_R002_02_R002_03_R002_06_RP_06_annual_numbers():
    """R002-02/03/06, RP-06: 30 points with 1/0.8/0.6/0; 好 ≥ 90; 优秀 quota 15% outside 团场正职; 事业单位 20/25/15%."""
    team_votes = VoteScheme.from_dict(get_preset("annual.team.democratic").data)
    assert [o.weight for o in team_votes.options] == [D("1.0"), D("0.8"), D("0.6"), D(0)]
    assert team_votes.max_score == D(30)
    team = GradingScheme.from_dict(get_preset("annual.team.seed002").data)
    assert [t.grade for t in team.tiers] == ["差", "一般", "好", "较好"] and team.default == "一般"
    cadre = GradingScheme.from_dict(get_preset("annual.cadre.civil_servant").data)
    assert [t.grade for t in cadre.tiers] == [
        "不确定等次",
        "不称职",
        "基本称职",
        "优秀",
    ] and cadre.default == "称职"
    quota = cadre.tiers[-1].quota
    assert quota.percent == D(15) and "团场正职" in quota.exclude_categories
    inst = GradingScheme.from_dict(get_preset("annual.cadre.institution").data)
    assert inst.tiers[-1].quota.percent == D(20)
    assert dict(inst.tiers[-1].quota.variants) == {"commended": D(25), "poorly_rated": D(15)}


@pytest.mark.parametrize(
    ("call", "field", "message"),
    [
        (lambda: sp.dec("Infinity", "x.y"), "x.y", "应为有限数字"),
        (lambda: sp.dec("-1", "x.y", minimum=0), "x.y", "不能小于 0"),
        (lambda: sp.integer("3", "x.n"), "x.n", "应为整数"),
        (lambda: sp.integer(True, "x.n"), "x.n", "应为整数"),
        (lambda: sp.text("  ", "x.name"), "x.name", "应为非空文字"),
        (lambda: sp.mapping([], "x"), "x", "应为对象（键值表）"),
        (lambda: sp.seq("ab", "x"), "x", "应为列表"),
        (lambda: VoteScheme(options=(), groups=()), "options", "至少需要一个选项"),
        (lambda: TotalScheme(components=()), "components", "至少需要一个组成部分"),
    ],
)
def test_G_2_field_errors_are_chinese_and_named(call, field, message):
    """G-2: scheme validation names the field and says what is wrong in Chinese."""
    with pytest.raises(SchemeError) as exc:
        call()
    assert exc.value.field == field
    assert message in exc.value.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0.8", Fraction(4, 5)), (D("0.5"), Fraction(1, 2)), ("2/3", Fraction(2, 3)), (1, 1)],
)
def test_G_2_ratios_are_exact(value, expected):
    """G-2 / R002-03: ratios like 2/3 are stored exactly and printed back as written."""
    assert sp.ratio(value, "r") == expected
    assert sp.fraction_text(Fraction(4, 5)) == "0.8"
    assert sp.fraction_text(Fraction(2, 3)) == "2/3"
