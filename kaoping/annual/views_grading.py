"""Grading pages: proposals with reasons and derivations (on click), the committee's decisions with written
reasons, the notice of proposed 优秀 (RP-08) with objections, the confirmation and the results."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.annual import selectors as sel
from kaoping.annual import services_grading as gsvc
from kaoping.annual import services_notice as nsvc
from kaoping.annual.forms import DecideForm, NoticeForm, ObjectionForm, ResolveForm
from kaoping.annual.views import round_context
from kaoping.annual.views_setup import _call, _errors
from kaoping.common.errors import TransitionBlocked


def proposals(request, pk: int):
    rnd = sel.access_round(request.user, pk)
    context = round_context(request, rnd, "proposals")
    q, show = request.GET.get("q", "").strip(), request.GET.get("show", "")
    team_rows = sel.filter_proposals(sel.round_proposals(rnd, "team"), q, show)
    cadre_rows = sel.filter_proposals(sel.round_proposals(rnd, "cadre"), q, show)
    context.update(
        {
            "team_rows": team_rows,
            "cadre_rows": cadre_rows,
            "team_grades": rnd.team_grading.get("grades", []),
            "cadre_grades": rnd.cadre_grading.get("grades", []),
            "may_decide": context["may_confirm"] and rnd.stage in (rnd.Stage.GRADING, rnd.Stage.NOTICE),
            "may_compute": context["may_manage"] and rnd.stage in (rnd.Stage.SCORING, rnd.Stage.GRADING),
            "streaks": sel.streak_preview(rnd, cadre_rows),
            "q": q,
            "show": show,
        }
    )
    return render(request, "annual/proposals.html", context)


@require_POST
def proposals_compute(request, pk: int):
    rnd = sel.access_round(request.user, pk, Cap.ANNUAL_MANAGE)
    _call(request, lambda: gsvc.proposals_compute(actor=request.user, round=rnd), _("建议等次已重新计算。"))
    return redirect("annual:proposals", pk=rnd.pk)


@require_POST
def proposals_accept(request, pk: int):
    rnd = sel.access_round(request.user, pk, Cap.ANNUAL_CONFIRM)
    _call(request, lambda: gsvc.proposals_accept(actor=request.user, round=rnd), _("已采纳系统建议等次。"))
    return redirect("annual:proposals", pk=rnd.pk)


@require_POST
def proposal_decide(request, pk: int):
    proposal = sel.access_proposal(request.user, pk)
    form = DecideForm(request.POST, grades=gsvc.allowed_grades(proposal))
    if not form.is_valid():
        _errors(request, form)
    else:
        _call(
            request,
            lambda: gsvc.proposal_decide(actor=request.user, proposal=proposal, **form.cleaned_data),
            _("%(s)s的等次已确定为“%(g)s”。")
            % {"s": proposal.subject_label, "g": form.cleaned_data["grade"]},
        )
    return redirect(f"{_url('annual:proposals', proposal.round_id)}#p{proposal.pk}")


def _url(name: str, pk: int) -> str:
    from django.urls import reverse

    return reverse(name, args=[pk])


# ------------------------------------------------------------------------------------------------ notice


def notice(request, pk: int):
    rnd = sel.access_round(request.user, pk)
    context = round_context(request, rnd, "notice")
    current = getattr(rnd, "notice", None)
    context.update(
        {
            "notice": current,
            "candidates": nsvc.excellent_cadres(rnd),
            "objections": list(current.objections.select_related("cadre__person")) if current else [],
            "notice_form": NoticeForm(initial={"start_date": timezone.localdate()}),
            "objection_form": ObjectionForm(round=rnd, initial={"received_on": timezone.localdate()}),
            "resolve_form": ResolveForm(),
            "issues": nsvc.confirm_issues(rnd, timezone.localdate())
            if current
            else gsvc.decision_issues(rnd),
        }
    )
    return render(request, "annual/notice.html", context)


@require_POST
def notice_publish(request, pk: int):
    rnd = sel.access_round(request.user, pk, Cap.ANNUAL_MANAGE)
    form = NoticeForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
    else:
        _call(
            request,
            lambda: nsvc.notice_publish(actor=request.user, round=rnd, **form.cleaned_data),
            _("优秀等次公示已发布。"),
        )
    return redirect("annual:notice", pk=rnd.pk)


@require_POST
def objection_add(request, pk: int):
    rnd = sel.access_round(request.user, pk, Cap.ANNUAL_MANAGE)
    form = ObjectionForm(request.POST, round=rnd)
    if not form.is_valid():
        _errors(request, form)
    else:
        _call(
            request,
            lambda: nsvc.objection_add(actor=request.user, round=rnd, **form.cleaned_data),
            _("反映已登记。"),
        )
    return redirect("annual:notice", pk=rnd.pk)


@require_POST
def objection_resolve(request, pk: int):
    objection = sel.access_objection(request.user, pk)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
    else:
        _call(
            request,
            lambda: nsvc.objection_resolve(actor=request.user, objection=objection, **form.cleaned_data),
            _("处理结果已记录。"),
        )
    return redirect("annual:notice", pk=objection.notice.round_id)


@require_POST
def round_confirm(request, pk: int):
    rnd = sel.access_round(request.user, pk, Cap.ANNUAL_CONFIRM)
    try:
        nsvc.round_confirm(actor=request.user, round=rnd)
    except TransitionBlocked as exc:
        for issue in exc.issues:
            messages.error(request, issue)
        return redirect("annual:notice", pk=rnd.pk)
    messages.success(request, _("年度考核等次已确定，并已写入干部年度考核结果。"))
    return redirect("annual:results", pk=rnd.pk)


# ------------------------------------------------------------------------------------------------ results


def results(request, pk: int):
    rnd = sel.access_round(request.user, pk)
    context = round_context(request, rnd, "results")
    team_rows = sel.round_proposals(rnd, "team")
    cadre_rows = sel.round_proposals(rnd, "cadre")
    context.update(
        {
            "team_rows": team_rows,
            "cadre_rows": cadre_rows,
            "team_dist": sel.grade_distribution(team_rows),
            "cadre_dist": sel.grade_distribution(cadre_rows),
            "streaks": [p for p in cadre_rows if p.streak_flags],
        }
    )
    return render(request, "annual/results.html", context)
