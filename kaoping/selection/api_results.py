"""Results endpoints (read), mounted by api.py under /api/selection/.

Same rules as the pages: stage scores with their derivations for the organiser (SELECTION_MANAGE) and
leaders (SELECTION_DECIDE); anyone else holding SELECTION_VIEW (a liaison) reads only the published lists
— who goes on after each closed stage — without scores. 403 without the capability; 404 for a missing
campaign or position.
"""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema

from kaoping.accounts.roles import Cap
from kaoping.common.api_access import api_user
from kaoping.common.errors import NotFound, PermissionDenied
from kaoping.selection.access import access_campaign
from kaoping.selection.models import Campaign
from kaoping.selection.selectors_results import (
    campaign_overview,
    may_see_scores,
    position_results_table,
    stage_positions,
)

results_router = Router(tags=["竞争上岗"])
Stage = Campaign.Stage
RESULT_STAGES = (Stage.EVALUATION, Stage.EXAM, Stage.INTERVIEW)


class MessageOut(Schema):
    detail: str


class ScoreOut(Schema):
    value: Decimal | None
    weighted: Decimal | None
    rank: int | None
    is_tied: bool
    advances: bool | None
    note: str
    derivation: dict


class ResultRowOut(Schema):
    registration_id: int
    position_id: int
    position: str
    name: str
    unit: str
    rank: int | None
    is_tied: bool
    advances: bool | None
    scores: dict[str, ScoreOut | None] = Field(
        ..., description=gettext_lazy("各环节成绩：base/evaluation/exam/after_exam/interview/total")
    )


class ResultsOut(Schema):
    campaign_id: int
    stage: str
    rows: list[ResultRowOut]


class ResultsQuery(Schema):
    stage: str | None = None
    position_id: int | None = None


class PublishedListOut(Schema):
    position_id: int
    position: str
    status: str
    to_exam: list[str]
    to_interview: list[str]
    to_inspection: list[str]


ERRORS = {403: MessageOut, 404: MessageOut}


def _campaign(request: HttpRequest, campaign_id: int) -> Campaign:
    return access_campaign(api_user(request, Cap.SELECTION_VIEW), campaign_id, Cap.SELECTION_VIEW)


@results_router.get(
    "results/{int:campaign_id}",
    response={200: ResultsOut, **ERRORS},
    summary=gettext_lazy("各职位阶段成绩（含计算过程）"),
    description=gettext_lazy(
        "stage 为 evaluation / exam / interview（默认当前阶段或最近一个已进行的成绩阶段）；"
        "可按 position_id 筛选。仅组织部与领导可查看分数。"
    ),
)
def results_list(request: HttpRequest, campaign_id: int, query: Query[ResultsQuery]):
    campaign = _campaign(request, campaign_id)
    if not may_see_scores(request.auth):
        raise PermissionDenied(_("您只能查看已公布的名单。"))
    reached = [s for s in RESULT_STAGES if campaign.stage_reached(s)]
    stage = query.stage or (reached[-1] if reached else None)
    if stage not in reached:
        raise NotFound(_("该阶段尚无成绩。"))
    positions = stage_positions(campaign).order_by("order", "id")
    if query.position_id is not None:
        positions = positions.filter(pk=query.position_id)
        if not positions:
            raise NotFound(_("未找到该记录，或您无权访问。"))
    rows = []
    for position in positions:
        for row in position_results_table(position, stage):
            rows.append(
                {
                    "registration_id": row.registration.pk,
                    "position_id": position.pk,
                    "position": position.title,
                    "name": row.name,
                    "unit": row.unit,
                    "rank": row.rank,
                    "is_tied": row.is_tied,
                    "advances": row.advances,
                    "scores": {k: (v.__dict__ if v else None) for k, v in row.scores.items()},
                }
            )
    return {"campaign_id": campaign.pk, "stage": stage, "rows": rows}


@results_router.get(
    "results/{int:campaign_id}/lists",
    response={200: list[PublishedListOut], **ERRORS},
    summary=gettext_lazy("已公布的各环节名单"),
    description=gettext_lazy("每个职位进入笔试、面试的人员和考察人选；联络员只能看到已结束环节的名单。"),
)
def results_lists(request: HttpRequest, campaign_id: int):
    campaign = _campaign(request, campaign_id)
    published_only = not may_see_scores(request.auth)
    return [
        {
            "position_id": s.position.pk,
            "position": s.position.title,
            "status": s.position.status,
            "to_exam": s.to_exam,
            "to_interview": s.to_interview,
            "to_inspection": s.to_inspection,
        }
        for s in campaign_overview(campaign, published_only=published_only)
    ]
