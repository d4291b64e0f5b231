"""Models of the marking app: written exams (笔试) with blind codes, markers and marks, and draws (抽签).

Interviews live in ``models_interview`` (imported at the bottom so Django registers them).

Blindness (DESIGN.md "Anonymity and blindness"): a :class:`Mark` refers to an :class:`ExamCandidate`, whose
``blind_code`` is all a marker ever sees; views and the API for markers read marks through selectors that
return codes only. The code↔candidate key (``ExamCandidate.person``) is shown only after the organiser
opens it, which the service audits.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kaoping.common.models import TimeStampedModel
from kaoping.marking.models_base import RoundingChoice, RoundingFields  # noqa: F401
from kaoping.org.models import Person


class MarkingMode(models.TextChoices):
    """RP-04 presets; 1评 with several markers = the seed's mean of all assigned markers (R000-18)."""

    SINGLE = "1评", _("1评（每位阅卷人均评，取平均分）")
    TWO_PLUS_ONE = "2+1", _("双评 2+1")
    TWO_PLUS_ONE_PLUS_ONE = "2+1+1", _("双评 2+1+1")


class ToleranceKind(models.TextChoices):
    ABSOLUTE = "absolute", _("分值")
    PERCENT = "percent", _("满分的百分比")


class WrittenExam(RoundingFields, TimeStampedModel):
    class Status(models.TextChoices):
        SETUP = "setup", _("准备")
        MARKING = "marking", _("阅卷中")
        CLOSED = "closed", _("阅卷结束")
        KEY_OPENED = "key_opened", _("已拆封密号")

    title = models.CharField(_("考试名称"), max_length=200)
    marking_mode = models.CharField(
        _("评分方式"), max_length=10, choices=MarkingMode.choices, default=MarkingMode.SINGLE
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.SETUP)
    external_ref = models.CharField(_("外部引用"), max_length=100, blank=True, db_index=True)
    code_prefix = models.CharField(_("密号前缀"), max_length=10, blank=True, default="M")
    closed_at = models.DateTimeField(_("阅卷结束时间"), null=True, blank=True)
    key_opened_at = models.DateTimeField(_("拆封时间"), null=True, blank=True)
    key_opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("笔试")
        verbose_name_plural = _("笔试")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_key_open(self) -> bool:
        return self.status == self.Status.KEY_OPENED


class ExamItem(models.Model):
    """A question (题) with its maximum and double-marking tolerance (RP-04)."""

    exam = models.ForeignKey(WrittenExam, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(_("题号"), max_length=30)
    label = models.CharField(_("题目"), max_length=100)
    max_score = models.DecimalField(_("满分"), max_digits=6, decimal_places=2)
    tolerance = models.DecimalField(_("误差"), max_digits=6, decimal_places=2, default=0)
    tolerance_kind = models.CharField(
        _("误差方式"), max_length=10, choices=ToleranceKind.choices, default=ToleranceKind.ABSOLUTE
    )
    order = models.PositiveIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("试题")
        verbose_name_plural = _("试题")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["exam", "key"], name="marking_item_key_unique"),
            models.CheckConstraint(condition=Q(max_score__gt=0), name="marking_item_max_positive"),
            models.CheckConstraint(condition=Q(tolerance__gte=0), name="marking_item_tolerance_nonneg"),
        ]

    def __str__(self) -> str:
        return f"{self.label}（{self.max_score}）"


class ExamCandidate(TimeStampedModel):
    """A candidate of the exam. ``blind_code`` (密号) is what markers see; ``person`` is the sealed key."""

    exam = models.ForeignKey(WrittenExam, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey(Person, verbose_name=_("考生"), on_delete=models.PROTECT, related_name="+")
    external_ref = models.CharField(_("外部引用"), max_length=100, blank=True, db_index=True)
    seat_no = models.PositiveIntegerField(_("座位号"), null=True, blank=True)
    blind_code = models.CharField(_("密号"), max_length=20, null=True, blank=True)

    class Meta:
        verbose_name = _("笔试考生")
        verbose_name_plural = _("笔试考生")
        ordering = ["seat_no", "id"]
        constraints = [
            models.UniqueConstraint(fields=["exam", "person"], name="marking_candidate_person_unique"),
            models.UniqueConstraint(fields=["exam", "seat_no"], name="marking_candidate_seat_unique"),
            models.UniqueConstraint(fields=["exam", "blind_code"], name="marking_candidate_code_unique"),
        ]

    def __str__(self) -> str:
        # Deliberately the code, never the name: this text lands in audit rows and logs.
        return self.blind_code or f"#{self.pk}"


class MarkerAssignment(models.Model):
    """A marker (or arbitrator, 仲裁) assigned to one item, or to the whole paper when ``item`` is empty."""

    class Role(models.TextChoices):
        MARKER = "marker", _("阅卷人")
        ARBITRATOR = "arbitrator", _("仲裁人")

    exam = models.ForeignKey(WrittenExam, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(ExamItem, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.MARKER)

    class Meta:
        verbose_name = _("阅卷分工")
        verbose_name_plural = _("阅卷分工")
        ordering = ["exam", "user_id", "item_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["exam", "user", "item", "role"], name="marking_assignment_unique"
            ),
            models.UniqueConstraint(
                fields=["exam", "user", "role"],
                condition=Q(item__isnull=True),
                name="marking_assignment_paper_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.item or _('整卷')}"


class Mark(models.Model):
    """One marker's score for one item of one paper. Submitted marks are locked; a correction supersedes the
    row (kept, with the reason and who unlocked it) and the marker enters a new one.
    ``kind = arbitration`` is the arbitrator's (仲裁) final mark (RP-04)."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("评分")
        ARBITRATION = "arbitration", _("仲裁")

    exam = models.ForeignKey(WrittenExam, on_delete=models.CASCADE, related_name="marks")
    candidate = models.ForeignKey(ExamCandidate, on_delete=models.CASCADE, related_name="marks")
    item = models.ForeignKey(ExamItem, on_delete=models.CASCADE, related_name="marks")
    marker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    round = models.PositiveSmallIntegerField(_("评次"), default=1)
    value = models.DecimalField(_("分数"), max_digits=6, decimal_places=2)
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    is_superseded = models.BooleanField(_("已作废"), default=False)
    superseded_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    superseded_reason = models.CharField(_("更正原因"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("评分")
        verbose_name_plural = _("评分")
        ordering = ["candidate_id", "item_id", "round", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "item", "marker", "kind"],
                condition=Q(is_superseded=False),
                name="marking_mark_one_live_per_marker",
            ),
            models.UniqueConstraint(
                fields=["candidate", "item", "kind", "round"],
                condition=Q(is_superseded=False),
                name="marking_mark_one_live_per_round",
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="marking_mark_nonneg"),
        ]
        indexes = [models.Index(fields=["exam", "is_superseded"])]

    def __str__(self) -> str:
        return f"{self.candidate} {self.item.key if self.item_id else ''} {self.value}"


class Draw(TimeStampedModel):
    """A verifiable draw (抽签, R000-22): the commitment (SHA-256 of the seed) is published first, the seed
    after, so anyone can re-run :func:`kaoping.scoring.draws.draw` on ``items`` and compare ``order``."""

    class Kind(models.TextChoices):
        EXAM_SEATS = "exam_seats", _("笔试座位抽签")
        EXAM_CODES = "exam_codes", _("密号抽签")
        INTERVIEW_ORDER = "interview_order", _("面试顺序抽签")

    class Status(models.TextChoices):
        COMMITTED = "committed", _("已公布承诺值")
        DRAWN = "drawn", _("已抽签")
        REVEALED = "revealed", _("已公布种子")

    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.COMMITTED)
    exam = models.ForeignKey(
        WrittenExam, null=True, blank=True, on_delete=models.CASCADE, related_name="draws"
    )
    panel = models.ForeignKey(
        "marking.Panel", null=True, blank=True, on_delete=models.CASCADE, related_name="draws"
    )
    commitment = models.CharField(_("承诺值（种子的SHA-256）"), max_length=64)
    secret_seed = models.CharField(max_length=128, editable=False)  # never rendered before reveal
    seed = models.CharField(_("种子"), max_length=128, blank=True)
    items = models.JSONField(_("抽签对象"), default=list, blank=True)
    order = models.JSONField(_("抽签结果"), default=list, blank=True)
    digest = models.CharField(_("结果摘要"), max_length=64, blank=True)
    drawn_at = models.DateTimeField(_("抽签时间"), null=True, blank=True)
    revealed_at = models.DateTimeField(_("公布种子时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("抽签")
        verbose_name_plural = _("抽签")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(exam__isnull=False) | Q(panel__isnull=False), name="marking_draw_has_target"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.commitment[:12]}"


from kaoping.marking.models_interview import (  # noqa: E402,F401
    Interview,
    InterviewCandidate,
    InterviewMark,
    InterviewPart,
    Panel,
    PanelMember,
)
