"""Generic xlsx helpers: formula-injection neutralising, tables with dropdowns, text sheets."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from kaoping.documents.xlsx import Column, TableSheet, TextSheet, restore_cell, safe_cell, workbook_bytes


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("张三", "张三"),
        ("", ""),
        (None, None),
        (-5, -5),
        (dt.date(2000, 1, 1), dt.date(2000, 1, 1)),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


@pytest.mark.parametrize("value", ["=1", "+a", "-b", "@c", "\td", "plain", "'quoted"])
def test_restore_cell_undoes_safe_cell(value):
    assert restore_cell(safe_cell(value)) == value


def test_workbook_bytes_writes_tables_dropdowns_and_text():
    many = tuple(f"选项{i}" for i in range(80))  # longer than the 255-character inline limit
    content = workbook_bytes(
        [
            TableSheet(
                "表",
                [
                    Column("名称", is_required=True),
                    Column("类别", choices=many),
                    Column("日期", is_date=True),
                    Column("编号", is_text=True),
                ],
                rows=[['=HYPERLINK("x")', "选项3", dt.date(2011, 9, 30), 123]],
                validation_rows=10,
            ),
            TextSheet("说明", ["标题", "=不是公式"]),
        ]
    )
    wb = load_workbook(io.BytesIO(content))
    assert wb.sheetnames == ["表", "说明", "选项"]
    ws = wb["表"]
    assert [c.value for c in ws[1]] == ["名称", "类别", "日期", "编号"]
    assert ws["A2"].value == '\'=HYPERLINK("x")' and ws["A2"].data_type == "s"
    assert ws["C2"].value == dt.datetime(2011, 9, 30) and ws["D2"].value == "123"
    (dv_list,) = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert dv_list.formula1 == "'选项'!$A$1:$A$80" and str(dv_list.sqref) == "B2:B11"
    assert [c.value for c in wb["选项"]["A"]] == list(many)
    assert wb["说明"]["A2"].value == "'=不是公式"
    assert ws.freeze_panes == "A2"
