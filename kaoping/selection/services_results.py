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
from decimal import Decimal

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from kaoping.common.audit import audit_record
from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.scoring.ranking import CutResult, TiePolicy, competition_ranks
from kaoping.scoring.selection import SelectionScheme, evaluation_stage, exam_score, interview_score
from kaoping.scoring.selection_results import Candidate, position_results
from kaoping.scoring.totals import weighted_part
from kaoping.scoring.trace import Derivation, incomplete
from kaoping.selection.models import Campaign, OfferedPosition, Registration
from kaoping.selection.models_stages import (
    EvaluationEntry,
    ExamMarkEntry,
    InterviewMarkEntry,
    StageCut,
    StageResult,
)
from kaoping.selection.selectors_results import (
    COMPONENT_LABELS,
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


@dataclass
class ComputeSummary:
    stage: str
    positions: int = 0
    results: int = 0
    vacant: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------------------ adapters


def _stored(regs, stages) -> dict[int, dict[str, StageResult]]:
    out: dict[int, dict[str, StageResult]] = {}
    rows = StageResult.objects.filter(registration__in=[r.pk for r in regs], stage__in=stages).only(
        "registration_id", "stage", "value", "advances", "derivation"
    )
    for r in rows:
        out.setdefault(r.registration_id, {})[r.stage] = r
    return out


def _as_derivation(row: StageResult | None, label: str) -> Derivation:
    if row is None:
        return incomplete(label, _("缺少%(what)s") % {"what": label})
    if row.derivation:
        return Derivation.from_dict(row.derivation)
    return Derivation(label=label, value=row.value)


def _weighted(scheme: SelectionScheme, key: str, d: Derivation) -> Decimal | None:
    comp = next((c for c in scheme.total_scheme.components if c.key == key), None)
    if comp is None or d.value is None:
        return None
    return weighted_part(comp, d, scheme.total_scheme).value


def _ranks(values: dict[int, Decimal | None]) -> tuple[dict[int, int], set[int]]:
    known = {k: v for k, v in values.items() if v is not None}
    ranks = competition_ranks(known)
    counts: dict[int, int] = {}
    for r in ranks.values():
        counts[r] = counts.get(r, 0) + 1
    return ranks, {k for k, r in ranks.items() if counts[r] > 1}


def _chain_note(note: str) -> str:
    for key, label in COMPONENT_LABELS.items():
        note = note.replace(f"按 {key} 排序", f"按{label}排序").replace(f"（{key} 缺失", f"（{label}缺失")
    return note


# ------------------------------------------------------------------------------------------ evaluation


def _evaluation_derivation(scheme: SelectionScheme, entry: EvaluationEntry | None):
    if entry is None:
        return None, incomplete(scheme.evaluation.label, _("缺少民主测评票数"), rule="R000-15")
    try:
        out = evaluation_stage(
            scheme,
            entry.counts,
            returned=entry.returned,
            eligible=entry.eligible,
            issued_by_table=entry.issued_by_group or None,
            returned_by_table=entry.returned_by_group or None,
        )
    except ValueError as exc:
        return None, incomplete(scheme.evaluation.label, str(exc), rule="R000-15")
    return out, out.score


def _compute_evaluation(ctx, position, regs) -> list[StageResult]:
    entries = {e.registration_id: e for e in EvaluationEntry.objects.filter(registration__in=regs)}
    scores = {r.pk: _evaluation_derivation(ctx.scheme, entries.get(r.pk))[1] for r in regs}
    ranks, tied = _ranks({k: d.value for k, d in scores.items()})
    rows = []
    for reg in regs:
        d = scores[reg.pk]
        if d.value is None:
            advances, note = None, "；".join(d.all_incomplete_reasons())
        else:
            advances = d.value >= ctx.scheme.evaluation_pass_mark
            note = (
                ""
                if advances
                else _("民主测评分数低于 %(m)s 分，不进入笔试")
                % {"m": ctx.num(ctx.scheme.evaluation_pass_mark)}
            )
        rows.append(ctx.result(reg, RStage.EVALUATION, d, ranks, tied, advances, note))
    return rows


# ------------------------------------------------------------------------------------------ exam


def _exam_derivation(scheme, marks: dict[str, dict[str, Decimal]]) -> Derivation:
    if not marks:
        return incomplete(_("笔试分数"), _("缺少笔试成绩"), rule="R000-18")
    full = {m: {i.key: per.get(i.key) for i in scheme.exam_items} for m, per in marks.items()}
    d = exam_score(scheme, full)
    if d.value is None:
        missing = [
            f"{m} {i.label}" for m, per in full.items() for i in scheme.exam_items if per.get(i.key) is None
        ]
        return incomplete(d.label, _("缺少笔试成绩：%(m)s") % {"m": "、".join(missing)}, rule="R000-18")
    return d


def _interview_derivation(scheme, marks, roles) -> Derivation:
    if not marks:
        return incomplete(_("面试分数"), _("缺少面试成绩"), rule="R000-20")
    full = {e: {p.key: per.get(p.key) for p in scheme.interview_parts} for e, per in marks.items()}
    d = interview_score(scheme, full, roles)
    reasons = []
    if not scheme.panel_min <= len(full) <= scheme.panel_max:
        reasons.append(
            _("考官组应为 %(a)s–%(b)s 人，现为 %(n)s 人")
            % {"a": scheme.panel_min, "b": scheme.panel_max, "n": len(full)}
        )
    missing = [
        f"{e} {p.label}" for e, per in full.items() for p in scheme.interview_parts if per.get(p.key) is None
    ]
    if missing:
        reasons.append(_("缺少面试成绩：%(m)s") % {"m": "、".join(missing)})
    if reasons:
        return incomplete(d.label, *reasons, rule="R000-20")
    return d


def _marks_by_reg(model, rater_field, key_field, regs):
    out: dict[int, dict[str, dict[str, Decimal]]] = {}
    roles: dict[int, dict[str, str]] = {}
    for m in model.objects.filter(registration__in=regs):
        rater = getattr(m, rater_field)
        out.setdefault(m.registration_id, {}).setdefault(rater, {})[getattr(m, key_field)] = m.value
        roles.setdefault(m.registration_id, {})[rater] = getattr(m, "role", "")
    return out, roles


def _candidates(ctx, regs, *, exam=None, interview=None) -> list[Candidate]:
    stored = _stored(regs, [RStage.BASE, RStage.EVALUATION])
    out = []
    for reg in regs:
        s = stored.get(reg.pk, {})
        out.append(
            Candidate(
                id=reg.pk,
                base=_as_derivation(s.get(RStage.BASE), _("基础分数")),
                evaluation=_as_derivation(s.get(RStage.EVALUATION), _("民主测评分数")),
                exam=(exam or {}).get(reg.pk),
                interview=(interview or {}).get(reg.pk),
            )
        )
    return out


def _cut_rows(ctx, position, regs, stage, totals, cut: CutResult | None, cut_kind, n) -> list[StageResult]:
    """Ranking rows of the after-exam or final ranking, and the StageCut of that ranking."""
    ranked = {r.id: r for r in cut.ranks} if cut else {}
    tie_needs_decision = bool(cut and cut.tied_at_cut and ctx.scheme.tie_policy is TiePolicy.TIE_BREAK)
    stored_cut = StageCut.objects.filter(position=position, cut=cut_kind).first()
    resolution = (stored_cut.resolution if stored_cut else None) or {}
    tied_ids = sorted(int(i) for i in cut.tied_at_cut) if cut else []
    chosen: set[int] | None = None
    if tie_needs_decision and isinstance(resolution, dict) and resolution.get("tied") == tied_ids:
        chosen = set(resolution.get("advance", []))
    rows = []
    for reg in regs:
        d = totals.get(reg.pk) or incomplete(_("总分"), _("尚未计算"))
        r = ranked.get(reg.pk)
        advances = None if cut is None else reg.pk in cut.passed
        note = _chain_note(r.note) if (r and r.tied) or (r and r.note) else ""
        if cut and reg.pk in cut.tied_at_cut:
            if tie_needs_decision:
                if chosen is None:
                    advances = None
                    note = _("在入围名额处并列，按方案须由组织部研究确定")
                else:
                    advances = reg.pk in chosen
                    note = _("在入围名额处并列，已研究确定：%(a)s") % {
                        "a": _("进入") if advances else _("不进入")
                    }
            else:
                note = _("在入围名额处并列，均进入下一环节")
        if d.value is None:
            note = "；".join(d.all_incomplete_reasons())
        rows.append(
            StageResult(
                campaign_id=ctx.campaign.pk,
                position_id=position.pk,
                registration_id=reg.pk,
                stage=stage,
                value=d.value,
                weighted=d.value,
                rank=r.rank if r else None,
                is_tied=bool(r and r.tied),
                advances=advances,
                note=note[:300],
                derivation=d.to_dict(),
                scheme_digest=ctx.digest,
                computed_at=ctx.now,
            )
        )
    reasons = list(ctx.reasons)
    if cut is None:
        reasons.append(_("尚有成绩不完整，暂不能确定入围人选"))
    elif cut.tied_at_cut:
        names = "、".join(reg.person.name for reg in regs if reg.pk in cut.tied_at_cut)
        reasons.append(
            _("第 %(n)s 名处并列：%(names)s") % {"n": n, "names": names}
            + ("" if tie_needs_decision else _("（按方案均进入）"))
        )
    unresolved = tie_needs_decision and chosen is None
    values = {
        "reasons": reasons,
        "has_unresolved_tie": unresolved,
        "computed_at": ctx.now,
    }
    if stored_cut is None:
        StageCut.objects.create(position=position, cut=cut_kind, **values)
    else:
        if not (tie_needs_decision and chosen is not None):
            values.update(resolution=[], resolution_note="", resolved_by=None)
        StageCut.objects.filter(pk=stored_cut.pk).update(**values)
    if unresolved:
        ctx.unresolved.append(position.title)
    return rows


def _compute_exam(ctx, position, regs) -> list[StageResult]:
    marks, _roles = _marks_by_reg(ExamMarkEntry, "marker", "item", regs)
    exams = {r.pk: _exam_derivation(ctx.scheme, marks.get(r.pk, {})) for r in regs}
    ranks, tied = _ranks({k: d.value for k, d in exams.items()})
    rows = [ctx.result(reg, RStage.EXAM, exams[reg.pk], ranks, tied, None, "") for reg in regs]
    result = position_results(ctx.scheme, _candidates(ctx, regs, exam=exams))
    ctx.reasons = [_reason_names(x, regs) for x in result.reasons]
    rows += _cut_rows(
        ctx,
        position,
        regs,
        RStage.AFTER_EXAM,
        result.after_exam,
        result.interview_cut,
        StageCut.Cut.INTERVIEW,
        ctx.scheme.interview_top_n,
    )
    return rows


def _compute_interview(ctx, position, regs) -> list[StageResult]:
    marks, roles = _marks_by_reg(InterviewMarkEntry, "examiner", "part", regs)
    ivs = {r.pk: _interview_derivation(ctx.scheme, marks.get(r.pk, {}), roles.get(r.pk, {})) for r in regs}
    ranks, tied = _ranks({k: d.value for k, d in ivs.items()})
    rows = [ctx.result(reg, RStage.INTERVIEW, ivs[reg.pk], ranks, tied, None, "") for reg in regs]
    exams = _stored(regs, [RStage.EXAM])
    exam = {r.pk: _as_derivation(exams.get(r.pk, {}).get(RStage.EXAM), _("笔试分数")) for r in regs}
    result = position_results(ctx.scheme, _candidates(ctx, regs, exam=exam, interview=ivs))
    ctx.reasons = [_reason_names(x, regs) for x in result.reasons]
    rows += _cut_rows(
        ctx,
        position,
        regs,
        RStage.TOTAL,
        result.totals,
        result.inspection_cut,
        StageCut.Cut.INSPECTION,
        ctx.scheme.inspection_top_n,
    )
    return rows


def _reason_names(reason: str, regs) -> str:
    for reg in regs:
        prefix = f"{reg.pk}："
        if reason.startswith(prefix):
            return f"{reg.person.name}：{reason[len(prefix) :]}"
    return reason


# ------------------------------------------------------------------------------------------ compute


@dataclass
class _Ctx:
    campaign: Campaign
    scheme: SelectionScheme
    digest: str
    now: object
    unresolved: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @staticmethod
    def num(d: Decimal) -> str:
        return format(d.normalize(), "f") if d != d.to_integral_value() else str(int(d))

    def result(self, reg, stage, d: Derivation, ranks, tied, advances, note) -> StageResult:
        return StageResult(
            campaign_id=self.campaign.pk,
            position_id=reg.position_id,
            registration_id=reg.pk,
            stage=stage,
            value=d.value,
            weighted=_weighted(self.scheme, stage, d),
            rank=ranks.get(reg.pk),
            is_tied=reg.pk in tied,
            advances=advances,
            note=(note or ("；".join(d.all_incomplete_reasons()) if d.value is None else ""))[:300],
            derivation=d.to_dict(),
            scheme_digest=self.digest,
            computed_at=self.now,
        )


_COMPUTE = {
    Stage.EVALUATION: _compute_evaluation,
    Stage.EXAM: _compute_exam,
    Stage.INTERVIEW: _compute_interview,
}


def results_compute(
    *, campaign: Campaign, stage: str | None = None, actor=None, freeze: bool = False
) -> ComputeSummary:
    """Compute and store the results of ``stage`` (default: the campaign's current stage) for every
    position: StageResult rows, the StageCut of the exam / interview stage, vacancies. A closed stage is
    frozen and refused unless ``freeze`` (used once by ``on_stage_entered``)."""
    stage = stage or campaign.stage
    if stage not in _COMPUTE:
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
        ctx = _Ctx(campaign, scheme_of(campaign), scheme_digest(campaign), timezone.now())
        summary = ComputeSummary(stage=stage)
        participants = list(stage_participants(campaign, stage))
        by_position: dict[int, list[Registration]] = {}
        for reg in participants:
            by_position.setdefault(reg.position_id, []).append(reg)
        rows: list[StageResult] = []
        positions = list(stage_positions(campaign))
        for position in positions:
            regs = by_position.get(position.pk, [])
            ctx.reasons = []
            rows += _COMPUTE[stage](ctx, position, regs)
            summary.positions += 1
        StageResult.objects.filter(campaign=campaign, stage__in=RESULT_GROUPS[stage]).delete()
        StageResult.objects.bulk_create(rows, batch_size=500)
        summary.results = len(rows)
        summary.unresolved = ctx.unresolved
        if stage == Stage.EVALUATION:
            summary.vacant = _mark_vacancies(campaign, positions, rows, actor)
        audit_record(
            actor=actor,
            action=AuditEntry.Action.OTHER,
            obj=campaign,
            changes={"stage": stage, "results": len(rows), "scheme_digest": ctx.digest, "frozen": freeze},
            note=(_("计算并锁定%(s)s成绩") if freeze else _("计算%(s)s成绩")) % {"s": Stage(stage).label},
        )
    return summary


def _mark_vacancies(campaign, positions, rows, actor) -> list[str]:
    """A position with nobody left after the evaluation gate (R000-17) is vacant (R000-25 wording)."""
    going_on = {r.position_id for r in rows if r.advances}
    undecided = {r.position_id for r in rows if r.advances is None}
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
    for reg in participants:
        if reg.pk not in entered:
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
