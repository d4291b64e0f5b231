"""Writes to assessment schemes and their assessed units. Each service validates, saves and audits in one
transaction. A scheme is edited only as a draft; opening it creates the score rows of every unit; it is
published when every unit's result is approved."""

from __future__ import annotations

import copy
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import scope_for
from kaoping.assessment import engine
from kaoping.assessment.models import AssessmentScheme, IndicatorScore, SchemeKind, Stage, UnitAssessment
from kaoping.common.audit import audit_record, save_audited, snapshot
from kaoping.common.errors import DomainError, PermissionDenied, TransitionBlocked
from kaoping.common.models import AuditEntry
from kaoping.org.models import Unit
from kaoping.scoring.presets import all_presets

SCHEME_FIELDS = ("year", "title")


def require(actor, cap: str, unit: Unit | None = None) -> None:
    """PermissionDenied unless ``actor`` holds ``cap`` (over ``unit`` when given). ``actor`` None is the
    system (demo loading, management commands)."""
    if actor is None:
        return
    scope = scope_for(actor, cap)
    if scope is None or (unit is not None and not scope.covers_path(unit.path)):
        raise PermissionDenied(_("您没有执行此操作的权限。"))


def scheme_presets() -> dict[str, Any]:
    """Presets a scheme may start from (kinds "union_work"/"indicator" → indicator, "targets")."""
    found = {}
    for key, preset in all_presets().items():
        data = preset.data
        if "indicators" in data and "levels" in data:
            found[key] = (SchemeKind.INDICATOR, preset.title, data)
        elif preset.kind == "targets":
            found[key] = (SchemeKind.TARGETS, preset.title, data)
    return found


def _locked(scheme: AssessmentScheme) -> AssessmentScheme:
    """The scheme's current row, locked for this transaction (its status decides what may change)."""
    return AssessmentScheme.objects.select_for_update().get(pk=scheme.pk)


def _require_draft(scheme: AssessmentScheme) -> None:
    if not scheme.is_editable:
        raise DomainError(_("方案已启动考核，考核细则和被考核单位不能再修改。"), code="scheme_locked")


@transaction.atomic
def scheme_create(
    *, actor, year: int, title: str = "", preset_key: str = "", kind: str = "", data: dict | None = None
) -> AssessmentScheme:
    """A draft scheme copied from preset ``preset_key`` (or from ``kind`` + ``data``)."""
    require(actor, Cap.ASSESSMENT_MANAGE)
    if preset_key:
        presets = scheme_presets()
        if preset_key not in presets:
            raise DomainError(_("未知的预设方案。"), code="unknown_preset", field="preset_key")
        kind, preset_title, data = presets[preset_key]
        title = title or data.get("title") or preset_title
    if kind not in SchemeKind.values or data is None:
        raise DomainError(_("请选择预设方案或填写考核细则。"), code="bad_kind", field="kind")
    data = copy.deepcopy(data)
    engine.parse(kind, data)
    scheme = AssessmentScheme(year=year, kind=kind, title=title, scheme=data, preset_key=preset_key)
    save_audited(scheme, actor=actor, before=None)
    return scheme


@transaction.atomic
def scheme_update(
    *, actor, scheme: AssessmentScheme, data: dict | None = None, **fields: Any
) -> AssessmentScheme:
    """Edit the title/year and the rules (JSON, validated by the engine) of a draft scheme."""
    require(actor, Cap.ASSESSMENT_MANAGE)
    scheme = _locked(scheme)
    _require_draft(scheme)
    unknown = set(fields) - set(SCHEME_FIELDS)
    if unknown:
        raise DomainError(_("不可修改的字段：%(f)s") % {"f": "、".join(sorted(unknown))}, code="bad_field")
    before = snapshot(scheme)
    for name, value in fields.items():
        setattr(scheme, name, value)
    if data is not None:
        engine.parse(scheme.kind, data)
        keys = set(engine.unit_keys(scheme.kind, data))
        orphans = [a.key for a in scheme.assessments.all() if a.key not in keys]
        if orphans:
            raise DomainError(
                _("以下被考核单位在新的细则中不存在：%(k)s") % {"k": "、".join(orphans)}, code="orphan_units"
            )
        scheme.scheme = copy.deepcopy(data)
    save_audited(scheme, actor=actor, before=before)
    return scheme


@transaction.atomic
def scheme_unit_add(*, actor, scheme: AssessmentScheme, unit: Unit, key: str) -> UnitAssessment:
    """Assess ``unit`` under the scheme's content named ``key`` (a unit / department of the scheme)."""
    require(actor, Cap.ASSESSMENT_MANAGE)
    scheme = _locked(scheme)
    _require_draft(scheme)
    if key not in engine.unit_keys(scheme.kind, scheme.scheme):
        raise DomainError(_("考核细则中没有“%(k)s”。") % {"k": key}, code="unknown_key", field="key")
    order = scheme.assessments.count() + 1
    assessment = UnitAssessment(scheme=scheme, unit=unit, key=key, order=order)
    save_audited(assessment, actor=actor, before=None, conflict_message=_("该单位或该名称已在本方案中。"))
    return assessment


@transaction.atomic
def scheme_unit_remove(*, actor, assessment: UnitAssessment) -> None:
    require(actor, Cap.ASSESSMENT_MANAGE)
    _require_draft(_locked(assessment.scheme))
    audit_record(actor=actor, action=AuditEntry.Action.DELETE, obj=assessment)
    assessment.delete()


def scheme_open_blocking_issues(scheme: AssessmentScheme) -> list[str]:
    issues = []
    if scheme.status != AssessmentScheme.Status.DRAFT:
        issues.append(_("方案不是草稿状态。"))
    try:
        engine.parse(scheme.kind, scheme.scheme)
    except DomainError as exc:
        issues.append(exc.message)
        return issues
    if not scheme.assessments.exists():
        issues.append(_("尚未添加被考核单位。"))
    for a in scheme.assessments.all():
        if not engine.rows_for(scheme.kind, scheme.scheme, a.key):
            issues.append(_("“%(k)s”没有考核指标或目标。") % {"k": a.key})
    return issues


@transaction.atomic
def scheme_open(*, actor, scheme: AssessmentScheme) -> AssessmentScheme:
    """Start the assessment: every unit gets one score row per indicator / target item (checker warnings
    do not block — they are shown on the scheme page)."""
    require(actor, Cap.ASSESSMENT_MANAGE)
    scheme = _locked(scheme)
    issues = scheme_open_blocking_issues(scheme)
    if issues:
        raise TransitionBlocked(issues)
    rows = []
    for a in scheme.assessments.all():
        for row in engine.rows_for(scheme.kind, scheme.scheme, a.key):
            rows.append(IndicatorScore(assessment=a, key=row.key, order=row.order, max_points=row.max_points))
    IndicatorScore.objects.bulk_create(rows)
    before = snapshot(scheme)
    scheme.status = AssessmentScheme.Status.OPEN
    save_audited(scheme, actor=actor, before=before, note=_("启动考核"))
    return scheme


def scheme_publish_blocking_issues(scheme: AssessmentScheme) -> list[str]:
    issues = []
    if scheme.status != AssessmentScheme.Status.OPEN:
        issues.append(_("方案不在考核中。"))
    pending = [a.key for a in scheme.assessments.all() if a.stage not in (Stage.APPROVED, Stage.ARCHIVED)]
    if pending:
        issues.append(_("以下单位的考核结果尚未审定：%(k)s") % {"k": "、".join(pending)})
    return issues


@transaction.atomic
def scheme_publish(*, actor, scheme: AssessmentScheme) -> AssessmentScheme:
    """Publish the results: from now on every assessed unit sees the ranking."""
    require(actor, Cap.ASSESSMENT_MANAGE)
    scheme = _locked(scheme)
    issues = scheme_publish_blocking_issues(scheme)
    if issues:
        raise TransitionBlocked(issues)
    before = snapshot(scheme)
    scheme.status = AssessmentScheme.Status.PUBLISHED
    save_audited(scheme, actor=actor, before=before, note=_("公布考核结果"))
    return scheme
