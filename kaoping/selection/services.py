"""Campaigns (竞争上岗): create from a preset or copy, edit, the scheme, positions, and the stage machine.

草稿 → 已发布 → 报名 → 资格审查 → 民主测评 → 笔试 → 面试 → 考察 → 研究决定 → 任前公示 → 已完成. Each transition
lists its blocking issues first (``campaign_blocking_issues``) and refuses while any remain; the stages owned
by the results and decision parts add theirs through ``services_results`` / ``services_decision``.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaoping.common.audit import audit_change, audit_record, save_audited, snapshot
from kaoping.common.errors import DomainError, TransitionBlocked, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.scoring.base_score import BaseScoreScheme
from kaoping.scoring.eligibility import rule_from_dict
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.presets import all_presets
from kaoping.scoring.selection import SelectionScheme
from kaoping.selection.models import Campaign, OfferedPosition, Registration
from kaoping.selection.services_positions import POSITION_FIELDS

Stage = Campaign.Stage
STAGE_ORDER: list[str] = list(Stage.values)
DEFAULT_PRESET = "selection.seed000"
TEAM_PRESET_SUFFIX = ".inspection_team"
# Steps that cannot be undone and that the UI/API confirm explicitly (data-confirm / "confirm": true).
IRREVERSIBLE = frozenset(STAGE_ORDER[1:])
EDITABLE_FIELDS = (
    "title",
    "doc_number",
    "tenure_cutoff",
    "registration_opens",
    "registration_deadline",
    "evaluation_mode",
    "exam_mode",
    "interview_mode",
    "notice_working_days",
)
# A field may change only while the campaign has not reached this stage.
FROZEN_FROM = {
    "tenure_cutoff": Stage.REGISTRATION,
    "registration_opens": Stage.REGISTRATION,
    "registration_deadline": Stage.REVIEW,
    "evaluation_mode": Stage.EVALUATION,
    "exam_mode": Stage.EXAM,
    "interview_mode": Stage.INTERVIEW,
    "notice_working_days": Stage.NOTICE,
}


def require_stage(campaign: Campaign, *stages: str) -> None:
    if campaign.stage not in stages:
        allowed = "、".join(str(Stage(s).label) for s in stages)
        raise DomainError(
            _("本次竞争上岗当前处于“%(now)s”阶段，此操作只能在“%(allowed)s”阶段进行。")
            % {"now": campaign.get_stage_display(), "allowed": allowed},
            code="wrong_stage",
        )


def selection_presets() -> dict[str, Any]:
    return {k: p for k, p in all_presets().items() if p.kind == "selection"}


# ------------------------------------------------------------------------------------------------ scheme


def scheme_validate(data: Any) -> SelectionScheme:
    """Validate a scheme dict fully (scheme, base-score points, every eligibility rule); ValidationFailed
    maps the SchemeError's field path to its Chinese message."""
    try:
        if not isinstance(data, dict):
            raise SchemeError("", "计分方案必须是 JSON 对象")
        scheme = SelectionScheme.from_dict(data)
        try:
            BaseScoreScheme.from_dict(dict(scheme.base_score))
        except SchemeError as exc:
            raise SchemeError(f"base_score.{exc.field}".rstrip("."), exc.message) from None
        for name, rules in scheme.eligibility.items():
            if not isinstance(rules, list):
                raise SchemeError(f"eligibility.{name}", "资格条件列表必须是数组")
            for i, rule in enumerate(rules):
                rule_from_dict(rule, f"eligibility.{name}[{i}]")
    except SchemeError as exc:
        raise ValidationFailed({exc.field or "scheme": [exc.message]}) from None
    return scheme


# --------------------------------------------------------------------------------------------- campaigns


@transaction.atomic
def campaign_create(
    *,
    actor,
    title: str,
    tenure_cutoff: dt.date,
    registration_deadline: dt.datetime,
    preset_key: str = DEFAULT_PRESET,
    **fields: Any,
) -> Campaign:
    """A draft campaign whose scheme is a copy of the preset (G-2: the user edits the copy)."""
    presets = all_presets()
    preset = presets.get(preset_key)
    if preset is None or preset.kind != "selection":
        raise DomainError(_("未找到计分方案预设“%(key)s”。") % {"key": preset_key}, field="preset_key")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(_("不可填写的字段：%(f)s") % {"f": "、".join(sorted(unknown))}, code="bad_field")
    team = presets.get(preset_key + TEAM_PRESET_SUFFIX)
    campaign = Campaign(
        title=title,
        tenure_cutoff=tenure_cutoff,
        registration_deadline=registration_deadline,
        scheme=copy.deepcopy(preset.data),
        preset_key=preset_key,
        inspection_team_rule=copy.deepcopy(team.data) if team else {},
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **fields,
    )
    _check_window(campaign)
    save_audited(campaign, actor=actor, before=None, note=_("由预设“%(p)s”创建") % {"p": preset.title})
    return campaign


@transaction.atomic
def campaign_copy(*, actor, source: Campaign, title: str) -> Campaign:
    """A new draft with the source's settings, scheme and positions; registrations are not copied."""
    campaign = Campaign(
        title=title,
        doc_number="",
        scheme=copy.deepcopy(source.scheme),
        preset_key=source.preset_key,
        copied_from=source,
        inspection_team_rule=copy.deepcopy(source.inspection_team_rule),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **{f: getattr(source, f) for f in EDITABLE_FIELDS if f not in ("title", "doc_number")},
    )
    save_audited(campaign, actor=actor, before=None, note=_("复制自“%(s)s”") % {"s": source.title})
    for pos in source.positions.order_by("order", "id"):
        OfferedPosition.objects.create(
            campaign=campaign,
            **{f: copy.deepcopy(getattr(pos, f)) for f in POSITION_FIELDS if f != "unit"},
            unit=pos.unit,
        )
    return campaign


def _check_window(campaign: Campaign) -> None:
    if campaign.registration_opens and campaign.registration_deadline <= campaign.registration_opens:
        raise ValidationFailed({"registration_deadline": [_("报名截止时间应晚于报名开始时间。")]})


@transaction.atomic
def campaign_update(*, actor, campaign: Campaign, **fields: Any) -> Campaign:
    """Edit the campaign's settings; dates and modes freeze once the stage that uses them is reached."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(_("不可修改的字段：%(f)s") % {"f": "、".join(sorted(unknown))}, code="bad_field")
    if campaign.stage == Stage.DONE:
        raise DomainError(_("竞争上岗已完成，不能再修改。"), code="locked")
    before = snapshot(campaign)
    errors: dict[str, list[str]] = {}
    for name, value in fields.items():
        frozen = FROZEN_FROM.get(name)
        if frozen and campaign.stage_reached(frozen) and getattr(campaign, name) != value:
            label = str(Campaign._meta.get_field(name).verbose_name)
            errors.setdefault(name, []).append(
                _("已进入“%(stage)s”阶段，%(field)s不能再修改。")
                % {"stage": Stage(frozen).label, "field": label}
            )
        setattr(campaign, name, value)
    if errors:
        raise ValidationFailed(errors)
    _check_window(campaign)
    save_audited(campaign, actor=actor, before=before)
    return campaign


@transaction.atomic
def campaign_scheme_save(*, actor, campaign: Campaign, scheme: dict) -> Campaign:
    """Replace the scheme after full validation; frozen once registration opens."""
    if campaign.stage_reached(Stage.REGISTRATION):
        raise DomainError(_("报名开始后计分方案不能再修改。"), code="scheme_frozen")
    scheme_validate(scheme)
    before = {"scheme": campaign.scheme}
    campaign.scheme = copy.deepcopy(scheme)
    campaign.save(update_fields=["scheme", "updated_at"])
    audit_change(campaign, actor=actor, before={**snapshot(campaign), **before}, note=_("修改计分方案"))
    return campaign


@transaction.atomic
def campaign_delete(*, actor, campaign: Campaign) -> None:
    require_stage(campaign, Stage.DRAFT)
    audit_record(actor=actor, action=AuditEntry.Action.DELETE, obj=campaign)
    campaign.positions.all().delete()
    campaign.delete()


# ---------------------------------------------------------------------------------------- stage machine


def next_stage(campaign: Campaign) -> str | None:
    i = STAGE_ORDER.index(campaign.stage)
    return STAGE_ORDER[i + 1] if i + 1 < len(STAGE_ORDER) else None


def _draft_issues(campaign: Campaign) -> list[str]:
    from kaoping.selection.adapters import TRANSFER_LIST

    issues: list[str] = []
    positions = list(campaign.positions.all())
    if not positions:
        issues.append(_("尚未设置竞争职位。"))
    try:
        scheme = scheme_validate(campaign.scheme)
    except ValidationFailed as exc:
        field, messages = next(iter(exc.errors.items()))
        issues.append(_("计分方案无效：%(f)s %(m)s") % {"f": field, "m": messages[0]})
        scheme = None
    if campaign.registration_opens and campaign.registration_deadline <= campaign.registration_opens:
        issues.append(_("报名截止时间应晚于报名开始时间。"))
    if scheme is not None:
        lists = scheme.eligibility
        for p in positions:
            for name in [p.level, *(p.extra_rule_lists or [])]:
                if name not in lists:
                    issues.append(
                        _("职位“%(p)s”所需的资格条件列表“%(l)s”不在计分方案中。") % {"p": p.title, "l": name}
                    )
        needs_transfer = any(p.kind == p.Kind.AGENCY and p.level == "副局级" for p in positions)
        if needs_transfer and TRANSFER_LIST not in lists:
            issues.append(_("计分方案缺少“调任”资格条件列表（直属单位人员报名机关副局级职位时适用）。"))
    return issues


def _registration_issues(campaign: Campaign, now: dt.datetime) -> list[str]:
    issues: list[str] = []
    if now <= campaign.registration_deadline:
        stamp = timezone.localtime(campaign.registration_deadline).strftime("%Y-%m-%d %H:%M")
        issues.append(_("报名尚未截止（截止时间 %(t)s）。") % {"t": stamp})
    waiting = (
        campaign.registrations.filter(is_active=True, status=Registration.Status.UNIT_REVIEW)
        .select_related("person", "person__unit")
        .order_by("person__unit__path", "person__name")
    )
    for reg in waiting:
        issues.append(
            _("%(name)s（%(unit)s）的报名尚待所在单位审核签署。")
            % {"name": reg.person.name, "unit": reg.person.unit.name}
        )
    return issues


def _review_issues(campaign: Campaign) -> list[str]:
    from kaoping.selection.models import StageResult

    issues: list[str] = []
    regs = (
        campaign.registrations.filter(is_active=True, position__status=OfferedPosition.Status.OPEN)
        .select_related("person", "position")
        .order_by("position__order", "person__name")
    )
    stored = set(
        StageResult.objects.filter(
            campaign=campaign, stage=StageResult.Stage.BASE, value__isnull=False
        ).values_list("registration_id", flat=True)
    )
    for reg in regs:
        names = {"name": reg.person.name, "post": reg.position.title}
        if reg.status not in (Registration.Status.QUALIFIED, Registration.Status.REJECTED):
            issues.append(_("%(name)s（%(post)s）尚未作出资格审查结论。") % names)
        elif reg.status == Registration.Status.QUALIFIED and reg.pk not in stored:
            issues.append(_("%(name)s（%(post)s）的基础分尚未计算。") % names)
    return issues


def campaign_blocking_issues(campaign: Campaign, target_stage: str | None = None) -> list[str]:
    """Everything that stops ``campaign`` from entering ``target_stage`` (default: the next stage)."""
    following = next_stage(campaign)
    target = target_stage or following
    if target is None:
        return [_("竞争上岗已完成。")]
    if target != following:
        return [
            _("不能从“%(now)s”直接进入“%(to)s”，各阶段须依次进行。")
            % {"now": campaign.get_stage_display(), "to": Stage(target).label}
        ]
    now = timezone.now()
    if target == Stage.PUBLISHED:
        return _draft_issues(campaign)
    if target == Stage.REGISTRATION:
        issues = []
        if campaign.registration_opens and now < campaign.registration_opens:
            stamp = timezone.localtime(campaign.registration_opens).strftime("%Y-%m-%d %H:%M")
            issues.append(_("报名开始时间（%(t)s）未到。") % {"t": stamp})
        if now > campaign.registration_deadline:
            issues.append(_("报名截止时间已过，请先修改报名截止时间。"))
        return issues
    if target == Stage.REVIEW:
        return _registration_issues(campaign, now)
    if target == Stage.EVALUATION:
        issues = _review_issues(campaign)
    else:
        issues = []
    from kaoping.selection import services_decision, services_results

    issues.extend(services_results.results_blocking_issues(campaign, target))
    issues.extend(services_decision.decision_blocking_issues(campaign, target))
    return issues


def positions_close(*, actor, campaign: Campaign) -> list[OfferedPosition]:
    """R000-05: at the deadline, positions with fewer registrants than the scheme's minimum are marked
    报名不足未开考; their registrants may then be moved to an open position on written request."""
    from kaoping.scoring.registration import positions_opening
    from kaoping.selection.adapters import campaign_scheme

    minimum = campaign_scheme(campaign).min_registrants
    positions = {str(p.pk): p for p in campaign.positions.filter(status=OfferedPosition.Status.OPEN)}
    counts = dict.fromkeys(positions, 0)
    for pid in campaign.registrations.filter(is_active=True).values_list("position_id", flat=True):
        if str(pid) in counts:
            counts[str(pid)] += 1
    closed = []
    for decision in positions_opening(counts, minimum=minimum):
        if not decision.is_opened:
            position = positions[decision.position]
            position.status = OfferedPosition.Status.NOT_OPENED
            position.save(update_fields=["status", "updated_at"])
            audit_record(
                actor=actor,
                action=AuditEntry.Action.UPDATE,
                obj=position,
                changes={"status": ["open", "not_opened"]},
                note=f"R000-05 {decision.reason}",
            )
            closed.append(position)
    return closed


@transaction.atomic
def campaign_advance(*, actor, campaign: Campaign, confirm: bool = False) -> Campaign:
    """Enter the next stage (never skipping one). Refuses with TransitionBlocked while issues remain.
    Irreversible steps need ``confirm=True`` (the UI's data-confirm, the API's "confirm": true)."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    target = next_stage(campaign)
    issues = campaign_blocking_issues(campaign, target)
    if issues:
        raise TransitionBlocked(issues)
    if target in IRREVERSIBLE and not confirm:
        raise DomainError(
            _("进入“%(to)s”阶段后不能撤回，请确认。") % {"to": Stage(target).label}, code="confirm_required"
        )
    before = campaign.stage
    note = ""
    if target == Stage.REVIEW:
        closed = positions_close(actor=actor, campaign=campaign)
        if closed:
            note = _("报名不足未开考：%(p)s") % {"p": "、".join(p.title for p in closed)}
    campaign.stage = target
    campaign.save(update_fields=["stage", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=campaign,
        changes={"stage": [before, target]},
        note=note or _("进入“%(to)s”阶段") % {"to": Stage(target).label},
    )
    from kaoping.selection import services_decision, services_results

    services_results.on_stage_entered(campaign, target, actor)
    services_decision.on_stage_entered(campaign, target, actor)
    return campaign
