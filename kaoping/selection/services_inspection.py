"""Inspection (组织考察, R000-23): teams checked against the campaign's team rule, one team per position,
individual talks and the written report on 德、能、勤、绩、廉 that must state shortcomings.

Every write validates, saves and audits in one transaction (kaoping.common.audit)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from kaoping.common.audit import audit_record, save_audited, snapshot
from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.org.models import Person
from kaoping.scoring.cadre_rules import InspectionTeamRule, TeamMember, inspection_team_issues
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.presets.selection import SEED000_INSPECTION_TEAM
from kaoping.selection.models import (
    AvoidanceDeclaration,
    Campaign,
    InspectionReport,
    InspectionTalk,
    InspectionTeam,
    InspectionTeamMember,
    OfferedPosition,
    Registration,
    StageResult,
)

Stage = Campaign.Stage
REPORT_FIELDS = (
    "morality",
    "ability",
    "diligence",
    "performance",
    "integrity",
    "shortcomings",
    "recommendation",
)


# ----------------------------------------------------------------------------------------------- reads


def team_rule(campaign: Campaign) -> InspectionTeamRule:
    """The campaign's team rule (its own JSON, else the seed-000 preset), as the engine's rule."""
    try:
        return InspectionTeamRule.from_dict(campaign.inspection_team_rule or SEED000_INSPECTION_TEAM)
    except SchemeError as exc:
        raise DomainError(_("考察组组成规则有误：%(msg)s") % {"msg": exc}, code="bad_team_rule") from exc


def inspection_candidates(position: OfferedPosition) -> list[Registration]:
    """The position's inspection candidates (R000-21: the top of the totals, advances=True)."""
    from kaoping.selection.selectors_results import inspection_candidates as from_results

    return list(from_results(position))


def candidates_by_position(campaign: Campaign) -> dict[int, list[Registration]]:
    """Every position's inspection candidates in one query (the same rows as :func:`inspection_candidates`:
    stored totals with advances=True, in rank order)."""
    rows = (
        StageResult.objects.filter(campaign=campaign, stage=StageResult.Stage.TOTAL, advances=True)
        .select_related("registration__person__unit", "registration__person__rank", "registration__position")
        .order_by("position_id", "rank", "id")
    )
    out: dict[int, list[Registration]] = {}
    for r in rows:
        out.setdefault(r.position_id, []).append(r.registration)
    return out


def _members(team: InspectionTeam) -> list[InspectionTeamMember]:
    return list(team.members.select_related("person__rank", "person__unit", "user"))


def declared_conflicts(registration_ids) -> list[AvoidanceDeclaration]:
    """Avoidance declarations (R000-12) of these registrations that were not cleared."""
    return list(
        AvoidanceDeclaration.objects.filter(registration__in=list(registration_ids))
        .exclude(resolution=AvoidanceDeclaration.Resolution.CLEARED)
        .select_related("registration__person")
    )


def team_conflicts(team: InspectionTeam, members=None, candidates=None, declared=None) -> dict[str, str]:
    """member person id → why that member must stand aside (回避): a declared avoidance naming the member,
    the member being a candidate, or the member working in the same unit as a candidate."""
    members = _members(team) if members is None else members
    if candidates is None:
        candidates = [r for p in team.positions.all() for r in inspection_candidates(p)]
    ids = {r.pk for r in candidates}
    declared = (
        declared_conflicts(ids) if declared is None else [d for d in declared if d.registration_id in ids]
    )
    conflicts: dict[str, str] = {}
    by_name: dict[str, list[AvoidanceDeclaration]] = {}
    for d in declared:
        by_name.setdefault(d.related_person.strip(), []).append(d)
    for m in members:
        key = str(m.person_id)
        for reg in candidates:
            if reg.person_id == m.person_id:
                conflicts.setdefault(key, _("本人是考察对象"))
            elif reg.person.unit_id == m.person.unit_id:
                conflicts.setdefault(
                    key,
                    _("与考察对象%(name)s同在%(unit)s")
                    % {
                        "name": reg.person.name,
                        "unit": reg.person.unit.name,
                    },
                )
        for d in by_name.get(m.person.name, []):
            conflicts.setdefault(
                key,
                _("与考察对象%(name)s存在回避关系（%(kind)s）")
                % {
                    "name": d.registration.person.name,
                    "kind": d.get_kind_display(),
                },
            )
    return conflicts


def team_issues(team: InspectionTeam, members=None, candidates=None, rule=None, declared=None) -> list[str]:
    """Every reason the team cannot inspect (R000-23), from the pure rule. ``members`` / ``candidates`` /
    ``rule`` may be passed in when the caller has them already (list pages)."""
    members = _members(team) if members is None else members
    engine_members = [
        TeamMember(
            person_id=str(m.person_id),
            name=m.person.name,
            level=str(m.person.rank.get_level_display()) if m.person.rank_id else "",
            is_leader=m.is_leader,
        )
        for m in members
    ]
    rule = rule or team_rule(team.campaign)
    conflicts = team_conflicts(team, members, candidates, declared)
    return list(inspection_team_issues(rule, engine_members, conflicts))


# ---------------------------------------------------------------------------------------------- guards


def _require_stage(campaign: Campaign, *stages: str) -> None:
    if campaign.stage not in stages:
        labels = "、".join(str(Stage(s).label) for s in stages)
        raise DomainError(
            _("当前阶段为“%(stage)s”，只能在“%(allowed)s”阶段进行此操作。")
            % {"stage": campaign.get_stage_display(), "allowed": labels},
            code="wrong_stage",
        )


def _require_candidate(team: InspectionTeam, registration: Registration) -> None:
    position = registration.position
    if position.inspection_team_id != team.pk:
        raise DomainError(_("该考察对象不由本考察组考察。"), code="not_team_candidate", field="registration")
    if registration.pk not in {r.pk for r in inspection_candidates(position)}:
        raise DomainError(_("此人不是该职位的考察人选。"), code="not_candidate", field="registration")


# ----------------------------------------------------------------------------------------------- teams


@transaction.atomic
def team_create(*, actor, campaign: Campaign, name: str) -> InspectionTeam:
    _require_stage(campaign, Stage.INTERVIEW, Stage.INSPECTION)
    team = InspectionTeam(campaign=campaign, name=(name or "").strip())
    save_audited(team, actor=actor, before=None, conflict_message=_("已有同名的考察组。"))
    return team


@transaction.atomic
def team_delete(*, actor, team: InspectionTeam) -> None:
    _require_stage(team.campaign, Stage.INTERVIEW, Stage.INSPECTION)
    if team.reports.exists() or team.talks.exists():
        raise DomainError(_("考察组已有谈话记录或考察材料，不能删除。"), code="team_in_use")
    audit_record(actor=actor, action=AuditEntry.Action.DELETE, obj=team, changes=snapshot(team))
    team.delete()


@transaction.atomic
def team_member_add(
    *, actor, team: InspectionTeam, person: Person, user=None, is_leader: bool = False
) -> InspectionTeamMember:
    """Add a member; a new leader replaces the previous one (who stays as a member)."""
    _require_stage(team.campaign, Stage.INTERVIEW, Stage.INSPECTION)
    if team.members.filter(person=person).exists():
        raise ValidationFailed({"person": [_("%(name)s已在本考察组中。") % {"name": person.name}]})
    if is_leader:
        team.members.filter(is_leader=True).update(is_leader=False)
    member = InspectionTeamMember(team=team, person=person, user=user, is_leader=is_leader)
    save_audited(
        member,
        actor=actor,
        before=None,
        object_repr=f"{team.name}：{person.name}",
        conflict_message=_("该人员已在本考察组中。"),
    )
    return member


@transaction.atomic
def team_member_remove(*, actor, member: InspectionTeamMember) -> None:
    _require_stage(member.team.campaign, Stage.INTERVIEW, Stage.INSPECTION)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.DELETE,
        obj=member,
        object_repr=f"{member.team.name}：{member.person.name}",
        changes=snapshot(member),
    )
    member.delete()


@transaction.atomic
def team_assign(*, actor, position: OfferedPosition, team: InspectionTeam | None) -> OfferedPosition:
    """One team inspects every candidate of a position (R000-23); ``team`` None clears the assignment."""
    _require_stage(position.campaign, Stage.INTERVIEW, Stage.INSPECTION)
    if team is not None and team.campaign_id != position.campaign_id:
        raise ValidationFailed({"team": [_("考察组不属于本次竞争上岗。")]})
    if (
        position.inspection_team_id
        and team != position.inspection_team
        and InspectionReport.objects.filter(registration__position=position).exists()
    ):
        raise DomainError(_("该职位已有考察材料，不能更换考察组。"), code="team_locked", field="team")
    before = snapshot(position, ["inspection_team"])
    position.inspection_team = team
    position.save(update_fields=["inspection_team", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=position,
        changes={"inspection_team": [before["inspection_team"], str(team or "")]},
    )
    return position


# ------------------------------------------------------------------------------------- talks and reports


@transaction.atomic
def talk_add(
    *,
    actor,
    team: InspectionTeam,
    registration: Registration,
    interviewee: str,
    talk_date: dt.date,
    summary: str,
    interviewee_post: str = "",
) -> InspectionTalk:
    """Record an individual talk (个别谈话) about a candidate."""
    _require_stage(team.campaign, Stage.INSPECTION)
    _require_candidate(team, registration)
    talk = InspectionTalk(
        team=team,
        registration=registration,
        interviewee=(interviewee or "").strip(),
        interviewee_post=(interviewee_post or "").strip(),
        talk_date=talk_date,
        summary=(summary or "").strip(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    save_audited(
        talk, actor=actor, before=None, object_repr=f"{registration.person.name}：{talk.interviewee}"
    )
    return talk


@transaction.atomic
def talk_delete(*, actor, talk: InspectionTalk) -> None:
    _require_stage(talk.team.campaign, Stage.INSPECTION)
    audit_record(actor=actor, action=AuditEntry.Action.DELETE, obj=talk, changes=snapshot(talk))
    talk.delete()


@transaction.atomic
def report_save(*, actor, team: InspectionTeam, registration: Registration, **fields) -> InspectionReport:
    """Create or update the inspection report of a candidate. It cannot be saved without its shortcomings
    (R000-23: 考察材料要指出该同志的缺点和不足); the database enforces the same."""
    _require_stage(team.campaign, Stage.INSPECTION)
    _require_candidate(team, registration)
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise ValidationFailed({name: [_("该字段不可修改。")] for name in sorted(unknown)})
    report = InspectionReport.objects.filter(registration=registration).first()
    before = snapshot(report) if report else None
    if report is None:
        report = InspectionReport(registration=registration)
    report.team = team
    for name, value in fields.items():
        setattr(report, name, value.strip() if isinstance(value, str) else value)
    if not report.shortcomings:
        raise ValidationFailed({"shortcomings": [_("考察材料必须写明该同志的缺点和不足（R000-23）。")]})
    if actor is not None and getattr(actor, "is_authenticated", False):
        report.written_by = actor
    save_audited(report, actor=actor, before=before, object_repr=f"{registration.person.name}：考察材料")
    return report
