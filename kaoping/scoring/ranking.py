"""Ranking, tie-breaks, cut-offs, percentiles and quotas: RP-05, G-4, G-5.

* Competition ranking (72, 71, 71, 71, 70 → 1, 2, 2, 2, 5), higher is better.
* A tie-break chain (RP-05) compares ordered components when totals tie; a missing component stops the
  chain for that tie (those people stay tied).
* Cut-offs "top N" (per group) let everyone tied at the cut through and flag them 并列 (G-5 default), or
  apply the tie-break chain first (then a tie that remains is still let through and flagged).
* Percentiles "前/后 p%" within n: rank r qualifies when r ≤ floor(p·n) (G-4; rounding is a setting).
* Quotas "不超过 p%": at most floor(p·n) people; a tie straddling the boundary is flagged (需研究确定),
  never decided by the system, and the quota is never exceeded.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from enum import StrEnum

from .decimals import HUNDRED


class PercentRounding(StrEnum):
    """How p·n becomes a count (G-4): floor (literal, default), ceil or half-up."""

    FLOOR = "floor"
    CEIL = "ceil"
    HALF_UP = "half_up"


class TiePolicy(StrEnum):
    """What a cut-off inside a tie does (G-5)."""

    INCLUDE_ALL = "include_all"  # all tied pass, flagged 并列
    TIE_BREAK = "tie_break"  # apply the tie-break chain first


_ROUNDINGS = {
    PercentRounding.FLOOR: ROUND_FLOOR,
    PercentRounding.CEIL: ROUND_CEILING,
    PercentRounding.HALF_UP: ROUND_HALF_UP,
}


def percent_count(percent: Decimal, n: int, rounding: PercentRounding = PercentRounding.FLOOR) -> int:
    """p% of n as a head count: floor(p·n/100) by default (G-4)."""
    if n < 0 or percent < 0:
        raise ValueError("人数与比例不能为负")
    return int((percent * n / HUNDRED).quantize(Decimal(1), rounding=_ROUNDINGS[PercentRounding(rounding)]))


def competition_ranks(scores: Mapping[Hashable, Decimal]) -> dict[Hashable, int]:
    """Competition ranking, higher first: 72, 71, 71, 71, 70 → 1, 2, 2, 2, 5 (RP-05)."""
    ordered = sorted(scores.values(), reverse=True)
    first: dict[Decimal, int] = {}
    for i, v in enumerate(ordered, start=1):
        first.setdefault(v, i)
    return {k: first[v] for k, v in scores.items()}


@dataclass(frozen=True)
class Entry:
    """One person to rank: total and the tie-break components by key (None = missing)."""

    id: Hashable
    total: Decimal
    components: tuple[tuple[str, Decimal | None], ...] = ()
    group: Hashable = ""

    def component(self, key: str) -> Decimal | None:
        """A tie-break component's value (None when missing)."""
        return dict(self.components).get(key)


@dataclass(frozen=True)
class Ranked:
    """A ranked entry: rank (competition), whether still tied, and how the tie-break went."""

    id: Hashable
    rank: int
    tied: bool
    note: str = ""


def rank_entries(entries: Sequence[Entry], chain: Sequence[str] = ()) -> list[Ranked]:
    """Rank by total, then by each component of ``chain`` for people tied on everything before (RP-05).

    Returns entries in rank order; people equal on the total and every usable chain component share a rank.
    """
    clusters: list[list[Entry]] = []
    for e in sorted(entries, key=lambda e: e.total, reverse=True):
        if clusters and clusters[-1][0].total == e.total:
            clusters[-1].append(e)
        else:
            clusters.append([e])
    result: list[Ranked] = []
    for cluster in clusters:
        for sub, note in _break(cluster, list(chain)):
            rank = len(result) + 1
            for e in sub:
                result.append(Ranked(e.id, rank, len(sub) > 1, note))
    return result


def _break(cluster: list[Entry], chain: list[str]) -> list[tuple[list[Entry], str]]:
    if len(cluster) == 1:
        return [(cluster, "")]
    if not chain:
        return [(cluster, "并列")]
    key, rest = chain[0], chain[1:]
    if any(e.component(key) is None for e in cluster):
        return [(cluster, f"并列（{key} 缺失，无法比较）")]
    out: list[tuple[list[Entry], str]] = []
    ordered = sorted(cluster, key=lambda e: e.component(key), reverse=True)  # type: ignore[arg-type, return-value]
    groups: list[list[Entry]] = []
    for e in ordered:
        if groups and groups[-1][0].component(key) == e.component(key):
            groups[-1].append(e)
        else:
            groups.append([e])
    for g in groups:
        for sub, note in _break(g, rest):
            out.append((sub, note or f"总分相同，按 {key} 排序"))
    return out


@dataclass(frozen=True)
class CutResult:
    """Who passes a cut-off; ``tied_at_cut`` are let through because of a tie at the cut (并列)."""

    passed: tuple[Hashable, ...]
    tied_at_cut: tuple[Hashable, ...]
    failed: tuple[Hashable, ...]
    ranks: tuple[Ranked, ...]


def cut_top_n(
    entries: Sequence[Entry], n: int, *, policy: TiePolicy = TiePolicy.INCLUDE_ALL, chain: Sequence[str] = ()
) -> CutResult:
    """Cut-off 前 N 名: rank ≤ N passes. A tie at the cut lets all tied through and flags them (G-5); with
    ``TiePolicy.TIE_BREAK`` the chain (RP-05) is applied first."""
    if n < 0:
        raise ValueError("N 不能为负")
    ranked = rank_entries(entries, chain if TiePolicy(policy) is TiePolicy.TIE_BREAK else ())
    passed = tuple(r.id for r in ranked if r.rank <= n)
    boundary = [r for r in ranked if r.rank <= n]
    tied: tuple[Hashable, ...] = ()
    if boundary and len(passed) > n:
        last = boundary[-1].rank
        tied = tuple(r.id for r in ranked if r.rank == last)
    failed = tuple(r.id for r in ranked if r.rank > n)
    return CutResult(passed, tied, failed, tuple(ranked))


def cut_top_n_per_group(
    entries: Sequence[Entry], n: int, *, policy: TiePolicy = TiePolicy.INCLUDE_ALL, chain: Sequence[str] = ()
) -> dict[Hashable, CutResult]:
    """:func:`cut_top_n` within each ``Entry.group`` (e.g. per position)."""
    groups: dict[Hashable, list[Entry]] = {}
    for e in entries:
        groups.setdefault(e.group, []).append(e)
    return {g: cut_top_n(es, n, policy=policy, chain=chain) for g, es in groups.items()}


def passes_threshold(value: Decimal | None, threshold: Decimal, *, inclusive: bool = True) -> bool | None:
    """Threshold check ≥ (inclusive: 60.00 passes 60) or >; None when the value is missing (G-6)."""
    if value is None:
        return None
    return value >= threshold if inclusive else value > threshold


def bottom_ranks(scores: Mapping[Hashable, Decimal]) -> dict[Hashable, int]:
    """Ranks counted from the worst (1 = lowest score; ties share the rank nearest the bottom)."""
    return competition_ranks({k: -v for k, v in scores.items()})


def in_top_percent(
    rank: int, n: int, percent: Decimal, rounding: PercentRounding = PercentRounding.FLOOR
) -> bool:
    """Percentile 前 p%: rank r (1 = best) qualifies when r ≤ floor(p·n) (G-4)."""
    return rank <= percent_count(percent, n, rounding)


def top_percent(
    scores: Mapping[Hashable, Decimal], percent: Decimal, rounding: PercentRounding = PercentRounding.FLOOR
) -> set[Hashable]:
    """Everyone in the top p% of ``scores`` (G-4)."""
    ranks = competition_ranks(scores)
    return {k for k, r in ranks.items() if in_top_percent(r, len(scores), percent, rounding)}


def bottom_percent(
    scores: Mapping[Hashable, Decimal], percent: Decimal, rounding: PercentRounding = PercentRounding.FLOOR
) -> set[Hashable]:
    """Everyone in the bottom p% of ``scores``: rank from the bottom r ≤ floor(p·n) (G-4)."""
    ranks = bottom_ranks(scores)
    return {k for k, r in ranks.items() if in_top_percent(r, len(scores), percent, rounding)}


@dataclass(frozen=True)
class QuotaResult:
    """A quota outcome: ``granted`` fit within ``limit``; ``flagged`` are tied across the boundary and
    left for the committee (需研究确定); ``refused`` are beyond it."""

    limit: int
    granted: tuple[Hashable, ...]
    flagged: tuple[Hashable, ...]
    refused: tuple[Hashable, ...]


def apply_quota(candidates: Mapping[Hashable, Decimal], limit: int) -> QuotaResult:
    """Grant at most ``limit`` candidates by score, best first. A tie group that does not fit entirely is
    flagged, not decided, and nobody after it is granted (G-4, R002-06)."""
    if limit < 0:
        raise ValueError("名额不能为负")
    ordered = sorted(candidates.items(), key=lambda kv: kv[1], reverse=True)
    granted: list[Hashable] = []
    flagged: list[Hashable] = []
    refused: list[Hashable] = []
    i = 0
    while i < len(ordered):
        j = i
        while j < len(ordered) and ordered[j][1] == ordered[i][1]:
            j += 1
        tie = [k for k, _ in ordered[i:j]]
        if flagged or len(granted) >= limit:
            refused.extend(tie)
        elif len(granted) + len(tie) <= limit:
            granted.extend(tie)
        else:
            flagged.extend(tie)
        i = j
    return QuotaResult(limit, tuple(granted), tuple(flagged), tuple(refused))


def quota_limit(base: int, percent: Decimal, rounding: PercentRounding = PercentRounding.FLOOR) -> int:
    """Quota 不超过 p% of a base of n people: floor(p·n) by default (G-4)."""
    return percent_count(percent, base, rounding)
