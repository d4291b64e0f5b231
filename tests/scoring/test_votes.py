"""Vote-share scores: R000-15, R000-16, R002-02, RP-09, G-6."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.scoring.errors import SchemeError
from kaoping.scoring.presets import get_preset
from kaoping.scoring.votes import (
    VoteScheme,
    check_participation,
    reconcile_ballots,
    share_of,
    vote_score,
)

SEL = VoteScheme.from_dict(get_preset("selection.seed000").data["evaluation"])
TEAM = VoteScheme.from_dict(get_preset("annual.team.democratic").data)


def tally(a, b, c):
    return {"胜任": a, "基本胜任": b, "不胜任": c}


def test_R000_15_worked_example_text():
    """R000-15: A 7/2/1 of 10 → 32.00; B 30/15/5 of 50 → 45.00; total 77.00."""
    der = vote_score(SEL, {"A": tally(7, 2, 1), "B": tally(30, 15, 5)})
    assert der.value == D("77.00")
    assert [p.value for p in der.parts] == [D("32.00"), D("45.00")]
    assert (
        der.text() == "民主测评分数 77.00 = A 32.00 [(7×1 + 2×0.5)×40/10] + B 45.00 [(30×1 + 15×0.5)×60/50]"
    )
    assert der.rule == "R000-15"


@pytest.mark.parametrize(
    ("a", "b", "expected_a", "expected_b", "total"),
    [
        (tally(10, 0, 0), tally(50, 0, 0), "40.00", "60.00", "100.00"),
        (tally(0, 0, 10), tally(0, 0, 50), "0.00", "0.00", "0.00"),
        (tally(1, 1, 1), tally(2, 1, 0), "20.00", "50.00", "70.00"),  # 1.5×40/3=20; 2.5×60/3=50
        (tally(2, 0, 1), tally(1, 0, 2), "26.67", "20.00", "46.67"),  # 80/3=26.666… → 26.67
        (tally(1, 2, 0), tally(5, 1, 1), "26.67", "47.14", "73.81"),  # 2×40/3; 5.5×60/7=47.142…
    ],
)
def test_R000_15_group_scores_are_rounded_when_formed_G_1(a, b, expected_a, expected_b, total):
    """R000-15 / G-1: each group score rounded half-up to 2 places; total = sum of the rounded groups."""
    der = vote_score(SEL, {"A": a, "B": b})
    assert [p.value for p in der.parts] == [D(expected_a), D(expected_b)]
    assert der.value == D(total)


def test_R000_15_zero_valid_ballots_is_incomplete_never_zero_G_6():
    """G-6 / R000-15: a group with 0 valid ballots makes the score incomplete, with the reason."""
    der = vote_score(SEL, {"A": tally(0, 0, 0), "B": tally(30, 15, 5)})
    assert der.value is None
    assert "A 组有效票数为 0，无法计算" in der.all_incomplete_reasons()
    assert der.text().startswith("民主测评分数：无法计算")


def test_R000_15_missing_group_is_incomplete_G_6():
    """G-6: a missing table's tally is named."""
    der = vote_score(SEL, {"A": tally(7, 2, 1)})
    assert der.value is None
    assert der.incomplete_reasons == ("缺少 B 组计票结果",)


@pytest.mark.parametrize(
    ("tallies", "message"),
    [
        ({"C": tally(1, 0, 0)}, "未知投票组"),
        ({"A": {"优秀": 1}, "B": tally(1, 0, 0)}, "未知选项"),
        ({"A": {"胜任": -1}, "B": tally(1, 0, 0)}, "非负整数"),
    ],
)
def test_R000_15_bad_tallies_raise(tallies, message):
    """R000-15: unknown groups/options and negative counts are programming errors."""
    with pytest.raises(ValueError, match=message):
        vote_score(SEL, tallies)


@pytest.mark.parametrize(
    ("counts", "expected", "formula"),
    [
        (
            {"好": 20, "较好": 10, "一般": 5, "差": 5},
            "23.25",
            "(20×1 + 10×0.8 + 5×0.6)×30/40",
        ),  # 30×(0.5+0.2+0.075)
        ({"好": 40, "较好": 0, "一般": 0, "差": 0}, "30.00", "(40×1 + 0×0.8 + 0×0.6)×30/40"),
        ({"好": 1, "较好": 1, "一般": 1}, "24.00", "(1×1 + 1×0.8 + 1×0.6)×30/3"),
    ],
)
def test_R002_02_team_table(counts, expected, formula):
    """R002-02: 30 × (share好×1 + share较好×0.8 + share一般×0.6)."""
    der = vote_score(TEAM, {"全体": counts})
    assert der.value == D(expected)
    assert der.parts[0].formula == formula
    assert der.rule == "R002-02"


@pytest.mark.parametrize(
    ("returned", "eligible", "ok", "rate"),
    [
        (40, 50, True, "80.00"),
        (39, 50, False, "78.00"),
        (50, 50, True, "100.00"),
        (4, 5, True, "80.00"),
        (7, 9, False, "77.78"),
        (8, 9, True, "88.89"),
        (0, 3, False, "0.00"),
    ],
)
def test_R000_16_participation_exactly_80_percent_passes(returned, eligible, ok, rate):
    """R000-16: valid when returned ≥ 80% of eligible (inclusive; 40 of 50 passes, 39 fails)."""
    result = check_participation(returned, eligible)
    assert result.ok is ok
    assert result.derivation.value == D(rate)
    assert result.derivation.rule == "R000-16"


def test_R000_16_strict_threshold_is_a_setting():
    """R000-16: the exclusive reading ("more than 80%") is a setting."""
    assert check_participation(40, 50, inclusive=False).ok is False
    assert check_participation(41, 50, inclusive=False).ok is True
    assert "要求 > 80%" in check_participation(41, 50, inclusive=False).derivation.formula


def test_R000_16_no_eligible_voters_is_incomplete_G_6():
    """G-6: zero eligible voters → unknown, not valid."""
    result = check_participation(0, 0)
    assert result.ok is None and result.derivation.value is None
    with pytest.raises(ValueError):
        check_participation(-1, 3)


@pytest.mark.parametrize(
    ("issued", "returned", "ok", "problems"),
    [
        ({"A": 10, "B": 50}, {"A": 10, "B": 49}, True, ()),
        ({"A": 10, "B": 50}, {"A": 11, "B": 50}, False, ("A 表收回 11 张，超过发出凭证 10 张，测评无效",)),
        ({"A": 10}, {"A": 3, "B": 1}, False, ("B 表收回 1 张，超过发出凭证 0 张，测评无效",)),
    ],
)
def test_RP_09_reconciliation(issued, returned, ok, problems):
    """RP-09: ballots returned ≤ credentials issued per table, else void."""
    result = reconcile_ballots(issued, returned)
    assert result.ok is ok
    assert result.problems == problems


@pytest.mark.parametrize(
    ("counts", "options", "expected"),
    [
        ({"好": 3, "较好": 3, "差": 3}, ["好", "较好"], Fraction(2, 3)),
        ({"好": 0, "差": 2}, ["好"], Fraction(0)),
        ({}, ["好"], None),
        ({"好": 0, "差": 0}, ["差"], None),
    ],
)
def test_R002_03_share_of_is_exact(counts, options, expected):
    """R002-03: vote shares are exact fractions (2 of 3 is exactly 2/3, no rounding); no ballots → None."""
    assert share_of(counts, options) == expected


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"groups": [{"key": "A", "points": "40"}]}, "options"),
        ({"options": [], "groups": [{"key": "A", "points": "40"}]}, "options"),
        (
            {"options": [{"name": "胜任", "weight": "x"}], "groups": [{"key": "A", "points": "40"}]},
            "options[0].weight",
        ),
        (
            {"options": [{"name": "胜任", "weight": 1.0}], "groups": [{"key": "A", "points": "40"}]},
            "options[0].weight",
        ),
        (
            {"options": [{"name": "胜任", "weight": "1"}], "groups": [{"key": "A", "points": "0"}]},
            "groups[0].points",
        ),
        (
            {
                "options": [{"name": "胜任", "weight": "1"}, {"name": "胜任", "weight": "0"}],
                "groups": [{"key": "A", "points": "40"}],
            },
            "options",
        ),
        (
            {
                "options": [{"name": "胜任", "weight": "1"}],
                "groups": [{"key": "A", "points": "4"}],
                "group_rounding": {"places": 99},
            },
            "group_rounding",
        ),
    ],
)
def test_R000_15_scheme_errors_name_the_field(data, field):
    """G-2 / R000-15: a wrong scheme raises SchemeError naming the field, in Chinese."""
    with pytest.raises(SchemeError) as exc:
        VoteScheme.from_dict(data)
    assert exc.value.field == field
    assert exc.value.message


def test_R000_15_scheme_round_trip_and_other_numbers():
    """G-2: a scheme with other numbers (50/50) is data, and to_dict/from_dict round-trips."""
    assert VoteScheme.from_dict(SEL.to_dict()) == SEL
    data = SEL.to_dict() | {"groups": [{"key": "A", "points": "50"}, {"key": "B", "points": "50"}]}
    other = VoteScheme.from_dict(data)
    assert other.max_score == D("100")
    assert vote_score(other, {"A": tally(7, 2, 1), "B": tally(30, 15, 5)}).value == D("77.50")  # 40 + 37.5


def test_R000_15_truncate_rounding_is_a_setting_RP_02():
    """RP-02: truncation instead of half-up (80/3 = 26.666… → 26.66)."""
    data = SEL.to_dict() | {"group_rounding": {"places": 2, "mode": "truncate"}}
    scheme = VoteScheme.from_dict(data)
    assert vote_score(scheme, {"A": tally(2, 0, 1), "B": tally(1, 0, 2)}).value == D("46.66")


counts = st.integers(min_value=0, max_value=60)


@given(counts, counts, counts, counts, counts, counts)
def test_R000_15_more_competent_votes_never_lower_the_score(a1, a2, a3, b1, b2, b3):
    """R000-15 property: turning one 不胜任 or 基本胜任 ballot into 胜任 never lowers the score."""
    if a1 + a2 + a3 == 0 or b1 + b2 + b3 == 0:
        return
    base = vote_score(SEL, {"A": tally(a1, a2, a3), "B": tally(b1, b2, b3)}).value
    assert D("0") <= base <= D("100")
    if a3:
        assert vote_score(SEL, {"A": tally(a1 + 1, a2, a3 - 1), "B": tally(b1, b2, b3)}).value >= base
    if b2:
        assert vote_score(SEL, {"A": tally(a1, a2, a3), "B": tally(b1 + 1, b2 - 1, b3)}).value >= base


@given(st.permutations(["胜任", "基本胜任", "不胜任"]), counts, counts, counts)
def test_R000_15_order_of_options_in_a_tally_does_not_matter(order, x, y, z):
    """R000-15 property: a tally is a mapping; insertion order never changes the score."""
    if x + y + z == 0:
        return
    values = dict(zip(["胜任", "基本胜任", "不胜任"], [x, y, z], strict=True))
    shuffled = {k: values[k] for k in order}
    assert (
        vote_score(SEL, {"A": values, "B": values}).value
        == vote_score(SEL, {"A": shuffled, "B": shuffled}).value
    )
