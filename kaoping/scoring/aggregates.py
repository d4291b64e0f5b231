"""Means of several raters' marks: plain mean (R000-18), trimmed mean without excluded roles (R000-20)
and per-element trimming (RP-01).

Marks are raw inputs and are not rounded; the resulting named score is rounded when formed (G-1).
A missing mark or too few raters for the trim gives an incomplete result, never a number (G-6).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from . import _schemeparse as sp
from .decimals import DEFAULT_ROUNDING, ZERO, Rounding, fmt, round_score
from .trace import Derivation, incomplete


@dataclass(frozen=True)
class RaterMark:
    """One rater's mark (``None`` = not yet given). ``role`` e.g. "chief" for the 主考官."""

    rater: str
    value: Decimal | None
    role: str = ""


def mean(
    values: Mapping[str, Decimal | None],
    *,
    label: str = "平均分",
    rule: str = "",
    rounding: Rounding = DEFAULT_ROUNDING,
) -> Derivation:
    """Mean of named values, rounded when formed. Any missing value or none at all → incomplete."""
    missing = [name for name, v in values.items() if v is None]
    if not values:
        return incomplete(label, "没有任何分数", rule=rule)
    if missing:
        return incomplete(label, *(f"{name} 的分数缺失" for name in missing), rule=rule)
    nums: list[Decimal] = [v for v in values.values() if v is not None]
    value = round_score(sum(nums, ZERO) / len(nums), rounding)
    formula = f"({' + '.join(sp.num(v) for v in nums)})/{len(nums)}"
    return Derivation(
        label=label,
        value=value,
        formula=formula,
        rule=rule,
        inputs=tuple((name, v) for name, v in values.items()),
    )


def mean_of_totals(
    marker_totals: Mapping[str, Decimal | None],
    *,
    label: str = "笔试分数",
    rounding: Rounding = DEFAULT_ROUNDING,
) -> Derivation:
    """R000-18: the exam score is the mean of the markers' totals."""
    return mean(marker_totals, label=label, rule="R000-18", rounding=rounding)


def _select(
    marks: Iterable[RaterMark], excluded_roles: Iterable[str]
) -> tuple[list[RaterMark], list[RaterMark]]:
    excluded = set(excluded_roles)
    kept, left_out = [], []
    for m in marks:
        (left_out if m.role in excluded else kept).append(m)
    return kept, left_out


def _trim(values: Sequence[tuple[str, Decimal]], k: int) -> tuple[list, list, list]:
    """Sort by value (rater name breaks equal values for a stable trace), drop k at each end."""
    ordered = sorted(values, key=lambda item: (item[1], item[0]))
    if k == 0:
        return [], ordered, []
    return ordered[:k], ordered[k:-k], ordered[-k:]


def trimmed_mean(
    marks: Sequence[RaterMark],
    *,
    k: int = 1,
    excluded_roles: Iterable[str] = ("chief",),
    label: str = "面试分数",
    rule: str = "R000-20",
    rounding: Rounding = DEFAULT_ROUNDING,
) -> Derivation:
    """R000-20: mean of the raters' marks after leaving out excluded roles (主考官) and dropping the k
    highest and k lowest. Needs at least 2k+1 counted raters; a missing mark → incomplete (G-6)."""
    if k < 0:
        raise ValueError("k 不能为负")
    kept, left_out = _select(marks, excluded_roles)
    missing = [m.rater for m in kept if m.value is None]
    if missing:
        return incomplete(label, *(f"考官 {r} 未评分" for r in missing), rule=rule)
    if len(kept) < 2 * k + 1:
        return incomplete(
            label,
            f"计分考官 {len(kept)} 人，去掉最高、最低各 {k} 个后无分可用（至少需 {2 * k + 1} 人）",
            rule=rule,
        )
    low, middle, high = _trim([(m.rater, m.value) for m in kept], k)  # type: ignore[misc]
    nums = [v for _, v in middle]
    value = round_score(sum(nums, ZERO) / len(nums), rounding)
    formula = f"({' + '.join(sp.num(v) for v in nums)})/{len(nums)}"
    notes = []
    if k:
        notes.append(f"去掉最高分 {'、'.join(sp.num(v) for _, v in high)}")
        notes.append(f"最低分 {'、'.join(sp.num(v) for _, v in low)}")
    if left_out:
        notes.append(f"不计 {'、'.join(m.rater for m in left_out)} 的评分")
    if notes:
        formula += "（" + "，".join(notes) + "）"
    return Derivation(
        label=label,
        value=value,
        formula=formula,
        rule=rule,
        inputs=(
            ("marks", {m.rater: m.value for m in marks}),
            ("k", k),
            ("excluded", [m.rater for m in left_out]),
        ),
    )


def element_trimmed_sum(
    marks: Mapping[str, Mapping[str, Decimal | None]],
    elements: Sequence[str],
    *,
    k: int = 1,
    roles: Mapping[str, str] | None = None,
    excluded_roles: Iterable[str] = ("chief",),
    label: str = "面试分数",
    rule: str = "RP-01",
    element_rounding: Rounding | None = None,
    rounding: Rounding = DEFAULT_ROUNDING,
) -> Derivation:
    """RP-01: for each element (测评要素) drop the k highest and k lowest raters' marks, take the mean, then
    sum the element means. ``marks`` is rater → element → mark; ``roles`` maps rater → role.
    Element means are rounded like the result unless ``element_rounding`` says otherwise, so the published
    element means add up to the score (G-1); pass ``Rounding(mode="none")`` for full precision."""
    roles = roles or {}
    parts = []
    for element in elements:
        element_marks = [
            RaterMark(rater=rater, value=per.get(element), role=roles.get(rater, ""))
            for rater, per in marks.items()
        ]
        part = trimmed_mean(
            element_marks,
            k=k,
            excluded_roles=excluded_roles,
            label=element,
            rule=rule,
            rounding=rounding if element_rounding is None else element_rounding,
        )
        parts.append(part)
    if any(p.value is None for p in parts):
        return Derivation(
            label=label,
            value=None,
            rule=rule,
            parts=tuple(parts),
            incomplete_reasons=tuple(f"{p.label}：{r}" for p in parts for r in p.incomplete_reasons),
        )
    total = round_score(sum((p.value for p in parts), ZERO), rounding)  # type: ignore[misc]
    formula = " + ".join(f"{p.label} {fmt(p.value)}" for p in parts)  # type: ignore[arg-type]
    return Derivation(label=label, value=total, formula=formula, rule=rule, parts=tuple(parts))
