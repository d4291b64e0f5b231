"""Tier grading: R002-03 (teams), R002-06 (cadres), RP-06 (事业单位), RP-07 (streaks), G-4, G-6."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kaoping.scoring.conditions import Subject
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.grading import GradeStatus, GradingScheme, grade_all
from kaoping.scoring.presets import get_preset
from kaoping.scoring.streaks import StreakRule, consecutive_flags

TEAM = GradingScheme.from_dict(get_preset("annual.team.seed002").data)
CADRE = GradingScheme.from_dict(get_preset("annual.cadre.civil_servant").data)
INSTITUTION = GradingScheme.from_dict(get_preset("annual.cadre.institution").data)
GOOD_PB = {"好": 12, "较好": 3, "一般": 0, "差": 0}


def team(id_, score, kind="企事业单位", flags=(), pb=None):
    return Subject(
        id=id_,
        score=None if score is None else D(str(score)),
        categories=frozenset({kind}),
        groups={"type": kind},
        flags=frozenset(flags),
        votes={"party_building": pb or GOOD_PB},
    )


TEAMS = [
    # 企事业单位 (7): top 30% → 2, bottom 15% → 1
    team("T1", 96),
    team("T2", 93),
    team("T3", 91),
    team("T4", 82),
    team("T5", 75),
    team("T6", 58),
    team("T7", 55),
    # 团场 (7)
    team("S1", 90, "团场"),
    team("S2", 95, "团场", flags=["一票否决"]),
    team("S3", 91, "团场", flags=["受到师市以上通报批评"]),
    team("S4", 85, "团场", pb={"好": 5, "较好": 4, "一般": 4, "差": 2}),  # 9/15 < 2/3, 差 2/15 ≤ 1/3
    team("S5", 88, "团场", pb={"好": 10, "较好": 0, "一般": 0, "差": 5}),  # exactly 2/3 → not 一般
    team("S6", 85, "团场", flags=["经组织认定确实存在问题"], pb={"好": 5, "较好": 4, "一般": 0, "差": 6}),
    team("S7", 85, "团场", pb={"好": 5, "较好": 4, "一般": 0, "差": 6}),  # 差 > 1/3 but not confirmed
]

TEAM_EXPECTED = {
    "T1": "好",
    "T2": "好",
    "T3": "较好",
    "T4": "较好",
    "T5": "一般",
    "T6": "一般",
    "T7": "差",
    "S1": "好",
    "S2": "一般",
    "S3": "一般",
    "S4": "一般",
    "S5": "较好",
    "S6": "差",
    "S7": "较好",
}


@pytest.mark.parametrize(("subject", "grade"), sorted(TEAM_EXPECTED.items()))
def test_R002_03_team_grades(subject, grade):
    """R002-03: 好 ≥ 90 (+ top 30% of the type for 企事业单位), 较好 ≥ 80, 一般 / 差 by flags and votes;
    precedence 差, 一般, 好, 较好, else 一般. T3 91 is 3rd of 7 (top 30% = 2) → 较好; T6 58 is 2nd from the
    bottom (bottom 15% of 7 = 1) → not 差; S1 exactly 90 → 好; S5 好+较好 exactly 2/3 → not 一般."""
    results = grade_all(TEAM, TEAMS)
    assert results[subject].grade == grade
    assert results[subject].status is GradeStatus.GRADED
    assert results[subject].rule == "R002-03"


def test_R002_03_reasons_explain_the_grade():
    """R002-03: the result says why (percentile with rank and limit; veto blocking)."""
    results = grade_all(TEAM, TEAMS)
    assert results["T3"].reasons == ("较好：得分 91 ≥ 80",)
    assert results["T2"].reasons == ("好：得分 93 ≥ 90，且同类前 30%（前数第 2 名，共 7 名，限 2 名）",)
    assert results["S2"].reasons == ("不能评为好：一票否决", "不能评为较好：一票否决", "一般：其他情形")
    assert results["T7"].reasons[0].startswith("差：得分 55 < 60，且同类后 15%")


def test_R002_03_missing_party_building_votes_is_incomplete_G_6():
    """G-6: without the party-building tally the 一般 rule cannot be checked → incomplete, not guessed."""
    subjects = [*TEAMS[:7], Subject("X", D(95), frozenset({"团场"}), {"type": "团场"})]
    result = grade_all(TEAM, subjects)["X"]
    assert result.status is GradeStatus.INCOMPLETE and result.grade is None
    assert "无法判断是否一般" in result.reasons[0]


def test_R002_03_missing_score_in_group_blocks_percentiles_G_6():
    """G-6: a team of the same type without a score makes percentile conditions unknown for that type."""
    subjects = [team("A", 95), team("B", None), team("C", 70)]
    results = grade_all(TEAM, subjects)
    assert results["A"].status is GradeStatus.INCOMPLETE
    assert "同类组中有人缺少得分" in results["A"].reasons[0]
    assert results["B"].status is GradeStatus.INCOMPLETE


VOTES_OK = {"优秀": 20, "称职": 10, "基本称职": 0, "不称职": 0}


def cadre(id_, score, *cats, type_="副职", flags=(), votes=None, team="好", pb=None):
    related = {"team": team}
    if pb is not None:
        related["party_building"] = pb
    return Subject(
        id=id_,
        score=None if score is None else D(str(score)),
        categories=frozenset(cats or ("副职",)),
        groups={"type": type_, "unit": "一师"},
        flags=frozenset(flags),
        votes={"main": votes or VOTES_OK},
        related=related,
    )


CADRES = [
    cadre("D01", 95, flags=["一票否决"]),
    cadre("D02", 93),
    cadre("D03", 88),
    cadre("D04", 88),
    cadre("D05", 88),
    cadre("D06", 80),
    cadre("D07", 75),
    cadre("D08", 70),
    cadre("D09", 65),
    cadre("D10", 82, team="一般", flags=["负有直接责任"]),
    cadre("D11", 83, flags=["有问责情形"]),
    cadre("D12", 99, flags=["涉嫌违纪违法被立案调查尚未结案"]),
    cadre("D13", 72, votes={"优秀": 5, "称职": 10, "基本称职": 10, "不称职": 5}),
    cadre("D14", 68, votes={"优秀": 5, "称职": 10, "基本称职": 4, "不称职": 11}),
    cadre("D15", 45),
    cadre("M1", 90, "机关正职", "党委书记", type_="机关直属正职", pb="良好"),
    cadre("M2", 85, "机关正职", type_="机关直属正职"),
    cadre("M3", 78, "直属单位正职", type_="机关直属正职"),
    cadre("M4", 74, "机关正职", type_="机关直属正职"),
    cadre("M5", 76, "机关正职", type_="机关直属正职"),
    cadre("H1", 80, "团场正职", type_="团场正职"),
    cadre("H2", "79.99", "团场正职", type_="团场正职"),
    cadre("Y1", 70, "副职", "援疆干部"),
]

CADRE_EXPECTED = {
    "D01": (GradeStatus.GRADED, "称职"),  # veto blocks 优秀
    "D02": (GradeStatus.GRADED, "优秀"),  # within the quota of 3 (15% × 20)
    "D03": (GradeStatus.NEEDS_DECISION, None),
    "D04": (GradeStatus.NEEDS_DECISION, None),
    "D05": (GradeStatus.NEEDS_DECISION, None),  # 3 tied at 88 for 2 places → committee
    "D06": (GradeStatus.GRADED, "称职"),
    "D07": (GradeStatus.GRADED, "称职"),  # beyond the quota
    "D08": (GradeStatus.GRADED, "称职"),
    "D09": (GradeStatus.GRADED, "称职"),
    "D10": (GradeStatus.GRADED, "称职"),  # team 一般 + 负有直接责任 → not 优秀
    "D11": (GradeStatus.GRADED, "基本称职"),  # 问责
    "D12": (GradeStatus.NOT_GRADED, "不确定等次"),  # precedence over a 99 score
    "D13": (GradeStatus.GRADED, "基本称职"),  # 优秀+称职 15/30 < 2/3, 不称职 5/30 ≤ 1/3
    "D14": (GradeStatus.GRADED, "不称职"),  # 不称职 11/30 > 1/3
    "D15": (GradeStatus.GRADED, "称职"),  # 45 < 50 but bottom 3% of 17 = 0 people
    "M1": (GradeStatus.GRADED, "称职"),  # party secretary whose party-building grade is not 优秀
    "M2": (GradeStatus.GRADED, "称职"),  # top 40% and ≥ 75 but beyond the quota
    "M3": (GradeStatus.GRADED, "称职"),  # 78 ≥ 75 but 3rd of 5 (top 40% = 2)
    "M4": (GradeStatus.GRADED, "称职"),
    "M5": (GradeStatus.GRADED, "称职"),
    "H1": (GradeStatus.GRADED, "优秀"),  # 团场正职 exactly 80, outside the base
    "H2": (GradeStatus.GRADED, "称职"),  # 79.99
    "Y1": (GradeStatus.GRADED, "优秀"),  # 援疆干部 outside the base
}


@pytest.mark.parametrize(("subject", "expected"), sorted(CADRE_EXPECTED.items()))
def test_R002_06_cadre_grades(subject, expected):
    """R002-06: precedence 不确定等次, 不称职, 基本称职, 优秀 (quota 15% of the unit, by score), 称职."""
    result = grade_all(CADRE, CADRES)[subject]
    assert (result.status, result.grade) == expected


def test_R002_06_quota_boundary_tie_flagged_for_committee_G_4():
    """R002-06 / G-4: 15% of 20 → 3 places; D02 takes one, D03–D05 tie at 88 for two → flagged with choices."""
    results = grade_all(CADRE, CADRES)
    assert results["D03"].choices == ("优秀", "称职")
    assert "优秀名额 3 名（15% × 20 人），名额边界并列，需研究确定" in results["D03"].reasons
    assert "优秀名额 3 名（15% × 20 人），超出名额" in results["D06"].reasons
    assert "不计入评优基数，比例不受限制" in results["H1"].reasons
    excellent = [k for k, r in results.items() if r.grade == "优秀" and k not in ("H1", "Y1")]
    assert len(excellent) <= 3


def test_R002_06_quota_base_override_and_score_less_candidate():
    """R002-06: the quota base can be the unit's whole roster (base_counts); no score → incomplete."""
    results = grade_all(CADRE, CADRES, base_counts={"一师": 40})  # 15% × 40 = 6
    assert [k for k in ("D02", "D03", "D04", "D05", "M2", "D06", "D07") if results[k].grade == "优秀"] == [
        "D02",
        "D03",
        "D04",
        "D05",
        "M2",
        "D06",
    ]
    assert results["D07"].grade == "称职"  # 7th by score (75) is beyond the 6 places
    lone = [cadre("Z1", None, "团场正职", type_="团场正职")]
    assert grade_all(CADRE, lone)["Z1"].status is GradeStatus.INCOMPLETE


@pytest.mark.parametrize(
    ("score", "grade"), [("39.99", "不称职"), ("40", "基本称职"), ("49.99", "基本称职"), ("50", "称职")]
)
def test_R002_06_low_scores_in_bottom_percent(score, grade):
    """R002-06: < 40 and bottom 1% → 不称职; [40, 50) and bottom 3% → 基本称职 (group of 100 → 1 and 3)."""
    others = [cadre(f"P{i:03}", 60 + i % 30) for i in range(99)]
    results = grade_all(CADRE, [*others, cadre("LOW", score)], base_counts={"一师": 0})
    assert results["LOW"].grade == grade


def test_RP_06_institution_quota_variants():
    """RP-06: 事业单位 优秀 20% (commended 25%, poorly rated 15%) of 20 staff → 4 / 5 / 3."""
    staff = [
        Subject(
            f"S{i:02}",
            D(100 - i),
            groups={"unit": "中心"},
            flags=frozenset({"推荐优秀"} if i <= 6 else set()),
        )
        for i in range(1, 21)
    ]
    staff[6] = Subject(
        "S07", D(93), groups={"unit": "中心"}, flags=frozenset({"病假事假累计超过半年", "推荐优秀"})
    )
    staff[7] = Subject("S08", D(92), groups={"unit": "中心"}, flags=frozenset({"不合格情形"}))
    staff[8] = Subject("S09", D(91), groups={"unit": "中心"}, flags=frozenset({"基本合格情形"}))
    for variant, count in ((None, 4), ("commended", 5), ("poorly_rated", 3)):
        results = grade_all(INSTITUTION, staff, quota_variant={"中心": variant} if variant else None)
        assert [k for k, r in results.items() if r.grade == "优秀"] == [
            f"S{i:02}" for i in range(1, count + 1)
        ]
        assert results["S07"].status is GradeStatus.NOT_GRADED
        assert results["S08"].grade == "不合格" and results["S09"].grade == "基本合格"
        assert results["S20"].grade == "合格"
    assert set(INSTITUTION.grades) == {"优秀", "合格", "基本合格", "不合格", "不确定等次"}


@pytest.mark.parametrize(
    ("history", "flags"),
    [
        ({2019: "优秀", 2020: "优秀", 2021: "优秀"}, [("连续三年优秀，记三等功", (2019, 2020, 2021))]),
        ({2019: "优秀", 2020: "优秀", 2022: "优秀"}, []),  # 2021 missing breaks the streak
        ({2019: "优秀", 2020: "称职", 2021: "优秀", 2022: "优秀"}, []),
        (
            {y: "优秀" for y in range(2016, 2022)},
            [("连续三年优秀，记三等功", (2016, 2017, 2018)), ("连续三年优秀，记三等功", (2019, 2020, 2021))],
        ),
        (
            {2020: "基本称职", 2021: "基本合格"},
            [("连续两年基本称职（基本合格），进行组织调整", (2020, 2021))],
        ),
        ({2020: "不称职", 2021: "不称职"}, [("连续两年不称职（不合格）", (2020, 2021))]),
        ({2020: "不合格", 2021: "合格", 2022: "不合格"}, []),
    ],
)
def test_RP_07_consecutive_year_flags(history, flags):
    """RP-07: two 基本合格/基本称职, two 不合格/不称职, three 优秀 (记三等功) in consecutive years."""
    rules = [
        StreakRule.from_dict(r, f"rules[{i}]")
        for i, r in enumerate(get_preset("annual.streaks").data["rules"])
    ]
    assert [(f.flag, f.years) for f in consecutive_flags(history, rules)] == flags
    assert StreakRule.from_dict(rules[0].to_dict(), "x") == rules[0]


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d.update(default="良好"), "default"),
        (lambda d: d["tiers"][0].update(grade="优"), "tiers[0].grade"),
        (lambda d: d["tiers"][1]["when"]["of"][0]["of"][0].update(op="=>"), "tiers[1].when.of[0].of[0].op"),
        (lambda d: d["tiers"][1]["when"]["of"][1].update(ratio="3/2"), "tiers[1].when.of[1].ratio"),
        (lambda d: d["tiers"][1]["when"]["of"][1].update(ratio="x/3"), "tiers[1].when.of[1].ratio"),
        (lambda d: d["tiers"][1]["when"].update(type="some"), "tiers[1].when.type"),
        (lambda d: d["tiers"][1]["when"].update(of=[]), "tiers[1].when.of"),
        (lambda d: d["tiers"][3]["quota"].update(percent="150"), "tiers[3].quota.percent"),
        (lambda d: d["tiers"][3]["quota"].update(rounding="up"), "tiers[3].quota.rounding"),
        (lambda d: d["tiers"][0]["when"]["of"][0].pop("name"), "tiers[0].when.of[0].name"),
        (
            lambda d: d["tiers"][1]["when"]["of"][0]["of"][1].update(side="middle"),
            "tiers[1].when.of[0].of[1].side",
        ),
        (lambda d: d.update(grades=["优秀", "优秀"]), "grades"),
        (lambda d: d.update(tiers="x"), "tiers"),
    ],
)
def test_R002_06_scheme_errors_name_the_field(mutate, field):
    """G-2 / R002-06: grading schemes are data; errors name the wrong field in Chinese."""
    import copy

    data = copy.deepcopy(get_preset("annual.cadre.civil_servant").data)
    mutate(data)
    with pytest.raises(SchemeError) as exc:
        GradingScheme.from_dict(data)
    assert exc.value.field == field
    assert exc.value.message


def test_R002_03_R002_06_RP_06_schemes_round_trip():
    """G-2: every grading preset survives to_dict/from_dict unchanged."""
    for scheme in (TEAM, CADRE, INSTITUTION):
        assert GradingScheme.from_dict(scheme.to_dict()) == scheme


def test_R002_06_duplicate_subjects_refused():
    """R002-06: one result per subject."""
    with pytest.raises(ValueError):
        grade_all(CADRE, [cadre("A", 70), cadre("A", 80)])


@settings(max_examples=40, deadline=None)
@given(st.permutations(CADRES))
def test_R002_06_grading_is_deterministic_and_order_independent(order):
    """R002-06 property: the same subjects in any order get the same grades."""
    assert grade_all(CADRE, list(order)) == grade_all(CADRE, CADRES)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=55, max_value=100), min_size=1, max_size=30))
def test_R002_06_quota_never_exceeded(scores):
    """G-4 / R002-06 property: 优秀 among quota-counted cadres never exceeds floor(15% × base)."""
    subjects = [cadre(f"C{i:02}", s) for i, s in enumerate(scores)]
    results = grade_all(CADRE, subjects)
    granted = sum(1 for r in results.values() if r.grade == "优秀")
    assert granted <= len(scores) * 15 // 100
    for r in results.values():
        assert r.status in (GradeStatus.GRADED, GradeStatus.NEEDS_DECISION)


def test_R002_06_unknown_blocker_is_incomplete_G_6():
    """G-6 / R002-06: a head with 80+ but no team grade, or a secretary without a party-building grade,
    cannot be checked against the 优秀 blockers → incomplete with the reason."""
    head = Subject(
        "H", D(85), frozenset({"团场正职"}), {"type": "团场正职", "unit": "一师"}, votes={"main": VOTES_OK}
    )
    result = grade_all(CADRE, [head])["H"]
    assert result.status is GradeStatus.INCOMPLETE
    assert result.reasons == ("无法判断能否评为优秀：缺少team等次",)
    secretary = cadre("S", 70, "副职", "党委书记")
    assert grade_all(CADRE, [secretary])["S"].reasons == ("无法判断能否评为优秀：缺少party_building等次",)


def test_RP_06_nominee_without_score_is_incomplete_G_6():
    """G-6 / RP-06: a nominated 优秀 without a score cannot be ordered within the quota."""
    staff = [
        Subject("A", None, groups={"unit": "中心"}, flags=frozenset({"推荐优秀"})),
        Subject("B", D(90), groups={"unit": "中心"}),
    ]
    results = grade_all(INSTITUTION, staff)
    assert results["A"].status is GradeStatus.INCOMPLETE
    assert results["A"].reasons == ("缺少得分，无法按名额评定优秀",)
    assert results["B"].grade == "合格"
