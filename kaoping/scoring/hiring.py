"""R004-04: hiring conditions (聘用条件) for a post grade, as data-driven predicates.

A :class:`HiringCondition` says which grade below must have been held how long, which achievements
(a–g) qualify (one of them is enough), the minimum annual grade for every year, and the alternative
path for a first appointment (首次聘用). Grades whose conditions are the title-evaluation rules
(professional grades 7, 10, 12) carry ``title_rule`` and are left to the reviewer (pending).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .dates import add_years, completed_months, parse_date, period_months
from .eligibility import CheckResult
from .errors import SchemeError
from .records import DEFAULT_GRADE_ORDER, AnnualResult, GradeOrder

RULE = "R004-04"


@dataclass(frozen=True)
class GradeSpell:
    """A spell in a post grade: ``category`` "管理" / "专业技术" / "工勤技能", ``grade`` 1–13."""

    category: str
    grade: int
    start: date
    end: date | None = None


@dataclass(frozen=True)
class StaffRecord:
    """An institution employee's file for hiring checks."""

    person_id: str
    grade_history: tuple[GradeSpell, ...] = ()
    title_level: str | None = None  # 职称: "正高", "副高", "中级", "助理", "员级"
    title_since: date | None = None
    achievements: frozenset[str] = field(default_factory=frozenset)  # codes, e.g. {"b"}
    annual_results: tuple[AnnualResult, ...] = ()
    commendation_years: tuple[int, ...] = ()  # years with 嘉奖 or 省级先进个人
    holds_internal_leadership: bool = False  # 担任内设机构正副领导岗位


@dataclass(frozen=True)
class FirstAppointmentPath:
    """首次聘用: title held ≥ ``min_years``, plus an achievement, plus (if ``needs_recent_merit``) one
    优秀 / 嘉奖 in the last ``recent_years`` years or an internal leadership post."""

    title_level: str
    min_years: int
    needs_achievement: bool = True
    needs_recent_merit: bool = True
    recent_years: int = 3


@dataclass(frozen=True)
class HiringCondition:
    """Conditions for ``category`` grade ``grade``."""

    category: str
    grade: int
    below_grade: int | None = None
    min_years_below: int = 0
    achievements: tuple[tuple[str, str], ...] = ()  # (code, text); one of them is required
    min_annual_grade: str = "合格"
    first_appointment: FirstAppointmentPath | None = None
    title_rule: str = ""  # e.g. "按现行各专业系列副高级职称评审条件执行"

    @classmethod
    def from_dict(cls, data: dict, field_name: str = "hiring_conditions") -> HiringCondition:
        """Validate a dict (see ``presets/establishment.py``) into a condition."""
        try:
            grade = int(data["grade"])
            if not 1 <= grade <= 13:
                raise SchemeError(f"{field_name}.grade", f"岗位等级必须在 1–13 之间，而不是 {grade}")
            first = data.get("first_appointment")
            path = None
            if first:
                path = FirstAppointmentPath(
                    title_level=first["title_level"],
                    min_years=int(first["min_years"]),
                    needs_achievement=bool(first.get("needs_achievement", True)),
                    needs_recent_merit=bool(first.get("needs_recent_merit", True)),
                    recent_years=int(first.get("recent_years", 3)),
                )
            years = int(data.get("min_years_below", 0))
            if years < 0:
                raise SchemeError(f"{field_name}.min_years_below", "任职年限不能为负数")
            return cls(
                category=data["category"],
                grade=grade,
                below_grade=int(data["below_grade"]) if data.get("below_grade") is not None else None,
                min_years_below=years,
                achievements=tuple((a["code"], a["text"]) for a in data.get("achievements", [])),
                min_annual_grade=data.get("min_annual_grade", "合格"),
                first_appointment=path,
                title_rule=data.get("title_rule", ""),
            )
        except KeyError as exc:
            raise SchemeError(f"{field_name}.{exc.args[0]}", "缺少必填项") from exc


def months_at_grade(staff: StaffRecord, category: str, grade: int, as_of: date) -> int:
    """Completed months in ``category`` ``grade`` up to ``as_of``: ended spells by their inclusive last
    day, a running spell by the anniversary rule of G-3."""
    total = 0
    for spell in staff.grade_history:
        if spell.category != category or spell.grade != grade or spell.start > as_of:
            continue
        if spell.end is None or spell.end >= as_of:
            total += completed_months(spell.start, as_of)
        else:
            total += period_months(spell.start, spell.end)
    return total


def _annual_problems(
    staff: StaffRecord, minimum: str, order: GradeOrder, years: tuple[int, ...] | None
) -> list[str]:
    problems = []
    by_year = {r.year: r.grade for r in staff.annual_results}
    for year in years if years is not None else sorted(by_year):
        grade = by_year.get(year)
        if grade is None:
            problems.append(f"缺少{year}年度考核结果")
        elif not order.at_least(grade, minimum):
            problems.append(f"{year}年度考核为{grade}，未达到{minimum}")
    return problems


def holds_grade(staff: StaffRecord, category: str, grade: int, as_of: date) -> bool:
    """Whether ``staff`` holds ``category`` grade ``grade`` on ``as_of`` (a spell covering that day)."""
    return any(
        s.category == category and s.grade == grade and s.start <= as_of and (s.end is None or s.end >= as_of)
        for s in staff.grade_history
    )


def check_hiring(
    staff: StaffRecord,
    condition: HiringCondition,
    as_of: date,
    *,
    first_appointment: bool = False,
    assessment_years: tuple[int, ...] | None = None,
    order: GradeOrder = DEFAULT_GRADE_ORDER,
) -> CheckResult:
    """R004-04: whether ``staff`` meets ``condition`` as of ``as_of``; every unmet item is listed.

    ``first_appointment`` uses the first-appointment path instead of the years-at-grade-below route.
    ``assessment_years``: the years that must each have a result ≥ the minimum (default: all recorded).
    """
    target = f"{condition.category}{condition.grade}级"
    problems = _annual_problems(staff, condition.min_annual_grade, order, assessment_years)
    data: list[tuple[str, object]] = [("target", target), ("first_appointment", first_appointment)]
    held = sorted(staff.achievements & {code for code, _ in condition.achievements})
    if first_appointment and holds_grade(staff, condition.category, condition.grade, as_of):
        # R004-05: a first appointment keeps people at their current grade; only the annual results count.
        data.append(("current_grade", condition.grade))
        if problems:
            return CheckResult(False, RULE, "；".join(problems), tuple(data))
        return CheckResult(True, RULE, f"首次聘用，现聘{target}，按现聘等级聘用", tuple(data))
    if first_appointment and condition.first_appointment is not None:
        path = condition.first_appointment
        since = staff.title_since
        if staff.title_level != path.title_level or since is None:
            problems.append(f"未聘{path.title_level}专业技术职务")
        elif add_years(since, path.min_years) > as_of:
            problems.append(f"聘{path.title_level}职务自{since.isoformat()}起不满{path.min_years}年")
        if path.needs_achievement and condition.achievements and not held:
            problems.append("不符合所列业绩条件中的任何一项")
        if path.needs_recent_merit:
            recent = set(range(as_of.year - path.recent_years, as_of.year))
            excellent = any(r.year in recent and r.grade == "优秀" for r in staff.annual_results)
            commended = bool(recent & set(staff.commendation_years))
            if not (excellent or commended or staff.holds_internal_leadership):
                problems.append(f"近{path.recent_years}年无“优秀”或“嘉奖”，也未担任内设机构正副领导岗位")
    elif condition.title_rule:
        reason = "；".join([*problems, f"{target}：{condition.title_rule}，待评审认定"])
        return CheckResult(False, RULE, reason, tuple(data), pending=not problems)
    else:
        if condition.below_grade is not None and condition.min_years_below:
            months = months_at_grade(staff, condition.category, condition.below_grade, as_of)
            data.append(("months_below", months))
            if months < 12 * condition.min_years_below:
                problems.append(
                    f"在{condition.below_grade}级岗位任职{months}个月，不满{condition.min_years_below}年"
                )
        if condition.achievements and not held:
            codes = "、".join(code for code, _ in condition.achievements)
            problems.append(f"不符合{codes}项业绩条件中的任何一项")
    data.append(("achievements", tuple(held)))
    if problems:
        return CheckResult(False, RULE, "；".join(problems), tuple(data))
    return CheckResult(True, RULE, f"符合{target}聘用条件", tuple(data))


def parse_grade_spell(data: dict, field_name: str = "grade_history") -> GradeSpell:
    """A :class:`GradeSpell` from ``{"category", "grade", "start", "end"}`` (dates as ISO strings)."""
    end = data.get("end")
    return GradeSpell(
        category=data["category"],
        grade=int(data["grade"]),
        start=parse_date(data["start"], f"{field_name}.start"),
        end=parse_date(end, f"{field_name}.end") if end else None,
    )
