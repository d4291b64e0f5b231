"""Bonus pay pages (R003-06/07): leaders' links to departments, pay runs and the payout table."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap, require_cap
from kaoping.assessment import documents, selectors, services_pay
from kaoping.assessment.forms import LeaderForm, PayRunForm
from kaoping.assessment.models import SchemeKind
from kaoping.assessment.models_pay import LeaderLink, PayRun
from kaoping.assessment.views_schemes import XLSX, download
from kaoping.common.access import get_or_not_found, not_found
from kaoping.common.errors import DomainError, TransitionBlocked
from kaoping.org.selectors import people_visible


def _pay_scheme(request, pk: int):
    """Pay pages are for the organisers and the leaders (everyone who sees every unit)."""
    require_cap(request.user, Cap.ASSESSMENT_VIEW)
    if not selectors.sees_all(request.user):
        raise not_found()
    scheme = selectors.access_scheme(request.user, pk)
    if scheme.kind != SchemeKind.TARGETS:
        raise not_found()
    return scheme


def _leader_form(request, scheme):
    return LeaderForm(
        request.POST or None,
        people=people_visible(request.user).select_related("unit").order_by("unit__path", "name"),
        assessments=scheme.assessments.order_by("order", "id"),
    )


def pay_page(request, pk: int):
    scheme = _pay_scheme(request, pk)
    can_manage = has_cap(request.user, Cap.ASSESSMENT_MANAGE)
    links = scheme.leader_links.select_related("person", "person__unit").prefetch_related("supervised")
    runs = scheme.pay_runs.select_related("created_by")
    return render(
        request,
        "assessment/pay.html",
        {
            "scheme": scheme,
            "links": links,
            "runs": runs,
            "can_manage": can_manage,
            "leader_form": _leader_form(request, scheme) if can_manage else None,
            "run_form": PayRunForm(
                initial={
                    "band_rounding": (scheme.scheme.get("target_bonus") or {}).get("band_rounding", "floor")
                }
            ),
            "run_issues": services_pay.pay_run_blocking_issues(scheme),
        },
    )


@require_POST
def leader_set(request, pk: int):
    require_cap(request.user, Cap.ASSESSMENT_MANAGE)
    scheme = _pay_scheme(request, pk)
    form = _leader_form(request, scheme)
    if form.is_valid():
        try:
            services_pay.leader_link_set(actor=request.user, scheme=scheme, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已保存班子成员挂钩。"))
    else:
        messages.error(request, _("请选择班子成员和职务。"))
    return redirect("assessment:pay", scheme.pk)


@require_POST
def leader_remove(request, pk: int):
    require_cap(request.user, Cap.ASSESSMENT_MANAGE)
    link = get_or_not_found(LeaderLink.objects.select_related("scheme"), pk)
    scheme = _pay_scheme(request, link.scheme_id)
    services_pay.leader_link_remove(actor=request.user, link=link)
    return redirect("assessment:pay", scheme.pk)


@require_POST
def pay_run_create(request, pk: int):
    require_cap(request.user, Cap.ASSESSMENT_MANAGE)
    scheme = _pay_scheme(request, pk)
    form = PayRunForm(request.POST)
    if not form.is_valid():
        return redirect("assessment:pay", scheme.pk)
    try:
        run = services_pay.pay_run_create(
            actor=request.user, scheme=scheme, band_rounding=form.cleaned_data["band_rounding"]
        )
    except TransitionBlocked as exc:
        for issue in exc.issues:
            messages.error(request, issue)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        return redirect("assessment:pay_run", run.pk)
    return redirect("assessment:pay", scheme.pk)


def _run(request, pk: int) -> PayRun:
    run = get_or_not_found(PayRun.objects.select_related("scheme"), pk)
    _pay_scheme(request, run.scheme_id)
    return run


def pay_run_detail(request, pk: int):
    run = _run(request, pk)
    lines = run.lines.select_related("person", "person__unit").order_by("id")
    return render(request, "assessment/pay_run.html", {"run": run, "scheme": run.scheme, "lines": lines})


def pay_run_xlsx(request, pk: int):
    run = _run(request, pk)
    return download(documents.payout_xlsx(run), f"{run.scheme.title}-目标管理奖金发放表.xlsx", XLSX)
