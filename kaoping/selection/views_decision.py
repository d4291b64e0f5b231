"""The 研究决定 tab (R000-24/25: proposals, committee comments, the decision) and the 任前公示 tab (RP-08:
computed dates, the text, objections and their resolution, the notice document)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.common.access import get_or_not_found, not_found
from kaoping.common.errors import DomainError
from kaoping.selection import documents_notice
from kaoping.selection import selectors_decision as sel
from kaoping.selection import services_decision as dsvc
from kaoping.selection import services_notice as nsvc
from kaoping.selection.access import access_campaign
from kaoping.selection.forms_decision import (
    CommentForm,
    DecideForm,
    NoticeForm,
    ObjectionForm,
    ProposalForm,
    ResolveForm,
)
from kaoping.selection.models import Campaign, Proposal, Registration
from kaoping.selection.views_inspection import _run

Stage = Campaign.Stage
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _decision_url(pk: int, anchor: str = "") -> str:
    return reverse("selection:decision", args=[pk]) + (f"#{anchor}" if anchor else "")


def _notice_url(pk: int, anchor: str = "") -> str:
    return reverse("selection:notice", args=[pk]) + (f"#{anchor}" if anchor else "")


def _candidates(position):
    ids = [r.pk for r in dsvc.inspection_candidates(position)]
    return Registration.objects.filter(pk__in=ids).select_related("person__unit")


# ------------------------------------------------------------------------------------------------ decision


def decision(request, pk: int):
    campaign = sel.access_decision_campaign(request.user, pk)
    rows = sel.decision_rows(campaign)
    revisiting = dsvc.revisiting_positions(campaign) if campaign.stage == Stage.NOTICE else set()
    for row in rows:
        proposal = row.proposal
        row.comment_form = CommentForm(
            auto_id=f"id_c{row.position.pk}_%s",
            initial={
                "party_committee_comment": proposal.party_committee_comment if proposal else "",
                "discipline_committee_comment": proposal.discipline_committee_comment if proposal else "",
            },
        )
        row.decide_form = DecideForm(
            auto_id=f"id_d{row.position.pk}_%s",
            initial={
                "decision": Proposal.Decision.VACANT
                if proposal and not proposal.registration_id
                else "appoint"
            },
        )
        row.editable = campaign.stage == Stage.DECISION or row.position.pk in revisiting
    context = {
        **sel.header_context(request.user, campaign, "decision"),
        "rows": rows,
        "may_manage": sel.may_manage(request.user),
        "may_decide": sel.may_decide(request.user),
        "issues": dsvc.decision_stage_issues(campaign) if campaign.stage == Stage.DECISION else [],
        "Decision": Proposal.Decision,
    }
    return render(request, "selection/decision_page.html", context)


def _position(request, pk: int, position_pk: int, *, manage: bool):
    campaign = sel.access_decision_campaign(request.user, pk)
    if manage and not sel.may_manage(request.user):
        raise not_found()
    return campaign, get_or_not_found(campaign.positions.select_related("campaign"), position_pk)


@require_POST
def proposal_save(request, pk: int, position_pk: int):
    campaign, position = _position(request, pk, position_pk, manage=True)
    return _run(
        request,
        ProposalForm(request.POST, registrations=_candidates(position)),
        lambda d: dsvc.proposal_save(
            actor=request.user, position=position, registration=d["registration"], rationale=d["rationale"]
        ),
        _("“%(p)s”的任职建议已保存。") % {"p": position.title},
        _decision_url(campaign.pk, f"position-{position.pk}"),
    )


def _proposal(position) -> Proposal:
    proposal = Proposal.objects.filter(position=position).select_related("position__campaign").first()
    if proposal is None:
        raise DomainError(_("请先提出任职建议。"), code="no_proposal")
    return proposal


@require_POST
def proposal_comment(request, pk: int, position_pk: int):
    campaign, position = _position(request, pk, position_pk, manage=True)
    return _run(
        request,
        CommentForm(request.POST),
        lambda d: dsvc.proposal_comment(actor=request.user, proposal=_proposal(position), **d),
        _("机关党委、机关纪委意见已记录。"),
        _decision_url(campaign.pk, f"position-{position.pk}"),
    )


@require_POST
def proposal_decide(request, pk: int, position_pk: int):
    campaign, position = _position(request, pk, position_pk, manage=False)
    return _run(
        request,
        DecideForm(request.POST),
        lambda d: dsvc.proposal_decide(actor=request.user, proposal=_proposal(position), **d),
        _("“%(p)s”的研究决定已记录。") % {"p": position.title},
        _decision_url(campaign.pk, f"position-{position.pk}"),
    )


# -------------------------------------------------------------------------------------------------- notice


def notice(request, pk: int):
    campaign = access_campaign(request.user, pk)
    notice_obj = sel.notice_of(campaign)
    may_manage = sel.may_manage(request.user)
    editable = may_manage and campaign.stage == Stage.NOTICE and notice_obj is not None
    context = {
        **sel.header_context(request.user, campaign, "notice"),
        "notice": notice_obj,
        "min_end": nsvc.notice_min_end(campaign, notice_obj.start) if notice_obj else None,
        "appointees": nsvc.appointees(campaign) if notice_obj else [],
        "objections": sel.objections_of(notice_obj),
        "may_manage": may_manage,
        "editable": editable,
        "issues": dsvc.decision_blocking_issues(campaign, Stage.DONE)
        if campaign.stage == Stage.NOTICE
        else [],
        "today": timezone.localdate(),
    }
    if editable:
        context["notice_form"] = NoticeForm(
            auto_id="id_notice_%s",
            initial={
                "start": notice_obj.start,
                "end": notice_obj.end,
                "text": notice_obj.text,
                "contact": notice_obj.contact,
            },
        )
        context["objection_form"] = ObjectionForm(
            registrations=_appointee_registrations(campaign),
            auto_id="id_obj_%s",
            initial={"received_on": timezone.localdate()},
        )
        context["resolve_form"] = ResolveForm(auto_id=None)
    return render(request, "selection/notice_page.html", context)


def _appointee_registrations(campaign):
    ids = [p.registration_id for p in nsvc.appointees(campaign)]
    return Registration.objects.filter(pk__in=ids).select_related("person__unit")


def _managed_notice(request, pk: int):
    campaign = access_campaign(request.user, pk)
    notice_obj = sel.notice_of(campaign)
    if not sel.may_manage(request.user) or notice_obj is None:
        raise not_found()
    return campaign, notice_obj


@require_POST
def notice_update(request, pk: int):
    campaign, notice_obj = _managed_notice(request, pk)
    return _run(
        request,
        NoticeForm(request.POST),
        lambda d: nsvc.notice_update(actor=request.user, notice=notice_obj, **d),
        _("任前公示已更新。"),
        _notice_url(campaign.pk),
    )


@require_POST
def objection_add(request, pk: int):
    campaign, notice_obj = _managed_notice(request, pk)
    return _run(
        request,
        ObjectionForm(request.POST, registrations=_appointee_registrations(campaign)),
        lambda d: nsvc.objection_add(actor=request.user, notice=notice_obj, **d),
        _("反映的问题已登记。"),
        _notice_url(campaign.pk, "objections"),
    )


@require_POST
def objection_resolve(request, pk: int, objection_pk: int):
    campaign, notice_obj = _managed_notice(request, pk)
    objection = get_or_not_found(
        notice_obj.objections.select_related("registration__person", "notice__campaign"), objection_pk
    )
    return _run(
        request,
        ResolveForm(request.POST),
        lambda d: nsvc.objection_resolve(actor=request.user, objection=objection, **d),
        _("核查结果已记录。"),
        _notice_url(campaign.pk, "objections"),
    )


def notice_docx(request, pk: int):
    campaign = access_campaign(request.user, pk)
    notice_obj = sel.notice_of(campaign)
    if notice_obj is None:
        raise not_found()
    response = HttpResponse(documents_notice.notice_docx(notice_obj), content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''notice-{campaign.pk}.docx"
    return response
