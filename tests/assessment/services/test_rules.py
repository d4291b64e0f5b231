"""Rules through the app's adapter: the template checker on the seed's own mismatches (R001-03, R003-01),
target-bonus bands from the scheme's data (R003-06) and the leaders' linkage (R003-07)."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from kaoping.assessment import engine
from kaoping.scoring import bonus as bonus_engine
from kaoping.scoring.presets import get_preset

D = Decimal
SEED001 = get_preset("union_work.seed001").data
SEED003 = get_preset("targets.seed003").data


def test_r001_03_checker_warns_on_the_seeds_mismatches():
    messages = [w.message for w in engine.warnings("indicator", SEED001)]
    assert "株洲市国资委系统工会 组织建设：考核内容分值合计 25，与权重 20 不一致" in messages
    assert "株洲市国资委系统工会 民主管理：考核内容分值合计 20，与权重 25 不一致" in messages
    assert "株洲市国资委系统工会 “双联”维权帮扶：考核内容分值合计 35，与权重 30 不一致" in messages
    assert "市卫生系统工会 “双联”维权帮扶：考核内容分值合计 28，与权重 30 不一致" in messages
    assert "株洲市广播电视台系统工会 “双联”维权帮扶：考核内容分值合计 28，与权重 30 不一致" in messages
    assert all(w.rule == "R001-03" for w in engine.warnings("indicator", SEED001))


def test_r001_03_weights_not_adding_to_100():
    data = copy.deepcopy(SEED001)
    data["indicators"][0]["weight"] = "25"
    assert "各指标权重合计 105，不等于 100" in [w.message for w in engine.warnings("indicator", data)]


def test_r003_01_seed_targets_add_up_and_a_change_warns():
    assert engine.warnings("targets", SEED003) == ()
    data = copy.deepcopy(SEED003)
    data["departments"][0]["items"][0]["points"] = "29"
    assert [w.message for w in engine.warnings("targets", data)] == ["办公室考核目标分值合计 99，不等于 100"]


@pytest.mark.parametrize(
    ("total", "floor", "ceil"),
    [
        (D("100"), D("4000.00"), D("4000.00")),
        (D("99.99"), D("4000.00"), D("3800.00")),
        (D("95"), D("3800.00"), D("3800.00")),
        (D("94.99"), D("3800.00"), D("3600.00")),
        (D("0"), D("0.00"), D("0.00")),
    ],
)
def test_r003_06_bonus_bands_from_scheme_data(total, floor, ceil):
    """R003-06: 4000 − bands × 200, floor by default, ceil as option, never below 0."""
    assert bonus_engine.target_bonus(total, engine.bonus_scheme(SEED003)).value == floor
    assert bonus_engine.target_bonus(total, engine.bonus_scheme(SEED003, band_rounding="ceil")).value == ceil


def test_r003_06_amounts_are_scheme_data():
    data = copy.deepcopy(SEED003)
    data["target_bonus"] = {**data["target_bonus"], "full_amount": "5000", "per_band": "300"}
    assert bonus_engine.target_bonus(D("90"), engine.bonus_scheme(data)).value == D("4400.00")


def test_r003_07_leaders_linkage():
    """R003-07: chair = mean of all; vice = 30 % × mean of all + 70 % × mean of supervised."""
    rules = engine.bonus_scheme(SEED003)
    scores = {"办公室": D("100"), "财务部": D("90"), "组宣部": D("80")}
    assert bonus_engine.chair_score(scores, rules).value == D("90.00")
    vice = bonus_engine.leader_score(scores, ["组宣部"], rules)
    assert vice.value == D("83.00")  # 0.3 × 90 + 0.7 × 80
