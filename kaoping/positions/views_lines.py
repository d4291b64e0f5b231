"""The distribution table (岗位设置分布表) rows and the post descriptions (岗位说明书).

The table is one fragment (``positions/_lines_section.html``); htmx swaps it whole after every add, edit or
delete, and the checker and category-summary panels come along out of band, so the verdict never lags the
rows. Without JavaScript the same URLs work as plain pages.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.common.errors import DomainError
from kaoping.org.forms import apply_service_error
from kaoping.org.views import may
from kaoping.positions import selectors, services
from kaoping.positions.forms import DescriptionForm, LineForm
from kaoping.positions.models import EstablishmentPlan, PostCategory, PostDescription, PostLine
from kaoping.positions.views_plans import description_docx_url, panel_context, render_plan_detail


@dataclass
class LinesSection:
    plan: EstablishmentPlan
    lines: list[PostLine]
    can_edit: bool
    form: LineForm | None = None
    editing: object = None  # "new", a line pk, or None
    docx_urls: dict[int, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(ln.count for ln in self.lines)

    @property
    def colspan(self) -> int:
        return 8 if self.can_edit else 7


def build_lines(plan: EstablishmentPlan, *, can_edit: bool, form=None, editing=None) -> LinesSection:
    lines = list(plan.lines.all())
    return LinesSection(
        plan=plan,
        lines=lines,
        can_edit=can_edit,
        form=form,
        editing=editing,
        docx_urls={ln.pk: url for ln in lines if (url := description_docx_url(ln.pk))},
    )


def _respond(request, plan_pk: int, *, form=None, editing=None, saved: str = ""):
    """The table fragment (plus the refreshed panels) for htmx; a redirect or the whole page otherwise."""
    plan = selectors.plan_with_rows(plan_pk)
    section = build_lines(plan, can_edit=True, form=form, editing=editing)
    if request.htmx:
        context = {**panel_context(plan), "lines": section, "saved": saved, "oob": True}
        return render(request, "positions/_lines_response.html", context)
    if saved:
        messages.success(request, saved)
        return redirect(reverse("positions:plan_detail", args=[plan.pk]) + "#plan-lines")
    return render_plan_detail(request, plan.pk, lines=section, status=422 if form is not None else 200)


def lines_section(request, pk: int):
    """The table as it reads (htmx 'cancel' goes here)."""
    plan = selectors.access_plan(request.user, pk)
    if not request.htmx:
        return redirect(reverse("positions:plan_detail", args=[plan.pk]) + "#plan-lines")
    plan = selectors.plan_with_rows(plan.pk)
    can_edit = plan.is_editable and may(request.user, Cap.POSITIONS_EDIT, plan.unit.path)
    context = {**panel_context(plan), "lines": build_lines(plan, can_edit=can_edit), "oob": True}
    return render(request, "positions/_lines_response.html", context)


def line_create(request, pk: int):
    plan = selectors.access_plan(request.user, pk, Cap.POSITIONS_EDIT)
    form = LineForm(request.POST or None, instance=PostLine(plan=plan))
    if request.method == "POST" and form.is_valid():
        try:
            services.line_add(actor=request.user, plan=plan, **form.service_fields())
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            return _respond(request, plan.pk, saved=_("已保存。"))
    return _respond(request, plan.pk, form=form, editing="new")


def line_edit(request, line_pk: int):
    line = selectors.access_line(request.user, line_pk, Cap.POSITIONS_EDIT)
    form = LineForm(request.POST or None, instance=copy.copy(line))
    if request.method == "POST" and form.is_valid():
        try:
            services.line_update(actor=request.user, line=line, **form.service_fields())
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            return _respond(request, line.plan_id, saved=_("已保存。"))
    return _respond(request, line.plan_id, form=form, editing=line.pk)


@require_POST
def line_delete(request, line_pk: int):
    line = selectors.access_line(request.user, line_pk, Cap.POSITIONS_EDIT)
    plan_pk = line.plan_id
    try:
        services.line_delete(actor=request.user, line=line)
    except DomainError as exc:
        if not request.htmx:
            messages.error(request, exc.message)
            return redirect("positions:plan_detail", pk=plan_pk)
        return _respond(request, plan_pk, saved=exc.message)
    return _respond(request, plan_pk, saved=_("已删除。"))


# ------------------------------------------------------------------------------------------ descriptions


def hiring_condition_view(data: dict) -> dict:
    """The structured hiring condition (R004-04) as labelled parts for the page."""
    if not data:
        return {}
    category = data.get("category", "")
    first = data.get("first_appointment") or {}
    return {
        "category": PostCategory(category).label if category in PostCategory.values else category,
        "grade": data.get("grade"),
        "below_grade": data.get("below_grade"),
        "min_years_below": data.get("min_years_below") or 0,
        "min_annual_grade": data.get("min_annual_grade", ""),
        "achievements": [(a.get("code", ""), a.get("text", "")) for a in data.get("achievements", [])],
        "title_rule": data.get("title_rule", ""),
        "first": {
            "title_level": first.get("title_level", ""),
            "min_years": first.get("min_years"),
            "needs_achievement": first.get("needs_achievement", True),
            "needs_recent_merit": first.get("needs_recent_merit", True),
            "recent_years": first.get("recent_years", 3),
        }
        if first
        else None,
    }


def description_edit(request, line_pk: int):
    """岗位说明书 of one post: read by anyone who sees the plan, written while the plan is a draft."""
    cap = Cap.POSITIONS_EDIT if request.method == "POST" else Cap.POSITIONS_VIEW
    line = selectors.access_line(request.user, line_pk, cap)
    plan = line.plan
    description = PostDescription.objects.filter(line=line).first() or PostDescription(line=line)
    can_edit = plan.is_editable and may(request.user, Cap.POSITIONS_EDIT, plan.unit.path)
    form = DescriptionForm(request.POST or None, instance=copy.copy(description)) if can_edit else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("方案已上报或已核准，不能修改；如需修改请先退回。"))
            return redirect("positions:description_edit", line_pk=line.pk)
        if form.is_valid():
            try:
                fields = dict(form.cleaned_data)
                if "hiring_condition" not in request.POST:  # not sent: keep the stored condition
                    fields.pop("hiring_condition")
                services.description_save(actor=request.user, line=line, **fields)
            except DomainError as exc:
                apply_service_error(form, exc)
            else:
                messages.success(request, _("岗位说明书已保存。"))
                return redirect("positions:description_edit", line_pk=line.pk)
    return render(
        request,
        "positions/description_form.html",
        {
            "plan": plan,
            "line": line,
            "description": description,
            "form": form,
            "can_edit": can_edit,
            "condition": hiring_condition_view(description.hiring_condition),
            "docx_url": description_docx_url(line.pk),
        },
        status=422 if form is not None and form.errors else 200,
    )
