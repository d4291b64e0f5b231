"""Attendance summaries: the unit table (landing page, with search, pagination and .xlsx export) and one
person's year with its derivation (R003-04, R003-05)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap, require_cap
from kaoping.attendance import selectors
from kaoping.attendance.exporting import summary_xlsx
from kaoping.common.audit import audit_record
from kaoping.common.models import AuditEntry
from kaoping.org.selectors import units_visible

PAGE_SIZE = 30


def _year(request, years: list[int]) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit():
        return int(raw)
    return years[0] if years else timezone.localdate().year


def _unit(request):
    raw = request.GET.get("unit", "")
    if not raw.isdigit():
        return None
    return units_visible(request.user, Cap.ATTENDANCE_VIEW).filter(pk=int(raw)).first()


def index(request):
    """The unit summary: one row per person with late/early counts, unexcused absence and allowance."""
    require_cap(request.user, Cap.ATTENDANCE_VIEW)
    years = selectors.years_available()
    year = _year(request, years)
    q = request.GET.get("q", "").strip()[:50]
    unit = _unit(request)
    people = selectors.summary_people(request.user, year=year, q=q, unit=unit)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    judged = selectors.person_years(year=year, person_ids=[p.pk for p in page])
    rows = [(p, judged.get(p.pk)) for p in page]
    return render(
        request,
        "attendance/index.html",
        {
            "years": years,
            "year": year,
            "q": q,
            "unit": unit,
            "units": units_visible(request.user, Cap.ATTENDANCE_VIEW).filter(is_active=True).order_by("path"),
            "page": page,
            "rows": rows,
            "can_manage": has_cap(request.user, Cap.ATTENDANCE_MANAGE),
            "can_approve": has_cap(request.user, Cap.LEAVE_APPROVE),
        },
    )


def export(request):
    """The unit summary (all matching people, no paging) as .xlsx; audited."""
    require_cap(request.user, Cap.ATTENDANCE_VIEW)
    years = selectors.years_available()
    year = _year(request, years)
    q = request.GET.get("q", "").strip()[:50]
    unit = _unit(request)
    people = list(selectors.summary_people(request.user, year=year, q=q, unit=unit))
    judged = selectors.person_years(year=year, person_ids=[p.pk for p in people])
    content = summary_xlsx(year, [(p, judged.get(p.pk)) for p in people])
    audit_record(
        actor=request.user,
        action=AuditEntry.Action.EXPORT,
        object_type="attendance.summary",
        object_id=str(year),
        object_repr=_("%(y)s年度考勤汇总") % {"y": year},
        changes={"people": len(people), "q": q, "unit": unit.name if unit else ""},
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f"attachment; filename=attendance-{year}.xlsx"
    return response


def person(request, pk):
    """One person's year: the allowance derivation, each irregular day and the leaves."""
    require_cap(request.user, Cap.ATTENDANCE_VIEW)
    who = selectors.access_person(request.user, pk)
    years = selectors.years_available()
    year = _year(request, years)
    judged = selectors.person_years(year=year, person_ids=[who.pk]).get(who.pk)
    leaves = who.leave_requests.filter(attendance_year__year=year).select_related("decided_by")
    return render(
        request,
        "attendance/person.html",
        {"person": who, "year": year, "years": years, "judged": judged, "leaves": leaves},
    )
