"""Roster import (干部名册导入): parse an .xlsx, validate every row, then save all rows or none.

Public service: :func:`import_people`. The sheet layout is in ``importing_columns``, cell converters in
``importing_parse``, matching and the bulk writes in ``importing_save``, background jobs in
``importing_jobs``.

Semantics (also on the template's 填写说明 sheet):
- a row is matched to an existing person by 身份证号; a row without one (or whose 身份证号 is not on
  file yet) by 姓名 + 出生日期 + 单位; otherwise it creates a person;
- a column present in the file overwrites the field (a blank cell clears an optional field; a blank
  身份证号 never clears a recorded one); a column absent from the file leaves the field unchanged;
- ``YYYY年度考核`` columns set that year's annual result; a blank cell leaves the year unchanged.
"""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from kaoping.accounts.scoping import Scope
from kaoping.common.db import refresh_statistics
from kaoping.org import choices as c
from kaoping.org.importing_columns import (
    COLUMNS_BY_HEADER,
    INSTRUCTIONS_SHEET,
    ROSTER_COLUMNS,
    ROSTER_SHEET,
    Kind,
    RosterColumn,
    choice_lookup,
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

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 500
IGNORED_HEADERS = frozenset({"序号", "编号"})
_AT_FILE = 0  # row number of problems about the whole file


@dataclass(frozen=True)
class ImportProblem:
    """One problem: Excel row number (1 = header row, 0 = the file itself), column header, message."""

    row: int
    column: str
    message: str


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    errors: list[ImportProblem]
    is_saved: bool
    unchanged: int = 0

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["errors"] = [[p.row, p.column, p.message] for p in self.errors]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImportResult:
        return cls(
            created=data.get("created", 0),
            updated=data.get("updated", 0),
            errors=[ImportProblem(*p) for p in data.get("errors", [])],
            is_saved=data.get("is_saved", False),
            unchanged=data.get("unchanged", 0),
        )


@dataclass
class RowData:
    """A valid row: Person values by attribute name (``unit_id``, ``rank_id``) and results by year."""

    row: int
    values: dict[str, Any]
    results: dict[int, str]
    person_id: int | None = None


@dataclass
class ParsedRoster:
    rows: list[RowData] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    present: tuple[str, ...] = ()  # Person attribute names the file carries
    years: tuple[int, ...] = ()
    total: int = 0
    units: dict[int, str] = field(default_factory=dict)  # unit id → name (for audit text)
    ranks: dict[int, str] = field(default_factory=dict)


def _file_name(file, given: str | None) -> str:
    name = given or getattr(file, "name", "") or (file if isinstance(file, str) else "")
    return os.path.basename(str(name))[:200]


def import_people(
    *,
    actor,
    file,
    scope: Scope | None,
    progress: Progress | None = None,
    file_name: str | None = None,
) -> ImportResult:
    """Import a roster .xlsx (path or binary file object) for ``actor`` within ``scope`` (the
    Cap.ORG_IMPORT scope). Every row is validated; nothing is saved unless the whole file is valid.
    ``progress(done, total)`` is called while rows are read (total = rows announced by the sheet, 0 if
    unknown)."""
    from kaoping.org.importing_save import match_existing, save_rows

    if scope is None:
        return ImportResult(0, 0, [ImportProblem(_AT_FILE, "", "您没有导入干部名册的权限。")], False)
    parsed = RosterParser(scope=scope, progress=progress).parse(file)
    if parsed.problems and not parsed.rows:
        return ImportResult(0, 0, _sorted(parsed.problems), False)
    if not parsed.rows and not parsed.problems:
        return ImportResult(0, 0, [ImportProblem(_AT_FILE, "", "文件中没有数据行。")], False)
    name = _file_name(file, file_name)
    with transaction.atomic():
        # Matching runs inside the transaction so that what is matched is what gets written.
        problems = parsed.problems + match_existing(parsed, scope)
        if problems:
            return ImportResult(0, 0, _sorted(problems), False)
        created, updated, unchanged = save_rows(parsed, actor=actor, file_name=name)
    if created:
        refresh_statistics()
    return ImportResult(created, updated, [], True, unchanged)


def _sorted(problems: list[ImportProblem]) -> list[ImportProblem]:
    order = {col.header: i for i, col in enumerate(ROSTER_COLUMNS)}
    return sorted(problems, key=lambda p: (p.row, order.get(p.column, len(order)), p.column))


# ------------------------------------------------------------------------------------------------ parse


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
            self.problem(_AT_FILE, "", "无法读取文件，请上传用导入模板填写的 .xlsx 格式 Excel 文件。")
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
        if ROSTER_SHEET in wb.sheetnames:
            return wb[ROSTER_SHEET]
        for name in wb.sheetnames:
            if name != INSTRUCTIONS_SHEET and wb[name].sheet_state == "visible":
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
                self.problem(1, name, f"列“{name}”重复出现。")
                continue
            seen[name] = idx
            col = COLUMNS_BY_HEADER.get(name)
            if col is not None:
                self.cols.append((idx, col))
                continue
            year = year_of_header(name)
            if year is None:
                self.problem(1, name, f"无法识别的列“{name}”，请使用导入模板中的列名。")
            elif not 1950 <= year <= this_year:
                self.problem(1, name, f"考核年度{year}超出范围（1950–{this_year}）。")
            else:
                self.year_cols.append((idx, year, name))
        keys = {col.key for _idx, col in self.cols}
        for col in ROSTER_COLUMNS:
            if col.is_required and col.key not in keys:
                self.problem(1, col.header, f"缺少必填列“{col.header}”。")
        if not keys & {"unit_code", "unit_name"}:
            self.problem(1, "单位代码", "缺少“单位代码”或“单位名称”列（至少需要一列）。")
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
        self.headers = {col.key: col.header for _idx, col in self.cols}
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
                self.problem(row_no, "", f"行数超过上限（{self.max_rows} 行），请分批导入。")
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
                problems.append(ImportProblem(row_no, col.header, message))
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
                problems.append(ImportProblem(row_no, header, f"“{label}”不是有效的考核等次。"))
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
        header, required, max_length = col.header, col.is_required, col.max_length
        required_msg = f"“{header}”为必填项，不能为空。"
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
                    return None, f"“{label}”不是有效的{header}，可选：{options}。"
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
                    return None, f"未知的职级“{label}”，请从下拉列表中选择或先在职务职级中添加。"
                return pk, None

        else:  # TEXT, UNIT_CODE, UNIT_NAME

            def convert(raw):
                value = text(raw)
                if not value:
                    if required:
                        return "", required_msg
                    return ("汉族" if col.key == "ethnicity" else ""), None
                if max_length and len(value) > max_length:
                    return None, f"“{header}”不能超过{max_length}个字符。"
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
                self.problem(row_no, code_header, f"未找到单位代码为“{code}”的单位。")
                return
            if name and name != unit[2]:
                self.problem(row_no, name_header, f"单位名称“{name}”与单位代码“{code}”（{unit[2]}）不一致。")
                return
        elif name:
            matches = self.units_by_name.get(name, [])
            if not matches:
                self.problem(row_no, name_header, f"未找到名称为“{name}”的单位。")
                return
            if len(matches) > 1:
                self.problem(row_no, name_header, f"名称为“{name}”的单位有多个，请填写单位代码。")
                return
            unit = matches[0]
        else:
            self.problem(row_no, code_header or name_header, "请填写单位代码或单位名称。")
            return
        column = code_header if code else name_header
        if not self.scope.covers_path(unit[3]):
            self.problem(row_no, column, f"单位“{unit[2]}”不在您的导入权限范围内。")
        elif not unit[4]:
            self.problem(row_no, column, f"单位“{unit[2]}”已停用。")
        else:
            data["unit_id"] = unit[0]

    def _cross_checks(self, row_no: int, data: dict, bad: set) -> None:
        h = self.headers
        birth = data.get("birth_date")
        if "rank" in data:
            data["rank_id"] = data.pop("rank")
        if data.get("rank_id") and "rank_start_date" in h and not data.get("rank_start_date"):
            if "rank_start_date" not in bad:
                self.problem(row_no, h["rank_start_date"], "填写了职级时，请同时填写任职级时间。")
        elif data.get("rank_id") and "rank_start_date" not in h:
            self.problem(row_no, h["rank"], "填写了职级时，请同时提供“任职级时间”列。")
        if birth:
            for key, label in (
                ("rank_start_date", "任职级时间"),
                ("work_start_date", "参加工作时间"),
                ("post_start_date", "任现职时间"),
            ):
                value = data.get(key)
                if value and value <= birth:
                    self.problem(row_no, h[key], f"{label}（{value.isoformat()}）必须晚于出生日期。")
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
                self.problem(row_no, self.headers["id_number"], f"与第{first}行的身份证号重复。")
                return
        key = (data["name"], data["birth_date"], data["unit_id"])
        first_row, first_has_id = seen_keys.setdefault(key, (row_no, bool(id_number)))
        if first_row != row_no and not (first_has_id and id_number):
            self.problem(
                row_no, self.headers["name"], f"与第{first_row}行重复（姓名、出生日期、单位均相同）。"
            )
