"""Reads and access rules of the 考察 / 研究决定 / 任前公示 tabs.

Who sees what: the organiser (SELECTION_MANAGE) and the leadership (SELECTION_DECIDE) see every team and
report; an inspector (SELECTION_INSPECT) sees only the teams they belong to (InspectionTeamMember.user) and
those teams' candidates; liaisons and other viewers see neither inspection nor proposals, only the
public notice. Everything else is the same 404 as a missing record."""

from __future__ import annotations

from dataclasses import dataclass, field

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap
from kaoping.common.access import get_or_not_found, not_found
from kaoping.selection.models import (
    Campaign,
    InspectionReport,
    InspectionTalk,
    InspectionTeam,
    InspectionTeamMember,
    NoticeObjection,
    OfferedPosition,
    Proposal,
    PublicNotice,
    Registration,
    StageResult,
)
from kaoping.selection.services_inspection import (
    candidates_by_position,
    declared_conflicts,
    team_issues,
    team_rule,
)


def sees_all_inspection(user) -> bool:
    return has_cap(user, Cap.SELECTION_MANAGE) or has_cap(user, Cap.SELECTION_DECIDE)


def may_manage(user) -> bool:
    return has_cap(user, Cap.SELECTION_MANAGE)


def may_decide(user) -> bool:
    """The leadership decides; the organiser may record the meeting's decision."""
    return has_cap(user, Cap.SELECTION_DECIDE) or has_cap(user, Cap.SELECTION_MANAGE)


def teams_visible(user, campaign: Campaign):
    qs = InspectionTeam.objects.filter(campaign=campaign)
    if sees_all_inspection(user):
        return qs
    if has_cap(user, Cap.SELECTION_INSPECT):
        return qs.filter(members__user=user).distinct()
    return qs.none()


def access_inspection_campaign(user, pk) -> Campaign:
    campaign = get_or_not_found(Campaign.objects.all(), pk)
    if sees_all_inspection(user):
        return campaign
    if has_cap(user, Cap.SELECTION_INSPECT) and teams_visible(user, campaign).exists():
        return campaign
    raise not_found()


def access_team(user, pk, *, write: bool = True) -> InspectionTeam:
    """A team the user may work on: the organiser any; an inspector only their own. The leadership reads."""
    team = get_or_not_found(InspectionTeam.objects.select_related("campaign"), pk)
    if may_manage(user):
        return team
    if has_cap(user, Cap.SELECTION_INSPECT) and team.members.filter(user=user).exists():
        return team
    if not write and has_cap(user, Cap.SELECTION_DECIDE):
        return team
    raise not_found()


def access_member(user, pk) -> InspectionTeamMember:
    if not may_manage(user):
        raise not_found()
    return get_or_not_found(InspectionTeamMember.objects.select_related("team__campaign", "person"), pk)


def access_talk(user, pk) -> InspectionTalk:
    talk = get_or_not_found(InspectionTalk.objects.select_related("team__campaign", "registration"), pk)
    access_team(user, talk.team_id)
    return talk


def access_decision_campaign(user, pk) -> Campaign:
    if not may_decide(user):
        raise not_found()
    return get_or_not_found(Campaign.objects.all(), pk)


def access_proposal_position(user, pk, campaign: Campaign) -> OfferedPosition:
    return get_or_not_found(campaign.positions.select_related("campaign", "unit"), pk)


# ------------------------------------------------------------------------------------------- page data


@dataclass
class CandidateBlock:
    registration: Registration
    total: StageResult | None
    talks: list[InspectionTalk] = field(default_factory=list)
    report: InspectionReport | None = None


@dataclass
class PositionBlock:
    position: OfferedPosition
    candidates: list[CandidateBlock] = field(default_factory=list)


@dataclass
class TeamBlock:
    team: InspectionTeam
    members: list[InspectionTeamMember]
    issues: list[str]
    positions: list[PositionBlock] = field(default_factory=list)


def _totals(campaign: Campaign) -> dict[int, StageResult]:
    return {
        r.registration_id: r
        for r in StageResult.objects.filter(campaign=campaign, stage=StageResult.Stage.TOTAL)
    }


def _position_block(position, candidates, totals, talks, reports) -> PositionBlock:
    block = PositionBlock(position)
    for reg in candidates.get(position.pk, []):
        block.candidates.append(
            CandidateBlock(reg, totals.get(reg.pk), talks.get(reg.pk, []), reports.get(reg.pk))
        )
    return block


def inspection_page(user, campaign: Campaign) -> tuple[list[TeamBlock], list[PositionBlock]]:
    """(team blocks the user sees, open positions with candidates but no team yet — organiser only)."""
    teams = list(
        teams_visible(user, campaign).prefetch_related(
            "members__person__rank", "members__person__unit", "members__user"
        )
    )
    team_ids = {t.pk for t in teams}
    positions = list(
        campaign.positions.filter(status=OfferedPosition.Status.OPEN).select_related(
            "unit", "inspection_team"
        )
    )
    totals = _totals(campaign)
    talks: dict[int, list[InspectionTalk]] = {}
    for t in InspectionTalk.objects.filter(team__in=team_ids).order_by("talk_date", "id"):
        talks.setdefault(t.registration_id, []).append(t)
    reports = {r.registration_id: r for r in InspectionReport.objects.filter(team__in=team_ids)}
    candidates = candidates_by_position(campaign)
    rule = team_rule(campaign)
    declared = declared_conflicts(r.pk for regs in candidates.values() for r in regs)
    blocks = {}
    for t in teams:
        team_candidates = [
            r for p in positions if p.inspection_team_id == t.pk for r in candidates.get(p.pk, [])
        ]
        members = list(t.members.all())
        blocks[t.pk] = TeamBlock(t, members, team_issues(t, members, team_candidates, rule, declared))
    unassigned: list[PositionBlock] = []
    for position in positions:
        if position.inspection_team_id in blocks:
            blocks[position.inspection_team_id].positions.append(
                _position_block(position, candidates, totals, talks, reports)
            )
        elif position.inspection_team_id is None and sees_all_inspection(user):
            block = _position_block(position, candidates, totals, {}, {})
            if block.candidates:
                unassigned.append(block)
    return list(blocks.values()), unassigned


@dataclass
class ProposalRow:
    position: OfferedPosition
    proposal: Proposal | None
    candidates: list[CandidateBlock]


def decision_rows(campaign: Campaign) -> list[ProposalRow]:
    proposals = {
        p.position_id: p
        for p in Proposal.objects.filter(position__campaign=campaign).select_related(
            "registration__person__unit", "decided_by"
        )
    }
    totals = _totals(campaign)
    reports = {r.registration_id: r for r in InspectionReport.objects.filter(registration__campaign=campaign)}
    by_position = candidates_by_position(campaign)
    rows = []
    for position in campaign.positions.exclude(status=OfferedPosition.Status.NOT_OPENED).select_related(
        "unit"
    ):
        candidates = [
            CandidateBlock(reg, totals.get(reg.pk), [], reports.get(reg.pk))
            for reg in by_position.get(position.pk, [])
        ]
        rows.append(ProposalRow(position, proposals.get(position.pk), candidates))
    return rows


def notice_of(campaign: Campaign) -> PublicNotice | None:
    return PublicNotice.objects.filter(campaign=campaign).first()


def objections_of(notice: PublicNotice | None) -> list[NoticeObjection]:
    if notice is None:
        return []
    return list(
        notice.objections.select_related("registration__person", "registration__position", "resolved_by")
    )


def header_context(user, campaign: Campaign, tab: str) -> dict:
    """What the shared campaign header needs (S1's stepper and tab bar for viewers; a short header for
    inspectors, who only see their own teams)."""
    try:
        from kaoping.selection.views_campaigns import stage_steps

        steps = stage_steps(campaign)
    except ImportError:  # pragma: no cover - the campaign pages are part of the same app
        steps = []
    return {"campaign": campaign, "tab": tab, "steps": steps, "full_tabs": has_cap(user, Cap.SELECTION_VIEW)}
