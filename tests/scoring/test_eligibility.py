"""Eligibility predicates R000-07 … R000-13 (seed 000), cut-off 2011-09-30."""

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.scoring.eligibility import (
    AllOf,
    AnnualResultsAtLeast,
    AnyOf,
    Avoidance,
    BornOnOrAfter,
    Exemption,
    RankIn,
    TransferConditions,
    YearsInRank,
    evaluate,
    rule_from_dict,
)
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.presets.selection import SEED000_ELIGIBILITY
from kaoping.scoring.records import (
    AnnualResult,
    Commitment,
    Conflict,
    GradeOrder,
    Judgement,
    PersonRecord,
)

D = date.fromisoformat
CUT_OFF = D("2011-09-30")
GOOD_YEARS = (AnnualResult(2008, "称职"), AnnualResult(2009, "优秀"), AnnualResult(2010, "优秀"))
FLAGS = frozenset({"has_grassroots_experience", "has_required_training"})


def person(**kw) -> PersonRecord:
    base = dict(
        person_id="p1",
        name="张三",
        birth_date=D("1962-05-01"),
        unit_kind="机关",
        rank_code="处长",
        rank_level="正处级",
        rank_start=D("2008-09-30"),
        annual_results=GOOD_YEARS,
        flags=FLAGS,
    )
    base.update(kw)
    return PersonRecord(**base)


def rules(key: str):
    return [rule_from_dict(d) for d in SEED000_ELIGIBILITY[key]]


R000_07_VICE_BUREAU = rule_from_dict(SEED000_ELIGIBILITY["副局级"][0])
R000_07_DIVISION = rule_from_dict(SEED000_ELIGIBILITY["正处级"][0])


@pytest.mark.parametrize(
    ("rank_code", "level", "start", "level_start", "ok"),
    [
        ("副巡视员", "副局级", "2011-01-01", None, True),  # current 副巡视员, any tenure
        ("副局级", "副局级", "2011-09-01", None, True),  # 直属单位 副局级
        ("处长", "正处级", "2008-09-30", None, True),  # exactly 3 years on the cut-off
        ("处长", "正处级", "2008-10-01", None, False),  # one day short
        ("处长", "正处级", "2010-01-01", "2008-09-01", True),  # level start counts (调研员 → 处长)
        ("调研员", "正处级", "2009-01-01", None, False),
        ("副处长", "副处级", "2001-01-01", None, False),
    ],
)
def test_R000_07_vice_bureau_post(rank_code, level, start, level_start, ok):
    """R000-07: 副局级 post — currently 副巡视员/副局级, or 正处级 with ≥ 3 full years by the cut-off."""
    p = person(
        rank_code=rank_code, rank_level=level, rank_start=D(start), level_start=level_start and D(level_start)
    )
    result = R000_07_VICE_BUREAU.check(p, CUT_OFF)
    assert result.passed is ok
    assert result.rule == "R000-07"
    if not ok:
        assert "以下条件均不满足" in result.reason


@pytest.mark.parametrize(
    ("rank_code", "level", "start", "ok"),
    [
        ("处长", "正处级", "2011-09-01", True),
        ("副处长", "副处级", "2009-09-30", True),  # exactly 2 years
        ("副处长", "副处级", "2009-10-01", False),
        ("副调研员", "副处级", "2008-01-01", True),
        ("主任科员", "正科级", "2000-01-01", False),
    ],
)
def test_R000_07_division_post(rank_code, level, start, ok):
    """R000-07: 正处级 post — currently 正处级, or 副处级 with ≥ 2 full years."""
    p = person(rank_code=rank_code, rank_level=level, rank_start=D(start))
    assert R000_07_DIVISION.check(p, CUT_OFF).passed is ok


def test_R000_07_reason_names_the_dates():
    """R000-07: the failure reason says when the years would be complete."""
    result = YearsInRank(("正处级",), 3).check(person(rank_start=D("2008-10-01")), CUT_OFF)
    assert not result.passed
    assert "2011-10-01方满" in result.reason
    assert dict(result.data)["years"] == 2


def test_R000_07_missing_rank_start_fails():
    """R000-07: no rank start date → cannot show tenure → fails with a reason."""
    result = YearsInRank(("正处级",), 3).check(person(rank_start=None), CUT_OFF)
    assert not result.passed and result.reason == "缺少任职时间"
    by_code = YearsInRank(("处长",), 1).check(
        person(rank_start=D("2010-01-01"), level_start=D("2001-01-01")), CUT_OFF
    )
    assert by_code.passed and "2010-01-01" in by_code.reason


@pytest.mark.parametrize(("birth", "ok"), [("1953-10-01", True), ("1953-09-30", False), ("1970-01-01", True)])
def test_R000_08_age_for_industrial_union_vice_chair(birth, ok):
    """R000-08: born on or after 1953-10-01 (58 or younger), the day itself included."""
    check = rule_from_dict(SEED000_ELIGIBILITY["产业工会副主席"][0])
    result = check.check(person(birth_date=D(birth)), CUT_OFF)
    assert result.passed is ok and result.rule == "R000-08"


def test_R000_08_missing_birth_date_fails():
    """R000-08: a missing birth date fails (G-6), never passes silently."""
    result = BornOnOrAfter(D("1953-10-01")).check(person(birth_date=None), CUT_OFF)
    assert not result.passed and result.reason == "缺少出生日期"


@pytest.mark.parametrize(
    ("results", "ok", "reason"),
    [
        (GOOD_YEARS, True, "年度考核2008年称职、2009年优秀、2010年优秀，均为称职以上"),
        ((AnnualResult(2008, "合格"), AnnualResult(2009, "称职"), AnnualResult(2010, "优秀")), True, None),
        ((AnnualResult(2008, "称职"), AnnualResult(2010, "优秀")), False, "缺少2009年度考核结果"),
        (
            (AnnualResult(2008, "基本称职"), AnnualResult(2009, "称职"), AnnualResult(2010, "称职")),
            False,
            "2008年度考核为基本称职，低于称职",
        ),
        (
            (AnnualResult(2008, "称职"), AnnualResult(2009, "良好"), AnnualResult(2010, "称职")),
            False,
            "2009年度考核结果“良好”无法识别",
        ),
        ((), False, "缺少2008年度考核结果；缺少2009年度考核结果；缺少2010年度考核结果"),
    ],
)
def test_R000_09_annual_results(results, ok, reason):
    """R000-09: 2008–2010 each 称职 (合格) or better; a missing year fails with its reason."""
    check = AnnualResultsAtLeast((2008, 2009, 2010), "称职")
    result = check.check(person(annual_results=results), CUT_OFF)
    assert result.passed is ok
    if reason:
        assert result.reason == reason


def test_R000_09_grade_order_is_data():
    """R000-09: the grade order is data (e.g. a custom 3-tier set)."""
    order = GradeOrder.from_list(["差", ["中", "一般"], "好"])
    assert order.at_least("一般", "中") is True
    assert order.at_least("差", "中") is False
    assert order.at_least("未知", "中") is None
    check = rule_from_dict(
        {"kind": "annual_results", "years": [2010], "minimum": "中", "order": ["差", ["中", "一般"], "好"]}
    )
    assert check.check(person(annual_results=(AnnualResult(2010, "一般"),)), CUT_OFF).passed


def judgements(**items):
    return tuple(Judgement(k, v, "") for k, v in items.items())


@pytest.mark.parametrize(
    ("unit_kind", "birth", "given", "passed", "pending"),
    [
        ("机关", "1950-01-01", {}, True, False),  # not applicable
        ("直属单位", "1956-10-01", {"最低工作年限": "yes", "相当的工作经历与任职资历": "yes"}, True, False),
        ("直属单位", "1956-09-30", {"最低工作年限": "yes", "相当的工作经历与任职资历": "yes"}, False, False),
        ("直属单位", "1960-01-01", {"最低工作年限": "yes"}, False, True),
        (
            "直属单位",
            "1960-01-01",
            {"最低工作年限": "no", "相当的工作经历与任职资历": "pending"},
            False,
            False,
        ),
    ],
)
def test_R000_11_transfer_conditions(unit_kind, birth, given, passed, pending):
    """R000-11: 直属单位 → 机关 副局级: born ≥ 1956-10-01 plus reviewer judgements recorded yes/no/pending."""
    check = rule_from_dict(SEED000_ELIGIBILITY["调任"][0])
    p = person(
        unit_kind=unit_kind, birth_date=D(birth), judgements=tuple(Judgement(k, v) for k, v in given.items())
    )
    result = check.check(p, CUT_OFF)
    assert (result.passed, result.pending) == (passed, pending)
    assert result.rule == "R000-11"


def test_R000_11_judgement_note_in_reason_and_status_validated():
    """R000-11: a "no" carries the reviewer's note; statuses are yes/no/pending only."""
    p = person(unit_kind="直属单位", judgements=(Judgement("最低工作年限", "no", "工龄不足"),))
    result = TransferConditions(D("1956-10-01")).check(p, CUT_OFF)
    assert "工龄不足" in result.reason
    with pytest.raises(ValueError):
        Judgement("x", "maybe")


@pytest.mark.parametrize(
    ("flags", "commitments", "passed", "flagged"),
    [
        (FLAGS, (), True, False),
        (
            frozenset({"has_required_training"}),
            (Commitment("基层工作经历", True, True, D("2011-10-08")),),
            True,
            True,
        ),
        (frozenset({"has_required_training"}), (Commitment("基层工作经历", True, False),), False, False),
        (frozenset({"has_required_training"}), (), False, False),
        (frozenset(), (Commitment("基层工作经历", True, True), Commitment("培训", True, True)), True, True),
    ],
)
def test_R000_10_exemption_needs_approved_commitment(flags, commitments, passed, flagged):
    """R000-10: a missing grassroots/training requirement passes only with an approved, signed commitment,
    and the registration carries that flag."""
    result = Exemption().check(person(flags=flags, commitments=commitments), CUT_OFF)
    assert result.passed is passed
    assert bool(result.flags) is flagged
    if flagged:
        assert all("书面承诺" in f for f in result.flags)


def test_R000_10_exemption_from_dict_with_custom_requirements():
    """R000-10: requirements are data."""
    check = rule_from_dict(
        {"kind": "exemption", "requirements": [{"name": "党校培训", "flag": "party_school"}]}
    )
    assert check.check(person(flags=frozenset({"party_school"})), CUT_OFF).passed
    assert not check.check(person(flags=frozenset()), CUT_OFF).passed


@pytest.mark.parametrize(
    ("mode", "conflicts", "passed", "flags"),
    [
        ("block", (), True, 0),
        ("block", (Conflict("近亲属为考官", "配偶"),), False, 0),
        ("reassign", (Conflict("近亲属为考官", "配偶"),), True, 1),
    ],
)
def test_R000_12_avoidance(mode, conflicts, passed, flags):
    """R000-12: a declared conflict blocks or reassigns as configured."""
    result = Avoidance(mode=mode).check(person(conflicts=conflicts), CUT_OFF)
    assert result.passed is passed and len(result.flags) == flags


def test_R000_12_avoidance_kinds_and_bad_mode():
    """R000-12: only the configured kinds count; an unknown mode is a SchemeError."""
    check = Avoidance(kinds=("近亲属在职位领导链",))
    assert check.check(person(conflicts=(Conflict("近亲属为考官"),)), CUT_OFF).passed
    with pytest.raises(SchemeError):
        Avoidance(mode="ignore")


def test_R000_13_report_lists_every_reason():
    """R000-13: the evaluation runs every rule and lists all reasons of a rejection."""
    p = person(
        rank_code="处长",
        rank_start=D("2009-01-01"),
        annual_results=GOOD_YEARS[:1],
        flags=frozenset(),
        conflicts=(Conflict("近亲属在职位领导链", "兄长任该部部长"),),
    )
    report = evaluate(p, rules("副局级"), CUT_OFF)
    assert not report.passed and not report.pending
    assert len(report.reasons) == 4
    assert report.reasons[0].startswith("R000-07")
    assert any("缺少2009年度考核结果" in r for r in report.reasons)
    assert any("兄长任该部部长" in r for r in report.reasons)


def test_R000_13_report_passes_and_carries_flags():
    """R000-13: a qualified person passes; exemption flags travel with the report."""
    p = person(
        flags=frozenset({"has_required_training"}), commitments=(Commitment("基层工作经历", True, True),)
    )
    report = evaluate(p, rules("副局级"), CUT_OFF)
    assert report.passed and report.reasons == () and len(report.flags) == 1


def test_R000_13_pending_report():
    """R000-13: outstanding reviewer judgements give a pending (not failed) report."""
    p = person(unit_kind="直属单位")
    report = evaluate(p, rules("副局级") + rules("调任"), CUT_OFF)
    assert not report.passed and report.pending


def test_all_of_and_any_of_compose():
    """R000-07: combinators report every sub-reason; AllOf flags propagate."""
    both = AllOf((RankIn(("处长",)), BornOnOrAfter(D("1953-10-01"))), label="组合")
    assert both.check(person(), CUT_OFF).passed
    failed = both.check(person(birth_date=D("1950-01-01")), CUT_OFF)
    assert not failed.passed and failed.reason.startswith("组合：")
    any_pending = AnyOf((TransferConditions(D("1956-10-01")),)).check(person(unit_kind="直属单位"), CUT_OFF)
    assert any_pending.pending


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "rules"),
        ({"kind": "teleport"}, "rules.kind"),
        ({"kind": "rank_in"}, "rules.ranks"),
        ({"kind": "any_of", "items": []}, "rules.items"),
        ({"kind": "years_in_rank", "ranks": ["正处级"], "min_years": -1}, "rules.min_years"),
        ({"kind": "born_on_or_after", "date": "1953/10/01"}, "rules.date"),
        ({"kind": "annual_results", "years": [2010], "minimum": "卓越"}, "rules.minimum"),
        ({"kind": "avoidance", "mode": "warn"}, "mode"),
    ],
)
def test_R000_07_rule_dicts_are_validated(data, field):
    """R000-07: rules are data; invalid rule dicts raise SchemeError naming the field in Chinese."""
    with pytest.raises(SchemeError) as exc:
        rule_from_dict(data)
    assert exc.value.field == field


def test_R000_11_transfer_from_dict_options():
    """R000-11: the judgement items and the unit kinds are data."""
    check = rule_from_dict(
        {
            "kind": "transfer",
            "born_on_or_after": "1956-10-01",
            "items": ["资历"],
            "unit_kinds": ["企业"],
            "rule": "X",
        }
    )
    assert check.rule == "X" and check.items == ("资历",)


@given(st.permutations(list(SEED000_ELIGIBILITY["副局级"])))
def test_R000_13_property_order_independent(order):
    """R000-13: the outcome and the set of reasons do not depend on the order of the rules."""
    p = person(rank_start=D("2010-01-01"), annual_results=GOOD_YEARS[1:])
    report = evaluate(p, [rule_from_dict(d) for d in order], CUT_OFF)
    assert not report.passed
    assert sorted(report.reasons) == sorted(evaluate(p, rules("副局级"), CUT_OFF).reasons)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2011, 9, 30)))
def test_R000_07_property_earlier_start_never_hurts(start):
    """R000-07: starting a rank earlier never turns a pass into a failure (monotonic)."""
    p = person(rank_start=start)
    if R000_07_VICE_BUREAU.check(p, CUT_OFF).passed:
        assert R000_07_VICE_BUREAU.check(replace(p, rank_start=date(start.year - 1, 1, 1)), CUT_OFF).passed
