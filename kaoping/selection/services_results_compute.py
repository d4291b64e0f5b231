"""The computation behind ``services_results.results_compute``: load a stage's inputs for the whole campaign
in a few queries (plain values, no model instances), adapt them into ``kaoping.scoring`` inputs, run the
engine per position and produce the StageResult rows (as plain value rows) and the StageCut changes.

No arithmetic here: evaluation_stage / exam_score / interview_score / position_results do it all.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from kaoping.scoring.ranking import CutResult, TiePolicy, competition_ranks
from kaoping.scoring.selection import SelectionScheme, evaluation_stage, exam_score, interview_score
from kaoping.scoring.selection_results import Candidate, position_results
from kaoping.scoring.totals import weighted_part
from kaoping.scoring.trace import Derivation, incomplete
from kaoping.selection.models import Campaign
from kaoping.selection.models_stages import (
    EvaluationEntry,
    ExamMarkEntry,
    InterviewMarkEntry,
    StageCut,
    StageResult,
)
from kaoping.selection.selectors_results import COMPONENT_LABELS, shown
from kaoping.selection.services_results_io import (  # noqa: F401  (re-exported for services_results)
    RESULT_COLUMNS,
    Person,
    insert_results,
    linked_scores,
    marks,
    participants,
    stored,
)

Stage = Campaign.Stage
RStage = StageResult.Stage


@dataclass
class Ctx:
    campaign: Campaign
    scheme: SelectionScheme
    digest: str
    now: Any
    rows: list[tuple] = field(default_factory=list)
    cuts: dict[int, dict] = field(default_factory=dict)  # position pk → StageCut values to write
    unresolved: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.total_scheme = self.scheme.total_scheme
        self._weighted: dict[tuple[str, Decimal], Decimal | None] = {}
        self.components = {c.key: c for c in self.total_scheme.components}

    def weighted(self, key: str, d: Derivation) -> Decimal | None:
        """The weighted part of a stage score as the engine forms it (depends on the value only, so
        equal values are formed once)."""
        comp = self.components.get(key)
        if comp is None or d.value is None:
            return None
        memo = (key, d.value)
        if memo not in self._weighted:
            self._weighted[memo] = weighted_part(comp, d.value, self.total_scheme).value
        return self._weighted[memo]

    def add(
        self, p: Person, stage, d: Derivation, *, rank=None, tied=False, advances=None, note="", weighted=None
    ):
        if d.value is None and not note:
            note = "；".join(d.all_incomplete_reasons())
        self.rows.append(
            (
                self.campaign.pk,
                p.position_id,
                p.pk,
                stage,
                d.value,
                weighted,
                rank,
                tied,
                advances,
                note[:300],
                d.to_dict(),
                self.digest,
                self.now,
            )
        )


# ------------------------------------------------------------------------------------------ loading


def _earlier(values: dict[str, Decimal | None], stage: str, label: str) -> Decimal | Derivation:
    value = values.get(stage)
    if value is None:
        if stage in values:
            return incomplete(label, _("%(what)s无法计算") % {"what": label})
        return _missing(label)
    return shown(value)  # as published (the column keeps 4 places)


def _missing(label: str) -> Derivation:
    return incomplete(label, _("缺少%(what)s") % {"what": label})


def ranks_of(values: dict[int, Decimal | None]) -> tuple[dict[int, int], set[int]]:
    ranks = competition_ranks({k: v for k, v in values.items() if v is not None})
    counts: dict[int, int] = defaultdict(int)
    for r in ranks.values():
        counts[r] += 1
    return ranks, {k for k, r in ranks.items() if counts[r] > 1}


def _chain_note(note: str) -> str:
    for key, label in COMPONENT_LABELS.items():
        note = note.replace(f"按 {key} 排序", f"按{label}排序").replace(f"（{key} 缺失", f"（{label}缺失")
    return note


def _num(d: Decimal) -> str:
    return format(d.normalize(), "f") if d != d.to_integral_value() else str(int(d))


# ------------------------------------------------------------------------------------------ evaluation


def compute_evaluation(ctx: Ctx, people: dict[int, list[Person]]) -> None:
    entries = {
        row[0]: row[1:]
        for row in EvaluationEntry.objects.filter(registration__campaign=ctx.campaign).values_list(
            "registration_id", "counts", "eligible", "returned", "issued_by_group", "returned_by_group"
        )
    }
    scheme = ctx.scheme
    for regs in people.values():
        scores = {}
        for p in regs:
            e = entries.get(p.pk)
            if e is None:
                scores[p.pk] = incomplete(scheme.evaluation.label, _("缺少民主测评票数"), rule="R000-15")
                continue
            counts, eligible, returned, issued, back = e
            try:
                scores[p.pk] = evaluation_stage(
                    scheme,
                    counts,
                    returned=returned,
                    eligible=eligible,
                    issued_by_table=issued or None,
                    returned_by_table=back or None,
                ).score
            except ValueError as exc:
                scores[p.pk] = incomplete(scheme.evaluation.label, str(exc), rule="R000-15")
        ranks, tied = ranks_of({k: d.value for k, d in scores.items()})
        for p in regs:
            d = scores[p.pk]
            advances, note = None, ""
            if d.value is not None:
                advances = d.value >= scheme.evaluation_pass_mark
                if not advances:
                    note = _("民主测评分数低于 %(m)s 分，不进入笔试") % {
                        "m": _num(scheme.evaluation_pass_mark)
                    }
            ctx.add(
                p,
                RStage.EVALUATION,
                d,
                rank=ranks.get(p.pk),
                tied=p.pk in tied,
                advances=advances,
                note=note,
                weighted=ctx.weighted("evaluation", d),
            )


# ------------------------------------------------------------------------------------------ exam, interview


def _exam(scheme, per_marker) -> Derivation:
    if not per_marker:
        return incomplete(_("笔试分数"), _("缺少笔试成绩"), rule="R000-18")
    full = {m: {i.key: per.get(i.key) for i in scheme.exam_items} for m, per in per_marker.items()}
    d = exam_score(scheme, full)
    if d.value is None:
        missing = [
            f"{m} {i.label}" for m, per in full.items() for i in scheme.exam_items if per.get(i.key) is None
        ]
        return incomplete(d.label, _("缺少笔试成绩：%(m)s") % {"m": "、".join(missing)}, rule="R000-18")
    return d


def _interview(scheme, per_examiner, roles) -> Derivation:
    if not per_examiner:
        return incomplete(_("面试分数"), _("缺少面试成绩"), rule="R000-20")
    full = {e: {p.key: per.get(p.key) for p in scheme.interview_parts} for e, per in per_examiner.items()}
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
        return incomplete(_("面试分数"), *reasons, rule="R000-20")
    return interview_score(scheme, full, roles)


def _cut(
    ctx: Ctx, position_id, regs, stage, totals, cut: CutResult | None, kind, n, reasons, stored_cut
) -> None:
    """The ranking rows of the after-exam / final ranking and the StageCut values of that ranking."""
    ranked = {r.id: r for r in cut.ranks} if cut else {}
    needs_decision = bool(cut and cut.tied_at_cut and ctx.scheme.tie_policy is TiePolicy.TIE_BREAK)
    resolution = stored_cut.resolution if stored_cut is not None else None
    tied_ids = sorted(cut.tied_at_cut) if cut else []
    chosen = None
    if needs_decision and isinstance(resolution, dict) and resolution.get("tied") == tied_ids:
        chosen = set(resolution.get("advance", []))
    for p in regs:
        d = totals.get(p.pk) or incomplete(_("总分"), _("尚未计算"))
        r = ranked.get(p.pk)
        advances = None if cut is None else p.pk in cut.passed
        note = _chain_note(r.note) if r and r.note else ""
        if cut and p.pk in cut.tied_at_cut:
            if not needs_decision:
                note = _("在入围名额处并列，均进入下一环节")
            elif chosen is None:
                advances, note = None, _("在入围名额处并列，按方案须由组织部研究确定")
            else:
                advances = p.pk in chosen
                note = _("在入围名额处并列，已研究确定：%(a)s") % {
                    "a": _("进入") if advances else _("不进入")
                }
        ctx.add(
            p,
            stage,
            d,
            rank=r.rank if r else None,
            tied=bool(r and r.tied),
            advances=advances,
            note=note,
            weighted=d.value,
        )
    reasons = list(reasons)
    if cut is None:
        reasons.append(_("尚有成绩不完整，暂不能确定入围人选"))
    elif cut.tied_at_cut:
        names = "、".join(p.name for p in regs if p.pk in cut.tied_at_cut)
        reasons.append(
            _("第 %(n)s 名处并列：%(names)s") % {"n": n, "names": names}
            + ("" if needs_decision else _("（按方案均进入）"))
        )
    values = {
        "reasons": reasons,
        "has_unresolved_tie": needs_decision and chosen is None,
        "computed_at": ctx.now,
    }
    if not (needs_decision and chosen is not None):
        values.update(resolution=[], resolution_note="", resolved_by=None)
    ctx.cuts[position_id] = values


def _value_or(d: Derivation) -> Decimal | Derivation:
    """A complete stage score goes into a ranking as its value (its own row keeps the derivation); an
    incomplete one as the derivation, so its reasons show up in the ranking (G-6)."""
    return d.value if d.value is not None else d


def _weighted_from(ctx: Ctx, key: str, d: Derivation, total: Derivation | None) -> Decimal | None:
    """The weighted part ``key`` as the engine formed it inside ``total`` (else formed on its own)."""
    if total is not None:
        for part in total.parts:
            if part.inputs and part.inputs[0][0] == key:
                return part.value
    return ctx.weighted(key, d)


def _named(reasons, regs) -> list[str]:
    names = {f"{p.pk}：": f"{p.name}：" for p in regs}
    out = []
    for reason in reasons:
        prefix = reason.split("：", 1)[0] + "："
        out.append(names[prefix] + reason[len(prefix) :] if prefix in names else reason)
    return out


def compute_exam(ctx: Ctx, people: dict[int, list[Person]], stored_cuts: dict[int, StageCut]) -> None:
    earlier = stored(ctx.campaign, [RStage.BASE, RStage.EVALUATION], Stage.EXAM)
    scheme = ctx.scheme
    if ctx.campaign.exam_mode == Campaign.InputMode.LINKED:
        exam_of = linked_scores(ctx.campaign, RStage.EXAM, _("笔试分数"), "R000-18")
    else:
        all_marks, _roles = marks(ExamMarkEntry, ctx.campaign, Stage.EXAM)

        def exam_of(pk: int) -> Derivation:
            return _exam(scheme, all_marks.get(pk))

    for position_id, regs in people.items():
        exams = {p.pk: exam_of(p.pk) for p in regs}
        ranks, tied = ranks_of({k: d.value for k, d in exams.items()})
        cands = [
            Candidate(
                id=p.pk,
                base=_earlier(earlier[p.pk], RStage.BASE, _("基础分数")),
                evaluation=_earlier(earlier[p.pk], RStage.EVALUATION, _("民主测评分数")),
                exam=_value_or(exams[p.pk]),
            )
            for p in regs
        ]
        result = position_results(scheme, cands)
        for p in regs:
            d = exams[p.pk]
            weighted = _weighted_from(ctx, "exam", d, result.after_exam.get(p.pk))
            ctx.add(p, RStage.EXAM, d, rank=ranks.get(p.pk), tied=p.pk in tied, weighted=weighted)
        _cut(
            ctx,
            position_id,
            regs,
            RStage.AFTER_EXAM,
            result.after_exam,
            result.interview_cut,
            StageCut.Cut.INTERVIEW,
            scheme.interview_top_n,
            _named(result.reasons, regs),
            stored_cuts.get(position_id),
        )


def compute_interview(ctx: Ctx, people: dict[int, list[Person]], stored_cuts: dict[int, StageCut]) -> None:
    earlier = stored(ctx.campaign, [RStage.BASE, RStage.EVALUATION, RStage.EXAM], Stage.INTERVIEW)
    scheme = ctx.scheme
    if ctx.campaign.interview_mode == Campaign.InputMode.LINKED:
        interview_of = linked_scores(ctx.campaign, RStage.INTERVIEW, _("面试分数"), "R000-20")
    else:
        all_marks, roles = marks(InterviewMarkEntry, ctx.campaign, Stage.INTERVIEW)

        def interview_of(pk: int) -> Derivation:
            return _interview(scheme, all_marks.get(pk), roles.get(pk, {}))

    for position_id, regs in people.items():
        ivs = {p.pk: interview_of(p.pk) for p in regs}
        ranks, tied = ranks_of({k: d.value for k, d in ivs.items()})
        cands = [
            Candidate(
                id=p.pk,
                base=_earlier(earlier[p.pk], RStage.BASE, _("基础分数")),
                evaluation=_earlier(earlier[p.pk], RStage.EVALUATION, _("民主测评分数")),
                exam=_earlier(earlier[p.pk], RStage.EXAM, _("笔试分数")),
                interview=_value_or(ivs[p.pk]),
            )
            for p in regs
        ]
        result = position_results(scheme, cands)
        for p in regs:
            d = ivs[p.pk]
            weighted = _weighted_from(ctx, "interview", d, result.totals.get(p.pk))
            ctx.add(p, RStage.INTERVIEW, d, rank=ranks.get(p.pk), tied=p.pk in tied, weighted=weighted)
        _cut(
            ctx,
            position_id,
            regs,
            RStage.TOTAL,
            result.totals,
            result.inspection_cut,
            StageCut.Cut.INSPECTION,
            scheme.inspection_top_n,
            _named(result.reasons, regs),
            stored_cuts.get(position_id),
        )
