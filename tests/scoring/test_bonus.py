"""Target bonus R003-06 and leaders' scores R003-07 (seed 003)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.scoring.bonus import BonusScheme, chair_score, leader_score, target_bonus
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.presets.targets import TARGETS_2018

SCHEME = BonusScheme.from_dict({**TARGETS_2018["target_bonus"], **TARGETS_2018["leader_weights"]})
CEIL = BonusScheme.from_dict({"band_rounding": "ceil"})


@pytest.mark.parametrize(
    ("total", "floor_amount", "ceil_amount"),
    [
        ("120", "4000.00", "4000.00"),  # with bonus points above 100
        ("100", "4000.00", "4000.00"),
        ("99.99", "4000.00", "3800.00"),  # shortfall under 5: nothing (default) / one band (ceil)
        ("95", "3800.00", "3800.00"),  # exactly one band
        ("94.5", "3800.00", "3600.00"),
        ("90", "3600.00", "3600.00"),
        ("0", "0.00", "0.00"),  # 20 bands × 200 = 4000
    ],
)
def test_R003_06_bands(total, floor_amount, ceil_amount):
    """R003-06: ≥ 100 all; each 5-point band below deducts 200; floor by default, ceil as a setting."""
    assert target_bonus(Decimal(total), SCHEME).value == Decimal(floor_amount)
    assert target_bonus(Decimal(total), CEIL).value == Decimal(ceil_amount)


def test_R003_06_formula_never_below_zero_and_forfeit():
    """R003-06: the formula names the bands; the bonus never goes below 0; forfeiture (R003-05) gives 0."""
    result = target_bonus(Decimal("87"), SCHEME)
    assert result.formula == "4000 − 2 × 200（⌊(100 − 87) / 5⌋ = 2 档）"
    harsh = BonusScheme.from_dict({"per_band": "1000"})
    low = target_bonus(Decimal("75"), harsh)
    assert low.value == Decimal("0.00") and low.formula.startswith("max(")
    forfeited = target_bonus(Decimal("100"), SCHEME, forfeited=True)
    assert forfeited.value == Decimal("0.00") and "扣除" in forfeited.formula


@pytest.mark.parametrize("bad", ["-1", 95.0, "abc"])
def test_R003_06_bad_totals(bad):
    """R003-06: negative or float totals are SchemeErrors."""
    with pytest.raises(SchemeError):
        target_bonus(bad, SCHEME)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"band_rounding": "round"}, "band_rounding"),
        ({"band_size": "0"}, "band_size"),
        ({"full_score": "0"}, "full_score"),
        ({"per_band": "-200"}, "per_band"),
        ({"all_share": "0.4"}, "supervised_share"),
        ({"all_share": "1.3", "supervised_share": "-0.3"}, "all_share"),
    ],
)
def test_R003_06_scheme_validation(data, field):
    """R003-06/07: invalid bonus schemes raise SchemeError naming the field."""
    with pytest.raises(SchemeError) as exc:
        BonusScheme.from_dict(data)
    assert exc.value.field == field


SCORES = {
    "办公室": Decimal("98"),
    "财务部": Decimal("92"),
    "组宣部": Decimal("104"),
    "女工部": Decimal("90"),
    "保障部": Decimal("95"),
    "职工服务中心": Decimal("88"),
}


def test_R003_07_chair_is_mean_of_all():
    """R003-07: the chair's score = mean of all departments (567 / 6 = 94.50)."""
    result = chair_score(SCORES, SCHEME)
    assert result.value == Decimal("94.50")
    assert result.parts[0].formula == "(95 + 98 + 90 + 104 + 88 + 92) / 6"
    assert target_bonus(result.value, SCHEME).value == Decimal("3800.00")  # 5.5 short: one band


def test_R003_07_other_leader_30_70():
    """R003-07: other leader = 30 % × mean of all + 70 % × mean of supervised departments."""
    result = leader_score(SCORES, ["女工部", "职工服务中心"], SCHEME)
    # 0.3 × 94.50 + 0.7 × 89.00 = 28.35 + 62.30 = 90.65
    assert result.value == Decimal("90.65")
    assert result.formula == "30% × 94.50 + 70% × 89"
    assert target_bonus(result.value, SCHEME).value == Decimal("3800.00")


def test_R003_07_means_rounded_when_formed():
    """R003-07 / G-1: means are named scores rounded when formed; the leader score uses them."""
    scores = {"a": Decimal("90"), "b": Decimal("91"), "c": Decimal("91")}  # mean 90.666… → 90.67
    result = leader_score(scores, ["a"], SCHEME)
    assert result.parts[0].value == Decimal("90.67")
    assert result.value == Decimal("90.20")  # 0.3 × 90.67 + 0.7 × 90 = 27.201 + 63 = 90.201


def test_R003_07_missing_scores_incomplete():
    """R003-07 / G-6: a missing department score or no supervised department makes it incomplete."""
    scores = dict(SCORES, 财务部=None)
    assert chair_score(scores, SCHEME).value is None
    assert "缺少“财务部”的考核得分" in chair_score(scores, SCHEME).all_incomplete_reasons()
    assert leader_score(SCORES, ["不存在"], SCHEME).value is None
    assert leader_score(SCORES, [], SCHEME).all_incomplete_reasons() == ("没有可计算平均分的部门",)


scores_st = st.decimals(min_value=0, max_value=120, places=2)


@given(scores_st, scores_st)
def test_R003_06_property_higher_total_never_lowers_bonus(a, b):
    """R003-06: a higher total never lowers the bonus; the bonus stays in [0, 4000]."""
    low, high = sorted((a, b))
    for scheme in (SCHEME, CEIL):
        lo, hi = target_bonus(low, scheme).value, target_bonus(high, scheme).value
        assert Decimal("0") <= lo <= hi <= Decimal("4000")


@given(st.permutations(list(SCORES.items())))
def test_R003_07_property_order_independent(items):
    """R003-07: department order does not change the chair's or a leader's score."""
    shuffled = dict(items)
    assert chair_score(shuffled, SCHEME).value == chair_score(SCORES, SCHEME).value
    assert (
        leader_score(shuffled, ["组宣部", "办公室"], SCHEME).value
        == leader_score(SCORES, ["办公室", "组宣部"], SCHEME).value
    )
