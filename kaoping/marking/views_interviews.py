"""Organiser pages of interviews: list, create, the interview page (settings, panels and examiners,
candidates, order draws, start/close) and results (raw, 修正系数, final) with audited unlock."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import require_cap
from kaoping.common.access import get_or_not_found, not_found
from kaoping.common.errors import DomainError
from kaoping.common.view_helpers import flash_error, form_action
from kaoping.marking import selectors_interview as sel
from kaoping.marking import services_draws
from kaoping.marking import services_interview as si
from kaoping.marking.access import access_interview, access_interview_mark, access_panel, access_panel_member
from kaoping.marking.forms import (
    InterviewCandidateForm,
    InterviewCreateForm,
    InterviewSettingsForm,
    MemberForm,
    PanelForm,
    ReasonForm,
)
from kaoping.marking.models import Draw, InterviewMark
from kaoping.marking.views_common import list_with_create


def interview_list(request):
    require_cap(request.user, Cap.MARKING_MANAGE)
    return list_with_create(
        request,
        search=sel.interview_list,
        form_class=InterviewCreateForm,
        create=si.interview_create,
        success_message=_("面试已创建，评分项按预设方案生成。"),
        template="marking/interview_list.html",
        detail_url="marking:interview_detail",
    )


def interview_detail(request, pk):
    interview = access_interview(request.user, pk)
    panels = []
    draws = {d.panel_id: d for d in Draw.objects.filter(panel__interview=interview)}
    for p in interview.panels.prefetch_related("members__user"):
        panels.append(
            {
                "panel": p,
                "members": list(p.members.all()),
                "candidates": list(p.candidates.select_related("person__unit").order_by("order_no", "id")),
                "draw": draws.get(p.pk),
                "issues": si.panel_blocking_issues(p),
            }
        )
    ctx = {
        "interview": interview,
        "panels": panels,
        "parts": interview.parts.all(),
        "panel_form": PanelForm(),
        "member_form": MemberForm(),
        "candidate_form": InterviewCandidateForm(interview=interview),
        "settings_form": InterviewSettingsForm(
            initial={
                "trim_k": interview.trim_k,
                "per_element": interview.per_element,
                "correction_overall": interview.correction_overall,
                "correction_trim_k": interview.correction_trim_k,
                "rounding_places": interview.rounding_places,
                "rounding_mode": interview.rounding_mode,
            }
        ),
        "start_issues": si.interview_start_blocking_issues(interview) if interview.status == "setup" else [],
        "close_issues": si.interview_close_blocking_issues(interview)
        if interview.status == "scoring"
        else [],
    }
    return render(request, "marking/interview_detail.html", ctx)


def _back(interview):
    return redirect("marking:interview_detail", pk=interview.pk)


@require_POST
def interview_settings(request, pk):
    interview = access_interview(request.user, pk)
    form_action(
        request,
        InterviewSettingsForm(request.POST),
        partial(si.interview_settings_update, actor=request.user, interview=interview),
        success=_("设置已保存。"),
        invalid=_("设置有误，请检查。"),
    )
    return _back(interview)


@require_POST
def panel_add(request, pk):
    interview = access_interview(request.user, pk)
    form_action(
        request,
        PanelForm(request.POST),
        partial(si.panel_create, actor=request.user, interview=interview),
        success=_("考官组已添加。"),
    )
    return _back(interview)


@require_POST
def member_add(request, panel_pk):
    panel = access_panel(request.user, panel_pk)
    form_action(
        request,
        MemberForm(request.POST),
        partial(si.panel_member_add, actor=request.user, panel=panel),
        success=_("考官已加入考官组。"),
        invalid=_("请选择考官。"),
    )
    return _back(panel.interview)


@require_POST
def member_remove(request, member_pk):
    member = access_panel_member(request.user, member_pk)
    try:
        si.panel_member_remove(actor=request.user, member=member)
        messages.success(request, _("考官已移出考官组。"))
    except DomainError as exc:
        flash_error(request, exc)
    return _back(member.panel.interview)


@require_POST
def interview_candidate_add(request, pk):
    interview = access_interview(request.user, pk)
    form_action(
        request,
        InterviewCandidateForm(request.POST, interview=interview),
        partial(si.interview_candidate_add, actor=request.user, interview=interview),
        success=_("考生已添加。"),
        invalid=_("请选择考官组和考生。"),
    )
    return _back(interview)


@require_POST
def interview_candidate_remove(request, pk, candidate_pk):
    interview = access_interview(request.user, pk)
    candidate = get_or_not_found(interview.candidates.select_related("person", "panel"), candidate_pk)
    try:
        si.interview_candidate_remove(actor=request.user, candidate=candidate)
        messages.success(request, _("考生已删除。"))
    except DomainError as exc:
        flash_error(request, exc)
    return _back(interview)


@require_POST
def panel_draw(request, panel_pk):
    panel = access_panel(request.user, panel_pk)
    try:
        draw = Draw.objects.filter(panel=panel, kind=Draw.Kind.INTERVIEW_ORDER).first()
        if request.POST.get("step") == "perform" and draw is not None:
            draw = services_draws.draw_perform(actor=request.user, draw=draw)
            messages.success(request, _("抽签完成。"))
        else:
            draw = services_draws.draw_commit(actor=request.user, kind=Draw.Kind.INTERVIEW_ORDER, panel=panel)
            messages.success(request, _("已生成种子并公布其承诺值，请见证人记录后再抽签。"))
        return redirect("marking:draw_detail", pk=draw.pk)
    except DomainError as exc:
        flash_error(request, exc)
    return _back(panel.interview)


@require_POST
def interview_transition(request, pk, action):
    interview = access_interview(request.user, pk)
    fn = {"start": si.interview_start, "close": si.interview_close}.get(action)
    if fn is None:
        raise not_found()
    try:
        fn(actor=request.user, interview=interview)
        messages.success(request, _("已开始面试评分。") if action == "start" else _("面试评分已结束。"))
    except DomainError as exc:
        flash_error(request, exc)
    return _back(interview)


def interview_results(request, pk):
    interview = access_interview(request.user, pk)
    rows = sel.interview_table(interview)
    marks = {}
    for m in (
        InterviewMark.objects.filter(candidate__interview=interview)
        .select_related("member__user", "superseded_by")
        .order_by("member__seat", "id")
    ):
        marks.setdefault(m.candidate_id, []).append(m)
    return render(
        request,
        "marking/interview_results.html",
        {
            "interview": interview,
            "rows": [(r, marks.get(r.candidate.pk, [])) for r in rows],
            "results": sel.interview_results(interview),
            "parts": list(interview.parts.all()),
            "form": ReasonForm(),
        },
    )


@require_POST
def interview_mark_unlock(request, mark_pk):
    mark = access_interview_mark(request.user, mark_pk)
    form_action(
        request,
        ReasonForm(request.POST),
        partial(si.interview_mark_unlock, actor=request.user, mark=mark),
        success=_("评分已解锁，原评分保留，考官可重新评分。"),
        invalid=_("请填写更正原因。"),
    )
    return redirect("marking:interview_results", pk=mark.candidate.interview_id)
