"""Generic .xlsx helpers (openpyxl): formula-injection-safe cells, table workbooks with dropdowns and an
instructions sheet. Plain data in, bytes out — no ORM, no request.

Every text cell written through this module goes through :func:`safe_cell`: a string that a spreadsheet
would run as a formula (leading ``=``, ``+``, ``-``, ``@``, tab or carriage return) is prefixed with an
apostrophe. :func:`restore_cell` undoes exactly that prefix when a file comes back for import.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"
LISTS_SHEET = gettext_lazy("选项")

_HEADER_FONT = Font(bold=True)
_REQUIRED_FONT = Font(bold=True, color="C00000")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_TITLE_FONT = Font(bold=True, size=14)
_WRAP = Alignment(wrap_text=True, vertical="top")


def safe_cell(value: Any) -> Any:
    """``value`` made safe for a spreadsheet cell: text that would be read as a formula gets a leading
    apostrophe (OWASP CSV/formula injection). Non-text values pass through unchanged."""
    if isinstance(value, str) and value[:1] in FORMULA_PREFIXES and value:
        return "'" + value
    return value


def restore_cell(value: Any) -> Any:
    """Undo :func:`safe_cell` on a value read back from a file (only the apostrophe it adds)."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1] in FORMULA_PREFIXES:
        return value[1:]
    return value


@dataclass(frozen=True)
class Column:
    """One column of a table sheet. ``choices`` become an in-cell dropdown (list validation)."""

    header: str
    width: float = 12
    is_required: bool = False
    is_date: bool = False
    is_text: bool = False  # formatted as text ("@"), e.g. ID numbers and phone numbers
    choices: tuple[str, ...] = ()
    comment: str = ""


@dataclass(frozen=True)
class TableSheet:
    """A sheet with one header row and data rows (plain values: str, int, Decimal, date, None)."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]] = ()
    validation_rows: int = 0  # how many rows under the header carry the dropdowns (0 = none)
    freeze_header: bool = True


@dataclass(frozen=True)
class TextSheet:
    """A sheet of text lines (instructions). The first line is the title."""

    title: str
    lines: Sequence[str] = field(default_factory=tuple)
    width: float = 110


def _header_cell(ws, column: Column) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=safe_cell(column.header))
    cell.font = _REQUIRED_FONT if column.is_required else _HEADER_FONT
    cell.fill = _HEADER_FILL
    if column.comment:
        cell.comment = Comment(column.comment, _("考评"))
    return cell


def _data_cell(ws, value: Any, column: Column | None) -> Any:
    if isinstance(value, dt.datetime):
        value = value.date() if value.tzinfo is None else value.astimezone().replace(tzinfo=None)
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    value = safe_cell(value)
    if column is not None and column.is_text and value is not None:
        cell = WriteOnlyCell(ws, value=str(value))
        cell.number_format = TEXT_FORMAT
        return cell
    return value


def _write_table(wb: Workbook, sheet: TableSheet, list_refs: dict[tuple[str, ...], str]) -> None:
    ws = wb.create_sheet(sheet.title)
    columns = list(sheet.columns)
    for idx, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(idx)].width = column.width
    if sheet.freeze_header:
        ws.freeze_panes = "A2"
    if sheet.validation_rows:
        last = sheet.validation_rows + 1
        for idx, column in enumerate(columns, start=1):
            letter = get_column_letter(idx)
            if column.choices:
                dv = DataValidation(
                    type="list", formula1=list_refs[column.choices], allow_blank=True, showDropDown=False
                )
                dv.error = _("请从下拉列表中选择。")
                dv.errorTitle = column.header
                dv.showErrorMessage = True
                dv.add(f"{letter}2:{letter}{last}")
                ws.data_validations.append(dv)
            elif column.is_date:
                dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
                dv.error = _("请填写日期，例如 1975-03-01。")
                dv.errorTitle = column.header
                dv.showErrorMessage = True
                dv.add(f"{letter}2:{letter}{last}")
                ws.data_validations.append(dv)
    ws.append([_header_cell(ws, c) for c in columns])
    n = len(columns)
    for row in sheet.rows:
        ws.append([_data_cell(ws, v, columns[i] if i < n else None) for i, v in enumerate(row)])


def _write_text(wb: Workbook, sheet: TextSheet) -> None:
    ws = wb.create_sheet(sheet.title)
    ws.column_dimensions["A"].width = sheet.width
    for i, line in enumerate(sheet.lines):
        cell = WriteOnlyCell(ws, value=safe_cell(line))
        cell.font = _TITLE_FONT if i == 0 else Font()
        cell.alignment = _WRAP
        ws.append([cell])


def _list_refs(lists: list[tuple[str, ...]]) -> dict[tuple[str, ...], str]:
    """Each dropdown list → the range formula of its column on the hidden lists sheet."""
    refs = {}
    for idx, values in enumerate(lists, start=1):
        letter = get_column_letter(idx)
        refs[values] = f"{quote_sheetname(str(LISTS_SHEET))}!${letter}$1:${letter}${len(values)}"
    return refs


def _write_lists(wb: Workbook, lists: list[tuple[str, ...]]) -> None:
    """A hidden sheet holding every dropdown list in its own column (an inline list is limited to 255
    characters; a range reference is not)."""
    if not lists:
        return
    ws = wb.create_sheet(str(LISTS_SHEET))
    ws.sheet_state = "hidden"
    for r in range(max(len(values) for values in lists)):
        ws.append([safe_cell(values[r]) if r < len(values) else None for values in lists])


def workbook_bytes(sheets: Sequence[TableSheet | TextSheet]) -> bytes:
    """Write ``sheets`` (in order) into one .xlsx with openpyxl's write-only mode; returns its bytes.
    Dropdown lists of table sheets are placed on a hidden sheet named ``选项`` after them."""
    wb = Workbook(write_only=True)
    lists: list[tuple[str, ...]] = []
    for sheet in sheets:
        if isinstance(sheet, TableSheet) and sheet.validation_rows:
            for column in sheet.columns:
                if column.choices and column.choices not in lists:
                    lists.append(column.choices)
    refs = _list_refs(lists)
    for sheet in sheets:
        if isinstance(sheet, TableSheet):
            _write_table(wb, sheet, refs)
        else:
            _write_text(wb, sheet)
    _write_lists(wb, lists)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
