"""Small validation helpers shared by the ``from_dict`` methods of part B (private)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .decimals import ZERO, fmt, to_decimal
from .errors import SchemeError


def dec(value: Any, field: str, *, allow_zero: bool = True, allow_negative: bool = False) -> Decimal:
    """A Decimal from an int/str/Decimal scheme value; :class:`SchemeError` naming ``field`` otherwise."""
    try:
        number = to_decimal(value)
    except (TypeError, ValueError):
        raise SchemeError(
            field, f"必须是数字（整数、字符串或 Decimal，不能是浮点数），而不是 {value!r}"
        ) from None
    if not number.is_finite():
        raise SchemeError(field, "必须是有限数字")
    if number < ZERO and not allow_negative:
        raise SchemeError(field, f"不能为负数（{fmt(number)}）")
    if number == ZERO and not allow_zero:
        raise SchemeError(field, "必须大于 0")
    return number


def share(value: Any, field: str) -> Decimal:
    """A share between 0 and 1 inclusive."""
    number = dec(value, field)
    if number > 1:
        raise SchemeError(field, f"比例必须在 0 到 1 之间（{fmt(number)}）")
    return number


def count(value: Any, field: str, *, allow_zero: bool = True) -> int:
    """A non-negative integer."""
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        else:
            raise SchemeError(field, f"必须是整数，而不是 {value!r}")
    if value < 0 or (value == 0 and not allow_zero):
        raise SchemeError(field, "必须是正整数" if not allow_zero else "不能为负数")
    return value


def required(data: dict, key: str, field: str) -> Any:
    """``data[key]`` or a :class:`SchemeError` saying it is missing."""
    if not isinstance(data, dict):
        raise SchemeError(field, "必须是字典")
    if key not in data:
        raise SchemeError(f"{field}.{key}" if field else key, "缺少必填项")
    return data[key]


def num(value: Decimal) -> str:
    """Display form for derivations: whole numbers without places ("40"), others with 2 ("4.50")."""
    if value == value.to_integral_value():
        return fmt(value.to_integral_value())
    return fmt(value, 2) if -value.as_tuple().exponent <= 2 else fmt(value)
