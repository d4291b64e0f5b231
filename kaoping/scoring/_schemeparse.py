"""Private helpers that read plain dicts into typed values, raising :class:`SchemeError` with the
offending field's dotted path and a Chinese message. Used by the ``from_dict`` of scheme dataclasses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .decimals import Rounding, to_decimal
from .errors import SchemeError

_MISSING = object()


def path_join(path: str, key: str | int) -> str:
    """``a.b`` + ``c`` → ``a.b.c``; list indexes as ``a[0]``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def mapping(value: Any, path: str) -> Mapping[str, Any]:
    """``value`` must be a dict."""
    if not isinstance(value, Mapping):
        raise SchemeError(path, "应为对象（键值表）")
    return value


def seq(value: Any, path: str, *, nonempty: bool = False) -> list[Any]:
    """``value`` must be a list (or tuple)."""
    if not isinstance(value, (list, tuple)):
        raise SchemeError(path, "应为列表")
    if nonempty and not value:
        raise SchemeError(path, "不能为空")
    return list(value)


def get(data: Mapping[str, Any], key: str, path: str, default: Any = _MISSING) -> Any:
    """``data[key]``, or ``default``; a missing required key raises SchemeError."""
    if key in data and data[key] is not None:
        return data[key]
    if default is _MISSING:
        raise SchemeError(path_join(path, key), "缺少必填项")
    return default


def dec(
    value: Any,
    path: str,
    *,
    minimum: Decimal | int | None = None,
    maximum: Decimal | int | None = None,
    positive: bool = False,
) -> Decimal:
    """A Decimal from int/str/Decimal, with optional bounds."""
    try:
        result = to_decimal(value)
    except (TypeError, ValueError):
        raise SchemeError(path, f"应为数字（整数或字符串形式的小数），实际为 {value!r}") from None
    if not result.is_finite():
        raise SchemeError(path, "应为有限数字")
    if positive and result <= 0:
        raise SchemeError(path, "必须大于 0")
    if minimum is not None and result < minimum:
        raise SchemeError(path, f"不能小于 {minimum}")
    if maximum is not None and result > maximum:
        raise SchemeError(path, f"不能大于 {maximum}")
    return result


def integer(value: Any, path: str, *, minimum: int | None = None) -> int:
    """An int (bools refused)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise SchemeError(path, f"应为整数，实际为 {value!r}")
    if minimum is not None and value < minimum:
        raise SchemeError(path, f"不能小于 {minimum}")
    return value


def ratio(value: Any, path: str) -> Fraction:
    """An exact ratio: "2/3", "0.8" or a Decimal/int; must lie in [0, 1]."""
    try:
        if isinstance(value, str) and "/" in value:
            num, den = value.split("/", 1)
            result = Fraction(int(num.strip()), int(den.strip()))
        else:
            result = Fraction(to_decimal(value))
    except (TypeError, ValueError, ZeroDivisionError):
        raise SchemeError(path, f'应为比例（如 "2/3" 或 "0.8"），实际为 {value!r}') from None
    if not 0 <= result <= 1:
        raise SchemeError(path, "比例应在 0 与 1 之间")
    return result


def text(value: Any, path: str) -> str:
    """A non-empty string."""
    if not isinstance(value, str) or not value.strip():
        raise SchemeError(path, "应为非空文字")
    return value


def choice(value: Any, path: str, options: Iterable[str]) -> str:
    """One of ``options``."""
    opts = tuple(options)
    if value not in opts:
        raise SchemeError(path, f"应为以下之一：{'、'.join(opts)}；实际为 {value!r}")
    return value


def rounding(value: Any, path: str) -> Rounding:
    """A :class:`Rounding` from ``{"places": 2, "mode": "half_up"}`` (missing → default)."""
    if value is None:
        return Rounding()
    data = mapping(value, path)
    try:
        return Rounding.from_dict(dict(data))
    except (TypeError, ValueError):
        raise SchemeError(
            path, "舍入设置无效：places 为 0–10 的整数，mode 为 half_up / truncate / none"
        ) from None


def unique(names: Iterable[str], path: str) -> None:
    """Raise when a name repeats."""
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise SchemeError(path, f"名称重复：{name}")
        seen.add(name)


def fraction_text(value: Fraction) -> str:
    """Text of a ratio: "2/3" for thirds, "0.8" for decimal-exact ratios."""
    if value.denominator in (1, 2, 4, 5, 8, 10, 20, 25, 50, 100):
        return num(Decimal(value.numerator) / Decimal(value.denominator))
    return f"{value.numerator}/{value.denominator}"


def num(value: Decimal | int) -> str:
    """A number without trailing zeros or exponent: 1, 0.5, 40, 0.8."""
    d = to_decimal(value) if not isinstance(value, Decimal) else value
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")


def percent(value: Decimal) -> str:
    """0.2 → "20%"."""
    return f"{num(value * 100)}%"
