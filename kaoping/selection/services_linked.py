"""Linked mode: when a campaign's evaluation / exam / interview mode is "linked", the 民主测评 round, the
written exam or the interview is run in the ballots / marking apps. ``linked_create`` sets it up there
with the stage's participants (``external_ref = "selection.registration:<pk>"``) through their services;
``linked_import`` copies the final results back: tallies into EvaluationEntry (source = ballots), exam and
interview scores (with the marking app's derivations) into the stage's StageResult rows, which
``results_compute`` then uses instead of hand-entered marks. Hand entry stays available as the fallback.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaoping.common.audit import audit_record
from kaoping.common.errors import DomainError
from kaoping.common.models import AuditEntry
from kaoping.selection import services_entry as entry
from kaoping.selection import services_entry_evaluation as entry_eval
from kaoping.selection.models import Campaign
from kaoping.selection.models_stages import EvaluationEntry, StageResult
from kaoping.selection.selectors_results import scheme_digest, scheme_of, stage_participants, stage_positions

Stage = Campaign.Stage
LINKED = Campaign.InputMode.LINKED
MODE_FIELD = {Stage.EVALUATION: "evaluation_mode", Stage.EXAM: "exam_mode", Stage.INTERVIEW: "interview_mode"}


def campaign_ref(campaign: Campaign) -> str:
    return f"selection.campaign:{campaign.pk}"


def registration_ref(pk: int) -> str:
    return f"selection.registration:{pk}"


def is_linked(campaign: Campaign, stage: str) -> bool:
    return getattr(campaign, MODE_FIELD.get(stage, ""), "") == LINKED


def linked_target(campaign: Campaign, stage: str):
    """The ballots round / written exam / interview linked to the campaign for ``stage`` (or None)."""
    ref = campaign_ref(campaign)
    if stage == Stage.EVALUATION:
        from kaoping.ballots.models import EvaluationRound

        return EvaluationRound.objects.filter(external_ref=ref, is_test=False).order_by("-id").first()
    if stage == Stage.EXAM:
        from kaoping.marking.models import WrittenExam

        return WrittenExam.objects.filter(external_ref=ref).order_by("-id").first()
    from kaoping.marking.models_interview import Interview

    return Interview.objects.filter(external_ref=ref).order_by("-id").first()


def _check(campaign: Campaign, stage: str) -> None:
    if not is_linked(campaign, stage):
        raise DomainError(_("本阶段未设置为关联测评/阅卷结果。"), code="not_linked")
    entry.require_entry_stage(campaign, stage)


@transaction.atomic
def linked_create(*, actor, campaign: Campaign, stage: str):
    """Create the 民主测评 round / exam / interview for ``stage`` with the stage's participants."""
    _check(campaign, stage)
    if linked_target(campaign, stage) is not None:
        raise DomainError(_("已经创建过，请在相应模块中继续。"), code="exists")
    scheme = scheme_of(campaign)
    regs = list(stage_participants(campaign, stage))
    if not regs:
        raise DomainError(_("本阶段没有人员。"), code="empty")
    ref = campaign_ref(campaign)
    if stage == Stage.EVALUATION:
        from kaoping.ballots import services as ballots

        ev = scheme.evaluation.to_dict()
        template = {
            "label": ev["label"],
            "rule": "R000-15",
            "options": ev["options"],
            "groups": ev["groups"],
            "items": [{"key": "overall", "label": "综合评价", "weight": "1"}],
            "participation_threshold": str(scheme.participation_threshold),
        }
        target = ballots.round_create(
            actor=actor,
            title=_("%(t)s民主测评") % {"t": campaign.title},
            template=template,
            purpose=_("竞争上岗民主测评"),
            external_ref=ref,
            participation_threshold=scheme.participation_threshold,
        )
        for reg in regs:
            ballots.subject_add(
                actor=actor,
                round=target,
                label=f"{reg.person.name}（{reg.position.title}）",
                person=reg.person,
                external_ref=registration_ref(reg.pk),
            )
    elif stage == Stage.EXAM:
        from kaoping.marking import services as marking

        target = marking.exam_create(
            actor=actor,
            title=_("%(t)s笔试") % {"t": campaign.title},
            items=[i.to_dict() for i in scheme.exam_items],
            marking_mode=scheme.exam_marking_mode.name,
            external_ref=ref,
        )
        for reg in regs:
            marking.exam_candidate_add(
                actor=actor, exam=target, person=reg.person, external_ref=registration_ref(reg.pk)
            )
    else:
        from kaoping.marking import services_interview as interviews

        target = interviews.interview_create(
            actor=actor,
            title=_("%(t)s面试") % {"t": campaign.title},
            parts=[p.to_dict() for p in scheme.interview_parts],
            trim_k=scheme.interview_trim_k,
            per_element=scheme.interview_trim_per_element,
            external_ref=ref,
        )
        by_position: dict[int, list] = {}
        for reg in regs:
            by_position.setdefault(reg.position_id, []).append(reg)
        for position in stage_positions(campaign).order_by("order", "id"):
            if position.pk not in by_position:
                continue
            panel = interviews.panel_create(actor=actor, interview=target, name=position.title)
            for reg in by_position[position.pk]:
                interviews.interview_candidate_add(
                    actor=actor,
                    interview=target,
                    panel=panel,
                    person=reg.person,
                    external_ref=registration_ref(reg.pk),
                    group=str(position.pk),
                )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=campaign,
        changes={"stage": stage, "target": str(target), "candidates": len(regs)},
        note=_("创建关联的%(s)s（%(n)s 人）") % {"s": Stage(stage).label, "n": len(regs)},
    )
    return target


@transaction.atomic
def linked_import(*, actor, campaign: Campaign, stage: str) -> int:
    """Copy the final results of the linked round / exam / interview into this campaign. Refuses while
    they are not final. Returns the number of candidates imported."""
    _check(campaign, stage)
    target = linked_target(campaign, stage)
    if target is None:
        raise DomainError(_("尚未创建关联的测评或考试。"), code="missing")
    regs = {registration_ref(r.pk): r for r in stage_participants(campaign, stage)}
    if stage == Stage.EVALUATION:
        from kaoping.ballots.selectors import round_results

        res = round_results(target)
        if not res.is_closed:
            raise DomainError(_("民主测评尚未结束，不能导入。"), code="not_final")
        item = res.template.items[0].key
        rows = []
        for subject in res.subjects:
            reg = regs.get(subject.external_ref)
            if reg is None:
                continue
            rows.append(
                entry_eval.EvaluationInput(
                    registration_id=reg.pk,
                    eligible=sum(res.eligible_by_group.values()),
                    returned=sum(res.returned_by_group.values()),
                    counts={g: per[item] for g, per in subject.counts.items()},
                    issued=dict(res.issued_by_group),
                    returned_by_group=dict(res.returned_by_group),
                )
            )
        entry_eval.evaluation_entries_save(
            actor=actor,
            campaign=campaign,
            rows=rows,
            source=EvaluationEntry.Source.BALLOTS,
            source_ref=f"ballots.round:{target.pk}",
        )
        return len(rows)
    if stage == Stage.EXAM:
        from kaoping.marking.selectors import exam_results

        res, rstage = exam_results(target), StageResult.Stage.EXAM
    else:
        from kaoping.marking.selectors_interview import interview_results

        res, rstage = interview_results(target), StageResult.Stage.INTERVIEW
    if not res.is_final:
        raise DomainError(
            _("成绩尚未最终确定，不能导入：%(r)s") % {"r": "；".join(res.reasons)}, code="not_final"
        )
    now, digest = timezone.now(), scheme_digest(campaign)
    rows = []
    for score in res.scores:
        reg = regs.get(score.external_ref)
        if reg is None:
            continue
        rows.append(
            StageResult(
                campaign=campaign,
                position_id=reg.position_id,
                registration=reg,
                stage=rstage,
                value=score.score,
                note=_("来自阅卷评分系统"),
                derivation=score.derivation.to_dict(),
                scheme_digest=digest,
                computed_at=now,
            )
        )
    StageResult.objects.filter(campaign=campaign, stage=rstage).delete()
    StageResult.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.IMPORT,
        obj=campaign,
        changes={"stage": stage, "source": str(target), "candidates": len(rows)},
        note=entry.ENTRY_NOTES[stage] + _("（关联导入 %(n)s 人）") % {"n": len(rows)},
    )
    return len(rows)
