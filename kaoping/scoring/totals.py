"""Weighted totals of score components (G-1, G-6): R000-19, R000-21, R002-01, R002-04, R002-05, R002-10.

Each component value is rounded when formed, each weighted part (e.g. 基础权重 = 基础分数×20%) is rounded
when formed, and the total is the sum of the rounded parts, so a published table adds up. The alternative
"full precision until the final total" is the ``full_precision`` setting. A missing component gives an
incomplete total naming it; an ``optional`` component (e.g. 加分) counts as 0 when absent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from . import _schemeparse as sp
from .decimals import DEFAULT_ROUNDING, ONE, ZERO, Rounding, RoundingMode, fmt, round_score
from .errors import SchemeError
from .trace import Derivation

_FULL = Rounding(mode=RoundingMode.NONE)


@dataclass(frozen=True)
class Component:
    """A score component: ``weight`` multiplies its value (0.2 for 20%, 1 for a points-based part)."""

    key: str
    label: str
    weight: Decimal = ONE
    weighted_label: str = ""
    optional: bool = False
    cap: Decimal | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str) -> Component:
        """Validate ``{"key", "label", "weight", "weighted_label", "optional", "cap"}``."""
        data = sp.mapping(data, path)
        cap = data.get("cap")
        return cls(
            key=sp.text(sp.get(data, "key", path), sp.path_join(path, "key")),
            label=sp.text(sp.get(data, "label", path), sp.path_join(path, "label")),
            weight=sp.dec(data.get("weight", 1), sp.path_join(path, "weight"), positive=True),
            weighted_label=str(data.get("weighted_label", "")),
            optional=bool(data.get("optional", False)),
            cap=None if cap is None else sp.dec(cap, sp.path_join(path, "cap"), minimum=0),
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain form."""
        return {
            "key": self.key,
            "label": self.label,
            "weight": str(self.weight),
            "weighted_label": self.weighted_label,
            "optional": self.optional,
            "cap": None if self.cap is None else str(self.cap),
        }


@dataclass(frozen=True)
class TotalScheme:
    """How a total is formed from components."""

    components: tuple[Component, ...]
    label: str = "总分"
    rule: str = ""
    component_rounding: Rounding = DEFAULT_ROUNDING
    part_rounding: Rounding = DEFAULT_ROUNDING
    total_rounding: Rounding = DEFAULT_ROUNDING
    full_precision: bool = False
    cap: Decimal | None = None

    def __post_init__(self) -> None:
        if not self.components:
            raise SchemeError("components", "至少需要一个组成部分")
        sp.unique((c.key for c in self.components), "components")

    def subset(self, keys: Iterable[str], *, label: str, rule: str | None = None) -> TotalScheme:
        """The same scheme restricted to some components (e.g. R000-19's total after the exam)."""
        wanted = list(keys)
        known = {c.key for c in self.components}
        missing = [k for k in wanted if k not in known]
        if missing:
            raise SchemeError("components", f"没有组成部分：{'、'.join(missing)}")
        comps = tuple(c for c in self.components if c.key in wanted)
        return replace(self, components=comps, label=label, rule=self.rule if rule is None else rule)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "") -> TotalScheme:
        """Validate a plain dict; errors name the field in Chinese."""
        data = sp.mapping(data, path or "total")
        cpath = sp.path_join(path, "components")
        comps = tuple(
            Component.from_dict(c, sp.path_join(cpath, i))
            for i, c in enumerate(sp.seq(sp.get(data, "components", path), cpath, nonempty=True))
        )
        sp.unique((c.key for c in comps), cpath)
        cap = data.get("cap")
        return cls(
            components=comps,
            label=str(data.get("label", "总分")),
            rule=str(data.get("rule", "")),
            component_rounding=sp.rounding(
                data.get("component_rounding"), sp.path_join(path, "component_rounding")
            ),
            part_rounding=sp.rounding(data.get("part_rounding"), sp.path_join(path, "part_rounding")),
            total_rounding=sp.rounding(data.get("total_rounding"), sp.path_join(path, "total_rounding")),
            full_precision=bool(data.get("full_precision", False)),
            cap=None if cap is None else sp.dec(cap, sp.path_join(path, "cap"), minimum=0),
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain form (inverse of :meth:`from_dict`)."""
        return {
            "label": self.label,
            "rule": self.rule,
            "components": [c.to_dict() for c in self.components],
            "component_rounding": self.component_rounding.to_dict(),
            "part_rounding": self.part_rounding.to_dict(),
            "total_rounding": self.total_rounding.to_dict(),
            "full_precision": self.full_precision,
            "cap": None if self.cap is None else str(self.cap),
        }


def _weight_text(weight: Decimal) -> str:
    return f"×{sp.percent(weight)}" if weight < ONE else f"×{sp.num(weight)}"


def weighted_part(
    component: Component, value: Decimal | Derivation | None, scheme: TotalScheme
) -> Derivation:
    """One weighted part: component value (rounded, capped) × weight, rounded when formed (G-1)."""
    comp_round = _FULL if scheme.full_precision else scheme.component_rounding
    part_round = _FULL if scheme.full_precision else scheme.part_rounding
    label = component.weighted_label or component.label
    source = value if isinstance(value, Derivation) else None
    raw = value.value if isinstance(value, Derivation) else value
    if raw is None:
        if component.optional and source is None:
            return Derivation(label=label, value=ZERO, formula=f"{component.label} 无", rule=scheme.rule)
        reasons = source.all_incomplete_reasons() if source is not None else ()
        return Derivation(
            label=label,
            value=None,
            rule=scheme.rule,
            parts=(source,) if source else (),
            incomplete_reasons=(f"缺少{component.label}", *reasons),
        )
    base = round_score(raw, comp_round)
    note = ""
    if component.cap is not None and base > component.cap:
        note = f"（{sp.num(base)} 超过上限，按 {sp.num(component.cap)} 计）"
        base = component.cap
    if component.weight == ONE:
        part = base
        formula = f"{component.label} {fmt(base)}{note}"
    else:
        part = round_score(base * component.weight, part_round)
        formula = f"{component.label} {fmt(base)}{_weight_text(component.weight)}{note}"
    return Derivation(
        label=label,
        value=part,
        formula=formula,
        rule=scheme.rule,
        inputs=((component.key, raw), ("weight", component.weight)),
        parts=(source,) if source else (),
    )


def weighted_total(scheme: TotalScheme, values: Mapping[str, Decimal | Derivation | None]) -> Derivation:
    """The total of the scheme's components from ``values`` (key → number or derivation).

    Text e.g. "总分 84.20 = 基础权重 18.70 [基础分数 93.50×20%] + 民主测评权重 15.40 [民主测评分数 77.00×20%]".
    """
    unknown = set(values) - {c.key for c in scheme.components}
    parts = tuple(weighted_part(c, values.get(c.key), scheme) for c in scheme.components)
    missing = [p for p in parts if p.value is None]
    if missing:
        return Derivation(
            label=scheme.label,
            value=None,
            rule=scheme.rule,
            parts=parts,
            incomplete_reasons=tuple(r for p in missing for r in p.incomplete_reasons[:1]),
            inputs=(("ignored", sorted(unknown)),) if unknown else (),
        )
    total = sum((p.value for p in parts), ZERO)  # type: ignore[misc]
    note = ""
    if scheme.cap is not None and total > scheme.cap:
        note = f"（合计 {sp.num(total)} 超过上限，按 {sp.num(scheme.cap)} 计）"
        total = scheme.cap
    total = round_score(total, scheme.total_rounding)
    formula = (
        " + ".join(
            f"{p.label} {fmt(p.value)} [{p.formula}]"
            if p.formula != f"{p.label} {fmt(p.value)}"
            else p.formula  # type: ignore[arg-type]
            for p in parts
        )
        + note
    )
    return Derivation(label=scheme.label, value=total, formula=formula, rule=scheme.rule, parts=parts)
