"""Reads of establishment plans, and the adapter to the rules engine (kaoping.scoring.establishment)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import scoped
from kaoping.common.access import get_or_not_found
from kaoping.positions.models import EstablishmentPlan, PostLine
from kaoping.scoring.appointment import Phase, PhaseStatus, phase_status
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.establishment import EstablishmentPlan as EnginePlan
from kaoping.scoring.establishment import Violation, check_plan

# ------------------------------------------------------------------------------------------------ access


def plans_visible(user, cap: str = Cap.POSITIONS_VIEW) -> QuerySet[EstablishmentPlan]:
    return scoped(EstablishmentPlan.objects.select_related("unit"), user, cap, "unit__path")


def access_plan(user, plan_id, cap: str = Cap.POSITIONS_VIEW) -> EstablishmentPlan:
    """The plan if ``user`` holds ``cap`` over its unit; NotFound for missing and not-yours alike."""
    return get_or_not_found(plans_visible(user, cap), plan_id)


def access_line(user, line_id, cap: str = Cap.POSITIONS_EDIT) -> PostLine:
    lines = PostLine.objects.select_related("plan", "plan__unit")
    return get_or_not_found(scoped(lines, user, cap, "plan__unit__path"), line_id)


# ------------------------------------------------------------------------------------------------- lists


def plan_list(user) -> QuerySet[EstablishmentPlan]:
    """Visible plans with their line count and post total, newest year first (one query)."""
    return plans_visible(user).annotate(posts_total=Sum("lines__count")).order_by("-year", "unit__path", "id")


def plan_with_rows(plan_id: int) -> EstablishmentPlan:
    """A plan with categories, lines (and descriptions) and phases prefetched."""
    return (
        EstablishmentPlan.objects.select_related("unit")
        .prefetch_related(
            "categories",
            Prefetch("lines", queryset=PostLine.objects.select_related("description")),
            "phases",
        )
        .get(pk=plan_id)
    )


# ------------------------------------------------------------------------------------------------ engine


def engine_data(plan: EstablishmentPlan) -> dict:
    """The plan in the engine's plain format (see kaoping/scoring/presets/establishment.py)."""
    return {
        "unit": plan.unit.name,
        "approved_staffing": plan.approved_staffing,
        "approved_posts": plan.approved_posts,
        "staff_now": plan.staff_now,
        "leadership_posts": plan.leadership_posts,
        "categories": [
            {"category": c.category, "quota": c.quota, "highest_grade": c.highest_grade}
            for c in plan.categories.all()
        ],
        "lines": [
            {
                "department": ln.department,
                "name": ln.name,
                "category": ln.category,
                "grade": ln.grade,
                "count": ln.count,
                "is_leadership": ln.is_leadership,
            }
            for ln in plan.lines.all()
        ],
        "template": plan.template or {},
    }


@dataclass(frozen=True)
class PlanCheck:
    """The checker's verdict (R004-02): every violation with its numbers, or why the plan could not be read."""

    violations: tuple[Violation, ...]
    scheme_error: str = ""

    @property
    def passed(self) -> bool:
        return not self.violations and not self.scheme_error

    @property
    def messages(self) -> list[str]:
        return [self.scheme_error] if self.scheme_error else [v.message for v in self.violations]


def plan_check(plan: EstablishmentPlan) -> PlanCheck:
    try:
        engine_plan = EnginePlan.from_dict(engine_data(plan))
    except SchemeError as exc:
        return PlanCheck(
            (), _("方案数据不完整：%(field)s %(message)s") % {"field": exc.field, "message": exc.message}
        )
    return PlanCheck(check_plan(engine_plan))


def plan_timeline(plan: EstablishmentPlan, as_of: dt.date | None = None) -> PhaseStatus:
    """R004-06: current, overdue, upcoming and completed phases as of ``as_of`` (default: today)."""
    phases = list(plan.phases.all())
    return phase_status(
        [Phase(p.name, p.start_date, p.end_date) for p in phases],
        as_of or timezone.localdate(),
        completed=[p.name for p in phases if p.completed_on],
    )


def category_summary(plan: EstablishmentPlan) -> list[dict]:
    """Per category: quota, posts set in the lines, and the difference — for the plan page and documents."""
    totals: dict[str, int] = {}
    for ln in plan.lines.all():
        totals[ln.category] = totals.get(ln.category, 0) + ln.count
    rows = []
    for c in plan.categories.all():
        used = totals.get(c.category, 0)
        rows.append(
            {
                "category": c.category,
                "label": c.get_category_display(),
                "quota": c.quota,
                "used": used,
                "diff": used - c.quota,
            }
        )
    return rows
