"""Cell converters for the roster import: pure functions, one per column kind. Each returns
``(value, problem)`` where ``problem`` is a Chinese message or None. No database access.

Tokens matched against cell values (是/否, 年/月/日 in dates) are input syntax and stay untranslated."""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kaoping.documents.xlsx import restore_cell
from kaoping.org.idcard import birth_date_of, id_number_problem, normalize_id_number

_FULL_DATE = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$")
_MONTH_DATE = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
MIN_YEAR = 1900
DATE_HINT = gettext_lazy("请按 1975-03-01 格式填写")


def text(raw) -> str:
    """A cell as stripped text ('' for empty); numbers without a spurious '.0'."""
    if raw is None:
        return ""
    if isinstance(raw, str):
        return restore_cell(raw.strip())
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    return str(raw).strip()


def parse_date(raw, today: dt.date) -> tuple[dt.date | None, str | None]:
    """Excel dates, 'YYYY-MM-DD' (also . / 年月日), 'YYYY.MM' (day 1) and YYYYMMDD."""
    if raw is None:
        return None, None
    if isinstance(raw, dt.datetime):
        value = raw.date()
    elif isinstance(raw, dt.date):
        value = raw
    else:
        if isinstance(raw, float):
            if not raw.is_integer():
                return None, _("“%(value)s”不是有效日期（数字格式无法区分月份），%(hint)s。") % {
                    "value": raw,
                    "hint": DATE_HINT,
                }
            raw = int(raw)
        s = str(raw).strip()
        if not s:
            return None, None
        m = _FULL_DATE.match(s) or _COMPACT_DATE.match(s)
        try:
            if m:
                value = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            else:
                m = _MONTH_DATE.match(s)
                if not m:
                    return None, _("“%(value)s”不是有效日期，%(hint)s。") % {"value": s, "hint": DATE_HINT}
                value = dt.date(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None, _("“%(value)s”不是有效日期，%(hint)s。") % {"value": s, "hint": DATE_HINT}
    if value.year < MIN_YEAR:
        return None, _("日期“%(date)s”早于%(year)s年，请核对。") % {
            "date": value.isoformat(),
            "year": MIN_YEAR,
        }
    if value > today:
        return None, _("日期“%(date)s”晚于今天，请核对。") % {"date": value.isoformat()}
    return value, None


def parse_id_number(raw) -> tuple[str, str | None]:
    if raw is None:
        return "", None
    value = normalize_id_number(text(raw))
    if not value:
        return "", None
    problem = id_number_problem(value)
    if problem and not isinstance(raw, str):
        problem += _("（该单元格为数字格式，末位可能已丢失，请将身份证号列设为文本格式后重新填写）")
    return value, problem


def id_number_mismatch(id_number: str, birth: dt.date | None, gender: str) -> tuple[str, str] | None:
    """(column key, message) when a valid 身份证号 disagrees with 出生日期 or 性别."""
    if birth is not None and birth_date_of(id_number) != birth:
        return "id_number", _("身份证号中的出生日期与“出生日期”不一致。")
    if gender and ("M" if int(id_number[16]) % 2 else "F") != gender:
        return "id_number", _("身份证号显示的性别与“性别”不一致。")
    return None


_TRUE = frozenset({"是", "在职", "1", "Y", "YES", "TRUE", "√"})
_FALSE = frozenset({"否", "不在职", "离职", "退休", "0", "N", "NO", "FALSE", "×"})


def parse_bool(raw) -> tuple[bool, str | None]:
    s = text(raw).upper()
    if not s or s in _TRUE:
        return True, None
    if s in _FALSE:
        return False, None
    return True, _("“%(value)s”无法识别，请填写“是”或“否”。") % {"value": text(raw)}
