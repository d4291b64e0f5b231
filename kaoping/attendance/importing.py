"""Sign-in sheets (.xlsx): the template and the import. An import is all or nothing: every bad row is
reported in Chinese with its row number, and a file with any bad row saves nothing."""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from kaoping.accounts.roles import Cap
from kaoping.attendance import services
from kaoping.attendance.models import SignIn
from kaoping.attendance.selectors import people_visible
from kaoping.common.audit import audit_record
from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.documents.xlsx import Column, TableSheet, TextSheet, restore_cell, workbook_bytes

MAX_ROWS = 20000
HEADERS = ("单位", "姓名", "日期", "上午签到", "上午签退", "下午签到", "下午签退")
TIME_FIELDS = ("morning_in", "morning_out", "afternoon_in", "afternoon_out")


def template_bytes(example_rows: list[tuple] | None = None) -> bytes:
    """The sign-in sheet template: one row per person per day, times as HH:MM or HH:MM:SS."""
    columns = [
        Column(_("单位"), width=18, comment=_("同名人员须填写单位以区分")),
        Column(_("姓名"), width=12, is_required=True),
        Column(_("日期"), width=12, is_required=True, is_date=True),
        Column(_("上午签到"), width=10, is_text=True),
        Column(_("上午签退"), width=10, is_text=True),
        Column(_("下午签到"), width=10, is_text=True),
        Column(_("下午签退"), width=10, is_text=True),
    ]
    rows = example_rows or [("办公室", "张三", dt.date(2018, 3, 5), "08:55", "11:30", "14:45", "17:20")]
    instructions = TextSheet(
        _("填表说明"),
        (
            _("签到表导入说明"),
            _("每行填写一名人员一天的签到、签退时间，格式为 时:分 或 时:分:秒（如 09:15、09:15:01）。"),
            _("未签到或未签退的格子留空；四个时间全部留空表示清除该人员当天的记录。"),
            _("同一人员同一天已有记录的，导入后以表格为准。"),
            _("文件中任何一行有误时，整个文件均不导入，请按提示修改后重新上传。"),
        ),
    )
    return workbook_bytes([TableSheet(_("签到表"), columns, rows, validation_rows=500), instructions])


def _parse_time(value) -> dt.time | None:
    value = restore_cell(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(microsecond=0)
    if isinstance(value, (int, float)) and 0 <= value < 1:
        seconds = round(value * 86400)
        return dt.time(seconds // 3600, seconds % 3600 // 60, seconds % 60)
    text = str(value).strip().replace("：", ":")
    try:
        parts = [int(p) for p in text.split(":")]
        if len(parts) == 2:
            parts.append(0)
        return dt.time(*parts)
    except (ValueError, TypeError):
        raise ValueError(text) from None


def _parse_date(value) -> dt.date:
    value = restore_cell(value)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip().replace("/", "-").replace(".", "-")
    return dt.date.fromisoformat("-".join(p.zfill(2) for p in text.split("-")) if text else "")


@dataclass(frozen=True)
class ImportResult:
    rows: int
    people: int


def _read_rows(content: bytes) -> list[tuple[int, tuple]]:
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:
        raise ValidationFailed({"file": [_("无法读取文件，请上传由模板填写的 .xlsx 文件。")]}) from exc
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = tuple(str(restore_cell(c) or "").strip() for c in next(rows, ()))
    if header[: len(HEADERS)] != HEADERS:
        raise ValidationFailed(
            {"file": [_("表头应为：%(h)s。请使用下载的模板。") % {"h": "、".join(HEADERS)}]}
        )
    out = []
    for n, row in enumerate(rows, start=2):
        row = tuple(row[: len(HEADERS)]) + (None,) * (len(HEADERS) - len(row))
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in row):
            continue
        out.append((n, row))
        if len(out) > MAX_ROWS:
            raise ValidationFailed({"file": [_("一次最多导入%(n)s行。") % {"n": MAX_ROWS}]})
    wb.close()
    return out


def signin_import(*, actor, content: bytes, filename: str = "") -> ImportResult:
    """Import a sign-in sheet: match people within the actor's ATTENDANCE_MANAGE scope by (unit, name),
    create or replace each day's row; any bad row → ValidationFailed listing every bad row, nothing saved."""
    rows = _read_rows(content)
    people = list(people_visible(actor, Cap.ATTENDANCE_MANAGE).filter(is_active=True))
    by_name = defaultdict(list)
    for p in people:
        by_name[p.name].append(p)
    errors: list[str] = []
    seen: dict[tuple[int, dt.date], int] = {}
    parsed = []
    for n, row in rows:
        unit_name, name = (str(restore_cell(row[0]) or "").strip(), str(restore_cell(row[1]) or "").strip())
        prefix = _("第%(n)s行：") % {"n": n}
        if not name:
            errors.append(prefix + _("姓名不能为空。"))
            continue
        candidates = [p for p in by_name.get(name, []) if not unit_name or p.unit.name == unit_name]
        if not candidates:
            errors.append(prefix + _("未找到人员“%(name)s”，或其不在您的管理范围内。") % {"name": name})
            continue
        if len(candidates) > 1:
            errors.append(prefix + _("有多名“%(name)s”，请填写单位以区分。") % {"name": name})
            continue
        try:
            day = _parse_date(row[2])
        except (ValueError, TypeError):
            errors.append(prefix + _("日期格式不正确（应为 2018-03-05）。"))
            continue
        times = {}
        for field, header, value in zip(TIME_FIELDS, HEADERS[3:], row[3:], strict=True):
            try:
                times[field] = _parse_time(value)
            except ValueError:
                errors.append(prefix + _("%(h)s时间格式不正确（应为 09:15 或 09:15:01）。") % {"h": header})
        if len(times) < len(TIME_FIELDS):
            continue
        person = candidates[0]
        key = (person.pk, day)
        if key in seen:
            errors.append(prefix + _("与第%(m)s行重复（同一人员同一天）。") % {"m": seen[key]})
            continue
        seen[key] = n
        parsed.append((n, person, day, times))
    if errors:
        raise ValidationFailed({"file": errors})
    with transaction.atomic():
        for n, person, day, times in parsed:
            try:
                services.signin_save(
                    actor=actor, person=person, day=day, source=SignIn.Source.IMPORT, audit=False, **times
                )
            except ValidationFailed as exc:
                errors.extend(_("第%(n)s行：") % {"n": n} + m for msgs in exc.errors.values() for m in msgs)
            except DomainError as exc:
                errors.append(_("第%(n)s行：") % {"n": n} + exc.message)
        if errors:
            transaction.set_rollback(True)
        else:
            audit_record(
                actor=actor,
                action=AuditEntry.Action.IMPORT,
                object_type="attendance.signin",
                object_id="-",
                object_repr=_("签到表导入 %(f)s") % {"f": filename},
                changes={"rows": len(parsed), "people": len({p.pk for _n, p, _d, _t in parsed})},
            )
    if errors:
        raise ValidationFailed({"file": errors})
    return ImportResult(rows=len(parsed), people=len({p.pk for _n, p, _d, _t in parsed}))
