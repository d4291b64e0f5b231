"""REST endpoints of the assessment app (mounted in kaoping/api.py at /api/assessment/).

Same permissions as the pages: a user without ASSESSMENT_VIEW gets 403 before any lookup; objects come
through ``assessment.selectors`` (404 for missing and not-yours alike; a liaison sees only their own unit
and the ranking only once published); writes go through the services, which check the capability of the
step (403) and the blocking issues (422 with every issue).
"""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Router, Schema

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap
from kaoping.assessment import engine, selectors, services_flow
from kaoping.assessment.models import IndicatorScore, Stage
from kaoping.common.access import get_or_not_found, not_found
from kaoping.common.api_access import api_user
from kaoping.org.schemas import MessageOut, ValidationErrorOut

router = Router(tags=["目标考核"])
ERRORS = {403: MessageOut, 404: MessageOut, 422: ValidationErrorOut}


class SchemeOut(Schema):
    id: int
    year: int
    kind: str
    title: str
    status: str


class WarningOut(Schema):
    field: str
    rule: str
    message: str


class UnitResultOut(Schema):
    id: int
    key: str
    unit: str
    stage: str
    rank: int | None
    self_total: Decimal | None
    total: Decimal | None
    is_final: bool
    formula: str


class SchemeDetailOut(SchemeOut):
    warnings: list[WarningOut]
    units: list[UnitResultOut]


class ScoreOut(Schema):
    id: int
    key: str
    max_points: Decimal
    self_score: Decimal | None
    proposed_score: Decimal | None
    adjusted_score: Decimal | None
    reviewed_score: Decimal | None
    level: str
    docs_incomplete: bool
    note: str


class AssessmentOut(Schema):
    id: int
    scheme: int
    key: str
    unit: str
    stage: str
    summary: str
    feedback_note: str
    total: Decimal | None
    scores: list[ScoreOut]
    actions: list[str]


class ScoreIn(Schema):
    value: Decimal | None = None
    level: str = ""
    docs_incomplete: bool = False
    note: str = ""


class SummaryIn(Schema):
    summary: str


class TransitionIn(Schema):
    action: str
    note: str = ""
    leader_signed: str = ""
    head_signed: str = ""


def _result(r: selectors.UnitResult) -> dict:
    a = r.assessment
    return {
        "id": a.pk,
        "key": a.key,
        "unit": a.unit.name,
        "stage": a.stage,
        "rank": r.rank,
        "self_total": r.self_total.value,
        "total": r.total.value,
        "is_final": r.is_final,
        "formula": r.total.text(),
    }


def _scores(user, a) -> list:
    """The office's proposal reaches the department with the feedback step, not while it is drafted."""
    scores = list(a.scores.all())
    if a.stage != Stage.OFFICE or selectors.sees_all(user) or has_cap(user, Cap.ASSESSMENT_MANAGE):
        return scores
    hidden = {"proposed_score": None, "level": "", "docs_incomplete": False, "note": ""}
    return [{**{f: getattr(s, f) for f in ScoreOut.model_fields}, **hidden} for s in scores]


def _assessment(user, a) -> dict:
    return {
        "id": a.pk,
        "scheme": a.scheme_id,
        "key": a.key,
        "unit": a.unit.name,
        "stage": a.stage,
        "summary": a.summary,
        "feedback_note": a.feedback_note,
        "total": a.total,
        "scores": _scores(user, a),
        "actions": [x.code for x in services_flow.available_actions(user, a)],
    }


@router.get("schemes", response={200: list[SchemeOut], **ERRORS}, summary=gettext_lazy("考核方案列表"))
def scheme_list(request: HttpRequest):
    return list(selectors.scheme_list(api_user(request, Cap.ASSESSMENT_VIEW)))


@router.get(
    "schemes/{int:scheme_id}",
    response={200: SchemeDetailOut, **ERRORS},
    summary=gettext_lazy("考核方案详情"),
    description=gettext_lazy("含细则检查提示与被考核单位；结果公布前，联络员只看到本单位。"),
)
def scheme_get(request: HttpRequest, scheme_id: int):
    user = api_user(request, Cap.ASSESSMENT_VIEW)
    scheme = selectors.access_scheme(user, scheme_id)
    warnings = engine.warnings(scheme.kind, scheme.scheme) if has_cap(user, Cap.ASSESSMENT_MANAGE) else ()
    return {
        "id": scheme.pk,
        "year": scheme.year,
        "kind": scheme.kind,
        "title": scheme.title,
        "status": scheme.status,
        "warnings": [{"field": w.field, "rule": w.rule, "message": w.message} for w in warnings],
        "units": [_result(r) for r in selectors.scheme_results(user, scheme)],
    }


@router.get(
    "schemes/{int:scheme_id}/results",
    response={200: list[UnitResultOut], **ERRORS},
    summary=gettext_lazy("考核结果排名"),
    description=gettext_lazy("全部单位的排名；联络员须待结果公布后才能查看。"),
)
def scheme_results(request: HttpRequest, scheme_id: int):
    user = api_user(request, Cap.ASSESSMENT_VIEW)
    scheme = selectors.access_scheme(user, scheme_id)
    if not selectors.may_see_ranking(user, scheme):
        raise not_found()
    return [_result(r) for r in selectors.scheme_results(user, scheme)]


@router.get(
    "units/{int:assessment_id}", response={200: AssessmentOut, **ERRORS}, summary=gettext_lazy("单位考核表")
)
def assessment_get(request: HttpRequest, assessment_id: int):
    user = api_user(request, Cap.ASSESSMENT_VIEW)
    return _assessment(user, selectors.access_assessment(user, assessment_id))


@router.put(
    "scores/{int:score_id}",
    response={200: ScoreOut, **ERRORS},
    summary=gettext_lazy("录入得分"),
    description=gettext_lazy(
        "录入当前环节开放的一栏：自评环节由本单位填自评分；办公室评议、反馈调整、领导小组审查环节由考核办填分"
        "（指标考核填完成等级 level 与资料不全 docs_incomplete，分数按规则计算）。"
    ),
)
def score_put(request: HttpRequest, score_id: int, payload: ScoreIn):
    user = api_user(request, Cap.ASSESSMENT_VIEW)
    score = get_or_not_found(IndicatorScore.objects.all(), score_id)
    selectors.access_assessment(user, score.assessment_id)
    return services_flow.score_set(actor=user, score=score, **payload.dict())


@router.put(
    "units/{int:assessment_id}/summary",
    response={200: AssessmentOut, **ERRORS},
    summary=gettext_lazy("年度工作总结"),
)
def summary_put(request: HttpRequest, assessment_id: int, payload: SummaryIn):
    user = api_user(request, Cap.ASSESSMENT_VIEW)
    a = selectors.access_assessment(user, assessment_id)
    services_flow.summary_set(actor=user, assessment=a, summary=payload.summary)
    return _assessment(user, selectors.access_assessment(user, assessment_id))


@router.post(
    "units/{int:assessment_id}/transitions",
    response={200: AssessmentOut, **ERRORS},
    summary=gettext_lazy("流程操作"),
    description=gettext_lazy(
        "action：submit 提交自评、propose 提出评分意见、adjust 调整完毕、review 审查完毕、approve 审定、"
        "return 退回领导小组、archive 签字存档（须 leader_signed 与 head_signed）。不能跳过环节。"
    ),
)
def transition_post(request: HttpRequest, assessment_id: int, payload: TransitionIn):
    user = api_user(request, Cap.ASSESSMENT_VIEW)
    a = selectors.access_assessment(user, assessment_id)
    services_flow.assessment_transition(actor=user, assessment=a, **payload.dict())
    return _assessment(user, selectors.access_assessment(user, assessment_id))
