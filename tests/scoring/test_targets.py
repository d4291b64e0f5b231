"""Department targets R003-01 and bonus items R003-02 (seed 003)."""

from copy import deepcopy
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.scoring.errors import SchemeError
from kaoping.scoring.presets.targets import TARGETS_2018
from kaoping.scoring.targets import (
    BonusAward,
    TargetScheme,
    bonus_points,
    check_targets,
    department_score,
)

SCHEME = TargetScheme.from_dict(TARGETS_2018)
DEPARTMENTS = ["办公室", "财务部", "组宣部", "女工部", "保障部", "职工服务中心"]


@pytest.mark.parametrize("name", DEPARTMENTS)
def test_R003_01_seed_departments_sum_to_100(name):
    """R003-01: each seed department's target items add up to 100."""
    assert SCHEME.department(name).total_points == Decimal("100")


def test_R003_01_checker_warns_when_not_100():
    """R003-01: a department whose items do not add up to 100 gives a warning (not an error)."""
    assert check_targets(SCHEME) == ()
    data = deepcopy(TARGETS_2018)
    data["departments"][0]["items"][0]["points"] = "25"
    warnings = check_targets(TargetScheme.from_dict(data))
    assert [w.message for w in warnings] == ["办公室考核目标分值合计 95，不等于 100"]
    assert warnings[0].rule == "R003-01"


def full_marks(name: str) -> dict:
    return {it.no: it.points for it in SCHEME.department(name).items}


def test_R003_01_department_score_with_bonus():
    """R003-01/02: items scored within their maximum plus capped bonus points."""
    scores = full_marks("女工部")
    scores["1"] = Decimal("27")
    awards = [BonusAward("2a"), BonusAward("4c"), BonusAward("6", Decimal("1.5"), "创新")]
    result = department_score(SCHEME, "女工部", scores, awards)
    assert result.value == Decimal("103.50")
    assert result.formula == "目标得分 97 + 加分 6.50"


def test_R003_01_missing_item_incomplete_and_over_max_refused():
    """R003-01 / G-6: an item without a score makes the total incomplete; over the item's max is refused."""
    scores = full_marks("办公室")
    del scores["8.2"]
    assert department_score(SCHEME, "办公室", scores).all_incomplete_reasons() == ("办公室第8.2项未评分",)
    scores = full_marks("办公室")
    scores["1"] = Decimal("31")
    with pytest.raises(SchemeError) as exc:
        department_score(SCHEME, "办公室", scores)
    assert exc.value.field == "item_scores.1"


@pytest.mark.parametrize(
    ("codes", "value", "capped"),
    [
        ([], "0", False),
        (["1a", "2a", "3a"], "11", False),
        (["5", "5", "1a", "2a"], "20", False),  # exactly the cap
        (["5", "5", "5", "1a"], "20", True),  # 22 → 20
        (["4a", "4b", "4c"], "7", False),
    ],
)
def test_R003_02_bonus_cap_20(codes, value, capped):
    """R003-02: bonus items from the catalogue, capped at 20 per department (cap shown in the formula)."""
    result = bonus_points(SCHEME, [BonusAward(c) for c in codes])
    assert result.value == Decimal(value)
    assert result.formula.startswith("min(") is capped
    assert result.rule == "R003-02"


def test_R003_02_catalogue_points():
    """R003-02: the seed's catalogue: province +4 / city +2, member +3 / +2, papers +4 / +2 / +1, investment +6."""
    points = {b.code: b.points for b in SCHEME.bonus_items}
    assert points == {
        "1a": 4,
        "1b": 2,
        "2a": 4,
        "2b": 2,
        "3a": 3,
        "3b": 2,
        "4a": 4,
        "4b": 2,
        "4c": 1,
        "5": 6,
        "6": None,
    }


def test_R003_02_discretionary_needs_points_and_unknown_refused():
    """R003-02: a discretionary item needs its points; an unknown code is refused."""
    with pytest.raises(SchemeError):
        bonus_points(SCHEME, [BonusAward("6")])
    with pytest.raises(SchemeError):
        bonus_points(SCHEME, [BonusAward("6", Decimal("-1"))])
    with pytest.raises(SchemeError):
        bonus_points(SCHEME, [BonusAward("9")])


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d["departments"][0]["items"][0].update(points="0"), "departments[0].items[0].points"),
        (lambda d: d["departments"][0]["items"].append({"no": "1", "points": "1"}), "departments[0].items"),
        (lambda d: d["departments"].append(deepcopy(d["departments"][0])), "departments"),
        (lambda d: d["bonus_items"].append({"code": "5", "points": "1"}), "bonus_items"),
        (lambda d: d.update(bonus_cap="0"), "bonus_cap"),
        (lambda d: d["departments"][0].pop("name"), "departments[0].name"),
    ],
)
def test_R003_01_scheme_validation(mutate, field):
    """R003-01: invalid target schemes raise SchemeError naming the field."""
    data = deepcopy(TARGETS_2018)
    mutate(data)
    with pytest.raises(SchemeError) as exc:
        TargetScheme.from_dict(data)
    assert exc.value.field == field


def test_R003_01_unknown_department():
    """R003-01: an unknown department is a SchemeError."""
    with pytest.raises(SchemeError):
        SCHEME.department("宣传部")


codes = st.lists(st.sampled_from(["1a", "1b", "2a", "2b", "3a", "3b", "4a", "4b", "4c", "5"]), max_size=12)


@given(codes)
def test_R003_02_property_cap_never_exceeded_and_order_independent(chosen):
    """R003-02: bonus ≤ 20 whatever is awarded, and the order of awards does not matter."""
    result = bonus_points(SCHEME, [BonusAward(c) for c in chosen])
    assert Decimal("0") <= result.value <= Decimal("20")
    assert bonus_points(SCHEME, [BonusAward(c) for c in reversed(chosen)]).value == result.value
