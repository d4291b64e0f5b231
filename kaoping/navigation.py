"""The main menu: each entry names the capability it needs, so each role sees only what it may use."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kaoping.accounts.roles import Cap


@dataclass(frozen=True)
class MenuItem:
    section: str | Promise
    label: str | Promise
    url_name: str
    cap: str


MENU: tuple[MenuItem, ...] = (
    MenuItem(_("干部信息"), _("单位架构"), "org:unit_tree", Cap.ORG_VIEW),
    MenuItem(_("干部信息"), _("干部名册"), "org:person_list", Cap.ORG_VIEW),
    MenuItem(_("干部信息"), _("批量导入"), "org:import", Cap.ORG_IMPORT),
    MenuItem(_("干部信息"), _("职务职级"), "org:rank_list", Cap.ORG_UNITS),
    MenuItem(_("岗位设置"), _("岗位设置方案"), "positions:plan_list", Cap.POSITIONS_VIEW),
    MenuItem(_("岗位设置"), _("岗位聘用"), "positions:round_list", Cap.POSITIONS_VIEW),
    MenuItem(_("竞争上岗"), _("竞争上岗"), "selection:index", Cap.SELECTION_VIEW),
    MenuItem(_("竞争上岗"), _("我的考察任务"), "selection:inspection_mine", Cap.SELECTION_INSPECT),
    MenuItem(_("测评与评分"), _("民主测评"), "ballots:index", Cap.BALLOTS_VIEW),
    MenuItem(_("测评与评分"), _("笔试面试"), "marking:index", Cap.MARKING_MANAGE),
    MenuItem(_("测评与评分"), _("我的阅卷"), "marking:marker_home", Cap.MARKING_MARK),
    MenuItem(_("测评与评分"), _("我的面试评分"), "marking:examiner_home", Cap.MARKING_EXAMINE),
    MenuItem(_("考核"), _("目标考核"), "assessment:index", Cap.ASSESSMENT_VIEW),
    MenuItem(_("考核"), _("考勤与请假"), "attendance:index", Cap.ATTENDANCE_VIEW),
    MenuItem(_("考核"), _("年度综合考核"), "annual:index", Cap.ANNUAL_VIEW),
    MenuItem(_("系统"), _("节假日与调休"), "calendar_list", Cap.CALENDAR_EDIT),
    MenuItem(_("系统"), _("审计记录"), "audit_list", Cap.AUDIT_VIEW),
    MenuItem(_("系统"), _("账号与角色"), "accounts:user_list", Cap.USERS_MANAGE),
    MenuItem(_("系统"), _("接口令牌"), "accounts:token_list", Cap.API_TOKENS),
)
