"""The attendance summary as .xlsx (plain rows into kaoping.documents.xlsx)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kaoping.documents.xlsx import Column, TableSheet, workbook_bytes


def summary_xlsx(year: int, rows) -> bytes:
    """``rows``: (person, PersonYear | None) pairs in display order."""
    columns = [
        Column(_("单位"), width=18),
        Column(_("姓名"), width=10),
        Column(_("考勤天数"), width=10),
        Column(_("迟到（次）"), width=10),
        Column(_("早退（次）"), width=10),
        Column(_("请假（半天）"), width=12),
        Column(_("旷工（天）"), width=10),
        Column(_("考勤津贴（元）"), width=14),
        Column(_("扣除目标管理奖金"), width=16),
        Column(_("计算过程"), width=60),
    ]
    data = []
    for person, judged in rows:
        if judged is None:
            data.append((person.unit.name, person.name, None, None, None, None, None, None, None, ""))
            continue
        s = judged.summary
        data.append(
            (
                person.unit.name,
                person.name,
                judged.days_judged,
                judged.late_count,
                judged.early_count,
                judged.excused_half_days,
                s.unexcused_days,
                s.allowance.value,
                _("是") if s.forfeits_target_bonus else _("否"),
                s.allowance.text(),
            )
        )
    return workbook_bytes([TableSheet(_("%(y)s年度考勤汇总") % {"y": year}, columns, data)])
