"""Appointment rounds (岗位聘用, R004-05): applications to the posts of an approved plan, pre-review against
the hiring conditions, competition when applicants exceed a post, the leading group's decision, the public
notice with objections, and contracts.

A post never holds more people than its count, enforced by the database: every appointment takes a numbered
slot of its post line; (line, slot) is unique and 1 ≤ slot ≤ capacity, where capacity is the line's count,
fixed once the plan is approved.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kaoping.common.models import TimeStampedModel


class AppointmentRound(TimeStampedModel):
    class Stage(models.TextChoices):
        APPLYING = "applying", _("个人申请")
        REVIEWING = "reviewing", _("资格预审")
        DECIDING = "deciding", _("竞聘与研究决定")
        NOTICE = "notice", _("聘用公示")
        CONTRACTS = "contracts", _("签订聘用合同")
        DONE = "done", _("已完成")

    plan = models.ForeignKey(
        "positions.EstablishmentPlan",
        verbose_name=_("岗位设置方案"),
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    title = models.CharField(_("名称"), max_length=200)
    stage = models.CharField(_("阶段"), max_length=20, choices=Stage.choices, default=Stage.APPLYING)
    is_first_appointment = models.BooleanField(
        _("首次聘用"), default=True, help_text=_("首次聘用时按现聘等级聘用，不得高于现等级（R004-05）。")
    )
    as_of = models.DateField(_("资格计算截止日期"))
    notice_days = models.PositiveSmallIntegerField(_("公示天数"), default=7)
    notice_working_days = models.BooleanField(_("按工作日计算公示期"), default=False)
    notice_start = models.DateField(_("公示开始"), null=True, blank=True)
    notice_end = models.DateField(_("公示结束"), null=True, blank=True)

    class Meta:
        verbose_name = _("聘用轮次")
        verbose_name_plural = _("聘用轮次")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Application(TimeStampedModel):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("已申请")
        QUALIFIED = "qualified", _("资格审查通过")
        REJECTED = "rejected", _("资格审查未通过")
        APPOINTED = "appointed", _("拟聘用")
        NOT_APPOINTED = "not_appointed", _("未聘用")

    round = models.ForeignKey(AppointmentRound, on_delete=models.CASCADE, related_name="applications")
    line = models.ForeignKey(
        "positions.PostLine",
        verbose_name=_("申请岗位"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    person = models.ForeignKey(
        "org.Person", verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    # Facts the applicant declares for the hiring conditions (R004-04), checked by the reviewer.
    title_level = models.CharField(
        _("专业技术职务"), max_length=10, blank=True, help_text=_("正高、副高、中级、助理或员级。")
    )
    title_since = models.DateField(_("聘任职务时间"), null=True, blank=True)
    achievements = models.CharField(
        _("业绩条件"), max_length=50, blank=True, help_text=_("符合的业绩条件编号，如 a,c。")
    )
    commendation_years = models.CharField(
        _("嘉奖年度"), max_length=50, blank=True, help_text=_("如 2010,2011。")
    )
    holds_internal_leadership = models.BooleanField(_("担任内设机构领导"), default=False)
    review = models.JSONField(_("预审结果"), default=dict, blank=True)
    review_note = models.CharField(_("审查意见"), max_length=500, blank=True)
    score = models.DecimalField(_("竞聘成绩"), max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("聘用申请")
        verbose_name_plural = _("聘用申请")
        ordering = ["line__order", "-score", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "person"],
                name="uniq_application_per_person_round",
                violation_error_message=_("此人在本轮已提交申请，每人限报一个岗位。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.line}"


class Appointment(TimeStampedModel):
    class ContractKind(models.TextChoices):
        NEW = "new", _("签订聘用合同")
        CHANGED = "changed", _("变更聘用合同")

    round = models.ForeignKey(AppointmentRound, on_delete=models.CASCADE, related_name="appointments")
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="appointment")
    line = models.ForeignKey("positions.PostLine", on_delete=models.PROTECT, related_name="appointments")
    slot = models.PositiveIntegerField(_("岗位序号"))
    capacity = models.PositiveIntegerField(_("岗位数"))
    contract_kind = models.CharField(_("合同"), max_length=10, choices=ContractKind.choices, blank=True)
    contract_signed_on = models.DateField(_("签订日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("聘用")
        verbose_name_plural = _("聘用")
        ordering = ["line__order", "slot"]
        constraints = [
            models.UniqueConstraint(fields=["line", "slot"], name="uniq_appointment_slot"),
            models.CheckConstraint(
                condition=Q(slot__gte=1) & Q(slot__lte=F("capacity")), name="appointment_slot_within_capacity"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application.person} {self.line} #{self.slot}"


class Objection(TimeStampedModel):
    """An objection received during the notice (RP-08); every one must be resolved before contracts."""

    round = models.ForeignKey(AppointmentRound, on_delete=models.CASCADE, related_name="objections")
    application = models.ForeignKey(
        Application, verbose_name=_("涉及人员"), on_delete=models.CASCADE, related_name="objections"
    )
    received_on = models.DateField(_("收到日期"))
    content = models.TextField(_("反映内容"))
    resolution = models.TextField(_("核查结论"), blank=True)
    resolved_on = models.DateField(_("办结日期"), null=True, blank=True)
    upheld = models.BooleanField(_("反映属实，取消聘用"), default=False)

    class Meta:
        verbose_name = _("公示异议")
        verbose_name_plural = _("公示异议")
        ordering = ["received_on", "id"]

    def __str__(self) -> str:
        return f"{self.application.person} {self.received_on}"
