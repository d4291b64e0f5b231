"""The appointment notice (聘用结果公示, R004-05 / RP-08): who is proposed for which post, the notice
period, and where objections go — built from the round's appointments, as .docx bytes."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kaoping.documents import docx as word
from kaoping.positions.models import Appointment, AppointmentRound


def notice_rows(rnd: AppointmentRound) -> list[list[str]]:
    """序号, 姓名, 现所在部门, 拟聘岗位, 岗位类别, 岗位等级 — ordered by post and slot."""
    appointments = (
        Appointment.objects.filter(round=rnd)
        .select_related("application__person__unit", "line")
        .order_by("line__order", "slot")
    )
    return [
        [
            str(i),
            a.application.person.name,
            a.application.person.unit.name,
            a.line.name,
            str(a.line.get_category_display()),
            _("%(g)s级") % {"g": a.line.grade},
        ]
        for i, a in enumerate(appointments, start=1)
    ]


def notice_title(rnd: AppointmentRound) -> str:
    return _("%(unit)s岗位聘用结果公示") % {"unit": rnd.plan.unit.name}


def notice_docx(rnd: AppointmentRound) -> bytes:
    if rnd.notice_start and rnd.notice_end:
        period = _("公示时间：%(start)s 至 %(end)s（%(days)s 个%(kind)s）。") % {
            "start": rnd.notice_start.isoformat(),
            "end": rnd.notice_end.isoformat(),
            "days": rnd.notice_days,
            "kind": _("工作日") if rnd.notice_working_days else _("自然日"),
        }
    else:
        period = _("公示时间：进入公示阶段时确定（%(days)s 天）。") % {"days": rnd.notice_days}
    title = notice_title(rnd)
    blocks = [
        word.Title(title),
        word.Paragraph(
            _("根据《%(plan)s》，经个人申请、资格审查、竞聘和领导小组研究，拟聘用以下人员，现予公示：")
            % {"plan": rnd.plan.title},
            indent_first=True,
        ),
        word.Table(
            header=[_("序号"), _("姓名"), _("现所在部门"), _("拟聘岗位"), _("岗位类别"), _("岗位等级")],
            rows=notice_rows(rnd),
            align=["center", "left", "left", "left", "left", "center"],
        ),
        word.Paragraph(period, indent_first=True),
        word.Paragraph(
            _(
                "公示期间，对公示对象有异议的，可以书面形式向单位岗位设置工作领导小组反映。反映问题须实事求是，"
                "并提供具体事实或线索。"
            ),
            indent_first=True,
        ),
    ]
    return word.docx_bytes(word.DocumentSpec(title=title, blocks=blocks))
