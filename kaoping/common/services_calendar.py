"""Writes to the holiday calendar (节假日与调休, common.CalendarDay) that public notices count working days
against (RP-08). Every write validates, saves and audits in one transaction."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from kaoping.common.audit import audit_record, save_audited, snapshot
from kaoping.common.errors import ValidationFailed
from kaoping.common.models import AuditEntry, CalendarDay

_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


@transaction.atomic
def calendar_day_save(
    *, actor, day: dt.date, is_workday: bool, note: str = "", instance: CalendarDay | None = None
) -> CalendarDay:
    """Create a day, or change ``instance`` (its date included). One row per date."""
    clash = CalendarDay.objects.filter(day=day).exclude(pk=instance.pk if instance else None).first()
    if clash is not None:
        raise ValidationFailed({"day": [_("%(d)s已登记，请直接修改该日。") % {"d": day.isoformat()}]})
    obj = instance or CalendarDay()
    before = snapshot(obj) if instance else None
    obj.day, obj.is_workday, obj.note = day, is_workday, (note or "").strip()
    save_audited(obj, actor=actor, before=before, conflict_message=_("该日期已登记。"))
    return obj


@transaction.atomic
def calendar_day_delete(*, actor, day: CalendarDay) -> None:
    audit_record(actor=actor, action=AuditEntry.Action.DELETE, obj=day, changes=snapshot(day))
    day.delete()


@dataclass(frozen=True)
class PastedDay:
    day: dt.date
    note: str


def parse_pasted(text: str) -> list[PastedDay]:
    """One date per line, optionally followed by a note: "2011-10-01 国庆节", "2011/10/8", "2011年10月9日 调休".
    Blank lines are skipped; any bad line refuses the whole paste (messages name the line)."""
    days: list[PastedDay] = []
    errors: list[str] = []
    seen: set[dt.date] = set()
    for n, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip().replace("\u3000", " ")
        if not line:
            continue
        head, _sep, rest = line.partition(" ") if " " in line else line.partition("\t")
        match = _DATE.match(head.strip())
        try:
            if not match:
                raise ValueError
            day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            errors.append(_("第%(n)s行：无法识别的日期“%(v)s”（应为 YYYY-MM-DD）。") % {"n": n, "v": head})
            continue
        if day in seen:
            errors.append(_("第%(n)s行：日期%(d)s重复。") % {"n": n, "d": day.isoformat()})
            continue
        seen.add(day)
        days.append(PastedDay(day, rest.strip()))
    if errors:
        raise ValidationFailed({"dates": errors})
    if not days:
        raise ValidationFailed({"dates": [_("请至少粘贴一个日期。")]})
    return days


@transaction.atomic
def calendar_bulk_save(*, actor, text: str, is_workday: bool, note: str = "") -> tuple[int, int]:
    """Add or overwrite every pasted day as a holiday (or make-up workday); (created, updated)."""
    created = updated = 0
    existing = {d.day: d for d in CalendarDay.objects.filter(day__in=[p.day for p in parse_pasted(text)])}
    for pasted in parse_pasted(text):
        obj = existing.get(pasted.day)
        before = snapshot(obj) if obj else None
        obj = obj or CalendarDay(day=pasted.day)
        obj.is_workday = is_workday
        obj.note = (pasted.note or note or "").strip()
        save_audited(obj, actor=actor, before=before)
        if before is None:
            created += 1
        else:
            updated += 1
    return created, updated
