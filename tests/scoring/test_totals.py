"""Weighted totals: R000-19, R000-21, R002-01, R002-04, R002-05, R002-10, G-1, G-6, RP-02."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.scoring.decimals import Rounding, RoundingMode
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.presets import get_preset
from kaoping.scoring.selection import SelectionScheme
from kaoping.scoring.totals import Component, TotalScheme, weighted_total
from kaoping.scoring.trace import Derivation, incomplete

SEL = SelectionScheme.from_dict(get_preset("selection.seed000").data)
FULL = SEL.total_scheme
AFTER_EXAM = SEL.after_exam_scheme
STAGES = {"base": D("93.5"), "evaluation": D("77"), "exam": D("81.25"), "interview": D("84.875")}


def test_R000_21_total_from_rounded_parts_G_1():
    """R000-21 / G-1: 18.70 + 15.40 + 24.38 (81.25×30% = 24.375) + 25.46 (84.88×30%) = 83.94."""
    der = weighted_total(FULL, STAGES)
    assert [p.value for p in der.parts] == [D("18.70"), D("15.40"), D("24.38"), D("25.46")]
    assert der.value == D("83.94")
    assert der.rule == "R000-21"
    assert der.text() == (
        "总分 83.94 = 基础权重 18.70 [基础分数 93.50×20%] + 民主测评权重 15.40 [民主测评分数 77.00×20%] + "
        "笔试权重 24.38 [笔试分数 81.25×30%] + 面试权重 25.46 [面试分数 84.88×30%]"
    )


@pytest.mark.parametrize(
    ("values", "rounded", "full"),
    [
        # parts 12.35 (61.73×20% = 12.346) + 12.35 + 0 → 24.70 rounded; full precision 24.692 → 24.69
        ({"base": D("61.73"), "evaluation": D("61.73"), "exam": D(0), "interview": D(0)}, "24.70", "24.69"),
        (
            {"base": D("60.01"), "evaluation": D("60.01"), "exam": D("60.01"), "interview": D(0)},
            "42.00",
            "42.01",
        ),
    ],
)
def test_G_1_rounded_parts_versus_full_precision_setting(values, rounded, full):
    """G-1: default = sum of rounded parts (the table adds up); "full precision until the total" is a setting."""
    assert weighted_total(FULL, values).value == D(rounded)
    full_scheme = TotalScheme.from_dict(FULL.to_dict() | {"full_precision": True})
    assert weighted_total(full_scheme, values).value == D(full)


def test_RP_02_truncation_per_stage_setting():
    """RP-02: truncating parts: 81.25×30% = 24.375 → 24.37; 84.875 → 84.87 ×30% = 26.061 → 26.06."""
    data = FULL.to_dict() | {
        "part_rounding": {"places": 2, "mode": "truncate"},
        "component_rounding": {"places": 2, "mode": "truncate"},
    }
    der = weighted_total(TotalScheme.from_dict(data), STAGES)
    assert [p.value for p in der.parts] == [D("18.70"), D("15.40"), D("24.37"), D("25.46")]
    assert der.value == D("83.93")


def test_R000_19_partial_total_after_exam():
    """R000-19: after the exam, base×20% + evaluation×20% + exam×30% = 18.70 + 15.40 + 24.38 = 58.48."""
    der = weighted_total(AFTER_EXAM, STAGES)
    assert der.value == D("58.48")
    assert der.rule == "R000-19"
    assert der.label == "笔试后加权总分"


def test_G_6_missing_component_is_incomplete_with_reason():
    """G-6: a missing interview score → the total is incomplete and names what is missing."""
    der = weighted_total(FULL, {k: v for k, v in STAGES.items() if k != "interview"})
    assert der.value is None
    assert der.incomplete_reasons == ("缺少面试分数",)
    der2 = weighted_total(FULL, STAGES | {"exam": incomplete("笔试分数", "乙 的分数缺失")})
    assert der2.value is None
    assert der2.all_incomplete_reasons() == ("缺少笔试分数", "乙 的分数缺失")


def test_R000_21_component_may_be_a_derivation_kept_as_part():
    """R000-21: a stage passed as a Derivation is kept in the tree."""
    base = Derivation("基础分数", D("93.50"), "职务分 40 + 年度考核分 49 + 挂职分 4.50", "R000-14")
    der = weighted_total(FULL, STAGES | {"base": base})
    assert der.parts[0].parts[0] is base


def test_R002_01_team_score_70_plus_30():
    """R002-01: team score = 分项考核 (70) + 民主测评 (30): 62.50 + 23.25 = 85.75."""
    scheme = TotalScheme.from_dict(get_preset("annual.team.total").data)
    der = weighted_total(scheme, {"sub_items": D("62.5"), "democratic": D("23.25")})
    assert der.value == D("85.75")
    assert der.text() == "领导班子综合考核得分 85.75 = 分项考核得分 62.50 + 民主测评得分 23.25"


def test_R002_04_head_30_team_70_democratic():
    """R002-04: 正职 = 30% team total + 70% democratic: 85.75×30% = 25.725 → 25.73; 88.6×70% = 62.02."""
    scheme = TotalScheme.from_dict(get_preset("annual.cadre.head.total").data)
    der = weighted_total(scheme, {"team": D("85.75"), "democratic": D("88.6")})
    assert [p.value for p in der.parts] == [D("25.73"), D("62.02")]
    assert der.value == D("87.75")
    assert der.rule == "R002-04"


def test_R002_05_deputy_leader_30_plus_democratic_70():
    """R002-05: 副职 = leader's evaluation (30) + democratic (70): 27 + 61.35 = 88.35."""
    scheme = TotalScheme.from_dict(get_preset("annual.cadre.deputy.total").data)
    assert weighted_total(scheme, {"leader": D(27), "democratic": D("61.35")}).value == D("88.35")
    assert weighted_total(scheme, {"leader": D(27)}).incomplete_reasons == ("缺少民主测评（德能勤绩廉）",)


R002_10 = TotalScheme.from_dict(
    {
        "label": "岗位绩效考核得分",
        "rule": "R002-10",
        "components": [
            {"key": "k1", "label": "政治思想", "weight": "0.10"},
            {"key": "k2", "label": "职业道德", "weight": "0.10"},
            {"key": "k3", "label": "团结协作", "weight": "0.10"},
            {"key": "k4", "label": "工作态度", "weight": "0.10"},
            {"key": "k5", "label": "专业水平", "weight": "0.10"},
            {"key": "k6", "label": "业务能力", "weight": "0.10"},
            {"key": "k7", "label": "履行岗位职责", "weight": "0.15"},
            {"key": "k8", "label": "完成工作量及任期目标", "weight": "0.15"},
            {"key": "k9", "label": "完成任务质量和效率", "weight": "0.10"},
            {"key": "bonus", "label": "特殊加分", "optional": True, "cap": "5"},
        ],
    }
)


@pytest.mark.parametrize(
    ("bonus", "expected"),
    [(None, "86.30"), (D(3), "89.30"), (D(8), "91.30")],  # bonus capped at 5 in this scheme
)
def test_R002_10_nine_weighted_aspects_plus_bonus(bonus, expected):
    """R002-10: nine weighted aspects (scores out of 100) + special bonus points (optional, capped by scheme)."""
    values = {f"k{i}": D(v) for i, v in enumerate([90, 80, 85, 90, 80, 85, 90, 88, 86], start=1)}
    # 9 + 8 + 8.5 + 9 + 8 + 8.5 + 13.5 (90×15%) + 13.2 (88×15%) + 8.6 = 86.30
    if bonus is not None:
        values["bonus"] = bonus
    der = weighted_total(R002_10, values)
    assert der.value == D(expected)
    assert der.rule == "R002-10"
    if bonus == D(8):
        assert "超过上限，按 5 计" in der.formula
    if bonus is None:
        assert "特殊加分 无" in der.formula


def test_total_cap_and_subset_errors():
    """R000-14-style cap on a total, and subset() refuses unknown components."""
    capped = TotalScheme(components=(Component("a", "甲"), Component("b", "乙")), cap=D(100))
    der = weighted_total(capped, {"a": D(70), "b": D(40)})
    assert der.value == D("100.00")
    assert "超过上限" in der.formula
    with pytest.raises(SchemeError):
        FULL.subset(["nope"], label="x")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "components"),
        ({"components": []}, "components"),
        ({"components": [{"key": "a"}]}, "components[0].label"),
        ({"components": [{"key": "a", "label": "甲", "weight": "-0.2"}]}, "components[0].weight"),
        ({"components": [{"key": "a", "label": "甲"}, {"key": "a", "label": "乙"}]}, "components"),
        ({"components": [{"key": "a", "label": "甲", "cap": "x"}]}, "components[0].cap"),
        (
            {"components": [{"key": "a", "label": "甲"}], "total_rounding": {"mode": "banker"}},
            "total_rounding",
        ),
    ],
)
def test_G_2_total_scheme_errors_name_the_field(data, field):
    """G-2: totals are data; a wrong field is named in the SchemeError."""
    with pytest.raises(SchemeError) as exc:
        TotalScheme.from_dict(data)
    assert exc.value.field == field


def test_G_2_total_scheme_round_trip():
    """G-2: to_dict/from_dict round-trips (including caps and roundings)."""
    assert TotalScheme.from_dict(R002_10.to_dict()) == R002_10
    assert TotalScheme.from_dict(FULL.to_dict()) == FULL
    assert Rounding(mode=RoundingMode.NONE).apply(D("1.23456")) == D("1.23456")


stage = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


@given(stage, stage, stage, stage)
def test_R000_21_total_equals_sum_of_published_parts(b, e, x, i):
    """G-1 property: the total always equals the sum of the published (rounded) parts, within [0, 100]."""
    der = weighted_total(FULL, {"base": b, "evaluation": e, "exam": x, "interview": i})
    assert der.value == sum(p.value for p in der.parts)
    assert D(0) <= der.value <= D(100)
