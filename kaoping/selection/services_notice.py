"""The pre-appointment notice (任前公示, R000-24, RP-08): at least ``campaign.notice_working_days`` working
days against the holiday calendar (kaoping.common.calendar), objections recorded and resolved.

An objection found true (反映属实) sends the position's decision back: the campaign cannot finish until the
leadership has decided the position again (another candidate, whose notice then restarts, or vacant)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaoping.common.audit import audit_record, save_audited, snapshot
from kaoping.common.calendar import notice_end
from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.selection.models import Campaign, NoticeObjection, Proposal, PublicNotice, Registration

Stage = Campaign.Stage


def notice_min_end(campaign: Campaign, start: dt.date) -> dt.date:
    """The earliest last day of a notice starting on ``start`` (RP-08: working days, holidays skipped)."""
    return notice_end(start, max(1, campaign.notice_working_days))


def appointees(campaign: Campaign) -> list[Proposal]:
    """The proposals decided as 决定任职, ordered by position."""
    return list(
        Proposal.objects.filter(position__campaign=campaign, decision=Proposal.Decision.APPOINT)
        .select_related("registration__person__unit", "registration__person__rank", "position__unit")
        .order_by("position__order", "position__id")
    )


def default_text(campaign: Campaign) -> str:
    lines = [
        _(
            "根据%(title)s工作安排，经个人报名、资格审查、民主测评、笔试、面试、组织考察和党组会议研究，"
            "拟任用下列同志，现予以任前公示："
        )
        % {"title": campaign.title}
    ]
    for i, p in enumerate(appointees(campaign), start=1):
        person = p.registration.person
        lines.append(
            _("%(i)s. %(name)s，现任%(unit)s%(post)s，拟任%(position)s。")
            % {
                "i": i,
                "name": person.name,
                "unit": person.unit.name,
                "post": person.current_post,
                "position": p.position.title,
            }
        )
    return "\n".join(lines)


@transaction.atomic
def notice_ensure(*, actor, campaign: Campaign, start: dt.date | None = None) -> PublicNotice:
    """The campaign's notice, created with its computed dates and default text when missing."""
    existing = PublicNotice.objects.filter(campaign=campaign).first()
    if existing is not None:
        return existing
    start = start or timezone.localdate()
    notice = PublicNotice(
        campaign=campaign,
        start=start,
        end=notice_min_end(campaign, start),
        text=default_text(campaign),
        published_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    save_audited(notice, actor=actor, before=None, object_repr=_("%(t)s任前公示") % {"t": campaign.title})
    return notice


@transaction.atomic
def notice_update(
    *, actor, notice: PublicNotice, start: dt.date, text: str, contact: str = "", end: dt.date | None = None
) -> PublicNotice:
    """Change the dates or the text. ``end`` defaults to the computed minimum and may not be earlier (RP-08)."""
    if notice.campaign.stage != Stage.NOTICE:
        raise DomainError(_("只能在任前公示阶段修改公示。"), code="wrong_stage")
    minimum = notice_min_end(notice.campaign, start)
    end = end or minimum
    if end < minimum:
        raise ValidationFailed(
            {
                "end": [
                    _("公示期不少于%(n)s个工作日，结束日期不能早于%(d)s（RP-08）。")
                    % {"n": notice.campaign.notice_working_days, "d": minimum.isoformat()}
                ]
            }
        )
    before = snapshot(notice)
    notice.start, notice.end = start, end
    notice.text, notice.contact = (text or "").strip(), (contact or "").strip()
    save_audited(notice, actor=actor, before=before)
    return notice


def notice_restart(*, actor, notice: PublicNotice, note: str) -> PublicNotice:
    """Start the notice again today (a new appointee after an upheld objection). Call inside a transaction."""
    before = snapshot(notice)
    notice.start = timezone.localdate()
    notice.end = notice_min_end(notice.campaign, notice.start)
    notice.text = default_text(notice.campaign)
    save_audited(notice, actor=actor, before=before, note=note)
    return notice


# ------------------------------------------------------------------------------------------- objections


@transaction.atomic
def objection_add(
    *, actor, notice: PublicNotice, registration: Registration, received_on: dt.date, content: str
) -> NoticeObjection:
    if notice.campaign.stage != Stage.NOTICE:
        raise DomainError(_("只能在任前公示阶段登记反映的问题。"), code="wrong_stage")
    if registration.pk not in {p.registration_id for p in appointees(notice.campaign)}:
        raise ValidationFailed({"registration": [_("此人不在本次任前公示名单中。")]})
    objection = NoticeObjection(
        notice=notice, registration=registration, received_on=received_on, content=(content or "").strip()
    )
    save_audited(objection, actor=actor, before=None, object_repr=f"{registration.person.name}：公示反映")
    return objection


@transaction.atomic
def objection_resolve(*, actor, objection: NoticeObjection, status: str, resolution: str) -> NoticeObjection:
    """Record the verification: 反映属实 (upheld) or 反映不实 (dismissed), with what was found."""
    if objection.notice.campaign.stage != Stage.NOTICE:
        raise DomainError(_("只能在任前公示阶段核查反映的问题。"), code="wrong_stage")
    if objection.status != NoticeObjection.Status.OPEN:
        raise DomainError(_("该问题已核查办结。"), code="already_resolved")
    if status not in (NoticeObjection.Status.UPHELD, NoticeObjection.Status.DISMISSED):
        raise ValidationFailed({"status": [_("请选择核查结果。")]})
    if not (resolution or "").strip():
        raise ValidationFailed({"resolution": [_("请填写核查情况。")]})
    before = snapshot(objection)
    objection.status = status
    objection.resolution = resolution.strip()
    objection.resolved_by = actor if getattr(actor, "is_authenticated", False) else None
    objection.resolved_at = timezone.now()
    save_audited(objection, actor=actor, before=before)
    if status == NoticeObjection.Status.UPHELD:
        audit_record(
            actor=actor,
            action=AuditEntry.Action.OTHER,
            obj=objection.registration.position,
            note=_("公示反映问题属实，%(name)s的任职决定须重新研究。")
            % {"name": objection.registration.person.name},
        )
    return objection


def upheld_pending(campaign: Campaign) -> list[NoticeObjection]:
    """Upheld objections whose person is still decided for the post: the decision must be revisited."""
    appointed = {p.registration_id for p in appointees(campaign)}
    return [
        o
        for o in NoticeObjection.objects.filter(
            notice__campaign=campaign, status=NoticeObjection.Status.UPHELD
        ).select_related("registration__person", "registration__position")
        if o.registration_id in appointed
    ]


def notice_blocking_issues(campaign: Campaign, today: dt.date | None = None) -> list[str]:
    """任前公示 → 已完成 (RP-08): the notice exists and has run its course, no objection is open, and every
    upheld objection has led to a new decision."""
    today = today or timezone.localdate()
    notice = PublicNotice.objects.filter(campaign=campaign).first()
    if notice is None:
        return [_("尚未发布任前公示。")]
    issues = []
    minimum = notice_min_end(campaign, notice.start)
    end = max(notice.end, minimum)
    if today <= end:
        issues.append(
            _("RP-08 任前公示期为%(start)s至%(end)s（%(n)s个工作日），公示期满后才能办理任职。")
            % {"start": notice.start.isoformat(), "end": end.isoformat(), "n": campaign.notice_working_days}
        )
    for o in notice.objections.filter(status=NoticeObjection.Status.OPEN).select_related(
        "registration__person"
    ):
        issues.append(
            _("RP-08 关于%(name)s的反映（%(d)s收到）尚未核查办结。")
            % {"name": o.registration.person.name, "d": o.received_on.isoformat()}
        )
    for o in upheld_pending(campaign):
        issues.append(
            _("R000-24 关于%(name)s的反映经核查属实，“%(position)s”须重新研究决定。")
            % {"name": o.registration.person.name, "position": o.registration.position.title}
        )
    return issues
