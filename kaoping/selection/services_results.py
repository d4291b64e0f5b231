"""Stage results of a 竞争上岗 campaign: compute, store, cut, resolve ties, lock (R000-15 … R000-21).

Rows are adapted into ``kaoping.scoring`` inputs; the arithmetic is the engine's
(``scoring.selection.evaluation_stage / exam_score / interview_score`` and
``scoring.selection_results.position_results``). Each stored StageResult keeps its derivation
(``Derivation.to_dict()``) and the sha256 of the scheme it was computed with.

Results of a stage are computed while the campaign is in that stage (the organiser presses 计算成绩 as
often as needed) and computed once more and frozen when the campaign moves on (``on_stage_entered``);
after that the stage's inputs are locked and its results are never recomputed.

Ties at a cut-off (G-5, RP-05): with ``tie_policy = include_all`` everyone tied at the cut goes on and is
flagged 并列 — the rule decides. With ``tie_policy = tie_break`` the chain decides; a tie the chain cannot
break needs a human decision: the cut is marked ``has_unresolved_tie`` and blocks the transition until the
organiser records who goes on and why (``cut_resolve``, audited).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from kaoping.common.audit import audit_record
from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.selection import services_results_compute as calc
from kaoping.selection.models import Campaign, OfferedPosition
from kaoping.selection.models_stages import (
    EvaluationEntry,
    ExamMarkEntry,
    InterviewMarkEntry,
    StageCut,
    StageResult,
)
from kaoping.selection.selectors_results import (
    RESULT_GROUPS,
    entries_changed_at,
    qualified_registrations,
    scheme_digest,
    scheme_of,
    stage_closed,
    stage_participants,
    stage_positions,
)

Stage = Campaign.Stage
RStage = StageResult.Stage
Status = OfferedPosition.Status
CUT_OF = {Stage.EXAM: StageCut.Cut.INTERVIEW, Stage.INTERVIEW: StageCut.Cut.INSPECTION}


@dataclass
class ComputeSummary:
    stage: str
    positions: int = 0
    results: int = 0
    vacant: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------------------ compute


def _write_cuts(
    campaign: Campaign, kind: str, values: dict[int, dict], stored_cuts: dict[int, StageCut]
) -> None:
    """Create the new cuts; of the existing ones update only those whose content changed (one UPDATE for
    the computation time of all), so a recompute costs little and cut ids stay stable."""
    create, touched = [], []
    for position_id, v in values.items():
        cut = stored_cuts.get(position_id)
        if cut is None:
            create.append(StageCut(position_id=position_id, cut=kind, **v))
            continue
        touched.append(cut.pk)
        changed = {
            k: val
            for k, val in v.items()
            if k != "computed_at" and getattr(cut, "resolved_by_id" if k == "resolved_by" else k) != val
        }
        if changed:
            StageCut.objects.filter(pk=cut.pk).update(**changed)
    StageCut.objects.bulk_create(create)
    if touched:
        now = next(iter(values.values()))["computed_at"]
        StageCut.objects.filter(pk__in=touched).update(computed_at=now)


def results_compute(
    *, campaign: Campaign, stage: str | None = None, actor=None, freeze: bool = False
) -> ComputeSummary:
    """Compute and store the results of ``stage`` (default: the campaign's current stage) for every
    position: StageResult rows, the StageCut of the exam / interview stage, vacancies. A closed stage is
    frozen and refused unless ``freeze`` (used once by ``on_stage_entered``)."""
    stage = stage or campaign.stage
    if stage not in RESULT_GROUPS:
        raise DomainError(_("当前阶段没有需要计算的成绩。"), code="nothing_to_compute")
    if not campaign.stage_reached(stage):
        raise DomainError(
            _("尚未进入%(s)s阶段，不能计算成绩。") % {"s": Stage(stage).label}, code="wrong_stage"
        )
    if stage_closed(campaign, stage) and not freeze:
        raise DomainError(
            _("%(s)s阶段已结束，成绩已锁定，不再重新计算。") % {"s": Stage(stage).label}, code="locked"
        )
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        ctx = calc.Ctx(campaign, scheme_of(campaign), scheme_digest(campaign), timezone.now())
        positions = list(stage_positions(campaign))
        people = calc.participants(campaign, stage)
        people = {p.pk: people.get(p.pk, []) for p in positions}
        kind = CUT_OF.get(stage)
        stored_cuts = (
            {c.position_id: c for c in StageCut.objects.filter(position__campaign=campaign, cut=kind)}
            if kind
            else {}
        )
        if stage == Stage.EVALUATION:
            calc.compute_evaluation(ctx, people)
        elif stage == Stage.EXAM:
            calc.compute_exam(ctx, people, stored_cuts)
        else:
            calc.compute_interview(ctx, people, stored_cuts)
        StageResult.objects.filter(campaign=campaign, stage__in=RESULT_GROUPS[stage]).delete()
        calc.insert_results(ctx.rows)
        if kind:
            _write_cuts(campaign, kind, ctx.cuts, stored_cuts)
        summary = ComputeSummary(stage=stage, positions=len(positions), results=len(ctx.rows))
        summary.unresolved = [p.title for p in positions if ctx.cuts.get(p.pk, {}).get("has_unresolved_tie")]
        if stage == Stage.EVALUATION:
            summary.vacant = _mark_vacancies(positions, ctx.rows, actor)
        audit_record(
            actor=actor,
            action=AuditEntry.Action.OTHER,
            obj=campaign,
            changes={"stage": stage, "results": len(ctx.rows), "scheme_digest": ctx.digest, "frozen": freeze},
            note=(_("计算并锁定%(s)s成绩") if freeze else _("计算%(s)s成绩")) % {"s": Stage(stage).label},
        )
    return summary


def _mark_vacancies(positions, rows, actor) -> list[str]:
    """A position with nobody left after the evaluation gate (R000-17) is vacant (暂时空缺)."""
    going_on = {r[1] for r in rows if r[8]}
    undecided = {r[1] for r in rows if r[8] is None}
    vacant = []
    for p in positions:
        if p.pk in undecided:
            continue
        new = Status.VACANT if p.pk not in going_on else Status.OPEN
        if p.status in (Status.OPEN, Status.VACANT) and p.status != new:
            OfferedPosition.objects.filter(pk=p.pk).update(status=new, updated_at=timezone.now())
            audit_record(
                actor=actor,
                action=AuditEntry.Action.UPDATE,
                obj=p,
                changes={"status": [p.status, new]},
                note=_("民主测评后无人进入笔试，职位暂时空缺") if new == Status.VACANT else _("职位恢复开考"),
            )
        if new == Status.VACANT:
            vacant.append(p.title)
    return vacant


# ------------------------------------------------------------------------------------------ ties


@transaction.atomic
def cut_resolve(*, actor, cut: StageCut, advance: list[int], note: str) -> StageCut:
    """Record the organiser's decision on a tie at a cut-off that the scheme leaves to people: who of the
    tied goes on and why (audited). Fills exactly the remaining places."""
    cut = StageCut.objects.select_for_update().select_related("position__campaign").get(pk=cut.pk)
    campaign = cut.position.campaign
    stage = Stage.EXAM if cut.cut == StageCut.Cut.INTERVIEW else Stage.INTERVIEW
    if campaign.stage != stage:
        raise DomainError(_("该环节已结束，不能再处理并列。"), code="locked")
    rstage = RStage.AFTER_EXAM if cut.cut == StageCut.Cut.INTERVIEW else RStage.TOTAL
    rows = list(
        StageResult.objects.filter(position=cut.position, stage=rstage).select_related("registration__person")
    )
    tied = sorted(r.registration_id for r in rows if r.advances is None and r.value is not None)
    if not cut.has_unresolved_tie or not tied:
        raise DomainError(_("该环节没有需要研究确定的并列。"), code="no_tie")
    scheme = scheme_of(campaign)
    n = scheme.interview_top_n if cut.cut == StageCut.Cut.INTERVIEW else scheme.inspection_top_n
    places = n - sum(1 for r in rows if r.advances)
    chosen = sorted({int(a) for a in advance})
    errors = []
    if not set(chosen) <= set(tied):
        errors.append(_("只能从并列人员中选择"))
    if len(chosen) != places:
        errors.append(
            _("剩余名额 %(p)s 个，应选择 %(p)s 人（现选 %(n)s 人）") % {"p": places, "n": len(chosen)}
        )
    if not note.strip():
        errors.append(_("请填写研究确定的依据"))
    if errors:
        raise ValidationFailed({"advance": errors})
    names = {r.registration_id: r.registration.person.name for r in rows}
    for r in rows:
        if r.registration_id in tied:
            r.advances = r.registration_id in chosen
            r.note = _("在入围名额处并列，已研究确定：%(a)s") % {
                "a": _("进入") if r.advances else _("不进入")
            }
    StageResult.objects.bulk_update([r for r in rows if r.registration_id in tied], ["advances", "note"])
    cut.resolution = {"tied": tied, "advance": chosen}
    cut.resolution_note = note.strip()[:500]
    cut.resolved_by = actor
    cut.has_unresolved_tie = False
    cut.save(update_fields=["resolution", "resolution_note", "resolved_by", "has_unresolved_tie"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=cut.position,
        changes={"cut": cut.cut, "tied": [names[i] for i in tied], "advance": [names[i] for i in chosen]},
        note=_("并列处理：%(note)s") % {"note": cut.resolution_note},
    )
    return cut


# ------------------------------------------------------------------------------------------ gates


def _stale(campaign, stage: str) -> bool:
    """True when the stage's inputs changed (created, updated or cleared — every entry save writes an
    audit row) after its results were last computed, or when they were never computed."""
    rstages = RESULT_GROUPS[stage]
    computed = StageResult.objects.filter(campaign=campaign, stage__in=rstages).aggregate(
        t=Min("computed_at")
    )["t"]
    if computed is None:
        return True
    changed = entries_changed_at(campaign, stage)
    return changed is not None and changed > computed


def _incomplete_issues(campaign, rstage: str, label: str) -> list[str]:
    issues = []
    rows = StageResult.objects.filter(campaign=campaign, stage=rstage, value__isnull=True).select_related(
        "registration__person", "position"
    )
    for r in rows.order_by("position__order", "id"):
        issues.append(
            _("%(p)s %(n)s：%(what)s无法计算（%(why)s）")
            % {"p": r.position.title, "n": r.registration.person.name, "what": label, "why": r.note}
        )
    return issues


def results_blocking_issues(campaign: Campaign, target_stage: str) -> list[str]:
    """What keeps ``campaign`` from entering ``target_stage`` as far as stage results are concerned."""
    source = {
        Stage.EXAM: Stage.EVALUATION,
        Stage.INTERVIEW: Stage.EXAM,
        Stage.INSPECTION: Stage.INTERVIEW,
    }.get(target_stage)
    if source is None:
        return []
    issues: list[str] = []
    participants = list(stage_participants(campaign, source))
    model = {
        Stage.EVALUATION: EvaluationEntry,
        Stage.EXAM: ExamMarkEntry,
        Stage.INTERVIEW: InterviewMarkEntry,
    }[source]
    entered = set(
        model.objects.filter(registration__in=participants).values_list("registration_id", flat=True)
    )
    what = {Stage.EVALUATION: _("民主测评票数"), Stage.EXAM: _("笔试成绩"), Stage.INTERVIEW: _("面试成绩")}[
        source
    ]
    # linked exam / interview: scores come from the marking app; missing ones show up as incomplete results
    linked = source != Stage.EVALUATION and getattr(campaign, f"{source}_mode") == Campaign.InputMode.LINKED
    for reg in participants:
        if reg.pk not in entered and not linked:
            issues.append(
                _("%(p)s %(n)s：尚未录入%(w)s") % {"p": reg.position.title, "n": reg.person.name, "w": what}
            )
    if source == Stage.EVALUATION and not qualified_registrations(campaign).exists():
        issues.append(_("没有资格审查合格的人员"))
    if _stale(campaign, source):
        issues.append(_("%(s)s成绩尚未计算，或录入后未重新计算，请先计算成绩") % {"s": Stage(source).label})
        return issues
    stored = {Stage.EVALUATION: RStage.EVALUATION, Stage.EXAM: RStage.EXAM, Stage.INTERVIEW: RStage.INTERVIEW}
    issues += [i for i in _incomplete_issues(campaign, stored[source], what) if i not in issues]
    if source != Stage.EVALUATION:
        cut = StageCut.Cut.INTERVIEW if source == Stage.EXAM else StageCut.Cut.INSPECTION
        cuts = StageCut.objects.filter(position__campaign=campaign, cut=cut).select_related("position")
        for c in cuts:
            if c.has_unresolved_tie:
                issues.append(_("%(p)s：入围名额处存在并列，须研究确定进入人选") % {"p": c.position.title})
    return issues


def on_stage_entered(campaign: Campaign, stage: str, actor) -> None:
    """Called by the stage machine after a transition: compute the stage just closed once more and freeze
    it (its inputs are locked from now on)."""
    closed = {
        Stage.EXAM: Stage.EVALUATION,
        Stage.INTERVIEW: Stage.EXAM,
        Stage.INSPECTION: Stage.INTERVIEW,
    }.get(stage)
    if closed is not None:
        results_compute(campaign=campaign, stage=closed, actor=actor, freeze=True)


__all__ = [
    "ComputeSummary",
    "cut_resolve",
    "on_stage_entered",
    "results_blocking_issues",
    "results_compute",
]
