"""Part-B presets load through their schemes and carry the seeds' numbers (G-2)."""

import json
from datetime import date
from decimal import Decimal

import pytest

from kaoping.scoring import base_score
from kaoping.scoring.appointment import parse_phases
from kaoping.scoring.attendance import AttendanceScheme
from kaoping.scoring.base_score import SEED000_BASE_SCORE, BaseScoreScheme
from kaoping.scoring.eligibility import rule_from_dict
from kaoping.scoring.establishment import EstablishmentPlan, StructureTemplate, check_plan
from kaoping.scoring.hiring import HiringCondition
from kaoping.scoring.indicators import IndicatorScheme, check_template
from kaoping.scoring.presets import all_presets, get_preset
from kaoping.scoring.presets.selection import SEED000_ELIGIBILITY
from kaoping.scoring.targets import TargetScheme, check_targets

KEYS = ("union_work.seed001", "targets.seed003", "establishment.seed004", "establishment.national_defaults")


@pytest.mark.parametrize("key", KEYS)
def test_G_2_presets_registered_and_json_ready(key):
    """G-2: each part-B preset is registered, titled in Chinese, and plain JSON (no Decimal, no float)."""
    preset = get_preset(key)
    assert preset.key == key and preset.title and preset.source
    text = json.dumps(preset.data, ensure_ascii=False)
    assert json.loads(text) == preset.data
    assert not any(isinstance(v, float) for v in _leaves(preset.data))


def _leaves(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _leaves(v)
    elif isinstance(value, list):
        for v in value:
            yield from _leaves(v)
    else:
        yield value


def test_R001_03_union_work_preset_warns_exactly_on_seed_mismatches():
    """R001-03: the seed-001 preset keeps the seed's mismatches; the checker lists six warnings."""
    scheme = IndicatorScheme.from_dict(get_preset("union_work.seed001").data)
    assert len(check_template(scheme)) == 6


def test_R003_01_targets_preset_loads_whole():
    """R003-01 … R003-07: the seed-003 preset carries departments, bonus catalogue, attendance and bonus."""
    scheme = TargetScheme.from_dict(get_preset("targets.seed003").data)
    assert [d.name for d in scheme.departments] == [
        "办公室",
        "财务部",
        "组宣部",
        "女工部",
        "保障部",
        "职工服务中心",
    ]
    assert scheme.bonus_cap == Decimal("20") and check_targets(scheme) == ()
    assert scheme.attendance == AttendanceScheme()
    assert (scheme.bonus.full_amount, scheme.bonus.per_band, scheme.bonus.all_share) == (
        4000,
        200,
        Decimal("0.30"),
    )


def test_R004_02_establishment_presets_load_and_seed_passes():
    """R004-01/02/04/06, RP-10: the seed-004 plan passes; conditions and phases parse; template loads."""
    data = get_preset("establishment.seed004").data
    plan = EstablishmentPlan.from_dict(data)
    assert check_plan(plan) == ()
    assert sum(ln.count for ln in plan.lines) == 31
    assert len(parse_phases(data["phases"])) == 5
    assert len([HiringCondition.from_dict(c) for c in data["hiring_conditions"]]) == 12
    template = StructureTemplate.from_dict(get_preset("establishment.national_defaults").data)
    assert template.main_min_share == Decimal("0.70") and len(template.structure_ratios) == 5


def test_R000_14_seed000_base_score_is_a_plain_dict():
    """R000-14: kaoping.scoring.base_score.SEED000_BASE_SCORE is a plain dict that validates."""
    assert isinstance(base_score.SEED000_BASE_SCORE, dict)
    scheme = BaseScoreScheme.from_dict(SEED000_BASE_SCORE)
    assert dict(scheme.position_points) == {"副局级": 40, "处长": 30, "调研员": 25, "副处级": 20}
    assert scheme.years == (2008, 2009, 2010)
    assert json.loads(json.dumps(SEED000_BASE_SCORE, ensure_ascii=False)) == SEED000_BASE_SCORE


def test_R000_07_seed000_rules_all_build():
    """R000-07 … R000-12: every seed-000 eligibility rule dict builds into a predicate."""
    built = [rule_from_dict(d) for rules in SEED000_ELIGIBILITY.values() for d in rules]
    assert {r.rule for r in built} >= {"R000-07", "R000-08", "R000-09", "R000-10", "R000-11", "R000-12"}
    assert all(callable(r.check) for r in built)


def test_G_2_presets_do_not_share_mutable_state():
    """G-2: a user's copy of a preset can be edited without touching the shipped one."""
    import copy

    copy_ = copy.deepcopy(all_presets()["targets.seed003"].data)
    copy_["bonus_cap"] = "30"
    assert get_preset("targets.seed003").data["bonus_cap"] == "20"
    assert TargetScheme.from_dict(copy_).bonus_cap == Decimal("30")
    assert date(2012, 3, 10) == parse_phases(get_preset("establishment.seed004").data["phases"])[0].start


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: BaseScoreScheme.from_dict({**SEED000_BASE_SCORE, "cap": "Infinity"}), "cap"),
        (lambda: BaseScoreScheme.from_dict({**SEED000_BASE_SCORE, "cap": "NaN"}), "cap"),
        (
            lambda: EstablishmentPlan.from_dict({"unit": "U", "categories": [], "approved_staffing": "3x"}),
            "approved_staffing",
        ),
        (lambda: IndicatorScheme.from_dict({"levels": ["full"]}), "levels[0]"),
    ],
)
def test_G_1_scheme_numbers_are_finite_decimals(call, field):
    """G-1: scheme numbers are finite Decimals or integers; anything else is a SchemeError naming the field."""
    from kaoping.scoring.errors import SchemeError

    with pytest.raises(SchemeError) as exc:
        call()
    assert exc.value.field == field


def test_G_2_string_counts_and_time_objects_accepted():
    """G-2: presets edited in a form may carry counts as digit strings and times as ``time`` objects."""
    from datetime import time

    data = dict(get_preset("establishment.seed004").data, approved_staffing="31")
    assert EstablishmentPlan.from_dict(data).approved_staffing == 31
    assert AttendanceScheme.from_dict({"morning_in_by": time(9, 0)}).morning_in_by == time(9, 0)
