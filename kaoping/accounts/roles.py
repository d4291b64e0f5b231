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
            Cap.API_TOKENS,
        }
    ),
    Role.LEADER: frozenset({Cap.ORG_VIEW, Cap.ORG_EXPORT, Cap.POSITIONS_VIEW, Cap.POSITIONS_APPROVE}),
    Role.MARKER: frozenset(),
    Role.EXAMINER: frozenset(),
    Role.INSPECTOR: frozenset(),
}

# Roles whose assignment must name a unit (their scope is that unit's subtree).
UNIT_SCOPED_ROLES = frozenset({Role.LIAISON})
