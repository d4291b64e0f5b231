"""Inputs and outcomes of grading: democratic counts (民主测评), flags with evidence (一票否决, 通报批评 …),
proposals with the committee's decision, and the public notice (公示, RP-08) with its objections."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kaoping.common.models import TimeStampedModel

SUBJECT_XOR = Q(team__isnull=False, cadre__isnull=True) | Q(team__isnull=True, cadre__isnull=False)


class _Subject(TimeStampedModel):
    """A row about exactly one team or one cadre of the round."""

    round = models.ForeignKey("annual.AnnualRound", on_delete=models.CASCADE, related_name="%(class)ss")
    team = models.ForeignKey(
        "annual.Team", null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss"
    )
    cadre = models.ForeignKey(
        "annual.Cadre", null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss"
    )

    class Meta:
        abstract = True

    @property
    def subject(self):
        return self.team if self.team_id else self.cadre

    @property
    def subject_label(self) -> str:
        return str(self.team) if self.team_id else self.cadre.person.name

    def clean(self) -> None:
        if bool(self.team_id) == bool(self.cadre_id):
            raise ValidationError(_("须且只能指定一个班子或一名干部。"))
        subject = self.team if self.team_id else self.cadre
        if self.round_id and subject.round_id != self.round_id:
            raise ValidationError(_("考核对象不属于本轮考核。"))


class DemocraticTally(_Subject):
    """Democratic evaluation counts of one subject for one table: ``main`` (the subject's own table) or
    ``party_building`` (a team's 抓基层党建工作考核民主测评, R002-03). Entered by the organiser or imported
    from a closed 民主测评 round."""

    class Tally(models.TextChoices):
        MAIN = "main", _("民主测评")
        PARTY_BUILDING = "party_building", _("抓基层党建工作民主测评")

    class Source(models.TextChoices):
        MANUAL = "manual", _("手工录入")
        BALLOTS = "ballots", _("民主测评导入")

    tally = models.CharField(_("测评表"), max_length=20, choices=Tally.choices, default=Tally.MAIN)
    counts = models.JSONField(_("各选项票数"), default=dict)
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices, default=Source.MANUAL)
    source_ref = models.CharField(_("来源测评"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("民主测评票数")
        verbose_name_plural = _("民主测评票数")
        constraints = [
            models.CheckConstraint(condition=SUBJECT_XOR, name="annual_tally_one_subject"),
            models.UniqueConstraint(
                fields=["team", "tally"], condition=Q(team__isnull=False), name="uniq_annual_tally_team"
            ),
            models.UniqueConstraint(
                fields=["cadre", "tally"], condition=Q(cadre__isnull=False), name="uniq_annual_tally_cadre"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_label} {self.get_tally_display()}"

    @property
    def total(self) -> int:
        return sum(int(v) for v in self.counts.values())


class Flag(_Subject):
    """A recorded fact that drives grading (R002-03, R002-06): ``name`` is the flag the grading rules read
    (一票否决, 受到师市以上通报批评, 违反政治纪律 …), with evidence."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("手工登记")
        REGISTRY = "registry", _("干部档案（处分与审查）")

    name = models.CharField(_("情形"), max_length=100)
    note = models.CharField(_("说明"), max_length=500)
    evidence = models.FileField(_("佐证材料"), upload_to="annual/evidence/%Y/", blank=True)
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices, default=Source.MANUAL)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("考核情形")
        verbose_name_plural = _("考核情形")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=SUBJECT_XOR, name="annual_flag_one_subject"),
            models.UniqueConstraint(
                fields=["team", "name"], condition=Q(team__isnull=False), name="uniq_annual_flag_team"
            ),
            models.UniqueConstraint(
                fields=["cadre", "name"], condition=Q(cadre__isnull=False), name="uniq_annual_flag_cadre"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_label} {self.name}"


class Proposal(_Subject):
    """The system's proposal for one subject (score with its derivation, grade or status with reasons)
    and the committee's decision. A decision that differs from the proposal, or settles a 需研究确定 /
    incomplete proposal, carries a written reason."""

    class Status(models.TextChoices):
        GRADED = "graded", _("建议等次")
        NOT_GRADED = "not_graded", _("不确定等次")
        NEEDS_DECISION = "needs_decision", _("需研究确定")
        INCOMPLETE = "incomplete", _("资料不全")

    score = models.DecimalField(_("考核得分"), max_digits=7, decimal_places=2, null=True, blank=True)
    derivation = models.JSONField(_("得分计算过程"), default=dict)
    status = models.CharField(_("建议状态"), max_length=20, choices=Status.choices)
    grade = models.CharField(_("建议等次"), max_length=20, blank=True)
    reasons = models.JSONField(_("理由"), default=list)
    choices = models.JSONField(_("可选等次"), default=list)
    rule = models.CharField(_("规则"), max_length=20, blank=True)
    decided_grade = models.CharField(_("确定等次"), max_length=20, blank=True)
    decision_reason = models.TextField(_("调整理由"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("确定时间"), null=True, blank=True)
    streak_flags = models.JSONField(_("连续年度提示"), default=list)
    annual_result = models.ForeignKey(
        "org.AnnualResult", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("等次建议")
        verbose_name_plural = _("等次建议")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=SUBJECT_XOR, name="annual_proposal_one_subject"),
            models.UniqueConstraint(
                fields=["team"], condition=Q(team__isnull=False), name="uniq_annual_proposal_team"
            ),
            models.UniqueConstraint(
                fields=["cadre"], condition=Q(cadre__isnull=False), name="uniq_annual_proposal_cadre"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_label} {self.grade or self.get_status_display()}"

    @property
    def is_overridden(self) -> bool:
        if not self.decided_grade:
            return False
        settled = self.status in (self.Status.GRADED, self.Status.NOT_GRADED)
        return not settled or self.decided_grade != self.grade

    @property
    def effective_grade(self) -> str:
        """The committee's grade, else the system's (for grades read by other subjects)."""
        if self.decided_grade:
            return self.decided_grade
        return self.grade if self.status in (self.Status.GRADED, self.Status.NOT_GRADED) else ""


class Notice(TimeStampedModel):
    """The public notice (公示) of the proposed 优秀 cadres: at least ``working_days`` working days
    (RP-08); objections received must be resolved before the grades are confirmed."""

    round = models.OneToOneField("annual.AnnualRound", on_delete=models.CASCADE, related_name="notice")
    start_date = models.DateField(_("公示开始日期"))
    end_date = models.DateField(_("公示截止日期"))
    working_days = models.PositiveSmallIntegerField(_("公示工作日"))
    text = models.TextField(_("公示说明"), blank=True)
    names = models.JSONField(_("公示名单"), default=list)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("公示")
        verbose_name_plural = _("公示")

    def __str__(self) -> str:
        return f"{self.round} {self.start_date}–{self.end_date}"


class NoticeObjection(TimeStampedModel):
    """An objection received during the notice (RP-08) and how it was resolved."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="objections")
    cadre = models.ForeignKey(
        "annual.Cadre",
        verbose_name=_("涉及干部"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    received_on = models.DateField(_("收到日期"))
    content = models.TextField(_("反映内容"))
    is_resolved = models.BooleanField(_("已处理"), default=False)
    resolution = models.TextField(_("处理结果"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("公示反映")
        verbose_name_plural = _("公示反映")
        ordering = ["received_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_resolved=False) | ~Q(resolution=""), name="annual_objection_resolution"
            )
        ]

    def __str__(self) -> str:
        return f"{self.received_on} {self.content[:20]}"
