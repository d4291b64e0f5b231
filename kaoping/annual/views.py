"""Annual-round pages: the list (search, pagination), a new round, the round page by stage with its blocking
issues and next step, the settings and the editable schemes (copied from the seed-002 presets)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import covers_all_units, has_cap, require_cap
from kaoping.annual import selectors as sel
from kaoping.annual import services as svc
from kaoping.annual import services_grading as gsvc
from kaoping.annual.forms import RoundForm, RoundSettingsForm, SchemeForm
from kaoping.annual.models import AnnualRound, Proposal
from kaoping.annual.presets import SCHEME_FIELDS
from kaoping.common.errors import DomainError, TransitionBlocked
from kaoping.org.forms import apply_service_error

Stage = AnnualRound.Stage
PAGE_SIZE = 20

SCHEME_LABELS = {
    "team_grading": _l("班子定等规则（R002-03）"),
    "cadre_grading": _l("干部定等规则（R002-06 / RP-06）"),
    "team_votes": _l("班子民主测评计分（R002-02）"),
    "head_votes": _l("正职民主测评计分"),
    "deputy_votes": _l("副职民主测评计分"),
    "team_total": _l("班子总分（R002-01）"),
    "head_total": _l("正职得分（R002-04）"),
    "deputy_total": _l("副职得分（R002-05）"),
    "streaks": _l("连续年度提示（RP-07）"),
    "cadre_management": _l("试用期、基层锻炼与后备干部（R002-07 … R002-09）"),
}


def index(request):
    """The round list: rounds the user may see, plus those their unit scores sub-items in."""
    if not (has_cap(request.user, Cap.ANNUAL_VIEW) or has_cap(request.user, Cap.ANNUAL_SUBITEM)):
        require_cap(request.user, Cap.ANNUAL_VIEW)
    q = request.GET.get("q", "")
    page = Paginator(sel.round_list(request.user, q), PAGE_SIZE).get_page(request.GET.get("page"))
    full = set(
        sel.rounds_visible(request.user).filter(pk__in=[r.pk for r in page]).values_list("pk", flat=True)
    )
    return render(
        request,
        "annual/round_list.html",
        {
            "page": page,
            "q": q,
            "full": full,
            "may_create": covers_all_units(request.user, Cap.ANNUAL_MANAGE)
            or has_cap(request.user, Cap.ANNUAL_MANAGE),
        },
    )


def round_create(request):
    require_cap(request.user, Cap.ANNUAL_MANAGE)
    form = RoundForm(request.POST or None, initial={"grade_set": AnnualRound.GradeSet.CIVIL_SERVANT})
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        if not sel.may(request.user, Cap.ANNUAL_MANAGE, AnnualRound(unit=unit)):
            form.add_error("unit", _("您无权为该单位组织年度考核。"))
        else:
            try:
                rnd = svc.round_create(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                apply_service_error(form, exc)
            else:
                messages.success(request, _("年度考核已创建，已复制种子方案的考核规则。"))
                return redirect("annual:round_detail", pk=rnd.pk)
    return render(request, "annual/round_create.html", {"form": form}, status=422 if form.errors else 200)


def stage_steps(rnd: AnnualRound) -> list[dict]:
    current = list(Stage.values).index(rnd.stage)
    return [
        {"label": label, "state": "done" if i < current else "current" if i == current else "upcoming"}
        for i, (_value, label) in enumerate(Stage.choices)
    ]


def round_context(request, rnd: AnnualRound, tab: str) -> dict:
    """What every round page shows above its content: stepper, tabs and the user's powers."""
    user = request.user
    return {
        "round": rnd,
        "tab": tab,
        "steps": stage_steps(rnd),
        "Stage": Stage,
        "may_manage": sel.may(user, Cap.ANNUAL_MANAGE, rnd),
        "may_confirm": sel.may(user, Cap.ANNUAL_CONFIRM, rnd),
        "may_view": sel.may(user, Cap.ANNUAL_VIEW, rnd),
    }


def round_detail(request, pk: int):
    rnd = sel.access_round(request.user, pk)
    context = round_context(request, rnd, "overview")
    context["issues"] = gsvc.round_blocking_issues(rnd) if rnd.stage in (Stage.SETUP, Stage.SCORING) else []
    context["counts"] = {
        "teams": rnd.teams.count(),
        "cadres": rnd.cadres.count(),
        "sub_items": rnd.sub_items.count(),
        "types": list(rnd.team_types.all()),
    }
    holidays = rnd.holidays or {}
    variants = rnd.quota_variants or {}
    context["settings_form"] = RoundSettingsForm(
        round=rnd,
        initial={
            "commended": [int(k) for k, v in variants.items() if v == "commended"],
            "poorly_rated": [int(k) for k, v in variants.items() if v == "poorly_rated"],
            "title": rnd.title,
            "notice_working_days": rnd.notice_working_days,
            "holidays": "\n".join(holidays.get("holidays", [])),
            "workdays": "\n".join(holidays.get("workdays", [])),
        },
    )
    context["schemes"] = [(f, SCHEME_LABELS[f]) for f in SCHEME_FIELDS]
    context["proposal_summary"] = [
        (str(Proposal.Status(row["status"]).label), row["n"])
        for row in rnd.proposals.values("status").annotate(n=Count("id")).order_by("status")
    ]
    context["undecided"] = rnd.proposals.filter(decided_grade="").count()
    return render(request, "annual/round_detail.html", context)


@require_POST
def round_advance(request, pk: int):
    rnd = sel.access_round(request.user, pk, Cap.ANNUAL_MANAGE)
    try:
        gsvc.round_advance(actor=request.user, round=rnd)
    except TransitionBlocked as exc:
        for issue in exc.issues[:20]:
            messages.error(request, issue)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已进入“%(s)s”阶段。") % {"s": rnd.get_stage_display()})
    return redirect("annual:round_detail", pk=rnd.pk)


@require_POST
def round_settings(request, pk: int):
    rnd = sel.access_round(request.user, pk, Cap.ANNUAL_MANAGE)
    form = RoundSettingsForm(request.POST, round=rnd)
    if form.is_valid():
        data = form.cleaned_data
        try:
            svc.round_update(
                actor=request.user,
                round=rnd,
                title=data["title"],
                notice_working_days=data["notice_working_days"],
                holidays={"holidays": data["holidays"], "workdays": data["workdays"]},
                quota_variants=form.quota_variants(),
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("设置已保存。"))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("annual:round_detail", pk=rnd.pk)


def round_scheme(request, pk: int, field: str):
    """View (everyone who sees the round) or edit (organiser, before grading) one scheme as JSON; the engine
    validates it and names the faulty field."""
    rnd = sel.access_round(request.user, pk)
    if field not in SCHEME_FIELDS:
        raise Http404
    may_edit = sel.may(request.user, Cap.ANNUAL_MANAGE, rnd) and rnd.is_editable
    form = SchemeForm(
        request.POST or None, initial={"data": json.dumps(getattr(rnd, field), ensure_ascii=False, indent=2)}
    )
    if request.method == "POST":
        if not may_edit:
            raise Http404
        if form.is_valid():
            try:
                svc.round_scheme_update(
                    actor=request.user, round=rnd, field=field, data=form.cleaned_data["data"]
                )
            except DomainError as exc:
                apply_service_error(form, exc)
            else:
                messages.success(request, _("规则已保存。"))
                return redirect("annual:round_detail", pk=rnd.pk)
    context = round_context(request, rnd, "overview")
    context.update({"form": form, "field": field, "label": SCHEME_LABELS[field], "may_edit": may_edit})
    return render(request, "annual/round_scheme.html", context, status=422 if form.errors else 200)
