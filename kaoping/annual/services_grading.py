"""Stages, grading and confirmation of an annual round.

准备 → 分项考核与民主测评 → 研究定等 → 优秀等次公示 → 已确定等次. The system proposes grades through the engine
(R002-03 teams, R002-06 / RP-06 cadres), the committee decides (an override or a 需研究确定 settled with a
written reason, audited), proposed 优秀 are shown publicly for ≥ 5 working days (RP-08), and confirmed
cadre grades are written into each person's annual results with consecutive-year flags (RP-07).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaoping.annual import adapters as ad
from kaoping.annual.models import AnnualRound, Cadre, Notice, NoticeObjection, Proposal
from kaoping.annual.services import require_stage
from kaoping.common.audit import audit_record, snapshot
from kaoping.common.errors import DomainError, TransitionBlocked, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.org import services as org_services
from kaoping.org.choices import AnnualGrade
from kaoping.org.models import AnnualResult
from kaoping.scoring.conditions import AllCond, AnyCond, Context
from kaoping.scoring.dates import WorkCalendar, notice_end_date
from kaoping.scoring.grading import GradeResult, GradingScheme, grade_all
from kaoping.scoring.streaks import StreakRule, consecutive_flags
from kaoping.scoring.trace import Derivation

Stage = AnnualRound.Stage
EXCELLENT = "优秀"
GRADE_VALUES = {str(label): value for value, label in AnnualGrade.choices}
GRADE_LABELS = {value: str(label) for value, label in AnnualGrade.choices}


def _audit(actor, obj, changes: dict | None = None, note: str = "", action=AuditEntry.Action.UPDATE) -> None:
    audit_record(actor=actor, action=action, obj=obj, changes=changes or {}, note=note)


def _locked(rnd: AnnualRound) -> AnnualRound:
    """Re-read the round under a row lock (inside the caller's transaction) so that two parallel transitions
    cannot both pass the stage check; the caller's object is refreshed too."""
    fresh = AnnualRound.objects.select_for_update().get(pk=rnd.pk)
    rnd.stage = fresh.stage
    return rnd


def working_calendar(rnd: AnnualRound) -> WorkCalendar:
    return WorkCalendar.from_dict(rnd.holidays or {})


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
        return confirm_issues(rnd, timezone.localdate())
    return [_("本轮考核已确定等次。")]


@transaction.atomic
def round_advance(*, actor, round: AnnualRound) -> AnnualRound:
    """准备 → 分项考核与民主测评 → 研究定等 (computing the proposals). The notice and the confirmation have
    their own services (``notice_publish``, ``round_confirm``)."""
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


# ------------------------------------------------------------------------------------------------ notice


def excellent_cadres(rnd: AnnualRound) -> list[Proposal]:
    return list(
        rnd.proposals.filter(cadre__isnull=False, decided_grade=EXCELLENT)
        .select_related("cadre__person", "cadre__team", "cadre__person__unit")
        .order_by("cadre__team_type__order", "-score", "cadre__person__name")
    )


def _notice_names(rnd: AnnualRound) -> list[dict]:
    return [
        {
            "cadre": p.cadre_id,
            "name": p.cadre.person.name,
            "unit": p.cadre.team.unit.name if p.cadre.team_id else p.cadre.person.unit.name,
            "post": p.cadre.post_title,
        }
        for p in excellent_cadres(rnd)
    ]


@transaction.atomic
def notice_publish(*, actor, round: AnnualRound, start_date: dt.date, text: str = "") -> Notice:
    """Publish the proposed 优秀 for at least ``notice_working_days`` working days (RP-08)."""
    require_stage(_locked(round), Stage.GRADING)
    issues = decision_issues(round)
    if issues:
        raise TransitionBlocked(issues)
    days = round.notice_working_days
    end = notice_end_date(start_date, days, working_calendar(round))
    notice = Notice(
        round=round,
        start_date=start_date,
        end_date=end,
        working_days=days,
        text=text,
        names=_notice_names(round),
        published_by=actor,
    )
    notice.save()
    round.stage = Stage.NOTICE
    round.save(update_fields=["stage", "updated_at"])
    _audit(actor, notice, snapshot(notice), action=AuditEntry.Action.CREATE, note=_("发布优秀等次公示"))
    return notice


@transaction.atomic
def objection_add(
    *, actor, round: AnnualRound, content: str, received_on: dt.date, cadre: Cadre | None = None
) -> NoticeObjection:
    """An objection received during the notice (RP-08)."""
    require_stage(round, Stage.NOTICE)
    if not content.strip():
        raise ValidationFailed({"content": [_("请填写反映内容。")]})
    notice = round.notice
    if not notice.start_date <= received_on <= notice.end_date:
        raise ValidationFailed({"received_on": [_("只登记公示期内收到的反映。")]})
    obj = NoticeObjection.objects.create(
        notice=notice, cadre=cadre, received_on=received_on, content=content.strip()
    )
    _audit(actor, obj, snapshot(obj), action=AuditEntry.Action.CREATE)
    return obj


@transaction.atomic
def objection_resolve(*, actor, objection: NoticeObjection, resolution: str) -> NoticeObjection:
    require_stage(objection.notice.round, Stage.NOTICE)
    if not resolution.strip():
        raise ValidationFailed({"resolution": [_("请填写处理结果。")]})
    objection.is_resolved, objection.resolution, objection.resolved_by = True, resolution.strip(), actor
    objection.save(update_fields=["is_resolved", "resolution", "resolved_by", "updated_at"])
    _audit(actor, objection, {"is_resolved": [False, True]}, note=resolution.strip())
    return objection


def confirm_issues(rnd: AnnualRound, today: dt.date) -> list[str]:
    """RP-08: the notice has run its full length, every objection is resolved, and nobody is 优秀 who was
    not on the notice."""
    notice = getattr(rnd, "notice", None)
    if notice is None:
        return [_("尚未发布优秀等次公示。")]
    issues = []
    if today <= notice.end_date:
        issues.append(
            _("公示期至 %(end)s（%(n)s 个工作日），期满后方可确定等次。")
            % {"end": notice.end_date.isoformat(), "n": notice.working_days}
        )
    open_count = notice.objections.filter(is_resolved=False).count()
    if open_count:
        issues.append(_("公示期间收到的反映尚有 %(n)s 件未处理。") % {"n": open_count})
    shown = {n["cadre"] for n in notice.names}
    for p in excellent_cadres(rnd):
        if p.cadre_id not in shown:
            issues.append(_("%(n)s拟定为优秀但未经公示。") % {"n": p.cadre.person.name})
    issues += decision_issues(rnd)
    return issues


def _write_back(actor, rnd: AnnualRound, proposal: Proposal, rules: list[StreakRule]) -> None:
    """Write the confirmed grade into the person's annual results (one per year) and flag streaks (RP-07)."""
    person = proposal.cadre.person
    value = GRADE_VALUES.get(proposal.decided_grade)
    if value is None:
        raise DomainError(
            _("等次“%(g)s”无法写入年度考核结果。") % {"g": proposal.decided_grade}, code="unknown_grade"
        )
    note = _("%(t)s确定") % {"t": rnd.title}
    record = AnnualResult.objects.filter(person=person, year=rnd.year).first()
    if record is None:
        record = org_services.history_add(
            actor=actor, person=person, record_kind="result", year=rnd.year, grade=value, note=note
        )
    else:
        record = org_services.history_update(actor=actor, record=record, grade=value, note=note)
    history = {r.year: GRADE_LABELS[r.grade] for r in AnnualResult.objects.filter(person=person)}
    flags = [f for f in consecutive_flags(history, rules) if rnd.year in f.years]
    proposal.annual_result = record
    proposal.streak_flags = [{"flag": f.flag, "years": list(f.years)} for f in flags]
    proposal.save(update_fields=["annual_result", "streak_flags", "updated_at"])


@transaction.atomic
def round_confirm(*, actor, round: AnnualRound, today: dt.date | None = None) -> AnnualRound:
    """Confirm the grades after the notice and write the cadres' grades into their annual results."""
    require_stage(_locked(round), Stage.NOTICE)
    issues = confirm_issues(round, today or timezone.localdate())
    if issues:
        raise TransitionBlocked(issues)
    rules = [StreakRule.from_dict(r, f"rules[{i}]") for i, r in enumerate(round.streaks.get("rules", []))]
    for proposal in round.proposals.filter(cadre__isnull=False).select_related("cadre__person"):
        _write_back(actor, round, proposal, rules)
    round.stage, round.confirmed_at = Stage.CONFIRMED, timezone.now()
    round.save(update_fields=["stage", "confirmed_at", "updated_at"])
    _audit(actor, round, {"stage": [Stage.NOTICE, Stage.CONFIRMED]}, note=_("确定年度考核等次"))
    return round
