"""Target bonus pay (R003-06) and leaders' linkage (R003-07).

A pay run takes the approved department totals of a targets scheme, the bonus rules of the scheme
(bands, floor/ceil, shares — all data), the leaders' links, and the set of people whose target bonus is
forfeited for unexcused absence (R003-05, from the attendance app's
``kaoping.attendance.selectors.attendance_summary`` unless the caller passes the set), and stores one
line per person with the amount's derivation.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from kaoping.accounts.roles import Cap
from kaoping.assessment import engine
from kaoping.assessment.models import AssessmentScheme, SchemeKind, Stage, UnitAssessment
from kaoping.assessment.models_pay import LeaderLink, LeaderRole, PayLine, PayRun
from kaoping.assessment.services import require
from kaoping.common.audit import audit_record, save_audited, snapshot
from kaoping.common.errors import DomainError, TransitionBlocked
from kaoping.common.models import AuditEntry
from kaoping.org.models import Person
from kaoping.scoring import bonus as bonus_engine


@transaction.atomic
def leader_link_set(
    *, actor, scheme: AssessmentScheme, person: Person, role: str, supervised: Iterable[UnitAssessment] = ()
) -> LeaderLink:
    """Link a leader to the scheme as chair / executive vice-chair / vice-chair with the departments they
    supervise (R003-07). Replaces an existing link of the same person."""
    require(actor, Cap.ASSESSMENT_MANAGE)
    if scheme.kind != SchemeKind.TARGETS:
        raise DomainError(_("只有目标管理考核方案有班子成员挂钩。"), code="bad_kind")
    if role not in LeaderRole.values:
        raise DomainError(_("未知的职务。"), code="bad_role", field="role")
    supervised = list(supervised)
    if any(a.scheme_id != scheme.pk for a in supervised):
        raise DomainError(_("分管部门须属于本方案。"), code="bad_supervised", field="supervised")
    if role != LeaderRole.CHAIR and not supervised:
        raise DomainError(_("请选择分管部门。"), code="supervised_required", field="supervised")
    link = LeaderLink.objects.filter(scheme=scheme, person=person).first()
    before = snapshot(link) if link else None
    if link is None:
        link = LeaderLink(scheme=scheme, person=person)
    link.role = role
    save_audited(link, actor=actor, before=before, object_repr=f"{scheme} {person}")
    link.supervised.set(supervised)
    return link


@transaction.atomic
def leader_link_remove(*, actor, link: LeaderLink) -> None:
    require(actor, Cap.ASSESSMENT_MANAGE)
    audit_record(actor=actor, action=AuditEntry.Action.DELETE, obj=link)
    link.delete()


def attendance_forfeits(year: int, person_ids: list[int]) -> set[int]:
    """People whose target bonus is forfeited (R003-05), from the attendance app."""
    from kaoping.attendance.selectors import attendance_summary

    summary = attendance_summary(year=year, person_ids=person_ids)
    return {pid for pid, item in summary.items() if item.forfeits_target_bonus}


def pay_run_blocking_issues(scheme: AssessmentScheme) -> list[str]:
    issues = []
    if scheme.kind != SchemeKind.TARGETS:
        issues.append(_("只有目标管理考核方案发放目标管理奖金。"))
    pending = [a.key for a in scheme.assessments.all() if a.stage not in (Stage.APPROVED, Stage.ARCHIVED)]
    if pending:
        issues.append(_("以下部门的考核结果尚未审定：%(k)s") % {"k": "、".join(pending)})
    if not scheme.assessments.exists():
        issues.append(_("方案没有被考核部门。"))
    return issues


@transaction.atomic
def pay_run_create(
    *, actor, scheme: AssessmentScheme, band_rounding: str | None = None, forfeited: set[int] | None = None
) -> PayRun:
    """Compute everyone's target bonus: department members by their department's total, leaders by the
    chair's / leader's score (R003-07). ``forfeited`` (person ids) overrides the attendance app."""
    require(actor, Cap.ASSESSMENT_MANAGE)
    issues = pay_run_blocking_issues(scheme)
    if issues:
        raise TransitionBlocked(issues)
    rules = engine.bonus_scheme(scheme.scheme, band_rounding=band_rounding)
    assessments = list(scheme.assessments.select_related("unit").order_by("order", "id"))
    scores = {a.key: a.total for a in assessments}
    links = list(scheme.leader_links.select_related("person").prefetch_related("supervised"))
    leader_ids = {link.person_id for link in links}
    members = [
        (a, p)
        for a in assessments
        for p in Person.objects.filter(unit=a.unit, is_active=True)
        .exclude(pk__in=leader_ids)
        .order_by("name", "id")
    ]
    ids = [p.pk for _a, p in members] + sorted(leader_ids)
    if forfeited is None:
        forfeited = attendance_forfeits(scheme.year, ids)
    run = PayRun(
        scheme=scheme,
        bonus_scheme={**(scheme.scheme.get("target_bonus") or {}), "band_rounding": rules.band_rounding},
        forfeited=sorted(forfeited & set(ids)),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    save_audited(run, actor=actor, before=None)
    lines = []
    for a, person in members:
        lines.append(_line(run, person, a.key, a.total, a.derivation, rules, person.pk in forfeited))
    for link in links:
        if link.role == LeaderRole.CHAIR:
            d = bonus_engine.chair_score(scores, rules)
        else:
            d = bonus_engine.leader_score(scores, [s.key for s in link.supervised.all()], rules)
        lines.append(
            _line(
                run,
                link.person,
                link.get_role_display(),
                d.value,
                d.to_dict(),
                rules,
                link.person_id in forfeited,
            )
        )
    PayLine.objects.bulk_create(lines)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=run,
        changes={"lines": len(lines), "forfeited": run.forfeited},
        note=_("目标管理奖金核算"),
    )
    return run


def _line(run, person, basis, score, score_derivation, rules, is_forfeited) -> PayLine:
    if score is None:
        return PayLine(
            run=run,
            person=person,
            basis=basis,
            score=None,
            amount=None,
            is_forfeited=is_forfeited,
            derivation={"score": score_derivation, "bonus": None},
        )
    bonus = bonus_engine.target_bonus(score, rules, forfeited=is_forfeited)
    return PayLine(
        run=run,
        person=person,
        basis=basis,
        score=score,
        is_forfeited=is_forfeited,
        amount=bonus.value,
        derivation={"score": score_derivation, "bonus": bonus.to_dict()},
    )
