"""Derivations: every computed number can explain itself.

A :class:`Derivation` is a structured trace — rule id, label, the formula in
Chinese with the actual values, the inputs, the parts it was built from and the
result — that the UI renders as a tree and that is stored with every result.

A computation that cannot be completed (G-6) returns a derivation whose
``value`` is ``None`` and whose ``incomplete_reasons`` say why; it never
returns zero for a missing input.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Derivation:
    """A computed value with its explanation.

    ``label``: what the number is (e.g. "民主测评分数").
    ``value``: the result, or ``None`` when incomplete.
    ``formula``: the formula filled with actual values, in Chinese
        (e.g. "(7×1 + 2×0.5)×40/10").
    ``rule``: the RULES.md id the computation implements (e.g. "R000-15").
    ``inputs``: the raw inputs by name (plain values, JSON-friendly once serialised).
    ``parts``: derivations this one is built from.
    ``incomplete_reasons``: why no value could be formed (G-6).
    """

    label: str
    value: Decimal | None
    formula: str = ""
    rule: str = ""
    inputs: tuple[tuple[str, Any], ...] = ()
    parts: tuple[Derivation, ...] = ()
    incomplete_reasons: tuple[str, ...] = ()

    @property
    def is_complete(self) -> bool:
        return self.value is not None and not self.incomplete_reasons

    def all_incomplete_reasons(self) -> tuple[str, ...]:
        """Reasons from this derivation and every part, in order, without repeats."""
        seen: list[str] = []
        for reason in self.incomplete_reasons:
            if reason not in seen:
                seen.append(reason)
        for part in self.parts:
            for reason in part.all_incomplete_reasons():
                if reason not in seen:
                    seen.append(reason)
        return tuple(seen)

    def text(self) -> str:
        """One line: "民主测评分数 77.00 = A 32.00 + B 45.00" style."""
        if self.value is None:
            return f"{self.label}：无法计算（{'；'.join(self.all_incomplete_reasons())}）"
        head = f"{self.label} {_plain(self.value)}"
        return f"{head} = {self.formula}" if self.formula else head

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (Decimals as strings) to store next to a result."""
        return {
            "label": self.label,
            "value": None if self.value is None else str(self.value),
            "formula": self.formula,
            "rule": self.rule,
            "inputs": {k: _jsonable(v) for k, v in self.inputs},
            "parts": [p.to_dict() for p in self.parts],
            "incomplete_reasons": list(self.incomplete_reasons),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Derivation:
        value = data.get("value")
        return cls(
            label=data["label"],
            value=None if value is None else Decimal(value),
            formula=data.get("formula", ""),
            rule=data.get("rule", ""),
            inputs=tuple((k, v) for k, v in (data.get("inputs") or {}).items()),
            parts=tuple(cls.from_dict(p) for p in data.get("parts", [])),
            incomplete_reasons=tuple(data.get("incomplete_reasons", [])),
        )


def incomplete(label: str, *reasons: str, rule: str = "", parts: tuple[Derivation, ...] = ()) -> Derivation:
    """A derivation with no value and the reasons why (G-6)."""
    return Derivation(label=label, value=None, rule=rule, parts=parts, incomplete_reasons=tuple(reasons))


def _plain(value: Decimal) -> str:
    return format(value, "f")


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
