"""REST endpoints of the marking app (mounted at /api/marking/).

- Organisers (MARKING_MANAGE): exams, interviews, results (exam results only after the key is opened).
- Markers (MARKING_MARK): their own exams and queue — codes only, never a name, unit or position — and
  mark submission.
- Examiners (MARKING_EXAMINE): their own panels, those panels' candidates, their own marks and submission.
A user without the capability gets 403; an object outside what they are assigned to is 404.
"""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status

from kaoping.accounts.roles import Cap
from kaoping.common.api_access import api_user
from kaoping.marking import selectors, services
from kaoping.marking import selectors_interview as isel
from kaoping.marking import services_interview as si
from kaoping.marking.access import (
    access_exam,
    access_exam_item,
    access_interview,
    access_marker_exam,
    access_marker_paper,
    access_member_candidate,
    access_membership,
)
from kaoping.org.schemas import MessageOut, PageParams, ValidationErrorOut

router = Router(tags=["笔试面试"])
ERRORS = {403: MessageOut, 404: MessageOut, 422: ValidationErrorOut}


# ------------------------------------------------------------------------------------------- schemas


class ItemOut(Schema):
    id: int
    key: str
    label: str
    max_score: Decimal
    tolerance: Decimal
    tolerance_kind: str


class ExamOut(Schema):
    id: int
    title: str
    marking_mode: str
    status: str
    external_ref: str
    items: list[ItemOut]

    @staticmethod
    def resolve_items(obj):
        return list(obj.items.all())


class ExamPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ExamOut]


class MarkerExamOut(Schema):
    id: int
    title: str
    status: str


class QueueOut(Schema):
    code: str = Field(..., description=gettext_lazy("密号（阅卷人只能看到密号）"))
    item_id: int
    item_key: str
    item_label: str
    max_score: Decimal
    my_value: Decimal | None
    needs_me: bool
    role: str


class MarkIn(Schema):
    code: str = Field(..., description=gettext_lazy("密号"))
    item_id: int
    value: Decimal
    arbitration: bool = Field(False, description=gettext_lazy("仲裁人提交仲裁分数时为 true"))


class MarkOut(Schema):
    code: str
    item_key: str
    value: Decimal
    kind: str
    round: int


class ScoreOut(Schema):
    candidate_id: int
    person_id: int
    external_ref: str
    score: Decimal | None
    raw: Decimal | None = None
    coefficient: Decimal | None = None
    explanation: str


class ResultsOut(Schema):
    is_final: bool
    reasons: list[str]
    scores: list[ScoreOut]


class PanelOut(Schema):
    member_id: int
    interview_id: int
    interview_title: str
    interview_status: str
    panel: str
    role: str


class PartOut(Schema):
    key: str
    label: str
    max_score: Decimal


class PanelCandidateOut(Schema):
    id: int
    order_no: int | None
    name: str
    my_total: Decimal | None
    my_values: dict[str, str] | None
    confirmed: bool


class PanelDetailOut(Schema):
    member_id: int
    panel: str
    role: str
    parts: list[PartOut]
    candidates: list[PanelCandidateOut]


class InterviewMarkIn(Schema):
    candidate_id: int
    values: dict[str, Decimal] = Field(..., description=gettext_lazy("评分项代码 → 分数"))


class InterviewMarkOut(Schema):
    candidate_id: int
    values: dict[str, str]
    total: Decimal


class InterviewOut(Schema):
    id: int
    title: str
    status: str
    trim_k: int
    per_element: bool
    external_ref: str


def _results(res) -> dict:
    return {
        "is_final": res.is_final,
        "reasons": list(res.reasons),
        "scores": [
            {
                "candidate_id": s.candidate_id,
                "person_id": s.person_id,
                "external_ref": s.external_ref,
                "score": s.score,
                "raw": s.raw,
                "coefficient": s.coefficient,
                "explanation": s.derivation.text(),
            }
            for s in res.scores
        ],
    }


# ------------------------------------------------------------------------------------------ organiser


@router.get("exams", response={200: ExamPage, **ERRORS}, summary=gettext_lazy("笔试列表"))
def exam_list(request: HttpRequest, paging: Query[PageParams], q: str = ""):
    api_user(request, Cap.MARKING_MANAGE)
    qs = selectors.exam_list(q.strip()).prefetch_related("items")
    start, stop = paging.bounds()
    return {"count": qs.count(), "limit": paging.limit, "offset": start, "items": list(qs[start:stop])}


@router.get("exams/{int:exam_id}", response={200: ExamOut, **ERRORS}, summary=gettext_lazy("笔试详情"))
def exam_get(request: HttpRequest, exam_id: int):
    user = api_user(request, Cap.MARKING_MANAGE)
    return access_exam(user, exam_id)


@router.get(
    "exams/{int:exam_id}/results",
    response={200: ResultsOut, **ERRORS},
    summary=gettext_lazy("笔试成绩"),
    description=gettext_lazy("阅卷结束并拆封密号后才列出考生成绩；此前 scores 为空，reasons 说明原因。"),
)
def exam_results(request: HttpRequest, exam_id: int):
    user = api_user(request, Cap.MARKING_MANAGE)
    return _results(selectors.exam_results(access_exam(user, exam_id)))


@router.get("interviews", response={200: list[InterviewOut], **ERRORS}, summary=gettext_lazy("面试列表"))
def interview_list(request: HttpRequest, q: str = ""):
    api_user(request, Cap.MARKING_MANAGE)
    return list(isel.interview_list(q.strip())[:200])


@router.get(
    "interviews/{int:interview_id}/results",
    response={200: ResultsOut, **ERRORS},
    summary=gettext_lazy("面试成绩（原始分、修正系数、最终分）"),
)
def interview_results(request: HttpRequest, interview_id: int):
    user = api_user(request, Cap.MARKING_MANAGE)
    return _results(isel.interview_results(access_interview(user, interview_id)))


# --------------------------------------------------------------------------------------------- marker


@router.get(
    "marker/exams", response={200: list[MarkerExamOut], **ERRORS}, summary=gettext_lazy("我的阅卷任务")
)
def marker_exams(request: HttpRequest):
    user = api_user(request, Cap.MARKING_MARK)
    return list(selectors.exams_for_marker(user))


@router.get(
    "marker/exams/{int:exam_id}/queue",
    response={200: list[QueueOut], **ERRORS},
    summary=gettext_lazy("我的阅卷队列（仅密号）"),
)
def marker_queue(request: HttpRequest, exam_id: int, todo: bool = False):
    user = api_user(request, Cap.MARKING_MARK)
    exam = access_marker_exam(user, exam_id)
    rows = selectors.marker_queue(exam, user)
    return [r for r in rows if r.needs_me or not todo]


@router.post(
    "marker/exams/{int:exam_id}/marks",
    response={201: MarkOut, **ERRORS},
    summary=gettext_lazy("提交评分"),
    description=gettext_lazy("提交后即锁定；更正须由组织者解锁。分数须在 0 至该题满分之间，最多两位小数。"),
)
def marker_submit(request: HttpRequest, exam_id: int, payload: MarkIn):
    user = api_user(request, Cap.MARKING_MARK)
    exam = access_marker_exam(user, exam_id)
    candidate = access_marker_paper(user, exam, payload.code)
    item = access_exam_item(exam, payload.item_id)
    fn = services.arbitration_submit if payload.arbitration else services.mark_submit
    mark = fn(actor=user, exam=exam, candidate=candidate, item=item, value=payload.value)
    return Status(
        201,
        {
            "code": candidate.blind_code,
            "item_key": item.key,
            "value": mark.value,
            "kind": mark.kind,
            "round": mark.round,
        },
    )


# ------------------------------------------------------------------------------------------- examiner


@router.get("examiner/panels", response={200: list[PanelOut], **ERRORS}, summary=gettext_lazy("我的考官组"))
def examiner_panels(request: HttpRequest):
    user = api_user(request, Cap.MARKING_EXAMINE)
    return [
        {
            "member_id": m.pk,
            "interview_id": m.panel.interview_id,
            "interview_title": m.panel.interview.title,
            "interview_status": m.panel.interview.status,
            "panel": m.panel.name,
            "role": m.role,
        }
        for m in isel.examiner_memberships(user)
    ]


@router.get(
    "examiner/panels/{int:member_id}",
    response={200: PanelDetailOut, **ERRORS},
    summary=gettext_lazy("本组考生与我的评分"),
)
def examiner_panel(request: HttpRequest, member_id: int):
    user = api_user(request, Cap.MARKING_EXAMINE)
    member = access_membership(user, member_id)
    mine = isel.member_marks(member)
    return {
        "member_id": member.pk,
        "panel": member.panel.name,
        "role": member.role,
        "parts": list(member.panel.interview.parts.all()),
        "candidates": [
            {
                "id": c.pk,
                "order_no": c.order_no,
                "name": c.person.name,
                "my_total": mine[c.pk].total if c.pk in mine else None,
                "my_values": mine[c.pk].values if c.pk in mine else None,
                "confirmed": c.confirmed_at is not None,
            }
            for c in isel.panel_candidates_for(member)
        ],
    }


@router.post(
    "examiner/panels/{int:member_id}/marks",
    response={201: InterviewMarkOut, **ERRORS},
    summary=gettext_lazy("提交面试评分"),
    description=gettext_lazy("每个评分项一个分数；提交后即锁定。"),
)
def examiner_submit(request: HttpRequest, member_id: int, payload: InterviewMarkIn):
    user = api_user(request, Cap.MARKING_EXAMINE)
    member = access_membership(user, member_id)
    candidate = access_member_candidate(member, payload.candidate_id)
    mark = si.interview_mark_submit(actor=user, candidate=candidate, values=payload.values)
    return Status(201, {"candidate_id": candidate.pk, "values": mark.values, "total": mark.total})
