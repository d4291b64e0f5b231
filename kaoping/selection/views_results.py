"""Results pages: the campaign overview (成绩排名), the ranking table of one position per stage with every
component and its derivation, computing results, recording a tie decision, the results workbook and the
成绩通知单. Scores are shown to the organiser and leaders; a liaison sees the published lists only."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap
from kaoping.common.access import get_or_not_found
from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.selection import documents_results as doc
from kaoping.selection import services_results as svc
from kaoping.selection.access import access_campaign
from kaoping.selection.models import Campaign
from kaoping.selection.models_stages import StageCut
from kaoping.selection.selectors_results import (
    access_result_registration,
    access_scores_position,
    campaign_overview,
    may_see_scores,
    position_cut,
    position_results_table,
    stage_closed,
)

Stage = Campaign.Stage
RESULT_STAGES = (Stage.EVALUATION, Stage.EXAM, Stage.INTERVIEW)
NEXT = {Stage.EVALUATION: Stage.EXAM, Stage.EXAM: Stage.INTERVIEW, Stage.INTERVIEW: Stage.INSPECTION}


def _reached(campaign: Campaign) -> list[str]:
    return [s for s in RESULT_STAGES if campaign.stage_reached(s)]


def results_overview(request, pk: int):
    campaign = access_campaign(request.user, pk, Cap.SELECTION_VIEW)
    full = may_see_scores(request.user)
    is_manager = has_cap(request.user, Cap.SELECTION_MANAGE)
    issues = []
    if campaign.stage in NEXT and full:
        issues = svc.results_blocking_issues(campaign, NEXT[campaign.stage])
    return render(
        request,
        "selection/results_overview.html",
        {
            "campaign": campaign,
            "summaries": campaign_overview(campaign, published_only=not full),
            "full": full,
            "can_compute": is_manager and campaign.stage in RESULT_STAGES,
            "stages": [(s, Stage(s).label, stage_closed(campaign, s)) for s in _reached(campaign)],
            "issues": issues,
            "next_label": Stage(NEXT[campaign.stage]).label if campaign.stage in NEXT else "",
        },
    )


@require_POST
def results_compute_view(request, pk: int):
    campaign = access_campaign(request.user, pk, Cap.SELECTION_MANAGE)
    try:
        summary = svc.results_compute(campaign=campaign, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("已计算%(s)s成绩：%(p)s 个职位，%(n)s 条结果。")
            % {
                "s": Stage(summary.stage).label,
                "p": summary.positions,
                "n": summary.results,
            },
        )
        if summary.vacant:
            messages.warning(request, _("暂时空缺的职位：%(p)s") % {"p": "、".join(summary.vacant)})
        if summary.unresolved:
            messages.warning(
                request,
                _("以下职位入围名额处存在并列，须研究确定：%(p)s") % {"p": "、".join(summary.unresolved)},
            )
    return redirect("selection:results", pk=campaign.pk)


def results_position(request, pk: int):
    position = access_scores_position(request.user, pk)
    campaign = position.campaign
    reached = _reached(campaign)
    if not reached:
        raise Http404
    stage = request.GET.get("stage") or reached[-1]
    if stage not in reached:
        raise Http404
    cut = position_cut(position, stage)
    rows = position_results_table(position, stage)
    may_resolve = (
        cut is not None
        and cut.has_unresolved_tie
        and has_cap(request.user, Cap.SELECTION_MANAGE)
        and campaign.stage == stage
    )
    return render(
        request,
        "selection/results_position.html",
        {
            "campaign": campaign,
            "position": position,
            "stage": stage,
            "stage_label": Stage(stage).label,
            "stages": [(s, Stage(s).label) for s in reached],
            "rows": rows,
            "cut": cut,
            "may_resolve": may_resolve,
            "tied_rows": [
                r for r in rows if r.ranking and r.ranking.advances is None and r.ranking.value is not None
            ],
            "show_exam": stage in (Stage.EXAM, Stage.INTERVIEW),
            "show_interview": stage == Stage.INTERVIEW,
            "is_locked": stage_closed(campaign, stage),
            "next_label": Stage(NEXT[stage]).label,
        },
    )


@require_POST
def cut_resolve_view(request, pk: int):
    if not has_cap(request.user, Cap.SELECTION_MANAGE):
        raise Http404
    cut = get_or_not_found(StageCut.objects.select_related("position__campaign"), pk)
    stage = Stage.EXAM if cut.cut == StageCut.Cut.INTERVIEW else Stage.INTERVIEW
    try:
        svc.cut_resolve(
            actor=request.user,
            cut=cut,
            advance=[int(v) for v in request.POST.getlist("advance") if v.isdigit()],
            note=request.POST.get("note", ""),
        )
    except ValidationFailed as exc:
        for msgs in exc.errors.values():
            for m in msgs:
                messages.error(request, m)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("并列处理结果已记录。"))
    return redirect(f"{_position_url(cut.position_id)}?stage={stage}")


def _position_url(pk: int) -> str:
    from django.urls import reverse

    return reverse("selection:results_position", args=[pk])


def results_derivations(request, pk: int):
    """The derivations of one candidate's scores (loaded into the ranking table on click, htmx)."""
    registration = access_result_registration(request.user, pk)
    stage = request.GET.get("stage", Stage.EVALUATION)
    if stage not in RESULT_STAGES:
        raise Http404
    results = {r.stage: r for r in registration.results.all()}
    ranking = {Stage.EVALUATION: "evaluation", Stage.EXAM: "after_exam", Stage.INTERVIEW: "total"}[stage]
    keys = ["base", "evaluation"] + (["exam"] if stage != Stage.EVALUATION else [])
    keys += ["interview"] if stage == Stage.INTERVIEW else []
    shown = [results[k].derivation for k in ([ranking] if ranking not in keys else []) + keys if k in results]
    return render(request, "selection/_results_derivations.html", {"derivations": shown})


def results_xlsx(request, pk: int, stage: str):
    campaign = access_campaign(request.user, pk, Cap.SELECTION_VIEW)
    if not may_see_scores(request.user) or stage not in _reached(campaign):
        raise Http404
    response = HttpResponse(doc.results_xlsx(campaign, stage), content_type=doc.XLSX)
    response["Content-Disposition"] = content_disposition_header(True, doc.results_file_name(campaign, stage))
    return response


def results_notice_docx(request, pk: int):
    registration = access_result_registration(request.user, pk)
    response = HttpResponse(doc.score_notice_docx(registration), content_type=doc.DOCX)
    response["Content-Disposition"] = content_disposition_header(
        True, doc.score_notice_file_name(registration)
    )
    return response
