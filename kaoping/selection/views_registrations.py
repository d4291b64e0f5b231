"""Registration pages (报名, R000-02 … R000-06): the registrations of a campaign the user may see, a new
registration (people limited to the user's units), one registration with unit sign-off, the written change,
the move away from a position that did not open, withdrawal, publishing the counts and the 报名表."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap
from kaoping.common.errors import DomainError
from kaoping.org.forms import apply_service_error
from kaoping.selection import selectors
from kaoping.selection import services_registration as regsvc
from kaoping.selection.access import access_campaign, access_registration, people_in_scope
from kaoping.selection.forms import ChangeForm, EditForm, RegistrationForm, SignForm, WithdrawForm
from kaoping.selection.models import Campaign, OfferedPosition, Registration
from kaoping.selection.views_campaigns import campaign_context

Stage = Campaign.Stage
Status = Registration.Status


def _open_positions(campaign: Campaign):
    return campaign.positions.filter(status=OfferedPosition.Status.OPEN).order_by("order", "id")


def campaign_registrations(request, pk: int):
    campaign = access_campaign(request.user, pk)
    q = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    position = request.GET.get("position", "")
    qs = selectors.registrations_visible(
        request.user,
        campaign,
        search=q,
        status=status,
        position_id=int(position) if position.isdigit() else None,
    )
    page = Paginator(qs, settings.KAOPING_PAGE_SIZE).get_page(request.GET.get("page"))
    context = campaign_context(request, campaign, "registrations")
    context.update({"page": page, "q": q, "status": status, "Status": Status})
    return render(request, "selection/registration_list.html", context)


def registration_create(request, pk: int):
    campaign = access_campaign(request.user, pk, Cap.SELECTION_REGISTER)
    people = people_in_scope(request.user).select_related("unit", "rank").order_by("unit__path", "name")
    form = RegistrationForm(request.POST or None, people=people, positions=_open_positions(campaign))
    if request.method == "POST" and form.is_valid():
        try:
            registration = regsvc.registration_create(
                actor=request.user, campaign=campaign, **form.cleaned_data
            )
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("报名已登记，请由所在单位审核签署后报送组织部。"))
            return redirect("selection:registration_detail", pk=registration.pk)
    context = campaign_context(request, campaign, "registrations")
    context["form"] = form
    return render(request, "selection/registration_form.html", context, status=422 if form.errors else 200)


def _detail_context(request, registration: Registration, **forms) -> dict:
    campaign = registration.campaign
    context = campaign_context(request, campaign, "registrations")
    may_register = has_cap(request.user, Cap.SELECTION_REGISTER)
    may_manage = has_cap(request.user, Cap.SELECTION_MANAGE)
    stage = campaign.stage
    active = registration.is_active
    others = _open_positions(campaign).exclude(pk=registration.position_id)
    context.update(
        {
            "registration": registration,
            "person": registration.person,
            "changes": list(registration.changes.select_related("from_position", "to_position")),
            "can_sign": may_register
            and active
            and stage == Stage.REGISTRATION
            and registration.status == Status.UNIT_REVIEW,
            "can_change": may_register
            and active
            and stage == Stage.REGISTRATION
            and campaign.counts_published_at is not None,
            "can_move": (may_register or may_manage)
            and active
            and stage == Stage.REVIEW
            and registration.position.status == OfferedPosition.Status.NOT_OPENED,
            "can_withdraw": may_register and active and stage in (Stage.REGISTRATION, Stage.REVIEW),
        }
    )
    if forms.get("change_form") is not None and not context["can_move"]:
        context["can_change"] = True  # show the refused request with its errors
    context["sign_form"] = forms.get("sign_form") or SignForm(auto_id="id_sign_%s")
    context["change_form"] = forms.get("change_form") or ChangeForm(positions=others, auto_id="id_change_%s")
    context["withdraw_form"] = forms.get("withdraw_form") or WithdrawForm(auto_id="id_wd_%s")
    context["edit_form"] = forms.get("edit_form") or EditForm(
        initial={
            "obeys_assignment": "1" if registration.obeys_assignment else "0",
            "health": registration.health,
        },
        auto_id="id_edit_%s",
    )
    return context


def registration_detail(request, pk: int):
    registration = access_registration(request.user, pk)
    return render(request, "selection/registration_detail.html", _detail_context(request, registration))


def _render_with(request, registration, status=422, **forms):
    return render(
        request,
        "selection/registration_detail.html",
        _detail_context(request, registration, **forms),
        status=status,
    )


@require_POST
def registration_sign(request, pk: int):
    registration = access_registration(request.user, pk, Cap.SELECTION_REGISTER)
    form = SignForm(request.POST, auto_id="id_sign_%s")
    if form.is_valid():
        try:
            regsvc.registration_sign(
                actor=request.user,
                registration=registration,
                opinion=form.cleaned_data["opinion"],
                signed_by=form.cleaned_data["signed_by"],
            )
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("单位意见已签署，报名已报送组织部。"))
            return redirect("selection:registration_detail", pk=registration.pk)
    return _render_with(request, registration, sign_form=form)


def _change(request, pk: int, service, done: str):
    registration = access_registration(request.user, pk, Cap.SELECTION_REGISTER)
    others = _open_positions(registration.campaign).exclude(pk=registration.position_id)
    form = ChangeForm(request.POST, positions=others, auto_id="id_change_%s")
    if form.is_valid():
        try:
            service(actor=request.user, registration=registration, **form.cleaned_data)
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, done)
            return redirect("selection:registration_detail", pk=registration.pk)
    return _render_with(request, registration, change_form=form)


@require_POST
def registration_change(request, pk: int):
    return _change(request, pk, regsvc.registration_change, _("报名职位已调整。"))


@require_POST
def registration_move(request, pk: int):
    return _change(request, pk, regsvc.registration_move, _("已改报其他职位。"))


@require_POST
def registration_edit(request, pk: int):
    registration = access_registration(request.user, pk, Cap.SELECTION_REGISTER)
    form = EditForm(request.POST, auto_id="id_edit_%s")
    if form.is_valid():
        try:
            regsvc.registration_update(actor=request.user, registration=registration, **form.cleaned_data)
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("报名信息已修改。"))
            return redirect("selection:registration_detail", pk=registration.pk)
    return _render_with(request, registration, edit_form=form)


@require_POST
def registration_withdraw(request, pk: int):
    registration = access_registration(request.user, pk, Cap.SELECTION_REGISTER)
    form = WithdrawForm(request.POST, auto_id="id_wd_%s")
    if form.is_valid():
        try:
            regsvc.registration_withdraw(
                actor=request.user, registration=registration, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("报名已撤回。"))
    return redirect("selection:registration_detail", pk=registration.pk)


@require_POST
def counts_publish(request, pk: int):
    campaign = access_campaign(request.user, pk, Cap.SELECTION_MANAGE)
    try:
        regsvc.counts_publish(actor=request.user, campaign=campaign)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("各职位报名情况已发布，报名人员可书面申请调整一次报名职位。"))
    return redirect("selection:campaign_counts", pk=campaign.pk)


def registration_docx(request, pk: int):
    from kaoping.selection.documents import docx_response, registration_form_docx

    registration = access_registration(request.user, pk)
    return docx_response(
        registration_form_docx(registration), _("报名表-%(name)s") % {"name": registration.person.name}
    )
