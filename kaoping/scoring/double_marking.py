"""Written-exam double marking (双评), RP-04.

Modes are data: ``initial`` markers per item (1 for 1评, 2 otherwise) and ``extra`` further markers
brought in one at a time while no two marks agree within tolerance (2+1 → 1, 2+1+1 → 2). When the
initial/extra marks still disagree, the arbitrator's (仲裁) score is final. Tolerance is absolute or a
percentage of the item's maximum, per item. Marking is per item (题), so a marker need never see a whole
paper.

Outcome of an item: ``final`` with the value, or ``needs_marker`` (another ordinary marker), or
``needs_arbitrator``. Agreement is inclusive (a difference equal to the tolerance agrees).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from itertools import combinations
from typing import Any

from . import _schemeparse as sp
from .decimals import DEFAULT_ROUNDING, HUNDRED, ZERO, Rounding, fmt, round_score
from .errors import SchemeError
from .trace import Derivation, incomplete

RULE = "RP-04"


@dataclass(frozen=True)
class MarkingMode:
    """How many markers mark an item first (``initial``) and how many more may follow (``extra``)."""

    name: str
    initial: int
    extra: int

    def __post_init__(self) -> None:
        if self.initial not in (1, 2):
            raise SchemeError("mode.initial", "初评人数应为 1 或 2")
        if self.extra < 0 or (self.initial == 1 and self.extra):
            raise SchemeError("mode.extra", "加评人数无效（1评不加评）")


SINGLE = MarkingMode("1评", 1, 0)
TWO_PLUS_ONE = MarkingMode("2+1", 2, 1)
TWO_PLUS_ONE_PLUS_ONE = MarkingMode("2+1+1", 2, 2)
MODES = {m.name: m for m in (SINGLE, TWO_PLUS_ONE, TWO_PLUS_ONE_PLUS_ONE)}


class ToleranceKind(StrEnum):
    """Tolerance given in points or as % of the item's maximum."""

    ABSOLUTE = "absolute"
    PERCENT = "percent"


@dataclass(frozen=True)
class ExamItem:
    """An exam item (题) with its maximum and tolerance (误差)."""

    key: str
    label: str
    max_score: Decimal
    tolerance: Decimal = ZERO
    tolerance_kind: ToleranceKind = ToleranceKind.ABSOLUTE

    @property
    def tolerance_points(self) -> Decimal:
        """The tolerance in points."""
        if self.tolerance_kind is ToleranceKind.PERCENT:
            return self.max_score * self.tolerance / HUNDRED
        return self.tolerance

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str) -> ExamItem:
        """Validate ``{"key", "label", "max", "tolerance", "tolerance_kind"}``."""
        data = sp.mapping(data, path)
        kind = sp.choice(
            data.get("tolerance_kind", "absolute"),
            sp.path_join(path, "tolerance_kind"),
            [k.value for k in ToleranceKind],
        )
        return cls(
            key=sp.text(sp.get(data, "key", path), sp.path_join(path, "key")),
            label=str(data.get("label", data.get("key"))),
            max_score=sp.dec(sp.get(data, "max", path), sp.path_join(path, "max"), positive=True),
            tolerance=sp.dec(data.get("tolerance", 0), sp.path_join(path, "tolerance"), minimum=0),
            tolerance_kind=ToleranceKind(kind),
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain form."""
        return {
            "key": self.key,
            "label": self.label,
            "max": str(self.max_score),
            "tolerance": str(self.tolerance),
            "tolerance_kind": self.tolerance_kind.value,
        }


class MarkingState(StrEnum):
    """Where an item stands."""

    FINAL = "final"
    NEEDS_MARKER = "needs_marker"  # another ordinary marker (second or third …)
    NEEDS_ARBITRATOR = "needs_arbitrator"


@dataclass(frozen=True)
class ItemOutcome:
    """Result for one item: state, final value (when final) and its derivation."""

    item: str
    state: MarkingState
    value: Decimal | None
    derivation: Derivation


def resolve_item(
    item: ExamItem,
    mode: MarkingMode,
    marks: Sequence[Decimal],
    arbitrator: Decimal | None = None,
    *,
    rounding: Rounding = DEFAULT_ROUNDING,
) -> ItemOutcome:
    """Decide an item from the marks given so far (in marking order) and the arbitrator's mark.

    1评: the single mark. Otherwise the closest pair of marks (ties → the higher pair) is averaged when
    its difference is within tolerance; else another marker is needed while ``extra`` allows; then the
    arbitrator's mark is final.
    """
    for m in [*marks, *([arbitrator] if arbitrator is not None else [])]:
        if m < 0 or m > item.max_score:
            raise ValueError(f"{item.label} 的分数 {m} 超出 0–{item.max_score}")
    label = item.label
    inputs = (("marks", list(marks)), ("arbitrator", arbitrator), ("mode", mode.name))
    limit = item.tolerance_points
    if len(marks) < mode.initial:
        der = incomplete(label, f"{label} 已评 {len(marks)} 次，需 {mode.initial} 人初评", rule=RULE)
        return ItemOutcome(item.key, MarkingState.NEEDS_MARKER, None, der)
    if mode.initial == 1:
        value = round_score(marks[0], rounding)
        der = Derivation(
            label=label, value=value, formula=f"1评 {sp.num(marks[0])}", rule=RULE, inputs=inputs
        )
        return ItemOutcome(item.key, MarkingState.FINAL, value, der)
    allowed = mode.initial + mode.extra
    if len(marks) > allowed:
        raise ValueError(f"{mode.name} 模式最多 {allowed} 人评分")
    pairs = sorted(combinations(marks, 2), key=lambda p: (abs(p[0] - p[1]), -(p[0] + p[1])))
    a, b = pairs[0]
    if abs(a - b) <= limit:
        value = round_score((a + b) / 2, rounding)
        formula = f"({sp.num(a)} + {sp.num(b)})/2，分差 {sp.num(abs(a - b))} ≤ 误差 {sp.num(limit)}"
        if len(marks) > 2:
            formula += f"（{mode.name}：取最接近的两个分数，评分 {'、'.join(sp.num(m) for m in marks)}）"
        der = Derivation(label=label, value=value, formula=formula, rule=RULE, inputs=inputs)
        return ItemOutcome(item.key, MarkingState.FINAL, value, der)
    if len(marks) < allowed:
        der = incomplete(
            label,
            f"{label} 评分 {'、'.join(sp.num(m) for m in marks)} 分差超过误差 {sp.num(limit)}，需第 "
            f"{len(marks) + 1} 人评分",
            rule=RULE,
        )
        return ItemOutcome(item.key, MarkingState.NEEDS_MARKER, None, der)
    if arbitrator is None:
        der = incomplete(
            label, f"{label} 评分 {'、'.join(sp.num(m) for m in marks)} 均超过误差，需仲裁", rule=RULE
        )
        return ItemOutcome(item.key, MarkingState.NEEDS_ARBITRATOR, None, der)
    formula = (
        f"仲裁 {sp.num(arbitrator)}（评分 {'、'.join(sp.num(m) for m in marks)} 均超过误差 {sp.num(limit)}）"
    )
    value = round_score(arbitrator, rounding)
    der = Derivation(label=label, value=value, formula=formula, rule=RULE, inputs=inputs)
    return ItemOutcome(item.key, MarkingState.FINAL, value, der)


@dataclass(frozen=True)
class ItemMarks:
    """Marks for one item of one paper, in marking order, and the arbitrator's mark if any."""

    marks: tuple[Decimal, ...] = ()
    arbitrator: Decimal | None = None


@dataclass(frozen=True)
class PaperOutcome:
    """Per-item outcomes and the paper total (incomplete until every item is final)."""

    items: tuple[ItemOutcome, ...]
    total: Derivation

    @property
    def is_final(self) -> bool:
        """True when every item is final."""
        return all(o.state is MarkingState.FINAL for o in self.items)


def mark_paper(
    items: Sequence[ExamItem],
    mode: MarkingMode,
    marks: Mapping[str, ItemMarks],
    *,
    label: str = "笔试分数",
    item_rounding: Rounding = DEFAULT_ROUNDING,
    rounding: Rounding = DEFAULT_ROUNDING,
) -> PaperOutcome:
    """Resolve every item and sum the item scores (R000-18 items: 案例分析 60 + 写作 40)."""
    outcomes = tuple(
        resolve_item(
            it,
            mode,
            marks.get(it.key, ItemMarks()).marks,
            marks.get(it.key, ItemMarks()).arbitrator,
            rounding=item_rounding,
        )
        for it in items
    )
    parts = tuple(o.derivation for o in outcomes)
    if any(o.value is None for o in outcomes):
        total = Derivation(
            label=label,
            value=None,
            rule=RULE,
            parts=parts,
            incomplete_reasons=tuple(r for p in parts for r in p.incomplete_reasons),
        )
    else:
        value = round_score(sum((o.value for o in outcomes), ZERO), rounding)  # type: ignore[misc]
        formula = " + ".join(f"{p.label} {fmt(p.value)}" for p in parts)  # type: ignore[arg-type]
        total = Derivation(label=label, value=value, formula=formula, rule=RULE, parts=parts)
    return PaperOutcome(items=outcomes, total=total)
