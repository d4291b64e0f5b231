"""Campaign pages (竞争上岗): the list, new (from a preset or a copy), the campaign page with its stage stepper,
blocking issues and tab bar, settings, the scheme (key numbers + JSON), positions and the 职位说明书."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap, require_cap
from kaoping.common.errors import DomainError, TransitionBlocked, ValidationFailed
from kaoping.org.forms import apply_service_error
from kaoping.scoring.selection import SelectionScheme
from kaoping.selection import selectors, services, services_positions
from kaoping.selection.access import access_campaign, access_position
from kaoping.selection.forms import CampaignCreateForm, CampaignForm, PositionForm
from kaoping.selection.forms_scheme import PATH_TO_FIELD, STAGE_CHOICES, SchemeForm, SchemeJsonForm
from kaoping.selection.models import Campaign

Stage = Campaign.Stage


@dataclass
class StageStep:
    value: str
    label: str
    state: str  # done / current / upcoming


@dataclass
class Tab:
    key: str
    label: str
    url: str


def stage_steps(campaign: Campaign) -> list[StageStep]:
    current = campaign.stage_index
    states = ("done", "current", "upcoming")
    return [
        StageStep(value, str(label), states[(i > current) - (i < current) + 1])
        for i, (value, label) in enumerate(Stage.choices)
    ]


def campaign_context(request, campaign: Campaign, tab: str) -> dict:
    """What every campaign tab page shows in its header: stepper, tabs, the user's rights."""
    nxt = services.next_stage(campaign)
    return {
        "campaign": campaign,
        "steps": stage_steps(campaign),
        "tab": tab,
        "Stage": Stage,
        "next_label": Stage(nxt).label if nxt else "",
        "can_manage": has_cap(request.user, Cap.SELECTION_MANAGE),
        "can_register": has_cap(request.user, Cap.SELECTION_REGISTER),
    }


# ---------------------------------------------------------------------------------------- list / create


def campaign_list(request):
    require_cap(request.user, Cap.SELECTION_VIEW)
    q = request.GET.get("q", "").strip()
    page = Paginator(selectors.campaign_list(q), settings.KAOPING_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "selection/campaign_list.html",
        {"page": page, "q": q, "can_manage": has_cap(request.user, Cap.SELECTION_MANAGE)},
    )


def _create_initial(request) -> dict:
    initial = {"source": services.DEFAULT_PRESET, "notice_working_days": 5}
    source = request.GET.get("copy_from", "")
    if source.isdigit() and Campaign.objects.filter(pk=int(source)).exists():
        initial.update({"source": "copy", "copy_from": int(source)})
    return initial


def campaign_create(request):
    require_cap(request.user, Cap.SELECTION_MANAGE)
    presets = services.selection_presets()
    form = CampaignCreateForm(
        request.POST or None,
        presets=presets,
        campaigns=Campaign.objects.order_by("-created_at"),
        initial=_create_initial(request),
    )
    if request.method == "POST" and form.is_valid():
        data = form.campaign_fields()
        try:
            if form.cleaned_data["source"] == "copy":
                campaign = services.campaign_copy(
                    actor=request.user, source=form.cleaned_data["copy_from"], title=data["title"]
                )
                data.pop("title")
                campaign = services.campaign_update(actor=request.user, campaign=campaign, **data)
            else:
                campaign = services.campaign_create(
                    actor=request.user, preset_key=form.cleaned_data["source"], **data
                )
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("竞争上岗已创建，请设置职位并核对计分方案。"))
            return redirect("selection:campaign_detail", pk=campaign.pk)
    return render(
        request,
        "selection/campaign_form.html",
        {"form": form, "is_new": True},
        status=422 if form.errors else 200,
    )


# -------------------------------------------------------------------------------------------- the page


def _pct(value) -> str:
    return format((value * 100).normalize(), "f")


def render_detail(request, campaign: Campaign, *, status: int = 200, **extra):
    context = campaign_context(request, campaign, "overview")
    try:
        scheme = SelectionScheme.from_dict(campaign.scheme)
    except Exception:
        scheme = None
    labels = dict(STAGE_CHOICES)
    context.update(
        {
            "scheme": scheme,
            "weights": [(labels.get(k, k), _pct(w)) for k, w in scheme.weights] if scheme else [],
            "participation_pct": _pct(scheme.participation_threshold) if scheme else "",
            "issues": services.campaign_blocking_issues(campaign) if campaign.stage != Stage.DONE else [],
            "preset": services.selection_presets().get(campaign.preset_key),
            "positions": list(selectors.positions_with_counts(campaign)),
        }
    )
    context.update(extra)
    return render(request, "selection/campaign_detail.html", context, status=status)


def campaign_detail(request, pk: int):
    return render_detail(request, access_campaign(request.user, pk))


@require_POST
def campaign_advance(request, pk: int):
    campaign = access_campaign(request.user, pk, Cap.SELECTION_MANAGE)
    try:
        campaign = services.campaign_advance(
            actor=request.user, campaign=campaign, confirm=request.POST.get("confirm") == "1"
        )
    except TransitionBlocked as exc:
        return render_detail(request, campaign, blocked_issues=exc.issues, status=409)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已进入“%(stage)s”阶段。") % {"stage": campaign.get_stage_display()})
    return redirect("selection:campaign_detail", pk=campaign.pk)


def campaign_edit(request, pk: int):
    campaign = access_campaign(request.user, pk, Cap.SELECTION_MANAGE)
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        campaign = Campaign.objects.get(pk=campaign.pk)  # form validation mutated the instance
        try:
            services.campaign_update(actor=request.user, campaign=campaign, **data)
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("selection:campaign_detail", pk=campaign.pk)
    return render(
        request,
        "selection/campaign_form.html",
        {"form": form, "campaign": campaign, "is_new": False},
        status=422 if form.errors else 200,
    )


@require_POST
def campaign_delete(request, pk: int):
    campaign = access_campaign(request.user, pk, Cap.SELECTION_MANAGE)
    try:
        services.campaign_delete(actor=request.user, campaign=campaign)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("selection:campaign_detail", pk=campaign.pk)
    messages.success(request, _("已删除。"))
    return redirect("selection:index")


# ----------------------------------------------------------------------------------------------- scheme


def _scheme_error(form, exc: ValidationFailed) -> None:
    """Show the engine's SchemeError at the input it concerns (else on the form), with the field path."""
    for path, msgs in exc.errors.items():
        target = next(
            (f for p, f in sorted(PATH_TO_FIELD.items(), key=lambda x: -len(x[0])) if path.startswith(p)),
            None,
        )
        for message in msgs:
            if target and target in form.fields:
                form.add_error(target, message)
            else:
                form.add_error(None, _("%(path)s：%(m)s") % {"path": path, "m": message})


def campaign_scheme(request, pk: int):
    campaign = access_campaign(request.user, pk)
    can_edit = has_cap(request.user, Cap.SELECTION_MANAGE) and not campaign.stage_reached(Stage.REGISTRATION)
    data = request.POST if request.method == "POST" else None
    mode = request.POST.get("mode", "numbers")
    form = SchemeForm(data if mode == "numbers" else None, scheme=campaign.scheme)
    json_form = SchemeJsonForm(
        data if mode == "json" else None,
        initial={"scheme_json": json.dumps(campaign.scheme, ensure_ascii=False, indent=2)},
    )
    if data is not None:
        require_cap(request.user, Cap.SELECTION_MANAGE)
        bound = form if mode == "numbers" else json_form
        if bound.is_valid():
            scheme = form.merged() if mode == "numbers" else json_form.cleaned_data["scheme_json"]
            try:
                services.campaign_scheme_save(actor=request.user, campaign=campaign, scheme=scheme)
            except ValidationFailed as exc:
                _scheme_error(bound, exc)
            except DomainError as exc:
                bound.add_error(None, exc.message)
            else:
                messages.success(request, _("计分方案已保存。"))
                return redirect("selection:campaign_scheme", pk=campaign.pk)
    context = campaign_context(request, campaign, "scheme")
    context.update({"form": form, "json_form": json_form, "can_edit": can_edit, "mode": mode})
    has_errors = form.errors or json_form.errors
    return render(request, "selection/campaign_scheme.html", context, status=422 if has_errors else 200)


# -------------------------------------------------------------------------------------------- positions


def _levels(campaign: Campaign) -> list[str]:
    lists = (campaign.scheme or {}).get("eligibility") or {}
    return [name for name in lists if name in ("副局级", "正处级", "副处级", "正局级")] or list(lists)


def campaign_positions(request, pk: int):
    campaign = access_campaign(request.user, pk)
    context = campaign_context(request, campaign, "positions")
    context["positions"] = list(selectors.positions_with_counts(campaign))
    return render(request, "selection/position_list.html", context)


def position_create(request, pk: int):
    campaign = access_campaign(request.user, pk, Cap.SELECTION_MANAGE)
    form = PositionForm(
        request.POST or None, levels=_levels(campaign), initial={"order": campaign.positions.count() + 1}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services_positions.position_create(actor=request.user, campaign=campaign, **form.cleaned_data)
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("职位已添加。"))
            return redirect("selection:campaign_positions", pk=campaign.pk)
    context = campaign_context(request, campaign, "positions")
    context.update({"form": form, "position": None})
    return render(request, "selection/position_form.html", context, status=422 if form.errors else 200)


def position_edit(request, pk: int):
    position = access_position(request.user, pk, Cap.SELECTION_MANAGE)
    campaign = position.campaign
    text_only = campaign.stage != Stage.DRAFT
    form = PositionForm(
        request.POST or None, instance=position, levels=_levels(campaign), text_only=text_only
    )
    if request.method == "POST" and form.is_valid():
        data = {n: form.cleaned_data[n] for n in form.fields if not form.fields[n].disabled}
        position.refresh_from_db()
        try:
            services_positions.position_update(actor=request.user, position=position, **data)
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("职位已保存。"))
            return redirect("selection:campaign_positions", pk=campaign.pk)
    context = campaign_context(request, campaign, "positions")
    context.update({"form": form, "position": position, "text_only": text_only})
    return render(request, "selection/position_form.html", context, status=422 if form.errors else 200)


@require_POST
def position_delete(request, pk: int):
    position = access_position(request.user, pk, Cap.SELECTION_MANAGE)
    try:
        services_positions.position_delete(actor=request.user, position=position)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("职位已删除。"))
    return redirect("selection:campaign_positions", pk=position.campaign_id)


def position_docx(request, pk: int):
    from kaoping.selection.documents import docx_response, position_description_docx

    position = access_position(request.user, pk)
    return docx_response(position_description_docx(position), _("%(t)s职位说明书") % {"t": position.title})


def positions_docx(request, pk: int):
    from kaoping.selection.documents import docx_response, positions_description_docx

    campaign = access_campaign(request.user, pk)
    return docx_response(positions_description_docx(campaign), _("%(t)s职位说明书") % {"t": campaign.title})


def campaign_counts(request, pk: int):
    """Registration counts per position (published by the organiser, R000-03)."""
    campaign = access_campaign(request.user, pk)
    context = campaign_context(request, campaign, "registrations")
    context["positions"] = list(selectors.positions_with_counts(campaign))
    context["minimum"] = (campaign.scheme.get("registration") or {}).get("min_registrants", 3)
    visible = campaign.counts_published_at is not None or has_cap(request.user, Cap.SELECTION_MANAGE)
    context["visible"] = visible
    return render(request, "selection/campaign_counts.html", context)
