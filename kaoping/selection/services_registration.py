"""Registration (报名, R000-02 … R000-06): a liaison or the organiser registers a person for one position,
the unit signs it off, the organiser publishes the counts, one written change per person, moves away from
positions that did not open, withdrawal. Every write validated, saved and audited in one transaction."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaoping.common.audit import audit_record, save_audited, snapshot
from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.org.models import Person
from kaoping.scoring.registration import check_change, check_deadline, check_single_position
from kaoping.selection.adapters import campaign_scheme
from kaoping.selection.models import Campaign, OfferedPosition, Registration, RegistrationChange
from kaoping.selection.services import require_stage

Stage = Campaign.Stage
Status = Registration.Status
ONE_ACTIVE = _("此人已报名本次竞争上岗的其他职位，每人限报一个职位。")


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _in_time(campaign: Campaign, now: dt.datetime) -> None:
    """R000-04: refuse after the deadline."""
    check = check_deadline(now, campaign.registration_deadline)
    if not check.allowed:
        raise DomainError(_("报名已截止：%(r)s。") % {"r": check.reason}, code="deadline_passed")


def _open_position(campaign: Campaign, position: OfferedPosition, field: str = "position") -> None:
    if position.campaign_id != campaign.pk:
        raise DomainError(_("所选职位不属于本次竞争上岗。"), code="foreign_position", field=field)
    if position.status != OfferedPosition.Status.OPEN:
        raise DomainError(
            _("职位“%(p)s”%(s)s，不能报名。") % {"p": position.title, "s": position.get_status_display()},
            code="position_closed",
            field=field,
        )


@transaction.atomic
def registration_create(
    *,
    actor,
    campaign: Campaign,
    person: Person,
    position: OfferedPosition,
    obeys_assignment: bool = True,
    health: str = "健康",
    now: dt.datetime | None = None,
) -> Registration:
    """R000-02/04/06: one active registration per person, before the deadline; it starts at 待单位审核."""
    require_stage(campaign, Stage.REGISTRATION)
    _in_time(campaign, _now(now))
    _open_position(campaign, position)
    if not person.is_active:
        raise DomainError(_("只能为在职人员报名。"), code="inactive_person", field="person")
    held = [
        t
        for t in campaign.registrations.filter(person=person, is_active=True).values_list(
            "position__title", flat=True
        )
    ]
    single = check_single_position(held)
    if not single.allowed:
        raise DomainError(_("%(r)s。") % {"r": single.reason}, code="already_registered", field="person")
    registration = Registration(
        campaign=campaign,
        person=person,
        position=position,
        obeys_assignment=obeys_assignment,
        health=health,
        registered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        save_audited(registration, actor=actor, before=None, conflict_message=ONE_ACTIVE)
    except ValidationFailed as exc:
        if "__all__" in exc.errors:  # the one-active-registration constraint, seen by full_clean
            raise DomainError(ONE_ACTIVE, code="conflict", field="person") from exc
        raise
    except DomainError as exc:
        if exc.code == "conflict":  # the same constraint refused at the database (a race)
            exc.field = "person"
        raise
    return registration


@transaction.atomic
def registration_update(
    *, actor, registration: Registration, obeys_assignment: bool, health: str
) -> Registration:
    """Correct the form while it is still with the unit."""
    require_stage(registration.campaign, Stage.REGISTRATION)
    if registration.status != Status.UNIT_REVIEW:
        raise DomainError(_("报名已报送组织部，不能再修改。"), code="locked")
    before = snapshot(registration)
    registration.obeys_assignment = obeys_assignment
    registration.health = health
    save_audited(registration, actor=actor, before=before)
    return registration


@transaction.atomic
def registration_sign(
    *, actor, registration: Registration, opinion: str, signed_by: str, now: dt.datetime | None = None
) -> Registration:
    """R000-06: the unit's opinion and its head's signature; the registration goes to 组织部."""
    campaign = registration.campaign
    require_stage(campaign, Stage.REGISTRATION)
    now = _now(now)
    _in_time(campaign, now)
    if registration.status != Status.UNIT_REVIEW or not registration.is_active:
        raise DomainError(_("该报名不在待单位审核状态。"), code="wrong_status")
    errors = {}
    if not opinion.strip():
        errors["opinion"] = _("请填写单位意见。")
    if not signed_by.strip():
        errors["signed_by"] = _("请填写签字的单位负责人。")
    if errors:
        field, message = next(iter(errors.items()))
        raise DomainError(message, code="required", field=field)
    before = snapshot(registration)
    registration.unit_opinion = opinion.strip()
    registration.unit_signed_by = signed_by.strip()
    registration.unit_signed_at = now
    registration.status = Status.SUBMITTED
    save_audited(registration, actor=actor, before=before, note=_("单位审核同意，报送组织部"))
    return registration


@transaction.atomic
def counts_publish(*, actor, campaign: Campaign, now: dt.datetime | None = None) -> Campaign:
    """R000-03: the organiser publishes each position's count; from then on one change per person."""
    require_stage(campaign, Stage.REGISTRATION)
    if campaign.counts_published_at:
        raise DomainError(_("各职位报名情况已经发布。"), code="already_published")
    now = _now(now)
    _in_time(campaign, now)
    campaign.counts_published_at = now
    campaign.save(update_fields=["counts_published_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=campaign,
        changes={"counts_published_at": [None, now.isoformat()]},
        note=_("发布各职位报名情况"),
    )
    return campaign


def _record_change(
    *, actor, registration: Registration, kind: str, to_position: OfferedPosition, note: str
) -> RegistrationChange:
    if not note.strip():
        raise DomainError(_("请填写书面申请说明。"), code="required", field="request_note")
    if to_position.pk == registration.position_id:
        raise DomainError(_("新职位与原职位相同。"), code="same_position", field="to_position")
    change = RegistrationChange(
        registration=registration,
        kind=kind,
        from_position=registration.position,
        to_position=to_position,
        request_note=note.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    save_audited(change, actor=actor, before=None)
    return change


@transaction.atomic
def registration_change(
    *,
    actor,
    registration: Registration,
    to_position: OfferedPosition,
    request_note: str,
    now: dt.datetime | None = None,
) -> Registration:
    """R000-03: after the counts are published, before the deadline, by written request, at most
    ``registration.max_changes`` (1) times."""
    campaign = registration.campaign
    require_stage(campaign, Stage.REGISTRATION)
    registration = Registration.objects.select_for_update().select_related("position").get(pk=registration.pk)
    if not registration.is_active:
        raise DomainError(_("该报名已撤回。"), code="wrong_status")
    check = check_change(
        registration.changes_made,
        _now(now),
        campaign.registration_deadline,
        counts_published_at=campaign.counts_published_at,
        max_changes=campaign_scheme(campaign).max_changes,
        is_written=bool(request_note.strip()),
    )
    if not check.allowed:
        raise DomainError(_("不能调整报名职位：%(r)s。") % {"r": check.reason}, code="change_refused")
    _open_position(campaign, to_position, "to_position")
    before = snapshot(registration)
    _record_change(
        actor=actor,
        registration=registration,
        kind=RegistrationChange.Kind.CHANGE,
        to_position=to_position,
        note=request_note,
    )
    registration.position = to_position
    registration.changes_made += 1
    save_audited(registration, actor=actor, before=before, note=_("书面申请调整报名职位"))
    return registration


@transaction.atomic
def registration_move(
    *, actor, registration: Registration, to_position: OfferedPosition, request_note: str
) -> Registration:
    """R000-05: a registrant of a position that did not open moves, on written request, to an open one."""
    campaign = registration.campaign
    require_stage(campaign, Stage.REVIEW)
    if not registration.is_active:
        raise DomainError(_("该报名已撤回。"), code="wrong_status")
    if registration.position.status != OfferedPosition.Status.NOT_OPENED:
        raise DomainError(_("只有报名不足未开考职位的报名人员可以改报。"), code="position_open")
    _open_position(campaign, to_position, "to_position")
    before = snapshot(registration)
    _record_change(
        actor=actor,
        registration=registration,
        kind=RegistrationChange.Kind.MOVE,
        to_position=to_position,
        note=request_note,
    )
    registration.position = to_position
    save_audited(registration, actor=actor, before=before, note=_("未开考职位书面申请改报"))
    return registration


@transaction.atomic
def registration_withdraw(*, actor, registration: Registration, reason: str = "") -> Registration:
    """Withdraw (frees the person to register again while registration is open)."""
    require_stage(registration.campaign, Stage.REGISTRATION, Stage.REVIEW)
    if not registration.is_active:
        raise DomainError(_("该报名已撤回。"), code="wrong_status")
    try:
        with transaction.atomic():
            before = snapshot(registration)
            registration.is_active = False
            registration.status = Status.WITHDRAWN
            registration.save(update_fields=["is_active", "status", "updated_at"])
    except IntegrityError as exc:  # pragma: no cover - defensive
        raise DomainError(_("撤回失败，请重试。"), code="conflict") from exc
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=registration,
        changes={"status": [before["status"], Status.WITHDRAWN], "is_active": [True, False]},
        note=reason or _("撤回报名"),
    )
    return registration
