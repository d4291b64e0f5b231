"""REST endpoints of the selection app (mounted in kaoping/api.py under /api/selection/): campaigns,
positions, registrations (create / sign / change / withdraw), review decisions and stage transitions.

Same rules as the pages: 403 when the user lacks the capability altogether, 404 for a record that is missing
or outside the user's units (a liaison sees only the registrations of their own unit subtree), 422 with
Chinese messages for invalid input and for a refused transition (one item per blocking issue).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Status

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap
from kaoping.common.access import get_or_not_found
from kaoping.common.api_access import api_user
from kaoping.common.errors import NotFound, PermissionDenied, TransitionBlocked, ValidationFailed
from kaoping.selection import selectors, services, services_positions
from kaoping.selection import services_registration as regsvc
from kaoping.selection import services_review as revsvc
from kaoping.selection.access import access_campaign, access_position, access_registration, people_in_scope
from kaoping.selection.api_results import results_router
from kaoping.selection.api_schemas import (
    AdvanceIn,
    CampaignDetailOut,
    CampaignFilters,
    CampaignIn,
    CampaignOut,
    CampaignPage,
    CampaignPatch,
    ChangeIn,
    DecisionIn,
    ErrorsOut,
    IssuesOut,
    MessageOut,
    PositionIn,
    PositionOut,
    PositionPatch,
    RegistrationIn,
    RegistrationOut,
    RegistrationPage,
    ReviewOut,
    SchemeIn,
    SignIn,
    WithdrawIn,
)
from kaoping.selection.models import Campaign, EligibilityReview, OfferedPosition, Registration, StageResult

ERRORS = {403: MessageOut, 404: MessageOut, 422: ErrorsOut}

router = Router(tags=["竞争上岗"])
router.add_router("", results_router)


# ------------------------------------------------------------------------------------------- helpers


def _position_ref(campaign: Campaign, pk: int, field: str) -> OfferedPosition:
    try:
        return get_or_not_found(campaign.positions.all(), pk)
    except NotFound:
        raise ValidationFailed({field: [_("本次竞争上岗中没有该职位。")]}) from None


def _registration(user, pk: int, cap: str) -> Registration:
    _user_with_cap(user, cap)
    return access_registration(user, pk, cap)


def _user_with_cap(user, cap: str) -> None:
    if not has_cap(user, cap):
        raise PermissionDenied(_("您没有执行此操作的权限。"))


def _review_out(registration: Registration) -> dict[str, Any]:
    try:
        review = registration.review
    except EligibilityReview.DoesNotExist:
        review = None
    base = StageResult.objects.filter(registration=registration, stage=StageResult.Stage.BASE).first()
    return {
        "registration_id": registration.pk,
        "decision": review.decision if review else EligibilityReview.Decision.PENDING,
        "reasons": review.reasons if review else "",
        "evaluated_at": review.evaluated_at if review else None,
        "report": (review.report if review else []) or [],
        "judgements": (review.judgements if review else {}) or {},
        # the value as the engine formed it (rounded per the scheme), not the column's 4 places
        "base_score": (base.derivation or {}).get("value") if base else None,
        "base_derivation": base.derivation if base else None,
    }


# ------------------------------------------------------------------------------------------ campaigns


@router.get("campaigns", response={200: CampaignPage, **ERRORS}, summary=gettext_lazy("竞争上岗列表"))
def campaign_list(request: HttpRequest, filters: Query[CampaignFilters]):
    api_user(request, Cap.SELECTION_VIEW)
    qs = selectors.campaign_list(filters.q.strip())
    return {"count": qs.count(), "items": list(qs[filters.offset : filters.offset + filters.limit])}


@router.get(
    "campaigns/{int:campaign_id}",
    response={200: CampaignDetailOut, **ERRORS},
    summary=gettext_lazy("竞争上岗详情"),
)
def campaign_get(request: HttpRequest, campaign_id: int):
    return access_campaign(api_user(request, Cap.SELECTION_VIEW), campaign_id)


@router.post(
    "campaigns",
    response={201: CampaignDetailOut, **ERRORS},
    summary=gettext_lazy("新建竞争上岗"),
    description=gettext_lazy(
        "由计分方案预设创建草稿，或给出 copy_from 复制往次竞争上岗（含职位，不含报名）。"
    ),
)
def campaign_create(request: HttpRequest, payload: CampaignIn):
    user = api_user(request, Cap.SELECTION_MANAGE)
    data = payload.dict()
    copy_from, preset_key = data.pop("copy_from"), data.pop("preset_key")
    if copy_from is not None:
        source = access_campaign(user, copy_from, Cap.SELECTION_MANAGE)
        campaign = services.campaign_copy(actor=user, source=source, title=data.pop("title"))
        campaign = services.campaign_update(actor=user, campaign=campaign, **data)
    else:
        campaign = services.campaign_create(actor=user, preset_key=preset_key, **data)
    return Status(201, campaign)


@router.patch(
    "campaigns/{int:campaign_id}",
    response={200: CampaignDetailOut, **ERRORS},
    summary=gettext_lazy("修改竞争上岗设置"),
    description=gettext_lazy("只修改给出的字段；报名开始后任职年限计算截止日期等不能再改。"),
)
def campaign_update(request: HttpRequest, campaign_id: int, payload: CampaignPatch):
    user = api_user(request, Cap.SELECTION_MANAGE)
    campaign = access_campaign(user, campaign_id, Cap.SELECTION_MANAGE)
    return services.campaign_update(actor=user, campaign=campaign, **payload.dict(exclude_unset=True))


@router.put(
    "campaigns/{int:campaign_id}/scheme",
    response={200: CampaignDetailOut, **ERRORS},
    summary=gettext_lazy("保存计分方案"),
    description=gettext_lazy(
        "整体校验；有误时 422，field 为出错字段的路径（如 weights、eligibility.副局级[0].kind）。报名开始后锁定。"
    ),
)
def campaign_scheme_save(request: HttpRequest, campaign_id: int, payload: SchemeIn):
    user = api_user(request, Cap.SELECTION_MANAGE)
    campaign = access_campaign(user, campaign_id, Cap.SELECTION_MANAGE)
    return services.campaign_scheme_save(actor=user, campaign=campaign, scheme=payload.scheme)


@router.get(
    "campaigns/{int:campaign_id}/blocking-issues",
    response={200: IssuesOut, **ERRORS},
    summary=gettext_lazy("进入下一阶段的阻碍事项"),
)
def campaign_issues(request: HttpRequest, campaign_id: int):
    campaign = access_campaign(api_user(request, Cap.SELECTION_VIEW), campaign_id)
    nxt = services.next_stage(campaign)
    issues = services.campaign_blocking_issues(campaign) if nxt else []
    return {"stage": campaign.stage, "next_stage": nxt, "issues": issues}


@router.post(
    "campaigns/{int:campaign_id}/advance",
    response={200: CampaignOut, **ERRORS},
    summary=gettext_lazy("进入下一阶段"),
    description=gettext_lazy("不能跳过阶段；尚有阻碍事项时返回 422，detail 逐条列出。须 confirm=true。"),
)
def campaign_advance(request: HttpRequest, campaign_id: int, payload: AdvanceIn):
    user = api_user(request, Cap.SELECTION_MANAGE)
    campaign = access_campaign(user, campaign_id, Cap.SELECTION_MANAGE)
    try:
        return services.campaign_advance(actor=user, campaign=campaign, confirm=payload.confirm)
    except TransitionBlocked as exc:
        return Status(422, {"detail": [{"field": None, "message": i, "code": exc.code} for i in exc.issues]})


# ------------------------------------------------------------------------------------------ positions


@router.get(
    "campaigns/{int:campaign_id}/positions",
    response={200: list[PositionOut], **ERRORS},
    summary=gettext_lazy("竞争职位"),
)
def position_list(request: HttpRequest, campaign_id: int):
    campaign = access_campaign(api_user(request, Cap.SELECTION_VIEW), campaign_id)
    return list(campaign.positions.select_related("unit").order_by("order", "id"))


@router.post(
    "campaigns/{int:campaign_id}/positions",
    response={201: PositionOut, **ERRORS},
    summary=gettext_lazy("新增竞争职位"),
    description=gettext_lazy("只能在草稿阶段新增。"),
)
def position_create(request: HttpRequest, campaign_id: int, payload: PositionIn):
    from kaoping.org.models import Unit

    user = api_user(request, Cap.SELECTION_MANAGE)
    campaign = access_campaign(user, campaign_id, Cap.SELECTION_MANAGE)
    data = payload.dict()
    unit = Unit.objects.filter(pk=data.pop("unit"), is_active=True).first()
    if unit is None:
        raise ValidationFailed({"unit": [_("未找到该单位。")]})
    position = services_positions.position_create(actor=user, campaign=campaign, unit=unit, **data)
    return Status(201, position)


@router.patch(
    "positions/{int:position_id}",
    response={200: PositionOut, **ERRORS},
    summary=gettext_lazy("修改竞争职位"),
    description=gettext_lazy("方案发布后只能修改岗位职责、工作标准和任职条件。"),
)
def position_update(request: HttpRequest, position_id: int, payload: PositionPatch):
    user = api_user(request, Cap.SELECTION_MANAGE)
    position = access_position(user, position_id, Cap.SELECTION_MANAGE)
    return services_positions.position_update(
        actor=user, position=position, **payload.dict(exclude_unset=True)
    )


# -------------------------------------------------------------------------------------- registrations


@router.get(
    "campaigns/{int:campaign_id}/registrations",
    response={200: RegistrationPage, **ERRORS},
    summary=gettext_lazy("报名列表"),
    description=gettext_lazy("单位联络员只能看到本单位（含下级）人员的报名。"),
)
def registration_list(request: HttpRequest, campaign_id: int, filters: Query[CampaignFilters]):
    user = api_user(request, Cap.SELECTION_VIEW)
    campaign = access_campaign(user, campaign_id)
    qs = selectors.registrations_visible(user, campaign, search=filters.q.strip())
    return {"count": qs.count(), "items": list(qs[filters.offset : filters.offset + filters.limit])}


@router.post(
    "campaigns/{int:campaign_id}/registrations",
    response={201: RegistrationOut, **ERRORS},
    summary=gettext_lazy("登记报名"),
    description=gettext_lazy("每人限报一个职位；报名截止后不再受理；报名人须在您的管辖范围内。"),
)
def registration_create(request: HttpRequest, campaign_id: int, payload: RegistrationIn):
    user = api_user(request, Cap.SELECTION_REGISTER)
    campaign = access_campaign(user, campaign_id, Cap.SELECTION_REGISTER)
    person = people_in_scope(user).filter(pk=payload.person).select_related("unit").first()
    if person is None:
        raise ValidationFailed({"person": [_("未找到该人员，或其不在您的管辖范围内。")]})
    position = _position_ref(campaign, payload.position, "position")
    registration = regsvc.registration_create(
        actor=user,
        campaign=campaign,
        person=person,
        position=position,
        obeys_assignment=payload.obeys_assignment,
        health=payload.health,
    )
    return Status(201, registration)


@router.get(
    "registrations/{int:registration_id}",
    response={200: RegistrationOut, **ERRORS},
    summary=gettext_lazy("报名详情"),
)
def registration_get(request: HttpRequest, registration_id: int):
    return _registration(request.auth, registration_id, Cap.SELECTION_VIEW)


@router.post(
    "registrations/{int:registration_id}/sign",
    response={200: RegistrationOut, **ERRORS},
    summary=gettext_lazy("单位审核签署"),
)
def registration_sign(request: HttpRequest, registration_id: int, payload: SignIn):
    registration = _registration(request.auth, registration_id, Cap.SELECTION_REGISTER)
    return regsvc.registration_sign(actor=request.auth, registration=registration, **payload.dict())


@router.post(
    "registrations/{int:registration_id}/change",
    response={200: RegistrationOut, **ERRORS},
    summary=gettext_lazy("书面申请调整报名职位"),
    description=gettext_lazy(
        "报名阶段内：组织部发布报名情况后最多调整一次；资格审查阶段：未开考职位的报名人员改报。"
    ),
)
def registration_change(request: HttpRequest, registration_id: int, payload: ChangeIn):
    registration = _registration(request.auth, registration_id, Cap.SELECTION_REGISTER)
    to_position = _position_ref(registration.campaign, payload.to_position, "to_position")
    service = (
        regsvc.registration_move
        if registration.campaign.stage == Campaign.Stage.REVIEW
        else regsvc.registration_change
    )
    return service(
        actor=request.auth,
        registration=registration,
        to_position=to_position,
        request_note=payload.request_note,
    )


@router.post(
    "registrations/{int:registration_id}/withdraw",
    response={200: RegistrationOut, **ERRORS},
    summary=gettext_lazy("撤回报名"),
)
def registration_withdraw(request: HttpRequest, registration_id: int, payload: WithdrawIn):
    registration = _registration(request.auth, registration_id, Cap.SELECTION_REGISTER)
    return regsvc.registration_withdraw(actor=request.auth, registration=registration, reason=payload.reason)


# --------------------------------------------------------------------------------------------- review


@router.get(
    "registrations/{int:registration_id}/review",
    response={200: ReviewOut, **ERRORS},
    summary=gettext_lazy("资格审查情况"),
    description=gettext_lazy("逐条资格条件的检查结果、审查结论与基础分计算过程。"),
)
def review_get(request: HttpRequest, registration_id: int):
    return _review_out(_registration(request.auth, registration_id, Cap.SELECTION_VIEW))


@router.post(
    "registrations/{int:registration_id}/review/decision",
    response={200: ReviewOut, **ERRORS},
    summary=gettext_lazy("作出资格审查结论"),
    description=gettext_lazy("合格须全部资格条件通过（同时计算基础分）；不合格须写明原因。"),
)
def review_decide(request: HttpRequest, registration_id: int, payload: DecisionIn):
    registration = _registration(request.auth, registration_id, Cap.SELECTION_MANAGE)
    revsvc.review_decide(
        actor=request.auth, registration=registration, qualified=payload.qualified, reasons=payload.reasons
    )
    registration = Registration.objects.select_related("review").get(pk=registration.pk)
    return _review_out(registration)
