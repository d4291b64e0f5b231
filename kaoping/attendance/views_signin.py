"""Sign-in entry (ATTENDANCE_MANAGE): the day grid of a unit, and the .xlsx import with its template."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import require_cap
from kaoping.attendance import importing, selectors, services
from kaoping.attendance.forms import ImportForm
from kaoping.common.errors import ValidationFailed
from kaoping.org.selectors import units_visible

FIELDS = importing.TIME_FIELDS
MAX_GRID = 200


def _parse_time(text: str) -> dt.time | None:
    text = (text or "").strip()
    if not text:
        return None
    return dt.time.fromisoformat(text if len(text) > 5 else text + ":00")


def signin_grid(request):
    """One unit (and its sub-units), one day: a row per person with four time fields."""
    require_cap(request.user, Cap.ATTENDANCE_MANAGE)
    units = units_visible(request.user, Cap.ATTENDANCE_MANAGE).filter(is_active=True).order_by("path")
    params = request.POST if request.method == "POST" else request.GET
    unit = units.filter(pk=params.get("unit")).first() if str(params.get("unit", "")).isdigit() else None
    try:
        day = dt.date.fromisoformat(params.get("day", ""))
    except ValueError:
        day = timezone.localdate()
    people = []
    if unit is not None:
        people = list(
            selectors.people_visible(request.user, Cap.ATTENDANCE_MANAGE)
            .filter(unit__path__startswith=unit.path, is_active=True)
            .order_by("unit__path", "name", "id")[:MAX_GRID]
        )
    errors: dict[str, list[str]] = {}
    values: dict[int, dict[str, str]] = {}
    if request.method == "POST" and unit is not None:
        entries = []
        for person in people:
            row = {f: request.POST.get(f"t-{person.pk}-{f}", "") for f in FIELDS}
            values[person.pk] = row
            try:
                entries.append((person, {f: _parse_time(v) for f, v in row.items()}))
            except ValueError:
                errors[f"p{person.pk}"] = [_("%(name)s：时间格式不正确。") % {"name": person.name}]
        if not errors:
            try:
                saved = services.signin_grid_save(actor=request.user, day=day, entries=entries)
            except ValidationFailed as exc:
                errors = exc.errors
            else:
                messages.success(request, _("已保存%(n)s人的签到记录。") % {"n": saved})
                return redirect(f"{request.path}?unit={unit.pk}&day={day.isoformat()}")
    else:
        existing = selectors.signins_for([p.pk for p in people], day)
        for person in people:
            s = existing.get(person.pk)
            values[person.pk] = {
                f: (getattr(s, f).strftime("%H:%M:%S") if s and getattr(s, f) else "") for f in FIELDS
            }
    judged = selectors.day_judgements(people, day) if people and not errors else {}
    rows = [
        (p, [(f, values.get(p.pk, {}).get(f, "")) for f in FIELDS], errors.get(f"p{p.pk}"), judged.get(p.pk))
        for p in people
    ]
    return render(
        request,
        "attendance/signin_grid.html",
        {
            "units": units,
            "unit": unit,
            "day": day,
            "rows": rows,
            "errors": [m for msgs in errors.values() for m in msgs],
            "truncated": len(people) >= MAX_GRID,
        },
    )


def signin_import(request):
    require_cap(request.user, Cap.ATTENDANCE_MANAGE)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        try:
            result = importing.signin_import(actor=request.user, content=f.read(), filename=f.name)
        except ValidationFailed as exc:
            problems = [m for msgs in exc.errors.values() for m in msgs]
        else:
            messages.success(
                request,
                _("已导入%(rows)s条签到记录，涉及%(people)s人。")
                % {"rows": result.rows, "people": result.people},
            )
            return redirect("attendance:signin_import")
    return render(request, "attendance/signin_import.html", {"form": form, "problems": problems})


def signin_template(request):
    require_cap(request.user, Cap.ATTENDANCE_MANAGE)
    response = HttpResponse(
        importing.template_bytes(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = "attachment; filename=signin-template.xlsx"
    return response
