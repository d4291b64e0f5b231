"""Demo data of the assessment app, loaded by kaoping_setup on first start (idempotent).

* Seed 001: the 2011 scheme of 株洲市总工会 with all twelve system unions (under a demo root 株洲市总工会),
  some units self-assessed, some with the office's proposed completion levels, one approved. The scheme
  page shows the checker's warnings on the seed's own mismatches (国资委, 卫生, 广电).
* Seed 003: 彭泽县总工会 with its six departments (target items, bonus items), every department approved
  with varied scores, two archived; the leadership team (主席 吴建忠, 常务副主席 胡艮宝 and two
  副主席 — the seed names only the first two) linked to the departments they supervise. The attendance
  demo (loaded next) puts staff and a year of sign-ins into the same departments, so 「核算奖金」 then
  applies the forfeiture of R003-05.
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils.crypto import get_random_string

from kaoping.accounts.models import RoleAssignment, User
from kaoping.accounts.roles import Role
from kaoping.assessment import services, services_flow, services_materials, services_pay
from kaoping.assessment.demo_units001 import EXTRA_UNITS_2011
from kaoping.assessment.models import AssessmentScheme, Stage
from kaoping.assessment.models_pay import LeaderRole
from kaoping.org import choices as c
from kaoping.org import services as org_services
from kaoping.org.models import Person, Unit
from kaoping.scoring.presets import get_preset

D = Decimal
ZERO = Decimal("0")
DEMO_PASSWORD = "kaoping-demo-2011"

ZZ_ROOT = ("株洲市总工会", "ZZZGH-KH")
SEED001_ORDER = (
    "市直机关工会工作委员会",
    "株洲市国资委系统工会",
    "株洲市公安系统工会",
    "株洲市供销联合社系统工会",
    "株洲市粮食系统工会",
    "株洲市交通运输系统工会",
    "株洲市住房和城乡建设系统工会",
    "市卫生系统工会",
    "株洲市广播电视台系统工会",
    "株洲市教育系统工会",
    "市金融系统工会",
    "市商务系统工会",
)
PZ_ROOT = ("彭泽县总工会", "PZZGH")
PZ_DEPARTMENTS = ("办公室", "财务部", "组宣部", "女工部", "保障部", "职工服务中心")
# The leadership team sits in its own top-level demo unit: the attendance demo records sign-ins for the six
# departments only, and a person inside its attendance year without sign-ins would count as absent all year.
LEADERS_UNIT = ("彭泽县总工会领导班子", "PZZGH-LD")
# name, gender, role, supervised departments (the seed names only the chair and the executive vice-chair;
# the vice-chairs and their departments match the attendance demo's approvers)
LEADERS = (
    ("吴建忠", c.Gender.MALE, LeaderRole.CHAIR, ()),
    ("胡艮宝", c.Gender.MALE, LeaderRole.EXECUTIVE, ("办公室", "财务部")),
    ("副主席甲", c.Gender.FEMALE, LeaderRole.VICE, ("办公室", "财务部", "组宣部")),
    ("副主席乙", c.Gender.MALE, LeaderRole.VICE, ("女工部", "保障部", "职工服务中心")),
)
# department → (points deducted from item 1, bonus codes, discretionary points)
PZ_RESULTS = {
    "办公室": (D("1.5"), ("2b", "4c"), None),
    "财务部": (D("4"), (), None),
    "组宣部": (D("7"), ("4a", "4b"), None),
    "女工部": (D("11.5"), ("3b",), None),
    "保障部": (D("0"), ("1a", "2a", "3a", "4a", "5"), D("2")),
    "职工服务中心": (D("16"), (), None),
}


def _unit(name: str, code: str, parent: Unit | None, order: int = 0) -> Unit:
    if parent is None:
        found = Unit.objects.filter(name=name, parent__isnull=True).first()
    else:
        found = Unit.objects.filter(name=name, parent=parent).first()
    if found:
        return found
    kind = c.UnitKind.ORGANIZATION if parent is None else c.UnitKind.DEPARTMENT
    return org_services.unit_create(
        actor=None,
        parent=parent,
        name=name,
        code=code,
        kind=kind,
        category=c.UnitCategory.CIVIL_SERVICE_LIKE,
        order=order,
    )


def _liaison(username: str, unit: Unit, label: str) -> None:
    if User.objects.filter(username=username).exists():
        return
    password = get_random_string(16) if settings.PRODUCTION else DEMO_PASSWORD
    user = User.objects.create_user(
        username=username, password=password, display_name=f"演示联络员（{label}）"
    )
    RoleAssignment.objects.create(user=user, role=Role.LIAISON, unit=unit)


def _fill(assessment, value_for) -> None:
    for s in assessment.scores.all():
        services_flow.score_set(actor=None, score=s, **value_for(s))


def _self(assessment, deduct: Decimal = ZERO) -> None:
    _fill(assessment, lambda s: {"value": s.max_points - (deduct if s.order == 0 else 0)})
    services_flow.summary_set(
        actor=None,
        assessment=assessment,
        summary=f"{assessment.key}{assessment.scheme.year}年度工作总结：对照考核目标，全面完成各项工作任务。",
    )
    services_flow.assessment_transition(actor=None, assessment=assessment, action="submit")


def _advance(assessment, *actions: str) -> None:
    for action in actions:
        services_flow.assessment_transition(actor=None, assessment=assessment, action=action)


def _zhuzhou() -> None:
    root = _unit(*ZZ_ROOT, None)
    preset = get_preset("union_work.seed001")
    data = copy.deepcopy(preset.data)
    have = {u["unit"] for u in data["units"]}
    units = {u["unit"]: u for u in data["units"] + [u for u in EXTRA_UNITS_2011 if u["unit"] not in have]}
    data["units"] = [units[name] for name in SEED001_ORDER if name in units]
    scheme = services.scheme_create(actor=None, year=2011, kind="indicator", data=data, title=data["title"])
    scheme.preset_key = preset.key
    scheme.save(update_fields=["preset_key"])
    assessments = {}
    for i, name in enumerate(SEED001_ORDER, start=1):
        unit = _unit(name, f"{ZZ_ROOT[1]}-{i:02d}", root, i)
        assessments[name] = services.scheme_unit_add(actor=None, scheme=scheme, unit=unit, key=name)
    services.scheme_open(actor=None, scheme=scheme)
    health = assessments["市卫生系统工会"]
    _liaison("zz_health", health.unit, health.key)
    # 卫生: self-assessed, office proposed (资料不全 on 双联), adjusted, reviewed and approved.
    _self(health, D("1"))
    levels = {"组织建设": ("full", False), "民主管理": ("full", False), "素质提升": ("basic", False)}
    _fill(
        health,
        lambda s: dict(zip(("level", "docs_incomplete"), levels.get(s.key, ("full", True)), strict=True)),
    )
    _advance(health, "propose", "adjust", "review", "approve")
    # 教育, 国资委: proposed by the office, waiting for feedback.
    for name, judged in (("株洲市教育系统工会", ("full", False)), ("株洲市国资委系统工会", ("basic", False))):
        a = assessments[name]
        _self(a)
        _fill(a, lambda s, j=judged: {"level": j[0], "docs_incomplete": j[1]})
        _advance(a, "propose")
    # 公安, 交通: self-assessment submitted.
    for name in ("株洲市公安系统工会", "株洲市交通运输系统工会"):
        _self(assessments[name], D("2"))


def _pengze() -> None:
    root = _unit(*PZ_ROOT, None)
    scheme = services.scheme_create(actor=None, year=2018, preset_key="targets.seed003")
    assessments = {}
    for i, name in enumerate(PZ_DEPARTMENTS, start=1):
        unit = _unit(name, f"{PZ_ROOT[1]}-{i:02d}", root, i)
        assessments[name] = services.scheme_unit_add(actor=None, scheme=scheme, unit=unit, key=name)
    services.scheme_open(actor=None, scheme=scheme)
    _liaison("pz_office", assessments["办公室"].unit, "办公室")
    for name, (deduct, codes, discretionary) in PZ_RESULTS.items():
        a = assessments[name]
        _self(a)
        _fill(a, lambda s, d=deduct: {"value": s.max_points - (d if s.order == 0 else 0)})
        for code in codes:
            services_materials.bonus_add(actor=None, assessment=a, code=code, note="演示")
        if discretionary:
            services_materials.bonus_add(
                actor=None, assessment=a, code="6", points=discretionary, note="职工书屋建设创新"
            )
        _advance(a, "propose", "adjust", "review", "approve")
        if name in ("办公室", "财务部"):
            services_flow.assessment_transition(
                actor=None,
                assessment=a,
                action="archive",
                leader_signed="胡艮宝",
                head_signed=f"{name}负责人",
            )
    team = _unit(*LEADERS_UNIT, None)
    for i, (name, gender, role, supervised) in enumerate(LEADERS):
        person = Person.objects.filter(unit=team, name=name).first() or org_services.person_create(
            actor=None,
            name=name,
            unit=team,
            gender=gender,
            birth_date=dt.date(1966 + i * 3, 3 + i, 10 + i),
            category=c.PersonCategory.CIVIL_SERVICE_LIKE,
            current_post=str(LeaderRole(role).label),
        )
        services_pay.leader_link_set(
            actor=None,
            scheme=scheme,
            person=person,
            role=role,
            supervised=[assessments[n] for n in supervised],
        )


def load_assessment_demo() -> None:
    """Load the demo unless it is already there (idempotent: found by year and preset)."""
    with transaction.atomic():
        if not AssessmentScheme.objects.filter(year=2011, preset_key="union_work.seed001").exists():
            _zhuzhou()
        if not AssessmentScheme.objects.filter(year=2018, preset_key="targets.seed003").exists():
            _pengze()


__all__ = ["Stage", "load_assessment_demo"]
