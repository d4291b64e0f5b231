"""Leaders' links to departments (R003-07) and bonus pay runs (R003-06) with one line per person."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kaoping.common.models import TimeStampedModel


class LeaderRole(models.TextChoices):
    CHAIR = "chair", _("主席")
    EXECUTIVE = "executive", _("常务副主席")
    VICE = "vice", _("副主席")


class LeaderLink(TimeStampedModel):
    """A member of the leadership team and the departments they supervise (分管部门)."""

    scheme = models.ForeignKey(
        "assessment.AssessmentScheme", on_delete=models.CASCADE, related_name="leader_links"
    )
    person = models.ForeignKey(
        "org.Person", verbose_name=_("班子成员"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("职务"), max_length=20, choices=LeaderRole.choices)
    supervised = models.ManyToManyField(
        "assessment.UnitAssessment", verbose_name=_("分管部门"), blank=True, related_name="leaders"
    )

    class Meta:
        verbose_name = _("班子成员挂钩")
        verbose_name_plural = _("班子成员挂钩")
        ordering = ["scheme", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "person"], name="uniq_leader_scheme_person"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.person}"


class PayRun(TimeStampedModel):
    """A computation of the target bonus for everyone of a scheme; its inputs are kept with it."""

    scheme = models.ForeignKey(
        "assessment.AssessmentScheme", on_delete=models.CASCADE, related_name="pay_runs"
    )
    bonus_scheme = models.JSONField(_("奖金规则"), default=dict)
    forfeited = models.JSONField(_("取消目标奖人员"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("奖金核算")
        verbose_name_plural = _("奖金核算")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.scheme} {self.created_at:%Y-%m-%d %H:%M}"


class PayLine(models.Model):
    """One person's target bonus: the score it follows, the amount and its derivation."""

    run = models.ForeignKey(PayRun, on_delete=models.CASCADE, related_name="lines")
    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+")
    basis = models.CharField(_("挂钩依据"), max_length=100)
    score = models.DecimalField(_("挂钩得分"), max_digits=7, decimal_places=2, null=True, blank=True)
    is_forfeited = models.BooleanField(_("因旷工取消"), default=False)
    amount = models.DecimalField(_("目标管理奖金"), max_digits=10, decimal_places=2, null=True, blank=True)
    derivation = models.JSONField(_("计算过程"), default=dict)

    class Meta:
        verbose_name = _("奖金明细")
        verbose_name_plural = _("奖金明细")
        ordering = ["run", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "person"], name="uniq_payline_run_person"),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="payline_amount_nonnegative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.amount}"
