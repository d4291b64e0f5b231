"""The 竞争上岗 scheme and stage computations: R000-05, R000-15–R000-21, RP-01, RP-04, RP-05, G-5, G-6."""

from __future__ import annotations

import copy
from decimal import Decimal as D

import pytest

from kaoping.scoring.double_marking import ItemMarks
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.presets import get_preset
from kaoping.scoring.selection import (
    SelectionScheme,
    evaluation_stage,
    exam_score,
    exam_score_double,
    interview_score,
    position_opens,
)
from kaoping.scoring.selection_results import Candidate, position_results

DATA = get_preset("selection.seed000").data
SCHEME = SelectionScheme.from_dict(DATA)
A = {"胜任": 7, "基本胜任": 2, "不胜任": 1}
B = {"胜任": 30, "基本胜任": 15, "不胜任": 5}


@pytest.mark.parametrize(("n", "opens"), [(2, False), (3, True), (10, True)])
def test_R000_05_min_registrants(n, opens):
    """R000-05: a position with fewer than 3 registrants is not opened."""
    assert position_opens(SCHEME, n) is opens


def test_R000_15_R000_16_R000_17_evaluation_stage():
    """R000-15/16/17: 77.00 with 48 of 60 returned (exactly 80%) → valid, ≥ 60 → goes to the exam."""
    out = evaluation_stage(SCHEME, {"A": A, "B": B}, returned=48, eligible=60)
    assert out.score.value == D("77.00")
    assert out.participation.ok is True
    assert out.passes is True


def test_R000_16_low_participation_voids_the_score_G_6():
    """R000-16 / G-6: 47 of 60 (78.33%) → the evaluation is invalid; no score, no pass/fail."""
    out = evaluation_stage(SCHEME, {"A": A, "B": B}, returned=47, eligible=60)
    assert out.score.value is None
    assert out.score.incomplete_reasons == ("参加测评人数未达到应参加人数的 80%，测评无效",)
    assert out.passes is None
    unknown = evaluation_stage(SCHEME, {"A": A, "B": B}, returned=0, eligible=0)
    assert unknown.score.incomplete_reasons == ("应参加人数为 0，无法判断测评是否有效",)


@pytest.mark.parametrize(
    ("a", "b", "score", "passes"),
    [
        (
            {"胜任": 3, "基本胜任": 0, "不胜任": 7},
            {"胜任": 8, "基本胜任": 0, "不胜任": 2},
            "60.00",
            True,
        ),  # 12 + 48
        ({"胜任": 3, "基本胜任": 0, "不胜任": 7}, {"胜任": 79, "基本胜任": 1, "不胜任": 20}, "59.70", False),
    ],
)
def test_R000_17_pass_mark_60_inclusive(a, b, score, passes):
    """R000-17: exactly 60.00 goes on; 59.70 does not."""
    out = evaluation_stage(SCHEME, {"A": a, "B": b}, returned=110, eligible=110)
    assert out.score.value == D(score)
    assert out.passes is passes


def test_R000_18_exam_mean_of_markers_totals():
    """R000-18: markers' totals 85 (50+35), 80 (48+32), 81 (49+32) → (85+80+81)/3 = 82.00."""
    marks = {
        "阅卷1": {"case": D(50), "essay": D(35)},
        "阅卷2": {"case": D(48), "essay": D(32)},
        "阅卷3": {"case": D(49), "essay": D(32)},
    }
    der = exam_score(SCHEME, marks)
    assert der.value == D("82.00")
    assert der.rule == "R000-18"
    marks["阅卷3"] = {"case": D(49)}
    assert exam_score(SCHEME, marks).incomplete_reasons == ("阅卷3 的分数缺失",)
    with pytest.raises(ValueError):
        exam_score(SCHEME, {"阅卷1": {"case": D(61), "essay": D(3)}})


def test_RP_04_exam_double_marking_option():
    """RP-04: with mode 2+1 and tolerance 6/4, items resolve then sum: 42.50 + 32.00 = 74.50."""
    data = copy.deepcopy(DATA)
    data["exam"]["marking_mode"] = "2+1"
    data["exam"]["items"][0]["tolerance"] = "6"
    data["exam"]["items"][1]["tolerance"] = "4"
    scheme = SelectionScheme.from_dict(data)
    der = exam_score_double(scheme, {"case": ItemMarks((D(40), D(45))), "essay": ItemMarks((D(30), D(34)))})
    assert der.value == D("74.50")


EXAMINERS = {
    "主考官": {"statement": D(39), "answers": D(58)},
    "考官1": {"statement": D(32), "answers": D(48)},
    "考官2": {"statement": D(35), "answers": D(50)},
    "考官3": {"statement": D(36), "answers": D(54)},
    "考官4": {"statement": D(30), "answers": D(40)},
    "考官5": {"statement": D(34), "answers": D(54)},
    "考官6": {"statement": D(38), "answers": D(50)},
}
ROLES = {"主考官": "chief"}


def test_R000_20_interview_trimmed_without_chief():
    """R000-20: totals 80, 85, 90, 70, 88, 88 (chief's 97 left out) → drop 90 and 70 → 85.25."""
    der = interview_score(SCHEME, EXAMINERS, ROLES)
    assert der.value == D("85.25")
    assert der.rule == "R000-20"


def test_RP_01_interview_per_element_option():
    """RP-01: statement 32,35,36,30,34,38 → drop 38/30 → 34.25; answers 48,50,54,40,54,50 → 50.50 → 84.75."""
    data = copy.deepcopy(DATA)
    data["interview"]["trim_mode"] = "per_element"
    der = interview_score(SelectionScheme.from_dict(data), EXAMINERS, ROLES)
    assert [p.value for p in der.parts] == [D("34.25"), D("50.50")]
    assert der.value == D("84.75")


def cand(id_, base, ev, exam, interview=None):
    return Candidate(
        id_, D(str(base)), D(str(ev)), D(str(exam)), None if interview is None else D(str(interview))
    )


def test_R000_19_R000_21_position_flow():
    """R000-19/21: below 60 stops; after the exam top 3 go to interview; final top 2 go to inspection."""
    cands = [
        cand("甲", 93.5, 77, 81.25, 84.88),  # after exam 58.48; total 83.94
        cand("乙", 90, 85, 75, 80),  # 18 + 17 + 22.5 = 57.50; total 81.50
        cand("丙", 85, 70, 88, 90),  # 17 + 14 + 26.4 = 57.40; total 84.40
        cand("丁", 80, 65, 70),  # 16 + 13 + 21 = 50.00 → not interviewed
        cand("戊", 99, "59.99", 99),  # evaluation below 60 → no exam
    ]
    result = position_results(SCHEME, cands)
    assert result.not_advanced == ("戊",)
    assert {k: v.value for k, v in result.after_exam.items()} == {
        "甲": D("58.48"),
        "乙": D("57.50"),
        "丙": D("57.40"),
        "丁": D("50.00"),
    }
    assert result.interview_cut.passed == ("甲", "乙", "丙")
    assert {k: v.value for k, v in result.totals.items()} == {
        "甲": D("83.94"),
        "乙": D("81.50"),
        "丙": D("84.40"),
    }
    assert result.inspection_cut.passed == ("丙", "甲")
    assert result.reasons == ()


def test_G_5_tie_at_interview_cut_lets_both_through():
    """G-5 / R000-19: two tied for 3rd place after the exam both go to interview, flagged 并列."""
    cands = [
        cand("甲", 90, 90, 90),
        cand("乙", 85, 85, 85),
        cand("丙", 80, 80, 80),
        cand("丁", 80, 80, 80),
        cand("戊", 70, 70, 70),
    ]
    result = position_results(SCHEME, cands)
    assert result.interview_cut.passed == ("甲", "乙", "丙", "丁")
    assert set(result.interview_cut.tied_at_cut) == {"丙", "丁"}
    assert result.inspection_cut is None  # interviews not yet scored
    assert result.reasons[0].startswith("甲：缺少面试分数")


def test_RP_05_tie_break_policy_uses_exam_first():
    """RP-05: with tie_policy = tie_break, equal after-exam totals are split by 笔试 (higher first)."""
    data = copy.deepcopy(DATA)
    data["cutoffs"]["tie_policy"] = "tie_break"
    scheme = SelectionScheme.from_dict(data)
    # 丙: 16 + 16 + 24 = 56.00; 丁: 18 + 17 + 21 = 56.00 → exam 80 > 70 → 丙
    cands = [cand("甲", 90, 90, 90), cand("乙", 85, 85, 85), cand("丙", 80, 80, 80), cand("丁", 90, 85, 70)]
    result = position_results(scheme, cands)
    assert result.after_exam["丙"].value == result.after_exam["丁"].value == D("56.00")
    assert result.interview_cut.passed == ("甲", "乙", "丙")


def test_G_6_missing_evaluation_blocks_the_position():
    """G-6: a candidate without an evaluation score blocks the ranking of the position."""
    result = position_results(SCHEME, [Candidate("甲", D(90), None, D(80)), cand("乙", 80, 80, 80)])
    assert result.interview_cut is None
    assert result.reasons == ("甲：缺少民主测评分数",)
    result2 = position_results(SCHEME, [Candidate("甲", None, D(90), D(80))])
    assert result2.interview_cut is None and "缺少基础分数" in result2.reasons[0]


def test_G_2_scheme_round_trip_and_base_score_passthrough():
    """G-2: to_dict/from_dict round-trips; base_score is passed through untouched for R000-14."""
    assert SelectionScheme.from_dict(SCHEME.to_dict()) == SCHEME
    assert SCHEME.base_score == DATA["base_score"]
    assert SCHEME.to_dict()["base_score"] == DATA["base_score"]
    assert dict(SCHEME.weights) == {
        "base": D("0.20"),
        "evaluation": D("0.20"),
        "exam": D("0.30"),
        "interview": D("0.30"),
    }


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d["weights"].update(base="0.25"), "weights"),
        (lambda d: d["weights"].update(bonus="0.1"), "weights.bonus"),
        (lambda d: d["weights"].update(exam="abc"), "weights.exam"),
        (lambda d: d.pop("weights"), "weights"),
        (
            lambda d: d["evaluation"].update(participation_threshold="1.5"),
            "evaluation.participation_threshold",
        ),
        (lambda d: d["evaluation"]["groups"][1].update(points="-60"), "evaluation.groups[1].points"),
        (lambda d: d["evaluation"].update(pass_mark="x"), "evaluation.pass_mark"),
        (lambda d: d["exam"].update(items=[]), "exam.items"),
        (lambda d: d["exam"]["items"][1].update(key="case"), "exam.items"),
        (lambda d: d["exam"].update(marking_mode="3评"), "exam.marking_mode"),
        (lambda d: d["interview"].update(trim_k=4), "interview.trim_k"),
        (lambda d: d["interview"].update(panel_max=5), "interview.panel_max"),
        (lambda d: d["interview"].update(trim_mode="median"), "interview.trim_mode"),
        (lambda d: d["cutoffs"].update(inspection_top_n=4), "cutoffs.inspection_top_n"),
        (lambda d: d["cutoffs"].update(tie_break=["height"]), "cutoffs.tie_break[0]"),
        (lambda d: d["cutoffs"].update(tie_policy="coin"), "cutoffs.tie_policy"),
        (lambda d: d["registration"].update(min_registrants=0), "registration.min_registrants"),
        (lambda d: d["rounding"].update(total={"places": 2, "mode": "up"}), "rounding.total"),
        (lambda d: d.update(base_score=[1]), "base_score"),
    ],
)
def test_G_2_selection_scheme_errors_name_the_field(mutate, field):
    """G-2: a wrong selection scheme raises SchemeError naming the field, with a Chinese message."""
    data = copy.deepcopy(DATA)
    mutate(data)
    with pytest.raises(SchemeError) as exc:
        SelectionScheme.from_dict(data)
    assert exc.value.field == field
    assert exc.value.message


def test_G_2_other_numbers_are_a_scheme_not_code():
    """G-2: a plan with 30/20/25/25 weights and a 50 pass mark needs no code change."""
    data = copy.deepcopy(DATA)
    data["weights"] = {"base": "0.30", "evaluation": "0.20", "exam": "0.25", "interview": "0.25"}
    data["evaluation"]["pass_mark"] = "50"
    scheme = SelectionScheme.from_dict(data)
    # 93.5×30% = 28.05; 55×20% = 11.00; 81.25×25% = 20.3125 → 20.31; 84.88×25% = 21.22 → 80.58
    result = position_results(scheme, [cand("甲", 93.5, 55, 81.25, 84.88)])
    assert result.not_advanced == ()  # 55 ≥ the scheme's pass mark 50
    assert result.totals["甲"].value == D("80.58")


def test_RP_09_reconciliation_voids_the_evaluation():
    """RP-09: 11 A ballots returned for 10 credentials → the evaluation is void (no score, no pass)."""
    out = evaluation_stage(
        SCHEME,
        {"A": A, "B": B},
        returned=61,
        eligible=61,
        issued_by_table={"A": 10, "B": 51},
        returned_by_table={"A": 11, "B": 50},
    )
    assert out.score.value is None
    assert out.score.incomplete_reasons == ("A 表收回 11 张，超过发出凭证 10 张，测评无效",)
    assert out.passes is None and out.reconciliation.ok is False
    fine = evaluation_stage(
        SCHEME,
        {"A": A, "B": B},
        returned=60,
        eligible=61,
        issued_by_table={"A": 10, "B": 51},
        returned_by_table={"A": 10, "B": 50},
    )
    assert fine.score.value == D("77.00") and fine.passes is True and fine.reconciliation.ok
