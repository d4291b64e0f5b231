"""Appointment rounds (岗位聘用, R004-05): writes, each validated, saved and audited in one transaction.

Stages: 个人申请 → 资格预审 → 竞聘与研究决定 → 聘用公示 → 签订聘用合同 → 已完成. Each step checks its blocking
issues first (``round_blocking_issues``) and refuses while any remain.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from kaoping.common.audit import audit_record, snapshot
from kaoping.common.calendar import work_calendar
from kaoping.common.errors import DomainError, TransitionBlocked
from kaoping.common.models import AuditEntry
from kaoping.common.validation import validate_model
from kaoping.org.models import Person
from kaoping.positions.models import (
    Application,
    Appointment,
    AppointmentRound,
    EstablishmentPlan,
    Objection,
    PostLine,
)
from kaoping.positions.selectors_appointment import current_grade, prereview
from kaoping.scoring.appointment import first_appointment_grade_ok
from kaoping.scoring.dates import notice_end_date

Stage = AppointmentRound.Stage
STAGE_ORDER = list(Stage.values)
DECLARED_FIELDS = (
    "title_level",
    "title_since",
    "achievements",
    "commendation_years",
    "holds_internal_leadership",
)


def _audit(actor, action: str, obj, changes: dict | None = None, note: str = "") -> None:
    audit_record(actor=actor, action=action, obj=obj, changes=changes or {}, note=note)


def _require_stage(rnd: AppointmentRound, *stages: str) -> None:
    if rnd.stage not in stages:
        labels = "、".join(str(Stage(s).label) for s in stages)
        raise DomainError(
            _("本轮当前处于“%(now)s”阶段，此操作只能在“%(allowed)s”阶段进行。")
            % {"now": rnd.get_stage_display(), "allowed": labels},
            code="wrong_stage",
        )


# ------------------------------------------------------------------------------------------------ rounds


@transaction.atomic
def round_create(
    *,
    actor,
    plan: EstablishmentPlan,
    title: str,
    as_of: dt.date,
    is_first_appointment: bool = True,
    notice_working_days: bool = False,
) -> AppointmentRound:
    """A round on an approved plan; the notice length comes from the plan (7 days in seed 004)."""
    if plan.status != EstablishmentPlan.Status.APPROVED:
        raise DomainError(_("岗位设置方案核准后才能开展岗位聘用。"), code="plan_not_approved")
    rnd = AppointmentRound(
        plan=plan,
        title=title,
        as_of=as_of,
        is_first_appointment=is_first_appointment,
        notice_days=plan.notice_days,
        notice_working_days=notice_working_days,
    )
    validate_model(rnd)
    rnd.save()
    _audit(actor, AuditEntry.Action.CREATE, rnd, snapshot(rnd))
    return rnd


# ------------------------------------------------------------------------------------------ applications


@transaction.atomic
def application_create(
    *, actor, round: AppointmentRound, person: Person, line: PostLine, **declared: Any
) -> Application:
    """An application of ``person`` to post ``line`` (one per person per round, database-enforced)."""
    _require_stage(round, Stage.APPLYING)
    if line.plan_id != round.plan_id:
        raise DomainError(_("所选岗位不属于本轮的岗位设置方案。"), code="foreign_line", field="line")
    if not person.unit.path.startswith(round.plan.unit.path) or not person.is_active:
        raise DomainError(_("申请人须为本单位在职人员。"), code="not_staff", field="person")
    unknown = set(declared) - set(DECLARED_FIELDS)
    if unknown:
        raise DomainError(_("不可填写的字段：%(f)s") % {"f": "、".join(sorted(unknown))}, code="bad_field")
    application = Application(round=round, person=person, line=line, **declared)
    validate_model(application)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:
        raise DomainError(
            _("此人在本轮已提交申请，每人限报一个岗位。"), code="conflict", field="person"
        ) from exc
    _audit(actor, AuditEntry.Action.CREATE, application, snapshot(application))
    return application


@transaction.atomic
def application_review(*, actor, application: Application, qualified: bool, note: str = "") -> Application:
    """The reviewer's decision after the pre-review (R004-04); a rejection states its reason. The engine's
    result is stored with the decision, so the page can show what it was based on."""
    _require_stage(application.round, Stage.REVIEWING)
    if not qualified and not note.strip():
        raise DomainError(_("资格审查不通过时须填写理由。"), code="reason_required", field="review_note")
    result = prereview(application)
    before = application.status
    application.review = result
    application.review_note = note.strip()
    application.status = Application.Status.QUALIFIED if qualified else Application.Status.REJECTED
    application.save(update_fields=["review", "review_note", "status", "updated_at"])
    _audit(actor, AuditEntry.Action.UPDATE, application, {"status": [before, application.status]}, note)
    return application


@transaction.atomic
def application_score(*, actor, application: Application, score) -> Application:
    """The competition score (竞聘成绩) of a qualified applicant, when applicants exceed the post's count."""
    _require_stage(application.round, Stage.DECIDING)
    if application.status != Application.Status.QUALIFIED:
        raise DomainError(_("只有资格审查通过的申请人才能录入竞聘成绩。"), code="not_qualified")
    before = application.score
    application.score = score
    validate_model(application)
    application.save(update_fields=["score", "updated_at"])
    _audit(actor, AuditEntry.Action.UPDATE, application, {"score": [str(before), str(score)]})
    return application


def _take_slot(rnd: AppointmentRound, application: Application, line: PostLine) -> Appointment:
    """Insert the appointment into the lowest free slot of ``line``. Parallel deciders may pick the same
    slot: the loser's insert fails on the unique (line, slot) and it tries the next free one. Past the
    capacity the check constraint refuses the insert: the post is full."""
    for _attempt in range(line.count + 1):
        taken = set(Appointment.objects.filter(line=line).values_list("slot", flat=True))
        slot = next(n for n in range(1, line.count + 2) if n not in taken)
        if slot > line.count:
            break
        appointment = Appointment(
            round=rnd, application=application, line=line, capacity=line.count, slot=slot
        )
        try:
            with transaction.atomic():
                appointment.save()
        except IntegrityError:
            continue
        return appointment
    raise DomainError(
        _("岗位“%(post)s”已聘满（%(n)s 个）。") % {"post": line.name, "n": line.count}, code="post_full"
    )


@transaction.atomic
def application_decide(*, actor, application: Application, appoint: bool) -> Application:
    """The leading group's decision. Appointing takes a numbered slot of the post: the database refuses a
    slot beyond the post's count, so a post can never hold more people than its count, whatever the race."""
    rnd = application.round
    _require_stage(rnd, Stage.DECIDING)
    if application.status not in (Application.Status.QUALIFIED, Application.Status.NOT_APPOINTED):
        raise DomainError(_("只有资格审查通过的申请人才能研究决定聘用。"), code="not_qualified")
    if not appoint:
        application.status = Application.Status.NOT_APPOINTED
        application.save(update_fields=["status", "updated_at"])
        _audit(actor, AuditEntry.Action.UPDATE, application, {"status": ["qualified", "not_appointed"]})
        return application
    line = application.line
    if rnd.is_first_appointment:
        grade = current_grade(application.person, line.category)
        if grade is None or not first_appointment_grade_ok(grade, line.grade):
            raise DomainError(
                _("首次聘用须按现聘等级聘用：%(name)s现聘%(now)s，岗位为%(post)s级。")
                % {
                    "name": application.person.name,
                    "now": f"{grade}级" if grade else _("无等级"),
                    "post": line.grade,
                },
                code="first_appointment_grade",
            )
    appointment = _take_slot(rnd, application, line)
    application.status = Application.Status.APPOINTED
    application.save(update_fields=["status", "updated_at"])
    _audit(actor, AuditEntry.Action.CREATE, appointment, {"line": str(line), "slot": appointment.slot})
    return application


# ------------------------------------------------------------------------------------ notice and contracts


@transaction.atomic
def objection_add(*, actor, application: Application, content: str, received_on: dt.date) -> Objection:
    _require_stage(application.round, Stage.NOTICE)
    objection = Objection(
        round=application.round, application=application, content=content, received_on=received_on
    )
    validate_model(objection)
    objection.save()
    _audit(actor, AuditEntry.Action.CREATE, objection, snapshot(objection))
    return objection


@transaction.atomic
def objection_resolve(
    *, actor, objection: Objection, resolution: str, upheld: bool, on: dt.date
) -> Objection:
    """Record the re-review's conclusion; an upheld objection cancels that appointment (R004-05)."""
    _require_stage(objection.round, Stage.NOTICE)
    if not resolution.strip():
        raise DomainError(_("请填写核查结论。"), code="reason_required", field="resolution")
    objection.resolution, objection.upheld, objection.resolved_on = resolution.strip(), upheld, on
    objection.save(update_fields=["resolution", "upheld", "resolved_on", "updated_at"])
    application = objection.application
    if upheld and hasattr(application, "appointment"):
        application.appointment.delete()
        application.status = Application.Status.NOT_APPOINTED
        application.save(update_fields=["status", "updated_at"])
    _audit(actor, AuditEntry.Action.UPDATE, objection, {"upheld": upheld}, resolution)
    return objection


@transaction.atomic
def contract_sign(*, actor, appointment: Appointment, kind: str, on: dt.date) -> Appointment:
    _require_stage(appointment.round, Stage.CONTRACTS)
    appointment.contract_kind, appointment.contract_signed_on = kind, on
    validate_model(appointment)
    appointment.save(update_fields=["contract_kind", "contract_signed_on", "updated_at"])
    _audit(actor, AuditEntry.Action.UPDATE, appointment, {"contract": [kind, on.isoformat()]})
    return appointment


# ---------------------------------------------------------------------------------------------- stages


def round_blocking_issues(rnd: AppointmentRound, today: dt.date | None = None) -> list[str]:
    """Why the round cannot move to its next stage now (empty when it can)."""
    today = today or timezone.localdate()
    apps = list(rnd.applications.select_related("person", "line"))
    issues: list[str] = []
    if rnd.stage == Stage.DONE:
        return [_("本轮聘用已完成。")]
    if rnd.stage == Stage.APPLYING and not apps:
        issues.append(_("还没有任何申请。"))
    if rnd.stage == Stage.REVIEWING:
        issues += [
            _("%(name)s的申请尚未审查。") % {"name": a.person.name}
            for a in apps
            if a.status == Application.Status.SUBMITTED
        ]
    if rnd.stage == Stage.DECIDING:
        by_line: dict[int, list[Application]] = {}
        for a in apps:
            if a.status in (
                Application.Status.QUALIFIED,
                Application.Status.APPOINTED,
                Application.Status.NOT_APPOINTED,
            ):
                by_line.setdefault(a.line_id, []).append(a)
        for group in by_line.values():
            line = group[0].line
            if len(group) > line.count and any(a.score is None for a in group):
                issues.append(
                    _("岗位“%(post)s”有 %(n)s 人竞聘 %(k)s 个岗位，请先录入全部竞聘成绩。")
                    % {"post": line.name, "n": len(group), "k": line.count}
                )
            issues += [
                _("%(name)s尚未研究决定是否聘用。") % {"name": a.person.name}
                for a in group
                if a.status == Application.Status.QUALIFIED
            ]
    if rnd.stage == Stage.NOTICE:
        if rnd.notice_end and today <= rnd.notice_end:
            issues.append(_("公示期至 %(d)s 结束，期满后才能签订合同。") % {"d": rnd.notice_end.isoformat()})
        issues += [
            _("%(name)s的公示异议尚未办结。") % {"name": o.application.person.name}
            for o in rnd.objections.select_related("application__person")
            if o.resolved_on is None
        ]
    if rnd.stage == Stage.CONTRACTS:
        issues += [
            _("%(name)s尚未签订聘用合同。") % {"name": ap.application.person.name}
            for ap in rnd.appointments.select_related("application__person")
            if ap.contract_signed_on is None
        ]
    return issues


def _notice_end(rnd: AppointmentRound, start: dt.date) -> dt.date:
    if rnd.notice_working_days:
        return notice_end_date(start, rnd.notice_days, work_calendar(start))
    return start + dt.timedelta(days=rnd.notice_days - 1)


@transaction.atomic
def round_advance(*, actor, round: AppointmentRound, today: dt.date | None = None) -> AppointmentRound:
    """Move to the next stage after checking its blocking issues; opening the notice sets its dates."""
    today = today or timezone.localdate()
    issues = round_blocking_issues(round, today)
    if issues:
        raise TransitionBlocked(issues)
    before = round.stage
    round.stage = STAGE_ORDER[STAGE_ORDER.index(round.stage) + 1]
    fields = ["stage", "updated_at"]
    if round.stage == Stage.NOTICE:
        round.notice_start, round.notice_end = today, _notice_end(round, today)
        fields += ["notice_start", "notice_end"]
    round.save(update_fields=fields)
    _audit(actor, AuditEntry.Action.UPDATE, round, {"stage": [before, round.stage]})
    return round


def appointed_counts(rnd: AppointmentRound) -> dict[int, int]:
    """Appointments per post line in this round (for the page)."""
    rows = Appointment.objects.filter(round=rnd).values("line").annotate(n=Count("id"))
    return {r["line"]: r["n"] for r in rows}
