"""Establishment plans R004-01 … R004-06 and RP-10 (seed 004)."""

from copy import deepcopy
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.scoring.appointment import (
    can_appoint,
    capacity_violations,
    first_appointment_grade_ok,
    parse_phases,
    phase_status,
)
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.establishment import EstablishmentPlan, StructureTemplate, check_plan
from kaoping.scoring.hiring import GradeSpell, HiringCondition, StaffRecord, check_hiring, parse_grade_spell
from kaoping.scoring.presets.establishment import NATIONAL_DEFAULTS, SEED004_PLAN
from kaoping.scoring.records import AnnualResult

D = date.fromisoformat
PLAN = EstablishmentPlan.from_dict(SEED004_PLAN)
CONDITIONS = {
    (c["category"], c["grade"]): HiringCondition.from_dict(c) for c in SEED004_PLAN["hiring_conditions"]
}


def test_R004_01_seed_plan_numbers():
    """R004-01: 编制 31, posts 31, staff 24; 管理 18 (58 %) highest 6; 专技 13 (42 %) highest 5; 4 leaders."""
    assert (PLAN.approved_staffing, PLAN.approved_posts, PLAN.staff_now, PLAN.leadership_posts) == (
        31,
        31,
        24,
        4,
    )
    assert [(c.category, c.quota, c.highest_grade) for c in PLAN.categories] == [
        ("管理", 18, 6),
        ("专业技术", 13, 5),
    ]
    assert len(PLAN.lines) == 13
    assert PLAN.category_count("专业技术", tuple(range(1, 8))) == 5


def test_R004_02_seed_table_passes():
    """R004-02: the seed's own distribution table passes every check."""
    assert check_plan(PLAN) == ()


def mutated(fn) -> EstablishmentPlan:
    data = deepcopy(SEED004_PLAN)
    fn(data)
    return EstablishmentPlan.from_dict(data)


@pytest.mark.parametrize(
    ("fn", "messages"),
    [
        (
            lambda d: d["lines"][4].update(count=8),  # 科员 9 → 8
            ["分布表岗位数量合计 30，与核准岗位总量 31 不一致", "管理岗位合计 17 个，与核准数 18 不一致"],
        ),
        (
            lambda d: d["lines"][0].update(grade=5),  # 主任 at 管理 5级
            ["“主任”为管理岗位5级，高于最高等级6级"],
        ),
        (
            lambda d: (d["lines"][5].update(count=2), d["lines"][11].update(count=1)),  # 6:4:3
            ["专业技术岗位高级:中级:初级 = 6:4:3，与核准结构比例 5:4:4 不符"],
        ),
        (
            lambda d: d["lines"][2].update(is_leadership=False),
            ["单位领导岗位 3 个，与核准的 4 个不一致"],
        ),
        (
            lambda d: d.update(approved_staffing=30),
            ["核准岗位总量 31 超过编制数 30"],
        ),
        (
            lambda d: d.update(staff_now=32),
            ["现有人员 32 人，超过核准岗位总量 31"],
        ),
        (
            lambda d: d["categories"][0].update(declared_percent="60"),
            ["管理岗位 18 个占岗位总量 58%，与方案所写 60% 不符"],
        ),
        (
            lambda d: d["lines"].append(
                {"department": "X", "name": "司机", "category": "工勤技能", "grade": 5, "count": 1}
            ),
            [
                "分布表岗位数量合计 32，与核准岗位总量 31 不一致",
                "“司机”属于工勤技能岗位，方案未核准该类岗位",
            ],
        ),
    ],
)
def test_R004_02_each_violation_named_with_numbers(fn, messages):
    """R004-02: the checker names every violation with its numbers."""
    assert [v.message for v in check_plan(mutated(fn))] == messages


def test_R004_02_all_violations_at_once():
    """R004-02: several problems → every one is reported, not only the first."""

    def fn(d):
        d["lines"][0].update(grade=4)
        d["lines"][4].update(count=10)
        d["categories"][1].update(quota=12)

    codes = [v.code for v in check_plan(mutated(fn))]
    assert codes == ["total", "quota_sum", "category", "category", "declared_share", "grade_too_high"]


def test_RP_10_national_defaults_flag_the_seed_plan():
    """RP-10: the national template (1:3:6 ceilings, within-band ratios, main class ≥ 70 %) is a preset;
    the seed's 管理-led unit breaks it, and each breach is named."""
    plan = replace(PLAN, template=StructureTemplate.from_dict(NATIONAL_DEFAULTS))
    messages = [v.message for v in check_plan(plan)]
    assert "专业技术岗位高级:中级:初级 = 5:4:4，高级 5 个超过比例 1:3:6 允许的 1.30 个" in messages
    assert "主体岗位专业技术岗位 13/31，低于 70%" in messages
    assert all(v.rule == "RP-10" for v in check_plan(plan))


def test_RP_10_worker_grade_share_limits():
    """RP-10: 工勤 grades 1–3 ≤ 25 %, 1–2 ≤ 5 %."""
    data = {
        "unit": "U",
        "approved_staffing": 10,
        "approved_posts": 10,
        "categories": [{"category": "工勤技能岗位", "quota": 10}],
        "lines": [
            {"department": "U", "name": "技师", "category": "工勤技能", "grade": 2, "count": 1},
            {"department": "U", "name": "高级工", "category": "工勤技能", "grade": 3, "count": 2},
            {"department": "U", "name": "普通工", "category": "工勤技能", "grade": 6, "count": 7},
        ],
        "template": {"grade_share_limits": NATIONAL_DEFAULTS["grade_share_limits"]},
    }
    messages = [v.message for v in check_plan(EstablishmentPlan.from_dict(data))]
    assert messages == [
        "工勤技能岗位一至三级 3 个，占 3/10，超过 25%",
        "工勤技能岗位一至二级 1 个，占 1/10，超过 5%",
    ]


@pytest.mark.parametrize(
    ("fn", "field"),
    [
        (lambda d: d.update(approved_posts=0), "approved_posts"),
        (lambda d: d["lines"][0].update(count=0), "lines[0].count"),
        (lambda d: d["lines"][0].update(grade=11), "lines[0].grade"),
        (lambda d: d["lines"][0].update(category="后勤"), "lines[0].category"),
        (lambda d: d["categories"].append({"category": "管理", "quota": 1}), "categories"),
        (lambda d: d["categories"][0].update(highest_grade=0), "categories[0].highest_grade"),
        (lambda d: d["template"]["structure_ratios"][0].update(ratio=[5, 4]), "structure_ratios[0].ratio"),
        (
            lambda d: d["template"]["structure_ratios"][0].update(ratio=[5, 0, 4]),
            "structure_ratios[0].ratio[1]",
        ),
        (lambda d: d["template"]["structure_ratios"][0].update(mode="about"), "structure_ratios[0].mode"),
        (lambda d: d["template"].update(main_min_share="1.2"), "main_min_share"),
        (
            lambda d: d["template"]["structure_ratios"][0]["bands"][0].update(to=0),
            "structure_ratios[0].bands[0].to",
        ),
        (
            lambda d: d["template"]["structure_ratios"][0]["bands"][0].update(grades=[]),
            "structure_ratios[0].bands[0].grades",
        ),
        (lambda d: d.pop("unit"), "unit"),
    ],
)
def test_R004_01_plan_validation(fn, field):
    """R004-01: invalid plans raise SchemeError naming the field (zero/negative counts, unknown categories)."""
    with pytest.raises(SchemeError) as exc:
        mutated(fn)
    assert exc.value.field == field


@given(st.permutations(list(SEED004_PLAN["lines"])))
def test_R004_02_property_row_order_does_not_matter(lines):
    """R004-02: the order of the table rows does not change the outcome."""
    data = dict(SEED004_PLAN, lines=list(lines))
    assert check_plan(EstablishmentPlan.from_dict(data)) == ()


@given(st.integers(0, 12), st.integers(1, 5))
def test_R004_02_property_any_count_change_is_caught(index, delta):
    """R004-02: raising any row's count always produces a violation."""
    data = deepcopy(SEED004_PLAN)
    data["lines"][index]["count"] += delta
    assert check_plan(EstablishmentPlan.from_dict(data))


# R004-04 hiring conditions


def staff(**kw) -> StaffRecord:
    base = dict(
        person_id="s1",
        annual_results=tuple(AnnualResult(y, "合格") for y in (2009, 2010, 2011)),
    )
    base.update(kw)
    return StaffRecord(**base)


AS_OF = D("2012-05-01")


@pytest.mark.parametrize(("start", "ok"), [("2009-05-01", True), ("2009-05-02", False)])
def test_R004_04_management_years_at_grade_below(start, ok):
    """R004-04: management grade 8 needs ≥ 3 years at grade 9 (anniversary on the date counts)."""
    s = staff(grade_history=(GradeSpell("管理", 9, D(start)),))
    assert check_hiring(s, CONDITIONS[("管理", 8)], AS_OF).passed is ok


def test_R004_04_professional_grade_5_needs_achievement():
    """R004-04: professional grade 5 needs ≥ 3 years at grade 6 plus one of a–g."""
    spell = (GradeSpell("专业技术", 6, D("2008-01-01")),)
    cond = CONDITIONS[("专业技术", 5)]
    assert check_hiring(staff(grade_history=spell, achievements=frozenset({"e"})), cond, AS_OF).passed
    result = check_hiring(staff(grade_history=spell), cond, AS_OF)
    assert not result.passed and "不符合a、b、c、d、e、f、g项业绩条件中的任何一项" in result.reason
    assert len(cond.achievements) == 7


def test_R004_04_every_year_at_least_qualified():
    """R004-04: every year's assessment at least 合格; missing required years fail."""
    s = staff(
        grade_history=(GradeSpell("管理", 9, D("2005-01-01")),),
        annual_results=(AnnualResult(2010, "不合格"),),
    )
    result = check_hiring(s, CONDITIONS[("管理", 8)], AS_OF, assessment_years=(2010, 2011))
    assert result.reason == "2010年度考核为不合格，未达到合格；缺少2011年度考核结果"


def test_R004_04_ended_spells_add_up():
    """R004-04: months in ended spells (last day inclusive) add to the running one."""
    spells = (
        GradeSpell("专业技术", 12, D("2008-01-01"), D("2008-12-31")),
        GradeSpell("专业技术", 12, D("2011-05-01")),
        GradeSpell("管理", 12 - 2, D("2000-01-01")),  # another category: ignored
    )
    s = staff(grade_history=spells, achievements=frozenset({"c"}))
    assert check_hiring(s, CONDITIONS[("专业技术", 11)], AS_OF).passed  # 12 + 12 months


@pytest.mark.parametrize(
    ("title", "since", "ach", "results", "leader", "ok"),
    [
        ("副高", "2006-01-01", {"a"}, ("优秀",), False, True),
        ("副高", "2006-05-02", {"a"}, ("优秀",), False, False),  # 6 years not complete
        ("副高", "2006-01-01", set(), ("优秀",), False, False),  # no achievement
        ("副高", "2006-01-01", {"a"}, (), False, False),  # no 优秀 in the last 3 years
        ("副高", "2006-01-01", {"a"}, (), True, True),  # or an internal leadership post
        ("中级", "2000-01-01", {"a"}, ("优秀",), False, False),  # wrong title
    ],
)
def test_R004_04_first_appointment_grade_5(title, since, ach, results, leader, ok):
    """R004-04: first appointment to professional 5: ≥ 6 years 副高 + achievement + one 优秀 (or leader)."""
    annual = tuple(AnnualResult(2010 + i, g) for i, g in enumerate(results))
    s = staff(
        title_level=title,
        title_since=D(since),
        achievements=frozenset(ach),
        annual_results=annual,
        holds_internal_leadership=leader,
    )
    assert check_hiring(s, CONDITIONS[("专业技术", 5)], AS_OF, first_appointment=True).passed is ok


def test_R004_04_commendation_counts_and_title_rule_pending():
    """R004-04: 嘉奖 counts as recent merit; grades 7/10/12 follow title rules and stay pending."""
    s = staff(
        title_level="中级",
        title_since=D("2007-01-01"),
        achievements=frozenset({"b"}),
        commendation_years=(2011,),
    )
    assert check_hiring(s, CONDITIONS[("专业技术", 8)], AS_OF, first_appointment=True).passed
    pending = check_hiring(staff(), CONDITIONS[("专业技术", 7)], AS_OF)
    assert pending.pending and "副高级职称评审条件" in pending.reason


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"category": "专业技术", "grade": 14}, "hiring_conditions.grade"),
        (
            {"category": "管理", "grade": 8, "below_grade": 9, "min_years_below": -1},
            "hiring_conditions.min_years_below",
        ),
        ({"grade": 8}, "hiring_conditions.category"),
    ],
)
def test_R004_04_condition_validation(data, field):
    """R004-04: invalid conditions raise SchemeError naming the field."""
    with pytest.raises(SchemeError) as exc:
        HiringCondition.from_dict(data)
    assert exc.value.field == field


def test_R004_04_parse_grade_spell():
    """R004-04: grade spells come from plain dicts."""
    assert parse_grade_spell({"category": "管理", "grade": "9", "start": "2009-01-01"}) == GradeSpell(
        "管理", 9, D("2009-01-01")
    )
    assert parse_grade_spell(
        {"category": "管理", "grade": 9, "start": "2009-01-01", "end": "2010-01-01"}
    ).end == D("2010-01-01")


# R004-05 / R004-06


def test_R004_05_no_post_beyond_its_count():
    """R004-05: appointments never exceed a post's count; unknown posts are named."""
    keys = [ln.key for ln in PLAN.lines]
    assert keys[0] == "常州市信息中心/主任/管理6级"
    assert capacity_violations(PLAN, {keys[1]: 2, keys[4]: 9}) == ()
    messages = [v.message for v in capacity_violations(PLAN, {keys[1]: 3, "X/Y/管理1级": 1})]
    assert messages == [
        "岗位“X/Y/管理1级”不在岗位设置分布表中",
        "岗位“常州市信息中心/副主任/管理7级”聘用 3 人，超过岗位数量 2",
    ]
    assert can_appoint(PLAN, {keys[1]: 1}, keys[1]) and not can_appoint(PLAN, {keys[1]: 2}, keys[1])
    assert not can_appoint(PLAN, {}, "nope")
    assert first_appointment_grade_ok(9, 9) and not first_appointment_grade_ok(9, 8)
    with pytest.raises(SchemeError):
        capacity_violations(PLAN, {keys[0]: -1})


PHASES = parse_phases(SEED004_PLAN["phases"])


@pytest.mark.parametrize(
    ("as_of", "done", "current", "overdue"),
    [
        ("2012-03-10", (), ("实施准备",), ()),
        ("2012-04-30", ("实施准备",), ("编写岗位说明书",), ()),
        ("2012-05-01", ("实施准备",), ("个人申请、资格评议、确定人选",), ("编写岗位说明书",)),
        (
            "2012-07-01",
            ("实施准备", "编写岗位说明书", "个人申请、资格评议、确定人选", "聘用结果公示"),
            (),
            ("签订聘用合同",),
        ),
        ("2012-01-01", (), (), ()),
    ],
)
def test_R004_06_current_phase_and_overdue(as_of, done, current, overdue):
    """R004-06: the current phase as of a date, and what ended without being completed."""
    status = phase_status(PHASES, D(as_of), done)
    assert (status.current, status.overdue, status.done) == (current, overdue, done)
    assert len(status.messages) == len(current) + len(overdue)


def test_R004_06_phase_dates_validated():
    """R004-06: a phase ending before it starts is a SchemeError."""
    with pytest.raises(SchemeError) as exc:
        parse_phases([{"name": "x", "start": "2012-05-01", "end": "2012-04-01"}])
    assert exc.value.field == "phases[0].end"
