"""Means: R000-18 (mean of markers' totals), R000-20 (trimmed mean without the chief), RP-01, G-6."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.scoring.aggregates import RaterMark, element_trimmed_sum, mean, mean_of_totals, trimmed_mean
from kaoping.scoring.decimals import Rounding, RoundingMode


def marks(*values, chief=None):
    out = [RaterMark(f"考官{i + 1}", None if v is None else D(str(v))) for i, v in enumerate(values)]
    if chief is not None:
        out.append(RaterMark("主考官", D(str(chief)), role="chief"))
    return out


@pytest.mark.parametrize(
    ("totals", "expected", "formula"),
    [
        ({"甲": D("80"), "乙": D("85")}, "82.50", "(80 + 85)/2"),
        ({"甲": D("81"), "乙": D("80"), "丙": D("80")}, "80.33", "(81 + 80 + 80)/3"),
        ({"甲": D("77.5"), "乙": D("80"), "丙": D("79")}, "78.83", "(77.5 + 80 + 79)/3"),
        ({"甲": D("90")}, "90.00", "(90)/1"),
    ],
)
def test_R000_18_exam_score_is_mean_of_markers_totals(totals, expected, formula):
    """R000-18: the exam score is the mean of the markers' totals, rounded when formed."""
    der = mean_of_totals(totals)
    assert der.value == D(expected)
    assert der.formula == formula
    assert der.rule == "R000-18"


def test_R000_18_missing_marker_total_is_incomplete_G_6():
    """G-6: a marker who has not finished makes the exam score incomplete, naming the marker."""
    der = mean_of_totals({"甲": D("80"), "乙": None})
    assert der.value is None
    assert der.incomplete_reasons == ("乙 的分数缺失",)
    assert mean({}).incomplete_reasons == ("没有任何分数",)


@pytest.mark.parametrize(
    ("values", "chief", "expected"),
    [
        ((80, 85, 90, 70, 88, "86.5"), 99, "84.88"),  # drop 90 and 70 → (80+85+86.5+88)/4 = 84.875
        ((80, 80, 80, 80, 80, 80), 20, "80.00"),
        ((70, 75, 80, 85, 90, 95, 100, 60), 100, "82.50"),  # 8 examiners + chief; drop 100 and 60
        ((60, 90, 90), None, "90.00"),  # exactly 2k+1 raters
    ],
)
def test_R000_20_trimmed_mean_leaves_out_chief_and_extremes(values, chief, expected):
    """R000-20: mean of the non-chief examiners after dropping one highest and one lowest."""
    der = trimmed_mean(marks(*values, chief=chief))
    assert der.value == D(expected)
    assert der.rule == "R000-20"


def test_R000_20_derivation_names_dropped_and_excluded():
    """R000-20: the trace says which marks were dropped and that the chief's mark is not counted."""
    der = trimmed_mean(marks(80, 85, 90, 70, 88, "86.5", chief=99))
    assert (
        der.text()
        == "面试分数 84.88 = (80 + 85 + 86.5 + 88)/4（去掉最高分 90，最低分 70，不计 主考官 的评分）"
    )


def test_R000_20_chief_score_never_counts_even_if_extreme():
    """R000-20: a chief's 0 or 100 does not move the score."""
    assert (
        trimmed_mean(marks(80, 82, 84, 86, 88, 90, chief=0)).value
        == trimmed_mean(marks(80, 82, 84, 86, 88, 90, chief=100)).value
        == D("85.00")
    )


@pytest.mark.parametrize(("values", "k"), [((80, 90), 1), ((80,), 1), ((70, 80, 90, 95), 2), ((), 0)])
def test_R000_20_not_enough_raters_is_incomplete_G_6(values, k):
    """G-6 / R000-20: fewer than 2k+1 counted raters → incomplete with the reason."""
    der = trimmed_mean(marks(*values, chief=90), k=k)
    assert der.value is None
    assert "至少需" in der.incomplete_reasons[0]


def test_R000_20_missing_mark_is_incomplete_G_6():
    """G-6: an examiner without a mark blocks the score (no silent exclusion)."""
    der = trimmed_mean(marks(80, None, 85, 90, 70, chief=90))
    assert der.value is None and der.incomplete_reasons == ("考官 考官2 未评分",)


def test_R000_20_k_zero_is_plain_mean_and_negative_k_refused():
    """RP-01: k is a setting; k=0 is the plain mean of non-chief raters."""
    der = trimmed_mean(marks(80, 81, chief=10), k=0)
    assert der.value == D("80.50")
    assert der.formula == "(80 + 81)/2（不计 主考官 的评分）"
    with pytest.raises(ValueError):
        trimmed_mean(marks(80), k=-1)


ELEMENT_MARKS = {
    "考官1": {"陈述": D(30), "答辩": D(50)},
    "考官2": {"陈述": D(35), "答辩": D(40)},
    "考官3": {"陈述": D(38), "答辩": D(55)},
    "考官4": {"陈述": D(33), "答辩": D(51)},
    "主考官": {"陈述": D(40), "答辩": D(60)},
}


def test_RP_01_per_element_trimming_differs_from_total_trimming():
    """RP-01: trim each element then sum element means (34.00 + 50.50 = 84.50) vs trimming the totals.

    Totals: 80, 75, 93, 84 → drop 93 and 75 → (80+84)/2 = 82.00.
    """
    roles = {"主考官": "chief"}
    per_element = element_trimmed_sum(ELEMENT_MARKS, ["陈述", "答辩"], roles=roles)
    assert per_element.value == D("84.50")
    assert per_element.text() == "面试分数 84.50 = 陈述 34.00 + 答辩 50.50"
    assert per_element.rule == "RP-01"
    totals = [RaterMark(r, sum(v.values()), roles.get(r, "")) for r, v in ELEMENT_MARKS.items()]
    assert trimmed_mean(totals).value == D("82.00")


def test_RP_01_element_means_rounded_so_the_table_adds_up_G_1():
    """G-1 / RP-01: element means 33.333… are published as 33.33 and the score is their sum."""
    m = {f"考官{i}": {"甲": D(v), "乙": D(v)} for i, v in enumerate([30, 33, 34, 33, 40])}
    m["考官1"]["甲"] = D(34)
    der = element_trimmed_sum(m, ["甲", "乙"], k=1)
    # 甲: 30,34,34,33,40 → drop 30,40 → (33+34+34)/3 = 33.666… → 33.67; 乙: 30,33,34,33,40 → 33.33
    assert [p.value for p in der.parts] == [D("33.67"), D("33.33")]
    assert der.value == D("67.00")
    full = element_trimmed_sum(m, ["甲", "乙"], k=1, element_rounding=Rounding(mode=RoundingMode.NONE))
    assert full.value == D("67.00")  # 33.666…+33.333… = 67.00 as well


def test_RP_01_missing_element_mark_is_incomplete_G_6():
    """G-6 / RP-01: a missing element mark names the element."""
    m = {r: dict(v) for r, v in ELEMENT_MARKS.items()}
    del m["考官2"]["答辩"]
    der = element_trimmed_sum(m, ["陈述", "答辩"], roles={"主考官": "chief"})
    assert der.value is None
    assert der.incomplete_reasons == ("答辩：考官 考官2 未评分",)


scores = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


@given(st.lists(scores, min_size=3, max_size=12), st.integers(min_value=0, max_value=2))
def test_R000_20_trimmed_mean_within_min_and_max(values, k):
    """R000-20 property: the trimmed mean lies within [min, max] of the counted marks."""
    rm = [RaterMark(f"r{i}", v) for i, v in enumerate(values)]
    der = trimmed_mean(rm, k=k)
    if len(values) < 2 * k + 1:
        assert der.value is None
    else:
        assert min(values) <= der.value <= max(values)


@given(st.lists(scores, min_size=3, max_size=9), st.randoms())
def test_R000_20_trimmed_mean_order_independent(values, rnd):
    """R000-20 property: the order examiners are listed in never changes the score."""
    rm = [RaterMark(f"r{i}", v) for i, v in enumerate(values)]
    shuffled = list(rm)
    rnd.shuffle(shuffled)
    assert trimmed_mean(rm).value == trimmed_mean(shuffled).value
