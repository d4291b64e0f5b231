"""Validation of mainland resident ID numbers (GB 11643-1999): 18 characters, date, check digit."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def check_digit(first17: str) -> str:
    total = sum(int(ch) * w for ch, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def id_number_problem(value: str) -> str | None:
    """A Chinese message saying what is wrong with ``value``, or None when it is valid."""
    if len(value) != 18:
        return _("身份证号应为18位。")
    if not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        return _("身份证号前17位应为数字，最后一位为数字或X。")
    try:
        dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return _("身份证号中的出生日期无效。")
    if check_digit(value[:17]) != value[17]:
        return _("身份证号校验位不正确，请核对。")
    return None


def normalize_id_number(value: str) -> str:
    return (value or "").strip().upper()


def validate_id_number(value: str) -> None:
    if not value:
        return
    problem = id_number_problem(value)
    if problem:
        raise ValidationError(problem, code="invalid_id_number")


def birth_date_of(value: str) -> dt.date:
    return dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
