"""Ranking, cut-offs, percentiles and quotas: RP-05, G-4, G-5, R000-17, R000-19, R000-21."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.scoring.ranking import (
    Entry,
    PercentRounding,
    TiePolicy,
    apply_quota,
    bottom_percent,
    competition_ranks,
    cut_top_n,
    cut_top_n_per_group,
    in_top_percent,
    passes_threshold,
    percent_count,
    quota_limit,
    rank_entries,
    top_percent,
)


def test_RP_05_competition_ranking():
    """RP-05: 72, 71, 71, 71, 70 → 1, 2, 2, 2, 5."""
    scores = {"a": D(72), "b": D(71), "c": D(71), "d": D(71), "e": D(70)}
    assert competition_ranks(scores) == {"a": 1, "b": 2, "c": 2, "d": 2, "e": 5}


def e(i, total, exam=None, interview=None, group=""):
    comps = []
    if exam is not None:
        comps.append(("exam", D(str(exam))))
    if interview is not None:
        comps.append(("interview", D(str(interview))))
    return Entry(i, D(str(total)), tuple(comps), group)


def test_RP_05_tie_break_chain_exam_then_interview():
    """RP-05: equal totals compared on 笔试, then 面试; still equal → shared rank."""
    entries = [e("a", 80, 70, 60), e("b", 80, 75, 50), e("c", 80, 70, 65), e("d", 80, 70, 65), e("f", 79)]
    ranked = rank_entries(entries, ["exam", "interview"])
    assert [(r.id, r.rank, r.tied) for r in ranked] == [
        ("b", 1, False),
        ("c", 2, True),
        ("d", 2, True),
        ("a", 4, False),
        ("f", 5, False),
    ]
    assert ranked[0].note == "总分相同，按 exam 排序"


def test_RP_05_missing_tie_break_component_keeps_the_tie():
    """RP-05 / G-6: a missing component cannot break the tie; the note says so."""
    ranked = rank_entries([e("a", 80, 70), e("b", 80)], ["exam"])
    assert [(r.rank, r.tied) for r in ranked] == [(1, True), (1, True)]
    assert "缺失" in ranked[0].note


@pytest.mark.parametrize(
    ("totals", "n", "passed", "tied", "failed"),
    [
        ([90, 85, 80, 75], 3, ["a", "b", "c"], [], ["d"]),
        ([90, 85, 80, 80, 75], 3, ["a", "b", "c", "d"], ["c", "d"], ["e"]),  # tie at the cut: both go
        ([90, 85, 85, 85, 75], 3, ["a", "b", "c", "d"], ["b", "c", "d"], ["e"]),  # 4 pass, 3 tied at rank 2
        ([90, 90, 90, 90], 3, ["a", "b", "c", "d"], ["a", "b", "c", "d"], []),
        ([90, 85], 3, ["a", "b"], [], []),
    ],
)
def test_R000_19_G_5_top_n_lets_tied_through_and_flags(totals, n, passed, tied, failed):
    """G-5 / R000-19: "前 3 名进入面试"; a tie at the cut lets all tied through, flagged 并列."""
    entries = [e(chr(ord("a") + i), t) for i, t in enumerate(totals)]
    result = cut_top_n(entries, n)
    assert list(result.passed) == passed
    assert list(result.tied_at_cut) == tied
    assert list(result.failed) == failed


def test_G_5_tie_at_cut_flag_when_tie_straddles():
    """G-5: [90, 85, 85, 85, 75] top 3 → b, c, d tied at rank 2 all pass; 4 people > 3 → flagged."""
    result = cut_top_n([e("a", 90), e("b", 85), e("c", 85), e("d", 85), e("e", 75)], 3)
    assert result.tied_at_cut == ("b", "c", "d")


def test_G_5_RP_05_tie_break_policy_at_cut():
    """G-5 / RP-05: with the tie-break policy, 笔试 decides the last place."""
    entries = [e("a", 90, 80), e("b", 85, 70), e("c", 85, 75), e("d", 70, 90)]
    result = cut_top_n(entries, 2, policy=TiePolicy.TIE_BREAK, chain=["exam"])
    assert result.passed == ("a", "c")
    assert result.tied_at_cut == ()
    default = cut_top_n(entries, 2, chain=["exam"])  # default policy ignores the chain
    assert default.passed == ("a", "b", "c")


def test_R000_21_top_2_per_group():
    """R000-21: the top 2 of each position (group) go to inspection."""
    entries = [
        e("a", 90, group="P1"),
        e("b", 85, group="P1"),
        e("c", 80, group="P1"),
        e("d", 70, group="P2"),
        e("f", 70, group="P2"),
        e("g", 60, group="P2"),
    ]
    cuts = cut_top_n_per_group(entries, 2)
    assert cuts["P1"].passed == ("a", "b")
    assert set(cuts["P2"].passed) == {"d", "f"}
    with pytest.raises(ValueError):
        cut_top_n(entries, -1)


@pytest.mark.parametrize(
    ("value", "inclusive", "expected"),
    [(D("60.00"), True, True), (D("59.99"), True, False), (D("60.00"), False, False), (None, True, None)],
)
def test_R000_17_threshold_60_inclusive(value, inclusive, expected):
    """R000-17: ≥ 60 (含) passes; exactly 60.00 passes; missing → None (G-6)."""
    assert passes_threshold(value, D(60), inclusive=inclusive) is expected


@pytest.mark.parametrize(
    ("percent", "n", "rounding", "count"),
    [
        ("30", 10, "floor", 3),
        ("30", 7, "floor", 2),
        ("30", 7, "ceil", 3),
        ("30", 5, "half_up", 2),
        ("15", 6, "floor", 0),
        ("15", 7, "floor", 1),
        ("40", 5, "floor", 2),
        ("3", 33, "floor", 0),
        ("3", 34, "floor", 1),
        ("1", 100, "floor", 1),
        ("35", 10, "half_up", 4),
    ],
)
def test_G_4_percent_counts(percent, n, rounding, count):
    """G-4: p% of n → floor(p·n) by default; ceil and half-up are settings."""
    assert percent_count(D(percent), n, PercentRounding(rounding)) == count


def test_G_4_top_and_bottom_percent_with_ties():
    """G-4: 前 30% of 7 → rank ≤ 2; ties share the best rank (both at rank 2 qualify)."""
    scores = {"a": D(95), "b": D(90), "c": D(90), "d": D(80), "e": D(70), "f": D(60), "g": D(50)}
    assert top_percent(scores, D(30)) == {"a", "b", "c"}
    assert bottom_percent(scores, D(30)) == {"f", "g"}
    assert bottom_percent({"a": D(50), "b": D(50), "c": D(90)}, D(34)) == {"a", "b"}
    assert in_top_percent(2, 7, D(30)) and not in_top_percent(3, 7, D(30))
    assert in_top_percent(3, 7, D(30), PercentRounding.CEIL)
    with pytest.raises(ValueError):
        percent_count(D(-1), 3)


@pytest.mark.parametrize(
    ("scores", "limit", "granted", "flagged", "refused"),
    [
        ([90, 85, 80], 2, ["a", "b"], [], ["c"]),
        ([90, 85, 85, 80], 2, ["a"], ["b", "c"], ["d"]),  # boundary inside a tie → flagged, not decided
        ([90, 90, 85], 2, ["a", "b"], [], ["c"]),
        ([90, 90, 90], 2, [], ["a", "b", "c"], []),
        ([90, 80], 0, [], [], ["a", "b"]),
    ],
)
def test_G_4_quota_boundary_tie_is_flagged(scores, limit, granted, flagged, refused):
    """G-4 / R002-06: at most floor(p·n); a tie straddling the limit is flagged (需研究确定)."""
    cands = {chr(ord("a") + i): D(s) for i, s in enumerate(scores)}
    result = apply_quota(cands, limit)
    assert list(result.granted) == granted
    assert list(result.flagged) == flagged
    assert list(result.refused) == refused
    with pytest.raises(ValueError):
        apply_quota(cands, -1)


def test_G_4_quota_limit_of_base():
    """G-4: 不超过 15% of 20 → 3; of 13 → 1."""
    assert quota_limit(20, D(15)) == 3
    assert quota_limit(13, D(15)) == 1


score_lists = st.lists(st.integers(min_value=0, max_value=20), min_size=0, max_size=25)


@given(score_lists, st.integers(min_value=0, max_value=10))
def test_G_4_quotas_never_exceeded(values, limit):
    """G-4 property: granted ≤ limit, and granted ∪ flagged ∪ refused = everyone exactly once."""
    cands = {i: D(v) for i, v in enumerate(values)}
    result = apply_quota(cands, limit)
    assert len(result.granted) <= limit
    assert sorted([*result.granted, *result.flagged, *result.refused]) == sorted(cands)
    if result.flagged:
        assert len(result.granted) + len(result.flagged) > limit


@given(score_lists, st.randoms())
def test_RP_05_ranking_order_independent(values, rnd):
    """RP-05 property: ranks do not depend on input order."""
    items = [(i, D(v)) for i, v in enumerate(values)]
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert competition_ranks(dict(items)) == competition_ranks(dict(shuffled))
    a = {r.id: r.rank for r in rank_entries([Entry(i, v) for i, v in items])}
    b = {r.id: r.rank for r in rank_entries([Entry(i, v) for i, v in shuffled])}
    assert a == b == competition_ranks(dict(items))
