"""Roster import (干部名册导入): parse an .xlsx, validate every row, then save all rows or none.

Public service: :func:`import_people`. The sheet layout is in ``importing_columns``, the sheet reader
(:class:`~kaoping.org.importing_roster.RosterParser`) in ``importing_roster``, cell converters in
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

import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kaoping.accounts.scoping import Scope
from kaoping.common.db import refresh_statistics
from kaoping.org.importing_columns import ROSTER_COLUMNS

Progress = Callable[[int, int], None]
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
    from kaoping.org.importing_roster import RosterParser
    from kaoping.org.importing_save import match_existing, save_rows

    if scope is None:
        return ImportResult(0, 0, [ImportProblem(_AT_FILE, "", _("您没有导入干部名册的权限。"))], False)
    parsed = RosterParser(scope=scope, progress=progress).parse(file)
    if parsed.problems and not parsed.rows:
        return ImportResult(0, 0, _sorted(parsed.problems), False)
    if not parsed.rows and not parsed.problems:
        return ImportResult(0, 0, [ImportProblem(_AT_FILE, "", _("文件中没有数据行。"))], False)
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
    order = {str(col.header): i for i, col in enumerate(ROSTER_COLUMNS)}
    return sorted(problems, key=lambda p: (p.row, order.get(p.column, len(order)), p.column))
