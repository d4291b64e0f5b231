"""Written-exam double marking: RP-04."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from kaoping.scoring.double_marking import (
    MODES,
    SINGLE,
    TWO_PLUS_ONE,
    TWO_PLUS_ONE_PLUS_ONE,
    ExamItem,
    ItemMarks,
    MarkingMode,
    MarkingState,
    ToleranceKind,
    mark_paper,
    resolve_item,
)
from kaoping.scoring.errors import SchemeError

CASE = ExamItem("case", "案例分析", D(60), D(10), ToleranceKind.PERCENT)  # 10% of 60 = 6 points
ESSAY = ExamItem("essay", "写作", D(40), D(4))  # absolute 4 points


def d(*xs):
    return [D(str(x)) for x in xs]


@pytest.mark.parametrize(
    ("mode", "item", "marks", "arb", "state", "value"),
    [
        (SINGLE, CASE, d(41), None, MarkingState.FINAL, "41.00"),
        (TWO_PLUS_ONE, CASE, d(40, 45), None, MarkingState.FINAL, "42.50"),
        (TWO_PLUS_ONE, CASE, d(40, 46), None, MarkingState.FINAL, "43.00"),  # diff 6 = tolerance: agrees
        (TWO_PLUS_ONE, CASE, d(40, "46.5"), None, MarkingState.NEEDS_MARKER, None),
        (TWO_PLUS_ONE, CASE, d(40, 50, 48), None, MarkingState.FINAL, "49.00"),  # closest pair 50/48
        (TWO_PLUS_ONE, CASE, d(40, 50, 45), None, MarkingState.FINAL, "47.50"),  # tie 5/5 → higher pair
        (TWO_PLUS_ONE, CASE, d(30, 50, 40), None, MarkingState.NEEDS_ARBITRATOR, None),
        (TWO_PLUS_ONE, CASE, d(30, 50, 40), D(42), MarkingState.FINAL, "42.00"),
        (TWO_PLUS_ONE_PLUS_ONE, CASE, d(30, 50, 40), None, MarkingState.NEEDS_MARKER, None),
        (TWO_PLUS_ONE_PLUS_ONE, CASE, d(30, 50, 40, 44), None, MarkingState.FINAL, "42.00"),  # 40/44
        (TWO_PLUS_ONE_PLUS_ONE, CASE, d(10, 30, 50, 20), None, MarkingState.NEEDS_ARBITRATOR, None),
        (TWO_PLUS_ONE, ESSAY, d(30, 34), None, MarkingState.FINAL, "32.00"),
        (TWO_PLUS_ONE, ESSAY, d(30, 35), None, MarkingState.NEEDS_MARKER, None),
        (TWO_PLUS_ONE, ESSAY, d(30), None, MarkingState.NEEDS_MARKER, None),
        (TWO_PLUS_ONE, ESSAY, d("30.5", "31"), None, MarkingState.FINAL, "30.75"),
    ],
)
def test_RP_04_modes(mode, item, marks, arb, state, value):
    """RP-04: 1评; 2+1 (mean within tolerance, else third, then arbitrator); 2+1+1 (a fourth marker first)."""
    outcome = resolve_item(item, mode, marks, arb)
    assert outcome.state is state
    assert outcome.value == (None if value is None else D(value))
    assert outcome.derivation.rule == "RP-04"
    assert (outcome.derivation.value is None) == (value is None)


def test_RP_04_tolerance_percent_of_item_max():
    """RP-04: a % tolerance is of the item's maximum (10% of 60 = 6)."""
    assert CASE.tolerance_points == D(6)
    assert ESSAY.tolerance_points == D(4)


def test_RP_04_derivation_texts():
    """RP-04: the trace shows the marks, the difference and the tolerance."""
    assert (
        resolve_item(CASE, TWO_PLUS_ONE, d(40, 45)).derivation.text()
        == "案例分析 42.50 = (40 + 45)/2，分差 5 ≤ 误差 6"
    )
    third = resolve_item(CASE, TWO_PLUS_ONE, d(40, 50))
    assert third.derivation.incomplete_reasons == ("案例分析 评分 40、50 分差超过误差 6，需第 3 人评分",)
    arb = resolve_item(CASE, TWO_PLUS_ONE, d(30, 50, 40), D(42))
    assert arb.derivation.formula == "仲裁 42（评分 30、50、40 均超过误差 6）"


@pytest.mark.parametrize(("marks", "arb"), [(d(61), None), (d(-1), None), (d(40, 50, 30), D(70))])
def test_RP_04_marks_outside_item_range_refused(marks, arb):
    """RP-04: a mark above the item's maximum or below 0 is refused."""
    with pytest.raises(ValueError):
        resolve_item(CASE, TWO_PLUS_ONE_PLUS_ONE, marks, arb)


def test_RP_04_too_many_marks_refused():
    """RP-04: 2+1 takes at most three ordinary marks."""
    with pytest.raises(ValueError):
        resolve_item(CASE, TWO_PLUS_ONE, d(10, 30, 50, 20))


def test_RP_04_mode_validation():
    """RP-04: modes are data; invalid combinations raise SchemeError."""
    assert set(MODES) == {"1评", "2+1", "2+1+1"}
    with pytest.raises(SchemeError):
        MarkingMode("3评", 3, 0)
    with pytest.raises(SchemeError):
        MarkingMode("1+1", 1, 1)


def test_RP_04_paper_total_per_item_and_incomplete_G_6():
    """RP-04 / R000-18: per-item marking; the paper total waits for every item (G-6)."""
    done = mark_paper(
        [CASE, ESSAY], TWO_PLUS_ONE, {"case": ItemMarks(d(40, 45)), "essay": ItemMarks(d(30, 34))}
    )
    assert done.is_final
    assert done.total.value == D("74.50")
    assert done.total.text() == "笔试分数 74.50 = 案例分析 42.50 + 写作 32.00"
    waiting = mark_paper([CASE, ESSAY], TWO_PLUS_ONE, {"case": ItemMarks(d(40, 45))})
    assert not waiting.is_final
    assert waiting.total.value is None
    assert waiting.total.incomplete_reasons == ("写作 已评 0 次，需 2 人初评",)


def test_RP_04_exam_item_from_dict_and_errors():
    """RP-04: items are data with tolerance absolute or percent; wrong fields are named."""
    item = ExamItem.from_dict(
        {"key": "case", "label": "案例分析", "max": "60", "tolerance": "10", "tolerance_kind": "percent"},
        "exam.items[0]",
    )
    assert item == CASE
    assert ExamItem.from_dict(item.to_dict(), "x") == item
    with pytest.raises(SchemeError) as exc:
        ExamItem.from_dict({"key": "case", "max": "60", "tolerance_kind": "relative"}, "exam.items[0]")
    assert exc.value.field == "exam.items[0].tolerance_kind"
    with pytest.raises(SchemeError) as exc:
        ExamItem.from_dict({"key": "case", "max": "0"}, "exam.items[1]")
    assert exc.value.field == "exam.items[1].max"
