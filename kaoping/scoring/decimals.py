"""Decimal helpers and the rounding policy (RULES.md G-1, RP-02).

Every score, weight, ratio and amount in Kaoping is a ``decimal.Decimal``.
Rounding happens only where a rule says a named score is *formed*; the policy
for that lives in :class:`Rounding`, which a scheme carries as data.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

ZERO = Decimal("0")
ONE = Decimal("1")
HUNDRED = Decimal("100")


class RoundingMode(StrEnum):
    """How a named score is rounded when it is formed."""

    HALF_UP = "half_up"  # 四舍五入 (default)
    TRUNCATE = "truncate"  # 不按四舍五入取舍, cut off extra places
    NONE = "none"  # keep full precision (the "until the final total" alternative)


_DECIMAL_MODES = {RoundingMode.HALF_UP: ROUND_HALF_UP, RoundingMode.TRUNCATE: ROUND_DOWN}


@dataclass(frozen=True)
class Rounding:
    """A rounding rule: ``places`` decimals with ``mode``. Default: 2 places, half up."""

    places: int = 2
    mode: RoundingMode = RoundingMode.HALF_UP

    def __post_init__(self) -> None:
        if not 0 <= self.places <= 10:
            raise ValueError("places must be between 0 and 10")
        object.__setattr__(self, "mode", RoundingMode(self.mode))

    def apply(self, value: Decimal) -> Decimal:
        """Round ``value`` by this rule (a no-op for ``RoundingMode.NONE``)."""
        if self.mode is RoundingMode.NONE:
            return value
        quantum = Decimal(1).scaleb(-self.places)
        return value.quantize(quantum, rounding=_DECIMAL_MODES[self.mode])

    @classmethod
    def from_dict(cls, data: dict | None) -> Rounding:
        data = data or {}
        return cls(places=int(data.get("places", 2)), mode=RoundingMode(data.get("mode", "half_up")))

    def to_dict(self) -> dict:
        return {"places": self.places, "mode": self.mode.value}


DEFAULT_ROUNDING = Rounding()
MONEY_ROUNDING = Rounding(places=2, mode=RoundingMode.HALF_UP)


def to_decimal(value: object) -> Decimal:
    """Convert an int, str or Decimal to Decimal. Floats are refused: they carry binary error."""
    if isinstance(value, bool):
        raise TypeError("bool is not a number here")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except InvalidOperation as exc:
            raise ValueError(f"not a number: {value!r}") from exc
    raise TypeError(f"expected int, str or Decimal, got {type(value).__name__}")


def round_score(value: Decimal, rounding: Rounding = DEFAULT_ROUNDING) -> Decimal:
    """Round a named score when it is formed (G-1)."""
    return rounding.apply(value)


def fmt(value: Decimal | int, places: int | None = None) -> str:
    """Format a number for a derivation text: fixed places if given, else as stored, no exponent."""
    d = to_decimal(value) if not isinstance(value, Decimal) else value
    if places is not None:
        return f"{d:.{places}f}"
    text = format(d, "f")
    return text
