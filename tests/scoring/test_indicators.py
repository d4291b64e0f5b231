"""Union work indicators R001-01 … R001-04 (seed 001)."""

from copy import deepcopy
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.scoring.errors import SchemeError
from kaoping.scoring.indicators import (
    IndicatorAssessment,
    IndicatorScheme,
    check_template,
    compare_self_and_reviewed,
    score_difference,
    score_indicator,
    score_unit,
    validate_entered_score,
)
from kaoping.scoring.presets.union_work import UNION_WORK_2011

SCHEME = IndicatorScheme.from_dict(UNION_WORK_2011)
RIGHTS = "“双联”维权帮扶"


def test_R001_01_scheme_shape():
    """R001-01: one year's scheme with shared indicators and per-unit content under the same weights."""
    assert SCHEME.year == 2011
    assert [(i.name, i.weight) for i in SCHEME.indicators] == [
        ("组织建设", 20),
        ("民主管理", 25),
        ("素质提升", 25),
        (RIGHTS, 30),
    ]
    assert {i.category for i in SCHEME.indicators} == {"职能工作目标"}
    assert len(SCHEME.units) >= 5
    sasac = SCHEME.unit("株洲市国资委系统工会")
    assert [it.points for it in sasac.items_for("组织建设")] == [10, 5, 5, 5]
    assert all(it.points is None for it in SCHEME.unit("市直机关工会工作委员会").items_for("组织建设"))


def test_R001_03_seed_mismatches_are_warnings():
    """R001-03: the checker warns (not fails) on the seed's own mismatches: 组织建设 25 vs 20,
    维权帮扶 35 vs 30 (国资委), 卫生系统 维权 28 vs 30."""
    warnings = check_template(SCHEME)
    messages = [w.message for w in warnings]
    assert "株洲市国资委系统工会 组织建设：考核内容分值合计 25，与权重 20 不一致" in messages
    assert f"株洲市国资委系统工会 {RIGHTS}：考核内容分值合计 35，与权重 30 不一致" in messages
    assert f"市卫生系统工会 {RIGHTS}：考核内容分值合计 28，与权重 30 不一致" in messages
    assert all(w.rule == "R001-03" for w in warnings)
    # units whose items carry no points, or whose points match, get no warning
    assert not any("市直机关" in m or "公安" in m for m in messages)
    assert not any(m.startswith("市卫生系统工会 组织建设") for m in messages)


def test_R001_03_weights_not_summing_to_100_warn():
    """R001-03: weights that do not add to 100 give a warning, and partly pointed content warns too."""
    data = deepcopy(UNION_WORK_2011)
    data["indicators"][0]["weight"] = "25"
    data["units"] = [{"unit": "X", "content": {"组织建设": [{"text": "a", "points": "25"}, {"text": "b"}]}}]
    messages = [w.message for w in check_template(IndicatorScheme.from_dict(data))]
    assert messages == ["各指标权重合计 105，不等于 100", "X 组织建设：部分考核内容未标分值"]


@pytest.mark.parametrize(
    ("indicator", "level", "docs", "score", "formula"),
    [
        ("组织建设", "full", False, "20.00", "20 × 全面完成 100%"),
        ("组织建设", "basic", False, "14.00", "20 × 基本完成 70%"),
        ("组织建设", "none", False, "0.00", "20 × 未完成 0%"),
        ("民主管理", "basic", False, "17.50", "25 × 基本完成 70%"),
        ("民主管理", "full", True, "20.00", "max(25 × 全面完成 100% − 资料不全 25 × 20%, 0)"),
        ("民主管理", "basic", True, "12.50", None),
        ("组织建设", "none", True, "0.00", None),  # floor 0
        (RIGHTS, "基本完成", False, "21.00", None),  # level by its Chinese name
    ],
)
def test_R001_02_completion_levels(indicator, level, docs, score, formula):
    """R001-02: 全面完成 100 %, 基本完成 70 %, 未完成 0; 资料不全 −20 % of the weight, floor 0."""
    result = score_indicator(SCHEME, indicator, IndicatorAssessment(level, docs))
    assert result.value == Decimal(score)
    assert result.rule == "R001-02"
    if formula:
        assert result.formula == formula


def test_R001_02_deduction_of_level_score_is_a_setting():
    """R001-02: the alternative deducts 20 % of the level's score instead of the weight."""
    data = deepcopy(UNION_WORK_2011)
    data["deduction_base"] = "level_score"
    scheme = IndicatorScheme.from_dict(data)
    assert score_indicator(scheme, "民主管理", IndicatorAssessment("basic", True)).value == Decimal("14.00")


def test_R001_02_unit_total_and_incomplete():
    """R001-02: a unit's total sums the indicators; an indicator not assessed makes it incomplete (G-6)."""
    assessments = {
        "组织建设": IndicatorAssessment("full"),
        "民主管理": IndicatorAssessment("basic"),
        "素质提升": IndicatorAssessment("full", docs_incomplete=True),
        RIGHTS: IndicatorAssessment("full"),
    }
    total = score_unit(SCHEME, assessments, "市卫生系统工会")
    assert total.value == Decimal("87.50")
    assert (
        total.text()
        == f"市卫生系统工会考核得分 87.50 = 组织建设 20 + 民主管理 17.50 + 素质提升 20 + {RIGHTS} 30"
    )
    del assessments["素质提升"]
    assert score_unit(SCHEME, assessments).all_incomplete_reasons() == ("素质提升：尚未评定",)


@pytest.mark.parametrize(
    ("self_score", "reviewed", "diff"),
    [("20", "14", "-6"), ("17.5", "20", "2.5"), ("0", "0", "0")],
)
def test_R001_04_self_vs_reviewed_difference(self_score, reviewed, diff):
    """R001-04: the reviewed score minus the self score."""
    result = score_difference("组织建设", Decimal(self_score), Decimal(reviewed))
    assert result.value == Decimal(diff) and result.rule == "R001-04"


def test_R001_04_missing_scores_and_comparison_table():
    """R001-04: a missing self or reviewed score leaves the difference incomplete; one row per indicator."""
    rows = compare_self_and_reviewed(
        {"组织建设": Decimal("20"), "民主管理": None}, {"组织建设": Decimal("18")}
    )
    assert [r.label for r in rows] == ["民主管理评分差异", "组织建设评分差异"]
    assert rows[0].all_incomplete_reasons() == ("缺少自评分", "缺少审核评分")
    assert rows[1].value == Decimal("-2")


@pytest.mark.parametrize(("score", "ok"), [("0", True), ("20", True), ("20.5", False), ("-1", False)])
def test_R001_04_entered_score_within_weight(score, ok):
    """R001-04: an entered score lies in [0, weight]."""
    if ok:
        assert validate_entered_score(SCHEME, "组织建设", score) == Decimal(score)
    else:
        with pytest.raises(SchemeError):
            validate_entered_score(SCHEME, "组织建设", score)


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d.update(levels=[]), "levels"),
        (lambda d: d["levels"].append({"code": "full", "name": "x", "share": "1"}), "levels"),
        (lambda d: d["levels"][1].update(share="1.5"), "levels[1].share"),
        (lambda d: d.update(indicators=[]), "indicators"),
        (lambda d: d["indicators"][0].update(weight="0"), "indicators[0].weight"),
        (lambda d: d["indicators"][0].update(weight="-5"), "indicators[0].weight"),
        (lambda d: d["indicators"][1].update(name="组织建设"), "indicators"),
        (lambda d: d["units"][0]["content"].update({"不存在": []}), "units[0].content.不存在"),
        (lambda d: d.update(deduction_base="total"), "deduction_base"),
        (lambda d: d["indicators"][0].pop("name"), "indicators[0].name"),
    ],
)
def test_R001_01_scheme_validation(mutate, field):
    """R001-01: invalid schemes raise SchemeError naming the field."""
    data = deepcopy(UNION_WORK_2011)
    mutate(data)
    with pytest.raises(SchemeError) as exc:
        IndicatorScheme.from_dict(data)
    assert exc.value.field == field


def test_R001_01_lookup_errors():
    """R001-01: unknown indicator, level or unit names are SchemeErrors."""
    for call in (lambda: SCHEME.indicator("x"), lambda: SCHEME.level("x"), lambda: SCHEME.unit("x")):
        with pytest.raises(SchemeError):
            call()


levels = st.sampled_from(["full", "basic", "none"])


@given(st.tuples(levels, levels, levels, levels), st.tuples(*[st.booleans()] * 4))
def test_R001_02_property_range_and_docs_never_help(lv, docs):
    """R001-02: each indicator score is in [0, weight]; flagging 资料不全 never raises a score."""
    names = [i.name for i in SCHEME.indicators]
    with_docs = {n: IndicatorAssessment(level, flag) for n, level, flag in zip(names, lv, docs, strict=True)}
    clean = {n: IndicatorAssessment(level) for n, level in zip(names, lv, strict=True)}
    total = score_unit(SCHEME, with_docs).value
    assert Decimal("0") <= total <= Decimal("100")
    assert total <= score_unit(SCHEME, clean).value
    for part in score_unit(SCHEME, with_docs).parts:
        assert Decimal("0") <= part.value <= SCHEME.indicator(part.label[:-2]).weight
