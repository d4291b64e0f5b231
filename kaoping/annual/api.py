"""REST endpoints of the annual app (mounted at /api/annual/ in kaoping/api.py), with the pages' permissions:
ANNUAL_VIEW over the round's organising unit to read, ANNUAL_SUBITEM over the item's responsible unit to
enter sub-item scores, ANNUAL_CONFIRM for decisions. Missing and not-yours are the same 404; a user without
the capability at all gets 403 first."""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema

from kaoping.accounts.roles import Cap
from kaoping.annual import selectors as sel
from kaoping.annual import services as svc
from kaoping.annual import services_grading as gsvc
from kaoping.common.access import get_or_not_found
from kaoping.common.api_access import api_user
from kaoping.common.errors import ValidationFailed
from kaoping.org.schemas import MessageOut, ValidationErrorOut

router = Router(tags=[gettext_lazy("年度综合考核")])
ERRORS = {403: MessageOut, 404: MessageOut, 409: ValidationErrorOut, 422: ValidationErrorOut}


class RoundOut(Schema):
    id: int
    year: int
    title: str
    unit_id: int
    grade_set: str
    stage: str
    stage_label: str = Field(..., alias="get_stage_display")


class TeamOut(Schema):
    id: int
    name: str
    unit_id: int
    team_type: str = Field(..., alias="team_type.name")
    team_kind: str = Field(..., alias="team_type.kind")


class CadreOut(Schema):
    id: int
    person_id: int
    name: str = Field(..., alias="person.name")
    role: str
    team_id: int | None
    post_title: str
    leader_score: Decimal | None
    supervisor_score: Decimal | None


class TeamsCadresOut(Schema):
    teams: list[TeamOut]
    cadres: list[CadreOut]


class SubItemRow(Schema):
    team_id: int
    team: str
    score: Decimal | None


class SubItemOut(Schema):
    id: int
    name: str
    points: Decimal
    team_type: str
    responsible_unit_id: int
    rows: list[SubItemRow]


class ScoreIn(Schema):
    team_id: int
    score: Decimal = Field(..., ge=0)
    note: str = ""


class ProposalOut(Schema):
    id: int
    team_id: int | None
    cadre_id: int | None
    subject: str
    score: Decimal | None
    status: str
    grade: str
    reasons: list[str]
    choices: list[str]
    decided_grade: str
    decision_reason: str
    streak_flags: list[dict]
    derivation: dict


class DecideIn(Schema):
    grade: str
    reason: str = ""


def _proposal(p) -> dict:
    return {
        "id": p.pk,
        "team_id": p.team_id,
        "cadre_id": p.cadre_id,
        "subject": p.subject_label,
        "score": p.score,
        "status": p.status,
        "grade": p.grade,
        "reasons": p.reasons,
        "choices": p.choices,
        "decided_grade": p.decided_grade,
        "decision_reason": p.decision_reason,
        "streak_flags": p.streak_flags,
        "derivation": p.derivation,
    }


@router.get("/rounds", response={200: list[RoundOut], **ERRORS}, summary=gettext_lazy("年度考核列表"))
def round_list(request: HttpRequest, q: str = ""):
    user = api_user(request, Cap.ANNUAL_VIEW, Cap.ANNUAL_SUBITEM)
    return list(sel.round_list(user, q)[:200])


@router.get("/rounds/{round_id}", response={200: RoundOut, **ERRORS}, summary=gettext_lazy("年度考核"))
def round_get(request: HttpRequest, round_id: int):
    return sel.access_round(api_user(request, Cap.ANNUAL_VIEW), round_id)


@router.get(
    "/rounds/{round_id}/subjects",
    response={200: TeamsCadresOut, **ERRORS},
    summary=gettext_lazy("班子与干部"),
)
def round_subjects(request: HttpRequest, round_id: int):
    rnd = sel.access_round(api_user(request, Cap.ANNUAL_VIEW), round_id)
    return {"teams": sel.round_teams(rnd), "cadres": sel.round_cadres(rnd)}


@router.get(
    "/rounds/{round_id}/sub-items",
    response={200: list[SubItemOut], **ERRORS},
    summary=gettext_lazy("本单位负责的分项考核"),
)
def my_sub_items(request: HttpRequest, round_id: int):
    user = api_user(request, Cap.ANNUAL_SUBITEM)
    rnd = sel.access_round_for_sub_items(user, round_id)
    sheets = sel.sub_item_sheets(list(sel.my_sub_items(user, rnd)))
    return [
        {
            "id": s.item.pk,
            "name": s.item.name,
            "points": s.item.points,
            "team_type": s.item.team_type.name,
            "responsible_unit_id": s.item.responsible_unit_id,
            "rows": [
                {"team_id": t.pk, "team": t.name, "score": sc.score if sc else None} for t, sc in s.rows
            ],
        }
        for s in sheets
    ]


@router.post(
    "/sub-items/{item_id}/scores",
    response={200: MessageOut, **ERRORS},
    summary=gettext_lazy("录入分项考核得分"),
)
def sub_item_score(request: HttpRequest, item_id: int, payload: ScoreIn):
    user = api_user(request, Cap.ANNUAL_SUBITEM)
    item = sel.access_sub_item(user, item_id)
    team = get_or_not_found(item.round.teams.filter(team_type=item.team_type), payload.team_id)
    svc.sub_item_score_set(actor=user, sub_item=item, team=team, score=payload.score, note=payload.note)
    return {"detail": _("得分已保存。")}


@router.get(
    "/rounds/{round_id}/proposals",
    response={200: list[ProposalOut], **ERRORS},
    summary=gettext_lazy("建议等次与确定等次"),
)
def proposals(request: HttpRequest, round_id: int):
    rnd = sel.access_round(api_user(request, Cap.ANNUAL_VIEW), round_id)
    return [_proposal(p) for p in sel.round_proposals(rnd, "team") + sel.round_proposals(rnd, "cadre")]


@router.post(
    "/proposals/{proposal_id}/decide",
    response={200: ProposalOut, **ERRORS},
    summary=gettext_lazy("研究确定等次"),
)
def decide(request: HttpRequest, proposal_id: int, payload: DecideIn):
    user = api_user(request, Cap.ANNUAL_CONFIRM)
    proposal = sel.access_proposal(user, proposal_id)
    return _proposal(
        gsvc.proposal_decide(actor=user, proposal=proposal, grade=payload.grade, reason=payload.reason)
    )


class CountsIn(Schema):
    team_id: int | None = None
    cadre_id: int | None = None
    tally: str = "main"
    counts: dict[str, int]


@router.post(
    "/rounds/{round_id}/counts",
    response={200: MessageOut, **ERRORS},
    summary=gettext_lazy("录入民主测评票数"),
)
def counts_set(request: HttpRequest, round_id: int, payload: CountsIn):
    """Counts per option for one team or cadre table (R002-02), as on the counts page."""
    user = api_user(request, Cap.ANNUAL_MANAGE)
    rnd = sel.access_round(user, round_id, Cap.ANNUAL_MANAGE)
    if (payload.team_id is None) == (payload.cadre_id is None):
        raise ValidationFailed({"team_id": [_("须且只能指定一个班子或一名干部。")]})
    target = (
        {"team": get_or_not_found(rnd.teams.all(), payload.team_id)}
        if payload.team_id is not None
        else {"cadre": get_or_not_found(rnd.cadres.all(), payload.cadre_id)}
    )
    svc.tally_set(actor=user, round=rnd, counts=payload.counts, tally=payload.tally, **target)
    return {"detail": _("票数已保存。")}
