"""Presets and demo data: the 全总 unit tree of seed 000 with about 300 fictional cadres.

The people are generated (surname + given-name characters, fixed random seed), never copied from the
seeds. Their ranks, tenure, annual results 2008–2010, secondments, trainings and sanctions are spread so
that the seed-000 eligibility rules (cut-off 2011-09-30: R000-07 … R000-11) pass and fail for realistic
reasons: 正处级 with fewer than three years, a missing or 基本称职 year, born before 1953-10-01 …

Loading is idempotent (nothing happens when the demo root unit exists) and deterministic.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.crypto import get_random_string

from kaoping.accounts.models import RoleAssignment, User
from kaoping.accounts.roles import Role
from kaoping.common.audit import audit_record
from kaoping.common.models import AuditEntry
from kaoping.org import choices as c
from kaoping.org.demo_people import DemoPeople
from kaoping.org.models import (
    Unit,
)
from kaoping.org.presets import load_rank_presets

DEMO_ROOT_CODE = "ACFTU"
DEMO_PASSWORD = "kaoping-demo-2011"  # printed by kaoping_setup when the demo accounts are created
SEED = 20110928
CUTOFF = dt.date(2011, 9, 30)

AGENCY = c.UnitCategory.CIVIL_SERVICE_LIKE
AFFILIATED = c.UnitCategory.AFFILIATED

# (code, name, category, sections)
DEPARTMENTS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("BGT", "办公厅", AGENCY, ("秘书处", "综合处")),
    ("ZZB", "组织部", AGENCY, ("干部处", "人事处")),
    ("XJB", "宣传教育部", AGENCY, ("宣传处", "教育处")),
    ("JCB", "基层组织建设部", AGENCY, ("组织建设处", "会员服务处")),
    ("MZB", "民主管理部", AGENCY, ("厂务公开处", "职代会工作处")),
    ("LBB", "劳动保护部", AGENCY, ("安全生产处", "职业健康处")),
    ("JJB", "经济技术部", AGENCY, ("劳动竞赛处", "技术创新处")),
    ("FLB", "法律工作部", AGENCY, ("法规处", "维权处")),
    ("JSB", "经费审查委员会办公室", AGENCY, ("审查一处", "审查二处")),
    ("ZCB", "资产监督管理部", AGENCY, ("资产管理处", "财务监督处")),
    ("JKW", "中国教科文卫体工会全国委员会", AGENCY, ("办公室", "业务部")),
    ("HYJS", "中国海员建设工会全国委员会", AGENCY, ("办公室", "业务部")),
    ("JYJC", "中国机冶建材工会全国委员会", AGENCY, ("办公室", "业务部")),
    ("GFYD", "中国国防邮电工会全国委员会", AGENCY, ("办公室", "业务部")),
    ("CMQF", "中国财贸轻纺烟草工会全国委员会", AGENCY, ("办公室", "业务部")),
    ("NLSL", "中国农林水利工会全国委员会", AGENCY, ("办公室", "业务部")),
    ("GYS", "中国工运研究所", AFFILIATED, ("办公室", "研究室")),
    ("XXZX", "全总信息中心", AFFILIATED, ("综合部", "网络部")),
    ("DWJL", "中国职工对外交流中心", AFFILIATED, ("综合部", "交流部")),
    ("FWZX", "全总机关服务中心", AFFILIATED, ("综合部", "后勤部")),
    ("WGT", "全总文工团", AFFILIATED, ("办公室", "演出部")),
)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    unit_name: str = ""


DEMO_ACCOUNTS = (
    DemoAccount("liaison_bgt", Role.LIAISON, "办公厅"),
    DemoAccount("hr", Role.HR_ADMIN),
    DemoAccount("leader", Role.LEADER),
)


def load_presets() -> None:
    load_rank_presets()


def load_demo() -> int:
    """Load the demo tree, people and accounts unless already there; returns the people created."""
    return load_demo_with_accounts()[0]


def load_demo_with_accounts() -> tuple[int, list[tuple[str, str, str]]]:
    """Like :func:`load_demo`, also returning the accounts created as (username, role label, password)."""
    if Unit.objects.filter(code=DEMO_ROOT_CODE).exists():
        return 0, []
    with transaction.atomic():
        load_rank_presets()
        units = _create_units()
        people = DemoPeople(random.Random(SEED), units, DEPARTMENTS).create()
        accounts = _create_accounts(units)
        audit_record(
            actor=None,
            action=AuditEntry.Action.IMPORT,
            object_type="org.person",
            object_repr="演示数据",
            changes={"units": len(units), "people": people},
        )
    return people, accounts


# ------------------------------------------------------------------------------------------------ units


def _bulk_units(specs: list[tuple[Unit | None, Unit]]) -> list[Unit]:
    """Create units one tree level at a time (bulk), then set their materialised paths."""
    created = Unit.objects.bulk_create([u for _p, u in specs])
    for (parent, unit), saved in zip(specs, created, strict=True):
        unit.pk = saved.pk
        unit.path = f"{parent.path}{unit.pk}/" if parent else f"/{unit.pk}/"
        unit.depth = parent.depth + 1 if parent else 0
    Unit.objects.bulk_update(created, ["path", "depth"])
    return created


def _create_units() -> dict[str, Unit]:
    root = Unit(
        name="中华全国总工会",
        short_name="全总",
        code=DEMO_ROOT_CODE,
        kind=c.UnitKind.ORGANIZATION,
        category=AGENCY,
    )
    _bulk_units([(None, root)])
    units = {DEMO_ROOT_CODE: root}
    level1 = []
    for order, (code, name, category, _sections) in enumerate(DEPARTMENTS, start=1):
        kind = c.UnitKind.ORGANIZATION if category == AFFILIATED else c.UnitKind.DEPARTMENT
        unit = Unit(name=name, code=code, kind=kind, category=category, parent=root, order=order)
        level1.append((root, unit))
        units[code] = unit
    _bulk_units(level1)
    level2 = []
    for code, _name, category, sections in DEPARTMENTS:
        parent = units[code]
        for order, section in enumerate(sections, start=1):
            sub = Unit(
                name=section,
                code=f"{code}-{order:02d}",
                kind=c.UnitKind.SECTION,
                category=category,
                parent=parent,
                order=order,
            )
            level2.append((parent, sub))
            units[sub.code] = sub
    _bulk_units(level2)
    return units


def _create_accounts(units: dict[str, Unit]) -> list[tuple[str, str, str]]:
    password = get_random_string(16) if settings.PRODUCTION else DEMO_PASSWORD
    by_name = {u.name: u for u in units.values() if u.depth == 1}
    created = []
    for account in DEMO_ACCOUNTS:
        if User.objects.filter(username=account.username).exists():
            continue
        unit = by_name.get(account.unit_name)
        label = str(Role(account.role).label) + (f"（{unit.name}）" if unit else "")
        user = User.objects.create_user(
            username=account.username, password=password, display_name=f"演示{label}"
        )
        RoleAssignment.objects.create(user=user, role=account.role, unit=unit)
        created.append((account.username, label, password))
    return created
