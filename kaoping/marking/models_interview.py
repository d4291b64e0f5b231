"""Interview models (面试, R000-20, RP-01, RP-03): the interview and its parts (or elements, 测评要素),
panels of 7–9 examiners with one chief (主考官) and at least one from outside, candidates with their drawn
order, and each examiner's marks (locked on submit; a correction supersedes and keeps the old row)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kaoping.common.models import TimeStampedModel
from kaoping.marking.models_base import RoundingFields
from kaoping.org.models import Person


class OverallMeanChoice(models.TextChoices):
    MEAN_OF_MEANS = "mean_of_means", _("各组平均分的平均")
    POOLED = "pooled", _("全部考生平均分")


class Interview(RoundingFields, TimeStampedModel):
    class Status(models.TextChoices):
        SETUP = "setup", _("准备")
        SCORING = "scoring", _("评分中")
        CLOSED = "closed", _("评分结束")

    title = models.CharField(_("面试名称"), max_length=200)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.SETUP)
    trim_k = models.PositiveSmallIntegerField(_("去掉最高、最低分各几个"), default=1)
    per_element = models.BooleanField(_("按测评要素分别去高去低（RP-01）"), default=False)
    panel_min = models.PositiveSmallIntegerField(_("考官组最少人数"), default=7)
    panel_max = models.PositiveSmallIntegerField(_("考官组最多人数"), default=9)
    correction_overall = models.CharField(
        _("修正系数的总平均分"),
        max_length=20,
        choices=OverallMeanChoice.choices,
        default=OverallMeanChoice.MEAN_OF_MEANS,
    )
    correction_trim_k = models.PositiveSmallIntegerField(_("计算组平均分时去掉最高、最低各几名"), default=0)
    external_ref = models.CharField(_("外部引用"), max_length=100, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("面试")
        verbose_name_plural = _("面试")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class InterviewPart(models.Model):
    """A part (个人陈述 40, 竞岗答辩 60) or an element (测评要素) with its maximum."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="parts")
    key = models.CharField(_("代码"), max_length=30)
    label = models.CharField(_("名称"), max_length=100)
    max_score = models.DecimalField(_("满分"), max_digits=6, decimal_places=2)
    order = models.PositiveIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("面试评分项")
        verbose_name_plural = _("面试评分项")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "key"], name="marking_part_key_unique"),
            models.CheckConstraint(condition=Q(max_score__gt=0), name="marking_part_max_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.label}（{self.max_score}）"


class Panel(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="panels")
    name = models.CharField(_("考官组"), max_length=100)
    order = models.PositiveIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("考官组")
        verbose_name_plural = _("考官组")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "name"], name="marking_panel_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class PanelMember(models.Model):
    class Role(models.TextChoices):
        CHIEF = "chief", _("主考官")
        OUTSIDE = "outside", _("外单位考官")
        REGULAR = "regular", _("考官")

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("身份"), max_length=20, choices=Role.choices, default=Role.REGULAR)
    seat = models.PositiveSmallIntegerField(_("考官席位"), default=0)

    class Meta:
        verbose_name = _("考官")
        verbose_name_plural = _("考官")
        ordering = ["seat", "id"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "user"], name="marking_member_unique"),
            models.UniqueConstraint(
                fields=["panel"], condition=Q(role="chief"), name="marking_member_one_chief"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.panel} {self.user}"

    @property
    def label(self) -> str:
        """How the examiner appears in traces: "考官3" (or "主考官")."""
        return str(_("主考官")) if self.role == self.Role.CHIEF else f"{_('考官')}{self.seat}"


class InterviewCandidate(TimeStampedModel):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="candidates")
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="candidates")
    person = models.ForeignKey(Person, verbose_name=_("考生"), on_delete=models.PROTECT, related_name="+")
    external_ref = models.CharField(_("外部引用"), max_length=100, blank=True, db_index=True)
    group = models.CharField(
        _("岗位分组"),
        max_length=100,
        blank=True,
        help_text=_("同一岗位的考生分在多个考官组时，按此分组计算修正系数（RP-03）。"),
    )
    order_no = models.PositiveIntegerField(_("面试顺序"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("主考官确认时间"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("面试考生")
        verbose_name_plural = _("面试考生")
        ordering = ["panel__order", "order_no", "id"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "person"], name="marking_icand_person_unique"),
            models.UniqueConstraint(fields=["panel", "order_no"], name="marking_icand_order_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.panel} {self.order_no or '-'}"


class InterviewMark(models.Model):
    """One examiner's marks for one candidate: ``values`` part key → mark (strings of Decimals)."""

    candidate = models.ForeignKey(InterviewCandidate, on_delete=models.CASCADE, related_name="marks")
    member = models.ForeignKey(PanelMember, on_delete=models.PROTECT, related_name="marks")
    values = models.JSONField(_("分项分数"), default=dict)
    total = models.DecimalField(_("合计"), max_digits=7, decimal_places=2)
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    is_superseded = models.BooleanField(_("已作废"), default=False)
    superseded_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    superseded_reason = models.CharField(_("更正原因"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("面试评分")
        verbose_name_plural = _("面试评分")
        ordering = ["candidate_id", "member__seat", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "member"],
                condition=Q(is_superseded=False),
                name="marking_imark_one_live",
            ),
            models.CheckConstraint(condition=Q(total__gte=0), name="marking_imark_nonneg"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} {self.member.label} {self.total}"
