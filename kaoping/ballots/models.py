"""Models of the ballots app (民主测评).

Anonymity (DESIGN "Anonymity and blindness"): :class:`Ballot` and :class:`BallotChoice` have no field or
relation that leads to a :class:`Credential`, a person or a user — no FK, token, hash, IP, user agent or
timestamp; their keys are random UUID4s. A credential stores only the hash of its code.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kaoping.common.models import TimeStampedModel


class EvaluationRound(TimeStampedModel):
    """One democratic evaluation: its ballot template, voter groups, subjects and lifecycle."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("准备中")
        OPEN = "open", _("投票中")
        CLOSED = "closed", _("已结束")

    title = models.CharField(_("名称"), max_length=200)
    purpose = models.CharField(_("用途"), max_length=200, blank=True)
    is_test = models.BooleanField(_("测试轮次"), default=False)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    preset_key = models.CharField(_("模板来源"), max_length=100, blank=True)
    template = models.JSONField(_("测评票模板"), default=dict)
    participation_threshold = models.DecimalField(
        _("参加率要求"), max_digits=5, decimal_places=4, default="0.8000"
    )
    min_group_size = models.PositiveIntegerField(_("分组明细最少票数"), default=5)
    allow_abstain = models.BooleanField(_("允许弃权"), default=False)
    paper_double_entry = models.BooleanField(_("纸质票双人录入"), default=False)
    external_ref = models.CharField(_("外部引用"), max_length=100, blank=True, db_index=True)
    code_salt = models.CharField(max_length=64, editable=False)
    opened_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("测评轮次")
        verbose_name_plural = _("测评轮次")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participation_threshold__gte=0) & Q(participation_threshold__lte=1),
                name="ballots_round_threshold_range",
            ),
            models.CheckConstraint(condition=Q(min_group_size__gte=1), name="ballots_round_min_group_ge1"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "open", "closed"]), name="ballots_round_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(opened_at__isnull=False), name="ballots_round_opened_at"
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False), name="ballots_round_closed_at"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class VoterGroup(models.Model):
    """A voter group / table (A 表, B 表): its points and how many should take part."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="groups")
    key = models.CharField(_("代号"), max_length=20)
    label = models.CharField(_("名称"), max_length=100)
    points = models.DecimalField(_("分值"), max_digits=7, decimal_places=2)
    eligible = models.PositiveIntegerField(_("应参加人数"), default=0)
    paper_issued = models.PositiveIntegerField(_("发出纸质票数"), default=0)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("投票组")
        verbose_name_plural = _("投票组")
        ordering = ["round", "order", "key"]
        constraints = [
            models.UniqueConstraint(fields=["round", "key"], name="ballots_group_key_unique"),
            models.CheckConstraint(condition=Q(points__gt=0), name="ballots_group_points_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.label}"


class Subject(models.Model):
    """Who or what is evaluated: a candidate, a leadership team or a cadre."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="subjects")
    label = models.CharField(_("测评对象"), max_length=200)
    person = models.ForeignKey(
        "org.Person",
        verbose_name=_("人员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    external_ref = models.CharField(_("外部引用"), max_length=100, blank=True)
    order = models.PositiveIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("测评对象")
        verbose_name_plural = _("测评对象")
        ordering = ["round", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "label"], name="ballots_subject_label_unique"),
            models.UniqueConstraint(
                fields=["round", "person"],
                condition=Q(person__isnull=False),
                name="ballots_subject_person_once",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Credential(models.Model):
    """A one-time voting code, stored only as a keyed hash. ``is_used`` flips once (conditional update)."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="credentials")
    group = models.ForeignKey(VoterGroup, on_delete=models.CASCADE, related_name="credentials")
    code_hash = models.CharField(max_length=64, unique=True)
    is_used = models.BooleanField(_("已使用"), default=False)
    is_burned_on_paper = models.BooleanField(_("纸质票已录入"), default=False)

    class Meta:
        verbose_name = _("投票凭证")
        verbose_name_plural = _("投票凭证")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_burned_on_paper=False) | Q(is_used=True),
                name="ballots_credential_burned_is_used",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group.key} #{self.pk}"


class Ballot(models.Model):
    """One returned ballot: round, group and whether it came on paper. Nothing that leads to a voter."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="ballots")
    group = models.ForeignKey(VoterGroup, on_delete=models.CASCADE, related_name="ballots")
    is_paper = models.BooleanField(_("纸质票"), default=False)

    class Meta:
        verbose_name = _("测评票")
        verbose_name_plural = _("测评票")
        indexes = [models.Index(fields=["round", "group"])]

    def __str__(self) -> str:
        return str(_("测评票"))


class BallotChoice(models.Model):
    """The option a ballot chose for one subject and item (no row = abstained, when allowed)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="+")
    item = models.CharField(max_length=40)
    option = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "subject", "item"], name="ballots_choice_once"),
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.option}"


class PaperReturn(models.Model):
    """Paper ballots of one group collected and counted by a teller (entry 1, or 2 for double entry)."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="paper_returns")
    group = models.ForeignKey(VoterGroup, on_delete=models.CASCADE, related_name="paper_returns")
    entry_no = models.PositiveSmallIntegerField(_("录入次序"), default=1)
    returned = models.PositiveIntegerField(_("收回票数"), default=0)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "group", "entry_no"], name="ballots_paper_return_once"),
            models.CheckConstraint(condition=Q(entry_no__in=[1, 2]), name="ballots_paper_return_entry_no"),
        ]

    def __str__(self) -> str:
        return f"{self.group_id} #{self.entry_no}: {self.returned}"


class PaperTally(models.Model):
    """A teller's count for one subject, item, option and group (entry 1, or 2 for double entry)."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="paper_tallies")
    group = models.ForeignKey(VoterGroup, on_delete=models.CASCADE, related_name="paper_tallies")
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="paper_tallies")
    item = models.CharField(max_length=40)
    option = models.CharField(max_length=40)
    entry_no = models.PositiveSmallIntegerField(_("录入次序"), default=1)
    count = models.PositiveIntegerField(_("票数"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "group", "subject", "item", "option", "entry_no"],
                name="ballots_paper_tally_once",
            ),
            models.CheckConstraint(condition=Q(entry_no__in=[1, 2]), name="ballots_paper_tally_entry_no"),
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.option}: {self.count}"
