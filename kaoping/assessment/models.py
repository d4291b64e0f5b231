"""Target assessment of units and departments (seeds 001 and 003).

A yearly :class:`AssessmentScheme` holds its rules as data (``scheme``: the JSON of a preset, copied and
editable while the scheme is a draft) in the format of ``kaoping.scoring.indicators.IndicatorScheme``
(kind "indicator", seed 001) or ``kaoping.scoring.targets.TargetScheme`` (kind "targets", seed 003).
Each assessed unit has a :class:`UnitAssessment` that walks the flow of R003-03; its scores per
indicator / target item are :class:`IndicatorScore` rows, its bonus items :class:`BonusAward` rows.
Leaders' links (R003-07) and pay runs (R003-06) live in ``models_pay``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kaoping.common.models import TimeStampedModel


def evidence_storage():
    """The storage of evidence files: ``settings.ASSESSMENT_EVIDENCE_STORAGE`` (an alias of
    ``STORAGES``, default "default"). Files are served only through access-checked views."""
    return storages[getattr(settings, "ASSESSMENT_EVIDENCE_STORAGE", "default")]


class SchemeKind(models.TextChoices):
    INDICATOR = "indicator", _("指标考核（完成等级）")
    TARGETS = "targets", _("目标管理考核（部门目标与加分）")


class AssessmentScheme(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        OPEN = "open", _("考核中")
        PUBLISHED = "published", _("结果已公布")

    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2000)])
    kind = models.CharField(_("考核类型"), max_length=20, choices=SchemeKind.choices)
    title = models.CharField(_("方案名称"), max_length=200)
    scheme = models.JSONField(_("考核细则"), default=dict)
    preset_key = models.CharField(_("预设来源"), max_length=100, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)

    class Meta:
        verbose_name = _("考核方案")
        verbose_name_plural = _("考核方案")
        ordering = ["-year", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Stage(models.TextChoices):
    """R003-03, in order."""

    SELF = "self", _("自评")
    OFFICE = "office", _("办公室评议")
    FEEDBACK = "feedback", _("反馈调整")
    REVIEW = "review", _("领导小组审查")
    APPROVAL = "approval", _("主席会审定")
    APPROVED = "approved", _("已审定")
    ARCHIVED = "archived", _("已存档")


STAGE_ORDER = [s.value for s in Stage]


class UnitAssessment(TimeStampedModel):
    """One assessed unit / department of a scheme; ``key`` is its name in the scheme JSON."""

    scheme = models.ForeignKey(AssessmentScheme, on_delete=models.CASCADE, related_name="assessments")
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("被考核单位"), on_delete=models.PROTECT, related_name="assessments"
    )
    key = models.CharField(_("方案中的名称"), max_length=100)
    order = models.PositiveIntegerField(_("排序"), default=0)
    stage = models.CharField(_("环节"), max_length=20, choices=Stage.choices, default=Stage.SELF)
    summary = models.TextField(_("年度工作总结"), blank=True)
    feedback_note = models.TextField(_("反馈意见"), blank=True)
    total = models.DecimalField(_("最终得分"), max_digits=7, decimal_places=2, null=True, blank=True)
    derivation = models.JSONField(_("得分计算过程"), default=dict, blank=True)
    leader_signed = models.CharField(_("分管领导签字"), max_length=50, blank=True)
    head_signed = models.CharField(_("部门负责人签字"), max_length=50, blank=True)
    archived_at = models.DateTimeField(_("存档时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("单位考核")
        verbose_name_plural = _("单位考核")
        ordering = ["scheme", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "unit"], name="uniq_assessment_scheme_unit"),
            models.UniqueConstraint(fields=["scheme", "key"], name="uniq_assessment_scheme_key"),
        ]

    def __str__(self) -> str:
        return f"{self.scheme.year} {self.key}"

    @property
    def is_locked(self) -> bool:
        return self.stage in (Stage.APPROVED, Stage.ARCHIVED)


class IndicatorScore(TimeStampedModel):
    """Scores of one indicator (seed 001) or target item (seed 003) at each step of the flow.

    ``key`` is the indicator name or the target item number. For indicator schemes the office's
    judgement is a completion ``level`` plus 资料不全 (``docs_incomplete``) and the score follows R001-02.
    """

    assessment = models.ForeignKey(UnitAssessment, on_delete=models.CASCADE, related_name="scores")
    key = models.CharField(_("指标"), max_length=100)
    order = models.PositiveIntegerField(_("排序"), default=0)
    max_points = models.DecimalField(_("分值/权重"), max_digits=7, decimal_places=2)
    self_score = models.DecimalField(_("自评分"), max_digits=7, decimal_places=2, null=True, blank=True)
    self_note = models.TextField(_("自评说明"), blank=True)
    proposed_score = models.DecimalField(
        _("办公室评议分"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    adjusted_score = models.DecimalField(
        _("调整后得分"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    reviewed_score = models.DecimalField(_("审查得分"), max_digits=7, decimal_places=2, null=True, blank=True)
    level = models.CharField(_("完成等级"), max_length=30, blank=True)
    docs_incomplete = models.BooleanField(_("资料不全"), default=False)
    note = models.TextField(_("评议意见"), blank=True)
    derivation = models.JSONField(_("计算过程"), default=dict, blank=True)

    class Meta:
        verbose_name = _("指标得分")
        verbose_name_plural = _("指标得分")
        ordering = ["assessment", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "key"], name="uniq_score_assessment_key"),
            models.CheckConstraint(
                condition=models.Q(self_score__isnull=True) | models.Q(self_score__gte=0),
                name="score_self_nonnegative",
            ),
            models.CheckConstraint(
                condition=models.Q(reviewed_score__isnull=True) | models.Q(reviewed_score__gte=0),
                name="score_reviewed_nonnegative",
            ),
        ]

    def __str__(self) -> str:
        return self.key


class EvidenceFile(models.Model):
    """Evidence material (佐证材料) for a self score, or the annual summary when ``score`` is empty."""

    assessment = models.ForeignKey(UnitAssessment, on_delete=models.CASCADE, related_name="evidence")
    score = models.ForeignKey(
        IndicatorScore, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("文件"), upload_to="assessment/evidence/%Y/", storage=evidence_storage)
    original_name = models.CharField(_("文件名"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class BonusAward(TimeStampedModel):
    """A bonus item (加分, R003-02) awarded to a department: catalogue ``code``, points for discretionary."""

    assessment = models.ForeignKey(UnitAssessment, on_delete=models.CASCADE, related_name="bonus_awards")
    code = models.CharField(_("加分项目"), max_length=20)
    points = models.DecimalField(_("分值"), max_digits=6, decimal_places=2, null=True, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    evidence = models.FileField(
        _("佐证材料"), upload_to="assessment/bonus/%Y/", storage=evidence_storage, blank=True
    )

    class Meta:
        verbose_name = _("加分项")
        verbose_name_plural = _("加分项")
        ordering = ["assessment", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(points__isnull=True) | models.Q(points__gt=0), name="bonus_points_positive"
            )
        ]

    def __str__(self) -> str:
        return self.code


class StageLog(models.Model):
    """One step of the flow: who moved the assessment from which stage to which, with a note."""

    assessment = models.ForeignKey(UnitAssessment, on_delete=models.CASCADE, related_name="stage_logs")
    from_stage = models.CharField(_("原环节"), max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("新环节"), max_length=20, choices=Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("说明"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("流程记录")
        verbose_name_plural = _("流程记录")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"


from kaoping.assessment.models_pay import LeaderLink, PayLine, PayRun  # noqa: E402, F401
