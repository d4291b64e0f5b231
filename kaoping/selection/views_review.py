"""Eligibility review pages (资格审查, R000-07 … R000-14): the review queue with progress and a bulk check,
one registration's review (every rule with pass/fail/pending, reason and data; judgement items, exemption,
avoidance declarations; the decision; the base score with its derivation) and the qualified list."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap
from kaoping.common.access import get_or_not_found
from kaoping.common.errors import DomainError
from kaoping.org.forms import apply_service_error
from kaoping.scoring.trace import Derivation
from kaoping.selection import selectors
from kaoping.selection import services_review as revsvc
from kaoping.selection.access import access_campaign, access_registration, registrations_in_scope
from kaoping.selection.forms import AvoidanceForm, DecideForm, ReviewRecordForm
from kaoping.selection.models import Campaign, EligibilityReview, OfferedPosition, Registration, StageResult
from kaoping.selection.views_campaigns import campaign_context

Stage = Campaign.Stage
Status = Registration.Status


def campaign_review(request, pk: int):
    campaign = access_campaign(request.user, pk)
    q = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    qs = selectors.registrations_visible(request.user, campaign, search=q, status=status).exclude(
        status__in=(Status.UNIT_REVIEW, Status.WITHDRAWN)
    )
    page = Paginator(qs, settings.KAOPING_PAGE_SIZE).get_page(request.GET.get("page"))
    bases = selectors.base_results(campaign)
    page.object_list = list(page.object_list)
    for reg in page.object_list:
        reg.base_result = bases.get(reg.pk)
    context = campaign_context(request, campaign, "review")
    context.update(
        {
            "page": page,
            "q": q,
            "status": status,
            "Status": Status,
            "progress": selectors.review_progress(campaign),
            "not_opened": list(campaign.positions.filter(status=OfferedPosition.Status.NOT_OPENED)),
            "can_review": has_cap(request.user, Cap.SELECTION_MANAGE) and campaign.stage == Stage.REVIEW,
        }
    )
    return render(request, "selection/review_list.html", context)


@require_POST
def review_run_all(request, pk: int):
    campaign = access_campaign(request.user, pk, Cap.SELECTION_MANAGE)
    try:
        n = revsvc.review_run_all(actor=request.user, campaign=campaign)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已完成 %(n)s 人的资格条件检查。") % {"n": n})
    return redirect("selection:campaign_review", pk=campaign.pk)


def _review_of(registration: Registration) -> EligibilityReview | None:
    try:
        return registration.review
    except EligibilityReview.DoesNotExist:
        return None


def _record_form(registration: Registration, review: EligibilityReview | None, data=None) -> ReviewRecordForm:
    items = revsvc.judgement_items(registration)
    initial = {}
    if review is not None:
        initial = {
            "has_exemption": review.has_exemption,
            "exemption_approved_by": review.exemption_approved_by,
            "exemption_head_signed": review.exemption_head_signed,
        }
        for i, item in enumerate(items):
            value = (review.judgements or {}).get(item) or {}
            initial[f"j{i}_status"] = value.get("status", "pending")
            initial[f"j{i}_note"] = value.get("note", "")
    return ReviewRecordForm(data, items=items, initial=initial, auto_id="id_rec_%s")


def render_review(request, registration: Registration, *, status: int = 200, **forms):
    campaign = registration.campaign
    review = _review_of(registration)
    base = StageResult.objects.filter(registration=registration, stage=StageResult.Stage.BASE).first()
    can_review = (
        has_cap(request.user, Cap.SELECTION_MANAGE)
        and campaign.stage == Stage.REVIEW
        and registration.is_active
        and registration.status != Status.UNIT_REVIEW
    )
    context = campaign_context(request, campaign, "review")
    context.update(
        {
            "registration": registration,
            "person": registration.person,
            "review": review,
            "rows": [_display_row(r) for r in ((review.report if review else []) or [])],
            "avoidances": list(registration.avoidances.all()),
            "base": base,
            "base_derivation": Derivation.from_dict(base.derivation) if base and base.derivation else None,
            "can_review": can_review,
            "is_transfer": revsvc.is_transfer(registration),
            "record_form": forms.get("record_form") or _record_form(registration, review),
            "avoidance_form": forms.get("avoidance_form") or AvoidanceForm(auto_id="id_av_%s"),
            "decide_form": forms.get("decide_form")
            or DecideForm(
                initial={"reasons": "\n".join(_failed_reasons(review))} if review else None,
                auto_id="id_dec_%s",
            ),
        }
    )
    return render(request, "selection/review_detail.html", context, status=status)


def _plain(value) -> str:
    if isinstance(value, list | tuple):
        return "（" + "，".join(_plain(v) for v in value) + "）"
    if value is True:
        return _("是")
    if value is False:
        return _("否")
    return "—" if value is None else str(value)


def _display_row(row: dict) -> dict:
    """A stored report row with its data as one readable line (key = value; …)."""
    data = row.get("data") or {}
    return {**row, "data_text": "；".join(f"{k} = {_plain(v)}" for k, v in data.items())}


def _failed_reasons(review: EligibilityReview | None) -> list[str]:
    rows = (review.report if review else None) or []
    return [f"{r['rule']} {r['reason']}".strip() for r in rows if not r.get("passed")]


def review_detail(request, pk: int):
    return render_review(request, access_registration(request.user, pk))


def _call(request, registration, form, call, done: str, key: str):
    if form.is_valid():
        try:
            call(form)
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, done)
            return redirect("selection:review_detail", pk=registration.pk)
    return render_review(request, registration, status=422, **{key: form})


@require_POST
def review_run(request, pk: int):
    registration = access_registration(request.user, pk, Cap.SELECTION_MANAGE)
    try:
        revsvc.review_run(actor=request.user, registration=registration)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("资格条件已重新检查。"))
    return redirect("selection:review_detail", pk=registration.pk)


@require_POST
def review_record(request, pk: int):
    registration = access_registration(request.user, pk, Cap.SELECTION_MANAGE)
    form = _record_form(registration, _review_of(registration), request.POST)
    return _call(
        request,
        registration,
        form,
        lambda f: revsvc.review_record(
            actor=request.user,
            registration=registration,
            judgements=f.judgements(),
            has_exemption=f.cleaned_data["has_exemption"],
            exemption_approved_by=f.cleaned_data["exemption_approved_by"],
            exemption_head_signed=f.cleaned_data["exemption_head_signed"],
        ),
        _("审查记录已保存，资格条件已重新检查。"),
        "record_form",
    )


@require_POST
def avoidance_add(request, pk: int):
    registration = access_registration(request.user, pk, Cap.SELECTION_MANAGE)
    form = AvoidanceForm(request.POST, auto_id="id_av_%s")
    return _call(
        request,
        registration,
        form,
        lambda f: revsvc.avoidance_add(actor=request.user, registration=registration, **f.cleaned_data),
        _("回避情形已登记。"),
        "avoidance_form",
    )


@require_POST
def avoidance_delete(request, pk: int, avoidance_pk: int):
    registration = access_registration(request.user, pk, Cap.SELECTION_MANAGE)
    declaration = get_or_not_found(registration.avoidances.all(), avoidance_pk)
    try:
        revsvc.avoidance_delete(actor=request.user, declaration=declaration)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("回避情形已删除。"))
    return redirect("selection:review_detail", pk=registration.pk)


@require_POST
def review_decide(request, pk: int):
    registration = access_registration(request.user, pk, Cap.SELECTION_MANAGE)
    form = DecideForm(request.POST, auto_id="id_dec_%s")
    return _call(
        request,
        registration,
        form,
        lambda f: revsvc.review_decide(
            actor=request.user,
            registration=registration,
            qualified=f.cleaned_data["qualified"],
            reasons=f.cleaned_data["reasons"],
        ),
        _("资格审查结论已记录。"),
        "decide_form",
    )


# ------------------------------------------------------------------------------------- qualified list


def _qualified_for(user, campaign: Campaign):
    """The qualified list is published once the review closes (R000-13); before that each user sees the
    registrations of their own units only."""
    qs = selectors.qualified_registrations(campaign)
    if campaign.stage_reached(Stage.EVALUATION):
        return qs
    return qs.filter(pk__in=registrations_in_scope(user).values("pk"))


def qualified_list(request, pk: int):
    campaign = access_campaign(request.user, pk)
    bases = selectors.base_results(campaign)
    registrations = list(_qualified_for(request.user, campaign))
    for reg in registrations:
        reg.base_result = bases.get(reg.pk)
    context = campaign_context(request, campaign, "review")
    context.update(
        {
            "registrations": registrations,
            "rejected": list(selectors.registrations_visible(request.user, campaign, status=Status.REJECTED)),
        }
    )
    return render(request, "selection/review_qualified.html", context)


def qualified_docx(request, pk: int):
    from kaoping.selection.documents import docx_response, qualified_list_docx

    campaign = access_campaign(request.user, pk)
    return docx_response(qualified_list_docx(campaign), _("资格审查合格人员名单"))


def qualified_xlsx(request, pk: int):
    from kaoping.selection.documents import qualified_list_xlsx, xlsx_response

    campaign = access_campaign(request.user, pk)
    return xlsx_response(qualified_list_xlsx(campaign), _("资格审查合格人员名单"))
