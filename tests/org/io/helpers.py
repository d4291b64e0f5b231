"""Builders for roster files in tests."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook

from kaoping.org.idcard import check_digit

HEADERS = ("姓名", "性别", "出生日期", "身份证号", "政治面貌", "单位代码", "职级", "任职级时间", "人员类别")


def idn(birth: dt.date, *, male: bool = True, serial: int = 1, region: str = "110101") -> str:
    """A valid 身份证号 for ``birth`` (the 17th digit odd for men, even for women)."""
    seq = (serial % 100) * 10 + (1 if male else 2)
    first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    return first17 + check_digit(first17)


def row(
    name="张三",
    gender="男",
    birth=dt.date(1970, 5, 1),
    id_number=None,
    political="中共党员",
    unit="BGT",
    rank="处长",
    rank_start=dt.date(2008, 1, 1),
    category="参公",
    **_,
):
    if id_number is None:
        id_number = idn(birth, male=gender == "男") if isinstance(birth, dt.date) else ""
    return [name, gender, birth, id_number, political, unit, rank, rank_start, category]


def roster(rows, headers=HEADERS, name="名册.xlsx", sheet="干部名册") -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(list(headers))
    for r in rows:
        ws.append(list(r))
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer
