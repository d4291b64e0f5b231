"""Ballot templates, multi-item subject scores, shares and small-group suppression (kaoping.scoring.tally)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from kaoping.scoring.errors import SchemeError
from kaoping.scoring.tally import BallotTemplate, breakdown_visibility, shares, subject_score
from kaoping.scoring.votes import share_of

AB = {
    "rule": "R000-15",
    "options": [
        {"name": "胜任", "weight": "1"},
        {"name": "基本胜任", "weight": "0.5"},
        {"name": "不胜任", "weight": "0"},
    ],
    "groups": [{"key": "A", "points": "40"}, {"key": "B", "points": "60"}],
}
CADRE = {
    "label": "民主测评（德能勤绩廉）",
    "rule": "R002-05",
    "options": [
        {"name": "优秀", "weight": "1"},
        {"name": "称职", "weight": "0.8"},
        {"name": "基本称职", "weight": "0.6"},
        {"name": "不称职", "weight": "0"},
    ],
    "groups": [{"key": "全体", "points": "70"}],
    "items": [{"key": k, "label": k, "weight": "0.2"} for k in "德能勤绩廉"],
}


def test_r000_15_single_item_template_is_the_vote_score():
    t = BallotTemplate.from_dict(AB)
    assert [i.key for i in t.items] == ["overall"]
    d = subject_score(
        t, {"overall": {"A": {"胜任": 3, "基本胜任": 2, "不胜任": 2}, "B": {"胜任": 5, "基本胜任": 1}}}
    )
    # A (3 + 2×0.5)×40/7 = 22.857… → 22.86; B (5 + 0.5)×60/6 = 55.00
    assert d.value == Decimal("77.86")
    assert "22.86" in d.formula and "55.00" in d.formula


def test_r002_05_five_items_weighted():
    t = BallotTemplate.from_dict(CADRE)
    tallies = {k: {"全体": {"优秀": 8, "称职": 2}} for k in "德能勤绩"}
    tallies["廉"] = {"全体": {"优秀": 10}}
    d = subject_score(t, tallies)
    # 德能勤绩: (8 + 2×0.8)×70/10 = 67.20 each; 廉 70.00 → 0.2×(4×67.20 + 70) = 67.76
    assert d.value == Decimal("67.76")
    assert len(d.parts) == 5


def test_missing_votes_make_the_score_incomplete_not_zero():
    t = BallotTemplate.from_dict(CADRE)
    d = subject_score(t, {k: {"全体": {"优秀": 1}} for k in "德能勤绩"})
    assert d.value is None
    assert any("廉" in r for r in d.incomplete_reasons)


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"items": [{"key": "x", "weight": "0"}]}, "items[0].weight"),
        ({"items": [{"key": "x", "weight": "1"}] * 2}, "items"),
    ],
)
def test_bad_items_name_the_field(patch, field):
    with pytest.raises(SchemeError) as exc:
        BallotTemplate.from_dict({**AB, **patch})
    assert exc.value.field == field


def test_shares_for_display_and_exact_two_thirds_from_counts():
    """R002-03 conditions (好+较好 ≥ 2/3) compare exact fractions of the counts; Decimal shares are for display."""
    counts = {"好": 4, "较好": 2, "一般": 3}
    s = shares(counts, ("好", "较好", "一般", "差"))
    assert s["好"] == Decimal(4) / Decimal(9)
    assert share_of(counts, ["好", "较好"]) == Fraction(2, 3)
    assert s["差"] == 0
    assert shares({}, ("好",)) == {}


@pytest.mark.parametrize(
    ("a", "b", "groups", "counts"),
    [
        (4, 10, False, True),  # k−1 in A: no group breakdown (B alone would reveal A by subtraction)
        (5, 10, True, True),  # k
        (6, 10, True, True),  # k+1
        (2, 2, False, False),  # all together below k: no counts at all
    ],
)
def test_suppression_at_k_minus_1_k_k_plus_1(a, b, groups, counts):
    sup = breakdown_visibility({"A": a, "B": b}, 5)
    assert (sup.show_groups, sup.show_counts) == (groups, counts)
    assert bool(sup.reasons) == (not groups)
