"""R000-14 base score (基础分), seed 000."""

from copy import deepcopy
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.scoring.base_score import (
    SEED000_BASE_SCORE,
    BaseScoreScheme,
    compute_base_score,
    secondment_score,
)
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.records import AnnualResult, Period, PersonRecord
from kaoping.scoring.trace import Derivation

D = date.fromisoformat
CUT_OFF = D("2011-09-30")
SCHEME = BaseScoreScheme.from_dict(SEED000_BASE_SCORE)
YEARS = (AnnualResult(2008, "称职"), AnnualResult(2009, "优秀"), AnnualResult(2010, "优秀"))


def person(**kw) -> PersonRecord:
    base = dict(
        person_id="p1",
        name="李四",
        birth_date=D("1960-01-01"),
        unit_kind="机关",
        rank_code="副巡视员",
        rank_level="副局级",
        rank_start=D("2008-01-01"),
        annual_results=YEARS,
    )
    base.update(kw)
    return PersonRecord(**base)


def test_R000_14_worked_example_93_50():
    """R000-14: 基础分 93.50 = 职务分 40 + 年度考核分 49 (称职 15, 优秀 17, 优秀 17) + 挂职分 4.50 (18 months)."""
    p = person(secondments=(Period("援疆", D("2009-01-01"), D("2010-06-30")),))
    result = compute_base_score(p, SCHEME, CUT_OFF)
    assert result.value == Decimal("93.50")
    assert result.rule == "R000-14"
    assert result.text() == (
        "基础分 93.50 = 职务分 40 + 年度考核分 49 (2008 称职 15, 2009 优秀 17, 2010 优秀 17) + 挂职分 4.50"
    )
    assert [p.value for p in result.parts] == [Decimal("40"), Decimal("49.00"), Decimal("4.50")]
    assert Derivation.from_dict(result.to_dict()) == result


@pytest.mark.parametrize(
    ("rank_code", "level", "points"),
    [
        ("副巡视员", "副局级", 40),
        ("副局级", "副局级", 40),
        ("处长", "正处级", 30),
        ("调研员", "正处级", 25),
        ("副处长", "副处级", 20),
        ("副调研员", "副处级", 20),
    ],
)
def test_R000_14_position_points_by_rank_then_level(rank_code, level, points):
    """R000-14: 职务分 副局级 40, 处长 30, 调研员 25, 副处级 20 (rank code first, then level)."""
    result = compute_base_score(person(rank_code=rank_code, rank_level=level), SCHEME, CUT_OFF)
    assert result.parts[0].value == points
    assert result.value == Decimal(points) + 49


@pytest.mark.parametrize(
    ("secondments", "points"),
    [
        ((), "0"),
        ((Period("挂职", D("2009-03-01"), D("2009-08-31")),), "1.50"),  # exactly 6 months
        ((Period("挂职", D("2009-03-01"), D("2009-08-30")),), "0"),  # one day short
        ((Period("扶贫", D("2009-01-01"), D("2009-12-31")),), "3"),
        ((Period("支教", D("2006-01-01"), D("2008-12-31")),), "3"),  # only the part after 2008-01-01 counts
        ((Period("援藏", D("2011-01-01"), None),), "1.50"),  # ongoing: counted up to the cut-off (9 months)
        ((Period("援藏", D("2005-01-01"), D("2007-12-31")),), "0"),  # entirely before the rank
        ((Period("培训", D("2009-01-01"), D("2010-12-31")),), "0"),  # not a secondment kind
        ((Period("挂职", D("2008-01-01"), D("2011-09-30")),), "9"),  # 45 months = 7 halves = 10.5 → cap 9
        (
            (
                Period("挂职", D("2008-01-01"), D("2008-04-30")),
                Period("挂职", D("2009-01-01"), D("2009-04-30")),
            ),
            "0",
        ),  # two 4-month spells: no completed half-year in either (default per secondment)
    ],
)
def test_R000_14_secondment_half_years(secondments, points):
    """R000-14: 挂职分 3 per full year, 1.5 per half year, within the current rank, cap 9."""
    result = secondment_score(person(secondments=secondments), SCHEME, CUT_OFF)
    assert result.value == Decimal(points)


def test_R000_14_pooled_counting_is_a_setting():
    """R000-14: the alternative reading pools the months of all secondments before flooring."""
    data = deepcopy(SEED000_BASE_SCORE)
    data["secondment"]["counting"] = "pooled"
    scheme = BaseScoreScheme.from_dict(data)
    spells = (
        Period("挂职", D("2008-01-01"), D("2008-04-30")),
        Period("挂职", D("2009-01-01"), D("2009-04-30")),
    )
    result = secondment_score(person(secondments=spells), scheme, CUT_OFF)
    assert result.value == Decimal("1.50")
    assert "合计 8 个月" in result.formula


def test_R000_14_cap_shows_in_formula():
    """R000-14: the secondment cap of 9 and the total cap of 100 show as min(...)."""
    p = person(secondments=(Period("挂职", D("2008-01-01"), D("2011-09-30")),))
    result = secondment_score(p, SCHEME, CUT_OFF)
    assert result.formula == "min(10.50, 9)"
    data = deepcopy(SEED000_BASE_SCORE)
    data["position_points"]["副局级"] = "95"
    total = compute_base_score(p, BaseScoreScheme.from_dict(data), CUT_OFF)
    assert total.value == Decimal("100.00") and total.formula.startswith("min(")


def test_R000_14_missing_year_is_incomplete():
    """R000-14 / G-6: a missing year's result gives no score, with the reason — never a zero."""
    result = compute_base_score(person(annual_results=YEARS[:2]), SCHEME, CUT_OFF)
    assert result.value is None
    assert result.all_incomplete_reasons() == ("缺少2010年度考核结果",)
    assert "无法计算" in result.text()


def test_R000_14_unknown_rank_and_missing_start_are_incomplete():
    """R000-14 / G-6: an unknown rank or (with secondments) a missing level start is incomplete."""
    result = compute_base_score(person(rank_code="科长", rank_level="正科级"), SCHEME, CUT_OFF)
    assert result.value is None and "职务分表中没有" in result.all_incomplete_reasons()[0]
    p = person(rank_start=None, secondments=(Period("挂职", D("2009-01-01"), D("2009-12-31")),))
    assert compute_base_score(p, SCHEME, CUT_OFF).value is None


def test_R000_14_other_grade_scores_other_points():
    """R000-14: a grade outside the table (基本称职) scores other_grade_points (0), shown explicitly."""
    p = person(annual_results=(AnnualResult(2008, "基本称职"), *YEARS[1:]))
    result = compute_base_score(p, SCHEME, CUT_OFF)
    assert result.value == Decimal("74.00")
    assert "2008 基本称职 0" in result.formula


def test_R000_14_round_trip():
    """R000-14: the scheme round-trips through its dict form."""
    assert BaseScoreScheme.from_dict(SCHEME.to_dict()) == SCHEME


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("position_points",), {}, "position_points"),
        (("position_points", "处长"), "-5", "position_points.处长"),
        (("position_points", "处长"), 30.5, "position_points.处长"),
        (("years",), [], "years"),
        (("years",), [2008, 2008], "years"),
        (("grade_points",), {}, "grade_points"),
        (("secondment", "cap"), "0", "secondment.cap"),
        (("secondment", "counting"), "sum", "secondment.counting"),
        (("cap",), "abc", "cap"),
        (("rounding",), {"places": 20}, "rounding"),
    ],
)
def test_R000_14_scheme_validation(path, value, field):
    """R000-14: invalid schemes raise SchemeError naming the field, in Chinese."""
    data = deepcopy(SEED000_BASE_SCORE)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(SchemeError) as exc:
        BaseScoreScheme.from_dict(data)
    assert exc.value.field == field


def test_R000_14_missing_key():
    """R000-14: a missing required key names it."""
    data = deepcopy(SEED000_BASE_SCORE)
    del data["years"]
    with pytest.raises(SchemeError) as exc:
        BaseScoreScheme.from_dict(data)
    assert exc.value.field == "years"


spells = st.lists(
    st.tuples(st.dates(min_value=date(2005, 1, 1), max_value=date(2011, 9, 30)), st.integers(0, 1500)),
    max_size=5,
).map(
    lambda xs: tuple(
        Period("挂职", s, date.fromordinal(min(s.toordinal() + n, date(2013, 1, 1).toordinal())))
        for s, n in xs
    )
)


@given(spells)
def test_R000_14_property_caps_never_exceeded(secondments):
    """R000-14: 挂职分 ≤ 9 and 基础分 ≤ 100 whatever the secondments."""
    result = compute_base_score(person(secondments=secondments), SCHEME, CUT_OFF)
    assert Decimal("0") <= result.parts[2].value <= Decimal("9")
    assert result.value <= Decimal("100")


@given(
    st.permutations(
        [
            Period("挂职", D("2008-02-01"), D("2008-09-30")),
            Period("援疆", D("2009-01-01"), D("2010-02-28")),
            Period("支教", D("2010-06-01"), None),
        ]
    )
)
def test_R000_14_property_order_independent(secondments):
    """R000-14: the order of secondments does not change the score."""
    result = compute_base_score(person(secondments=tuple(secondments)), SCHEME, CUT_OFF)
    assert (
        result.value
        == compute_base_score(
            person(secondments=tuple(sorted(secondments, key=lambda s: s.start))), SCHEME, CUT_OFF
        ).value
    )


@given(spells, st.dates(min_value=date(2005, 1, 1), max_value=date(2011, 9, 30)))
def test_R000_14_property_later_rank_start_never_raises(secondments, start):
    """R000-14: a later rank start (shorter window) never raises the secondment score (monotonic)."""
    early = secondment_score(person(secondments=secondments, rank_start=D("2005-01-01")), SCHEME, CUT_OFF)
    late = secondment_score(person(secondments=secondments, rank_start=start), SCHEME, CUT_OFF)
    assert late.value <= early.value


def test_R000_14_level_start_is_the_window():
    """R000-14: "任现职级期间" uses the level start (任职级时间) when given."""
    p = person(
        rank_start=D("2010-01-01"),
        level_start=D("2008-01-01"),
        secondments=(Period("挂职", D("2008-06-01"), D("2009-05-31")),),
    )
    assert secondment_score(p, SCHEME, CUT_OFF).value == Decimal("3")
    assert secondment_score(replace(p, level_start=None), SCHEME, CUT_OFF).value == Decimal("0")
