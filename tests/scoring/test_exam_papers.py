"""Whole-paper resolution for every marking mode (R000-18 mean of all markers; RP-04 双评)."""

from decimal import Decimal as D

import pytest

from kaoping.scoring.double_marking import SINGLE, TWO_PLUS_ONE, ExamItem, ItemMarks, MarkingState
from kaoping.scoring.exam_papers import resolve_item_mean, resolve_paper

CASE = ExamItem("case", "案例分析", D("60"), D("3"))
ESSAY = ExamItem("essay", "写作", D("40"), D("3"))


@pytest.mark.parametrize(
    ("marks", "required", "state", "value"),
    [
        ((D("50"),), 1, MarkingState.FINAL, D("50.00")),  # R000-18 one marker
        ((D("50"), D("47")), 2, MarkingState.FINAL, D("48.50")),  # R000-18 mean of two
        ((D("50"), D("47"), D("45")), 3, MarkingState.FINAL, D("47.33")),  # R000-18 mean of three, rounded
        ((D("50"),), 2, MarkingState.NEEDS_MARKER, None),  # a marker still missing
    ],
)
def test_mean_of_all_assigned_markers_r000_18(marks, required, state, value):
    out = resolve_item_mean(CASE, marks, required)
    assert (out.state, out.value) == (state, value)


def test_mean_refuses_marks_over_the_maximum():
    with pytest.raises(ValueError):
        resolve_item_mean(ESSAY, (D("41"),), 1)


def test_paper_total_is_the_mean_of_marker_totals_r000_18():
    """Two markers: (50 + 30.5) and (47 + 33) → totals 80.5 and 80 → 80.25 = 48.50 + 31.75."""
    out = resolve_paper(
        [CASE, ESSAY],
        SINGLE,
        {"case": ItemMarks((D("50"), D("47"))), "essay": ItemMarks((D("30.5"), D("33")))},
        required={"case": 2, "essay": 2},
    )
    assert out.is_final and out.total.value == D("80.25")
    assert out.total.rule == "R000-18"


def test_double_marking_paper_rp_04():
    out = resolve_paper(
        [CASE, ESSAY],
        TWO_PLUS_ONE,
        {"case": ItemMarks((D("40"), D("50"), D("58")), D("47")), "essay": ItemMarks((D("30"), D("32")))},
    )
    assert out.total.value == D("78.00")  # 仲裁 47 + (30 + 32)/2
    assert out.total.rule == "RP-04"


def test_incomplete_paper_has_no_total():
    out = resolve_paper([CASE, ESSAY], TWO_PLUS_ONE, {"case": ItemMarks((D("40"), D("50")))})
    assert out.total.value is None
    assert any("第 3 人" in r for r in out.total.incomplete_reasons)
