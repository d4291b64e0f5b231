"""Establishment plans (岗位设置方案, seed 004): the plan's numbers, its post lines (the 岗位设置分布表),
post descriptions (岗位说明书) and the phase timeline (R004-01 … R004-04, R004-06).

The structure rules that lines are checked against (band ratios, grade limits, main-class share) are a
structure template kept as data (``template``), in the format of ``kaoping.scoring.establishment``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kaoping.common.models import TimeStampedModel


class PostCategory(models.TextChoices):
    """Values are the engine's category names (kaoping.scoring.establishment.CATEGORY_NAMES)."""

    MANAGEMENT = "管理", _("管理岗位")
    PROFESSIONAL = "专业技术", _("专业技术岗位")
    SKILLED = "工勤技能", _("工勤技能岗位")


MAX_GRADE = {PostCategory.MANAGEMENT: 10, PostCategory.PROFESSIONAL: 13, PostCategory.SKILLED: 6}


class EstablishmentPlan(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已上报")
        APPROVED = "approved", _("已核准")

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="establishment_plans"
    )
    title = models.CharField(_("方案名称"), max_length=200)
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2000)])
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    approved_staffing = models.PositiveIntegerField(_("核定编制"), validators=[MinValueValidator(1)])
    approved_posts = models.PositiveIntegerField(_("岗位总量"), validators=[MinValueValidator(1)])
    staff_now = models.PositiveIntegerField(_("现有人数"), default=0)
    leadership_posts = models.PositiveIntegerField(_("单位领导职数"), null=True, blank=True)
    template = models.JSONField(
        _("结构比例模板"), default=dict, blank=True, help_text=_("岗位结构比例等规则（预设可复制修改）。")
    )
    template_source = models.CharField(_("模板来源"), max_length=100, blank=True)
    notice_days = models.PositiveSmallIntegerField(_("公示天数"), default=7)

    class Meta:
        verbose_name = _("岗位设置方案")
        verbose_name_plural = _("岗位设置方案")
        ordering = ["-year", "unit__path", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class CategoryQuota(models.Model):
    """A category's share of the plan: quota and highest grade (e.g. 管理 18, highest grade 6)."""

    plan = models.ForeignKey(EstablishmentPlan, on_delete=models.CASCADE, related_name="categories")
    category = models.CharField(_("岗位类别"), max_length=10, choices=PostCategory.choices)
    quota = models.PositiveIntegerField(_("岗位数"))
    highest_grade = models.PositiveSmallIntegerField(
        _("最高等级"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(13)]
    )

    class Meta:
        verbose_name = _("岗位类别数额")
        verbose_name_plural = _("岗位类别数额")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["plan", "category"], name="uniq_plan_category")]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.quota}"


class PostLine(TimeStampedModel):
    """A row of the 岗位设置分布表: department, post name, category, grade, count."""

    plan = models.ForeignKey(EstablishmentPlan, on_delete=models.CASCADE, related_name="lines")
    department = models.CharField(_("部门"), max_length=100)
    name = models.CharField(_("岗位名称"), max_length=100)
    category = models.CharField(_("岗位类别"), max_length=10, choices=PostCategory.choices)
    grade = models.PositiveSmallIntegerField(
        _("岗位等级"), validators=[MinValueValidator(1), MaxValueValidator(13)]
    )
    count = models.PositiveIntegerField(_("岗位数"), validators=[MinValueValidator(1)])
    is_leadership = models.BooleanField(_("单位领导岗位"), default=False)
    order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(count__gte=1), name="post_line_count_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_category_display()}{self.grade}级）"

    def clean(self) -> None:
        limit = MAX_GRADE.get(self.category)
        if limit and self.grade and self.grade > limit:
            raise ValidationError(
                {
                    "grade": _("%(category)s的等级为 1–%(max)s 级。")
                    % {"category": self.get_category_display(), "max": limit}
                }
            )


class PostDescription(TimeStampedModel):
    """岗位说明书 (R004-03): duties, work standards and hiring conditions of a post line."""

    line = models.OneToOneField(PostLine, on_delete=models.CASCADE, related_name="description")
    duties = models.TextField(_("岗位职责"), blank=True, help_text=_("每行一条。"))
    standards = models.TextField(_("工作标准"), blank=True, help_text=_("每行一条。"))
    min_education = models.CharField(_("最低学历"), max_length=50, blank=True)
    certificates = models.CharField(_("资格证书"), max_length=200, blank=True)
    conditions = models.TextField(_("任职条件"), blank=True, help_text=_("结构化条件以外的其他要求。"))
    hiring_condition = models.JSONField(
        _("结构化任职条件"),
        default=dict,
        blank=True,
        help_text=_("低一级岗位任职年限、业绩条件（a–g）等，格式同规则引擎的 HiringCondition。"),
    )
    written_on = models.DateField(_("编写日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("岗位说明书")
        verbose_name_plural = _("岗位说明书")

    def __str__(self) -> str:
        return f"{self.line} 岗位说明书"

    @property
    def duty_list(self) -> list[str]:
        return [x.strip() for x in self.duties.splitlines() if x.strip()]

    @property
    def standard_list(self) -> list[str]:
        return [x.strip() for x in self.standards.splitlines() if x.strip()]


class PlanPhase(models.Model):
    """A phase of the plan's timeline (R004-06)."""

    plan = models.ForeignKey(EstablishmentPlan, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("阶段"), max_length=100)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("实施阶段")
        verbose_name_plural = _("实施阶段")
        ordering = ["order", "start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="plan_phase_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("结束日期不能早于开始日期。")})


from kaoping.positions.models_appointment import (  # noqa: E402  (models of the same app, split for size)
    Application,
    Appointment,
    AppointmentRound,
    Objection,
)

__all__ = [
    "Application",
    "Appointment",
    "AppointmentRound",
    "CategoryQuota",
    "EstablishmentPlan",
    "Objection",
    "PlanPhase",
    "PostCategory",
    "PostDescription",
    "PostLine",
]
