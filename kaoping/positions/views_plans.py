"""Establishment plan pages (岗位设置方案): list, create, the plan page with its numbers, category quotas,
checker, phase timeline and status actions. The distribution table's rows live in ``views_lines``."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import require_cap
from kaoping.common.access import get_or_not_found
from kaoping.common.errors import DomainError, TransitionBlocked
from kaoping.org.forms import apply_service_error
from kaoping.org.selectors import units_visible
from kaoping.org.views import may
from kaoping.positions import selectors, services
from kaoping.positions.forms import (
    MODE_PRESET,
    CategoryQuotaForm,
    PhaseForm,
    PlanCreateForm,
    PlanHeaderForm,
    ReturnForm,
    TemplateForm,
)
from kaoping.positions.models import CategoryQuota, EstablishmentPlan
from kaoping.scoring.presets import all_presets

ESTABLISHMENT_PRESET_KIND = "establishment"

# Document downloads (views_documents), by URL name.
PLAN_DOCUMENTS = (
    ("positions:distribution_xlsx", gettext_lazy("岗位设置分布表（Excel）")),
    ("positions:distribution_docx", gettext_lazy("岗位设置分布表（Word）")),
    ("positions:plan_docx", gettext_lazy("岗位设置方案（Word）")),
)


def description_docx_url(line_pk: int) -> str:
    return reverse("positions:description_docx", args=[line_pk])


# ------------------------------------------------------------------------------------------- list / new


def plan_list(request):
    require_cap(request.user, Cap.POSITIONS_VIEW)
    plans = list(selectors.plan_list(request.user))
    return render(
        request,
        "positions/plan_list.html",
        {"plans": plans, "can_create": units_visible(request.user, Cap.POSITIONS_EDIT).exists()},
    )


def _create_form(request) -> PlanCreateForm:
    presets = all_presets()
    preset_choices = [(k, p.title) for k, p in presets.items() if p.kind == ESTABLISHMENT_PRESET_KIND]
    template_choices = [(k, title) for k, (title, _data) in services.template_presets().items()]
    initial = {"year": timezone.localdate().year, "mode": MODE_PRESET}
    return PlanCreateForm(
        request.POST or None,
        initial=initial,
        units=units_visible(request.user, Cap.POSITIONS_EDIT),
        preset_choices=preset_choices,
        template_choices=template_choices,
    )


def plan_create(request):
    require_cap(request.user, Cap.POSITIONS_EDIT)
    form = _create_form(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["mode"] == MODE_PRESET:
                plan = services.plan_create_from_preset(
                    actor=request.user,
                    unit=data["unit"],
                    preset_key=data["preset_key"],
                    title=data["title"],
                    year=data["year"],
                )
            else:
                plan = services.plan_create(
                    actor=request.user,
                    unit=data["unit"],
                    template_key=data["template_key"],
                    **form.blank_fields(),
                )
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("方案已创建。"))
            return redirect("positions:plan_detail", pk=plan.pk)
    return render(request, "positions/plan_create.html", {"form": form})


# --------------------------------------------------------------------------------------------- the page


@dataclass
class PhaseRow:
    phase: object
    state: str  # done / overdue / current / upcoming

    @property
    def label(self) -> str:
        return {
            "done": _("已完成"),
            "overdue": _("已逾期"),
            "current": _("当前"),
            "upcoming": _("未开始"),
        }[self.state]

    @property
    def css(self) -> str:
        return {
            "done": "text-bg-success",
            "overdue": "text-bg-danger",
            "current": "text-bg-primary",
            "upcoming": "text-bg-light border",
        }[self.state]


def phase_rows(plan: EstablishmentPlan) -> tuple[list[PhaseRow], object]:
    status = selectors.plan_timeline(plan)
    rows = []
    for p in plan.phases.all():
        if p.name in status.done:
            state = "done"
        elif p.name in status.overdue:
            state = "overdue"
        elif p.name in status.current:
            state = "current"
        else:
            state = "upcoming"
        rows.append(PhaseRow(p, state))
    return rows, status


def panel_context(plan: EstablishmentPlan) -> dict:
    """What the checker, category-summary and chart panels show (refreshed after every line change). The
    chart URL carries a version of the table, so the browser fetches the new picture after an edit."""
    summary = selectors.category_summary(plan)
    version = sum(
        (ln.pk * 31 + ln.grade * 7 + ln.count) * i for i, ln in enumerate(plan.lines.all(), start=1)
    )
    chart_url = f"{reverse('positions:chart_svg', args=[plan.pk])}?v={version}"
    return {"plan": plan, "check": selectors.plan_check(plan), "summary": summary, "chart_url": chart_url}


def render_plan_detail(request, plan_pk: int, *, status: int = 200, **extra):
    """The whole plan page; ``extra`` overrides bound forms (with errors) or the lines section's state."""
    from kaoping.positions.views_lines import build_lines

    plan = selectors.plan_with_rows(plan_pk)
    user = request.user
    may_edit = may(user, Cap.POSITIONS_EDIT, plan.unit.path)
    can_edit = may_edit and plan.is_editable
    may_approve = may(user, Cap.POSITIONS_APPROVE, plan.unit.path)
    phases, timeline = phase_rows(plan)
    categories = list(plan.categories.all())
    context = {
        **panel_context(plan),
        "lines": extra.pop("lines", None) or build_lines(plan, can_edit=can_edit),
        "phases": phases,
        "timeline": timeline,
        "categories": categories,
        "category_forms": [(c, CategoryQuotaForm(instance=c, auto_id=f"id_cat{c.pk}_%s")) for c in categories]
        if can_edit
        else [],
        "new_category_form": CategoryQuotaForm(auto_id="id_catnew_%s") if can_edit else None,
        "header_form": PlanHeaderForm(instance=plan) if can_edit else None,
        "return_form": ReturnForm(auto_id="id_return_%s"),
        "can_edit": can_edit,
        "may_edit": may_edit,
        "can_submit": may_edit and plan.status == EstablishmentPlan.Status.DRAFT,
        "can_approve": may_approve and plan.status == EstablishmentPlan.Status.SUBMITTED,
        "documents": [(reverse(name, args=[plan.pk]), label) for name, label in PLAN_DOCUMENTS],
        "source_title": services.template_presets().get(plan.template_source, ("",))[0],
        "template_form": TemplateForm(initial={"template": plan.template}) if can_edit else None,
        "Status": EstablishmentPlan.Status,
    }
    context.update(extra)
    return render(request, "positions/plan_detail.html", context, status=status)


def plan_detail(request, pk: int):
    plan = selectors.access_plan(request.user, pk)
    return render_plan_detail(request, plan.pk)


def plan_edit(request, pk: int):
    """The plan's numbers (draft only)."""
    plan = selectors.access_plan(request.user, pk, Cap.POSITIONS_EDIT)
    if request.method != "POST":
        return redirect(reverse("positions:plan_detail", args=[plan.pk]) + "#plan-numbers")
    form = PlanHeaderForm(request.POST, instance=EstablishmentPlan.objects.get(pk=plan.pk))
    if form.is_valid():
        try:
            services.plan_update(
                actor=request.user, plan=plan, **{n: form.cleaned_data[n] for n in form.Meta.fields}
            )
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("方案数据已保存。"))
            return redirect(reverse("positions:plan_detail", args=[plan.pk]) + "#plan-numbers")
    return render_plan_detail(request, plan.pk, header_form=form, status=422)


@require_POST
def category_set(request, pk: int):
    """Create or change one category's quota and highest grade (draft only)."""
    plan = selectors.access_plan(request.user, pk, Cap.POSITIONS_EDIT)
    form = CategoryQuotaForm(request.POST, instance=CategoryQuota(plan=plan))
    if form.is_valid():
        try:
            services.category_quota_set(actor=request.user, plan=plan, **form.cleaned_data)
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("岗位类别数额已保存。"))
            return redirect(reverse("positions:plan_detail", args=[plan.pk]) + "#plan-categories")
    return render_plan_detail(request, plan.pk, new_category_form=form, status=422)


# ------------------------------------------------------------------------------------------ transitions


def _transition(request, plan: EstablishmentPlan, action, done: str, **kwargs):
    try:
        action(actor=request.user, plan=plan, **kwargs)
    except TransitionBlocked as exc:
        return render_plan_detail(request, plan.pk, blocked_issues=exc.issues, status=409)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("positions:plan_detail", pk=plan.pk)


@require_POST
def plan_submit(request, pk: int):
    plan = selectors.access_plan(request.user, pk, Cap.POSITIONS_EDIT)
    return _transition(request, plan, services.plan_submit, _("方案已上报。"))


@require_POST
def plan_approve(request, pk: int):
    plan = selectors.access_plan(request.user, pk, Cap.POSITIONS_APPROVE)
    return _transition(request, plan, services.plan_approve, _("方案已核准。"))


@require_POST
def plan_return(request, pk: int):
    plan = selectors.access_plan(request.user, pk, Cap.POSITIONS_APPROVE)
    form = ReturnForm(request.POST, auto_id="id_return_%s")
    if not form.is_valid():
        return render_plan_detail(request, plan.pk, return_form=form, status=422)
    return _transition(request, plan, services.plan_return, _("方案已退回修改。"), **form.cleaned_data)


@require_POST
def phase_complete(request, pk: int, phase_pk: int):
    """标记完成 (R004-06): a done phase is no longer reported overdue."""
    plan = selectors.access_plan(request.user, pk, Cap.POSITIONS_EDIT)
    phase = get_or_not_found(plan.phases, phase_pk)
    services.phase_complete(actor=request.user, phase=phase, on=timezone.localdate())
    messages.success(request, _("阶段“%(name)s”已标记完成。") % {"name": phase.name})
    return redirect(reverse("positions:plan_detail", args=[plan.pk]) + "#plan-phases")


@require_POST
def phase_save(request, pk: int, phase_pk: int | None = None):
    """Add a phase, or change a phase's name and dates (R004-06)."""
    plan = selectors.access_plan(request.user, pk, Cap.POSITIONS_EDIT)
    phase = None
    if phase_pk is not None:
        phase = get_or_not_found(plan.phases, phase_pk)
    form = PhaseForm(request.POST, instance=phase, auto_id=False)
    if form.is_valid():
        try:
            fields = {k: form.cleaned_data[k] for k in ("name", "start_date", "end_date")}
            if phase is None:
                fields["order"] = plan.phases.count() + 1
            services.phase_save(actor=request.user, plan=plan, phase=phase, **fields)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("实施阶段已保存。"))
    else:
        errors = [str(e) for errs in form.errors.values() for e in errs]
        messages.error(request, _("实施阶段未保存：%(errors)s") % {"errors": "；".join(errors)})
    return redirect(reverse("positions:plan_detail", args=[plan.pk]) + "#plan-phases")


@require_POST
def template_edit(request, pk: int):
    """The plan's structure-ratio template (RP-10) as data; the engine validates it (draft only)."""
    plan = selectors.access_plan(request.user, pk, Cap.POSITIONS_EDIT)
    form = TemplateForm(request.POST)
    if form.is_valid():
        try:
            services.plan_update(actor=request.user, plan=plan, template=form.cleaned_data["template"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("结构比例模板已保存，结构检查已按新模板更新。"))
    else:
        messages.error(request, "；".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect(reverse("positions:plan_detail", args=[plan.pk]) + "#plan-template")
