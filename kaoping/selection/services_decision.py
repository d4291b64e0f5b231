"""Decision (研究决定, R000-24/25) and the stage contract of the inspection → decision → notice → done part.

Contract (selection brief): ``decision_blocking_issues(campaign, target_stage)`` and
``on_stage_entered(campaign, stage, actor)``, called by the campaign stage machine."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaoping.common.audit import audit_record, save_audited, snapshot
from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.org import services as org_services
from kaoping.org.choices import RankCategory, RankLevel
from kaoping.org.models import Rank, RankHistory
from kaoping.selection.models import (
    Campaign,
    InspectionReport,
    NoticeObjection,
    OfferedPosition,
    Proposal,
    PublicNotice,
    Registration,
    StageResult,
)
from kaoping.selection.services_inspection import inspection_candidates, team_issues
from kaoping.selection.services_notice import (
    notice_blocking_issues,
    notice_ensure,
    notice_restart,
)

Stage = Campaign.Stage
Decision = Proposal.Decision
SCORES_NOT_KEPT_NOTE = "R000-25 已经考察但本次没有任职，竞岗成绩不再保留"


def open_positions(campaign: Campaign):
    return campaign.positions.filter(status=OfferedPosition.Status.OPEN).select_related(
        "inspection_team", "unit"
    )


# ------------------------------------------------------------------------------------------ blocking issues


def inspection_blocking_issues(campaign: Campaign) -> list[str]:
    """考察 → 研究决定 (R000-23): each open position with candidates has a valid team and a report per candidate."""
    issues: list[str] = []
    reported = set(
        InspectionReport.objects.filter(registration__campaign=campaign).values_list(
            "registration_id", flat=True
        )
    )
    checked_teams: set[int] = set()
    for position in open_positions(campaign):
        candidates = inspection_candidates(position)
        if not candidates:
            continue
        team = position.inspection_team
        if team is None:
            issues.append(_("R000-23 “%(p)s”尚未指定考察组。") % {"p": position.title})
            continue
        if team.pk not in checked_teams:
            checked_teams.add(team.pk)
            issues.extend(f"{team.name}：{issue}" for issue in team_issues(team))
        for reg in candidates:
            if reg.pk not in reported:
                issues.append(
                    _("R000-23 “%(p)s”考察对象%(name)s尚无考察材料。")
                    % {"p": position.title, "name": reg.person.name}
                )
    return issues


def decision_stage_issues(campaign: Campaign) -> list[str]:
    """研究决定 → 任前公示 (R000-24): every open position decided, with both committees' comments."""
    issues: list[str] = []
    proposals = {p.position_id: p for p in Proposal.objects.filter(position__campaign=campaign)}
    for position in open_positions(campaign):
        p = proposals.get(position.pk)
        if p is None:
            issues.append(_("R000-24 “%(p)s”尚未提出任职建议。") % {"p": position.title})
            continue
        if not p.party_committee_comment.strip():
            issues.append(_("R000-24 “%(p)s”尚未记录机关党委意见。") % {"p": position.title})
        if not p.discipline_committee_comment.strip():
            issues.append(_("R000-24 “%(p)s”尚未记录机关纪委意见。") % {"p": position.title})
        if p.decision == Decision.PENDING:
            issues.append(_("R000-24 “%(p)s”尚未研究决定。") % {"p": position.title})
    return issues


def decision_blocking_issues(campaign: Campaign, target_stage: str) -> list[str]:
    """What stops the campaign from entering ``target_stage`` (only the stages this part owns)."""
    if target_stage == Stage.DECISION:
        return inspection_blocking_issues(campaign)
    if target_stage == Stage.NOTICE:
        return decision_stage_issues(campaign)
    if target_stage == Stage.DONE:
        pending = Proposal.objects.filter(position__campaign=campaign, decision=Decision.PENDING)
        return notice_blocking_issues(campaign) + [
            _("R000-24 “%(p)s”尚未重新研究决定。") % {"p": p.position.title}
            for p in pending.select_related("position")
        ]
    return []


def on_stage_entered(campaign: Campaign, stage: str, actor) -> None:
    """At 任前公示 create the notice; at 已完成 write the appointments back (R000-24/25)."""
    if stage == Stage.NOTICE:
        notice_ensure(actor=actor, campaign=campaign)
    elif stage == Stage.DONE:
        appointments_write(actor=actor, campaign=campaign)


# ----------------------------------------------------------------------------------------------- proposals


def _upheld_ids(position: OfferedPosition) -> set[int]:
    """Registrations of the position against whom an objection was found true (反映属实)."""
    return set(
        NoticeObjection.objects.filter(
            registration__position=position, status=NoticeObjection.Status.UPHELD
        ).values_list("registration_id", flat=True)
    )


def revisiting_positions(campaign: Campaign) -> set[int]:
    """Positions decided again at 任前公示 because an objection against the appointee was upheld."""
    return set(
        NoticeObjection.objects.filter(
            notice__campaign=campaign, status=NoticeObjection.Status.UPHELD
        ).values_list("registration__position_id", flat=True)
    )


def _revisiting(position: OfferedPosition) -> bool:
    """At 任前公示 a position whose appointee had an objection upheld is decided again."""
    return bool(_upheld_ids(position))


def _require_deciding(position: OfferedPosition) -> None:
    stage = Campaign.objects.values_list("stage", flat=True).get(pk=position.campaign_id)
    if stage == Stage.DECISION or (stage == Stage.NOTICE and _revisiting(position)):
        return
    raise DomainError(_("只能在“研究决定”阶段提出任职建议或作出决定。"), code="wrong_stage")


def _proposal_for(position: OfferedPosition) -> Proposal:
    return Proposal.objects.filter(position=position).first() or Proposal(position=position)


@transaction.atomic
def proposal_save(
    *, actor, position: OfferedPosition, registration: Registration | None, rationale: str
) -> Proposal:
    """The organisation department's proposal: one inspected candidate, or none (leave vacant, R000-25).
    Changing the candidate sends a decided proposal back to 待研究."""
    _require_deciding(position)
    if position.status != OfferedPosition.Status.OPEN:
        raise DomainError(_("该职位未开考，无需提出任职建议。"), code="position_not_open")
    if registration is not None and registration.pk not in {r.pk for r in inspection_candidates(position)}:
        raise ValidationFailed({"registration": [_("建议人选必须是该职位的考察对象。")]})
    if registration is not None and registration.pk in _upheld_ids(position):
        raise ValidationFailed({"registration": [_("任前公示反映此人的问题经核查属实，不能再建议任用。")]})
    proposal = _proposal_for(position)
    before = snapshot(proposal) if proposal.pk else None
    if proposal.pk and proposal.registration_id != (registration.pk if registration else None):
        proposal.decision, proposal.decided_by, proposal.decided_at = Decision.PENDING, None, None
    proposal.registration = registration
    proposal.rationale = (rationale or "").strip()
    save_audited(proposal, actor=actor, before=before, object_repr=_("%(p)s任职建议") % {"p": position.title})
    return proposal


@transaction.atomic
def proposal_comment(
    *, actor, proposal: Proposal, party_committee_comment: str, discipline_committee_comment: str
) -> Proposal:
    """Record the comments of 机关党委 and 机关纪委 (R000-24)."""
    _require_deciding(proposal.position)
    before = snapshot(proposal)
    proposal.party_committee_comment = (party_committee_comment or "").strip()
    proposal.discipline_committee_comment = (discipline_committee_comment or "").strip()
    save_audited(proposal, actor=actor, before=before)
    return proposal


@transaction.atomic
def proposal_decide(*, actor, proposal: Proposal, decision: str, meeting: str) -> Proposal:
    """The leadership's decision (党组会议研究决定): appoint the proposed candidate or leave vacant."""
    _require_deciding(proposal.position)
    if decision not in (Decision.APPOINT, Decision.VACANT):
        raise ValidationFailed({"decision": [_("请选择研究决定。")]})
    errors: dict[str, list[str]] = {}
    if not proposal.party_committee_comment.strip() or not proposal.discipline_committee_comment.strip():
        errors["__all__"] = [_("须先征求机关党委、机关纪委意见（R000-24）。")]
    if decision == Decision.APPOINT and proposal.registration_id is None:
        errors["decision"] = [_("建议空缺的职位不能决定任职，请先提出建议人选。")]
    if not (meeting or "").strip():
        errors["meeting"] = [_("请填写研究决定的会议。")]
    if errors:
        raise ValidationFailed(errors)
    revisit = (
        Campaign.objects.values_list("stage", flat=True).get(pk=proposal.position.campaign_id) == Stage.NOTICE
    )
    before = snapshot(proposal)
    proposal.decision = decision
    proposal.meeting = meeting.strip()
    proposal.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    proposal.decided_at = timezone.now()
    save_audited(proposal, actor=actor, before=before)
    if revisit and decision == Decision.APPOINT:
        notice = PublicNotice.objects.get(campaign=proposal.position.campaign)
        notice_restart(
            actor=actor,
            notice=notice,
            note=_("“%(p)s”重新研究决定，重新公示。") % {"p": proposal.position.title},
        )
    return proposal


# -------------------------------------------------------------------------------------------- appointment


def rank_for_level(label: str) -> Rank | None:
    """The leadership rank of a position level such as 副局级 / 正处级 (the rank catalogue is data)."""
    value = next((v for v, lbl in RankLevel.choices if str(lbl) == label), None)
    if value is None:
        return None
    return (
        Rank.objects.filter(level=value, category=RankCategory.LEADERSHIP, is_active=True)
        .order_by("order")
        .first()
    )


def _appoint(*, actor, proposal: Proposal, on: dt.date) -> None:
    reg, position = proposal.registration, proposal.position
    person = reg.person
    rank = rank_for_level(position.level) or person.rank
    for open_record in RankHistory.objects.filter(person=person, end_date__isnull=True):
        end = max(open_record.start_date, on - dt.timedelta(days=1))
        org_services.history_update(actor=actor, record=open_record, end_date=end)
    if rank is not None:
        org_services.history_add(
            actor=actor,
            person=person,
            record_kind="rank",
            rank=rank,
            post_title=position.title,
            unit_name=position.unit.name,
            start_date=on,
        )
    changes = {"unit": position.unit, "current_post": position.title, "post_start_date": on}
    if rank is not None and rank != person.rank:
        changes.update(rank=rank, rank_start_date=on)
    org_services.person_update(actor=actor, person=person, **changes)
    reg.outcome = Registration.Outcome.APPOINTED
    reg.save(update_fields=["outcome", "updated_at"])
    position.status = OfferedPosition.Status.FILLED
    position.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=reg,
        changes={"outcome": ["", Registration.Outcome.APPOINTED]},
        note=_("R000-24 任职：%(p)s") % {"p": position.title},
    )


def _not_appointed(*, actor, reg: Registration) -> None:
    """R000-25: an inspected but not appointed candidate's scores are not kept for later campaigns."""
    reg.outcome = Registration.Outcome.NOT_APPOINTED
    reg.are_scores_kept = False
    reg.save(update_fields=["outcome", "are_scores_kept", "updated_at"])
    StageResult.objects.filter(registration=reg, stage=StageResult.Stage.TOTAL).update(
        note=SCORES_NOT_KEPT_NOTE
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=reg,
        changes={"outcome": ["", reg.outcome], "are_scores_kept": [True, False]},
        note=SCORES_NOT_KEPT_NOTE,
    )


@transaction.atomic
def appointments_write(*, actor, campaign: Campaign, on: dt.date | None = None) -> list[Registration]:
    """At 已完成: appointees take their post (post and rank history, R000-24), positions decided vacant are
    marked so (R000-25), other inspected candidates lose their scores (R000-25). Idempotent."""
    on = on or timezone.localdate()
    appointed: list[Registration] = []
    proposals = Proposal.objects.filter(position__campaign=campaign).select_related(
        "registration__person__rank", "registration__person__unit", "position__unit", "position__campaign"
    )
    for proposal in proposals:
        if proposal.decision == Decision.APPOINT:
            if proposal.registration.outcome != Registration.Outcome.APPOINTED:
                _appoint(actor=actor, proposal=proposal, on=on)
            appointed.append(proposal.registration)
        elif proposal.decision == Decision.VACANT and proposal.position.status == OfferedPosition.Status.OPEN:
            proposal.position.status = OfferedPosition.Status.VACANT
            proposal.position.save(update_fields=["status", "updated_at"])
            audit_record(
                actor=actor,
                action=AuditEntry.Action.UPDATE,
                obj=proposal.position,
                note=_("R000-25 职位暂时空缺"),
            )
    appointed_ids = {r.pk for r in appointed}
    inspected = {
        r.pk: r for r in Registration.objects.filter(campaign=campaign, inspection_report__isnull=False)
    }
    for position in campaign.positions.all():
        inspected.update({r.pk: r for r in inspection_candidates(position)})
    for pk, reg in inspected.items():
        if pk not in appointed_ids and reg.outcome != Registration.Outcome.NOT_APPOINTED:
            _not_appointed(actor=actor, reg=reg)
    return appointed
