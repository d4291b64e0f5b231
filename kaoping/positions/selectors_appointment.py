"""Reads of appointment rounds, and the adapter from registry rows to the engine's hiring check (R004-04)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import scoped
from kaoping.common.access import get_or_not_found
from kaoping.org.choices import RankCategory
from kaoping.org.models import Person
from kaoping.positions.models import Application, AppointmentRound, PostCategory
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.hiring import GradeSpell, HiringCondition, StaffRecord, check_hiring
from kaoping.scoring.records import AnnualResult

# Registry rank categories → the engine's post categories.
RANK_TO_POST = {
    RankCategory.MANAGEMENT: PostCategory.MANAGEMENT,
    RankCategory.PROFESSIONAL: PostCategory.PROFESSIONAL,
    RankCategory.SKILLED: PostCategory.SKILLED,
}


def rounds_visible(user, cap: str = Cap.POSITIONS_VIEW) -> QuerySet[AppointmentRound]:
    return scoped(
        AppointmentRound.objects.select_related("plan", "plan__unit"), user, cap, "plan__unit__path"
    )


def access_round(user, round_id, cap: str = Cap.POSITIONS_VIEW) -> AppointmentRound:
    return get_or_not_found(rounds_visible(user, cap), round_id)


def access_application(user, application_id, cap: str = Cap.POSITIONS_EDIT) -> Application:
    applications = Application.objects.select_related(
        "round", "round__plan", "line", "person", "person__rank"
    )
    return get_or_not_found(scoped(applications, user, cap, "round__plan__unit__path"), application_id)


def round_applications(rnd: AppointmentRound) -> list[Application]:
    """The round's applications with everything the page and the pre-review read (fixed query count)."""
    return list(
        rnd.applications.select_related(
            "person", "person__unit", "person__rank", "line", "line__description", "appointment"
        )
        .prefetch_related("person__rankhistorys__rank", "person__annualresults")
        .order_by("line__order", "-score", "person__name", "id")
    )


# ------------------------------------------------------------------------------------------ engine adapter


def grade_history(person: Person) -> tuple[GradeSpell, ...]:
    """The person's spells in graded posts (事业单位岗位等级), from the rank history and the current rank."""
    spells = [
        GradeSpell(RANK_TO_POST[h.rank.category], h.rank.grade, h.start_date, h.end_date)
        for h in person.rankhistorys.all()  # prefetched with its rank by round_applications
        if h.rank.grade and h.rank.category in RANK_TO_POST
    ]
    rank = person.rank
    if rank and rank.grade and rank.category in RANK_TO_POST and person.rank_start_date:
        current = GradeSpell(RANK_TO_POST[rank.category], rank.grade, person.rank_start_date)
        if current not in spells and not any(
            s.start == current.start and s.grade == current.grade for s in spells
        ):
            spells.append(current)
    return tuple(sorted(spells, key=lambda s: s.start))


def current_grade(person: Person, category: str) -> int | None:
    """The person's current grade in ``category`` (管理 / 专业技术 / 工勤技能), if they hold one."""
    rank = person.rank
    if rank and rank.grade and RANK_TO_POST.get(rank.category) == category:
        return rank.grade
    return None


def _codes(text: str) -> frozenset[str]:
    return frozenset(x.strip().lower() for x in text.replace("，", ",").split(",") if x.strip())


def _years(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.replace("，", ",").split(",") if x.strip().isdigit())


def staff_record(application: Application) -> StaffRecord:
    person = application.person
    return StaffRecord(
        person_id=str(person.pk),
        grade_history=grade_history(person),
        title_level=application.title_level or None,
        title_since=application.title_since,
        achievements=_codes(application.achievements),
        annual_results=tuple(
            AnnualResult(a.year, str(a.get_grade_display())) for a in person.annualresults.all()
        ),
        commendation_years=_years(application.commendation_years),
        holds_internal_leadership=application.holds_internal_leadership,
    )


def prereview(application: Application) -> dict:
    """R004-04: the engine's check of the post's structured hiring condition against the applicant's
    records, as a JSON-ready dict (passed / pending / reason / data). Without structured conditions the
    result is pending: the reviewer judges from the description."""
    description = getattr(application.line, "description", None)
    data = (description.hiring_condition if description else None) or {}
    if not data.get("grade"):
        return {
            "passed": False,
            "pending": True,
            "rule": "R004-04",
            "reason": _("该岗位没有结构化任职条件，由审查人判断。"),
            "data": {},
        }
    try:
        condition = HiringCondition.from_dict(data)
    except SchemeError as exc:
        return {"passed": False, "pending": True, "rule": "R004-04", "reason": exc.message, "data": {}}
    result = check_hiring(
        staff_record(application),
        condition,
        application.round.as_of,
        first_appointment=application.round.is_first_appointment,
    )
    return {
        "passed": result.passed,
        "pending": result.pending,
        "rule": result.rule,
        "reason": result.reason,
        "data": {k: str(v) for k, v in result.data},
    }
