"""Positions demo: the seed-004 unit, plan and annex-3 descriptions; loading twice creates nothing."""

import datetime as dt

import pytest

from kaoping.org.models import Unit
from kaoping.positions import selectors
from kaoping.positions.demo import DESCRIPTIONS, PLAN_TITLE, load_positions_demo
from kaoping.positions.models import EstablishmentPlan, PostDescription, PostLine

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Unit.objects.count(),
        EstablishmentPlan.objects.count(),
        PostLine.objects.count(),
        PostDescription.objects.count(),
    )


def test_demo_is_idempotent():
    assert load_positions_demo() == 1
    before = _counts()
    assert load_positions_demo() == 0
    assert _counts() == before


def test_demo_plan_matches_the_seed_and_passes_the_checker():
    load_positions_demo()
    unit = Unit.objects.get(code="CZXXZX")
    assert unit.name == "常州市信息中心" and unit.kind == "organization" and unit.category == "institution"
    plan = selectors.plan_with_rows(EstablishmentPlan.objects.get(unit=unit, title=PLAN_TITLE).pk)
    assert plan.year == 2012
    assert plan.lines.count() == 13 and sum(ln.count for ln in plan.lines.all()) == 31
    assert selectors.plan_check(plan).passed


def test_demo_descriptions_keep_the_seed_wording():
    load_positions_demo()
    filled = PostDescription.objects.exclude(duties="").select_related("line")
    assert {(d.line.name, d.line.category, d.line.grade) for d in filled} == set(DESCRIPTIONS)
    director = filled.get(line__name="主任")
    assert director.duty_list == ["主持信息中心全面工作。"]
    assert director.standard_list[0] == "1、认真组织开展各项业务工作，努力完成各项工作任务。"
    assert director.written_on == dt.date(2012, 4, 20)
    senior = filled.get(line__name="高级工程师、经济师", line__grade=7)
    assert senior.duty_list[1] == "2、做好电子政务外网的接入点管理工作。"
    assert senior.hiring_condition["title_rule"] == "按现行各专业系列副高级职称评审条件执行"
