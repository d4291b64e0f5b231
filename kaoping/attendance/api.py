"""REST endpoints of the attendance app (mounted in kaoping/api.py at /api/attendance/).

Same permissions as the pages: sign-ins need “管理考勤” (ATTENDANCE_MANAGE) over the person's unit; leave
requests may be filed for anyone in the caller's “查看考勤” scope and decided only by the approver of the
request's level and unit; summaries are read within the “查看考勤” scope.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status

from kaoping.accounts.roles import Cap
from kaoping.attendance import selectors, services
from kaoping.attendance.models import Half, LeaveRequest, SignIn
from kaoping.common.api_access import api_user
from kaoping.common.errors import NotFound, ValidationFailed
from kaoping.org.schemas import MessageOut, PageParams, ValidationErrorOut

router = Router(tags=[gettext_lazy("考勤")])
ERRORS = {403: MessageOut, 404: MessageOut, 422: ValidationErrorOut}


def _person_ref(user, person_id: int, cap: str):
    try:
        return selectors.access_person(user, person_id, cap)
    except NotFound:
        raise ValidationFailed({"person": [_("未找到该人员，或其不在您的管辖范围内。")]}) from None


class SignInIn(Schema):
    person: int = Field(..., description=gettext_lazy("人员编号"))
    day: dt.date
    morning_in: dt.time | None = None
    morning_out: dt.time | None = None
    afternoon_in: dt.time | None = None
    afternoon_out: dt.time | None = None


class SignInOut(Schema):
    id: int
    person: int
    person_name: str
    day: dt.date
    morning_in: dt.time | None
    morning_out: dt.time | None
    afternoon_in: dt.time | None
    afternoon_out: dt.time | None
    source: str


class SignInPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[SignInOut]


class SignInFilters(Schema):
    person: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


class LeaveIn(Schema):
    person: int
    start_date: dt.date
    start_half: Half = Half.MORNING
    end_date: dt.date
    end_half: Half = Half.AFTERNOON
    reason: str = Field(..., min_length=1, max_length=500)


class LeaveOut(Schema):
    id: int
    person: int
    person_name: str
    start_date: dt.date
    start_half: str
    end_date: dt.date
    end_half: str
    days: Decimal
    reason: str
    approver_level: str
    status: str
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_note: str


class DecisionIn(Schema):
    approve: bool
    note: str = ""


class SummaryOut(Schema):
    person: int
    person_name: str
    unit_name: str
    days_judged: int
    late: int
    early: int
    unexcused_half_days: int
    unexcused_days: Decimal
    allowance: Decimal | None
    allowance_formula: str
    forfeits_target_bonus: bool


class SummaryPage(Schema):
    year: int
    count: int
    limit: int
    offset: int
    items: list[SummaryOut]


def _signin_out(s: SignIn) -> dict[str, Any]:
    return {
        "id": s.pk,
        "person": s.person_id,
        "person_name": s.person.name,
        "day": s.day,
        "morning_in": s.morning_in,
        "morning_out": s.morning_out,
        "afternoon_in": s.afternoon_in,
        "afternoon_out": s.afternoon_out,
        "source": s.source,
    }


def _leave_out(leave: LeaveRequest) -> dict[str, Any]:
    return {
        "id": leave.pk,
        "person": leave.person_id,
        "person_name": leave.person.name,
        "start_date": leave.start_date,
        "start_half": leave.start_half,
        "end_date": leave.end_date,
        "end_half": leave.end_half,
        "days": leave.days,
        "reason": leave.reason,
        "approver_level": leave.approver_level,
        "status": leave.status,
        "decided_by": str(leave.decided_by) if leave.decided_by_id else None,
        "decided_at": leave.decided_at,
        "decision_note": leave.decision_note,
    }


@router.post(
    "signins",
    response={200: SignInOut, 204: None, **ERRORS},
    summary=gettext_lazy("录入签到记录"),
    description=gettext_lazy(
        "新增或替换某人某日的签到、签退时间；四个时间均为空时清除当天记录（返回 204）。"
    ),
)
def signin_create(request: HttpRequest, payload: SignInIn):
    user = api_user(request, Cap.ATTENDANCE_MANAGE)
    data = payload.dict()
    person = _person_ref(user, data.pop("person"), Cap.ATTENDANCE_MANAGE)
    row = services.signin_record(actor=user, person=person, source=SignIn.Source.API, **data)
    if row is None:
        return Status(204, None)
    return _signin_out(row)


@router.get("signins", response={200: SignInPage, **ERRORS}, summary=gettext_lazy("签到记录列表"))
def signin_list(request: HttpRequest, filters: Query[SignInFilters], paging: Query[PageParams]):
    user = api_user(request, Cap.ATTENDANCE_VIEW)
    people = selectors.people_visible(user).values("pk")
    qs = SignIn.objects.filter(person__in=people).select_related("person").order_by("day", "person_id", "id")
    if filters.person:
        qs = qs.filter(person_id=filters.person)
    if filters.date_from:
        qs = qs.filter(day__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(day__lte=filters.date_to)
    start, stop = paging.bounds()
    return {
        "count": qs.count(),
        "limit": paging.limit,
        "offset": start,
        "items": [_signin_out(s) for s in qs[start:stop]],
    }


@router.post("leaves", response={201: LeaveOut, **ERRORS}, summary=gettext_lazy("提交请假申请"))
def leave_create(request: HttpRequest, payload: LeaveIn):
    user = api_user(request, Cap.ATTENDANCE_VIEW)
    person = _person_ref(user, payload.person, Cap.ATTENDANCE_VIEW)
    leave = services.leave_request_create(
        actor=user,
        person=person,
        start=payload.start_date,
        start_half=payload.start_half,
        end=payload.end_date,
        end_half=payload.end_half,
        reason=payload.reason,
    )
    return Status(201, _leave_out(leave))


@router.get("leaves/{int:leave_id}", response={200: LeaveOut, **ERRORS}, summary=gettext_lazy("请假申请"))
def leave_detail(request: HttpRequest, leave_id: int):
    return _leave_out(selectors.access_leave(request.auth, leave_id))


@router.post(
    "leaves/{int:leave_id}/decision",
    response={200: LeaveOut, **ERRORS},
    summary=gettext_lazy("审批请假"),
    description=gettext_lazy("仅该请假所需级别、且分管该人员部门的审批人可审批；已审批的不能再审批（422）。"),
)
def leave_decide(request: HttpRequest, leave_id: int, payload: DecisionIn):
    user = api_user(request, Cap.LEAVE_APPROVE)
    leave = selectors.access_leave(user, leave_id)
    leave = services.leave_request_decide(
        actor=user, request=leave, approve=payload.approve, note=payload.note
    )
    return _leave_out(selectors.access_leave(user, leave.pk))


@router.get(
    "summaries/{int:year}",
    response={200: SummaryPage, **ERRORS},
    summary=gettext_lazy("年度考勤汇总"),
    description=gettext_lazy("您可查看的人员的旷工天数、考勤津贴（含计算式）及是否扣除目标管理奖金。"),
)
def summary_list(request: HttpRequest, year: int, paging: Query[PageParams], q: str = ""):
    user = api_user(request, Cap.ATTENDANCE_VIEW)
    people = selectors.summary_people(user, year=year, q=q.strip()[:50])
    start, stop = paging.bounds()
    page = list(people[start:stop])
    judged = selectors.person_years(year=year, person_ids=[p.pk for p in page])
    items = []
    for p in page:
        j = judged[p.pk]
        items.append(
            {
                "person": p.pk,
                "person_name": p.name,
                "unit_name": p.unit.name,
                "days_judged": j.days_judged,
                "late": j.late_count,
                "early": j.early_count,
                "unexcused_half_days": j.summary.unexcused_half_days,
                "unexcused_days": j.summary.unexcused_days,
                "allowance": j.summary.allowance.value,
                "allowance_formula": j.summary.allowance.text(),
                "forfeits_target_bonus": j.summary.forfeits_target_bonus,
            }
        )
    return {"year": year, "count": people.count(), "limit": paging.limit, "offset": start, "items": items}
