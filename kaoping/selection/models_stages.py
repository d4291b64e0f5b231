"""Stage inputs entered by hand (the permanent fallback when no 民主测评 round or marking exam is linked)
and the stored results of every stage, each with its derivation and the scheme version it used."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kaoping.common.models import TimeStampedModel


class EvaluationEntry(TimeStampedModel):
    """Democratic-evaluation counts of one candidate (R000-15, R000-16), as tallied by the tellers or
    imported from a closed 民主测评 round: ``counts`` is ``{group: {option: n}}``."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("人工录入")
        BALLOTS = "ballots", _("民主测评系统")

    registration = models.OneToOneField(
        "selection.Registration", on_delete=models.CASCADE, related_name="evaluation_entry"
    )
    counts = models.JSONField(_("各表票数"), default=dict)
    eligible = models.PositiveIntegerField(_("应参加人数"))
    returned = models.PositiveIntegerField(_("实际参加人数"))
    issued_by_group = models.JSONField(_("各表发出票数"), default=dict, blank=True)
    returned_by_group = models.JSONField(_("各表收回票数"), default=dict, blank=True)
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    source_ref = models.CharField(_("来源编号"), max_length=100, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("民主测评票数")
        verbose_name_plural = _("民主测评票数")
        constraints = [
            models.CheckConstraint(
                condition=Q(returned__lte=models.F("eligible")), name="selection_eval_returned_le"
            )
        ]


class ExamMarkEntry(TimeStampedModel):
    """One marker's mark for one item of one candidate's paper (R000-18), entered by the organiser."""

    registration = models.ForeignKey(
        "selection.Registration", on_delete=models.CASCADE, related_name="exam_marks"
    )
    marker = models.CharField(_("阅卷人"), max_length=50)
    item = models.CharField(_("题目"), max_length=50)
    value = models.DecimalField(_("分数"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)])
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("笔试评分")
        verbose_name_plural = _("笔试评分")
        ordering = ["registration", "marker", "item"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "marker", "item"], name="selection_one_exam_mark")
        ]


class InterviewMarkEntry(TimeStampedModel):
    """One examiner's mark for one part of one candidate's interview (R000-20), entered by the organiser."""

    class Role(models.TextChoices):
        CHIEF = "chief", _("主考官")
        EXAMINER = "examiner", _("考官")

    registration = models.ForeignKey(
        "selection.Registration", on_delete=models.CASCADE, related_name="interview_marks"
    )
    examiner = models.CharField(_("考官"), max_length=50)
    role = models.CharField(_("角色"), max_length=10, choices=Role.choices, default=Role.EXAMINER)
    part = models.CharField(_("评分项"), max_length=50)
    value = models.DecimalField(_("分数"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)])
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("面试评分")
        verbose_name_plural = _("面试评分")
        ordering = ["registration", "examiner", "part"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "examiner", "part"], name="selection_one_interview_mark"
            )
        ]


class StageResult(models.Model):
    """The stored result of one stage for one candidate: value, weighted value, rank within the position,
    whether the candidate goes on, and the derivation (kaoping.scoring.trace) that produced it."""

    class Stage(models.TextChoices):
        BASE = "base", _("基础分")
        EVALUATION = "evaluation", _("民主测评")
        EXAM = "exam", _("笔试")
        AFTER_EXAM = "after_exam", _("笔试后加权合计")
        INTERVIEW = "interview", _("面试")
        TOTAL = "total", _("总成绩")

    campaign = models.ForeignKey("selection.Campaign", on_delete=models.CASCADE, related_name="results")
    position = models.ForeignKey(
        "selection.OfferedPosition", on_delete=models.CASCADE, related_name="results"
    )
    registration = models.ForeignKey(
        "selection.Registration", on_delete=models.CASCADE, related_name="results"
    )
    stage = models.CharField(_("阶段"), max_length=20, choices=Stage.choices)
    value = models.DecimalField(_("分数"), max_digits=9, decimal_places=4, null=True, blank=True)
    weighted = models.DecimalField(_("加权分"), max_digits=9, decimal_places=4, null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("名次"), null=True, blank=True)
    is_tied = models.BooleanField(_("并列"), default=False)
    advances = models.BooleanField(_("进入下一环节"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    derivation = models.JSONField(_("计算过程"), default=dict, blank=True)
    scheme_digest = models.CharField(_("方案版本"), max_length=64, blank=True)
    computed_at = models.DateTimeField(_("计算时间"))

    class Meta:
        verbose_name = _("阶段成绩")
        verbose_name_plural = _("阶段成绩")
        ordering = ["position", "stage", "rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "stage"], name="selection_one_result_per_stage")
        ]
        indexes = [models.Index(fields=["campaign", "stage"])]

    def __str__(self) -> str:
        return f"{self.registration} {self.get_stage_display()} {self.value}"


class StageCut(models.Model):
    """The cut at the end of a stage for one position (top 3 to interview R000-19, top 2 to inspection
    R000-21): the engine's reasons, an unresolved tie, and the organiser's recorded resolution."""

    class Cut(models.TextChoices):
        INTERVIEW = "interview", _("进入面试")
        INSPECTION = "inspection", _("确定考察人选")

    position = models.ForeignKey("selection.OfferedPosition", on_delete=models.CASCADE, related_name="cuts")
    cut = models.CharField(_("环节"), max_length=20, choices=Cut.choices)
    reasons = models.JSONField(_("说明"), default=list, blank=True)
    has_unresolved_tie = models.BooleanField(_("存在未处理的并列"), default=False)
    resolution = models.JSONField(_("并列处理结果"), default=list, blank=True)
    resolution_note = models.CharField(_("并列处理依据"), max_length=500, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    computed_at = models.DateTimeField(_("计算时间"))

    class Meta:
        verbose_name = _("环节入围")
        verbose_name_plural = _("环节入围")
        constraints = [models.UniqueConstraint(fields=["position", "cut"], name="selection_one_cut")]

    def __str__(self) -> str:
        return f"{self.position} {self.get_cut_display()}"
