"""Ballot templates and tallies of democratic evaluations (民主测评): R000-15, R002-02, R002-05, RP-09.

A :class:`BallotTemplate` is a :class:`~kaoping.scoring.votes.VoteScheme` (options with weights, voter
groups with points) plus the items a voter judges each subject on — one overall judgement (seed 000, the
seed-002 team table) or 德、能、勤、绩、廉 (the seed-002 cadre table, R002-05). A subject's score is the
weighted sum of its items' vote scores (one item of weight 1 → exactly :func:`votes.vote_score`).

Also here: vote shares (for conditions such as 好+较好 ≥ 2/3) and the small-group suppression rule that
decides which breakdowns may be shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import _schemeparse as sp
from .decimals import ZERO, fmt, round_score
from .errors import SchemeError
from .trace import Derivation
from .votes import VoteScheme, vote_score


@dataclass(frozen=True)
class BallotItem:
    """One thing each subject is judged on (综合评价, or 德 / 能 / 勤 / 绩 / 廉) and its weight."""

    key: str
    label: str
    weight: Decimal


@dataclass(frozen=True)
class BallotTemplate:
    """What a ballot asks and how its votes count."""

    scheme: VoteScheme
    items: tuple[BallotItem, ...]

    def __post_init__(self) -> None:
        if not self.items:
            raise SchemeError("items", "至少需要一个测评项目")
        sp.unique((i.key for i in self.items), "items")

    @property
    def option_names(self) -> tuple[str, ...]:
        return tuple(o.name for o in self.scheme.options)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "") -> BallotTemplate:
        """Validate a plain dict: the :class:`VoteScheme` keys plus ``items`` (default: one item
        ``overall`` 综合评价 of weight 1)."""
        data = sp.mapping(data, path or "template")
        scheme = VoteScheme.from_dict(data, path)
        raw = data.get("items") or [{"key": "overall", "label": "综合评价", "weight": "1"}]
        ipath = sp.path_join(path, "items")
        items = []
        for i, item in enumerate(sp.seq(raw, ipath, nonempty=True)):
            p = sp.path_join(ipath, i)
            item = sp.mapping(item, p)
            key = sp.text(sp.get(item, "key", p), sp.path_join(p, "key"))
            items.append(
                BallotItem(
                    key=key,
                    label=str(item.get("label") or key),
                    weight=sp.dec(sp.get(item, "weight", p), sp.path_join(p, "weight"), positive=True),
                )
            )
        try:
            return cls(scheme=scheme, items=tuple(items))
        except SchemeError as exc:
            raise SchemeError(sp.path_join(path, exc.field), exc.message) from None

    def to_dict(self) -> dict[str, Any]:
        data = self.scheme.to_dict()
        data["items"] = [{"key": i.key, "label": i.label, "weight": str(i.weight)} for i in self.items]
        return data


def subject_score(
    template: BallotTemplate, tallies: Mapping[str, Mapping[str, Mapping[str, int]]]
) -> Derivation:
    """A subject's score from ``tallies[item][group][option]``: Σ item weight × vote score of the item
    (R000-15 / R002-02 for one item; the 德能勤绩廉 mean for R002-05). Incomplete when any item is."""
    scheme = template.scheme
    if len(template.items) == 1 and template.items[0].weight == 1:
        return vote_score(scheme, tallies.get(template.items[0].key, {}))
    parts = []
    for item in template.items:
        part = vote_score(scheme, tallies.get(item.key, {}))
        parts.append(
            Derivation(
                label=item.label,
                value=part.value,
                formula=part.formula,
                rule=scheme.rule,
                inputs=(("weight", item.weight),),
                parts=part.parts,
                incomplete_reasons=tuple(f"{item.label}：{r}" for r in part.all_incomplete_reasons()),
            )
        )
    if any(p.value is None for p in parts):
        return Derivation(
            label=scheme.label,
            value=None,
            rule=scheme.rule,
            parts=tuple(parts),
            incomplete_reasons=tuple(r for p in parts for r in p.incomplete_reasons),
        )
    total = round_score(
        sum((i.weight * p.value for i, p in zip(template.items, parts, strict=True)), ZERO),  # type: ignore[operator]
        scheme.total_rounding,
    )
    formula = " + ".join(
        f"{p.label} {fmt(p.value)}×{sp.num(i.weight)}"  # type: ignore[arg-type]
        for i, p in zip(template.items, parts, strict=True)
    )
    return Derivation(label=scheme.label, value=total, formula=formula, rule=scheme.rule, parts=tuple(parts))


def shares(counts: Mapping[str, int], options: tuple[str, ...]) -> dict[str, Decimal]:
    """Share of valid votes per option (Decimal division at context precision; ``{}`` when no valid
    votes). Exact comparisons should use the counts; a share equal to 2/3 compares equal to
    ``Decimal(2) / Decimal(3)``."""
    total = sum(counts.values())
    if total == 0:
        return {}
    return {name: Decimal(counts.get(name, 0)) / Decimal(total) for name in options}


@dataclass(frozen=True)
class Suppression:
    """Which breakdowns may be shown: per group, and the combined counts."""

    show_groups: bool
    show_counts: bool
    reasons: tuple[str, ...] = ()


def breakdown_visibility(returned_by_group: Mapping[str, int], min_size: int) -> Suppression:
    """Small-group suppression (DESIGN "Anonymity"): a group's breakdown is shown only when *every*
    group returned at least ``min_size`` ballots — hiding just the small group would let it be derived
    as the total minus the other groups. The combined counts are shown when all ballots together reach
    ``min_size``. Scores are not suppressed (they are the purpose of the evaluation)."""
    if min_size < 1:
        raise ValueError("最小分组人数至少为 1")
    small = sorted(g for g, n in returned_by_group.items() if n < min_size)
    total = sum(returned_by_group.values())
    reasons = tuple(
        f"{g} 组收回 {returned_by_group[g]} 票，少于 {min_size} 票，不显示分组明细" for g in small
    )
    show_counts = total >= min_size
    if not show_counts:
        reasons += (f"收回票数合计 {total} 票，少于 {min_size} 票，不显示票数明细",)
    return Suppression(show_groups=not small and show_counts, show_counts=show_counts, reasons=reasons)
