"""Request and response schemas of the selection API (kaoping/selection/api.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy
from ninja import Field, Schema

from kaoping.selection.models import Campaign, OfferedPosition, Registration
from kaoping.selection.services import DEFAULT_PRESET


class MessageOut(Schema):
    detail: str


class ErrorItem(Schema):
    field: str | None = None
    message: str
    code: str = "invalid"


class ErrorsOut(Schema):
    detail: list[ErrorItem]


class CampaignOut(Schema):
    id: int
    title: str
    doc_number: str
    stage: str
    stage_label: str
    tenure_cutoff: dt.date
    registration_opens: dt.datetime | None
    registration_deadline: dt.datetime
    counts_published_at: dt.datetime | None
    evaluation_mode: str
    exam_mode: str
    interview_mode: str
    notice_working_days: int
    preset_key: str
    copied_from_id: int | None = None

    @staticmethod
    def resolve_stage_label(obj: Campaign) -> str:
        return str(obj.get_stage_display())


class CampaignDetailOut(CampaignOut):
    scheme: dict[str, Any]


class CampaignPage(Schema):
    count: int
    items: list[CampaignOut]


class CampaignIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    doc_number: str = ""
    tenure_cutoff: dt.date
    registration_opens: dt.datetime | None = None
    registration_deadline: dt.datetime
    preset_key: str = DEFAULT_PRESET
    copy_from: int | None = Field(
        None, description=gettext_lazy("复制往次竞争上岗（含职位，不含报名）时给出其编号")
    )


class IssuesOut(Schema):
    stage: str
    next_stage: str | None
    issues: list[str]


class AdvanceIn(Schema):
    confirm: bool = Field(False, description=gettext_lazy("进入下一阶段后不能撤回，须为 true"))


class PositionOut(Schema):
    id: int
    order: int
    title: str
    unit_id: int
    unit_name: str
    level: str
    kind: str
    status: str
    extra_rule_lists: list[str]
    duties: list[str]
    standards: list[str]
    requirements: str

    @staticmethod
    def resolve_unit_name(obj: OfferedPosition) -> str:
        return obj.unit.name


class PositionIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    unit: int
    level: str
    kind: str = OfferedPosition.Kind.AGENCY
    order: int | None = None
    extra_rule_lists: list[str] = []
    duties: list[str] = []
    standards: list[str] = []
    requirements: str = ""


class RegistrationOut(Schema):
    id: int
    campaign_id: int
    person_id: int
    person_name: str
    unit_name: str
    position_id: int
    position_title: str
    status: str
    is_active: bool
    obeys_assignment: bool
    health: str
    unit_opinion: str
    unit_signed_by: str
    unit_signed_at: dt.datetime | None
    changes_made: int

    @staticmethod
    def resolve_person_name(obj: Registration) -> str:
        return obj.person.name

    @staticmethod
    def resolve_unit_name(obj: Registration) -> str:
        return obj.person.unit.name

    @staticmethod
    def resolve_position_title(obj: Registration) -> str:
        return obj.position.title


class RegistrationPage(Schema):
    count: int
    items: list[RegistrationOut]


class RegistrationIn(Schema):
    person: int
    position: int
    obeys_assignment: bool = True
    health: str = "健康"


class SignIn(Schema):
    opinion: str
    signed_by: str


class ChangeIn(Schema):
    to_position: int
    request_note: str = Field(..., description=gettext_lazy("书面申请说明"))


class WithdrawIn(Schema):
    reason: str = ""


class ReviewOut(Schema):
    registration_id: int
    decision: str
    reasons: str
    evaluated_at: dt.datetime | None
    report: list[dict[str, Any]]
    judgements: dict[str, Any]
    base_score: str | None = None
    base_derivation: dict[str, Any] | None = None


class DecisionIn(Schema):
    qualified: bool
    reasons: str = ""


class CampaignFilters(Schema):
    q: str = ""
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0)


class CampaignPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    doc_number: str | None = None
    tenure_cutoff: dt.date | None = None
    registration_opens: dt.datetime | None = None
    registration_deadline: dt.datetime | None = None
    evaluation_mode: str | None = None
    exam_mode: str | None = None
    interview_mode: str | None = None
    notice_working_days: int | None = Field(None, ge=1)


class SchemeIn(Schema):
    scheme: dict[str, Any]


class PositionPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    level: str | None = None
    kind: str | None = None
    order: int | None = None
    extra_rule_lists: list[str] | None = None
    duties: list[str] | None = None
    standards: list[str] | None = None
    requirements: str | None = None
