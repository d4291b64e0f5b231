"""Stages and grading of an annual round.

准备 → 分项考核与民主测评 → 研究定等 → 优秀等次公示 → 已确定等次. The system proposes grades through the engine
(R002-03 teams, R002-06 / RP-06 cadres) and the committee decides (an override or a 需研究确定 settled with a
written reason, audited). The public notice of proposed 优秀 and the confirmation live in ``services_notice``.
"""

from __future__ import annotations

from dataclasses import replace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaoping.annual import adapters as ad
from kaoping.annual.models import AnnualRound, Proposal
from kaoping.annual.services import _audit, require_stage
from kaoping.common.audit import snapshot
from kaoping.common.calendar import work_calendar_with
from kaoping.common.errors import TransitionBlocked, ValidationFailed
from kaoping.scoring.conditions import AllCond, AnyCond, Context
from kaoping.scoring.dates import WorkCalendar
from kaoping.scoring.grading import GradeResult, GradingScheme, grade_all
from kaoping.scoring.trace import Derivation

Stage = AnnualRound.Stage


def _locked(rnd: AnnualRound) -> AnnualRound:
    """Re-read the round under a row lock (inside the caller's transaction) so that two parallel transitions
    cannot both pass the stage check; the caller's object is refreshed too."""
    fresh = AnnualRound.objects.select_for_update().get(pk=rnd.pk)
    rnd.stage = fresh.stage
    return rnd


def working_calendar(rnd: AnnualRound) -> WorkCalendar:
    """The system holiday calendar (系统 → 节假日与调休) with the round's own days on top."""
    return work_calendar_with(WorkCalendar.from_dict(rnd.holidays or {}))


# ------------------------------------------------------------------------------------------- computation


def _why_not(cond, subject, ctx) -> str:
    """The engine's text for a condition that does not hold, opened up through all/any so that it names the
    failing leaf (e.g. "不属于团场；同类前 30%（…）（不满足）") instead of "均不满足"."""
    if isinstance(cond, AllCond):
        for child in cond.of:
            if child.evaluate(subject, ctx)[0] is False:
                return _why_not(child, subject, ctx)
    if isinstance(cond, AnyCond):
        return "；".join(_why_not(child, subject, ctx) for child in cond.of)
    return cond.evaluate(subject, ctx)[1]


def _explain(scheme: GradingScheme, subjects: list, results: dict) -> dict:
    """Add why a graded subject missed each better grade above the one it got (e.g. "未评为好：同类前 30%
    …（不满足）"), from the engine's own condition texts; the grade itself is the engine's."""
    ctx = Context(list(subjects))
    order = list(scheme.grades)
    out = dict(results)
    for subject in subjects:
        result = results[subject.id]
        if result.status != "graded" or result.grade not in order:
            continue
        notes = []
        for tier in scheme.tiers:
            if (
                not tier.graded
                or tier.grade == result.grade
                or order.index(tier.grade) > order.index(result.grade)
            ):
                continue
            if tier.when.evaluate(subject, ctx)[0] is False:
                notes.append(f"未评为{tier.grade}：{_why_not(tier.when, subject, ctx)}")
        if notes:
            out[subject.id] = replace(result, reasons=(*notes, *result.reasons))
    return out


def compute(rnd: AnnualRound) -> tuple[dict[str, tuple[Derivation, GradeResult]], ad.RoundInputs]:
    """Totals and engine results for every team and cadre (subject key → (derivation, result)). Team grades
    feed the cadres' team-grade block: the committee's decision where made, else the proposal."""
    inputs = ad.load_inputs(rnd)
    out: dict[str, tuple[Derivation, GradeResult]] = {}
    team_totals = {t.pk: ad.team_total(inputs, t) for t in inputs.teams}
    team_subjects = [ad.team_subject(inputs, t, team_totals[t.pk]) for t in inputs.teams]
    team_scheme = GradingScheme.from_dict(rnd.team_grading)
    team_results = _explain(team_scheme, team_subjects, grade_all(team_scheme, team_subjects))
    decided = {
        p.team_id: p.decided_grade for p in rnd.proposals.filter(team__isnull=False).exclude(decided_grade="")
    }
    team_grades: dict[int, str] = {}
    for team in inputs.teams:
        result = team_results[ad.team_key(team)]
        out[ad.team_key(team)] = (team_totals[team.pk], result)
        team_grades[team.pk] = (
            decided.get(team.pk) or (result.grade if result.status == "graded" else "") or ""
        )
    cadre_totals = {c.pk: ad.cadre_total(inputs, c, team_totals) for c in inputs.cadres}
    subjects = [ad.cadre_subject(inputs, c, cadre_totals[c.pk], team_grades) for c in inputs.cadres]
    variants = {str(k): str(v) for k, v in (rnd.quota_variants or {}).items()}
    cadre_scheme = GradingScheme.from_dict(rnd.cadre_grading)
    results = _explain(cadre_scheme, subjects, grade_all(cadre_scheme, subjects, quota_variant=variants))
    for cadre in inputs.cadres:
        out[ad.cadre_key(cadre)] = (cadre_totals[cadre.pk], results[ad.cadre_key(cadre)])
    return out, inputs


@transaction.atomic
def proposals_compute(*, actor, round: AnnualRound) -> int:
    """(Re)compute every proposal. A decision that merely accepted a proposal which has now changed is
    cleared (the committee looks again); a decision with a written reason is kept."""
    require_stage(round, Stage.SCORING, Stage.GRADING)
    computed, inputs = compute(round)
    existing = {(p.team_id and f"t{p.team_id}") or f"c{p.cadre_id}": p for p in round.proposals.all()}
    subjects = [(ad.team_key(t), t, None) for t in inputs.teams] + [
        (ad.cadre_key(c), None, c) for c in inputs.cadres
    ]
    new, changed_rows = [], []
    fields = ("score", "derivation", "status", "grade", "reasons", "choices", "rule", "decided_grade")
    for key, team, cadre in subjects:
        derivation, result = computed[key]
        p = existing.get(key) or Proposal(round=round, team=team, cadre=cadre)
        before = tuple(getattr(p, f) for f in fields)
        changed = p.pk is not None and (p.status, p.grade) != (result.status, result.grade or "")
        p.score = derivation.value
        p.derivation = derivation.to_dict()
        p.status = result.status.value
        p.grade = result.grade or ""
        p.reasons = list(result.reasons)
        p.choices = list(result.choices)
        p.rule = result.rule
        if changed and p.decided_grade and not p.decision_reason:
            p.decided_grade, p.decided_by, p.decided_at = "", None, None
        if p.pk is None:
            new.append(p)
        elif tuple(getattr(p, f) for f in fields) != before:
            changed_rows.append(p)
    Proposal.objects.bulk_create(new, batch_size=500)
    Proposal.objects.bulk_update(
        changed_rows,
        [
            "score",
            "derivation",
            "status",
            "grade",
            "reasons",
            "choices",
            "rule",
            "decided_grade",
            "decided_by",
            "decided_at",
        ],
        batch_size=500,
    )
    _audit(actor, round, {"proposals": len(subjects)}, note=_("计算建议等次"))
    return len(subjects)


# -------------------------------------------------------------------------------------------- transitions


def scoring_issues(rnd: AnnualRound) -> list[str]:
    """What is still missing before grading (R002-01, R002-04, R002-05): every missing input by name."""
    computed, inputs = compute(rnd)
    issues = []
    for team in inputs.teams:
        derivation, _result = computed[ad.team_key(team)]
        issues += [f"{team.name}：{r}" for r in derivation.all_incomplete_reasons()]
        if (ad.team_key(team), "party_building") not in inputs.tallies:
            issues.append(_("%(t)s：缺少抓基层党建工作民主测评票数") % {"t": team.name})
    for cadre in inputs.cadres:
        derivation, _result = computed[ad.cadre_key(cadre)]
        reasons = [r for r in derivation.all_incomplete_reasons() if not r.startswith("缺少班子总分")]
        issues += [f"{cadre.person.name}：{r}" for r in reasons]
        if cadre.is_party_secretary and not cadre.party_building_grade:
            issues.append(_("%(n)s：缺少抓基层党建综合评价等次") % {"n": cadre.person.name})
    return issues


def round_blocking_issues(rnd: AnnualRound) -> list[str]:
    """Every reason the round cannot move to its next stage yet."""
    if rnd.stage == Stage.SETUP:
        issues = []
        teams = list(rnd.teams.select_related("team_type"))
        if not teams and not rnd.cadres.exists():
            issues.append(_("尚未添加考核的领导班子或干部。"))
        typed = set(rnd.sub_items.values_list("team_type_id", flat=True))
        for name in sorted({t.team_type.name for t in teams if t.team_type_id not in typed}):
            issues.append(_("班子类型“%(t)s”尚未设置分项考核项目。") % {"t": name})
        return issues
    if rnd.stage == Stage.SCORING:
        return scoring_issues(rnd)
    if rnd.stage == Stage.GRADING:
        return decision_issues(rnd)
    if rnd.stage == Stage.NOTICE:
        from kaoping.annual.services_notice import confirm_issues  # services_notice imports this module

        return confirm_issues(rnd, timezone.localdate())
    return [_("本轮考核已确定等次。")]


@transaction.atomic
def round_advance(*, actor, round: AnnualRound) -> AnnualRound:
    """准备 → 分项考核与民主测评 → 研究定等 (computing the proposals). The notice and the confirmation have
    their own services (``services_notice.notice_publish``, ``services_notice.round_confirm``)."""
    require_stage(_locked(round), Stage.SETUP, Stage.SCORING)
    issues = round_blocking_issues(round)
    if issues:
        raise TransitionBlocked(issues)
    before = round.stage
    round.stage = Stage.SCORING if round.stage == Stage.SETUP else Stage.GRADING
    round.save(update_fields=["stage", "updated_at"])
    _audit(actor, round, {"stage": [before, round.stage]})
    if round.stage == Stage.GRADING:
        proposals_compute(actor=actor, round=round)
    return round


# ---------------------------------------------------------------------------------------------- decisions


def allowed_grades(proposal: Proposal) -> list[str]:
    rnd = proposal.round
    scheme = rnd.team_grading if proposal.team_id else rnd.cadre_grading
    return list(scheme.get("grades", []))


@transaction.atomic
def proposal_decide(*, actor, proposal: Proposal, grade: str, reason: str = "") -> Proposal:
    """The committee's grade for one subject. Accepting a settled proposal needs no reason; anything else —
    another grade, a 需研究确定 tie, an incomplete or 不确定等次 proposal — needs a written reason."""
    require_stage(proposal.round, Stage.GRADING, Stage.NOTICE)
    if grade not in allowed_grades(proposal):
        raise ValidationFailed({"grade": [_("等次“%(g)s”不在本规则的等次中。") % {"g": grade}]})
    settled = proposal.status in (Proposal.Status.GRADED, Proposal.Status.NOT_GRADED)
    reason = reason.strip()
    if (not settled or grade != proposal.grade) and not reason:
        raise ValidationFailed({"reason": [_("与系统建议不同或需研究确定的，须填写确定理由。")]})
    if proposal.round.stage == Stage.NOTICE and not reason:
        raise ValidationFailed({"reason": [_("公示期间调整等次须填写理由。")]})
    before = snapshot(proposal, ["decided_grade", "decision_reason"])
    proposal.decided_grade, proposal.decision_reason = grade, reason
    proposal.decided_by, proposal.decided_at = actor, timezone.now()
    proposal.save(
        update_fields=["decided_grade", "decision_reason", "decided_by", "decided_at", "updated_at"]
    )
    _audit(actor, proposal, {"decided_grade": [before["decided_grade"], grade]}, note=reason)
    if proposal.team_id and proposal.round.stage == Stage.GRADING and before["decided_grade"] != grade:
        proposals_compute(actor=actor, round=proposal.round)  # the team's grade feeds its cadres (R002-06)
        proposal.refresh_from_db()
    return proposal


@transaction.atomic
def proposals_accept(*, actor, round: AnnualRound) -> int:
    """Accept every settled proposal not yet decided (a 需研究确定 or incomplete one stays open)."""
    require_stage(round, Stage.GRADING)
    rows = list(
        round.proposals.filter(
            decided_grade="", status__in=[Proposal.Status.GRADED, Proposal.Status.NOT_GRADED]
        )
    )
    now = timezone.now()
    for p in rows:
        p.decided_grade, p.decided_by, p.decided_at = p.grade, actor, now
        p.save(update_fields=["decided_grade", "decided_by", "decided_at", "updated_at"])
    _audit(actor, round, {"accepted": len(rows)}, note=_("采纳系统建议等次"))
    return len(rows)


def decision_issues(rnd: AnnualRound) -> list[str]:
    """Before the notice: every team and cadre has a proposal and a committee decision."""
    issues = []
    have = {(p.team_id, p.cadre_id) for p in rnd.proposals.all()}
    if len(have) < rnd.teams.count() + rnd.cadres.count():
        issues.append(_("有考核对象尚未计算建议等次，请重新计算。"))
    for p in rnd.proposals.filter(decided_grade="").select_related("team", "cadre__person"):
        issues.append(
            _("%(s)s：尚未研究确定等次（%(st)s）") % {"s": p.subject_label, "st": p.get_status_display()}
        )
    return issues
