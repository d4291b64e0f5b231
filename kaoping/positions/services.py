"""Writes to establishment plans. Each validates, saves and audits in one transaction; a plan is edited only
while it is a draft, and its status moves draft → submitted → approved (or back to draft) after its blocking
issues are checked."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kaoping.common.audit import audit_change, audit_record, save_audited, snapshot
from kaoping.common.errors import DomainError, TransitionBlocked
from kaoping.common.models import AuditEntry
from kaoping.org.models import Unit
from kaoping.positions.models import CategoryQuota, EstablishmentPlan, PlanPhase, PostDescription, PostLine
from kaoping.positions.selectors import plan_check
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.establishment import StructureTemplate
from kaoping.scoring.hiring import HiringCondition
from kaoping.scoring.presets import all_presets

PLAN_FIELDS = (
    "title",
    "year",
    "approved_staffing",
    "approved_posts",
    "staff_now",
    "leadership_posts",
    "notice_days",
)
LINE_FIELDS = ("department", "name", "category", "grade", "count", "is_leadership", "order")
DESCRIPTION_FIELDS = (
    "duties",
    "standards",
    "min_education",
    "certificates",
    "conditions",
    "hiring_condition",
    "written_on",
)
PHASE_FIELDS = ("name", "start_date", "end_date", "order")


def _set(obj, fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise DomainError(
            _("不可修改的字段：%(fields)s") % {"fields": "、".join(sorted(unknown))}, code="bad_field"
        )
    for name, value in fields.items():
        setattr(obj, name, value)


def _require_draft(plan: EstablishmentPlan) -> None:
    if not plan.is_editable:
        raise DomainError(_("方案已上报或已核准，不能修改；如需修改请先退回。"), code="plan_locked")


def template_presets() -> dict[str, Any]:
    """Structure templates a plan may start from: each establishment preset's template, by key."""
    found = {}
    for key, preset in all_presets().items():
        if preset.kind == "establishment":
            found[key] = (preset.title, preset.data.get("template", {}))
        elif preset.kind == "establishment_template":
            found[key] = (preset.title, preset.data)
    return found


def _validated_template(data: dict) -> dict:
    try:
        StructureTemplate.from_dict(data)
    except SchemeError as exc:
        raise DomainError(
            _("结构比例模板有误：%(field)s %(message)s") % {"field": exc.field, "message": exc.message},
            code="bad_template",
            field="template",
        ) from exc
    return copy.deepcopy(data)


def _validated_condition(data: dict, line: PostLine) -> dict:
    """A structured hiring condition (R004-04) the engine can read, for this line's category and grade."""
    try:
        condition = HiringCondition.from_dict(data, "hiring_condition")
    except (SchemeError, KeyError, TypeError, ValueError) as exc:
        message = (
            exc.message if isinstance(exc, SchemeError) else _("缺少必填项或格式不正确：%(e)s") % {"e": exc}
        )
        raise DomainError(
            _("结构化任职条件有误：%(message)s") % {"message": message},
            code="bad_condition",
            field="hiring_condition",
        ) from exc
    if (condition.category, condition.grade) != (line.category, line.grade):
        raise DomainError(
            _("结构化任职条件针对%(c)s%(g)s级，与本岗位（%(lc)s%(lg)s级）不一致。")
            % {"c": condition.category, "g": condition.grade, "lc": line.category, "lg": line.grade},
            code="bad_condition",
            field="hiring_condition",
        )
    return copy.deepcopy(data)


# ------------------------------------------------------------------------------------------------- plans


@transaction.atomic
def plan_create(*, actor, unit: Unit, template_key: str = "", **fields: Any) -> EstablishmentPlan:
    """A new draft plan for ``unit`` with the structure template of preset ``template_key`` (or none)."""
    plan = EstablishmentPlan(unit=unit)
    _set(plan, fields, PLAN_FIELDS)
    if template_key:
        templates = template_presets()
        if template_key not in templates:
            raise DomainError(_("未知的结构比例模板。"), code="unknown_template", field="template_key")
        plan.template = _validated_template(templates[template_key][1])
        plan.template_source = template_key
    save_audited(plan, actor=actor, before=None)
    return plan


@transaction.atomic
def plan_create_from_preset(
    *, actor, unit: Unit, preset_key: str, title: str, year: int
) -> EstablishmentPlan:
    """A draft plan copied from an establishment preset (e.g. the seed-004 plan): numbers, category quotas,
    the distribution table, phases and the structured hiring conditions of each post's grade."""
    preset = all_presets().get(preset_key)
    if preset is None or preset.kind != "establishment":
        raise DomainError(_("未知的岗位设置方案预设。"), code="unknown_preset", field="preset_key")
    data = preset.data
    plan = plan_create(
        actor=actor,
        unit=unit,
        title=title,
        year=year,
        approved_staffing=data["approved_staffing"],
        approved_posts=data["approved_posts"],
        staff_now=data.get("staff_now", 0),
        leadership_posts=data.get("leadership_posts"),
        notice_days=data.get("notice_days", 7),
    )
    plan.template = _validated_template(data.get("template", {}))
    plan.template_source = preset_key
    plan.save(update_fields=["template", "template_source"])
    CategoryQuota.objects.bulk_create(
        CategoryQuota(
            plan=plan, category=c["category"], quota=c["quota"], highest_grade=c.get("highest_grade")
        )
        for c in data["categories"]
    )
    conditions = {(c["category"], c["grade"]): c for c in data.get("hiring_conditions", [])}
    for order, ln in enumerate(data.get("lines", []), start=1):
        line = PostLine.objects.create(
            plan=plan,
            department=ln["department"],
            name=ln["name"],
            category=ln["category"],
            grade=ln["grade"],
            count=ln["count"],
            is_leadership=ln.get("is_leadership", False),
            order=order,
        )
        condition = conditions.get((ln["category"], ln["grade"]))
        if condition:
            PostDescription.objects.create(line=line, hiring_condition=copy.deepcopy(condition))
    PlanPhase.objects.bulk_create(
        PlanPhase(
            plan=plan,
            name=p["name"],
            start_date=dt.date.fromisoformat(p["start"]),
            end_date=dt.date.fromisoformat(p["end"]),
            order=i,
        )
        for i, p in enumerate(data.get("phases", []), start=1)
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.OTHER,
        obj=plan,
        note=_("由预设 %(key)s 生成") % {"key": preset_key},
    )
    return plan


@transaction.atomic
def plan_update(*, actor, plan: EstablishmentPlan, **fields: Any) -> EstablishmentPlan:
    _require_draft(plan)
    before = snapshot(plan)
    if "template" in fields:
        fields["template"] = _validated_template(fields["template"])
    _set(plan, fields, (*PLAN_FIELDS, "template"))
    save_audited(plan, actor=actor, before=before)
    return plan


@transaction.atomic
def category_quota_set(
    *, actor, plan: EstablishmentPlan, category: str, quota: int, highest_grade: int | None
) -> CategoryQuota:
    """Create or change a category's quota and highest grade."""
    _require_draft(plan)
    row = CategoryQuota.objects.filter(plan=plan, category=category).first()
    before = snapshot(row) if row else None
    row = row or CategoryQuota(plan=plan, category=category)
    row.quota, row.highest_grade = quota, highest_grade
    save_audited(row, actor=actor, before=before)
    return row


# ------------------------------------------------------------------------------------------------- lines


@transaction.atomic
def line_add(*, actor, plan: EstablishmentPlan, **fields: Any) -> PostLine:
    _require_draft(plan)
    line = PostLine(plan=plan)
    fields.setdefault("order", (plan.lines.count() + 1))
    _set(line, fields, LINE_FIELDS)
    save_audited(line, actor=actor, before=None)
    return line


@transaction.atomic
def line_update(*, actor, line: PostLine, **fields: Any) -> PostLine:
    _require_draft(line.plan)
    before = snapshot(line)
    _set(line, fields, LINE_FIELDS)
    save_audited(line, actor=actor, before=before)
    return line


@transaction.atomic
def line_delete(*, actor, line: PostLine) -> None:
    _require_draft(line.plan)
    audit_record(actor=actor, action=AuditEntry.Action.DELETE, obj=line, changes=snapshot(line))
    line.delete()


@transaction.atomic
def description_save(*, actor, line: PostLine, **fields: Any) -> PostDescription:
    """Write the post description (岗位说明书) of ``line``; allowed while the plan is a draft."""
    _require_draft(line.plan)
    description = PostDescription.objects.filter(line=line).first()
    before = snapshot(description) if description else None
    description = description or PostDescription(line=line)
    if fields.get("hiring_condition"):
        fields["hiring_condition"] = _validated_condition(fields["hiring_condition"], line)
    _set(description, fields, DESCRIPTION_FIELDS)
    save_audited(description, actor=actor, before=before)
    return description


# ------------------------------------------------------------------------------------------------ phases


@transaction.atomic
def phase_save(*, actor, plan: EstablishmentPlan, phase: PlanPhase | None = None, **fields: Any) -> PlanPhase:
    before = snapshot(phase) if phase else None
    phase = phase or PlanPhase(plan=plan)
    _set(phase, fields, PHASE_FIELDS)
    save_audited(phase, actor=actor, before=before)
    return phase


@transaction.atomic
def phase_complete(*, actor, phase: PlanPhase, on: dt.date) -> PlanPhase:
    """Mark a phase done (R004-06); a done phase is never reported overdue."""
    before = snapshot(phase)
    phase.completed_on = on
    phase.save(update_fields=["completed_on"])
    audit_change(phase, actor=actor, before=before)
    return phase


# -------------------------------------------------------------------------------------------- transitions


def plan_blocking_issues(plan: EstablishmentPlan, target: str) -> list[str]:
    """Why ``plan`` cannot move to status ``target`` now (empty when it can)."""
    S = EstablishmentPlan.Status
    allowed = {S.SUBMITTED: (S.DRAFT,), S.APPROVED: (S.SUBMITTED,), S.DRAFT: (S.SUBMITTED,)}
    if plan.status not in allowed.get(target, ()):
        return [
            _("方案当前为“%(now)s”，不能改为“%(target)s”。")
            % {"now": plan.get_status_display(), "target": S(target).label}
        ]
    issues: list[str] = []
    if target in (S.SUBMITTED, S.APPROVED):
        if not plan.lines.exists():
            issues.append(_("岗位设置分布表为空。"))
        issues += plan_check(plan).messages
    return issues


def _transition(*, actor, plan: EstablishmentPlan, target: str, note: str = "") -> EstablishmentPlan:
    issues = plan_blocking_issues(plan, target)
    if issues:
        raise TransitionBlocked(issues)
    before = plan.status
    plan.status = target
    plan.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=plan,
        changes={"status": [before, target]},
        note=note,
    )
    return plan


@transaction.atomic
def plan_submit(*, actor, plan: EstablishmentPlan) -> EstablishmentPlan:
    """已上报: refused while the checker reports any violation."""
    return _transition(actor=actor, plan=plan, target=EstablishmentPlan.Status.SUBMITTED)


@transaction.atomic
def plan_approve(*, actor, plan: EstablishmentPlan) -> EstablishmentPlan:
    """已核准: the plan is then locked."""
    return _transition(actor=actor, plan=plan, target=EstablishmentPlan.Status.APPROVED)


@transaction.atomic
def plan_return(*, actor, plan: EstablishmentPlan, reason: str) -> EstablishmentPlan:
    """Send a submitted plan back to draft, with the reason recorded."""
    if not reason.strip():
        raise DomainError(_("请填写退回原因。"), code="reason_required", field="reason")
    return _transition(actor=actor, plan=plan, target=EstablishmentPlan.Status.DRAFT, note=reason.strip())
