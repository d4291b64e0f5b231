"""The public notice of proposed 优秀 and the confirmation of an annual round (研究定等 → 优秀等次公示 →
已确定等次).

Proposed 优秀 are shown publicly for ≥ 5 working days (RP-08), objections received meanwhile are recorded and
resolved, and confirmed cadre grades are written into each person's annual results with consecutive-year
flags (RP-07). Proposals and decisions live in ``services_grading``.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaoping.annual.models import AnnualRound, Cadre, Notice, NoticeObjection, Proposal
from kaoping.annual.services import _audit, require_stage
from kaoping.annual.services_grading import _locked, decision_issues, working_calendar
from kaoping.common.audit import snapshot
from kaoping.common.errors import DomainError, TransitionBlocked, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.org import services as org_services
from kaoping.org.choices import AnnualGrade
from kaoping.org.models import AnnualResult
from kaoping.scoring.dates import notice_end_date
from kaoping.scoring.streaks import StreakRule, consecutive_flags

Stage = AnnualRound.Stage
EXCELLENT = "优秀"
GRADE_VALUES = {str(label): value for value, label in AnnualGrade.choices}
GRADE_LABELS = {value: str(label) for value, label in AnnualGrade.choices}


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
