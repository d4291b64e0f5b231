"""Roles and what each may do. Who holds a role, and for which units, is data (RoleAssignment)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SYSADMIN = "sysadmin", _("系统管理员")
    HR_ADMIN = "hr_admin", _("组织人事管理员")
    LIAISON = "liaison", _("单位联络员")
    MARKER = "marker", _("阅卷人")
    EXAMINER = "examiner", _("考官")
    INSPECTOR = "inspector", _("考察组成员")
    TELLER = "teller", _("计票员")
    LEADER = "leader", _("领导")


class Cap(models.TextChoices):
    """Capabilities checked by views, selectors and the API."""

    ORG_VIEW = "org.view", _("查看干部信息")
    ORG_EDIT = "org.edit", _("维护干部信息")
    ORG_UNITS = "org.units", _("维护单位与职务")
    ORG_IMPORT = "org.import", _("导入干部名册")
    ORG_EXPORT = "org.export", _("导出干部名册")
    POSITIONS_VIEW = "positions.view", _("查看岗位设置方案")
    POSITIONS_EDIT = "positions.edit", _("编制岗位设置方案")
    POSITIONS_APPROVE = "positions.approve", _("核准岗位设置方案")
    SELECTION_VIEW = "selection.view", _("查看竞争上岗")
    SELECTION_MANAGE = "selection.manage", _("组织竞争上岗")
    SELECTION_REGISTER = "selection.register", _("竞争上岗报名")
    SELECTION_INSPECT = "selection.inspect", _("考察")
    SELECTION_DECIDE = "selection.decide", _("研究决定任用")
    BALLOTS_VIEW = "ballots.view", _("查看民主测评")
    BALLOTS_MANAGE = "ballots.manage", _("组织民主测评")
    BALLOTS_TALLY = "ballots.tally", _("录入纸质测评票")
    MARKING_MANAGE = "marking.manage", _("组织笔试面试")
    MARKING_MARK = "marking.mark", _("笔试阅卷")
    MARKING_EXAMINE = "marking.examine", _("面试评分")
    ASSESSMENT_VIEW = "assessment.view", _("查看目标考核")
    ASSESSMENT_MANAGE = "assessment.manage", _("组织目标考核")
    ASSESSMENT_SELF = "assessment.self", _("填报自评")
    ASSESSMENT_APPROVE = "assessment.approve", _("审定考核结果")
    ATTENDANCE_VIEW = "attendance.view", _("查看考勤")
    ATTENDANCE_MANAGE = "attendance.manage", _("管理考勤")
    LEAVE_APPROVE = "attendance.leave_approve", _("审批请假")
    ANNUAL_VIEW = "annual.view", _("查看年度考核")
    ANNUAL_MANAGE = "annual.manage", _("组织年度考核")
    ANNUAL_SUBITEM = "annual.subitem", _("录入分项考核")
    ANNUAL_CONFIRM = "annual.confirm", _("确定考核等次")
    CALENDAR_EDIT = "calendar.edit", _("维护节假日")
    AUDIT_VIEW = "audit.view", _("查看审计记录")
    USERS_MANAGE = "users.manage", _("管理账号与角色")
    API_TOKENS = "api.tokens", _("使用接口令牌")


ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.SYSADMIN: frozenset(Cap.values),
    Role.HR_ADMIN: frozenset(
        {
            Cap.ORG_VIEW,
            Cap.ORG_EDIT,
            Cap.ORG_UNITS,
            Cap.ORG_IMPORT,
            Cap.ORG_EXPORT,
            Cap.POSITIONS_VIEW,
            Cap.POSITIONS_EDIT,
            Cap.POSITIONS_APPROVE,
            Cap.SELECTION_VIEW,
            Cap.SELECTION_MANAGE,
            Cap.SELECTION_REGISTER,
            Cap.BALLOTS_VIEW,
            Cap.BALLOTS_MANAGE,
            Cap.BALLOTS_TALLY,
            Cap.MARKING_MANAGE,
            Cap.ASSESSMENT_VIEW,
            Cap.ASSESSMENT_MANAGE,
            Cap.ASSESSMENT_SELF,
            Cap.ATTENDANCE_VIEW,
            Cap.ATTENDANCE_MANAGE,
            Cap.ANNUAL_VIEW,
            Cap.ANNUAL_MANAGE,
            Cap.ANNUAL_SUBITEM,
            Cap.CALENDAR_EDIT,
            Cap.AUDIT_VIEW,
            Cap.API_TOKENS,
        }
    ),
    Role.LIAISON: frozenset(
        {
            Cap.ORG_VIEW,
            Cap.ORG_EDIT,
            Cap.ORG_IMPORT,
            Cap.ORG_EXPORT,
            Cap.POSITIONS_VIEW,
            Cap.POSITIONS_EDIT,
            Cap.SELECTION_VIEW,
            Cap.SELECTION_REGISTER,
            Cap.ASSESSMENT_VIEW,
            Cap.ASSESSMENT_SELF,
            Cap.ATTENDANCE_VIEW,
            Cap.ANNUAL_VIEW,
            Cap.ANNUAL_SUBITEM,
            Cap.API_TOKENS,
        }
    ),
    Role.LEADER: frozenset(
        {
            Cap.ORG_VIEW,
            Cap.ORG_EXPORT,
            Cap.POSITIONS_VIEW,
            Cap.POSITIONS_APPROVE,
            Cap.SELECTION_VIEW,
            Cap.SELECTION_DECIDE,
            Cap.BALLOTS_VIEW,
            Cap.ASSESSMENT_VIEW,
            Cap.ASSESSMENT_APPROVE,
            Cap.ATTENDANCE_VIEW,
            Cap.LEAVE_APPROVE,
            Cap.ANNUAL_VIEW,
            Cap.ANNUAL_CONFIRM,
        }
    ),
    # Markers, examiners and inspectors reach only what they are assigned to (an exam item, a panel, an
    # inspection team); the marking and selection apps check the assignment, not a unit scope.
    Role.MARKER: frozenset({Cap.MARKING_MARK}),
    Role.EXAMINER: frozenset({Cap.MARKING_EXAMINE}),
    Role.INSPECTOR: frozenset({Cap.SELECTION_INSPECT}),
    Role.TELLER: frozenset({Cap.BALLOTS_TALLY}),
}

# Roles whose assignment must name a unit (their scope is that unit's subtree).
UNIT_SCOPED_ROLES = frozenset({Role.LIAISON})
