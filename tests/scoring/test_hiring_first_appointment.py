"""R004-05 with R004-04: in a first appointment, people who already hold the post's grade enter at it; the
years-below and achievement conditions do not apply, the annual results still do."""

from datetime import date

from kaoping.scoring.hiring import GradeSpell, HiringCondition, StaffRecord, check_hiring
from kaoping.scoring.presets import get_preset
from kaoping.scoring.records import AnnualResult

CONDITIONS = {
    (c["category"], c["grade"]): HiringCondition.from_dict(c)
    for c in get_preset("establishment.seed004").data["hiring_conditions"]
    if "below_grade" in c
}
AS_OF = date(2012, 5, 1)
GOOD = (AnnualResult(2009, "合格"), AnnualResult(2010, "合格"), AnnualResult(2011, "优秀"))


def staff(grade, since, results=GOOD):
    return StaffRecord("1", grade_history=(GradeSpell("管理", grade, since),), annual_results=results)


def test_R004_05_first_appointment_at_the_current_grade_passes():
    result = check_hiring(staff(9, date(2011, 6, 1)), CONDITIONS[("管理", 9)], AS_OF, first_appointment=True)
    assert result.passed and result.reason == "首次聘用，现聘管理9级，按现聘等级聘用"


def test_R004_05_first_appointment_still_needs_the_annual_results():
    bad = (AnnualResult(2009, "合格"), AnnualResult(2010, "不合格"))
    result = check_hiring(
        staff(9, date(2008, 1, 1), bad), CONDITIONS[("管理", 9)], AS_OF, first_appointment=True
    )
    assert not result.passed and "2010" in result.reason


def test_R004_04_promotion_still_needs_years_below_when_not_first_appointment():
    result = check_hiring(staff(9, date(2011, 6, 1)), CONDITIONS[("管理", 9)], AS_OF, first_appointment=False)
    assert not result.passed and "不满3年" in result.reason


def test_R004_04_first_appointment_to_a_higher_grade_uses_the_normal_route():
    result = check_hiring(staff(10, date(2011, 6, 1)), CONDITIONS[("管理", 9)], AS_OF, first_appointment=True)
    assert not result.passed and "不满3年" in result.reason
