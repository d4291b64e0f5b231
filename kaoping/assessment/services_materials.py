"""Materials of a unit's assessment: evidence files (佐证材料) for self scores and the summary, and bonus
items (加分, R003-02). Each validates, saves and audits in one transaction; nothing changes once the
result is approved."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from kaoping.accounts.roles import Cap
from kaoping.assessment import engine
from kaoping.assessment.models import (
    BonusAward,
    EvidenceFile,
    IndicatorScore,
    SchemeKind,
    Stage,
    UnitAssessment,
)
from kaoping.assessment.services import require
from kaoping.assessment.services_flow import _lock, _require_open
from kaoping.common.audit import audit_record, save_audited
from kaoping.common.errors import DomainError
from kaoping.common.models import AuditEntry

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


def _check_upload(upload: UploadedFile) -> None:
    if upload.size > MAX_EVIDENCE_BYTES:
        raise DomainError(_("文件不能超过 20 MB。"), code="file_too_large", field="file")


@transaction.atomic
def evidence_add(
    *, actor, assessment: UnitAssessment, upload: UploadedFile, score: IndicatorScore | None = None
) -> EvidenceFile:
    """Attach evidence (佐证材料) to a self score, or to the summary when ``score`` is None."""
    assessment = _lock(assessment)
    _require_open(assessment)
    if assessment.stage != Stage.SELF:
        raise DomainError(_("自评已提交，不能再上传佐证材料。"), code="stage_closed")
    require(actor, Cap.ASSESSMENT_SELF, assessment.unit)
    if score is not None and score.assessment_id != assessment.pk:
        raise DomainError(_("指标不属于该单位。"), code="bad_score")
    _check_upload(upload)
    name = (upload.name or "file")[-200:]
    evidence = EvidenceFile(assessment=assessment, score=score, original_name=name, uploaded_by=actor)
    evidence.file.save(name, upload, save=False)
    save_audited(evidence, actor=actor if getattr(actor, "pk", None) else None, before=None)
    return evidence


@transaction.atomic
def evidence_delete(*, actor, evidence: EvidenceFile) -> None:
    assessment = _lock(evidence.assessment)
    _require_open(assessment)
    if assessment.stage != Stage.SELF:
        raise DomainError(_("自评已提交，不能删除佐证材料。"), code="stage_closed")
    require(actor, Cap.ASSESSMENT_SELF, assessment.unit)
    audit_record(actor=actor, action=AuditEntry.Action.DELETE, obj=evidence)
    storage, name = evidence.file.storage, evidence.file.name
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))


# ------------------------------------------------------------------------------------------ bonus items


def _bonus_editable(actor, assessment: UnitAssessment) -> None:
    _require_open(assessment)
    if assessment.scheme.kind != SchemeKind.TARGETS:
        raise DomainError(_("该方案没有加分项目。"), code="no_bonus")
    if assessment.stage == Stage.SELF:
        require(actor, Cap.ASSESSMENT_SELF, assessment.unit)
    elif assessment.stage in (Stage.OFFICE, Stage.FEEDBACK, Stage.REVIEW):
        require(actor, Cap.ASSESSMENT_MANAGE, assessment.unit)
    else:
        raise DomainError(_("当前环节不能修改加分项。"), code="stage_closed")


@transaction.atomic
def bonus_add(
    *,
    actor,
    assessment: UnitAssessment,
    code: str,
    points: Decimal | None = None,
    note: str = "",
    upload: UploadedFile | None = None,
) -> BonusAward:
    """R003-02: award catalogue item ``code`` (points only for a discretionary item); the cap applies to
    the total, so an award beyond it is kept and shown as capped."""
    assessment = _lock(assessment)
    _bonus_editable(actor, assessment)
    catalogue = {c: p for c, _t, p in engine.bonus_catalogue(assessment.scheme.scheme)}
    if code not in catalogue:
        raise DomainError(_("加分项目不在加分目录中。"), code="unknown_bonus", field="code")
    if catalogue[code] is not None:
        points = None
    elif points is None:
        raise DomainError(_("视情加分须填写分值。"), code="points_required", field="points")
    award = BonusAward(assessment=assessment, code=code, points=points, note=note)
    existing = [(a.code, a.points, a.note) for a in assessment.bonus_awards.all()]
    engine.target_total(assessment.scheme.scheme, assessment.key, {}, [*existing, (code, points, note)])
    if upload is not None:
        _check_upload(upload)
        award.evidence.save((upload.name or "file")[-200:], upload, save=False)
    save_audited(award, actor=actor, before=None, object_repr=f"{assessment} {code}")
    return award


@transaction.atomic
def bonus_remove(*, actor, award: BonusAward) -> None:
    assessment = _lock(award.assessment)
    _bonus_editable(actor, assessment)
    audit_record(
        actor=actor, action=AuditEntry.Action.DELETE, obj=award, object_repr=f"{assessment} {award.code}"
    )
    award.delete()
