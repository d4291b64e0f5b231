"""The roster sheet reader of the import (see ``importing``): opens the .xlsx (openpyxl read-only), checks
the header row, converts and validates every row into a :class:`~kaoping.org.importing.ParsedRoster`.
No writes; the only queries load the unit and rank lookups."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from kaoping.accounts.scoping import Scope
from kaoping.org import choices as c
from kaoping.org.importing import _AT_FILE, ImportProblem, ParsedRoster, Progress, RowData
from kaoping.org.importing_columns import (
    INSTRUCTIONS_SHEET,
    ROSTER_COLUMNS,
    ROSTER_SHEET,
    Kind,
    RosterColumn,
    choice_lookup,
    column_by_header,
    header_of,
    normalise_header,
    year_of_header,
)
from kaoping.org.importing_parse import (
    id_number_mismatch,
    parse_bool,
    parse_date,
    parse_id_number,
    text,
)
from kaoping.org.models import Rank, Unit

PROGRESS_EVERY = 500
IGNORED_HEADERS = frozenset({"序号", "编号"})  # input tokens: numbering columns users often add


class RosterParser:
    """Reads the roster sheet row by row (openpyxl read-only) into :class:`ParsedRoster`."""

    def __init__(self, *, scope: Scope, progress: Progress | None = None, today: dt.date | None = None):
        self.scope = scope
        self.progress = progress
        self.today = today or timezone.localdate()
        self.max_rows = getattr(settings, "KAOPING_IMPORT_MAX_ROWS", 200_000)
        self.out = ParsedRoster()
        self._load_lookups()

    # -- lookups

    def _load_lookups(self) -> None:
        self.unit_by_code: dict[str, tuple] = {}
        self.units_by_name: dict[str, list[tuple]] = {}
        for unit in Unit.objects.values_list("pk", "code", "name", "path", "is_active"):
            self.unit_by_code[unit[1]] = unit
            self.units_by_name.setdefault(unit[2], []).append(unit)
            self.out.units[unit[0]] = unit[2]
        self.rank_by_name: dict[str, int] = {}
        for pk, code, name in Rank.objects.values_list("pk", "code", "name"):
            self.rank_by_name[name] = pk
            self.rank_by_name.setdefault(code, pk)
            self.out.ranks[pk] = name
        self.grades = choice_lookup(c.AnnualGrade)

    def problem(self, row: int, column: str, message: str) -> None:
        self.out.problems.append(ImportProblem(row, column, message))

    # -- file and header

    def parse(self, file) -> ParsedRoster:
        try:
            wb = load_workbook(file, read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
            self.problem(_AT_FILE, "", _("无法读取文件，请上传用导入模板填写的 .xlsx 格式 Excel 文件。"))
            return self.out
        try:
            ws = self._roster_sheet(wb)
            total = max((ws.max_row or 1) - 1, 0) if ws.max_row else 0
            rows = ws.iter_rows(values_only=True)
            header = next(rows, None)
            if header is None or not self._read_header(header):
                return self.out
            self._read_rows(rows, total)
        finally:
            wb.close()
        return self.out

    def _roster_sheet(self, wb):
        roster, instructions = str(ROSTER_SHEET), str(INSTRUCTIONS_SHEET)
        if roster in wb.sheetnames:
            return wb[roster]
        for name in wb.sheetnames:
            if name != instructions and wb[name].sheet_state == "visible":
                return wb[name]
        return wb.worksheets[0]

    def _read_header(self, header: tuple) -> bool:
        self.cols: list[tuple[int, RosterColumn]] = []
        self.year_cols: list[tuple[int, int, str]] = []
        seen: dict[str, int] = {}
        this_year = self.today.year
        for idx, raw in enumerate(header):
            name = normalise_header(raw)
            if not name or name in IGNORED_HEADERS:
                continue
            if name in seen:
                self.problem(1, name, _("列“%(name)s”重复出现。") % {"name": name})
                continue
            seen[name] = idx
            col = column_by_header(name)
            if col is not None:
                self.cols.append((idx, col))
                continue
            year = year_of_header(name)
            if year is None:
                self.problem(1, name, _("无法识别的列“%(name)s”，请使用导入模板中的列名。") % {"name": name})
            elif not 1950 <= year <= this_year:
                self.problem(
                    1,
                    name,
                    _("考核年度%(year)s超出范围（1950–%(this_year)s）。")
                    % {"year": year, "this_year": this_year},
                )
            else:
                self.year_cols.append((idx, year, name))
        keys = {col.key for _idx, col in self.cols}
        for col in ROSTER_COLUMNS:
            if col.is_required and col.key not in keys:
                header = str(col.header)
                self.problem(1, header, _("缺少必填列“%(header)s”。") % {"header": header})
        if not keys & {"unit_code", "unit_name"}:
            self.problem(1, header_of("unit_code"), _("缺少“单位代码”或“单位名称”列（至少需要一列）。"))
        if self.out.problems:
            return False
        present = []
        for _idx, col in self.cols:
            if col.key in ("unit_code", "unit_name"):
                if "unit_id" not in present:
                    present.append("unit_id")
            else:
                present.append("rank_id" if col.key == "rank" else col.key)
        self.out.present = tuple(present)
        self.out.years = tuple(sorted(y for _i, y, _n in self.year_cols))
        self.headers = {col.key: str(col.header) for _idx, col in self.cols}
        return True

    # -- rows

    def _read_rows(self, rows, total: int) -> None:
        converters = [(idx, col, self._converter(col)) for idx, col in self.cols]
        seen_ids: dict[str, int] = {}
        seen_keys: dict[tuple, tuple[int, bool]] = {}
        count = 0
        progress = self.progress
        if progress:
            progress(0, total)
        for row_no, values in enumerate(rows, start=2):
            if not any(v is not None and (not isinstance(v, str) or v.strip()) for v in values):
                continue
            count += 1
            if count > self.max_rows:
                self.problem(
                    row_no, "", _("行数超过上限（%(max)s 行），请分批导入。") % {"max": self.max_rows}
                )
                break
            self._read_row(row_no, values, converters, seen_ids, seen_keys)
            if progress and count % PROGRESS_EVERY == 0:
                progress(count, max(total, count))
        self.out.total = count
        if progress:
            progress(count, count)

    def _read_row(self, row_no, values, converters, seen_ids, seen_keys) -> None:
        n = len(values)
        data: dict[str, Any] = {}
        bad: set[str] = set()
        problems = self.out.problems
        for idx, col, convert in converters:
            raw = values[idx] if idx < n else None
            value, message = convert(raw)
            if message:
                problems.append(ImportProblem(row_no, str(col.header), message))
                bad.add(col.key)
            else:
                data[col.key] = value
        results: dict[int, str] = {}
        for idx, year, header in self.year_cols:
            raw = values[idx] if idx < n else None
            label = text(raw)
            if not label:
                continue
            grade = self.grades.get(label)
            if grade is None:
                problems.append(
                    ImportProblem(row_no, header, _("“%(label)s”不是有效的考核等次。") % {"label": label})
                )
                bad.add(header)
            else:
                results[year] = grade
        before = len(problems)
        self._resolve_unit(row_no, data, bad)
        self._cross_checks(row_no, data, bad)
        if bad or len(problems) > before:
            return
        self._check_duplicates(row_no, data, seen_ids, seen_keys)
        if len(problems) > before:
            return
        self.out.rows.append(RowData(row_no, data, results))

    def _converter(self, col: RosterColumn) -> Callable[[Any], tuple[Any, str | None]]:
        header, required, max_length = str(col.header), col.is_required, col.max_length
        required_msg = _("“%(header)s”为必填项，不能为空。") % {"header": header}
        today = self.today

        if col.kind == Kind.DATE:

            def convert(raw):
                value, message = parse_date(raw, today)
                if message is None and value is None and required:
                    return None, required_msg
                return value, message

        elif col.kind == Kind.CHOICE:
            table = choice_lookup(col.choices)
            options = "、".join(str(label) for label in col.choices.labels)

            def convert(raw):
                label = text(raw)
                if not label:
                    return "", (required_msg if required else None)
                value = table.get(label)
                if value is None:
                    return None, _("“%(label)s”不是有效的%(header)s，可选：%(options)s。") % {
                        "label": label,
                        "header": header,
                        "options": options,
                    }
                return value, None

        elif col.kind == Kind.ID_NUMBER:
            convert = parse_id_number

        elif col.kind == Kind.BOOL:
            convert = parse_bool

        elif col.kind == Kind.RANK:
            ranks = self.rank_by_name

            def convert(raw):
                label = text(raw)
                if not label:
                    return None, None
                pk = ranks.get(label)
                if pk is None:
                    return None, _("未知的职级“%(label)s”，请从下拉列表中选择或先在职务职级中添加。") % {
                        "label": label
                    }
                return pk, None

        else:  # TEXT, UNIT_CODE, UNIT_NAME

            def convert(raw):
                value = text(raw)
                if not value:
                    if required:
                        return "", required_msg
                    return ("汉族" if col.key == "ethnicity" else ""), None
                if max_length and len(value) > max_length:
                    return None, _("“%(header)s”不能超过%(max)s个字符。") % {
                        "header": header,
                        "max": max_length,
                    }
                return value, None

        return convert

    def _resolve_unit(self, row_no: int, data: dict, bad: set) -> None:
        code = data.pop("unit_code", "")
        name = data.pop("unit_name", "")
        if "unit_code" in bad or "unit_name" in bad:
            return
        code_header = self.headers.get("unit_code")
        name_header = self.headers.get("unit_name")
        if code:
            unit = self.unit_by_code.get(code)
            if unit is None:
                self.problem(row_no, code_header, _("未找到单位代码为“%(code)s”的单位。") % {"code": code})
                return
            if name and name != unit[2]:
                self.problem(
                    row_no,
                    name_header,
                    _("单位名称“%(name)s”与单位代码“%(code)s”（%(unit)s）不一致。")
                    % {"name": name, "code": code, "unit": unit[2]},
                )
                return
        elif name:
            matches = self.units_by_name.get(name, [])
            if not matches:
                self.problem(row_no, name_header, _("未找到名称为“%(name)s”的单位。") % {"name": name})
                return
            if len(matches) > 1:
                self.problem(
                    row_no, name_header, _("名称为“%(name)s”的单位有多个，请填写单位代码。") % {"name": name}
                )
                return
            unit = matches[0]
        else:
            self.problem(row_no, code_header or name_header, _("请填写单位代码或单位名称。"))
            return
        column = code_header if code else name_header
        if not self.scope.covers_path(unit[3]):
            self.problem(row_no, column, _("单位“%(unit)s”不在您的导入权限范围内。") % {"unit": unit[2]})
        elif not unit[4]:
            self.problem(row_no, column, _("单位“%(unit)s”已停用。") % {"unit": unit[2]})
        else:
            data["unit_id"] = unit[0]

    def _cross_checks(self, row_no: int, data: dict, bad: set) -> None:
        h = self.headers
        birth = data.get("birth_date")
        if "rank" in data:
            data["rank_id"] = data.pop("rank")
        if data.get("rank_id") and "rank_start_date" in h and not data.get("rank_start_date"):
            if "rank_start_date" not in bad:
                self.problem(row_no, h["rank_start_date"], _("填写了职级时，请同时填写任职级时间。"))
        elif data.get("rank_id") and "rank_start_date" not in h:
            self.problem(row_no, h["rank"], _("填写了职级时，请同时提供“任职级时间”列。"))
        if birth:
            for key in ("rank_start_date", "work_start_date", "post_start_date"):
                value = data.get(key)
                if value and value <= birth:
                    self.problem(
                        row_no,
                        h[key],
                        _("%(label)s（%(date)s）必须晚于出生日期。")
                        % {"label": h[key], "date": value.isoformat()},
                    )
        id_number = data.get("id_number")
        if id_number and "birth_date" not in bad and "gender" not in bad:
            mismatch = id_number_mismatch(id_number, birth, data.get("gender", ""))
            if mismatch:
                self.problem(row_no, h["id_number"], mismatch[1])

    def _check_duplicates(self, row_no: int, data: dict, seen_ids: dict, seen_keys: dict) -> None:
        id_number = data.get("id_number", "")
        if id_number:
            first = seen_ids.setdefault(id_number, row_no)
            if first != row_no:
                self.problem(
                    row_no, self.headers["id_number"], _("与第%(first)s行的身份证号重复。") % {"first": first}
                )
                return
        key = (data["name"], data["birth_date"], data["unit_id"])
        first_row, first_has_id = seen_keys.setdefault(key, (row_no, bool(id_number)))
        if first_row != row_no and not (first_has_id and id_number):
            self.problem(
                row_no,
                self.headers["name"],
                _("与第%(first)s行重复（姓名、出生日期、单位均相同）。") % {"first": first_row},
            )
