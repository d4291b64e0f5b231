"""Resolving a whole written-exam paper whatever the marking mode (R000-18, RP-04).

:func:`kaoping.scoring.double_marking.resolve_item` handles 1评 with one marker and 双评 2+1 / 2+1+1. The
seed's own rule (R000-18) is that *every* assigned marker marks and the mean is taken; with per-item marking
that is the mean of each item's marks (the mean of the markers' totals when every marker marks every
item). :func:`resolve_paper` takes the number of markers each item needs in 1评 mode and dispatches.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from . import _schemeparse as sp
from .decimals import DEFAULT_ROUNDING, ZERO, Rounding, fmt, round_score
from .double_marking import (
    ExamItem,
    ItemMarks,
    ItemOutcome,
    MarkingMode,
    MarkingState,
    PaperOutcome,
    resolve_item,
)
from .trace import Derivation, incomplete

RULE_MEAN = "R000-18"


def resolve_item_mean(
    item: ExamItem, marks: Sequence[Decimal], required: int, *, rounding: Rounding = DEFAULT_ROUNDING
) -> ItemOutcome:
    """R000-18: the item's score is the mean of the ``required`` markers' marks (all must be in)."""
    for m in marks:
        if m < 0 or m > item.max_score:
            raise ValueError(f"{item.label} 的分数 {m} 超出 0–{item.max_score}")
    required = max(required, 1)
    if len(marks) < required:
        der = incomplete(
            item.label, f"{item.label} 已评 {len(marks)} 次，需 {required} 人评分", rule=RULE_MEAN
        )
        return ItemOutcome(item.key, MarkingState.NEEDS_MARKER, None, der)
    value = round_score(sum(marks, ZERO) / len(marks), rounding)
    formula = f"({' + '.join(sp.num(m) for m in marks)})/{len(marks)}" if len(marks) > 1 else sp.num(marks[0])
    der = Derivation(
        label=item.label, value=value, formula=formula, rule=RULE_MEAN, inputs=(("marks", list(marks)),)
    )
    return ItemOutcome(item.key, MarkingState.FINAL, value, der)


def resolve_paper(
    items: Sequence[ExamItem],
    mode: MarkingMode,
    marks: Mapping[str, ItemMarks],
    *,
    required: Mapping[str, int] | None = None,
    label: str = "笔试分数",
    item_rounding: Rounding = DEFAULT_ROUNDING,
    rounding: Rounding = DEFAULT_ROUNDING,
) -> PaperOutcome:
    """Resolve every item (1评: mean of the ``required[item]`` markers; otherwise RP-04) and sum."""
    required = required or {}
    outcomes = []
    for it in items:
        got = marks.get(it.key, ItemMarks())
        if mode.initial == 1:
            outcomes.append(resolve_item_mean(it, got.marks, required.get(it.key, 1), rounding=item_rounding))
        else:
            outcomes.append(resolve_item(it, mode, got.marks, got.arbitrator, rounding=item_rounding))
    parts = tuple(o.derivation for o in outcomes)
    rule = RULE_MEAN if mode.initial == 1 else "RP-04"
    if any(o.value is None for o in outcomes):
        total = Derivation(
            label=label,
            value=None,
            rule=rule,
            parts=parts,
            incomplete_reasons=tuple(r for p in parts for r in p.incomplete_reasons),
        )
    else:
        value = round_score(sum((o.value for o in outcomes), ZERO), rounding)  # type: ignore[misc]
        formula = " + ".join(f"{p.label} {fmt(p.value)}" for p in parts)  # type: ignore[arg-type]
        total = Derivation(label=label, value=value, formula=formula, rule=rule, parts=parts)
    return PaperOutcome(items=tuple(outcomes), total=total)
