"""Related assessments of the round: probation (试用期, R002-07), grassroots training of new civil servants
(基层锻炼, R002-08), reserve cadres at 1:1 (后备干部, R002-09) and the nine-aspect institution staff appraisal
with special bonus points (R002-10)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kaoping.common.models import TimeStampedModel


class Probation(TimeStampedModel):
    """A cadre on probation after a first appointment (试用期满一年考核, R002-07)."""

    class Result(models.TextChoices):
        PASS = "合格", _("合格")
        FAIL = "不合格", _("不合格")

    round = models.ForeignKey("annual.AnnualRound", on_delete=models.CASCADE, related_name="probations")
    person = models.ForeignKey(
        "org.Person", verbose_name=_("干部"), on_delete=models.PROTECT, related_name="+"
    )
    post_title = models.CharField(_("试任职务"), max_length=100)
    former_post = models.CharField(_("试用前职务职级"), max_length=100, blank=True)
    start_date = models.DateField(_("试用开始日期"))
    result = models.CharField(_("考核结果"), max_length=10, choices=Result.choices, blank=True)
    outcome = models.CharField(_("处理意见"), max_length=200, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("试用期考核")
        verbose_name_plural = _("试用期考核")
        ordering = ["start_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="uniq_annual_probation_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.post_title}"


class GrassrootsTraining(TimeStampedModel):
    """A new civil servant's grassroots training assessment (基层锻炼, R002-08)."""

    class Result(models.TextChoices):
        EXCELLENT = "优秀", _("优秀")
        PASS = "合格", _("合格")
        FAIL = "不合格", _("不合格")

    round = models.ForeignKey("annual.AnnualRound", on_delete=models.CASCADE, related_name="trainings")
    person = models.ForeignKey(
        "org.Person", verbose_name=_("新录用公务员"), on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(_("锻炼单位"), max_length=100, blank=True)
    result = models.CharField(
        _("锻炼考核结果"),
        max_length=10,
        choices=Result.choices,
        blank=True,
        help_text=_("未参加锻炼的留空。"),
    )
    may_confirm = models.BooleanField(_("可以转正定级"), default=False)
    outcome = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("基层锻炼考核")
        verbose_name_plural = _("基层锻炼考核")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="uniq_annual_training_person")
        ]

    def __str__(self) -> str:
        return str(self.person)


class ReserveCandidate(TimeStampedModel):
    """A reserve cadre (后备干部) recommended for a unit's head or deputy posts (R002-09)."""

    class PostKind(models.TextChoices):
        HEAD = "head", _("正职后备")
        DEPUTY = "deputy", _("副职后备")

    round = models.ForeignKey("annual.AnnualRound", on_delete=models.CASCADE, related_name="reserves")
    team = models.ForeignKey(
        "annual.Team", verbose_name=_("班子"), on_delete=models.CASCADE, related_name="reserves"
    )
    person = models.ForeignKey(
        "org.Person", verbose_name=_("后备干部"), on_delete=models.PROTECT, related_name="+"
    )
    post_kind = models.CharField(_("后备类别"), max_length=10, choices=PostKind.choices)

    class Meta:
        verbose_name = _("后备干部")
        verbose_name_plural = _("后备干部")
        ordering = ["team", "post_kind", "id"]
        constraints = [models.UniqueConstraint(fields=["team", "person"], name="uniq_annual_reserve_person")]

    def __str__(self) -> str:
        return f"{self.team} {self.person}"


class StaffAppraisal(TimeStampedModel):
    """An institution staff member's appraisal on nine weighted aspects plus special bonus points (R002-10);
    ``derivation`` keeps the computed total with its formula."""

    round = models.ForeignKey("annual.AnnualRound", on_delete=models.CASCADE, related_name="appraisals")
    person = models.ForeignKey(
        "org.Person", verbose_name=_("工作人员"), on_delete=models.PROTECT, related_name="+"
    )
    aspects = models.JSONField(_("各方面得分"), default=dict)
    bonus = models.DecimalField(_("特殊加分"), max_digits=5, decimal_places=2, null=True, blank=True)
    bonus_note = models.CharField(_("加分事由"), max_length=300, blank=True)
    total = models.DecimalField(_("考核得分"), max_digits=6, decimal_places=2, null=True, blank=True)
    derivation = models.JSONField(_("计算过程"), default=dict)

    class Meta:
        verbose_name = _("事业单位工作人员考核")
        verbose_name_plural = _("事业单位工作人员考核")
        ordering = ["-total", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="uniq_annual_appraisal_person")
        ]

    def __str__(self) -> str:
        return str(self.person)
